"""False statements by substitution: another year, day, city, country or measured number in the same slot.

A substituted statement is false only when the passage rules the other value out. That holds for a
functional relation of the predicate: a person is born in one place and one year, a city is founded in
one year, a lake has one depth. So a value is a *slot* only when

- the main predicate is in :data:`FUNCTIONAL` and determines the value's type («родился в 1799 году»,
  «основан в Москве», «глубина составляет 1642 метра»), not when it merely relates to it («выступал в
  Москве», «бывал в Казани»);
- the value stands where the relation puts it: «в 1799 году», «6 июня 1799 года», «в Москве», «составляет
  1642 метра», not in a range, an approximation («около», «более», «до»), a list, or a phrase a participle
  or gerund may govern;
- it is the only value of its type in the sentence, and appears once in the whole source text.

The substitute comes from the values of the same type found in the corpus (:class:`ValuePool`), else from
a built-in list (places) or a shift of the original (years, days, numbers); it differs clearly from the
original, appears nowhere in the source text, and is inflected into the slot's case and number.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from augment.rules.lexicon import (
    APPROXIMATE_AFTER,
    BOUNDS,
    CAPITALS,
    CITIES,
    CITY_NOUNS,
    COORDINATORS,
    COUNTED,
    COUNTRIES,
    DASHES,
    FUNCTIONAL,
    IN,
    IN_FORMS,
    IN_VO,
    LIST_JOINERS,
    MEASURE_VERBS,
    MEASURES,
    MONTHS_GENITIVE,
    MONTHS_LOCATIVE,
    MULTIPLIERS,
    PERIOD_PARTS,
    PLACE,
    RANGE_AFTER,
    RELATIONS,
    RELEASE,
    RELEASE_VERB,
    REPEATABLE_PHRASES,
    SEASONS,
    VALUE_CLAUSES,
    VO_BEFORE,
    VOWELS,
    YE,
    YEAR_ABBREVIATION,
    YEAR_GENITIVE,
    YEAR_LOCATIVE,
    YEAR_WORDS,
    YO,
)
from augment.rules.morphology import Morphology, match_case
from augment.rules.places import place_type, same_place
from augment.rules.reasons import DeclineReason
from augment.rules.statements import Statement
from augment.rules.tokens import Token, day_and_month, has_phrase

YEAR_SHIFT = (3, 60)  # a substituted year differs from the original by this many years
RATIO = (0.75, 1.34)  # a substituted number lies outside this ratio to the original
NUMBER_FACTORS = (0.4, 0.5, 0.6, 1.5, 2.0, 2.5, 3.0)
MAX_YEAR = 2024
_NUMBER = re.compile(r"^\d+(?:,\d+)?$")
_RAW_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?")


@dataclass(frozen=True, slots=True)
class Value:
    """A number, date or place in a token list.

    ``type``: year, day, city, country or ``number:<unit>``; ``value``: its normal form («1799», «москва»,
    «1642»); ``start``/``stop``: the tokens a substitute replaces; ``case``: the case of a place name;
    ``agreeing``: the word that agrees with a number («метра», «тысяч»), when it inflects; ``relation``:
    the noun or verb that makes a place name the value of a function whatever the main predicate
    («столица Франции», «уроженец Казани», «принадлежит Дании»).
    """

    type: str
    value: str
    start: int
    stop: int
    case: str | None = None
    agreeing: int | None = None
    relation: str | None = None

    @property
    def kind(self) -> str:
        """The type without its unit: year, day, city, country, number."""
        return self.type.split(":")[0]


@dataclass(frozen=True, slots=True)
class Substitution:
    """The statement's tokens with the value replaced, and what replaced what."""

    tokens: list[Token]
    shift: int  # how many tokens the replacement added (the predicate after the slot moves by as many)
    value: Value
    old: str  # the replaced text («Москве», «1799», «1642»)
    new: str  # the text put in its place («Казани», «1812», «2 463»)
    new_value: str  # the new value's normal form («казань», «1812», «2463»)
    source: str  # corpus, list (a built-in list of places) or shift (a shifted number)


