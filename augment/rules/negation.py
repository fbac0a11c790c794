"""Negation of a declarative Russian clause: find the predicate, then negate it, or affirm a negative one.

:func:`analyze` finds the word that carries the assertion (finite verb, short adjective or participle,
быть, a modal predicative, a predicate noun after a dash or «это") and what kind of clause it is;
:func:`negate_clause` flips its polarity: «кит является рыбой» ⇄ «кит не является рыбой»,
«у зайца есть хвост» ⇄ «у зайца нет хвоста», «у цезаря были враги» ⇄ «у цезаря не было врагов»,
«можно» ⇄ «нельзя». Whatever the rules cannot flip with confidence raises :class:`Decline` with a
reason; a wrong negation is worse than none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from augment.rules.lexicon import (
    ACCUSATIVE_VERBS,
    BE,
    BE_FORMS,
    BE_FUTURE,
    BE_PAST,
    CATEGORY_NOUNS,
    CITING,
    CONCORD,
    CONTRADICTORY_NEGATIVES,
    CONTRAST_CONJUNCTIONS,
    COORDINATORS,
    COPULAR_VERBS,
    COUNTING_FEW,
    DASHES,
    ETO,
    EVENT_NOUNS,
    EXISTENT_CLAUSE_OPENERS,
    EXISTENT_QUANTITIES,
    EXISTENTIAL_VERBS,
    FOCUS_ADVERBS,
    FOCUS_PARTICLES,
    GENITIVE_VERBS,
    IMPERSONAL_BE,
    IMPERSONAL_FUTURE,
    IMPERSONAL_PAST,
    INDEFINITE,
    INDEFINITE_PARTS,
    IS,
    KIND_NOUNS,
    LI,
    MANY,
    MASCULINE_NAME_GENITIVE,
    MODAL_FLIPS,
    MODALS,
    NAME_BE_PAST,
    NAME_GENITIVE_ENDINGS,
    NAME_INDECLINABLE_ENDINGS,
    NAME_SOFT_GENITIVE,
    NAME_SOFT_STEMS,
    NAME_UNDECIDED_ENDINGS,
    NEGATED_EXISTENCE_VERBS,
    NEGATIVE_IDIOMS,
    NEGATIVE_MODALS,
    NEGATIVE_PREFIX,
    NEVER,
    NOT,
    NYET,
    ONLY,
    OR,
    PERSON_TITLES,
    PERSONAL_NAME,
    PLACE_NAME,
    POSSESSIVE_U,
    PREPOSITIONS,
    PROPER,
    QUANTIFIERS,
    QUANTIFIERS_AFTER_PREPOSITION,
    QUANTITY,
    REALITY,
    SCOPE,
    SOME,
    WIDE_SCOPE_ADVERBS,
    YEAR_GENITIVE,
    YEARS,
)
from augment.rules.morphology import Morphology, Reading, Word, match_case, name_like, shared_morphology
from augment.rules.reasons import Decline, DeclineReason
from augment.rules.syntax import CHAIN, GOVERNED, Agreement, Phrase, Syntax
from augment.rules.tokens import Token, day_and_month, tokenize, word

STRONG = ("verb", "be", "short", "modal", "nyet")


@dataclass(frozen=True, slots=True)
class Clause:
    """A declarative clause with its predicate found.

    ``kind`` is the rule family (verb, short_form, copula, existential, existential_verb, modal,
    predicative, comparative, quantity, null_copula; lexical: a lexically negative word whose «не» is
    dropped, «неизвестна»; name_existence: «был эртугрул»); ``pred`` indexes the word carrying the
    assertion; ``negation`` the «не» (or the word «нет»/«нельзя»/«невозможно») when the clause is
    negative; ``site`` where «не» goes when negating; ``phrase`` the existent of an existential clause
    (or the name said to exist), or the genitive object of a negated verb («не вызывает аллергии»).
    """

    tokens: list[Token]
    kind: str
    pred: int
    site: int
    negation: int | None = None
    phrase: Phrase | None = None

    @property
    def negative(self) -> bool:
        return self.negation is not None

    @property
    def existential(self) -> bool:
        """Whether the clause states existence («у зайца есть хвост», «существуют киты»)."""
        return self.kind in ("existential", "existential_verb")


@dataclass(frozen=True, slots=True)
class Negation:
    """The clause with its polarity flipped, the rule family (``rule``: the clause's kind, or «modal» for a
    swapped modal), the new polarity and the name of the flip rule that fired (see :data:`FLIPS`)."""

    tokens: list[Token]
    rule: str
    negative: bool
    flip: str = ""

    @property
    def text(self) -> str:
        from augment.rules.tokens import render

        return render(self.tokens)


# --- finding the predicate ---------------------------------------------------------------------------


def predicate_class(sx: Syntax, i: int) -> str | None:
    """What token ``i`` can be as a predicate: verb, be, short, modal, nyet (strong) or a weak reading."""
    token = sx.tokens[i]
    if not token.is_word:
        return None
    lower = token.lower
    if lower == NYET:
        return "nyet"
    if lower in MODALS:
        return "modal"
    if lower in BE_FORMS:
        return "be_present" if lower == IS else "be"
    word = sx.words[i]
    pos = word.pos
    if pos in ("VERB", "ADJS", "PRTS") and not word.known:
        return None  # a guess from the ending («децл» is no verb)
    if pos == "VERB" and "indc" in word.top.grammemes:
        return "verb"
    if pos in ("ADJS", "PRTS"):
        return "short"
    if pos == "PRED":
        return "modal"
    if pos == "COMP":
        return "comparative"
    if lower in QUANTITY:
        return "quantity"
    if pos == "ADVB" and ((word.has("Prdx") and lower not in FOCUS_ADVERBS)
                          or ((word.has("Prdx") or word.has("ADJS", "neut", "sing")) and _infinitive_follows(sx, i))):
        return "predicative"  # «зимой холодно», «курить вредно»
    return None


def _infinitive_follows(sx: Syntax, i: int) -> bool:
    return any(w.pos == "INFN" for w in sx.words[i + 1:])


def find_predicate(sx: Syntax) -> tuple[int, str] | None:
    """The one predicate of the main clause (index, class), None when there is none; declines on several."""
    strong, weak = _candidates(sx)
    if len(strong) > 1:
        raise Decline(DeclineReason.SEVERAL_PREDICATES)
    if strong:
        return strong[0]
    if len(weak) > 1:
        weak = [(i, c) for i, c in weak if c != "be_present"] or weak
    if len(weak) > 1:
        raise Decline(DeclineReason.SEVERAL_PREDICATES)
    return weak[0] if weak else None


def _candidates(sx: Syntax) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Strong (verb, быть, short form, modal, «нет») and weak predicate candidates of the main clause."""
    strong: list[tuple[int, str]] = []
    weak: list[tuple[int, str]] = []
    for i in range(len(sx.tokens)):
        if not sx.main[i] or sx.in_pp[i] or sx.surname_after_first_name(i):
            continue  # «Марк Шагал»: a surname, not the verb «шагал»
        found = predicate_class(sx, i)
        if found is None:
            continue
        (strong if found in STRONG else weak).append((i, found))
    # «был сбит», «нужна была», «нужно было»: быть next to a short form or a modal makes one predicate,
    # carried by the first of the two; a short form after the infinitive «быть» belongs to the infinitive
    positions = dict(strong)
    merged = []
    for i, c in strong:
        if c == "be" and positions.get(i - 1) in ("short", "modal"):
            continue
        if c in ("short", "modal") and positions.get(i - 1) == "be":
            continue
        if c == "short" and i > 0 and (sx.lower(i - 1) == BE or (positions.get(i - 1) == "verb"
                                       and sx.words[i - 1].top.lemma in COPULAR_VERBS)):
            continue  # «могут быть заменены», «остался жив»
        if c == "short" and _auxiliary_before(sx, i, positions):
            continue  # «был на дуэли ранен»
        merged.append((i, c))
    return merged, weak


