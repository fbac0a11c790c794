"""Cached pymorphy3 analyses and the few morphological questions the rules ask.

One :class:`Morphology` serves every rule; each word form is analysed once and kept. It pickles without
its cache or analyzer (both rebuilt on first use), so generators holding it survive
``datasets.Dataset.map(num_proc=N)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from augment.rules.lexicon import PROPER, YE, YE_UPPER, YO, YO_UPPER

_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")

# a parse scoring below this share of the best parse of its word is ignored
MIN_SHARE = 0.02


class Reading(NamedTuple):
    """One pymorphy3 parse with its grammemes as plain strings (pymorphy3's tag attributes refuse to be
    compared with values they do not know, and plain strings are faster)."""

    pos: str | None
    case: str | None
    number: str | None
    gender: str | None
    person: str | None
    tense: str | None
    grammemes: frozenset[str]
    lemma: str
    score: float
    parse: Any


# tag -> (pos, case, number, gender, person, tense, grammemes): a few thousand distinct tags serve every word,
# and reading pymorphy3's tag attributes is most of the cost of analysing a new word
_TAG_FIELDS: dict[str, tuple[Any, ...]] = {}


def _tag_fields(tag: Any) -> tuple[Any, ...]:
    key = str(tag)  # hashing the tag itself is a Python call per grammeme
    fields = _TAG_FIELDS.get(key)
    if fields is None:
        grammemes = tag.grammemes  # already a frozenset of plain strings
        gender = "ms-f" if "Ms-f" in grammemes else _plain(tag.gender)
        fields = (pos_of(tag), _plain(tag.case), _plain(tag.number), gender, _plain(tag.person),
                  _plain(tag.tense), grammemes)
        _TAG_FIELDS[key] = fields
    return fields


def _plain(value: Any) -> str | None:
    return None if value is None else str(value)


class Word:
    """The analysis of one lowercased word form: its plausible pymorphy3 parses and derived flags."""

    __slots__ = ("abbr", "cyrillic", "form", "known", "parses", "pos", "proper", "top")

    def __init__(self, form: str, parses: list[Any], known: bool):
        best = parses[0].score if parses else 0.0
        self.form = form
        fields = [_tag_fields(p.tag) for p in parses]
        # indeclinable words spread their score over every case: keep all their readings
        indeclinable = bool(parses) and "Fixd" in fields[0][-1]
        self.parses = tuple(Reading(*tag, p.normal_form, p.score, p) for p, tag in zip(parses, fields)
                            if p.score >= best * MIN_SHARE or (indeclinable and "Fixd" in tag[-1]))
        # a word with no analysis gets an empty reading, so that callers never meet None
        self.top = self.parses[0] if self.parses else Reading(None, None, None, None, None, None, frozenset(), form,
                                                             0.0, None)
        self.pos: str | None = self.top.pos
        self.known = known
        # a name: every nominative noun reading is a name («Киев», not «кий»; «Кит» reads also as a whale)
        nouns = [p for p in self.parses if p.pos == "NOUN" and p.case == "nomn"] or [
            p for p in self.parses if p.pos == "NOUN"]
        self.proper = bool(nouns) and all(PROPER & p.grammemes for p in nouns)
        self.abbr = "Abbr" in self.top.grammemes
        self.cyrillic = _CYRILLIC.search(form) is not None

    def has(self, *grammemes: str) -> bool:
        """Whether some plausible parse carries all ``grammemes``."""
        if len(grammemes) == 1:
            grammeme = grammemes[0]
            return any(grammeme in p.grammemes for p in self.parses)
        wanted = set(grammemes)
        return any(wanted <= p.grammemes for p in self.parses)


    def lemma_is(self, *lemmas: str) -> bool:
        """Whether some plausible parse has one of ``lemmas`` as its normal form."""
        return any(p.lemma in lemmas for p in self.parses)

    def __repr__(self) -> str:
        return f"Word({self.form!r}, {self.top.parse.tag if self.top.parse else None})"


WORD_CACHE = 100_000  # word forms (and inflections) a Morphology remembers, about 1 KB each


class Morphology:
    """pymorphy3 with a per-form cache; picklable (the cache and analyzer are rebuilt after unpickling)."""

    def __init__(self) -> None:
        self._analyzer: Any = None
        self._words: dict[str, Word] = {}
        self._inflections: dict[tuple[Any, frozenset[str]], str | None] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]

    @property
    def analyzer(self) -> Any:
        if self._analyzer is None:
            import pymorphy3

            self._analyzer = pymorphy3.MorphAnalyzer()
        return self._analyzer

    def word(self, text: str) -> Word:
        """The cached analysis of ``text`` (case-insensitive)."""
        form = text.lower()
        found = self._words.get(form)
        if found is None:
            analyzer = self.analyzer
            try:
                found = Word(form, analyzer.parse(form), analyzer.word_is_known(form))
            except ValueError:  # pymorphy3 fails on characters without a Unicode name («𗀀»)
                found = Word(form, [], False)
            if len(self._words) >= WORD_CACHE:  # a corpus's vocabulary is unbounded; memory must not be
                self._words.clear()
            self._words[form] = found
        return found

    def inflect(self, reading: Reading, grammemes: Iterable[str]) -> str | None:
        """The form of ``reading`` with ``grammemes`` (lowercase), or None when pymorphy3 has none (cached)."""
        key = (reading.parse, frozenset(grammemes))
        if key not in self._inflections:
            inflected = reading.parse.inflect(set(grammemes))
            if len(self._inflections) >= WORD_CACHE:
                self._inflections.clear()
            self._inflections[key] = None if inflected is None else inflected.word
        return self._inflections[key]

    def cache_size(self) -> int:
        """How many word forms have been analysed so far."""
        return len(self._words)


def pos_of(tag: Any) -> str | None:
    """The part of speech as a plain string, or LATN/NUMB/ROMN/PNCT/UNKN for tokens without one."""
    pos = tag.POS
    if pos is not None:
        return str(pos)
    for grammeme in ("LATN", "NUMB", "ROMN", "PNCT", "UNKN"):
        if grammeme in tag:
            return grammeme
    return None


def without_yo(text: str) -> str:
    """``text`` with «ё» written «е» («Ё» as «Е»)."""
    return text.replace(YO, YE).replace(YO_UPPER, YE_UPPER)


def match_case(template: str, word: str) -> str:
    """``word`` written in the letter case of ``template`` (lower, Capitalized or UPPER), with «ё» only if
    ``template`` writes it: pymorphy3 spells «ребёнка» even for «ребенок», and a «ё» that only generated
    questions have would give their label away."""
    if YO not in template.lower():
        word = without_yo(word)
    if len(template) > 1 and template.isupper():
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def name_like(word: Word) -> bool:
    """A word that may be a name although pymorphy3 reads it otherwise («утесов», «кони», «хюррем»):
    unknown, a name or surname in some case, or a noun or possessive adjective (not an indeclinable
    common noun such as «пенальти»)."""
    if not word.cyrillic or word.pos in ("NPRO", "PREP", "CONJ", "PRCL", "ADVB", "NUMR", "INFN"):
        return False
    if not word.known or word.has("Name") or word.has("Surn"):
        return True
    return (word.pos == "NOUN" and not word.has("Fixd")) or word.has("Poss")


def is_latin(text: str) -> bool:
    """Whether ``text`` has Latin letters and no Cyrillic ones."""
    return _LATIN.search(text) is not None and _CYRILLIC.search(text) is None


_SHARED: Morphology | None = None


def shared_morphology() -> Morphology:
    """The process-wide :class:`Morphology` (one cache for every rule and generator)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = Morphology()
    return _SHARED
