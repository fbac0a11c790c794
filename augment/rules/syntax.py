"""Shallow syntax from morphology: prepositional phrases, the main clause, noun phrases and the subject.

Everything here works on a token list and a :class:`~augment.rules.morphology.Morphology`; nothing
parses dependencies. The subject is the nominative noun phrase that agrees with the predicate in number
(and gender in the past tense and in short forms), outside prepositional phrases and subordinate clauses.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from augment.rules.lexicon import (
    ALL_CASES,
    AND,
    CATEGORY_NOUNS,
    CITING,
    COORDINATORS,
    COUNTING_FEW,
    COUNTING_MANY,
    FROM_FORMS,
    KIND_NOUNS,
    LETTER_NAMED,
    NAME_FIRST_DECLENSION,
    NAMED_INSTITUTIONS,
    NOUN_ATTACHED_PREPOSITIONS,
    ONE_LETTER_WORDS,
    PARTITIVE_HEADS,
    PERSON_TITLES,
    POSSESSIVE_PRONOUNS,
    POSSESSIVE_U,
    PREPOSITION_CASES,
    PREPOSITIONS,
    PROPER,
    QUOTES_OPEN,
    REGNAL_NAMES,
    SUBORDINATORS,
    WITH_FORMS,
)
from augment.rules.morphology import Morphology, Word
from augment.rules.tokens import Token

GOVERNED, CHAIN = 1, 2  # levels of the prepositional mask
_CITING_OR_CATEGORY = CITING | CATEGORY_NOUNS
_CITING_OR_INSTITUTION = CITING | NAMED_INSTITUTIONS


@dataclass(frozen=True, slots=True)
class Agreement:
    """What a subject must agree with: number, gender (past tense, short forms) and person."""

    number: str | None
    gender: str | None = None
    person: str | None = None

    @classmethod
    def of(cls, parse: Any) -> Agreement:
        """The agreement a finite verb or short form demands of its subject."""
        tag = parse
        number = tag.number
        gender = tag.gender if number == "sing" and (tag.tense == "past" or tag.pos in ("ADJS", "PRTS")) else None
        person = tag.person if tag.pos == "VERB" else None
        return cls(number, gender, person)

    def accepts(self, parse: Any, number: str | None = None) -> bool:
        """Whether a nominal ``parse`` (of a phrase with ``number``, if known) agrees."""
        tag = parse
        number = number or tag.number
        if self.number and number and number != self.number:
            return False
        if self.gender and number == "sing":
            gender = tag.gender
            if gender == "ms-f":
                if self.gender == "neut":
                    return False
            elif gender and gender != "GNdr" and gender != self.gender:
                return False
        if tag.pos == "NPRO" and tag.person:
            return (self.person or "3per") == tag.person
        return self.person in (None, "3per")


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase: its token span, its head, the words that inflect with the head, its number."""

    start: int
    stop: int
    head: int
    inflecting: tuple[int, ...]
    number: str | None
    gender: str | None
    coordinated: bool = False
    counted: bool = False  # a cardinal numeral and the noun it counts («три сердца»), the numeral first
    conjuncts: tuple[Phrase, ...] = ()  # the phrases a coordinated existent joins («порогов и водопадов»)


def _capitalized(text: str) -> bool:
    """«Маск», not «маск» nor the acronym «ООН»."""
    return text[:1].isupper() and not (len(text) > 1 and text.isupper())


