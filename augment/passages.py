"""The passage paired with a question made from text, capped in length: whole sentences around its sentence.

A paragraph can be as long as a book chapter; copying it into every question made from it grows the output
with the square of its length. :func:`capped_span` keeps the passage to ``max_chars`` characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

DEFAULT_MAX_PASSAGE_CHARS = 1500  # about DaNetQA's 99th percentile (1534); its median passage has 654


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