class SourceFacts:
    """The numbers and word forms of a whole source text, to tell whether a value appears elsewhere
    (counted on first use: most passages never ask)."""

    def __init__(self, text: str):
        self.text = text
        self._numbers: Counter[str] | None = None
        self._lower: str | None = None

    @property
    def numbers(self) -> Counter[str]:
        if self._numbers is None:
            self._numbers = Counter(_number_key(m.group()) for m in _RAW_NUMBER.finditer(self.text))
        return self._numbers

    def count_place(self, lemma: str, morph: Morphology) -> int:
        """How often any form of the place name ``lemma`` occurs."""
        if self._lower is None:
            self._lower = self.text.lower().replace(YO, YE)
        return len(place_pattern(lemma, morph).findall(self._lower))


# --- finding values -----------------------------------------------------------------------------------


def find_values(tokens: list[Token], morph: Morphology) -> Iterator[Value]:
    """Every year, day of a date, listed place in the locative (or after a dash) and number with a unit."""
    n = len(tokens)
    i = 0
    while i < n:
        token = tokens[i]
        text = token.text
        if text[:1].isdigit() and _NUMBER.match(text):
            found = _number_value(tokens, i, morph)
            if found is not None:
                yield found
                i = found.stop
                continue
        elif text[:1].isupper() and token.is_word:
            found = _place_value(tokens, i, morph)
            if found is not None:
                yield found
        i += 1


def _number_value(tokens: list[Token], i: int, morph: Morphology) -> Value | None:
    """The year («1799 году»), day («6 июня») or measured number («1642 метра», «12 345 человек», «5 %»,
    «3 тыс. человек») at ``i``, or None."""
    n = len(tokens)
    text = tokens[i].text
    after = tokens[i + 1].lower if i + 1 < n else ""
    if len(text) == 4 and text.isdigit() and 1000 <= int(text) <= 2100 and after in YEAR_WORDS:
        return Value("year", text, i, i + 1)
    if day_and_month(tokens, i):
        return Value("day", str(int(text)), i, i + 1)
    stop = i + 1  # «12 345»: groups of three digits
    while text.isdigit() and stop < n and tokens[stop].space and len(tokens[stop].text) == 3 and \
            tokens[stop].text.isdigit():
        stop += 1
    if stop >= n:
        return None
    return _measured(tokens, i, stop, morph)


def _measured(tokens: list[Token], i: int, stop: int, morph: Morphology) -> Value | None:
    """The number ``tokens[i:stop]`` with its unit at ``stop`` (a percent sign, a noun, a multiplier and a
    noun), or None."""
    value = _number_key("".join(t.text for t in tokens[i:stop]))
    unit = tokens[stop]
    if unit.text == "%":
        return Value("number:%", value, i, stop)
    if not unit.is_word:
        return None
    word = morph.word(unit.text)
    if unit.lower in MULTIPLIERS:
        if stop + 1 >= len(tokens) or not tokens[stop + 1].is_word:
            return None
        key = f"{word.top.lemma} {morph.word(tokens[stop + 1].text).top.lemma}"
        return Value(f"number:{key}", value, i, stop, agreeing=None if word.abbr else stop)
    if word.pos != "NOUN" or not word.known:
        return None
    return Value(f"number:{word.top.lemma}", value, i, stop, agreeing=None if word.abbr or word.has("Fixd") else stop)


