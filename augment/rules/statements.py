"""A declarative sentence read for questions: its clause, its subject, and the two question forms.

:func:`read_statement` keeps a sentence only when its predicate (finite verb, short form, быть, or a
copula «X — Y») has a nominative subject agreeing with it, found by the same rules that negate
questions (:func:`augment.rules.negation.analyze`, :meth:`augment.rules.syntax.Syntax.subject`).
:func:`li_question` turns it into «<predicate> ли …?» and :func:`framed_question` into «Правда ли, что …?».
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from augment.rules.lexicon import (
    ABBREVIATIONS,
    CAUSE_PHRASES,
    CAUSES,
    COMPARISON_WORDS,
    COORDINATORS,
    DASHES,
    DEMONSTRATIVES,
    DEPENDENT_OPENERS,
    ETO,
    FIRST_SECOND_PERSON,
    FOCUS_ADVERBS,
    GENITIVE,
    HEDGE_PHRASES,
    HEDGES,
    KIND_NOUNS,
    LI,
    MANNER_ADVERB_ENDINGS,
    NAMED_KINDS,
    NEGATIVE_ONLY_PHRASES,
    NEGATIVE_ONLY_WORDS,
    NEGATIVE_POLARITY,
    NEGATIVE_POLARITY_PHRASES,
    NOT,
    NOT_NEGATABLE,
    NOT_NEGATABLE_PHRASES,
    OPENERS,
    OPENING_PHRASES,
    PERSONAL,
    PLACE_DEICTICS,
    QUANTITY_LEMMAS,
    RELATIONAL_ENDINGS,
    RELATIVES,
    STILTED_UNDER_NEGATION,
    THAT,
    THAT_IS,
)
from augment.rules.morphology import Morphology, Word, is_latin
from augment.rules.negation import Clause, analyze, check_words
from augment.rules.reasons import Decline, DeclineReason
from augment.rules.syntax import Agreement, Phrase, Syntax
from augment.rules.tokens import Token, has_phrase, render, tokenize, word

_INNER_CAPITAL = re.compile(r"(?<=[а-яёa-z0-9,] )[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё]+)*")
SUBJECT_KINDS = ("verb", "short_form", "copula", "existential", "existential_verb", "null_copula")
# clause kinds whose predicate word can open the question: «Является ли …», «Есть ли …», «Был ли …»
LI_KINDS = ("verb", "short_form", "copula", "existential", "existential_verb")
_INVERTIBLE_PUNCTUATION = frozenset({"«", "»", '"'})


@dataclass(frozen=True, slots=True)
class Statement:
    """A kept sentence: its tokens (no final period), clause, subject, and what limits its negation."""

    tokens: list[Token]
    clause: Clause
    subject: Phrase
    syntax: Syntax
    negation_block: DeclineReason | None  # why negating it would not give a false statement (None: it may be negated)
    opens_dependent: bool = False  # a subordinate clause or gerund phrase comes first (see framed_question)


def read_statement(sentence: str | list[Token], morph: Morphology, *, context: bool,
                   names: frozenset[str] = frozenset()) -> Statement:
    """The :class:`Statement` of a cleaned, screened sentence (text or tokens); raises :class:`Decline`.

    ``context``: whether the passage holds sentences before this one, where a pronoun's referent can be.
    The statement's first word is lowercased as it will stand inside a question, unless it is a name:
    known to pymorphy3 as one, an acronym, Latin, or among ``names`` (lemmas of words the passage writes
    capitalized inside a sentence, :func:`capitalized_lemmas`).
    """
    tokens = _without_opener(tokenize(sentence) if isinstance(sentence, str) else list(sentence))
    while tokens and not tokens[-1].is_word and tokens[-1].text in (".", "…"):
        if len(tokens) > 1 and _abbreviation(tokens[-2]):
            break  # «… 17 605 чел.»: the period belongs to the abbreviation
        tokens.pop()
    if len(tokens) < 2:
        raise Decline(DeclineReason.TOO_SHORT)
    lowers = [t.lower for t in tokens]
    _check_words(lowers)
    if _run_on(tokens, morph):
        raise Decline(DeclineReason.BROKEN_SENTENCE)
    tokens[0] = _lowered_first(tokens, morph, names).spaced()  # spaced: «не» may go before it
    sx = Syntax(tokens, morph)
    clause = analyze(tokens, morph, syntax=sx)
    if all(t.lower == NOT for t in tokens[:clause.pred]):
        raise Decline(DeclineReason.PREDICATE_FIRST)
    if clause.pred and (tokens[clause.pred - 1].lower, tokens[clause.pred].lower) == THAT_IS:
        raise Decline(DeclineReason.NO_PREDICATE)  # «…, то есть первое воскресенье»: «that is», not «there is»
    if _in_relative_clause(tokens, clause.pred):
        raise Decline(DeclineReason.PREDICATE_IN_RELATIVE_CLAUSE)  # «…, в состав которого не входит, …»: a fragment
    dashes = sum(t.text in DASHES and t.space for t in tokens)
    if dashes > (clause.kind == "null_copula"):
        raise Decline(DeclineReason.DASH_IN_STATEMENT)
    subject = find_subject(sx, clause)
    if subject is None or _doubtful_subject(sx, clause, subject):
        raise Decline(DeclineReason.NO_AGREEING_SUBJECT)
    if not context:
        if _pronoun_subject(sx, subject):
            raise Decline(DeclineReason.PRONOUN_SUBJECT_WITHOUT_REFERENT)
        if _anaphoric(sx):
            raise Decline(DeclineReason.REFERENCE_OUTSIDE_PASSAGE)
    block = _negation_block(sx, lowers)
    return Statement(tokens, clause, subject, sx, block, _opens_isolated(sx, clause, subject))


def _opens_isolated(sx: Syntax, clause: Clause, subject: Phrase) -> bool:
    """Whether the clause opens with a segment set off by a comma, which after «что» is set off on both
    sides («что, как и другие изделия, биди …», «что, по всей видимости, это …»): a subordinate clause,
    gerund or participle phrase, or a single comma before the subject and predicate that closes an opening
    segment: not one in a list («в Турции, Тунисе и Алжире многожёнство …», «…, и половые гормоны …»),
    nor one before a subject that another comma parts from its predicate («…, капля за каплей, вливалась»)."""
    tokens = sx.tokens
    opener = tokens[0].lower in DEPENDENT_OPENERS or sx.words[0].pos in ("GRND", "PRTF")
    # an opening gerund phrase may hold a noun read as the subject («отметив недостатки, специалисты …»)
    main = clause.pred if opener else min(subject.start, clause.pred)
    commas = [i for i in range(main) if tokens[i].text == ","]
    if not commas:
        return False
    if opener:
        return True
    return len(commas) == 1 and not any(tokens[j].lower in COORDINATORS for j in range(commas[0] + 1, main)) \
        and not any(tokens[j].text == "," for j in range(main, clause.pred))


def _in_relative_clause(tokens: list[Token], pred: int) -> bool:
    """Whether «который» (or «чей») stands between the comma before the predicate and the predicate."""
    j = pred - 1
    while j >= 0 and tokens[j].text != ",":
        if tokens[j].lower in RELATIVES:
            return True
        j -= 1
    return False


def _negation_block(sx: Syntax, lowers: list[str]) -> DeclineReason | None:
    """Why flipping the clause's polarity would not give a false statement, or None."""
    if NOT_NEGATABLE.intersection(lowers) or has_phrase(lowers, NOT_NEGATABLE_PHRASES) or any(
            w.top.lemma in QUANTITY_LEMMAS for w in sx.words):
        return DeclineReason.FREQUENCY_QUANTITY_OR_APPROXIMATION
    if NEGATIVE_POLARITY.intersection(lowers) or has_phrase(lowers, NEGATIVE_POLARITY_PHRASES):
        return DeclineReason.NEGATIVE_POLARITY_WORD
    if CAUSES.intersection(lowers) or has_phrase(lowers, CAUSE_PHRASES):
        return DeclineReason.STATED_CAUSE_OR_CONSEQUENCE
    if any(lowers[i] == "," and lowers[i + 1] == THAT and sx.words[i + 2].pos == "VERB"
           for i in range(len(lowers) - 2)):
        return DeclineReason.STATED_CAUSE_OR_CONSEQUENCE  # «…, что позволяет …»
    return None


