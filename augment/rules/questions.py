"""From a yes/no question to its declarative clause and back: question → clause → flipped clause → question.

Three question forms are understood:

- inversion with «ли» («Является ли кит рыбой?»): the word before «ли» is the predicate (or a focus
  adverb such as «всегда»); the clause puts the subject first («кит является рыбой»), except for
  existential быть, which keeps the existent after the verb («у зайца есть хвост»);
- a frame «Правда ли(,) что …», «Верно ли, что …», «Действительно ли …» around a declarative clause
  (the input's frame and punctuation are kept);
- intonation questions without «ли» («Москва - столица россии?»).

Questions that are not general questions (wh-questions, alternatives with «или», rhetorical «Не … ли»)
are declined, like clauses no rule flips with confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from augment.rules.lexicon import (
    ABBREVIATIONS,
    ADJECTIVE_PREPOSITIONS,
    AND,
    BE_FORMS,
    BE_FUTURE,
    BE_PAST,
    CANNOT,
    CITING,
    COMPARISON_CONJUNCTIONS,
    COMPLEMENT_PARTICLES,
    CONJUNCTION_WH,
    COORDINATORS,
    COPULAR_VERBS,
    DASHES,
    ENDING_CHARS,
    ETO,
    EXISTENTIAL_VERBS,
    FOCUS_ADVERBS,
    FOCUS_WORDS,
    INFINITIVE_SHORT,
    INFINITIVE_VERBS,
    IS,
    KIND_NOUNS,
    LEADING_CONJUNCTIONS,
    LI,
    MODALS,
    NAME_BE_PAST,
    NAMED_INSTITUTIONS,
    NOT,
    NOUN_PREPOSITIONS,
    OR,
    PAIRED_PREPOSITIONS,
    PARENTHETICAL_OPENERS,
    PERSON_TITLES,
    POSSESSIVE_U,
    PREDICATE_PREPOSITIONS,
    PREPOSITIONS,
    QUANTIFIER_FOCUS,
    QUANTIFIERS_AFTER_PREPOSITION,
    QUANTITY,
    REALITY,
    REALLY_FRAME,
    RHETORICAL,
    RIGHT_FRAME,
    SPECIFIERS,
    TAGS,
    THAT,
    TRUE_FRAME,
    TRUTH_FRAMES,
    WH_LEMMAS,
)
from augment.rules.morphology import Morphology, Reading, Word, is_latin, name_like
from augment.rules.negation import (
    Clause,
    analyze,
    counted_existent,
    existing_name,
    find_predicate,
    noun_before_reality,
    reality_phrase,
)
from augment.rules.reasons import Decline, DeclineReason
from augment.rules.syntax import CHAIN, Agreement, Phrase, Syntax
from augment.rules.tokens import Token, day_and_month, moved, render, tokenize
from augment.text import WH_WORDS

_INNER_MARK = re.compile(r"[?!]")
MAX_CHARS = 300
MAX_WORDS = 40
# nouns before a capitalized name, which is not a fixed name with them («телеканал Дождь»)
_NAMING_NOUNS = KIND_NOUNS | NAMED_INSTITUTIONS | PERSON_TITLES | CITING


@dataclass(frozen=True, slots=True)
class Question:
    """A general question taken apart: its own frame (or None), the clause, the form, the ending."""

    frame: list[Token] | None
    clause: Clause
    form: str
    ending: str

    def text(self, clause_tokens: list[Token], frame: str) -> str:
        """The question with ``clause_tokens`` as its clause, in its own frame or else in ``frame``."""
        head = render(self.frame) if self.frame else frame
        return f"{head} {render(clause_tokens)}{self.ending}"


@dataclass(frozen=True, slots=True)
class _Input:
    """A question's text split into its tokens (without the final marks) and its ending."""

    text: str
    tokens: list[Token]
    lowers: list[str]
    has_mark: bool  # the text ends in a question mark
    ending: str  # the question mark, with the space before it the text had


def parse_question(text: str, morph: Morphology) -> Question:
    """The :class:`Question` in ``text``; raises :class:`Decline` with the reason when it is not one.

    The text is split (:func:`_split`), screened by each of :data:`SCREENS`, then read by the first of
    :data:`FORMS` that recognises its form.
    """
    question = _split(text)
    for screen in SCREENS:
        screen(question)
    for form in FORMS:  # the last, inverted, reads every question the others leave
        found = form(question, morph)
        if found is not None:
            break
    return found


def _split(text: str) -> _Input:
    if not text or not text.strip():
        raise Decline(DeclineReason.EMPTY)
    if len(text) > MAX_CHARS:
        raise Decline(DeclineReason.TOO_LONG)
    tokens = tokenize(text.strip())
    ending_tokens: list[Token] = []
    while tokens and _is_ending(tokens[-1].text):
        ending_tokens.insert(0, tokens.pop())
    if ending_tokens and ending_tokens[0].text.startswith(".") and tokens and tokens[-1].text.islower() \
            and tokens[-1].lower in ABBREVIATIONS:
        tokens.append(Token(".", False))  # «до н. э.?»: the abbreviation keeps its period
    has_mark = any("?" in t.text for t in ending_tokens)
    ending = (" " if ending_tokens and ending_tokens[0].space else "") + "?" if has_mark else "?"
    if not any(t.is_word for t in tokens):
        raise Decline(DeclineReason.NO_WORDS)
    if sum(t.is_word for t in tokens) > MAX_WORDS:
        raise Decline(DeclineReason.TOO_LONG)
    return _Input(text, tokens, [t.lower for t in tokens], has_mark, ending)


def _is_ending(text: str) -> bool:
    """A final mark: «?», «?!», «...», or any run of these characters («?????»)."""
    return bool(text) and set(text) <= ENDING_CHARS


def no_alternative(question: _Input) -> None:
    """«Кит рыба или зверь?» asks to choose."""
    if OR in question.lowers:
        raise Decline(DeclineReason.ALTERNATIVE_QUESTION)


def no_tag(question: _Input) -> None:
    """«Кит - рыба, правда?»: a statement with a tag."""
    lowers = question.lowers
    if len(lowers) >= 2 and lowers[-1] in TAGS and lowers[-2] in (ETO, ","):
        raise Decline(DeclineReason.TAG_QUESTION)


def one_sentence(question: _Input) -> None:
    """«Кто он? Был ли он царём?»: a mark inside the text."""
    if _INNER_MARK.search(question.text.strip().rstrip("?!.… ")):
        raise Decline(DeclineReason.SEVERAL_SENTENCES)


SCREENS = (no_alternative, no_tag, one_sentence)


def framed(question: _Input, morph: Morphology) -> Question | None:
    """«Правда ли, что кит является рыбой?»: a truth frame around a declarative clause."""
    tokens = question.tokens
    frame_end = _frame_end(question.lowers)
    if frame_end is None:
        return None
    clause_tokens = tokens[frame_end:]
    if not clause_tokens:
        raise Decline(DeclineReason.EMPTY)
    return Question(tokens[:frame_end], analyze(clause_tokens, morph), "framed",
                    question.ending if question.has_mark else "?")


