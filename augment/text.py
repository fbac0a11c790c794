"""Small text helpers shared by filters, summaries and benchmarks."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+")
_NEGATION = re.compile(r"(?<!\w)(не|нет|ни)(?!\w)", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def wordset(text: str) -> frozenset[str]:
    """The space-separated words of ``text`` as a set (word lists read better as one string)."""
    return frozenset(text.split())


# question words of special (wh-) questions, whose answer is not «да» or «нет»
WH_WORDS = wordset(
    "кто кого кому кем ком что чего чему чем где когда почему зачем отчего как какой какая какое какие какого "
    "каким какими какую каких каков какова каково каковы сколько скольких чей чья чьё чье чьи куда откуда "
    "который которая которое которые"
)


def normalize_text(text: str) -> str:
    """NFC, lowercase, «ё» as «е», punctuation and runs of spaces folded to one space.

    «Правда ли, что Кит — рыба?» and «правда ли что кит рыба» normalize to the same string, and so do the
    composed and decomposed (NFD) forms of «й» and «ё».
    """
    return _NON_WORD.sub(" ", unicodedata.normalize("NFC", text).lower().replace("ё", "е")).strip()


def has_negation(text: str) -> bool:
    """Whether ``text`` contains the word «не», «нет» or «ни» (the shortcut a classifier can learn)."""
    return _NEGATION.search(text) is not None


def first_word(text: str) -> str:
    """The first word, lowercased («» when there is none)."""
    match = _WORD.search(text)
    return match.group(0).lower() if match else ""


def answer_word(label: bool | None) -> str:
    """«да» for yes, «нет» for no, «?» when unknown."""
    return "?" if label is None else ("да" if label else "нет")