def affirmation_block(statement: Statement) -> DeclineReason | None:
    """Why affirming a negative statement would not give a grammatical false statement, or None: the first
    of :data:`AFFIRMATION_CHECKS` that objects."""
    return _first_objection(statement, AFFIRMATION_CHECKS)


def _first_objection(statement: Statement, checks: tuple[Callable[[Statement], DeclineReason | None], ...]
                     ) -> DeclineReason | None:
    return next((reason for check in checks if (reason := check(statement)) is not None), None)


def negative_only_phrase(statement: Statement) -> DeclineReason | None:
    """«до сих пор не установлена», «уравнения, которое бы …», «терпеть не мог» (an infinitive right before
    the «не»): phrases that read right only with their «не»."""
    lowers = [t.lower for t in statement.tokens]
    negation = statement.clause.negation
    if NEGATIVE_ONLY_WORDS.intersection(lowers) or has_phrase(lowers, NEGATIVE_ONLY_PHRASES) or (
            negation and statement.syntax.is_infinitive(negation - 1)):
        return DeclineReason.NEGATIVE_ONLY_PHRASE
    return None


def genitive_under_negation(statement: Statement) -> DeclineReason | None:
    """«не оценил роли Невы», «возмещения не потребовали»: a transitive verb's first noun after it, or the noun right
    before its «не», may be a genitive singular with no accusative singular of the same form; affirmed it
    would need the accusative («оценил роль»). Stricter than the negation of questions, since a passage
    sentence's object is rarely a plural."""
    clause, sx, subject = statement.clause, statement.syntax, statement.subject
    if clause.kind != "verb" or clause.negation is None or "tran" not in sx.words[clause.pred].top.grammemes:
        return None
    nouns = [clause.negation - 1] if clause.negation > 0 else []
    for j in range(clause.pred + 1, len(sx.tokens)):
        if sx.in_pp[j] or not sx.tokens[j].is_word or sx.is_prep(j):
            continue
        if sx.words[j].pos not in ("ADJF", "PRTF", "ADVB"):
            nouns.append(j)
            break
    for j in nouns:
        if not subject.start <= j < subject.stop and sx.words[j].pos in ("NOUN", "NPRO") and \
                _singular_genitive_only(sx.morph, sx.words[j]):
            return DeclineReason.GENITIVE_OBJECT
    return None