def _auxiliary_before(sx: Syntax, i: int, positions: dict[int, str]) -> bool:
    """Whether a form of быть agreeing with the short form ``i`` precedes it across adverbials only."""
    j = i - 1
    while j >= 0 and (sx.in_pp[j] or sx.is_prep(j) or sx.words[j].pos == "ADVB"):
        j -= 1
    if j < 0 or positions.get(j) != "be" or j == i - 1:
        return False
    be, short = sx.words[j].top, sx.words[i].top
    return be.number == short.number and (be.number == "plur" or be.gender == short.gender)


def check_words(lowers: list[str]) -> None:
    """Declines that the words alone decide (negative concord, «ли»/«или», a contrast «X, а Y»), checked
    before any analysis."""
    if CONCORD.intersection(lowers):
        raise Decline(DeclineReason.NEGATIVE_CONCORD)
    if LI in lowers or OR in lowers:
        raise Decline(DeclineReason.QUESTION_INSIDE_CLAUSE)
    if any(t == "," and i + 1 < len(lowers) and lowers[i + 1] in CONTRAST_CONJUNCTIONS for i, t in enumerate(lowers)):
        raise Decline(DeclineReason.CONTRAST)


def analyze(tokens: list[Token], morph: Morphology | None = None, predicate: int | None = None,
            syntax: Syntax | None = None) -> Clause:
    """The :class:`Clause` of ``tokens`` (its predicate given, or found); raises :class:`Decline`.

    ``syntax``: the :class:`Syntax` of ``tokens`` when the caller has built it already (it is reused).
    """
    morph = morph or shared_morphology()
    lowers = [t.lower for t in tokens]
    check_words([t for i, t in enumerate(lowers) if not _never_before_ne(lowers, i)])  # see never_in_the_past
    sx = syntax if syntax is not None and syntax.tokens is tokens else Syntax(tokens, morph)
    if predicate is None:
        found = find_predicate(sx)
        if found is None:
            return _scope(sx, _null_copula(sx))
        predicate, cls = found
    else:
        # «выше» reads first as an adverb; given as the predicate, it is the comparative
        cls = predicate_class(sx, predicate) or ("comparative" if sx.words[predicate].has("COMP") else "verb")
        if any(i != predicate for i, _ in _candidates(sx)[0]):
            raise Decline(DeclineReason.SEVERAL_PREDICATES)
    if any(t.endswith(INDEFINITE) or t in INDEFINITE_PARTS for t in lowers):
        raise Decline(DeclineReason.INDEFINITE_PRONOUN)
    if cls == "nyet":
        clause = _existential_negative(sx, predicate, predicate)
    elif cls in ("be", "be_present"):
        clause = _be(sx, predicate)
    elif cls == "modal":
        clause = _modal(sx, predicate)
    elif cls == "verb":
        clause = _verb(sx, predicate)
    else:
        kind = {"short": "short_form", "comparative": "comparative", "quantity": "quantity"}.get(cls, "predicative")
        if _lexically_negative(sx, predicate):
            return _scope(sx, _contradictory_clause(sx, predicate))
        clause = _with_particle(sx, kind, predicate)
    return _scope(sx, clause)


def _with_particle(sx: Syntax, kind: str, pred: int) -> Clause:
    """A clause negated by «не» before the predicate (or before degree adverbs and quantifiers)."""
    site = pred
    while site > 0 and sx.lower(site - 1) in FOCUS_ADVERBS:
        site -= 1
    if site > 0 and sx.lower(site - 1) == NOT:
        return Clause(sx.tokens, kind, pred, site, site - 1)
    return Clause(sx.tokens, kind, pred, site)


def _scope(sx: Syntax, clause: Clause) -> Clause:
    """Move the site before a quantified subject («не все X»); then each of :data:`SCOPE_CHECKS`, on each
    word in turn, declines stray negations and scope words."""
    clause = _quantified(sx, clause)
    for i in range(len(sx.tokens)):
        for check in SCOPE_CHECKS:
            check(sx, clause, i)
    return clause


def _quantified(sx: Syntax, clause: Clause) -> Clause:
    """«все грибы съедобны» → the site before «все»; declines a quantifier the rules cannot put «не» before,
    but for «многие» (the clause can still be asked; :func:`no_partial_quantifier` declines its negation)."""
    tokens = sx.tokens
    quantifiers = [i for i, t in enumerate(tokens) if sx.main[i] and i != clause.pred and (
        t.lower in QUANTIFIERS
        or ((t.lower in QUANTITY or t.lower in MANY or _quantifier_in_phrase(sx, i)) and i < clause.site))]
    if not quantifiers:
        return clause
    quantified = _quantifier_site(sx, clause, quantifiers)
    if quantified is not None:
        return quantified
    if all(tokens[i].lower in MANY for i in quantifiers):
        return clause  # «во многих странах есть метро»
    raise Decline(DeclineReason.QUANTIFIER)


def _quantifier_site(sx: Syntax, clause: Clause, quantifiers: list[int]) -> Clause | None:
    """The clause with its site before the one quantifier («не во всех странах»: before the preposition),
    when only the subject's words stand between it and the site; None otherwise."""
    tokens = sx.tokens
    q = quantifiers[0] - _quantifier_in_phrase(sx, quantifiers[0])
    if len(quantifiers) > 1 or q >= clause.site or clause.kind not in ("verb", "short_form", "copula", "null_copula"):
        return None
    for k in range(q + 1, clause.site):
        if not (sx.in_pp[k] or sx.is_prep(k) or tokens[k].lower in COORDINATORS
                or sx.words[k].pos in ("NOUN", "NPRO", "ADJF", "PRTF")):
            return None
    if clause.negative:
        return None
    negation = q - 1 if q > 0 and tokens[q - 1].lower == NOT else None
    return Clause(tokens, clause.kind, clause.pred, q, negation, clause.phrase)


def _quantifier_in_phrase(sx: Syntax, i: int) -> bool:
    """«во всех странах», «на всех материках»: a universal quantifier right after a preposition."""
    return sx.lower(i) in QUANTIFIERS_AFTER_PREPOSITION and i > 0 and sx.is_prep(i - 1)


def no_other_negation(sx: Syntax, clause: Clause, i: int) -> None:
    """«не кит является рыбой»: a «не» of the main clause that is not the predicate's."""
    if sx.lower(i) == NOT and sx.main[i] and i != clause.negation:
        raise Decline(DeclineReason.NEGATION_ELSEWHERE)


def no_scope_adverb(sx: Syntax, clause: Clause, i: int) -> None:
    """«кит уже вымер»: «уже», «ещё», «пока» change meaning under negation."""
    if sx.lower(i) in SCOPE and sx.main[i] and i != clause.pred:  # «кит не больше слона»: the predicate itself
        raise Decline(DeclineReason.SCOPE_ADVERB)


def no_wide_scope_before_site(sx: Syntax, clause: Clause, i: int) -> None:
    """«тигр повсеместно вымер»: an extent or duration adverb before the «не»'s place would take the negation
    («повсеместно не вымер»: nowhere); after it, it is in the negation's scope («не был полностью разрушен»)."""
    if sx.lower(i) in WIDE_SCOPE_ADVERBS and sx.main[i] and i < clause.site:
        raise Decline(DeclineReason.SCOPE_ADVERB)


def no_focus_particle(sx: Syntax, clause: Clause, i: int) -> None:
    """«явление и получило название»: a focus particle right before the «не»'s place («и не получило»: and
    did not get)."""
    if i + 1 == clause.site and sx.lower(i) in FOCUS_PARTICLES and sx.main[i]:
        raise Decline(DeclineReason.SCOPE_ADVERB)


def no_lexical_negation(sx: Syntax, clause: Clause, i: int) -> None:
    """«не живут недолго»: another word of the clause is «не» + a word."""
    if sx.main[i] and i != clause.pred and sx.words[i].pos in ("ADVB", "ADJS", "PRTS", "COMP") \
            and _lexically_negative(sx, i):
        raise Decline(DeclineReason.LEXICAL_NEGATION)


def no_only_on_subject(sx: Syntax, clause: Clause, i: int) -> None:
    """«гречку едят только славяне»: «не» before the verb would not negate «только славяне»."""
    if sx.lower(i) == ONLY and sx.main[i] and (i + 1 == clause.site or (
            i + 1 < len(sx.tokens) and (sx.nominative(i + 1) or sx.adjective_nominative(i + 1)))):
        raise Decline(DeclineReason.SCOPE_ADVERB)


