"""Passages of raw text: read from .txt or .jsonl files (by :mod:`augment.corpus`), and capped in length around a
sentence.

A paragraph can be as long as a book chapter; copying it into every question made from it grows the output
with the square of its length. :func:`capped_span` keeps the passage to ``max_chars`` characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from augment.jsonl import ErrorMode

if TYPE_CHECKING:
    from augment.corpus import CorpusReader

DEFAULT_MAX_PASSAGE_CHARS = 1500  # about DaNetQA's 99th percentile (1534); its median passage has 654
# questions from text one sentence may give: 6 is every option of a sentence with a slot (three yes/no pairs), so
# the scarce ones (no without «не», yes with «не») are never left out; balancing drops the surplus
DEFAULT_PER_SENTENCE = 6


def read_passages(path: str | Path, field: str | None = None, errors: ErrorMode = "raise") -> CorpusReader:
    """The passages of ``path`` as :class:`augment.corpus.Corpus` reads them: a .txt file's non-empty lines (idx =
    line number), a .jsonl file's records (``field``, else ``passage``, else ``text``; idx = the record's ``idx``
    or its line number), compressed or not, as examples with an empty question; bad lines raise or are skipped
    and counted."""
    from augment.corpus import Corpus

    return Corpus([path], errors=errors).passages(field)


class Span(Protocol):
    """A piece of the source text by character offsets (a sentence)."""

    start: int
    stop: int


def capped_span(sentences: Sequence[Span], index: int, start: int, stop: int, max_chars: int) -> tuple[int, int]:
    """``(start, stop)`` when it spans at most ``max_chars`` characters; else the widest run of whole
    ``sentences`` inside it around ``sentences[index]`` that fits, grown one sentence before (a pronoun's
    referent comes first), then one after, and so on; the sentence alone when even it is longer."""
    if stop - start <= max_chars:
        return start, stop
    first = last = index
    grown = True
    while grown:
        grown = False
        for lo, hi in ((first - 1, last), (first, last + 1)):
            if (lo >= 0 and hi < len(sentences) and sentences[lo].start >= start and sentences[hi].stop <= stop
                    and sentences[hi].stop - sentences[lo].start <= max_chars):
                first, last, grown = lo, hi, True
    return sentences[first].start, sentences[last].stop