def _singular_genitive_only(morph: Morphology, word: Word) -> bool:
    """Whether some parse of ``word`` (not only the plausible ones: «роли» is a likelier locative) is a
    genitive singular noun and none an accusative singular; indeclinables read the same in every case."""
    tags = [p.tag for p in morph.analyzer.parse(word.form) if p.tag.POS in ("NOUN", "NPRO")]
    if any("Fixd" in tag for tag in tags):
        return False
    return any(tag.case in GENITIVE and tag.number == "sing" for tag in tags) and not any(
        tag.case == "accs" and tag.number == "sing" for tag in tags)


def existent_with_comma(statement: Statement) -> DeclineReason | None:
    """«источников, подтверждающих …, нет»: the existent goes on after a comma; affirmed, its modifiers would
    keep their genitive («источники, подтверждающих …, есть»)."""
    clause = statement.clause
    if clause.existential and clause.phrase is not None:
        lo, hi = sorted((clause.phrase.start, clause.pred))
        if any(t.text == "," for t in statement.tokens[lo:hi]):
            return DeclineReason.MODIFIERS_OF_EXISTENT_AFTER_COMMA
    return None


AFFIRMATION_CHECKS = (negative_only_phrase, genitive_under_negation, existent_with_comma)


def negation_block(statement: Statement) -> DeclineReason | None:
    """Why negating an affirmative statement would not give a grammatical, natural false statement, or None: the
    first of :data:`NEGATION_CHECKS` that objects."""
    return _first_objection(statement, NEGATION_CHECKS)