def _start(question: _Input) -> int:
    """Where an unframed question starts: after a leading «а», «и», «но»."""
    lowers = question.lowers
    return 1 if lowers[0] in LEADING_CONJUNCTIONS and len(lowers) > 2 else 0


def no_rhetorical_or_wh(question: _Input, morph: Morphology) -> None:
    """Declines a rhetorical question («Не … ли», «Разве …») and a wh-question; reads nothing."""
    start = _start(question)
    if question.lowers[start] in RHETORICAL:
        raise Decline(DeclineReason.RHETORICAL_QUESTION)
    if _is_wh(question.lowers, start, morph):
        raise Decline(DeclineReason.WH_QUESTION)


def intonation(question: _Input, morph: Morphology) -> Question | None:
    """«Москва - столица россии?»: a declarative clause with a question mark and no «ли»."""
    if LI in question.lowers:
        return None
    if not question.has_mark:
        raise Decline(DeclineReason.NOT_A_QUESTION)
    start = _start(question)
    tokens = question.tokens
    clause_tokens = [_decapitalized(tokens, start, morph).spaced(), *tokens[start + 1:]]
    return Question(None, analyze(clause_tokens, morph), "intonation", "?")


def inverted(question: _Input, morph: Morphology) -> Question:
    """«Является ли кит рыбой?» (``li``) and «Всегда ли вода кипит …?» (``li_focus``): a predicate or
    a focus word, then «ли»."""
    tokens, start = question.tokens, _start(question)
    li = [i for i, w in enumerate(question.lowers) if w == LI]
    if len(li) > 1:
        raise Decline(DeclineReason.SEVERAL_LI)
    if li[0] == start + 2 and question.lowers[start + 1] in QUANTIFIERS_AFTER_PREPOSITION:
        return _quantifier_phrase_focus(question, start, morph)
    if li[0] != start + 1:
        return _fronted_phrase(question, start, li[0], morph)
    head = _decapitalized(tokens, start, morph).spaced()
    rest = tokens[li[0] + 1:]
    if not rest:
        raise Decline(DeclineReason.NOTHING_AFTER_LI)
    rest = [rest[0].spaced(), *rest[1:]]
    if head.lower in FOCUS_WORDS or head.lower in QUANTIFIER_FOCUS:
        return Question(None, _focus_clause(head, rest, morph), "li_focus", "?")
    clause_tokens, predicate = _inverted_clause(head, rest, morph)
    clause = analyze(clause_tokens, morph, predicate if predicate >= 0 else None)
    if predicate < 0 and clause.site != len(clause_tokens) - 1:
        raise Decline(DeclineReason.UNSUPPORTED_LI_FOCUS)  # the adjective is not the predicate found
    return Question(None, clause, "li", "?")


def _fronted_phrase(question: _Input, start: int, li: int, morph: Morphology) -> Question:
    """«При возникновении конкуренции будут ли доступны финансовые продукты?» → «при возникновении
    конкуренции финансовые продукты будут доступны»: a prepositional phrase (and a comma) before the
    predicate and «ли» stays first, the rest reads as «<predicate> ли …». Declines any other words before
    the predicate."""
    tokens = question.tokens
    head, front = li - 1, tokens[start:li - 1]
    end = len(front) - 1 if front and front[-1].text == "," else len(front)
    sx = Syntax(front[:end], morph)
    if end < 2 or not sx.is_prep(0) or not _adverbials_after(sx, 0) \
            or li + 1 >= len(tokens) or sx.morph.word(tokens[head].text).pos in ("ADJF", "ADVB", "NOUN"):
        raise Decline(DeclineReason.WORDS_BEFORE_LI_FOCUS)  # «Юрий столешников был ли …», «Одинаковую ли …»
    rest = [tokens[li + 1].spaced(), *tokens[li + 2:]]
    clause_tokens, predicate = _inverted_clause(tokens[head].with_text(tokens[head].lower).spaced(), rest, morph)
    if predicate < 0:
        raise Decline(DeclineReason.WORDS_BEFORE_LI_FOCUS)
    fronted = [_decapitalized(tokens, start, morph).spaced(), *front[1:]]
    clause = analyze([*fronted, *moved(clause_tokens)], morph, predicate + len(fronted))
    return Question(None, clause, "li", "?")


def _quantifier_phrase_focus(question: _Input, start: int, morph: Morphology) -> Question:
    """«На всех ли материках есть пустыни?» → «на всех материках есть пустыни», negated «не на всех …»
    (the «не все» convention; see ``negation._quantified``)."""
    tokens = question.tokens
    if not Syntax(tokens[start:start + 2], morph).is_prep(0):
        raise Decline(DeclineReason.WORDS_BEFORE_LI_FOCUS)
    rest = tokens[start + 3:]
    if not rest:
        raise Decline(DeclineReason.NOTHING_AFTER_LI)
    clause_tokens = [_decapitalized(tokens, start, morph).spaced(), tokens[start + 1], rest[0].spaced(), *rest[1:]]
    return Question(None, analyze(clause_tokens, morph), "li_focus", "?")


FORMS = (framed, no_rhetorical_or_wh, intonation, inverted)


def question_form(text: str) -> str:
    """The surface form of ``text``, whatever the rules make of it: framed, li, li_focus (a focus word
    before «ли»), intonation or other."""
    lowers = [t.lower for t in tokenize(text.strip()) if not _is_ending(t.text)]
    if _frame_end(lowers) is not None:
        return "framed"
    if LI in lowers:
        before = lowers.index(LI) - 1
        return "li_focus" if before >= 0 and (lowers[before] in FOCUS_WORDS or lowers[before] in QUANTIFIER_FOCUS) \
            else "li"
    return "intonation" if "?" in text else "other"


def _frame_end(lowers: list[str]) -> int | None:
    """Where the clause starts after a truth frame («Правда ли, что», «Верно ли что», «Действительно ли»)."""
    i = 1 if lowers and lowers[0] in LEADING_CONJUNCTIONS else 0
    if i >= len(lowers) or lowers[i] not in TRUTH_FRAMES:
        return None
    key = lowers[i]
    j = i + 1
    has_li = j < len(lowers) and lowers[j] == LI
    j += has_li
    if j < len(lowers) and lowers[j] == ",":
        j += 1
    has_that = j < len(lowers) and lowers[j] == THAT
    j += has_that
    if key == TRUE_FRAME and (has_li or has_that or j == i + 1):
        return j
    if key == RIGHT_FRAME and has_that:
        return j
    if key == REALLY_FRAME and has_li:
        return j
    return None


def _is_wh(lowers: list[str], start: int, morph: Morphology) -> bool:
    """A question word first, or after a preposition («В каком году …»), or anywhere in a question
    without «ли» («Кит - это кто?»)."""
    first = start + 1 if lowers[start] in PREPOSITIONS and start + 1 < len(lowers) else start
    if _wh(lowers[first], morph):
        return True
    return LI not in lowers and any(_wh(w, morph) and (i == 0 or lowers[i - 1] != ",")
                                      for i, w in enumerate(lowers) if w not in CONJUNCTION_WH)