def _place_value(tokens: list[Token], i: int, morph: Morphology) -> Value | None:
    before = tokens[i - 1].lower if i else ""
    relation = None
    if before in IN_FORMS:
        case = "loct"
    elif before in DASHES:
        case = "nomn"
    elif before in CITY_NOUNS and i >= 2 and tokens[i - 2].lower in IN_FORMS:
        case = "loct"
    elif i and (relation := _relation(morph.word(tokens[i - 1].text).top.lemma)) is not None:
        case = RELATIONS[relation][0]
    else:
        return None
    for parse in morph.word(tokens[i].text).parses:
        if parse.pos == "NOUN" and "Geox" in parse.grammemes and parse.case == case and parse.number == "sing":
            kind = place_type(parse.lemma)
            if kind is None or (before in CITY_NOUNS and kind != "city"):
                continue
            if relation is not None and kind not in RELATIONS[relation][1]:
                continue
            return Value(kind, parse.lemma, i, i + 1, case=case, relation=relation)
    return None


def _relation(lemma: str) -> str | None:
    return _RELATION_OF.get(lemma)


_RELATION_OF = {lemma: name for name, (_, _, lemmas) in RELATIONS.items() for lemma in lemmas}


def _number_key(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]", "", text)


# --- which values are slots ---------------------------------------------------------------------------


def find_slots(statement: Statement, facts: SourceFacts, morph: Morphology,
               values: list[Value] | None = None) -> tuple[list[Value], DeclineReason | None]:
    """The values of ``statement`` a substitution may replace, and why none can when there are values but
    no slot (None when there are no values at all). ``values``: its :func:`find_values`, when known."""
    if values is None:
        values = list(find_values(statement.tokens, morph))
    values = [v for v in values if statement.syntax.main[v.start]]
    if not values:
        return [], None
    lemma, allowed = functional_types(statement)
    if not allowed and all(v.relation is None for v in values):
        return [], DeclineReason.PREDICATE_NOT_FUNCTIONAL
    subject = statement.subject
    if subject.start > statement.clause.pred and not statement.syntax.words[subject.head].proper:
        # «в 1947 году произошло землетрясение»: a subject after the predicate is new, often indefinite
        # information (there may have been others), unless it is a name
        return [], DeclineReason.INDEFINITE_SUBJECT_AFTER_PREDICATE
    kinds = Counter(v.kind for v in values)
    slots = []
    reasons = []
    for value in values:
        kind = value.kind
        if statement.subject.start <= value.start < statement.subject.stop:
            reasons.append(DeclineReason.VALUE_INSIDE_SUBJECT)  # «житель столицы Франции»: another subject
        elif kind not in allowed and value.relation is None:
            reasons.append(DeclineReason.PREDICATE_NOT_FUNCTIONAL)
        elif kinds[kind] > 1 or (kind == "year" and kinds["day"] > 1) or (kind == "day" and kinds["year"] > 1):
            reasons.append(DeclineReason.SEVERAL_VALUES_OF_A_TYPE)
        elif (problem := _context_problem(statement, value, lemma)) is not None:
            reasons.append(problem)
        elif _occurrences(value, facts, morph) != 1:
            reasons.append(DeclineReason.VALUE_REPEATED_IN_PASSAGE)
        else:
            slots.append(value)
    return slots, (None if slots else Counter(reasons).most_common(1)[0][0])


def functional_types(statement: Statement) -> tuple[str | None, frozenset[str]]:
    """The lemma of the main predicate and the value types it determines."""
    sx, clause = statement.syntax, statement.clause
    head = sx.words[statement.subject.head].top.lemma
    if clause.kind == "null_copula":
        if head in MEASURES:
            return "—", frozenset({"number"})
        if head in CAPITALS:
            return "—", frozenset({"city"})
        return None, frozenset()
    lemma = _predicate_lemma(statement)
    allowed = FUNCTIONAL.get(lemma or "", frozenset())
    if lemma in MEASURE_VERBS and head not in MEASURES:
        return lemma, frozenset()
    lowers = [t.lower for t in sx.tokens]
    if (lemma == RELEASE_VERB and not has_phrase(lowers, RELEASE)) or has_phrase(lowers, REPEATABLE_PHRASES):
        return lemma, frozenset()
    return lemma, allowed