def no_negative_idiom(tokens: Sequence[Token]) -> None:
    """«терпеть не мог»: «не» inside an idiom (:data:`NEGATIVE_IDIOMS`) has no affirmative counterpart, so the
    clause cannot be flipped (it can still be asked as it stands)."""
    if any(token.lower == NOT and before.lower in NEGATIVE_IDIOMS for before, token in pairwise(tokens)):
        raise Decline(DeclineReason.NEGATIVE_IDIOM)


def never_in_the_past(sx: Syntax, clause: Clause, i: int) -> None:
    """«австралия никогда не была колонией»: «никогда» right before the clause's «не» of a past-tense
    predicate is flipped with it (:func:`_without_never`); anywhere else, a negative concord."""
    if sx.lower(i) == NEVER and (clause.negation != i + 1 or sx.words[clause.pred].top.tense != "past"):
        raise Decline(DeclineReason.NEGATIVE_CONCORD)


def _never_before_ne(lowers: list[str], i: int) -> bool:
    return lowers[i] == NEVER and i + 1 < len(lowers) and lowers[i + 1] == NOT


def no_partial_quantifier(clause: Clause) -> None:
    """«некоторые дирижёры отказываются …», «является отраслью во многих странах»: «не» before the predicate
    denies neither «некоторые» nor «многие»; only «не» right before «многие» does («не многие грибы …»,
    «не во многих странах …», placed by :func:`_quantified`)."""
    tokens, site = clause.tokens, clause.site
    for i, token in enumerate(tokens):
        negated = site == i or (site == i - 1 and tokens[site].lower in PREPOSITIONS)
        if token.lower in SOME or (token.lower in MANY and not negated):
            raise Decline(DeclineReason.QUANTIFIER)


SCOPE_CHECKS = (no_other_negation, no_scope_adverb, no_wide_scope_before_site, no_focus_particle, no_lexical_negation,
                no_only_on_subject, never_in_the_past)


def _verb(sx: Syntax, pred: int) -> Clause:
    word = sx.words[pred]
    if _lexically_negative(sx, pred):
        raise Decline(DeclineReason.LEXICAL_NEGATION)
    clause = _with_particle(sx, "verb", pred)
    if not clause.negative and word.top.lemma in EXISTENTIAL_VERBS and clause.site == pred:
        # «существуют снежные люди» → «не существует снежных людей»: the existent after the verb
        subject = sx.subject(0, len(sx.tokens), Agreement.of(word.top))
        if subject is not None and subject.start > pred:
            return Clause(sx.tokens, "existential_verb", pred, clause.site, None, _checked_existent(sx, subject))
    if clause.negative and _impersonal(word.top) and word.top.lemma not in GENITIVE_VERBS:
        existence = _negated_existence(sx, clause)
        if existence is not None:
            return existence
    if clause.negative and "tran" in word.top.grammemes and _genitive_object(sx, pred):
        obj = _genitive_object_phrase(sx, pred) if word.top.lemma in ACCUSATIVE_VERBS else None
        if obj is None:
            raise Decline(DeclineReason.GENITIVE_OBJECT)
        return replace(clause, phrase=obj)  # flipped by flip_genitive_object
    return clause


def _negated_existence(sx: Syntax, clause: Clause) -> Clause | None:
    """«в байкале не водится акул»: a negated impersonal verb of existence (:data:`NEGATED_EXISTENCE_VERBS`)
    with a genitive and no subject, whose affirmation makes the genitive the subject; declines another
    intransitive verb with a genitive after it («в лесу не растёт грибов»)."""
    pred, verb = clause.pred, sx.words[clause.pred].top
    subject = sx.subject(0, len(sx.tokens), Agreement.of(verb))
    existent = _genitive_existent(sx, pred) if subject is None or _genitive_name(sx, subject) else None
    if existent is None:
        return None
    if verb.lemma in NEGATED_EXISTENCE_VERBS:
        return Clause(sx.tokens, "existential_verb", pred, clause.site, clause.negation, existent)
    if existent.start > pred and "intr" in verb.grammemes and not sx.words[existent.head].has("Fixd") \
            and not _infinitive_follows(sx, pred):
        raise Decline(DeclineReason.GENITIVE_OF_NEGATION)
    return None


def _impersonal(verb: Reading) -> bool:
    """A verb form with no subject to agree with: the 3rd person singular or the neuter past («не
    водится», «не осталось»)."""
    if verb.tense == "past":
        return verb.number == "sing" and verb.gender == "neut"
    return verb.number == "sing" and verb.person == "3per"


def _genitive_name(sx: Syntax, subject: Phrase) -> bool:
    """A «subject» that is an indeclinable name read from a genitive («не существует черных лебедей»:
    «Черных» is a surname), or the name after a genitive kind («птицы додо»)."""
    head = sx.words[subject.head]
    if subject.start > 0 and head.has("Fixd") and sx.words[subject.start - 1].top.lemma in CATEGORY_NOUNS | CITING \
            | PERSON_TITLES:
        return True  # «не существует птицы додо», «не было графа калиостро»: the indeclinable name of a genitive
    return head.has("Fixd", "Surn") and head.has("gent") and not sx.tokens[subject.head].text[:1].isupper()


def _lexically_negative(sx: Syntax, i: int) -> bool:
    """«неизвестна», «несъедобны»: the word is «не» + a word that can be the same part of speech."""
    if not sx.lower(i).startswith(NEGATIVE_PREFIX):
        return False
    rest = sx.morph.word(sx.lower(i)[len(NEGATIVE_PREFIX):])
    # «неизвестно» reads first as an adverb, «известно» as a predicative: a part of speech they share will do
    return rest.known and bool({p.pos for p in rest.parses} & {p.pos for p in sx.words[i].parses})


def _genitive_object(sx: Syntax, pred: int) -> bool:
    """Whether the first noun after the verb (outside prepositional phrases) reads as genitive."""
    for j in range(pred + 1, len(sx.tokens)):
        if sx.in_pp[j] or not sx.tokens[j].is_word or sx.is_prep(j):
            continue
        word = sx.words[j]
        if word.pos in ("NOUN", "NPRO"):
            return _reads_genitive_object(word)
        if word.pos not in ("ADJF", "PRTF", "ADVB"):
            return False
        if word.pos in ("ADJF", "PRTF") and (word.has("NOUN", "gent") or word.top.case == "gent") and (
                j + 1 == len(sx.tokens) or not sx.tokens[j + 1].is_word):
            return True  # «не имеют легких», «не знал немецкого»: a substantivized adjective («имеют легких»)
    return False


def _reads_genitive_object(word: Word) -> bool:
    """«не вызывает аллергии»: a noun read as a genitive whose affirmative needs another case («аллергию»); an
    animate plural («мышей») or an indeclinable reads the same in both cases."""
    top = word.top
    same_form = "Fixd" in top.grammemes or ("anim" in top.grammemes and (top.number == "plur" or top.gender == "masc"))
    return top.case == "gent" and not same_form


def _genitive_object_phrase(sx: Syntax, pred: int) -> Phrase | None:
    """The genitive object :func:`_genitive_object` found, right after the verb, every word of it inflecting,
    before the end or a preposition (None otherwise: «не знали овсянки и гречки» is left alone)."""
    j = next((j for j in range(pred + 1, len(sx.tokens)) if sx.words[j].pos in ("NOUN", "NPRO")
              and not sx.in_pp[j] and sx.tokens[j].is_word and not sx.is_prep(j)), None)
    parses = [p for p in sx.words[j].parses if p.case == "gent" and p.pos == "NOUN"] if j is not None else []
    if not parses:
        return None
    phrase = sx.phrase_at(j, parses[0], case="gent")
    whole = phrase.start == pred + 1 and len(phrase.inflecting) == phrase.stop - phrase.start
    if not whole or phrase.coordinated or (phrase.stop < len(sx.tokens) and not sx.is_prep(phrase.stop)):
        return None  # «не пьют холодного молока»: «холодного» read as a noun; «следов жизни»: a genitive after it
    return phrase