def _wh(word: str, morph: Morphology) -> bool:
    return word in WH_WORDS or morph.word(word).lemma_is(*WH_LEMMAS)


def _decapitalized(tokens: list[Token], i: int, morph: Morphology) -> Token:
    """Token ``i`` lowercased as it moves inside the frame, unless a name, an acronym or Latin."""
    token = tokens[i]
    text = token.text
    if not text[:1].isupper() or is_latin(text) or (len(text) > 1 and text.isupper()):
        return token
    word = morph.word(text)
    if word.proper or word.abbr:  # for an unknown word, pymorphy3's guess decides
        return token
    following = tokens[i + 1].text if i + 1 < len(tokens) else ""
    named = word.top.lemma in _NAMING_NOUNS  # «телеканал Дождь»
    if following[:1].isupper() and word.pos in ("ADJF", "NOUN") and "Apro" not in word.top.grammemes and not named:
        return token  # «Южная Корея», «Новая Зеландия»; not «Сам Эйнштейн»
    return token.with_text(text[0].lower() + text[1:])


def _verb_parse(word: Word) -> Reading | None:
    for parse in word.parses:
        if parse.pos == "VERB" and "indc" in parse.grammemes:
            return parse
    return None


Order = tuple[list[Token], int]  # the clause's tokens in declarative order and the index of its predicate


def _inverted_clause(head: Token, rest: list[Token], morph: Morphology) -> Order:
    """The declarative order of «<head> ли <rest>» and the index of the predicate in it: the first of
    :data:`HEADS` that reads ``head`` decides."""
    sx = Syntax(rest, morph)
    word = morph.word(head.text)
    for read in HEADS:
        found = read(head, word, sx)
        if found is not None:
            return found
    raise Decline(DeclineReason.UNSUPPORTED_LI_FOCUS)


def be_head(head: Token, word: Word, sx: Syntax) -> Order | None:
    """«Был ли …», «Есть ли …»: see :func:`_inverted_be`."""
    return _inverted_be(head, sx) if head.lower in BE_FORMS else None


def modal_head(head: Token, word: Word, sx: Syntax) -> Order | None:
    """«Можно ли пить морскую воду?»: the modal stays first; «Нельзя ли …» is rhetorical."""
    if head.lower not in MODALS and word.pos != "PRED":
        return None
    if head.lower == CANNOT:
        raise Decline(DeclineReason.RHETORICAL_QUESTION)
    return [head, *sx.tokens], 0


def verb_head(head: Token, word: Word, sx: Syntax) -> Order | None:
    """«Является ли кит рыбой?»: a finite verb; its agreeing subject goes first."""
    verb = _verb_parse(word) if word.pos in ("VERB", "INFN", "CONJ", "PRCL", "INTJ") or word.pos is None else None
    if verb is None:
        return None
    intransitive = not word.has("VERB", "tran")  # «вырабатывает» reads both ways: it may take an object
    # «Передается ли лишай розовый»: an agreeing adjective after the subject is part of it
    subject = sx.subject(0, len(sx.tokens), Agreement.of(verb), intransitive=intransitive, postposed=True)
    if _indefinite_personal(sx, verb, subject):
        return [head, *sx.tokens], 0
    _check_verb_subject(sx, subject, intransitive)
    if subject is not None and verb.lemma in EXISTENTIAL_VERBS and _adverbials_before(sx, subject.start):
        return _existential_order(head, sx, subject)  # «Бывает ли у детей аллергия на пыль?»
    complement = _complement(sx) if verb.lemma in COPULAR_VERBS else None
    if verb.lemma in COPULAR_VERBS and complement is None:
        _check_latin_complement(sx)
    if subject is not None and complement is None:
        subject = _with_own_phrase(sx, subject)
    return _subject_first(head, sx, subject, complement, takes_infinitive=verb.lemma in INFINITIVE_VERBS,
                          intransitive=intransitive)


def _indefinite_personal(sx: Syntax, verb: Reading, subject: Phrase | None) -> bool:
    """«Пишут ли о Чернобыле в учебниках истории?»: a plural transitive verb whose only nominative is a
    genitive's other reading in a prepositional phrase's chain («в учебниках истории») has no subject
    (people do it); not after a possessor («Растут ли у осьминога щупальца?»), not with a verb nobody
    does («Водятся ли в амазонке пираньи?»), not an indeclinable noun («в австралии кенгуру»)."""
    return subject is not None and verb.number == "plur" and "tran" in verb.grammemes \
        and sx.in_pp[subject.head] == CHAIN and not sx.words[subject.head].has("Fixd") \
        and not sx.after_possessor(subject.head)


def _check_latin_complement(sx: Syntax) -> None:
    """«Является ли кит fish?»: a copula without an instrumental complement and a Latin word, which
    cannot show its case: it may be the complement, read as part of the subject."""
    if any(w.pos == "LATN" for w in sx.words):
        raise Decline(DeclineReason.LATIN_COMPLEMENT)


def _check_verb_subject(sx: Syntax, subject: Phrase | None, intransitive: bool) -> None:
    """Decline when another nominative than the agreeing subject is there: «Нашел ли герои смысл жизни»
    (the subject does not agree), «Существуют ли добро без …» (none agrees)."""
    n = len(sx.tokens)
    if subject is not None and not intransitive and sx.words[subject.head].has("accs") and any(
            sx.words[j].top.case == "nomn" and not sx.words[j].has("accs") and sx.nominative(j)
            for j in range(n) if not sx.in_pp[j] and not subject.start <= j < subject.stop):
        raise Decline(DeclineReason.AGREEMENT_ERROR)
    other = sx.subject(0, n, Agreement(None)) if subject is None else None
    if other is not None and sx.words[other.head].top.case == "nomn" and (
            intransitive or not sx.words[other.head].has("accs")):
        # «Существуют ли добро без …», «Признали ли вину руслан тихонов»
        raise Decline(DeclineReason.NO_AGREEING_SUBJECT)


def short_form_head(head: Token, word: Word, sx: Syntax) -> Order | None:
    """«Вредна ли ртуть?»: a short adjective or participle (with no finite verb in the rest)."""
    short = [p for p in word.parses if p.pos in ("ADJS", "PRTS")]
    if not short or (word.pos not in ("ADJS", "PRTS") and _has_finite_verb(sx)):
        return None
    subject = sx.subject(0, len(sx.tokens), Agreement.of(short[0])) or _abbreviation(sx)
    if subject is not None and word.pos == "ADJS" and not word.has("PRTS"):
        subject = _with_attached_phrases(sx, subject, short[0].lemma)
    elif subject is not None:
        subject = _with_own_phrase(sx, subject)  # «въезд в Японию не разрешён без визы»
    if subject is None and not (short[0].number == "sing" and short[0].gender == "neut" and _has_infinitive(sx)):
        raise Decline(DeclineReason.NO_SUBJECT)
    return _subject_first(head, sx, subject, None, takes_infinitive=short[0].lemma in INFINITIVE_SHORT)