def stilted_adverb_at_site(statement: Statement) -> DeclineReason | None:
    """«он хорошо понимал» → «он не хорошо понимал»: «не» would go before an adverb it leaves stilted."""
    if statement.tokens[statement.clause.site].lower in STILTED_UNDER_NEGATION:
        return DeclineReason.SCOPE_ADVERB
    return None


def named_passive_existent(statement: Statement) -> DeclineReason | None:
    """«в тот день было открыто министерство обороны Германии»: read as «было» + existent, its negation gives the
    genitive («не было открыто министерства обороны Германии»), where a named, definite subject keeps the
    nominative («не было открыто министерство …»)."""
    clause, tokens = statement.clause, statement.tokens
    phrase = clause.phrase
    if clause.existential and phrase is not None and statement.syntax.words[phrase.start].has("PRTS") and any(
            tokens[j].text[:1].isupper() for j in range(phrase.start, phrase.stop)):
        return DeclineReason.NAMED_PASSIVE_SUBJECT
    return None


def manner_adverb_before_site(statement: Statement) -> DeclineReason | None:
    """«сам султан скоропостижно скончался» → «… скоропостижно не скончался», «разительно отличается» → «разительно не
    отличается»: a manner adverb of the main clause before the «не»'s place would take the negation."""
    sx = statement.syntax
    for i in range(statement.clause.site):
        word_ = sx.words[i]
        if sx.main[i] and word_.pos == "ADVB" and (word_.has("ADJS") or sx.lower(i).endswith(MANNER_ADVERB_ENDINGS)):
            return DeclineReason.SCOPE_ADVERB
    return None


NEGATION_CHECKS = (stilted_adverb_at_site, manner_adverb_before_site, named_passive_existent)


def _run_on(tokens: list[Token], morph: Morphology) -> bool:
    """Two sentences run together («… в кинохронике Родился в 1920 году»): a capitalized word inside that can
    only be a verb or a function word."""
    for i in range(1, len(tokens)):
        text = tokens[i].text
        if text[:1].isupper() and not text.isupper() and tokens[i - 1].text not in ("«", '"', "(", "—", "-") and \
                morph.word(text).pos in ("VERB", "INFN", "PRTS", "ADJS", "GRND", "PREP", "CONJ", "PRCL"):
            return True
    return False


def _check_words(lowers: list[str]) -> None:
    """Cheap declines on the words alone, before any analysis."""
    words = set(lowers)
    if not words.isdisjoint(HEDGES) or has_phrase(lowers, HEDGE_PHRASES):
        raise Decline(DeclineReason.HEDGED)
    if not words.isdisjoint(FIRST_SECOND_PERSON):
        raise Decline(DeclineReason.FIRST_OR_SECOND_PERSON)
    check_words(lowers)


def find_subject(sx: Syntax, clause: Clause) -> Phrase | None:
    """The nominative subject agreeing with the clause's predicate (the existent of an existential clause,
    the phrase before the dash of «X — Y»), or None."""
    if clause.kind not in SUBJECT_KINDS:
        return None
    if clause.existential and clause.phrase is not None:
        return clause.phrase
    n = len(sx.tokens)
    if clause.kind == "null_copula":
        return sx.subject(0, clause.site, Agreement(None))
    word_ = sx.words[clause.pred]
    reading = word_.top
    if clause.kind == "verb":
        reading = next((p for p in word_.parses if p.pos == "VERB" and "indc" in p.grammemes), reading)
    # a statement's subject comes first far more often than its object («печень вырабатывает желчь»):
    # the first agreeing nominative, whatever the verb's transitivity (see _doubtful_subject), never the
    # predicate itself («погиб» reads also as a noun)
    agreement = Agreement.of(reading)
    before = sx.subject(0, clause.pred, agreement)
    if before is not None and before.stop <= clause.pred:
        return before
    return sx.subject(clause.pred + 1, n, agreement)