def _predicate_lemma(statement: Statement) -> str | None:
    """The lexical predicate: the participle of «был основан», else the predicate word itself."""
    sx, clause = statement.syntax, statement.clause
    if clause.kind == "copula":
        for j in range(len(sx.tokens)):
            if sx.main[j] and not sx.in_pp[j] and sx.words[j].pos == "PRTS":
                return sx.words[j].top.lemma
        return None
    if clause.kind not in ("verb", "short_form"):
        return None
    word = sx.words[clause.pred]
    for parse in word.parses:
        if parse.pos in ("VERB", "PRTS"):
            return parse.lemma
    return None


def _context_problem(statement: Statement, value: Value, lemma: str | None) -> DeclineReason | None:
    """Why ``value`` does not stand where the relation puts it, or None: the check of its kind in
    :data:`CONTEXT_CHECKS`, after one for participles and gerunds that may govern a date or a place."""
    sx, kind = statement.syntax, value.kind
    if kind in ("year", "day", "city", "country") and any(
            sx.main[j] and sx.words[j].pos in ("PRTF", "GRND") for j in range(len(statement.tokens))):
        return DeclineReason.PARTICIPLE_OR_GERUND_MAY_GOVERN_VALUE
    return CONTEXT_CHECKS[kind](statement, value, lemma)


def number_context(statement: Statement, value: Value, lemma: str | None) -> DeclineReason | None:
    """«составляет 1642 метра», «глубина — 1642 м»: right after the predicate (or the dash), no range after."""
    lowers = [t.lower for t in statement.tokens]
    before = value.start - 1
    if before < 0 or not (before == statement.clause.pred or (lowers[before] in DASHES and lemma == "—")):
        return DeclineReason.NUMBER_NOT_PREDICATE_VALUE
    end = value.stop + (1 if value.type != "number:%" else 0)
    if value.type.count(" "):
        end += 1
    return _after_value(lowers, end)


def place_context(statement: Statement, value: Value, lemma: str | None) -> DeclineReason | None:
    """«в Казани»: one whole name, not in a list."""
    tokens = statement.tokens
    n, end = len(tokens), value.stop
    lowers = [t.lower for t in tokens]
    if end < n and tokens[end].is_word and tokens[end].text[:1].isupper():
        return DeclineReason.MULTI_WORD_NAME
    listed_before = value.start >= 2 and lowers[value.start - 2] in COORDINATORS
    if (end < n and lowers[end] in LIST_JOINERS) or listed_before:
        return DeclineReason.LIST_OF_VALUES
    if end < n and (lowers[end] in DASHES or tokens[end].text.startswith("-")):
        return DeclineReason.MULTI_WORD_NAME
    return None


def date_context(statement: Statement, value: Value, lemma: str | None) -> DeclineReason | None:
    """Year or day of a date: «в 1799 году», «6 июня 1799 года», «в июне 1799 года», «в конце 1799 года»;
    no bound before it and no range after it."""
    tokens = statement.tokens
    lowers = [t.lower for t in tokens]
    if value.kind == "year":
        start = _year_start(tokens, lowers, value.start)
        if start is None:
            return DeclineReason.YEAR_IN_ANOTHER_CONSTRUCTION
        n = len(tokens)
        end = value.stop + 1 + (lowers[value.stop] == YEAR_ABBREVIATION and value.stop + 1 < n
                                and lowers[value.stop + 1] == ".")
    else:
        start = value.start
        end = value.stop + 1  # the month
        if end < len(tokens) and tokens[end].text.isdigit():
            end += 2  # «1799 года»
    if start > 0 and lowers[start - 1] in BOUNDS:
        return DeclineReason.RANGE_OR_APPROXIMATION
    return _after_value(lowers, end)