def _abbreviation(sx: Syntax) -> Phrase | None:
    """«Разрешено ли в россии гмо?», «Разрешены ли чвк в россии?»: the one lowercase abbreviation
    pymorphy3 cannot analyse at all (UNKN), outside prepositional phrases, as the subject; none in a
    clause with an infinitive («Разрешено ли проезжать жд переезд?»)."""
    if _has_infinitive(sx):
        return None
    found = [i for i, t in enumerate(sx.tokens) if 2 <= len(t.text) <= 4 and t.text.isalpha() and t.text.islower()
             and sx.words[i].pos in (None, "UNKN") and sx.words[i].cyrillic
             and not sx.in_pp[i] and not (i > 0 and sx.is_prep(i - 1))]
    return Phrase(found[0], found[0] + 1, found[0], (found[0],), None, None) if len(found) == 1 else None


def predicative_head(head: Token, word: Word, sx: Syntax) -> Order | None:
    """«Полезно ли бегать по утрам?»: a predicative adverb before an infinitive; it stays first."""
    if word.pos == "ADVB" and word.has("Prdx") and _has_infinitive(sx) and not _has_finite_verb(sx):
        return [head, *sx.tokens], 0
    return None


def adjective_head(head: Token, word: Word, sx: Syntax) -> Order | None:
    """«Короткая ли у гуся шея?» → «у гуся шея короткая» (predicate index -1: the clause's own analysis
    must find the adjective as a predicate after a null copula): a nominative adjective agreeing with the
    subject, with no verb in the rest; «не» then goes before the adjective."""
    adjective = [p for p in word.parses if p.pos == "ADJF" and p.case == "nomn"]
    if not adjective or word.pos != "ADJF" or any(w.pos in ("VERB", "INFN", "PRTS", "ADJS") for w in sx.words) \
            or any(t.lower in BE_FORMS for t in sx.tokens):
        return None
    n = len(sx.tokens)
    agreements = [Agreement(p.number, p.gender if p.number == "sing" else None) for p in adjective]
    subject = next((found for found in (sx.subject(0, n, a) for a in agreements) if found is not None), None)
    if subject is None or not _adverbials_before(sx, subject.start) or not _adverbials_after(sx, subject.stop):
        return None
    return [*moved(sx.tokens), head.spaced()], -1


def comparative_head(head: Token, word: Word, sx: Syntax) -> Order | None:
    """«Выше ли у жирафа давление, чем у человека?» → «у жирафа давление выше, чем у человека»; «Больше ли
    кит слона?» → «кит больше слона»: a comparative, no verb in the rest, its subject after adverbials,
    then the standard of comparison («, чем …») or adverbials only («мрот на севере меньше»). A subject with
    words after its head declines: «золото серебра» may be «золото» and its standard «серебра»."""
    head = head.with_text(head.text.lower())  # «Выше» reads as a surname, so it kept its capital
    word = sx.morph.word(head.text)
    if not word.has("COMP") or any(w.pos in ("VERB", "INFN", "PRTS", "ADJS") for w in sx.words) \
            or any(t.lower in BE_FORMS for t in sx.tokens):
        return None
    n = len(sx.tokens)
    subject = sx.subject(0, n, Agreement(None))
    if subject is None or not _adverbials_before(sx, subject.start) or \
            any(j not in subject.inflecting for j in range(subject.head + 1, subject.stop)):
        return None
    stop = subject.stop
    if _adverbials_after(sx, stop):
        return [*moved(sx.tokens), head.spaced()], n
    than = stop + (stop < n and sx.tokens[stop].text == ",")
    if than < n and sx.lower(than) in COMPARISON_CONJUNCTIONS:
        return [*moved(sx.tokens[:stop]), head.spaced(), *sx.tokens[stop:]], stop
    return None


def _adverbials_after(sx: Syntax, stop: int) -> bool:
    """Whether only prepositional phrases stand after token ``stop``."""
    return all(sx.in_pp[j] or sx.is_prep(j) for j in range(stop, len(sx.tokens)))


HEADS = (be_head, modal_head, verb_head, short_form_head, predicative_head, adjective_head, comparative_head)


def _with_attached_phrases(sx: Syntax, subject: Phrase, adjective: str) -> Phrase:
    """The subject of an adjective predicate with the prepositional phrases right after it, which belong
    to the noun («рисунок на крыльях не одинаков», «очки с желтыми стеклами не вредны»); phrases that
    the adjective governs («вредна для», «зависимы от») stay outside."""
    stop, n = subject.stop, len(sx.tokens)
    while stop < n and sx.is_prep(stop) and sx.lower(stop) not in PREDICATE_PREPOSITIONS and \
            sx.lower(stop) not in ADJECTIVE_PREPOSITIONS.get(adjective, ()):
        end = _phrase_end(sx, stop)
        if end == stop + 1:
            break
        stop = end
    return replace(subject, stop=stop)


def _with_own_phrase(sx: Syntax, subject: Phrase) -> Phrase:
    """«Передаётся ли склонность к аллергии по наследству?» → «склонность к аллергии не передаётся по
    наследству»: a prepositional phrase right after a common-noun subject that opens the clause, with
    more words after it, goes along with the subject (also a pair «из … в …»: «переходы из одного
    амплуа в другое»); «не» before the verb then does not split the noun from its phrase. A phrase at
    the end stays after the verb («кит не живёт в океане»). Declines when two more phrases follow the
    noun's, unless a pair ends the clause: the first may belong to the noun or the verb («цена на нефть на
    курс рубля в России»)."""
    n, stop = len(sx.tokens), subject.stop
    if subject.start != 0 or stop >= n or not sx.is_prep(stop) or not _governs(sx, subject.head, stop):
        return subject
    end = _phrase_end(sx, stop)
    pair = end < n and sx.is_prep(end) and sx.lower(end) in PAIRED_PREPOSITIONS.get(sx.lower(stop), ())
    if pair:
        end = _phrase_end(sx, end, substantive=True)
    while end < n and sx.is_prep(end) and _governs(sx, end - 1, end):
        end = _phrase_end(sx, end)  # «номинация на премию по физике»: the phrase's own phrase
    after = _phrase_end(sx, end) if end < n and sx.is_prep(end) else n
    if after < n and sx.is_prep(after) and not _pair_to_the_end(sx, end):
        raise Decline(DeclineReason.UNCLEAR_PHRASE_ATTACHMENT)  # «цена на нефть на курс рубля в России»
    if end == stop + 1 or (not pair and end == n) or (end < n and not _phrase_ends_at(sx, end)):
        return subject
    return replace(subject, stop=end)


def _pair_to_the_end(sx: Syntax, prep: int) -> bool:
    """Whether a pair of phrases opened at ``prep`` ends the clause («от матери к детям»): the verb's."""
    n, middle = len(sx.tokens), _phrase_end(sx, prep)
    return middle < n and sx.lower(middle) in PAIRED_PREPOSITIONS.get(sx.lower(prep), ()) and \
        _phrase_end(sx, middle, substantive=True) == n