def _modal(sx: Syntax, pred: int) -> Clause:
    lower = sx.lower(pred)
    if lower in NEGATIVE_MODALS:
        return Clause(sx.tokens, "modal", pred, pred, pred)
    if lower in MODAL_FLIPS:
        return Clause(sx.tokens, "modal", pred, pred)
    return _with_particle(sx, "modal", pred)


def _be(sx: Syntax, pred: int) -> Clause:
    """быть: copular or locative (nominative subject, «не был») or existential (genitive, «не было»): the
    first of :data:`BE_READINGS` that reads the clause decides; with none, there is no subject."""
    for read in BE_READINGS:
        clause = read(sx, pred)
        if clause is not None:
            return clause
    raise Decline(DeclineReason.NO_SUBJECT)


def _be_negated(sx: Syntax, pred: int) -> bool:
    return pred > 0 and sx.lower(pred - 1) == NOT


def existential_est(sx: Syntax, pred: int) -> Clause | None:
    """«у зайца есть хвост»: «есть» asserts its existent («не есть» is declined)."""
    if sx.lower(pred) != IS:
        return None
    if _be_negated(sx, pred):
        raise Decline(DeclineReason.NEGATED_EST)
    existent = _existent(sx, pred, Agreement(None))
    return Clause(sx.tokens, "existential", pred, pred, None, existent)


def negated_existential(sx: Syntax, pred: int) -> Clause | None:
    """«у цезаря не было врагов»: «не было»/«не будет» with a genitive and no subject or complement."""
    if not (_be_negated(sx, pred) and sx.lower(pred) in IMPERSONAL_BE):
        return None
    subject = sx.subject(0, len(sx.tokens), Agreement.of(sx.words[pred].top))
    if (subject is not None and not _genitive_name(sx, subject)) or _has_complement(sx, pred):
        return None
    existent = _genitive_existent(sx, pred)
    if existent is None:
        raise Decline(DeclineReason.NO_EXISTENT)
    return Clause(sx.tokens, "existential", pred, pred - 1, pred - 1, existent)


def contradictory_short_form(sx: Syntax, pred: int) -> Clause | None:
    """«тед банди был невиновен»: a short form next to an affirmative быть that drops its «не» to be
    negated (:data:`CONTRADICTORY_NEGATIVES`)."""
    if _be_negated(sx, pred):
        return None
    for j in (pred - 1, pred + 1):
        if 0 <= j < len(sx.tokens) and sx.words[j].pos in ("ADJS", "PRTS") and _contradictory(sx, j):
            return Clause(sx.tokens, "lexical", j, j)
    return None


def _contradictory(sx: Syntax, i: int) -> bool:
    return sx.lower(i).startswith(NEGATIVE_PREFIX) and sx.words[i].top.lemma in CONTRADICTORY_NEGATIVES


def _contradictory_clause(sx: Syntax, pred: int) -> Clause:
    """«в индии неизвестна гречка»: a lexically negative predicate, negated by dropping its «не» when that
    gives its contradictory; declined otherwise («вода несъедобна» is fine, «он недолго жил» is not)."""
    if not _contradictory(sx, pred):
        raise Decline(DeclineReason.LEXICAL_NEGATION)
    return Clause(sx.tokens, "lexical", pred, pred)


def no_lexical_short_form(sx: Syntax, pred: int) -> None:
    """«был несъедобен»: a lexically negative short form next to быть; reads nothing."""
    for j in (pred - 1, pred + 1):
        short = 0 <= j < len(sx.tokens) and (sx.words[j].has("ADJS") or sx.words[j].has("PRTS"))
        if short and _lexically_negative(sx, j):
            raise Decline(DeclineReason.LEXICAL_NEGATION)  # also «было неизвестно», read first as an adverb


def negated_copula(sx: Syntax, pred: int) -> Clause | None:
    """«ленинград не был в блокаде»: the «не» before быть goes."""
    return Clause(sx.tokens, "copula", pred, pred - 1, pred - 1) if _be_negated(sx, pred) else None


def affirmative_be(sx: Syntax, pred: int) -> Clause | None:
    """«ленинград был в блокаде», «кит был большим» (copular); «троянская война была» (existential)."""
    tokens, n = sx.tokens, len(sx.tokens)
    subject = sx.subject(0, n, Agreement.of(sx.words[pred].top))
    if _has_complement(sx, pred):
        return _with_particle(sx, "copula", pred)
    if subject is not None and subject.stop <= pred and any(
            tokens[j].is_word for j in range(n) if j != pred and not subject.start <= j < subject.stop):
        return _with_particle(sx, "copula", pred)
    lower = sx.lower(pred)
    subject = counted_existent(sx, lower) or subject
    if subject is None or (lower not in BE_PAST.values() and lower not in BE_FUTURE.values()):
        return None
    return Clause(tokens, "existential", pred, pred, None, _checked_existent(sx, subject))


def counted_existent(sx: Syntax, be: str) -> Phrase | None:
    """«у царя были два сына», «у царя было два сына»: a counted existent (:meth:`Syntax.counted`) after a
    plural or neuter form ``be`` of быть."""
    if be not in (BE_PAST["plur"], BE_PAST["neut"], *BE_FUTURE.values()):
        return None
    return sx.counted(0, len(sx.tokens))


def name_before_be(sx: Syntax, pred: int) -> Clause | None:
    """«утесов был в одессе», «хюррем была в плену»: no agreeing subject, but a word that may be a name
    (:func:`~augment.rules.morphology.name_like`) opens the clause before «был»/«была» and a place
    follows: copular (see ``questions._name_subject``)."""
    n = len(sx.tokens)
    if pred != 1 or sx.lower(pred) not in NAME_BE_PAST or pred + 1 >= n or not sx.is_prep(pred + 1) \
            or not sx.tokens[0].is_word or not name_like(sx.words[0]) \
            or reality_phrase(sx.tokens[pred + 1:]):
        return None  # «хюррем была на самом деле»: existence, which would need the genitive
    return Clause(sx.tokens, "copula", pred, pred)


def existing_name(sx: Syntax, pred: int) -> Clause | None:
    """«был эртугрул на самом деле», «была троя»: «был»/«была» first, then one word pymorphy3 does not
    know as a noun (no agreeing subject) and nothing else but a reality phrase: the name is said to exist;
    its genitive comes from its ending (:func:`name_genitive`)."""
    tokens, n = sx.tokens, len(sx.tokens)
    if pred != 0 or n < 2 or sx.lower(0) not in NAME_BE_PAST or not tokens[1].is_word \
            or (n > 2 and not reality_phrase(tokens[2:])):
        return None
    gender = sx.words[0].top.gender
    if sx.subject(0, n, Agreement.of(sx.words[0].top)) is not None or name_genitive(sx.words[1], tokens[1].lower,
                                                                                    gender) is None:
        return None
    return Clause(tokens, "name_existence", pred, pred, None, Phrase(1, 2, 1, (1,), "sing", gender))


def name_genitive(word: Word, lower: str, gender: str | None) -> str | None:
    """The genitive of a one-word name after «был» (``gender`` masc) or «была» (femn), from its ending (see
    :data:`NAME_GENITIVE_ENDINGS`): a man's name in a hard consonant adds «-а», a woman's name in a consonant
    does not decline («не было хюррем»). None for a word pymorphy3 knows as a noun («вода»: an agreement
    error, not a name), a non-Cyrillic word, or an ending that does not decide the form."""
    if (word.known and word.has("NOUN")) or not word.cyrillic or not lower.isalpha() or len(lower) < 3:
        return None
    last, stem = lower[-1], lower[:-1]
    if last in NAME_INDECLINABLE_ENDINGS:
        return lower
    if last in NAME_GENITIVE_ENDINGS:
        ending = NAME_GENITIVE_ENDINGS[last]
        return stem + (NAME_SOFT_GENITIVE if stem[-1] in NAME_SOFT_STEMS else ending)
    if last in NAME_UNDECIDED_ENDINGS:
        return None
    return lower + MASCULINE_NAME_GENITIVE if gender == "masc" else lower


BE_READINGS = (existential_est, negated_existential, contradictory_short_form, no_lexical_short_form, negated_copula,
               affirmative_be, name_before_be, existing_name)