def _year_start(tokens: list[Token], lowers: list[str], start: int) -> int | None:
    """Where the date of the year at ``start`` begins, or None when the year stands in no date."""
    previous = lowers[start - 1] if start else ""
    word_after = lowers[start + 1]
    if previous in IN_FORMS and word_after == YEAR_LOCATIVE:
        return start - 1
    if previous in MONTHS_GENITIVE and word_after in YEAR_GENITIVE:
        return start - 2 if start >= 2 and tokens[start - 2].text.isdigit() else start - 1
    if previous in MONTHS_LOCATIVE | PERIOD_PARTS and word_after in YEAR_GENITIVE and start >= 2 and \
            lowers[start - 2] in IN_FORMS:
        return start - 2
    if previous in SEASONS and word_after in YEAR_GENITIVE:
        return start - 1
    return None


CONTEXT_CHECKS = {"number": number_context, "city": place_context, "country": place_context,
                  "year": date_context, "day": date_context}


def _after_value(lowers: list[str], end: int) -> DeclineReason | None:
    """Why what follows the value at ``end`` rules it out: a range or approximation, or a clause about the
    value («в 1806 году, когда …», «329 млн км³, что равно 25 % …»), which a substitute would make false."""
    if _range_after(lowers, end):
        return DeclineReason.RANGE_OR_APPROXIMATION
    if lowers[end:end + 1] == [","] and end + 1 < len(lowers) and lowers[end + 1] in VALUE_CLAUSES:
        return DeclineReason.CLAUSE_ABOUT_VALUE
    return None


def _range_after(lowers: list[str], end: int) -> bool:
    """Whether a range, an alternative or an approximation follows position ``end``."""
    if end < len(lowers) and lowers[end] in RANGE_AFTER:
        return True
    following = tuple(lowers[end:end + 2])
    return following in APPROXIMATE_AFTER or (
        len(following) == 2 and following[0] in COORDINATORS and following[1][:1].isdigit())


def _occurrences(value: Value, facts: SourceFacts, morph: Morphology) -> int:
    if value.kind in PLACE:
        return facts.count_place(value.value, morph)
    return facts.numbers[value.value]


# --- substitutes --------------------------------------------------------------------------------------


class ValuePool:
    """The values of each type seen in a corpus, in sorted order (so choices do not depend on row order)."""

    def __init__(self) -> None:
        self._seen: dict[str, set[str]] = {}
        self._sorted: dict[str, tuple[str, ...]] = {}

    def add(self, value: Value) -> None:
        if value.kind != "day":
            self._seen.setdefault(value.type, set()).add(value.value)
            self._sorted.pop(value.type, None)

    def update(self, other: ValuePool) -> None:
        """Add every value of ``other`` (pools of shards of one corpus merge into the corpus's pool)."""
        for type_, values in other._seen.items():
            self._seen.setdefault(type_, set()).update(values)
            self._sorted.pop(type_, None)

    def values(self, type_: str) -> tuple[str, ...]:
        found = self._sorted.get(type_)
        if found is None:
            found = self._sorted[type_] = tuple(sorted(self._seen.get(type_, ()), key=_sort_key))
        return found

    def __len__(self) -> int:
        return sum(len(v) for v in self._seen.values())


def _sort_key(value: str) -> tuple[float, str]:
    try:
        return float(value.replace(",", ".")), value
    except ValueError:
        return 0.0, value


def substitute(statement: Statement, value: Value, pool: ValuePool, facts: SourceFacts, rng: random.Random,
               morph: Morphology) -> Substitution | None:
    """The statement with ``value`` replaced by another value of its type, or None when none fits."""
    kind = value.kind
    if kind in PLACE:
        return _substitute_place(statement, value, pool, facts, rng, morph)
    if kind == "year":
        old = int(value.value)
        low, high = YEAR_SHIFT
        options = [y for y in (int(v) for v in pool.values("year")) if low <= abs(y - old) <= high]
        return _substitute_number(statement, value, options, range(old - 30, old + 31), facts, rng,
                                  lambda y: low <= abs(y - old) and 1000 <= y <= max(MAX_YEAR, old), morph)
    if kind == "day":
        old = int(value.value)
        return _substitute_number(statement, value, [], range(1, 29), facts, rng, lambda d: abs(d - old) >= 3, morph)
    return _substitute_quantity(statement, value, pool, facts, rng, morph)