def _governs(sx: Syntax, noun: int, prep: int) -> bool:
    """Whether the noun at ``noun`` takes a phrase with the preposition at ``prep`` (:data:`NOUN_PREPOSITIONS`)."""
    return any(sx.lower(prep) in NOUN_PREPOSITIONS.get(p.lemma, ()) for p in sx.words[noun].parses if p.pos == "NOUN")


def _phrase_end(sx: Syntax, prep: int, substantive: bool = False) -> int:
    """Where the prepositional phrase opened at ``prep`` ends; ``substantive``: an adjective with no noun
    («в другое») counts as its object."""
    end = prep + 1
    while end < len(sx.tokens) and sx.in_pp[end]:
        end += 1
    if substantive and end == prep + 1 and end < len(sx.tokens) and sx.words[end].pos in ("ADJF", "PRTF"):
        end += 1
    return end


def _phrase_ends_at(sx: Syntax, end: int) -> bool:
    """Whether a prepositional phrase surely ends before token ``end``: it is a preposition, an adverb,
    or a word that cannot go on the phrase as a genitive («в состав тюменской области») or a number
    («на xbox 360»)."""
    word = sx.words[end]
    if sx.is_prep(end) or word.pos == "ADVB":
        return True
    return sx.tokens[end].is_word and word.pos not in ("NUMB", "LATN") and not word.has("gent")


def _has_infinitive(sx: Syntax) -> bool:
    return any(w.pos == "INFN" for w in sx.words)


def _has_finite_verb(sx: Syntax) -> bool:
    return any(w.pos == "VERB" and sx.main[i] for i, w in enumerate(sx.words))


def _subject_first(head: Token, sx: Syntax, subject: Phrase | None, complement: int | None,
                   takes_infinitive: bool = True, intransitive: bool = True) -> tuple[list[Token], int]:
    """The clause with ``subject`` first and ``head`` after it; with no subject, ``head`` + the rest.

    A subject with a participle or relative clause after a comma takes it along
    (:func:`_with_clause_after`); otherwise each of :data:`SUBJECT_CHECKS` may decline, and
    :func:`_subject_order` puts the words in order.
    """
    if subject is None:
        return [head, *sx.tokens], 0
    if intransitive:
        subject = sx.with_title_name(sx.with_surname(subject))
    subject = sx.with_initials(subject)
    if _clause_after(sx, subject.stop):
        return _with_clause_after(head, sx, subject)
    detached = _detached_end(sx, subject.stop)
    if detached is not None:
        return _with_group(head, sx, subject, detached)
    _check_subject(sx, subject, takes_infinitive, intransitive)
    return _subject_order(head, sx, subject, complement)


@dataclass(frozen=True, slots=True)
class _SubjectSite:
    """The subject of an inverted question, where it stands, and what its predicate allows after it."""

    sx: Syntax
    subject: Phrase
    takes_infinitive: bool
    intransitive: bool

    @property
    def after(self) -> int | None:
        """The token right after the subject (None at the end)."""
        return self.subject.stop if self.subject.stop < len(self.sx.tokens) else None


def _clause_after(sx: Syntax, stop: int) -> bool:
    """A comma after the subject and a subordinate word after it («документы, зафиксировавшие …»)."""
    rest = sx.tokens
    return stop < len(rest) and rest[stop].text == "," and stop + 1 < len(rest) and not sx.main[stop + 1]


def _with_clause_after(head: Token, sx: Syntax, subject: Phrase) -> tuple[list[Token], int]:
    """«Сохранились ли документы, зафиксировавшие испытания?» → «документы, зафиксировавшие
    испытания, сохранились»: the subject keeps its participle or relative clause."""
    end = subject.stop + 1
    while end < len(sx.tokens) and not sx.main[end]:
        end += 1
    return _with_group(head, sx, subject, end)


def _with_group(head: Token, sx: Syntax, subject: Phrase, end: int) -> tuple[list[Token], int]:
    """The subject with what follows it up to ``end`` (its closing comma, or the end of the rest) first,
    then ``head`` and the other words."""
    rest, start = sx.tokens, subject.start
    group = [*moved(rest[start:end]), *(rest[end:end + 1] if end < len(rest) else [Token(",", False)])]
    tokens = [*group, head.spaced(), *moved(rest[:start]), *rest[end + 1:]]
    return tokens, len(group)


def _detached_end(sx: Syntax, stop: int) -> int | None:
    """Where a group the subject's comma opens ends, when it belongs to the subject: a specification
    (:data:`SPECIFIERS`: «опыты композиторов, преимущественно в жанре оперы») of prepositional phrases
    and adverbs that runs to the end; up to its closing comma, a parenthetical
    (:data:`PARENTHETICAL_OPENERS`: «эмбрион, согласно суду, …») or an apposition of two words or more
    with no verb («Менделеев, создатель периодической таблицы, …»). None otherwise."""
    rest, n = sx.tokens, len(sx.tokens)
    if stop + 2 >= n or rest[stop].text != ",":
        return None
    after = [t.lower for t in rest[stop + 1:]]
    closing = next((j for j in range(stop + 2, n) if rest[j].text == ","), None)
    if closing is None:
        plain = all(sx.in_pp[j] or sx.is_prep(j) or sx.words[j].pos == "ADVB" for j in range(stop + 1, n))
        return n if _opens(after, SPECIFIERS) and plain else None
    if closing + 1 >= n or rest[closing + 1].lower in COORDINATORS:
        return None
    if _opens(after, PARENTHETICAL_OPENERS) or _apposition_group(sx, stop + 1, closing):
        return closing
    return None