def _has_complement(sx: Syntax, pred: int) -> bool:
    """A predicate complement of быть: an adjacent short form, an infinitive after «будет», an
    instrumental noun or adjective outside prepositional phrases."""
    n = len(sx.tokens)
    be = sx.words[pred].top
    for j in range(n):
        short = sx.words[j].top
        if short.pos in ("ADJS", "PRTS") and sx.main[j] and not sx.in_pp[j] and short.number == be.number and (
                be.number == "plur" or short.gender == be.gender) and not noun_before_reality(sx, j):
            return True  # «был сбит», «была эффективна»; not «не было фиников» (a short «финиковый»)
    if pred + 1 < n and sx.words[pred + 1].pos == "INFN":
        return True
    for j in range(n):
        if j != pred and sx.main[j] and not sx.in_pp[j] and sx.tokens[j].is_word:
            top = sx.words[j].top
            if top.pos in ("NOUN", "ADJF", "PRTF", "NPRO") and top.case == "ablt" and not sx.nominative_modifier(j):
                return True
            if top.pos in ("ADJF", "PRTF") and sx.lone_instrumental(j):
                return True  # «япония была фашистской»
    return False


def noun_before_reality(sx: Syntax, j: int) -> bool:
    """«была шахерезада на самом деле»: a noun pymorphy3 reads first as a short form, with only a reality
    phrase after it (:func:`reality_phrase`): said to exist, not described."""
    return bool(sx.nominative(j)) and reality_phrase(sx.tokens[j + 1:])


def reality_phrase(tokens: Sequence[Token]) -> bool:
    """Whether ``tokens`` are one of :data:`REALITY` («на самом деле») and nothing else."""
    return " ".join(t.lower for t in tokens) in REALITY


def _existent(sx: Syntax, pred: int, agreement: Agreement) -> Phrase:
    """The nominative phrase whose existence «есть»/«был» asserts (after the predicate, else before)."""
    n = len(sx.tokens)
    subject = sx.counted(pred + 1, n) or sx.subject(pred + 1, n, agreement) or sx.subject(0, pred, agreement)
    if subject is None:
        raise Decline(DeclineReason.NO_EXISTENT)
    return _checked_existent(sx, subject)


def _checked_existent(sx: Syntax, phrase: Phrase) -> Phrase:
    # «не было ильи муромца», «нет имени екатерина», «не было графа дракулы»
    phrase = sx.with_title_name(sx.with_apposition(sx.with_surname(phrase)))
    if phrase.coordinated:
        phrase = _with_conjuncts(sx, phrase)
    if phrase.stop < len(sx.tokens) and sx.tokens[phrase.stop].text in (",", "-", "—", "–", "(") \
            and not _clause_about_existent(sx, phrase.stop):
        raise Decline(DeclineReason.MODIFIERS_OF_EXISTENT_AFTER_COMMA)
    dated = phrase.stop < len(sx.tokens) and (_date_at(sx, phrase.stop) or _year_at(sx, phrase)
                                              or _numeral_kept(sx, phrase, phrase.stop))
    after = sx.words[phrase.stop] if phrase.stop < len(sx.tokens) and not dated else None
    if after is not None and (after.pos == "NUMB" or sx.nominative(phrase.stop)
                              or (not after.known and after.cyrillic)):
        raise Decline(DeclineReason.APPOSITION_AFTER_EXISTENT)
    if any(sx.words[i].pos in ("NUMB", "NUMR") and not _numeral_kept(sx, phrase, i)
           for i in range(phrase.start, phrase.stop)):
        raise Decline(DeclineReason.NUMERAL_IN_EXISTENT)
    return phrase


def _clause_about_existent(sx: Syntax, comma: int) -> bool:
    """«лекарство, которое лечит все болезни», «случаи, когда медведь нападал»: a comma and a relative word
    (:data:`EXISTENT_CLAUSE_OPENERS`) open a clause the existent's negation keeps as it is; a participle or
    an adjective after the comma would have to change case with the existent. Not with a possessor («у кита
    нет сердца, которое весит тонну» reads as no heart at all: the clause, not the heart, is in question)."""
    if any(sx.lower(j) == POSSESSIVE_U and sx.is_prep(j) for j in range(comma)):
        return False
    return sx.tokens[comma].text == "," and comma + 1 < len(sx.tokens) \
        and sx.lower(comma + 1) in EXISTENT_CLAUSE_OPENERS


def _with_conjuncts(sx: Syntax, phrase: Phrase, case: str = "nomn") -> Phrase:
    """«пороги и водопады», «лишайники, мхи и водоросли»: a coordinated existent of common nouns, each
    conjunct to be put in the genitive on its own («нет порогов и водопадов»), or back in the nominative
    (``case`` "gent"); names decline («ромул и рем»: their inflection would be guessed), and so does a
    conjunct with no noun of its own."""
    parts = sx.conjuncts(phrase, case)
    if parts is None or any(not _common_noun(sx, part.head, case) for part in parts):
        raise Decline(DeclineReason.COORDINATED_EXISTENT)
    return replace(phrase, conjuncts=tuple(parts))


def _common_noun(sx: Syntax, i: int, case: str) -> bool:
    """A lowercase noun pymorphy3 knows, with a reading in ``case`` that is no name («волков»: also «Волков»)."""
    word = sx.words[i]
    return word.known and sx.tokens[i].text.islower() and any(
        p.pos == "NOUN" and p.case == case and not PROPER & p.grammemes for p in word.parses)


def _numeral_kept(sx: Syntax, phrase: Phrase, i: int) -> bool:
    """A numeral of the existent that the negation leaves as it is or inflects itself: the numeral of a
    counted phrase («трёх сердец»), one in a prepositional phrase («разделение между двумя популяциями»,
    «индексация пенсии с 1 апреля»), a regnal number after a name («подмена петра 1»)."""
    if phrase.counted and i == phrase.start:
        return True
    # «подмена петра 1»; not after a word the negation inflects («подмены петры 1»: «Петра» as a name)
    return bool(sx.in_pp[i]) or (i > 0 and sx.regnal(i) and sx.words[i - 1].has("Name")
                                 and i - 1 not in phrase.inflecting)


def _year_at(sx: Syntax, phrase: Phrase) -> bool:
    """A year right after the existent, ending the clause: with «года» («ядерная война 1780 года»), or bare
    after an event («фестиваль собачьего мяса 2019»; «цена 1500» is a value)."""
    tokens, i = sx.tokens, phrase.stop
    if not (tokens[i].text.isdigit() and int(tokens[i].text) in YEARS):
        return False
    rest = [t.lower for t in tokens[i + 1:]]
    if not rest:
        return sx.words[phrase.head].top.lemma in EVENT_NOUNS
    return rest[0] in YEAR_GENITIVE and (len(rest) == 1 or sx.is_prep(i + 2))


def _date_at(sx: Syntax, i: int) -> bool:
    """A date at token ``i``, an adverbial of time («звездопад 12 августа», «новый год 1 сентября»): a day
    number, a month in the genitive, then nothing or a year («1941 года»)."""
    tokens = sx.tokens
    if not day_and_month(tokens, i):
        return False
    rest = [t.lower for t in tokens[i + 2:]]
    return not rest or (len(rest) == 2 and rest[0].isdigit() and rest[1] in YEAR_GENITIVE) or sx.is_prep(i + 2)


def _genitive_existent(sx: Syntax, pred: int) -> Phrase | None:
    """The genitive phrase a negative existential denies (after the predicate, else before it)."""
    n = len(sx.tokens)
    order = [*range(pred + 1, n), *range(0, pred)]
    found = _genitive_existent_in(sx, order, False)
    if found is None:
        found = _genitive_existent_in(sx, order, True)  # «не было в городе больницы»: a genitive after a phrase
        if found is not None and _chain_nouns(sx, found.head) > 1:
            raise Decline(DeclineReason.GENITIVE_CHAIN_AFTER_PHRASE)
    return found


def _chain_nouns(sx: Syntax, j: int) -> int:
    """How many nouns the genitive chain after a prepositional phrase that holds token ``j`` has («в истории
    страны голода»: two, either of which may be the existent)."""
    lo, hi = j, j
    while lo > 0 and sx.in_pp[lo - 1] == CHAIN:
        lo -= 1
    while hi + 1 < len(sx.tokens) and sx.in_pp[hi + 1] == CHAIN:
        hi += 1
    return sum(sx.words[k].pos in ("NOUN", "NPRO") for k in range(lo, hi + 1))