def _substitute_number(statement: Statement, value: Value, corpus: list[int], fallback: range,
                       facts: SourceFacts, rng: random.Random, accept, morph: Morphology) -> Substitution | None:
    for options, source in ((corpus, "corpus"), (list(fallback), "shift")):
        options = [o for o in options if accept(o) and not facts.numbers[str(o)]]
        if options:
            new = rng.choice(sorted(set(options)))
            return _replace(statement, value, [str(new)], str(new), source, morph)
    return None


def _substitute_quantity(statement: Statement, value: Value, pool: ValuePool, facts: SourceFacts,
                         rng: random.Random, morph: Morphology) -> Substitution | None:
    old = float(value.value.replace(",", "."))
    decimals = len(value.value.split(",")[1]) if "," in value.value else 0
    if old <= 0:
        return None

    def acceptable(text: str) -> bool:
        new = float(text.replace(",", "."))
        ratio = new / old
        integer = "," not in text
        return (not (RATIO[0] <= ratio <= RATIO[1]) and 0.2 <= ratio <= 5 and integer == (decimals == 0)
                and not facts.numbers[text] and (not integer or _agrees_simply(int(text))))

    corpus = [v for v in pool.values(value.type) if acceptable(v)]
    shifted = [_format_like(old * f, decimals) for f in NUMBER_FACTORS]
    for options, source in ((corpus, "corpus"), ([s for s in shifted if acceptable(s)], "shift")):
        if options:
            new = rng.choice(sorted(set(options), key=_sort_key))
            grouped = value.stop - value.start > 1 or " " in " ".join(t.text for t in
                                                                   statement.tokens[value.start:value.stop])
            return _replace(statement, value, _spelled(new, grouped), new, source, morph)
    return None


def _agrees_simply(number: int) -> bool:
    """Whether a unit after ``number`` takes the same form in the nominative and accusative (not «1 тонна»/
    «1 тонну»): numbers ending in 1, except 11, are avoided."""
    return number % 10 != 1 or number % 100 == 11


def _format_like(number: float, decimals: int) -> str:
    if decimals:
        return f"{number:.{decimals}f}".replace(".", ",")
    return str(round(number))


def _spelled(number: str, grouped: bool) -> list[str]:
    """The tokens of ``number``: thousands as separate groups when the original was written so."""
    if not grouped or "," in number or len(number) <= 4:
        return [number]
    head = len(number) % 3 or 3
    return [number[:head], *(number[k:k + 3] for k in range(head, len(number), 3))]


def _substitute_place(statement: Statement, value: Value, pool: ValuePool, facts: SourceFacts,
                      rng: random.Random, morph: Morphology) -> Substitution | None:
    builtin = CITIES if value.kind == "city" else COUNTRIES
    for options, source in ((pool.values(value.type), "corpus"), (tuple(sorted(builtin)), "list")):
        usable = [name for name in options
                  if not same_place(name, value.value) and not facts.count_place(name, morph)
                  and _place_form(name, value.case or "loct", morph) is not None]
        if usable:
            name = rng.choice(usable)
            form = _place_form(name, value.case or "loct", morph)
            assert form is not None
            original = statement.tokens[value.start].text
            return _replace(statement, value, [_capitalized(form, original)], name, source, morph)
    return None


def _capitalized(form: str, template: str) -> str:
    """A place name written like ``template`` (UPPER, or each hyphenated part Capitalized)."""
    if len(template) > 1 and template.isupper():
        return form.upper()
    return "-".join(part[:1].upper() + part[1:] for part in form.split("-"))


_PLACE_FORMS: dict[tuple[str, str], str | None] = {}
_LEXEMES: dict[str, re.Pattern[str]] = {}