def li_question(tokens: list[Token], pred: int, morph: Morphology) -> str | None:
    """«<predicate> ли <the rest>?»: the predicate word moved first, or None when the clause does not
    allow it (punctuation or an adverb right before the predicate)."""
    if pred >= len(tokens) or not tokens[pred].is_word:
        return None
    before = tokens[:pred]
    if any(not t.is_word and t.text not in _INVERTIBLE_PUNCTUATION for t in before):
        return None  # «Окончив школу, он поступил …»: the predicate cannot jump over a comma
    if before and (before[-1].lower in FOCUS_ADVERBS or morph.word(before[-1].text).pos == "ADVB"):
        return None  # «твёрдо установлено»: the adverb would be left behind
    rest = [*before, *tokens[pred + 1:]]
    if not rest or not any(t.is_word for t in rest):
        return None
    head = tokens[pred].text
    head = head[:1].upper() + head[1:]
    return render([Token(head, False), word(LI), rest[0].spaced(), *rest[1:]]) + "?"


def framed_question(tokens: list[Token], frame: str, comma: bool = False) -> str:
    """«<frame> <clause>?» (the clause as a statement's tokens stand: its first word already lowercased);
    ``comma``: the clause opens with a dependent segment, set off after the frame too («что, как и …»)."""
    return f"{frame}{',' if comma else ''} {render([tokens[0].spaced(), *tokens[1:]])}?"


def _lowered_first(tokens: list[Token], morph: Morphology, names: frozenset[str]) -> Token:
    """The sentence's first word as it stands inside a question: lowercased unless one of
    :data:`CAPITAL_KEEPERS` says it is a name (to pymorphy3, or to the passage: see :func:`read_statement`),
    an acronym, Latin, an initial, an adjective before a capitalized word («Южная Корея») or a relational
    adjective before a kind of named thing («Тюменская область», «Российская империя»)."""
    token = tokens[0]
    text = token.text
    if not text[:1].isupper() or any(keeps(tokens, morph, names) for keeps in CAPITAL_KEEPERS):
        return token
    return token.with_text(text[0].lower() + text[1:])


def acronym_or_latin(tokens: list[Token], morph: Morphology, names: frozenset[str]) -> bool:
    """«NASA», «ООН», «Apple»."""
    text = tokens[0].text
    return is_latin(text) or (len(text) > 1 and text.isupper())


def initial(tokens: list[Token], morph: Morphology, names: frozenset[str]) -> bool:
    """«В. Л. Янин»."""
    return len(tokens[0].text) == 1 and len(tokens) > 1 and tokens[1].text == "."


def known_name(tokens: list[Token], morph: Morphology, names: frozenset[str]) -> bool:
    """A name or abbreviation to pymorphy3, a lemma the passage capitalizes, or a possessive adjective made
    from a name («Эйфелева башня»)."""
    word_ = morph.word(tokens[0].text)
    # «Сухие губы»: a plural adjective first, though «Сухой» is a surname too
    surname = word_.proper and not (word_.pos == "ADJF" and word_.top.number == "plur")
    if surname or word_.abbr or not names.isdisjoint(p.lemma for p in word_.parses):
        return True
    return word_.pos == "ADJF" and "Poss" in word_.top.grammemes


def name_with_next_word(tokens: list[Token], morph: Morphology, names: frozenset[str]) -> bool:
    """«Южная Корея», «Честер Гринвуд», «Тюменская область»; not «Площадь Восточной Сибири»."""
    word_ = morph.word(tokens[0].text)
    if len(tokens) < 2 or word_.pos not in ("ADJF", "NOUN") or "Apro" in word_.top.grammemes:
        return False  # «Сам Эйнштейн», «Этот Пушкин»: a pronoun
    following = tokens[1]
    after = morph.word(following.text)
    named = following.text[:1].isupper() and not following.text.isupper()  # not an acronym («Анализ ДНК»)
    # a name in apposition reads nominative and cannot be a genitive («Честер Гринвуд»; not «Столица
    # Франции», «Исследования Мэттью Барона»)
    apposition = any(p.case == "nomn" for p in after.parses) and not any(
        p.case in GENITIVE for p in after.parses)
    title = word_.known and after.has("Name", "nomn")  # «Императрица Елизавета»: a title before a first name
    if named and (word_.pos == "ADJF" or (word_.top.lemma not in KIND_NOUNS and apposition and not title)):
        return True
    return word_.pos == "ADJF" and word_.top.lemma.endswith(RELATIONAL_ENDINGS) and after.top.lemma in NAMED_KINDS