def _genitive_existent_in(sx: Syntax, order: list[int], allow_chain: bool) -> Phrase | None:
    n = len(sx.tokens)
    for j in order:
        skipped = sx.in_pp[j] == GOVERNED or (sx.in_pp[j] == CHAIN and not allow_chain)
        skipped = skipped or (j > 0 and sx.lower(j - 1) in PREPOSITIONS)
        if skipped or not sx.main[j] or not sx.tokens[j].is_word:
            continue
        word = sx.words[j]
        if word.pos in ("NUMB", "NUMR"):
            raise Decline(DeclineReason.NUMERAL_IN_EXISTENT)
        if word.pos not in ("NOUN", "NPRO", "ADJF", "PRTF", "LATN") and not word.has("NOUN", "gent"):
            continue  # «фиников» reads first as a short adjective, but can be a genitive noun
        if word.pos in ("ADJF", "PRTF") and j + 1 < n and sx.tokens[j + 1].is_word:
            continue  # an adjective of the noun that follows
        parses = [p for p in word.parses if p.case == "gent" and p.pos in ("NOUN", "NPRO", "ADJF", "PRTF")]
        return _genitive_phrase(sx, j, parses[0]) if parses else None
    return None


def _genitive_phrase(sx: Syntax, j: int, parse: Reading) -> Phrase:
    """The genitive existent headed at ``j``: with a surname, a title's name (:func:`_title_genitive`) and
    its conjuncts; declined after a number or a quantity adverb, or when the word also reads as an adverb («отца не было
    дома»: «дома» is «at home», not the existent)."""
    if sx.words[j].has("ADVB"):
        raise Decline(DeclineReason.AMBIGUOUS_INFLECTION_OF_EXISTENT)
    phrase = sx.with_surname(sx.phrase_at(j, parse, case="gent"), "gent")
    _check_count_before(sx, phrase)
    phrase = _title_genitive(sx, phrase)
    return _with_conjuncts(sx, phrase, "gent") if phrase.coordinated else phrase


def _title_genitive(sx: Syntax, phrase: Phrase) -> Phrase:
    """«не было графа Дракулы», «не было царя гороха»: a genitive after a person's title that ends the phrase
    is its name when capitalized (it inflects with the title: «был граф Дракула»), its own genitive when a
    place («не было короля Франции» → «был король Франции»); a lowercase common noun may be either
    («царь горох», «король франков»): declined."""
    k = phrase.head + 1
    if sx.words[phrase.head].top.lemma not in PERSON_TITLES:
        return phrase
    if k == phrase.stop < len(sx.tokens) and sx.tokens[k].is_word and not sx.is_prep(k):
        raise Decline(DeclineReason.AMBIGUOUS_INFLECTION_OF_EXISTENT)  # «князя Кия»: «Кия» read as a place
    if k >= phrase.stop or k in phrase.inflecting or sx.words[k].has("Geox"):
        return phrase
    if k + 1 == phrase.stop and sx.words[k].pos == "NOUN" and sx.tokens[k].text[:1].isupper():
        return replace(phrase, inflecting=(*phrase.inflecting, k))
    raise Decline(DeclineReason.AMBIGUOUS_INFLECTION_OF_EXISTENT)


def _check_count_before(sx: Syntax, phrase: Phrase) -> None:
    """Decline a number or a quantity adverb before a genitive existent: «не было 3 сердец», «не было много
    зубов» (affirmed it keeps the genitive, never «были много зубы»)."""
    if phrase.start > 0 and sx.words[phrase.start - 1].pos in ("NUMB", "NUMR"):
        raise Decline(DeclineReason.NUMERAL_IN_EXISTENT)
    if any(sx.lower(k) in EXISTENT_QUANTITIES for k in range(max(phrase.start - 1, 0), phrase.head)):
        raise Decline(DeclineReason.NUMERAL_IN_EXISTENT)


def _existential_negative(sx: Syntax, pred: int, negation: int) -> Clause:
    existent = _genitive_existent(sx, pred)
    if existent is None:
        raise Decline(DeclineReason.NO_EXISTENT)
    return Clause(sx.tokens, "existential", pred, pred, negation, existent)


def _null_copula(sx: Syntax) -> Clause:
    """«X - это Y», «X это Y», «X - Y», «X Y» (two nominative phrases), «X <adjective>»: «не» before Y.

    The first of :data:`NULL_COPULAS` that finds the copula's place decides; with none, no predicate.
    """
    for read in NULL_COPULAS:
        clause = read(sx)
        if clause is not None:
            return clause
    raise Decline(DeclineReason.NO_PREDICATE)


def _is_copula_mark(sx: Syntax, i: int) -> bool:
    """A spaced dash, or «это» after a nominal or a dash."""
    token, tokens = sx.tokens[i], sx.tokens
    if token.text in DASHES and token.space:
        return True
    return token.lower == ETO and (sx.words[i - 1].pos in ("NOUN", "NPRO", "ADJF", "LATN", "NUMB")
                                     or tokens[i - 1].text in DASHES)


def dash_or_eto(sx: Syntax) -> Clause | None:
    """«Москва - столица россии», «кит это млекопитающее», «вднх - это выставочный центр»."""
    tokens, n = sx.tokens, len(sx.tokens)
    for i, token in enumerate(tokens):
        if not sx.main[i] or i == 0 or i + 1 >= n or not _is_copula_mark(sx, i):
            continue
        site = i + 1
        if token.text in DASHES and sx.lower(site) == ETO and site + 1 < n:
            site += 1
        if site >= n:
            return None
        negation = site if sx.lower(site) == NOT else None
        target = site + 1 if negation is not None else site
        nominal = ("NOUN", "NPRO", "ADJF", "PRTF", "NUMR", "NUMB", "LATN")
        if not sx.words[site].known and sx.words[site].cyrillic:
            raise Decline(DeclineReason.UNKNOWN_WORD_AFTER_COPULA)
        if target >= n or not tokens[target].is_word or sx.words[target].pos not in (*nominal, None):
            raise Decline(DeclineReason.NO_PREDICATE)
        return Clause(tokens, "null_copula", target, site, negation)
    return None


def juxtaposed(sx: Syntax) -> Clause | None:
    """Two nominative phrases in a row, or a phrase and an agreeing adjective («кроты слепые»)."""
    tokens, n = sx.tokens, len(sx.tokens)
    subject = sx.subject(0, n, Agreement(None))
    if subject is None or any(tokens[k].is_word and not sx.in_pp[k] and not sx.is_prep(k)
                              for k in range(subject.start)):
        return None
    j = subject.stop
    while j < n and (sx.in_pp[j] or sx.is_prep(j)):
        j += 1
    negation = j if j < n and sx.lower(j) == NOT else None
    target = j + 1 if negation is not None else j
    if target < n and not sx.words[target].known and sx.words[target].cyrillic:
        raise Decline(DeclineReason.APPOSITION_AFTER_SUBJECT)  # «палочки твикс разные»
    predicate = target < n and (sx.nominative(target) or sx.words[target].pos == "LATN")
    if (predicate and any(sx.words[k].pos in ("NOUN", "NPRO") for k in range(target, n) if not sx.in_pp[k])) \
            or (target < n and sx.adjective_nominative(target)):
        return Clause(tokens, "null_copula", target, j, negation)
    return None


NULL_COPULAS = (dash_or_eto, juxtaposed)


# --- flipping the polarity ---------------------------------------------------------------------------


def negate_clause(clause: Clause | list[Token] | str, morph: Morphology | None = None) -> Negation:
    """``clause`` with its polarity flipped (affirmative → negative, negative → affirmative).

    Accepts an analyzed :class:`Clause`, tokens or text of a declarative clause. The first of :data:`FLIPS`
    that applies flips it (its name is :attr:`Negation.flip`). Raises :class:`Decline` when no rule flips it
    with confidence.
    """
    morph = morph or shared_morphology()
    if isinstance(clause, str):
        clause = tokenize(clause)
    if not isinstance(clause, Clause):
        clause = analyze(clause, morph)
    clause = _without_never(clause)
    no_negative_idiom(clause.tokens)
    no_partial_quantifier(clause)
    for flip in FLIPS:  # the last, insert_ne, flips every clause
        negation = flip(clause, list(clause.tokens), morph)
        if negation is not None:
            break
    return replace(negation, flip=flip.__name__)