def _place_parse(name: str, morph: Morphology) -> Any:
    """pymorphy3's parse of ``name`` as a singular place name (however unlikely its other readings make
    it: «владимир» is first a first name), or None."""
    for parse in morph.analyzer.parse(name):
        tag = parse.tag
        if tag.POS == "NOUN" and "Geox" in tag and tag.number == "sing" and parse.normal_form == name:
            return parse
    return None


def _place_form(name: str, case: str, morph: Morphology) -> str | None:
    """``name`` in ``case`` (singular), or None when pymorphy3 has no such form or it is ambiguous."""
    key = (name, case)
    if key not in _PLACE_FORMS:
        parse = _place_parse(name, morph)
        inflected = None if parse is None else parse.inflect({case, "sing"})
        form = None if inflected is None else inflected.word
        if form is not None and case == "loct":
            other = parse.inflect({"loc2", "sing"})
            if other is not None and other.word != form:
                form = None  # «в Крыму»: the locative has a second form
        _PLACE_FORMS[key] = form
    return _PLACE_FORMS[key]


def place_pattern(name: str, morph: Morphology) -> re.Pattern[str]:
    """A pattern matching every form of the place name ``name`` as a whole word (lowercase, «ё» as «е»)."""
    found = _LEXEMES.get(name)
    if found is None:
        parse = _place_parse(name, morph)
        forms = {name} if parse is None else {p.word for p in parse.lexeme}
        alternatives = "|".join(sorted((re.escape(f.replace(YO, YE)) for f in forms), key=len, reverse=True))
        found = _LEXEMES[name] = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    return found


def _replace(statement: Statement, value: Value, texts: list[str], new: str, source: str,
             morph: Morphology) -> Substitution | None:
    """The statement with the tokens of ``value`` replaced by ``texts`` (``new`` is the new value's normal
    form), the agreeing unit re-inflected and «в»/«во» fitted to the new name."""
    tokens = list(statement.tokens)
    old = tokens[value.start:value.stop]
    if value.agreeing is not None:
        agreed = _agreeing_form(tokens[value.agreeing], new, morph)
        if agreed is None:
            return None
        tokens[value.agreeing] = tokens[value.agreeing].with_text(agreed)
    if value.kind in PLACE and value.start > 0 and tokens[value.start - 1].lower in IN_FORMS:
        preposition = tokens[value.start - 1]
        tokens[value.start - 1] = preposition.with_text(match_case(preposition.text, _in(texts[0])))
    tokens[value.start:value.stop] = [Token(text, old[0].space if k == 0 else True) for k, text in enumerate(texts)]
    return Substitution(tokens, len(texts) - len(old), value, " ".join(t.text for t in old), " ".join(texts),
                        new, source)


def _agreeing_form(unit: Token, number: str, morph: Morphology) -> str | None:
    """The unit (or «тысяча», «миллион») agreeing with ``number``: «2 метра», «5 метров», «3,5 метра»."""
    word = morph.word(unit.text)
    nominative = next((p for p in word.parses if p.pos == "NOUN" and p.lemma == word.top.lemma), None)
    if nominative is None:
        return None
    if "," in number:
        form = morph.inflect(nominative, {"gent", "sing"})
    elif nominative.lemma in COUNTED:  # «5 человек», «5 лет»: not «людей», «годов»
        few = 2 <= int(number) % 10 <= 4 and not 12 <= int(number) % 100 <= 14
        form = COUNTED[nominative.lemma][0 if int(number) % 10 == 1 and int(number) % 100 != 11 else 1 if few else 2]
    else:
        agreed = nominative.parse.inflect({"nomn", "sing"})
        agreed = agreed.make_agree_with_number(int(number)) if agreed is not None else None
        form = None if agreed is None else agreed.word
    return None if form is None else match_case(unit.text, form)


def _in(name: str) -> str:
    """«в» or «во» before ``name`` («во Владимире», «во Франции», «в Волгограде»)."""
    lower = name.lower()
    return IN_VO if len(lower) > 1 and lower[0] in VO_BEFORE and lower[1] not in VOWELS else IN