def first_name_before_name(tokens: list[Token], morph: Morphology, names: frozenset[str]) -> bool:
    """«Лев Толстой», «Вера Павлова»: a word that reads as a first name, then a capitalized surname or name
    (pymorphy3 reads «лев» first as the animal, and «Толстой» also as a genitive)."""
    if len(tokens) < 2 or not morph.word(tokens[0].text).has("Name", "nomn"):
        return False
    following = tokens[1].text
    after = morph.word(following)
    return following[:1].isupper() and not following.isupper() and (after.has("Surn") or after.has("Name"))


CAPITAL_KEEPERS = (acronym_or_latin, initial, known_name, name_with_next_word, first_name_before_name)


def capitalized_lemmas(text: str, morph: Morphology) -> frozenset[str]:
    """Lemmas of the words ``text`` writes with a capital letter inside a sentence (names, in effect)."""
    return frozenset(p.lemma for match in _INNER_CAPITAL.finditer(text) for p in morph.word(match.group()).parses)


def _doubtful_subject(sx: Syntax, clause: Clause, subject: Phrase) -> bool:
    """A subject that may be something else: after «как» («применяется как средство»), or after the
    predicate while it can also be read as a genitive or (transitive verb) an accusative object."""
    if subject.start > 0 and sx.lower(subject.start - 1) in COMPARISON_WORDS:
        return True
    if sx.in_pp[subject.head]:
        return True  # «для облегчения совести»: read as a subject only for want of another
    if subject.start < clause.pred or clause.existential:
        return False
    word_ = sx.words[subject.head]
    if any(p.pos == "NOUN" and p.case in GENITIVE for p in word_.parses):
        return True
    transitive = sx.words[clause.pred].has("VERB", "tran")
    return transitive and any(p.case in ("accs", "acc2") for p in word_.parses)


def _without_opener(tokens: list[Token]) -> list[Token]:
    """``tokens`` without a leading discourse word or phrase («Однако, …», «Кроме того, …»)."""
    lowers = [t.lower for t in tokens]
    length = next((len(p) for p in OPENING_PHRASES if tuple(lowers[:len(p)]) == p), 0)
    if not length and lowers and lowers[0] in OPENERS and len(lowers) > 2:
        length = 1
    if length and length < len(tokens) and tokens[length].text == ",":
        length += 1
    if not length:
        return tokens
    rest = tokens[length:]
    if not rest or not rest[0].is_word:
        return tokens
    return [rest[0].with_text(rest[0].text[:1].upper() + rest[0].text[1:]).spaced(), *rest[1:]]


def _abbreviation(token: Token) -> bool:
    """An abbreviation written with a period («г.», «чел.», «н. э.»; not «КНДР», «км»)."""
    return token.is_word and token.text.islower() and token.lower in ABBREVIATIONS


def _pronoun_subject(sx: Syntax, subject: Phrase) -> bool:
    """A subject headed by a pronoun («он», «это») or with a demonstrative («этот город»)."""
    if sx.words[subject.head].pos == "NPRO" or sx.lower(subject.head) in PERSONAL:
        return True
    return any(sx.lower(i) in DEMONSTRATIVES for i in range(subject.start, subject.stop))


def _anaphoric(sx: Syntax) -> bool:
    """Whether the clause refers back to what came before it: a personal pronoun, a demonstrative
    before a word («этот город», «в этом году»), «там», «тогда»."""
    tokens = sx.tokens
    for i, token in enumerate(tokens):
        lower = token.lower
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if lower in PERSONAL and not (following is not None and following.text == "."):  # «им.» (имени)
            return True
        if lower in PLACE_DEICTICS:
            return True
        if lower in DEMONSTRATIVES and following is not None and following.is_word and not (
                lower == ETO and i > 0 and not tokens[i - 1].is_word):  # «X — это Y» is a copula
            return True
    return False