def _without_never(clause: Clause) -> Clause:
    """The clause without the «никогда» right before its «не» (see :func:`never_in_the_past`), which goes
    with it when the clause is affirmed."""
    k = clause.negation - 1 if clause.negation is not None else -1
    if k < 0 or clause.tokens[k].lower != NEVER:
        return clause

    def shift(j: int) -> int:
        return j - 1 if j > k else j

    phrase = clause.phrase
    if phrase is not None:
        phrase = replace(phrase, start=shift(phrase.start), stop=shift(phrase.stop), head=shift(phrase.head),
                         inflecting=tuple(shift(j) for j in phrase.inflecting))
    tokens = [*clause.tokens[:k], *clause.tokens[k + 1:]]
    return replace(clause, tokens=tokens, pred=shift(clause.pred), site=shift(clause.site),
                   negation=shift(clause.negation), phrase=phrase)


def flip_existential(clause: Clause, tokens: list[Token], morph: Morphology) -> Negation | None:
    """«у зайца есть хвост» ⇄ «у зайца нет хвоста», «существуют X» ⇄ «не существует X»: the existent
    changes case (see :func:`_flip_existential`)."""
    return _flip_existential(clause, tokens, morph) if clause.existential else None


def swap_modal(clause: Clause, tokens: list[Token], morph: Morphology) -> Negation | None:
    """«можно» ⇄ «нельзя», «возможно» ⇄ «невозможно» (:data:`MODAL_FLIPS`)."""
    if clause.kind != "modal" or tokens[clause.pred].lower not in MODAL_FLIPS:
        return None
    old = tokens[clause.pred]
    tokens[clause.pred] = old.with_text(match_case(old.text, MODAL_FLIPS[old.lower]))
    return Negation(tokens, "modal", not clause.negative)


def drop_ne(clause: Clause, tokens: list[Token], morph: Morphology) -> Negation | None:
    """«кит не является рыбой» → «кит является рыбой»."""
    if not clause.negative:
        return None
    del tokens[clause.negation]
    return Negation(tokens, clause.kind, False)


def insert_ne(clause: Clause, tokens: list[Token], morph: Morphology) -> Negation | None:
    """«кит является рыбой» → «кит не является рыбой»: «не» at the clause's site; at the start it takes the
    first word's capital («Все грибы съедобны» → «Не все грибы съедобны»; the first word is a quantifier)."""
    ne = word(NOT)
    if clause.site == 0:
        first = tokens[0]
        tokens[0] = first.with_text(first.text[:1].lower() + first.text[1:]).spaced()
        ne = word(match_case(first.text, NOT))
    tokens.insert(clause.site, ne)
    return Negation(tokens, clause.kind, True)


def flip_name_existence(clause: Clause, tokens: list[Token], morph: Morphology) -> Negation | None:
    """«был эртугрул на самом деле» → «не было эртугрула на самом деле» (see :func:`existing_name`)."""
    if clause.kind != "name_existence" or clause.phrase is None:
        return None
    head = clause.phrase.head
    genitive = name_genitive(morph.word(tokens[head].text), tokens[head].lower, clause.phrase.gender)
    assert genitive is not None  # existing_name made the clause only with one
    pred = tokens[clause.pred]
    tokens[head] = tokens[head].with_text(match_case(tokens[head].text, genitive))
    tokens[clause.pred:clause.pred + 1] = [pred.with_text(match_case(pred.text, NOT)), word(BE_PAST["neut"])]
    return Negation(tokens, "existential", True)


def flip_genitive_object(clause: Clause, tokens: list[Token], morph: Morphology) -> Negation | None:
    """«молоко не вызывает аллергии» → «молоко вызывает аллергию»: the «не» goes and the genitive object
    of an :data:`ACCUSATIVE_VERBS` verb becomes accusative."""
    if clause.kind != "verb" or not clause.negative or clause.phrase is None:
        return None
    for i, text in _inflect_phrase(tokens, clause.phrase, morph, "gent", "accs").items():
        tokens[i] = tokens[i].with_text(text)
    del tokens[clause.negation]
    return Negation(tokens, "verb", False)


def drop_lexical_ne(clause: Clause, tokens: list[Token], morph: Morphology) -> Negation | None:
    """«неизвестна» → «известна», «невиновен» → «виновен» (see :func:`_contradictory_clause`)."""
    if clause.kind != "lexical":
        return None
    old = tokens[clause.pred]
    tokens[clause.pred] = old.with_text(match_case(old.text, old.lower[len(NEGATIVE_PREFIX):]))
    return Negation(tokens, "short_form", False)


FLIPS = (flip_name_existence, flip_existential, flip_genitive_object, drop_lexical_ne, swap_modal, drop_ne, insert_ne)


def _flip_existential(clause: Clause, tokens: list[Token], morph: Morphology) -> Negation:
    phrase = clause.phrase
    assert phrase is not None
    pred = tokens[clause.pred]
    if not clause.negative:
        _check_title_name(tokens, phrase, morph)
        if phrase.counted:
            replacements = _inflect_counted(tokens, phrase, morph)
        else:
            replacements = {i: text for part in phrase.conjuncts or (phrase,)
                            for i, text in _inflect_phrase(tokens, part, morph, "nomn", "gent").items()}
        for i, text in replacements.items():
            tokens[i] = tokens[i].with_text(text)
        lower = pred.lower
        if clause.kind == "existential_verb":  # «существуют» → «не существует», «существовали» → «не существовало»
            verb = morph.word(lower).top
            form = morph.inflect(verb, {"neut", "sing"} if verb.tense == "past" else {"sing", "3per"})
            if form is None:
                raise Decline(DeclineReason.CANNOT_AGREE_VERB)
            tokens[clause.pred:clause.pred + 1] = [pred.with_text(match_case(pred.text, NOT)), word(form)]
            return Negation(tokens, "existential_verb", True)
        if lower == IS:
            new = [pred.with_text(match_case(pred.text, NYET))]
        elif lower in BE_FUTURE.values():
            new = [pred.with_text(match_case(pred.text, NOT)), word(IMPERSONAL_FUTURE)]
        else:
            new = [pred.with_text(match_case(pred.text, NOT)), word(IMPERSONAL_PAST)]
        tokens[clause.pred:clause.pred + 1] = new
        return Negation(tokens, "existential", True)
    # «нет» needs no agreement; «не было»/«не будет»/«не бывает» agree with the new subject, plural when
    # coordinated («не было врагов и друзей» → «были враги и друзья»)
    phrase = _without_place_genitive(tokens, phrase, morph)
    if _name_after_common_head(tokens, phrase, morph):
        raise Decline(DeclineReason.AMBIGUOUS_INFLECTION_OF_EXISTENT)
    agreement = None if pred.lower == NYET else ("plur", None) if phrase.conjuncts else \
        _phrase_agreement(tokens, phrase, morph)
    for part in phrase.conjuncts or (phrase,):
        for i, text in _inflect_phrase(tokens, part, morph, "gent", "nomn").items():
            tokens[i] = tokens[i].with_text(text)
    if agreement is None:
        tokens[clause.pred] = pred.with_text(match_case(pred.text, IS))
    else:
        verb = _agreeing_verb(morph, pred.lower, *agreement)
        tokens[clause.pred] = pred.with_text(match_case(pred.text, verb))
        del tokens[clause.negation]
    return Negation(tokens, clause.kind if clause.kind == "existential_verb" else "existential", False)


def _check_title_name(tokens: list[Token], phrase: Phrase, morph: Morphology) -> None:
    """«был царь салтан» gave «не было царя салтан»: a word after a person's title that reads as a nominative
    singular and that the phrase does not inflect with it (a name pymorphy3 cannot inflect with confidence)
    declines; the title's own genitive («король франции») and an indeclinable name stay as they are."""
    if morph.word(tokens[phrase.head].text).top.lemma not in PERSON_TITLES:
        return
    for i in range(phrase.head + 1, phrase.stop):
        word = morph.word(tokens[i].text)
        if i not in phrase.inflecting and tokens[i].is_word and not word.has("Fixd") \
                and any(p.case == "nomn" and p.number == "sing" for p in word.parses):  # not «короля франции»
            raise Decline(DeclineReason.CANNOT_INFLECT_EXISTENT)