def _opens(lowers: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(lowers[:len(p)] == list(p) for p in phrases)


def _apposition_group(sx: Syntax, start: int, stop: int) -> bool:
    """«создатель периодической таблицы», «первый космонавт»: two words or more, a nominative noun among the
    first two, no verb, participle or short form."""
    words = sx.words[start:stop]
    return stop - start >= 2 and all(sx.tokens[j].is_word for j in range(start, stop)) and any(
        bool(sx.nominative(j)) for j in range(start, min(start + 2, stop))) and not any(
        w.pos in ("VERB", "INFN", "PRTF", "PRTS", "ADJS", "GRND") for w in words)


def no_punctuation_next_to_subject(site: _SubjectSite) -> None:
    """«Является ли «кит» рыбой?»: a quote or bracket at the subject's edge."""
    rest, start, after = site.sx.tokens, site.subject.start, site.after
    if (after is not None and not rest[after].is_word) or (start > 0 and not rest[start - 1].is_word):
        raise Decline(DeclineReason.PUNCTUATION_NEXT_TO_SUBJECT)


def no_dash(site: _SubjectSite) -> None:
    """«Был ли кит - рыбой?»: a spaced dash."""
    if any(t.text in DASHES and t.space for t in site.sx.tokens):
        raise Decline(DeclineReason.DASH_IN_QUESTION)


def known_subject(site: _SubjectSite) -> None:
    """«Предъявили ли пэрис хилтон обвинение»: an unknown Cyrillic subject before a nominative that may
    compete with it (:func:`_competing_nominative`)."""
    sx, after, head = site.sx, site.after, site.sx.words[site.subject.head]
    if not head.known and head.cyrillic and after is not None and _competing_nominative(sx, after, site.subject):
        raise Decline(DeclineReason.UNKNOWN_WORD_AS_SUBJECT)


def _competing_nominative(sx: Syntax, after: int, subject: Phrase) -> bool:
    """Whether the word after an unknown subject may be the subject itself or the rest of a name: a
    nominative or an unknown word; after a singular subject of a past-tense verb, only a singular
    nominative of its gender («Устраивал ли Одоакр гонения», «Принял ли исхан предложение», «Был ли
    микрораптор двухкрылым» go on)."""
    if subject.number != "sing" or subject.gender is None:
        return bool(sx.nominative(after)) or not sx.words[after].known
    return any(p.number == "sing" and p.gender in (None, "GNdr", subject.gender) for p in sx.nominative(after))


def no_stray_infinitive(site: _SubjectSite) -> None:
    """«Помогает ли чай уснуть»: an infinitive after the subject of a verb that takes none."""
    after = site.after
    if after is not None and site.sx.words[after].pos == "INFN" and not site.takes_infinitive:
        raise Decline(DeclineReason.INFINITIVE_AFTER_SUBJECT)


def no_apposition(site: _SubjectSite) -> None:
    """«зомби апокалипсис», «телеканала Культура», «термин покрытый аккредитив»: a word after the subject
    that may be part of it."""
    sx, after = site.sx, site.after
    if after is None:
        return
    text = sx.tokens[after].text
    acronym = len(text) > 1 and text.isupper() and not sx.nominative(after)
    title = text[:1].isupper() and bool(sx.nominative(after))
    unknown = not sx.words[after].known and sx.words[after].cyrillic
    if acronym or title or unknown or (site.intransitive and _apposition_after(sx, after, site.subject.number)):
        raise Decline(DeclineReason.APPOSITION_AFTER_SUBJECT)


def no_coordination(site: _SubjectSite) -> None:
    """«вклады одного и того же фактора»: «и» right after the subject."""
    after = site.after
    if after is not None and site.sx.tokens[after].lower == AND:
        raise Decline(DeclineReason.COORDINATION_AFTER_SUBJECT)


def attached_modifiers(site: _SubjectSite) -> None:
    """Words before the subject that may belong to it (see :func:`_check_detached`)."""
    _check_detached(site.sx, site.subject)


def no_object_in_name(site: _SubjectSite) -> None:
    """«Любит ли лиза паулья?»: an unknown word after a first name that ends the clause of a transitive
    verb may be its object, not a surname."""
    sx, subject = site.sx, site.subject
    last = subject.stop - 1
    if not site.intransitive and subject.stop == len(sx.tokens) and last > subject.start and \
            sx.words[last - 1].has("Name") and not sx.words[last].known and sx.tokens[last].text.islower():
        raise Decline(DeclineReason.APPOSITION_AFTER_SUBJECT)


SUBJECT_CHECKS = (no_punctuation_next_to_subject, no_dash, known_subject, no_stray_infinitive, no_apposition,
                  no_coordination, attached_modifiers, no_object_in_name)


def _check_subject(sx: Syntax, subject: Phrase, takes_infinitive: bool = True, intransitive: bool = True) -> None:
    """Run each of :data:`SUBJECT_CHECKS` on ``subject``; each may decline."""
    site = _SubjectSite(sx, subject, takes_infinitive, intransitive)
    for check in SUBJECT_CHECKS:
        check(site)


def _subject_order(head: Token, sx: Syntax, subject: Phrase, complement: int | None) -> tuple[list[Token], int]:
    """Words that may belong to the subject stay with it: after a predicate complement the subject takes
    everything after it along («Были ли долгими бои за город» → «бои за город были долгими»); after
    adverbials only, with words after the subject, the predicate goes right before the subject
    («Действуют ли в Томске музеи при вузах» → «в Томске действуют музеи при вузах»); a subject that
    opens the rest keeps what stands between it and a complement («Является ли обучение в школе
    бесплатным» → «обучение в школе является бесплатным»)."""
    rest, start, stop = sx.tokens, subject.start, subject.stop
    if start > 0 and stop < len(rest) and _adverbials_before(sx, start):
        return [*rest[:start], head.spaced(), *moved(rest[start:])], start
    if start > 0 and stop < len(rest):
        # «Были ли долгими бои за город марджа» → «бои за город марджа были долгими»
        group = rest[start:]
        return [*moved(group), head.spaced(), *moved(rest[:start])], len(group)
    if start == 0 and complement is not None and complement > stop:
        return [*rest[:complement], head.spaced(), *moved(rest[complement:])], complement
    tokens = [*moved(rest[start:stop]), head.spaced(), *moved(rest[:start]), *rest[stop:]]
    return tokens, stop - start


def _apposition_after(sx: Syntax, i: int, number: str | None) -> bool:
    """Whether a nominative noun of ``number`` follows at ``i`` (across adjectives): an apposition."""
    while i < len(sx.tokens) and sx.words[i].pos in ("ADJF", "PRTF") and not sx.nominative(i):
        i += 1
    return i < len(sx.tokens) and any(p.number == number for p in sx.nominative(i))


def _check_detached(sx: Syntax, subject: Phrase) -> None:
    """Decline when words left before the subject may belong to it (an agreeing participle, a name)."""
    head_number = next((p.number for p in sx.nominative(subject.head)), None)
    for j in range(subject.start):
        if sx.in_pp[j] or not sx.tokens[j].is_word:
            continue
        if sx._modifies(j, head_number, None, "nomn") or sx._modifies(j, subject.number, None, "nomn") \
                or sx.words[j].pos == "LATN":
            raise Decline(DeclineReason.MODIFIER_DETACHED_FROM_SUBJECT)
    j = subject.start - 1
    if j >= 0 and not sx.in_pp[j] and (any(p.number == subject.number for p in sx.nominative(j))
                                       or sx.lower(j) == AND):
        raise Decline(DeclineReason.MODIFIER_DETACHED_FROM_SUBJECT)  # «wu-tang rza участник группы»: an apposition?


def _complement(sx: Syntax) -> int | None:
    """Where the predicate complement of a copula starts: an instrumental noun or adjective, or a short
    form, outside prepositional phrases and subordinate clauses (None when there is none)."""
    for j in range(len(sx.tokens)):
        if sx.in_pp[j] or not sx.main[j]:
            continue
        top = sx.words[j].top
        instrumental = top.pos in ("NOUN", "ADJF", "PRTF", "NPRO") and top.case == "ablt" \
            and not sx.nominative_modifier(j)  # «Был ли нулевой год»: «нулевой» reads instrumental first
        # «бездетной»: an adjective whose likeliest case is another, but which can be instrumental
        adjective = top.pos in ("ADJF", "PRTF") and sx.lone_instrumental(j)
        if instrumental or adjective or top.pos in ("ADJS", "PRTS", "COMP"):
            while j > 0 and not sx.in_pp[j - 1] and (sx.words[j - 1].pos == "ADVB" or sx.lower(j - 1) == NOT
                                                     or sx.lower(j - 1) in COMPLEMENT_PARTICLES or any(
                    p.pos in ("ADJF", "PRTF", "NPRO") and p.case == "ablt" for p in sx.words[j - 1].parses)):
                j -= 1  # «значимой отраслью», «наименее строгим видом», «не первыми людьми»
            return j
    return None


def _inverted_be(head: Token, sx: Syntax) -> tuple[list[Token], int]:
    """быть: existential «у зайца есть хвост», «в ссср был президент»; copular «ленинград был в блокаде»."""
    n = len(sx.tokens)
    if head.lower == IS:
        subject = sx.counted(0, n) or sx.subject(0, n, Agreement(None))
        if subject is None:
            raise Decline(DeclineReason.NO_EXISTENT)
        return _existential_order(head, sx, subject)
    be = sx.morph.word(head.text).top
    agreement = Agreement.of(be)
    if n > 1 and sx.words[0].pos == "INFN":  # «Будут ли участвовать польские войска?»: analytic future
        return _analytic_future(head, sx, sx.subject(1, n, agreement))
    future = _compound_future(head, sx, agreement)
    if future is not None:
        return future
    if _passive_short(be, sx):
        return _passive_order(head, sx, agreement)
    complement = _be_complement(sx)
    if _predicate_adjective(sx):
        # «Был ли эдуард суровый», «Был ли бьерн железнобокий»
        raise Decline(DeclineReason.EPITHET_OR_PREDICATE_ADJECTIVE)
    subject = sx.subject(0, n, agreement, postposed=complement is not None)
    if complement is None:
        subject = counted_existent(sx, head.lower) or subject  # «Были ли у царя два сына?»
    if subject is None:
        return _without_subject(head, sx, complement)
    subject = sx.with_title_name(sx.with_surname(subject))
    if complement is not None and sx.words[complement].pos in ("ADJS", "PRTS") and \
            not _agrees_with_be(sx.words[complement].top, be):
        raise Decline(DeclineReason.AGREEMENT_ERROR)  # «Был ли ссср готова к войне»
    if complement is not None or _located(sx, subject):
        return _subject_first(head, sx, subject, complement)
    return _existential_order(head, sx, subject)


def _analytic_future(head: Token, sx: Syntax, subject: Phrase | None) -> Order:
    """«Будет ли проходить финал чемпионата в Лондоне?» → «финал чемпионата будет проходить в Лондоне»: a
    subject right after the infinitive goes first, and one prepositional phrase after it that its noun
    does not take (:data:`NOUN_PREPOSITIONS`) stays after the infinitive; otherwise the subject takes
    what follows it along («польские войска будут участвовать»)."""
    rest = sx.tokens
    if subject is None or subject.start != 1 or not _verb_phrase_after(sx, subject):
        return _subject_first(head, sx, subject, None)
    _check_subject(sx, subject)
    group = moved(rest[1:subject.stop])
    return [*group, head.spaced(), rest[0].spaced(), *rest[subject.stop:]], len(group)


def _verb_phrase_after(sx: Syntax, subject: Phrase) -> bool:
    """Whether one prepositional phrase ends the clause after ``subject`` and its last noun does not
    take that preposition («финал чемпионата в Лондоне»; not «чемпионат по футболу»)."""
    stop = subject.stop
    return stop < len(sx.tokens) and sx.is_prep(stop) and _phrase_end(sx, stop) == len(sx.tokens) \
        and not _governs(sx, stop - 1, stop)


def _be_complement(sx: Syntax) -> int | None:
    """:func:`_complement`, but for a noun that pymorphy3 reads first as a short form with only a reality
    phrase after it («Была ли шахерезада на самом деле?»: said to exist)."""
    complement = _complement(sx)
    if complement == 0 and noun_before_reality(sx, 0):
        return None
    return complement


def _without_subject(head: Token, sx: Syntax, complement: int | None) -> Order:
    """быть with no agreeing subject: a name said to exist («Был ли эртугрул на самом деле?» → «был
    эртугрул на самом деле»), else the name that is located or described (:func:`_name_subject`)."""
    if complement is None and _existing_name(head, sx):
        return [head, *sx.tokens], 0
    return _subject_first(head, sx, _name_subject(head, sx, complement), complement)


def _name_subject(head: Token, sx: Syntax, complement: int | None) -> Phrase:
    """«Был ли утесов в одессе?», «Был ли кони адвокатом?», «Была ли хюррем в плену?»: with no agreeing
    subject, the word right after a singular быть is a name pymorphy3 misreads (a genitive plural, a
    common noun of another gender, an unknown word) when a place or a complement follows it: it is
    located or described, never said to exist. Declines (no subject) otherwise."""
    word, n = sx.words[0], len(sx.tokens)
    if head.lower == BE_PAST["masc"] and complement == 2 and len(sx.tokens) > 2 and day_and_month(sx.tokens, 0):
        return Phrase(0, 2, 0, (), "sing", "masc")  # «Был ли 23 февраля выходным днем?»: a day, the subject
    place = n > 1 and sx.is_prep(1) and not reality_phrase(sx.tokens[1:])
    if head.lower not in NAME_BE_PAST or not (place or complement == 1) or not sx.tokens[0].is_word \
            or not name_like(word):
        raise Decline(DeclineReason.NO_SUBJECT)
    return Phrase(0, 1, 0, (0,), "sing", None)


def _existing_name(head: Token, sx: Syntax) -> bool:
    """«Был ли эртугрул на самом деле?», «Была ли троя?»: a name pymorphy3 does not know, said to exist
    (see :func:`~augment.rules.negation.existing_name`)."""
    return existing_name(Syntax([head, *sx.tokens], sx.morph), 0) is not None


def _agrees_with_be(short: Reading, be: Reading) -> bool:
    """Whether a short form agrees with a form of быть: in number, and in gender in the past singular
    («был готов»; the future «будет» has no gender: «будет построен», «будет открыта»)."""
    if short.number != be.number:
        return False
    return be.number != "sing" or be.tense != "past" or short.gender == be.gender


def _passive_short(be: Reading, sx: Syntax) -> bool:
    """«Было ли открыто посольство»: a short participle right after быть (``be``, its reading) that agrees
    with it (pymorphy3 reads «открыто» first as an adverb)."""
    first = sx.words[0]
    if not first.known or sx.nominative(0):  # «Был ли джиган …», «Был ли муслим магомаев …»: a name
        return False
    return any(p.pos == "PRTS" and _agrees_with_be(p, be) for p in first.parses)


def _passive_order(head: Token, sx: Syntax, agreement: Agreement) -> Order:
    """«Было ли открыто посольство в Кабуле?» → «посольство в Кабуле было открыто»: a passive's subject
    stays nominative (no genitive of negation), and takes what follows it along."""
    subject = sx.subject(1, len(sx.tokens), agreement) or _lone_name(sx)
    if subject is None:
        raise Decline(DeclineReason.NO_SUBJECT)
    _check_subject(sx, subject)
    if any(not sx.in_pp[j] and not sx.is_prep(j) and sx.words[j].pos not in ("ADVB", "COMP")
           for j in range(1, subject.start)):
        raise Decline(DeclineReason.WORDS_BEFORE_EXISTENT)
    rest = sx.tokens
    group = moved(rest[1:])
    return [*group, head.spaced(), rest[0].spaced()], len(group)


def _lone_name(sx: Syntax) -> Phrase | None:
    """«Был ли торпедирован тирпиц?»: one word after the participle, unknown to pymorphy3 or a name
    (pymorphy3 reads «тирпиц» as a genitive plural), is the subject."""
    word = sx.words[-1]
    if len(sx.tokens) == 2 and sx.tokens[1].is_word and word.cyrillic and (
            not word.known or word.has("Name") or word.has("Surn")):
        return Phrase(1, 2, 1, (1,), "sing", None)
    return None


def _compound_future(head: Token, sx: Syntax, agreement: Agreement) -> Order | None:
    """«Будет ли чемпионат проходить в Германии?» → «чемпионат будет проходить в Германии»: «будет» +
    an infinitive after the subject is a compound future, not existential быть; «будет» goes right
    before the infinitive. Declines when the words between them are not the subject's own."""
    if head.lower not in BE_FUTURE.values():
        return None
    n = len(sx.tokens)
    inf = next((j for j in range(1, n) if sx.words[j].pos == "INFN" and sx.main[j] and not sx.in_pp[j]), None)
    if inf is None:
        return None
    subject = sx.subject(0, inf, agreement, intransitive=False)  # «школа детей учить»: «детей» is an object
    if subject is None:
        raise Decline(DeclineReason.NO_SUBJECT)
    site = _SubjectSite(sx, subject, True, True)
    for check in SUBJECT_CHECKS:
        check(site)
    if not _adverbials_before(sx, subject.start) or any(not _adverbial_or_genitive(sx, j)
                                                        for j in range(subject.stop, inf)):
        raise Decline(DeclineReason.WORDS_BEFORE_INFINITIVE)
    return [*moved(sx.tokens[:inf]), head.spaced(), *sx.tokens[inf:]], inf


def _adverbial_or_genitive(sx: Syntax, j: int) -> bool:
    """Token ``j`` is in a prepositional phrase, an adverb, a number or a noun that reads only as a
    genitive («чемпионат мира 2030 года»): nothing that may be an object or another subject."""
    word = sx.words[j]
    if sx.in_pp[j] or sx.is_prep(j) or word.pos in ("ADVB", "NUMB"):
        return True
    return word.pos == "NOUN" and word.has("gent") and not word.has("accs") and not sx.nominative(j)


def _located(sx: Syntax, subject: Phrase) -> bool:
    """«Был ли пушкин в сибири», «Был ли в оккупации саратов»: a person or place is located, not said to
    exist; never with a possessor («у юлия цезаря») or a reality phrase («на самом деле»)."""
    rest, n = sx.tokens, len(sx.tokens)
    if any(rest[j].lower == POSSESSIVE_U and sx.is_prep(j) and not _after_place(sx, subject, j) for j in range(n)):
        return False
    tail = " ".join(t.lower for t in rest[subject.stop:])
    before = " ".join(t.lower for t in rest[:subject.start])
    return bool((subject.start == 0 and tail and tail not in REALITY and _definite(sx, subject.head))
                or (subject.start > 0 and before not in REALITY and _proper(sx, subject.head)))


def _after_place(sx: Syntax, subject: Phrase, j: int) -> bool:
    """«Был ли князь игорь в плену у половцев»: an «у» phrase after another prepositional phrase that
    follows a person's subject belongs to that phrase, not a possessor of the subject."""
    return j > subject.stop and sx.in_pp[j - 1] and any(_definite(sx, k) for k in range(subject.start, subject.stop))


def _existential_order(head: Token, sx: Syntax, subject: Phrase) -> tuple[list[Token], int]:
    """«Есть ли у зайца хвост» → «у зайца есть хвост»: the verb right before its existent. Only
    locations, possessors and adverbs may stand before it."""
    rest = sx.tokens
    if not _adverbials_before(sx, subject.start):
        raise Decline(DeclineReason.WORDS_BEFORE_EXISTENT)
    return [*rest[:subject.start], head.spaced(), *moved(rest[subject.start:])], subject.start


def _adverbials_before(sx: Syntax, start: int) -> bool:
    """Whether only prepositional phrases and adverbs stand before token ``start``."""
    return all(sx.in_pp[j] or sx.is_prep(j) or sx.words[j].pos in ("ADVB", "COMP") for j in range(start))


def _predicate_adjective(sx: Syntax) -> bool:
    """«Был ли (человек) эдуард суровый»: a noun, then a nominative adjective that ends the clause."""
    n = len(sx.tokens)
    return n >= 2 and bool(sx.nominative(n - 2)) and bool(sx.adjective_nominative(n - 1)) \
        and not sx.nominative(n - 1) and not sx.in_pp[n - 2]  # «у пушкина крепостные»: a possessor's


def _proper(sx: Syntax, i: int) -> bool:
    """A name of a person, place or organisation (its likeliest nominative reading)."""
    return sx.words[i].proper


def _definite(sx: Syntax, i: int) -> bool:
    """A subject that is located rather than said to exist: a person, a name, a pronoun."""
    nominative = sx.nominative(i)
    if nominative:
        parse = nominative[0]
        proper = {"Geox", "Orgn", "Name", "Surn"} & parse.grammemes
        return "anim" in parse.grammemes or parse.pos == "NPRO" or bool(proper)
    return sx.words[i].pos == "LATN"


def _focus_clause(head: Token, rest: list[Token], morph: Morphology) -> Clause:
    """«Всегда ли вода кипит …» → «вода всегда кипит …»; «Все ли пассажиры погибли» → «все пассажиры погибли»."""
    sx = Syntax(rest, morph)
    found = find_predicate(sx)
    word = morph.word(head.text)
    if found is None and word.has("Prdx") and _has_infinitive(sx):
        return analyze([head, *rest], morph, 0)  # «Обязательно ли служить в армии?»: a predicative
    if head.lower in QUANTIFIER_FOCUS or head.lower in QUANTITY:
        return analyze([head, *rest], morph, None if found is None else found[0] + 1)
    if found is None:
        raise Decline(DeclineReason.NO_PREDICATE)
    pred, cls = found
    if pred > 0 and rest[pred - 1].lower == NOT:
        raise Decline(DeclineReason.FOCUS_ON_NEGATIVE_CLAUSE)
    tokens = rest
    if pred == 0 and cls in ("verb", "short") and len(rest) > 1:
        tokens, pred = _inverted_clause(rest[0], [rest[1].spaced(), *rest[2:]], morph)
    tokens = [*tokens[:pred], head.spaced(), tokens[pred].spaced(), *tokens[pred + 1:]]
    clause = analyze(tokens, morph, pred + 1)
    if clause.site != pred or head.lower not in FOCUS_ADVERBS:
        raise Decline(DeclineReason.UNSUPPORTED_LI_FOCUS)
    return clause