class Syntax:
    """Shallow syntactic helpers over one token list (analyses looked up once per token)."""

    def __init__(self, tokens: list[Token], morph: Morphology):
        self.tokens = tokens
        self.morph = morph
        self.words: list[Word] = [morph.word(t.text) for t in tokens]
        self.in_pp = self._prepositional_mask()
        self.main = self._main_clause_mask()

    # --- word classes -------------------------------------------------------------------------------

    def lower(self, i: int) -> str:
        return self.tokens[i].lower

    def is_prep(self, i: int) -> bool:
        lower = self.lower(i)
        if lower not in PREPOSITIONS:
            return False
        if len(lower) == 1 and self._letter_name(i):
            return False  # «гепатит с», «витамин а»
        if len(lower) > 1 and self.tokens[i].text.isupper():
            return False  # «ПО» (software) is no «по»
        return self.words[i].has("PREP")

    def _letter_name(self, i: int) -> bool:
        """Whether token ``i`` is a single letter naming a kind of what precedes it («гепатит с»); not after a
        plural and before a noun or adjective in a case the preposition governs («витамины в варенье»;
        «гепатит с бактериальным …» keeps the letter)."""
        if not (i > 0 and len(self.tokens[i].text) == 1 and self.tokens[i].text.isalpha()
                and self.words[i - 1].top.lemma in LETTER_NAMED):
            return False
        governed = PREPOSITION_CASES.get(self.lower(i), ALL_CASES)
        return i + 1 >= len(self.tokens) or self.words[i - 1].top.number != "plur" or not any(
            p.pos in ("NOUN", "NPRO", "ADJF", "PRTF") and p.case in governed for p in self.words[i + 1].parses)

    def nominative(self, i: int) -> list[Any]:
        """Parses of token ``i`` as a nominative noun or pronoun."""
        return [p for p in self.words[i].parses if p.pos in ("NOUN", "NPRO") and p.case == "nomn"]

    def adjective_nominative(self, i: int) -> list[Any]:
        """Parses of token ``i`` as a nominative full adjective or participle."""
        return [p for p in self.words[i].parses if p.pos in ("ADJF", "PRTF") and p.case == "nomn"]

    def is_infinitive(self, i: int) -> bool:
        return self.words[i].pos == "INFN"

    def is_genitive_noun(self, i: int) -> bool:
        """A noun whose likeliest reading is an oblique case that can be genitive (not nominative), or an
        indeclinable one («количество ПО»)."""
        word = self.words[i]
        if word.pos in ("NOUN", "NPRO") and "Fixd" in word.top.grammemes and word.has("gent"):
            return True
        return word.pos in ("NOUN", "NPRO") and word.top.case != "nomn" and word.has("gent")

    def _genitive_modifier(self, i: int) -> bool:
        """An adjective or possessive that can stand before a genitive noun («будущей», «его»)."""
        return (self.words[i].pos in ("ADJF", "PRTF") and self.words[i].has("gent")) or \
            self.lower(i) in POSSESSIVE_PRONOUNS

    # --- masks --------------------------------------------------------------------------------------

    def _prepositional_mask(self) -> list[int]:
        """For each token: GOVERNED if a preposition governs it (its adjectives and noun), CHAIN if it is a
        genitive modifier of such a noun («в истории ссср»), else 0."""
        n = len(self.tokens)
        mask = [0] * n
        i = 0
        while i < n:
            i = max(self._mark_phrase(mask, i), i + 1) if self.is_prep(i) else i + 1
        return mask

    def _mark_phrase(self, mask: list[int], i: int) -> int:
        """Mark the phrase the preposition at ``i`` governs: its adjectives, its noun (with the parts of a
        person's name) and the genitive chain after it; returns where the phrase ends."""
        tokens, words, n = self.tokens, self.words, len(self.tokens)
        j = i + 1
        while self.initials_at(j):  # «у ф. м. достоевского»
            mask[j] = mask[j + 1] = GOVERNED
            j += 2
        cases: set[str] | None = None
        while j < n and tokens[j].is_word and words[j].pos in ("ADJF", "PRTF", "NUMR", "NUMB", "ROMN"):
            if words[j].pos in ("ADJF", "PRTF"):
                found = {p.case for p in words[j].parses if p.pos in ("ADJF", "PRTF")}
                cases = found if cases is None else cases & found
            mask[j] = GOVERNED
            j += 1
        if not (j < n and tokens[j].is_word and (words[j].pos in ("NOUN", "NPRO", "LATN") or words[j].has("NOUN"))):
            return j
        governed = PREPOSITION_CASES.get(self.lower(i), ALL_CASES)
        noun_cases = {p.case for p in words[j].parses if p.pos in ("NOUN", "NPRO")} & governed
        if not (((cases is None or cases & noun_cases) and noun_cases) or words[j].pos == "LATN"):
            return j
        mask[j] = GOVERNED
        person = any({"Name", "Surn", "Patr"} & p.grammemes for p in words[j].parses if p.case in noun_cases)
        j = self._mark_name(mask, j + 1, noun_cases) if person else j + 1
        return self._mark_chain(mask, j, noun_cases)

    def _mark_name(self, mask: list[int], j: int, noun_cases: set[str]) -> int:
        """Mark the rest of a person's name in a prepositional phrase: «у гая юлия цезаря», «у андрея
        болконского», «у ивана третьего», «у петра 1»; returns where it ends."""
        n, words = len(self.tokens), self.words
        while j < n and any(p.case in noun_cases and self._name_or_epithet(j, p) for p in words[j].parses):
            mask[j] = GOVERNED
            j += 1
        if j < n and self.regnal(j):
            mask[j] = GOVERNED
            j += 1
        return j

    def _mark_chain(self, mask: list[int], j: int, noun_cases: set[str]) -> int:
        """Mark the genitive modifiers after a governed noun (CHAIN) and a coordinated noun in its case
        («у слона и жирафа»); returns where they end."""
        tokens, words, n = self.tokens, self.words, len(self.tokens)
        while j < n and tokens[j].is_word:
            k = j
            while k < n and self._genitive_modifier(k):
                k += 1
            # an indeclinable name reads nominative first, but here it is a genitive («об измене Собчак»)
            if k < n and words[k].pos in ("NOUN", "NPRO") and (words[k].top.case == "gent"
                                                               or words[k].has("Fixd", "gent")):
                for m in range(j, k + 1):
                    mask[m] = CHAIN
                j = k + 1
            elif k < n and self.lower(k) == AND and k == j and k + 1 < n and any(
                    p.case in noun_cases and p.pos == "NOUN" for p in words[k + 1].parses):
                mask[k] = mask[k + 1] = GOVERNED  # «у слона и жирафа»
                j = k + 2
            else:
                break
        return j

    def _participial(self, i: int) -> bool:
        """Whether the stretch from ``i`` to the next comma is a participle or gerund phrase («, подробно
        зафиксировавшие испытания», «, не разделённый на фракции»): it has one and no finite verb."""
        j = i
        found = False
        while j < len(self.tokens) and self.tokens[j].text != ",":
            pos = self.words[j].pos
            if pos == "VERB":
                return False
            found = found or pos in ("PRTF", "GRND")
            j += 1
        return found

    def _main_clause_mask(self) -> list[bool]:
        """False inside subordinate clauses (after «, что/который/…» up to the next comma), brackets, quotes."""
        n = len(self.tokens)
        mask = [True] * n
        i = 0
        while i < n:
            text = self.tokens[i].text
            if text == "," and i + 1 < n and (self.lower(i + 1) in SUBORDINATORS or self._participial(i + 1)):
                j = i + 1
                while j < n and self.tokens[j].text != ",":
                    mask[j] = False
                    j += 1
                i = j
                continue
            if text == "(":
                j = i
                while j < n and self.tokens[j].text != ")":
                    mask[j] = False
                    j += 1
                if j < n:
                    mask[j] = False
                i = j + 1
                continue
            if text in QUOTES_OPEN:
                close = QUOTES_OPEN[text]
                j = i + 1
                while j < n and self.tokens[j].text != close:
                    j += 1
                if j < n:
                    for k in range(i, j + 1):
                        mask[k] = False
                    i = j + 1
                    continue
            i += 1
        return mask

    # --- noun phrases -------------------------------------------------------------------------------

    def phrase_at(self, head: int, parse: Any, *, postposed: bool = False, intransitive: bool = True,
                  case: str = "nomn") -> Phrase:
        """The noun phrase around ``head`` read as ``parse`` (nominative by default).

        Left: agreeing adjectives, participles and numerals (also «A и B N» with a plural N). Right:
        name continuations («лев толстой»), a quoted title, genitive modifiers («акт амнистии»; only
        unambiguous ones unless the predicate is ``intransitive``), agreeing adjectives when
        ``postposed``, and coordination with «и» or commas, which makes the phrase plural.
        """
        number, gender = parse.number, parse.gender
        inflecting = [head]
        start = self._left_edge(head, parse, case, inflecting)
        stop = self._name_end(head, parse, case, inflecting)
        stop = self._right_edge(stop - 1, parse, postposed=postposed, intransitive=intransitive, case=case)
        confirmed = self._coordinated_end(stop, postposed=postposed, intransitive=intransitive, case=case)
        if confirmed > stop:
            return Phrase(start, confirmed, head, tuple(sorted(inflecting)), "plur", None, True)
        return Phrase(start, stop, head, tuple(sorted(inflecting)), number, gender)

    def _left_edge(self, head: int, parse: Any, case: str, inflecting: list[int]) -> int:
        """Where the phrase starts: across names, numbers, agreeing modifiers (added to ``inflecting``), an
        adverb before a modifier and «A и B N» with a plural N, or a singular N that both agree with."""
        tokens, number, gender = self.tokens, parse.number, parse.gender
        start = head
        j = head - 1
        while j >= 0 and tokens[j].is_word:
            if parse.pos == "NOUN" and start == j + 1 and not self.in_pp[j] and (
                    self._name(j, case) or self._first_name_before(j, head)):
                inflecting.append(j)  # «гай юлий цезарь», «илья муромец»
                start = j
            elif parse.pos == "NOUN" and start == j + 1 and self.words[j].pos in ("NUMB", "ROMN", "LATN") \
                    and not self.in_pp[j]:
                start = j  # «1848 год», «Wi-Fi роутер»
            elif self._modifies(j, number, gender, case):
                inflecting.append(j)
                start = j
            elif self.words[j].pos == "ADVB" and start == j + 1 and start in inflecting:
                start = j  # «совершенно неодушевлённая природа»
            elif self._coordinated_modifier_before(j, parse, case, start in inflecting and start == j + 1):
                start = j
            else:
                break
            j -= 1
        return start

    def _coordinated_modifier_before(self, j: int, parse: Any, case: str, after_modifier: bool) -> bool:
        """Whether the coordinator at ``j`` joins a modifier before it to the phrase: «русский и английский
        языки» (a plural noun), «черная и белая магия» (two kinds of one singular noun, ``after_modifier``
        one of its agreeing modifiers, both of which inflect)."""
        if j == 0 or self.lower(j) not in COORDINATORS:
            return False
        if parse.number == "plur":
            return self._modifies(j - 1, None, None, case)
        return parse.number == "sing" and self.lower(j) == AND and after_modifier \
            and self._modifies(j - 1, parse.number, parse.gender, case)

    def _name_end(self, head: int, parse: Any, case: str, inflecting: list[int]) -> int:
        """Past the parts of a name after ``head`` («граф дракула», «лев толстой», «пётр первый»), which
        are added to ``inflecting``."""
        n = len(self.tokens)
        stop = head + 1
        while parse.pos == "NOUN" and stop < n and self._name_continues(stop - 1, stop, case):
            inflecting.append(stop)  # «граф дракула», «король артур», «лев толстой»
            stop += 1
        if "Name" in self.words[stop - 1].top.grammemes and stop < n and any(
                "Anum" in p.grammemes for p in self.words[stop].parses) and \
                self._modifies(stop, parse.number, parse.gender, case):
            inflecting.append(stop)  # «пётр первый», «екатерина вторая»
            stop += 1
        if stop < n and "Name" in self.words[stop - 1].top.grammemes and self.regnal(stop):
            stop += 1  # «пётр 1»
        return stop

    def regnal(self, j: int) -> bool:
        """A regnal number after a first name («петр 1», «николая 2», «у петра 1 сын»): 1 to 20, not counting
        the noun after it («у анны 2 ребёнка», «у анны 1 ребёнка»: the genitive is the counted form)."""
        text = self.tokens[j].text
        if self.words[j].pos != "NUMB" or not text.isdigit() or not 1 <= int(text) <= 20:
            return False
        after = j + 1
        if after >= len(self.tokens) or not self.tokens[after].is_word or not self.words[after].has("NOUN"):
            return True
        # «у петра 1 сын»: a monarch's name; «у анны 1 ребёнок» may count the child
        return not self.words[after].has("gent") and self.words[j - 1].top.lemma in REGNAL_NAMES

    def _coordinated_end(self, stop: int, *, postposed: bool, intransitive: bool, case: str) -> int:
        """Where a coordination after the phrase ends: «кошки и собаки», «Южная Корея, Эквадор и Шри-Ланка»
        (a comma list must end in «и»); ``stop`` when there is none."""
        n = len(self.tokens)
        confirmed = k = stop
        while k + 1 < n and self.lower(k) in COORDINATORS:
            other = self._coordinated_head(k + 1, case)
            if other is None:
                break
            joined_by_and = self.lower(k) == AND
            k = self._right_edge(other[0], other[1], postposed=postposed, intransitive=intransitive, case=case)
            if joined_by_and:
                confirmed = k
        return confirmed

    def _name_or_epithet(self, j: int, parse: Any) -> bool:
        """A name («юлия»), or an adjective with no noun after it («болконского», «третьего»)."""
        return bool({"Name", "Surn", "Patr"} & parse.grammemes) or (
            parse.pos == "ADJF" and not self._noun_in(j + 1, parse.case))

    def lone_instrumental(self, j: int) -> bool:
        """An adjective that can be instrumental and modifies nothing after it («Была ли бездетной
        елизавета»; not «восьмой вселенский собор», «сухой закон»)."""
        if not any(p.pos in ("ADJF", "PRTF") and p.case == "ablt" for p in self.words[j].parses):
            return False
        if j + 2 < len(self.tokens) and self.lower(j + 1) == AND and self.words[j + 2].pos in ("ADJF", "PRTF"):
            j += 2  # «первой и второй мировой войны»: coordinated with the modifier of a noun after it
        if j + 1 < len(self.tokens):
            after = self.words[j + 1]
            if after.pos in ("ADJF", "PRTF"):
                return False
            if any(self._modifies(j, p.number, p.gender, p.case) for p in after.parses if p.pos in ("NOUN", "NPRO")):
                return False
        return True

    def _noun_in(self, j: int, case: str | None) -> bool:
        """Whether token ``j`` exists and reads as a noun in ``case``."""
        return j < len(self.tokens) and any(p.pos == "NOUN" and p.case == case for p in self.words[j].parses)

    def _name_continues(self, i: int, j: int, case: str) -> bool:
        """Whether token ``j`` continues the name ended by token ``i``: a first name takes a patronymic or a
        surname («лев толстой»), a title or kind takes a name («граф дракула», «республика Нигер»); a
        surname ends a name."""
        names = {"Name", "Surn", "Patr"}
        if self.words[i].top.lemma in CITING:
            return False  # «имя данил», «слово алгоритм»: the name is quoted, not declined
        if self._first_name_before(i, j):
            return True
        before = {g for p in self.words[i].parses if p.case == case for g in p.grammemes & PROPER}
        numbers = {p.number for p in self.words[i].parses if p.case == case}
        # in the same number: «пересадка головы» is no name, though «Головы» is a plural surname
        after = {g for p in self.words[j].parses if p.case == case and p.number in numbers
                 for g in p.grammemes & PROPER}
        if not after or ("Surn" in before and "Name" not in before):
            return False
        if "Name" in before or "Patr" in before:
            return bool(after & names)
        if before:
            return False  # «москва» «россия»: two names side by side are two phrases
        if after == {"Geox"} and self.words[i].has("NOUN", "anim"):
            return False  # «Посетил ли президент Китай»: a person is not named after a place
        return bool(after & names) or self.tokens[j].text[:1].isupper() or all(
            PROPER & p.grammemes for p in self.words[j].parses if p.case == case)

    def _first_name_before(self, i: int, j: int) -> bool:
        """«Джефф Безос», «Джек Лондон», «Базз Олдрин», «джефф безос»: a first name (in any case: pymorphy3
        reads «Базз», «Илон» as plurals), then a capitalized word, or an unknown one after a lowercase
        first name that pymorphy3 reads first as a name."""
        first, second = self.tokens[i].text, self.tokens[j].text
        if not self.words[i].has("Name") or not self.tokens[j].is_word or self.words[j].pos == "LATN":
            return False
        if _capitalized(first) and _capitalized(second):
            # «Кит Рыбой», «Кит Родился»: only a word that can be a nominative noun, or an unknown one
            return not self.words[j].known or self.words[j].has("NOUN", "nomn")
        return first.islower() and "Name" in self.words[i].top.grammemes and not self.words[j].known \
            and self.words[j].cyrillic and second.islower()

    def surname_after_first_name(self, i: int) -> bool:
        """«Марк Шагал», «Илон Маск»: token ``i`` is capitalized and continues a capitalized first name."""
        return i > 0 and _capitalized(self.tokens[i - 1].text) and _capitalized(self.tokens[i].text) \
            and self._first_name_before(i - 1, i)

    def _name(self, j: int, case: str) -> bool:
        """Whether token ``j`` reads as a first name, patronymic or surname in ``case``."""
        return any(p.case == case and {"Name", "Surn", "Patr"} & p.grammemes for p in self.words[j].parses)

    def _modifies(self, j: int, number: str | None, gender: str | None, case: str) -> bool:
        """Whether token ``j`` is an adjective/participle/numeral word agreeing in ``case`` (and number, gender)."""
        for p in self.words[j].parses:
            tag = p
            if tag.pos not in ("ADJF", "PRTF", "NUMR") or tag.case != case:
                continue
            if number and tag.number and tag.number != number:
                continue
            if gender and number == "sing" and tag.gender and tag.gender != gender:
                continue
            return True
        return False

    def _coordinated_head(self, i: int, case: str) -> tuple[int, Any] | None:
        """The head (index, parse) of a noun phrase in ``case`` starting at ``i``, if one starts there."""
        j = i
        n = len(self.tokens)
        while j < n and self._modifies(j, None, None, case) and not self._case_parses(j, case):
            j += 1
        if j < n and self.tokens[j].is_word and not self.in_pp[j]:
            parses = self._case_parses(j, case)
            if parses:
                return j, parses[0]
        return None

    def _case_parses(self, i: int, case: str) -> list[Any]:
        return [p for p in self.words[i].parses if p.pos in ("NOUN", "NPRO") and p.case == case]

    def _right_edge(self, head: int, parse: Any, *, postposed: bool, intransitive: bool, case: str) -> int:
        """Where the phrase headed at ``head`` ends: after the name's own tail (:meth:`_name_edge`), then
        across Latin words, attached prepositional phrases and the modifiers :meth:`_extension` finds."""
        tokens, n = self.tokens, len(self.tokens)
        stop = self._name_edge(head)
        attached = False
        while stop < n and tokens[stop].is_word:
            if self.words[stop].pos == "LATN":
                stop += 1
                continue
            if self._noun_attached_pp(stop) or (attached and self.is_prep(stop)):
                # «теории об отрицательном влиянии … на организм»: the phrases after it belong to it too
                attached = True
                stop += 1
                while stop < n and (self.in_pp[stop] or self.words[stop].pos == "LATN"):
                    stop += 1
                continue
            extended = self._extension(stop, parse, postposed=postposed, intransitive=intransitive, case=case)
            if extended is None:
                break
            stop = extended
        return stop

    def _name_edge(self, head: int) -> int:
        """After ``head``: Latin words and numbers of a Latin name («операционные системы POSIX», «windows
        10»), a quoted name, a Roman numeral, a letter name («гепатит б», «витамин д»)."""
        tokens, n = self.tokens, len(self.tokens)
        stop = head + 1
        while stop < n and (self.words[stop].pos == "LATN" or (self.words[head].pos == "LATN"
                             and self.words[stop].pos == "NUMB")):
            stop += 1
        if stop < n and tokens[stop].text in QUOTES_OPEN:
            close = QUOTES_OPEN[tokens[stop].text]
            k = stop + 1
            while k < n and tokens[k].text != close:
                k += 1
            if k < n:
                stop = k + 1
        if stop < n and self.words[stop].pos == "ROMN":
            stop += 1
        if stop < n and len(tokens[stop].text) == 1 and tokens[stop].text.isalpha() and (
                tokens[stop].lower not in ONE_LETTER_WORDS or self._letter_name(stop)):
            stop += 1  # «гепатит б», «витамин д», «гепатит с»
        return stop

    def _extension(self, stop: int, parse: Any, *, postposed: bool, intransitive: bool, case: str) -> int | None:
        """The new end when a genitive phrase, a substantivized adjective or a postposed agreeing modifier
        starts at ``stop`` (None when none does)."""
        n = len(self.tokens)
        k = stop
        while k < n and self._genitive_modifier(k):
            k += 1
        person = {"Name", "Surn", "Patr"} & parse.grammemes  # «пётр первый высокого роста»: no «of» after a name
        if k < n and not person and self.is_genitive_noun(k) and (
                intransitive or not (self.words[k].has("accs") or self.nominative(k))):
            return k + 1
        top = self.words[stop].top
        if intransitive and k == stop + 1 and top.case == "gent" and top.number == "plur" and \
                not (k < n and self.words[k].pos in ("NOUN", "NPRO")):
            return k  # «значение пресмыкающихся»: a substantivized adjective
        if postposed and self._modifies(stop, parse.number, parse.gender, case) and not self._case_parses(stop, case) \
                and not self._modifies_next(stop):  # «соски млечные железы»: «млечные» is the glands'
            return stop + 1
        return None

    def _noun_attached_pp(self, i: int) -> bool:
        """A prepositional phrase that belongs to the noun before it: «теории об …», «ртуть с градусника»."""
        lower = self.lower(i)
        if not self.is_prep(i) or i + 1 >= len(self.tokens) or not self.in_pp[i + 1]:
            return False
        if lower in FROM_FORMS:  # «один из прототипов», «многие из них»
            return i > 0 and (self.words[i - 1].pos in ("NUMR", "NUMB") or "Apro" in self.words[i - 1].top.grammemes
                              or self.lower(i - 1) in PARTITIVE_HEADS)
        if lower in WITH_FORMS:  # «ртуть с градусника»; «с» + instrumental usually belongs to the verb
            j = i + 1
            while j < len(self.tokens) and self.in_pp[j] and self.words[j].pos != "NOUN":
                j += 1
            return j < len(self.tokens) and self.words[j].top.case == "gent"
        return lower in NOUN_ATTACHED_PREPOSITIONS

    # --- the subject --------------------------------------------------------------------------------

    def subject(self, lo: int, hi: int, agreement: Agreement, *, intransitive: bool = True,
                postposed: bool = False) -> Phrase | None:
        """The nominative phrase in ``tokens[lo:hi]`` agreeing with ``agreement`` (None when there is none).

        Among several, the first, unless the predicate is transitive: then the first that cannot be read
        as an accusative object. Words after an
        infinitive (its objects) and inside prepositional phrases or subordinate clauses are skipped.
        """
        found = self._subject(lo, hi, agreement, intransitive, postposed, allow_chain=False)
        if found is not None and self._chain_conjunct_before(found.start):
            # «на луне горы и кратеры»: «горы» read as the genitive of «луне» is the first conjunct
            chained = self._subject(lo, hi, agreement, intransitive, postposed, allow_chain=True)
            if chained is not None and chained.coordinated and chained.start < found.start < chained.stop:
                return chained
        # «у осьминога глаза»: a nominative read as a genitive modifier when nothing else qualifies
        return found or self._subject(lo, hi, agreement, intransitive, postposed, allow_chain=True)

    def _chain_conjunct_before(self, start: int) -> bool:
        """Whether «и» stands before token ``start`` and, before it, a word of a genitive chain that also
        reads as a nominative noun («на луне горы и кратеры»)."""
        return start >= 2 and self.lower(start - 1) == AND and self.in_pp[start - 2] == CHAIN \
            and bool(self.nominative(start - 2))

    def _subject(self, lo: int, hi: int, agreement: Agreement, intransitive: bool, postposed: bool,
                 allow_chain: bool) -> Phrase | None:
        candidates: list[tuple[bool, Phrase]] = []
        i = lo
        while i < hi:
            if self.is_infinitive(i):
                break
            skipped = self.in_pp[i] == GOVERNED or (self.in_pp[i] == CHAIN and not allow_chain)
            # right after a preposition a word is its object, whatever its readings say («у личи»)
            skipped = skipped or (i > 0 and self.lower(i - 1) in PREPOSITIONS) or self.initials_at(i)
            if skipped or not self.main[i] or not self.tokens[i].is_word:
                i += 1
                continue
            phrase = self._candidate(i, agreement, intransitive=intransitive, postposed=postposed)
            if phrase is None:
                # «кератин и ботокс» with a singular predicate: no conjunct is the subject on its own
                i = max(self._coordination_end(i), i + 1)
                continue
            strict = not any(p.case == "accs" for p in self.words[phrase.head].parses
                             if p.pos in ("NOUN", "NPRO", "ADJF", "PRTF"))
            candidates.append((strict, phrase))
            i = max(phrase.stop, i + 1)
        if not candidates:
            return None
        if not intransitive:  # «Едят ли мясо вегетарианцы»: the one that cannot be an object
            for strict, phrase in candidates:
                if strict:
                    return phrase
        # «Вырабатывает ли печень желчь»: both read nominative or accusative; the first is the default reading
        return candidates[0][1]

    def after_possessor(self, i: int) -> bool:
        """Whether token ``i`` ends the genitive chain of a possessor's phrase («у осьминога глаза»), after
        which a nominative may be the subject."""
        j = i - 1
        while j >= 0 and self.in_pp[j]:
            j -= 1
        return j >= 0 and self.lower(j) == POSSESSIVE_U

    def counted(self, lo: int, hi: int) -> Phrase | None:
        """«три сердца», «шесть жён»: a cardinal numeral word in the main clause, outside prepositional
        phrases, and the noun right after it in the case it governs (genitive singular after «два» to
        «четыре», plural after «пять» and up); None when ``tokens[lo:hi]`` has none."""
        for i in range(lo, hi - 1):
            lower = self.lower(i)
            if lower not in COUNTING_FEW and lower not in COUNTING_MANY:
                continue
            if self.in_pp[i] or not self.main[i] or (i > 0 and self.words[i - 1].pos in ("NUMR", "NUMB")):
                return None  # «двадцать два»: a compound number
            number = "sing" if lower in COUNTING_FEW else "plur"
            parses = [p for p in self.words[i + 1].parses if p.pos == "NOUN" and p.case == "gent"
                      and p.number == number and not PROPER & p.grammemes]
            if not parses:
                return None
            stop = self._right_edge(i + 1, parses[0], postposed=False, intransitive=True, case="gent")
            return Phrase(i, min(stop, hi), i + 1, (i, i + 1), "plur", None, counted=True)
        return None

    def conjuncts(self, phrase: Phrase, case: str = "nomn") -> list[Phrase] | None:
        """The noun phrases a coordinated ``phrase`` joins with «и» and commas («пороги и водопады»,
        «лишайники, мхи и водоросли»), each with its head and inflecting words; None when a conjunct does
        not start with its own noun («хвойные и лиственные деревья»: shared by both)."""
        parts: list[Phrase] = []
        k = phrase.start
        while k < phrase.stop:
            found = self._coordinated_head(k, case)
            if found is None:
                return None
            head, parse = found
            inflecting = [head]
            if self._left_edge(head, parse, case, inflecting) != k:
                return None
            stop = self._name_end(head, parse, case, inflecting)
            stop = self._right_edge(stop - 1, parse, postposed=False, intransitive=True, case=case)
            if stop > phrase.stop or (stop < phrase.stop and self.lower(stop) not in COORDINATORS):
                return None
            parts.append(Phrase(k, stop, head, tuple(sorted(inflecting)), parse.number, parse.gender))
            k = stop + 1
        return parts

    def with_surname(self, phrase: Phrase, case: str = "nomn") -> Phrase:
        """«тед банди», «илья муромец», «юлий цезарь», «ирина круг»: a first name (pymorphy3's likeliest
        reading) and a nominative singular or unknown word right after it are one name; for subjects of
        predicates that take no object (быть, short forms, intransitive verbs), and existents (``case``:
        the phrase's, «ильи муромца»). Not a title or kind after it («пётр император»), nor a cited word."""
        k, n = phrase.stop, len(self.tokens)
        if k >= n or not all("Name" in self.words[i].top.grammemes for i in range(phrase.start, k)):
            return phrase  # «гай юлий цезарь»: after first names only
        word = self.words[k]
        surname = self.tokens[k].is_word and word.cyrillic and not self.in_pp[k] and not self.is_prep(k) and (
            not word.known or any(p.number == "sing" for p in self._case_parses(k, case)))
        if not surname or word.pos in ("ADJF", "PRTF") or word.top.lemma in KIND_NOUNS or word.top.lemma in CITING:
            return phrase
        return replace(phrase, stop=k + 1, inflecting=(*phrase.inflecting, k))

    def with_apposition(self, phrase: Phrase) -> Phrase:
        """«имя екатерина», «слово алгоритм», «такая рыба лосось», «птица феникс»: a cited word or a kind's
        name after a citing or category noun (:data:`CITING`, :data:`CATEGORY_NOUNS`) stays in the
        nominative whatever the head's case («нет имени екатерина»); one word, at the end of the clause or
        before a prepositional phrase."""
        k, n = phrase.stop, len(self.tokens)
        if k >= n or self.words[phrase.head].top.lemma not in _CITING_OR_CATEGORY:
            return phrase
        word = self.words[k]
        named = self.tokens[k].is_word and word.cyrillic and not self.is_prep(k) and (
            not word.known or bool(self.nominative(k)))
        if named and (k + 1 == n or self.is_prep(k + 1)):
            return replace(phrase, stop=k + 1)
        return phrase

    def _initial(self, i: int) -> bool:
        """A single letter with a period after it (one of a person's initials)."""
        return i + 1 < len(self.tokens) and self.tokens[i + 1].text == "." and self.tokens[i].is_word \
            and len(self.tokens[i].text) == 1 and self.tokens[i].text.isalpha()

    def _surname_at(self, i: int) -> bool:
        word = self.words[i]
        return self.tokens[i].is_word and len(self.tokens[i].text) > 1 and word.cyrillic and (
            word.has("Surn") or not word.known)

    def initials_at(self, i: int) -> bool:
        """Whether token ``i`` is one of the initials before a surname («и. а. бунин», «а.п.чехов», «у ф. м.
        достоевского»; pymorphy3 reads the letters as abbreviations or conjunctions)."""
        if not self._initial(i):
            return False
        j = i
        while self._initial(j):
            j += 2
        return j < len(self.tokens) and self._surname_at(j)

    def with_initials(self, phrase: Phrase) -> Phrase:
        """The phrase with the initials right before its surname head."""
        start = phrase.start
        while start >= 2 and phrase.start == phrase.head and self.initials_at(start - 2):
            start -= 2
        return replace(phrase, start=start)

    def with_title_name(self, phrase: Phrase, case: str = "nomn") -> Phrase:
        """«граф дракула», «царь горох», «термин ноосфера», «телеканал Культура»: one word right after a
        person's title, a citing noun or a named institution (:data:`PERSON_TITLES`, :data:`CITING`,
        :data:`NAMED_INSTITUTIONS`) is its name when nothing but a preposition, an adverb, a predicate
        complement or the end follows. A title's name is a singular noun in the phrase's ``case`` (known,
        or unknown in «-а»/«-я») and inflects with it («не было графа дракулы»); a cited or institution's
        name stays nominative, also after the phrase's own genitive («проекты телеканала Культура»)."""
        k, lemma = phrase.stop, self.words[phrase.head].top.lemma
        title = k == phrase.head + 1 and lemma in PERSON_TITLES
        if k >= len(self.tokens) or not (title or self.words[k - 1].top.lemma in _CITING_OR_INSTITUTION):
            return phrase
        word = self.words[k]
        if not (self.tokens[k].is_word and word.cyrillic) or self.in_pp[k] or self.is_prep(k) \
                or not self._ends_name(k + 1):
            return phrase
        if k != phrase.head + 1:
            return replace(phrase, stop=k + 1) if _capitalized(self.tokens[k].text) or not word.known else phrase
        if title:
            # an unknown name in «-а»/«-я» declines like «акула», as pymorphy3 guesses («графа дракулы»)
            first = word.known or self.tokens[k].lower.endswith(NAME_FIRST_DECLENSION)
            if first and any(p.number == "sing" for p in self._case_parses(k, case)):
                return replace(phrase, stop=k + 1, inflecting=(*phrase.inflecting, k))
            return phrase
        if not word.known or _capitalized(self.tokens[k].text) or (word.pos == "NOUN" and self.nominative(k)):
            return replace(phrase, stop=k + 1)
        return phrase

    def _ends_name(self, i: int) -> bool:
        """Whether token ``i`` may follow a name that ends a noun phrase: nothing, a preposition, an
        adverb, an instrumental complement or a short form."""
        if i >= len(self.tokens):
            return True
        top = self.words[i].top
        return self.is_prep(i) or top.pos in ("ADVB", "ADJS", "PRTS") or (
            top.pos in ("NOUN", "ADJF", "PRTF") and top.case == "ablt")

    def _coordination_end(self, i: int) -> int:
        """Where a coordinated nominative phrase headed at ``i`` ends (``i`` when there is none)."""
        for parse in self.nominative(i):
            phrase = self.phrase_at(i, parse)
            if phrase.coordinated:
                return phrase.stop
        return i

    def _candidate(self, i: int, agreement: Agreement, *, intransitive: bool, postposed: bool) -> Phrase | None:
        if self.words[i].pos == "LATN":
            if i > 0 and self.words[i - 1].pos in ("NOUN", "LATN"):
                return None  # «системы POSIX»: a name of the noun before it
            if self._latin_modifier(i, agreement):
                return None  # «Wi-Fi роутер»: the noun after it is the head
            return self.phrase_at(i, self.words[i].top, postposed=postposed, intransitive=intransitive)
        if self.adjective_nominative(i) and self._modifies_next(i):
            return None  # «лысые кошки»: an adjective (however else it reads) of the noun after it
        parses = self.nominative(i)
        if not parses:
            # a substantivized adjective or participle («русские», «заболевшие») with no noun after it
            parses = [p for p in self.adjective_nominative(i)
                      if "Poss" not in p.grammemes and not (i + 1 < len(self.tokens) and self.nominative(i + 1))]
            if not parses or self._modifies_next(i):
                return None
        for parse in parses:
            phrase = self.phrase_at(i, parse, postposed=postposed, intransitive=intransitive)
            if agreement.accepts(parse, phrase.number):
                return phrase
        return None

    def _latin_modifier(self, i: int, agreement: Agreement) -> bool:
        """Whether the Latin word at ``i`` stands before a nominative noun that agrees with the predicate
        («Wi-Fi роутер», «USB кабель»): it names a kind of that noun. Not with no predicate to agree with
        («Xiaomi конкурент apple?»: a null copula)."""
        j = i + 1
        if agreement.number is None or j >= len(self.tokens) or not self.tokens[j].is_word or self.in_pp[j]:
            return False
        return any(agreement.accepts(p) for p in self.nominative(j) if p.pos == "NOUN")

    def nominative_modifier(self, i: int) -> bool:
        """An adjective that reads as a nominative modifier of the noun after it, whatever its likeliest case
        («нулевой год», «восьмой вселенский собор»: «нулевой» reads instrumental first)."""
        return self.words[i].pos in ("ADJF", "PRTF") and bool(self.adjective_nominative(i)) and self._modifies_next(i)

    def _modifies_next(self, i: int) -> bool:
        """Whether token ``i`` reads as a nominative adjective agreeing with the noun after it («белые
        медведи»; not «попов радио»)."""
        j = i + 1
        while j < len(self.tokens):
            if any(self._modifies(i, noun.number, noun.gender, "nomn") for noun in self.nominative(j)):
                return True  # «точные научные данные»: «данные» is the noun
            if self.words[j].pos not in ("ADJF", "PRTF"):
                return False
            j += 1
        return False