def _name_after_common_head(tokens: list[Token], phrase: Phrase, morph: Morphology) -> bool:
    """«не было коронации екатерины»: a genitive name after a common noun reads as the rest of a name
    («графа дракулы»), but may be the noun's own genitive («коронация екатерины», not «… екатерина»); a
    title's name was settled by :func:`_title_genitive`."""
    head = morph.word(tokens[phrase.head].text)
    lemma = head.top.lemma
    # after a kind noun, the next word too, inflecting or not («реки волги»: «река волга»; «романа толстого»)
    after = (phrase.head + 1,) if lemma in KIND_NOUNS and phrase.head + 1 < len(tokens) else ()
    return not PROPER & head.top.grammemes and lemma not in PERSON_TITLES and any(
        i > phrase.head and any(PROPER & p.grammemes for p in morph.word(tokens[i].text).parses if p.case == "gent")
        for i in (*phrase.inflecting, *after))


def _without_place_genitive(tokens: list[Token], phrase: Phrase, morph: Morphology) -> Phrase:
    """«блокады ленинграда не было» → «блокада ленинграда была»: a place's genitive after a common noun
    that names no kind of place (:data:`KIND_NOUNS`: «реки волги» may be «река волга») is the noun's own
    genitive and keeps its case."""
    head = morph.word(tokens[phrase.head].text).top
    if PROPER & head.grammemes or head.lemma in KIND_NOUNS:
        return phrase

    def place(i: int) -> bool:
        readings = [p.grammemes for p in morph.word(tokens[i].text).parses if p.case == "gent"]
        return any(PLACE_NAME & g for g in readings) and not any(PERSONAL_NAME & g for g in readings)

    return replace(phrase, inflecting=tuple(i for i in phrase.inflecting if i <= phrase.head or not place(i)))


def _case_parse(tokens: list[Token], i: int, morph: Morphology, case: str, head: Any | None) -> Any:
    """The parse of token ``i`` in ``case`` (agreeing with the ``head`` parse when given)."""
    for p in morph.word(tokens[i].text).parses:
        if p.case != case:
            continue
        if head is not None:
            if p.number and head.number and p.number != head.number:
                continue
            if head.number == "sing" and p.gender and head.gender and p.gender != head.gender and p.pos != "NOUN":
                continue
        return p
    raise Decline(DeclineReason.CANNOT_INFLECT_EXISTENT)


def _inflect_phrase(tokens: list[Token], phrase: Phrase, morph: Morphology, source: str, target: str) -> dict[int, str]:
    """New spellings of the head and its agreeing words, moved from case ``source`` to ``target``."""
    head = _case_parse(tokens, phrase.head, morph, source, None)
    if any(not morph.word(tokens[i].text).known and morph.word(tokens[i - 1].text).has("Name")
           for i in phrase.inflecting if i - 1 in phrase.inflecting):
        raise Decline(DeclineReason.CANNOT_INFLECT_EXISTENT)  # «джек доусон»: a guessed surname's case
    out = {}
    for i in phrase.inflecting:
        parse = head if i == phrase.head else _case_parse(tokens, i, morph, source, head)
        if "Fixd" in parse.grammemes or "LATN" in parse.grammemes:
            continue
        grammemes = {target, head.number} if head.number else {target}
        if target == "accs" and i != phrase.head and (head.number == "plur" or head.gender == "masc"):
            grammemes |= {"anim" if "anim" in head.grammemes else "inan"}  # «русский язык», not «русского язык»
        # every reading of the word in this case and number must give the same form: «осадки» is the
        # plural of «осадок» and of «осадка», whose genitives differ
        readings = _likely_readings(morph, tokens[i].text, parse)
        if i != phrase.head and head.number == "sing" and head.gender:
            # «назначенного тренера»: the adjective reads masculine or neuter; the noun says which
            readings = [p for p in readings if p.gender in (None, head.gender)] or [parse]
        forms = {morph.inflect(p, grammemes) for p in readings}
        if None in forms:
            raise Decline(DeclineReason.CANNOT_INFLECT_EXISTENT)
        if len(forms) > 1:
            raise Decline(DeclineReason.AMBIGUOUS_INFLECTION_OF_EXISTENT)
        out[i] = match_case(tokens[i].text, forms.pop())
    return out


def _inflect_counted(tokens: list[Token], phrase: Phrase, morph: Morphology) -> dict[int, str]:
    """«три сердца» → «трёх сердец», «шесть жён» → «шести жён»: the numeral in the genitive; a noun counted
    in the genitive singular («сердца») in the genitive plural, one in the genitive plural as it is."""
    numeral, noun = phrase.start, phrase.head
    out = {numeral: _single_form(morph, [p for p in morph.word(tokens[numeral].text).parses if p.pos == "NUMR"],
                                 {"gent"})}
    if tokens[numeral].lower in COUNTING_FEW:
        parse = next(p for p in morph.word(tokens[noun].text).parses
                     if p.pos == "NOUN" and p.case == "gent" and p.number == "sing")
        out[noun] = _single_form(morph, _likely_readings(morph, tokens[noun].text, parse), {"gent", "plur"})
    return {i: match_case(tokens[i].text, text) for i, text in out.items()}


def _single_form(morph: Morphology, readings: list[Any], grammemes: set[str]) -> str:
    """The one form every reading gives in ``grammemes``; declines when there is none or more than one."""
    forms = {morph.inflect(p, grammemes) for p in readings}
    if not forms or None in forms:
        raise Decline(DeclineReason.CANNOT_INFLECT_EXISTENT)
    if len(forms) > 1:
        raise Decline(DeclineReason.AMBIGUOUS_INFLECTION_OF_EXISTENT)
    return forms.pop()


def _likely_readings(morph: Morphology, text: str, parse: Any) -> list[Any]:
    """The readings of ``text`` in the case, part of speech and number of ``parse`` that are about as
    likely as the likeliest one: common nouns before names, declinable before indeclinable readings."""
    readings = [p for p in morph.word(text).parses if p.case == parse.case and p.pos == parse.pos
                and p.number == parse.number]
    for prefer in (lambda p: not PROPER & p.grammemes, lambda p: "Fixd" not in p.grammemes):
        readings = [p for p in readings if prefer(p)] or readings
    best = max((p.score for p in readings), default=0.0)
    return [p for p in readings if p.score >= best / 2] or [parse]


def _phrase_agreement(tokens: list[Token], phrase: Phrase, morph: Morphology) -> tuple[str, str | None]:
    """Number and gender of a genitive phrase once it becomes the nominative subject."""
    parses = [p for p in morph.word(tokens[phrase.head].text).parses if p.case == "gent"]
    numbers = {p.number for p in parses}
    genders = {p.gender for p in parses if p.number == "sing"}
    if len(numbers) != 1:
        raise Decline(DeclineReason.AMBIGUOUS_NUMBER_OF_EXISTENT)
    number = numbers.pop()
    if number == "sing":
        if len(genders) != 1 or None in genders or "GNdr" in genders or "ms-f" in genders:
            raise Decline(DeclineReason.AMBIGUOUS_GENDER_OF_EXISTENT)
        return number, genders.pop()
    return number, None


def _agreeing_verb(morph: Morphology, verb: str, number: str, gender: str | None) -> str:
    """A form of ``verb`` («было», «будет», «бывает», «существовало») agreeing in number (and gender)."""
    if verb == IMPERSONAL_PAST:
        return BE_PAST["plur" if number == "plur" else gender or "neut"]
    if verb == IMPERSONAL_FUTURE:
        return BE_FUTURE[number]
    parse = morph.word(verb).top
    grammemes = {number} if number == "plur" or parse.tense != "past" else {gender or "neut", "sing"}
    form = morph.inflect(parse, grammemes)
    if form is None:
        raise Decline(DeclineReason.CANNOT_AGREE_VERB)
    return form
