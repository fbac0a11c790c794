"""Tokens with the spacing they came with, tokenization (razdel) and rendering back to text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from augment.rules.lexicon import MONTHS_GENITIVE

NO_SPACE_BEFORE = frozenset({",", ".", "?", "!", ";", ":", ")", "»", "…", "...", "?!", "!?", "??"})


class Token:
    """A word or punctuation mark, and whether whitespace preceded it in the text it came from.

    Treated as immutable (rules build new tokens, never change one); ``lower`` and ``is_word`` are
    computed once because the rules read them constantly.
    """

    __slots__ = ("is_word", "lower", "space", "text")

    def __init__(self, text: str, space: bool = True):
        self.text = text
        self.space = space
        self.lower = text.lower()
        self.is_word = text[:1].isalnum()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and (self.text, self.space) == (other.text, other.space)

    def __hash__(self) -> int:
        return hash((self.text, self.space))

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.space})"

    def spaced(self, space: bool = True) -> Token:
        """This token with ``space`` before it."""
        return self if self.space == space else Token(self.text, space)

    def with_text(self, text: str) -> Token:
        """This token spelled ``text``, spacing kept."""
        return Token(text, self.space)


# razdel never joins atoms across a space, but its rules for dashes and «_» look at the atom beyond one
# («cho -to»), and those for «.», «,», «/», «\\» between digits too («5, 3»): a chunk that starts or ends
# with a dash goes to razdel whole, and one with a number mark next to a digit unless no digit is beyond
_LOOKS_ACROSS = frozenset("-–—‐‑−_")
_NUMBER_MARKS = frozenset(".,/\\")
_OTHER_SPACE = re.compile(r"[^\S ]")
CHUNK_CACHE = 200_000  # text chunks whose tokens are remembered, about 400 bytes each
_chunks: dict[str, tuple[Token, ...]] = {}  # a chunk's tokens, the first preceded by a space
# a chunk razdel would cut into one word or number, a quote or bracket on either side and one mark after
# them («рыбой?», «Москва,», «(1990», ««Спартак»,»): almost every chunk
_PLAIN_WORD = re.compile(r"([«(]?)([а-яёА-ЯЁ]+|[A-Za-z]+|\d+)([»)]?)([,.?!;:]?)")


def tokenize(text: str) -> list[Token]:
    """razdel tokens of ``text``, each remembering whether whitespace preceded it.

    The same tokens as ``_razdel_tokens`` (razdel's), faster: a text with plain spaces only is cut at them and
    each chunk's tokens are cached («рыбой?» is tokenized once; tokens are immutable, so lists share them).
    """
    if _OTHER_SPACE.search(text):
        return _razdel_tokens(text)
    chunks = text.split(" ")
    last = len(chunks) - 1
    tokens: list[Token] = []
    spaced = False
    for k, chunk in enumerate(chunks):
        if not chunk:
            spaced = True
            continue
        pieces = _chunks.get(chunk)
        if pieces is None or (chunk[-1] in _NUMBER_MARKS and k < last):  # «5, 3»: depends on what follows
            if not _self_contained(chunk, chunks[k + 1] if k < last else ""):
                return _razdel_tokens(text)
            if pieces is None:
                if len(_chunks) >= CHUNK_CACHE:
                    _chunks.clear()
                raw = _pieces(chunk)
                pieces = _chunks[chunk] = (Token(raw[0], True), *(Token(piece, False) for piece in raw[1:]))
        if spaced:
            tokens.extend(pieces)
        else:
            tokens.append(pieces[0].spaced(False))
            tokens.extend(pieces[1:])
        spaced = True
    return tokens


def _self_contained(chunk: str, following: str) -> bool:
    """Whether razdel tokenizes ``chunk`` the same alone as between its neighbours: always, unless it
    starts or ends with a character whose rules look past the space. A lone character has nothing to
    join; a dash at either end may join what is beyond; a number mark at the end is split off whatever
    follows unless digits stand on both sides («5, 3»), and one at the start before a digit may join the
    number before it («3 ,5»). Other marks («:») never join across a space."""
    if len(chunk) <= 1:
        return True
    first, last = chunk[0], chunk[-1]
    if first in _LOOKS_ACROSS or last in _LOOKS_ACROSS or (first in _NUMBER_MARKS and chunk[1].isdigit()):
        return False
    return not (last in _NUMBER_MARKS and chunk[-2].isdigit() and following[:1].isdigit())


def _pieces(chunk: str) -> list[str]:
    """razdel's tokens of one chunk; a plain word with its quotes and mark is cut without razdel."""
    plain = _PLAIN_WORD.fullmatch(chunk)
    if plain is not None:
        return [piece for piece in plain.groups() if piece]
    return [t.text for t in _razdel_tokens(chunk)]


def clear_cache() -> None:
    """Forget the cached chunk tokenizations (for benchmarks that time a cold start)."""
    _chunks.clear()


_LATIN_OR_DIGITS = re.compile(r"[0-9A-Za-z]+")


def _razdel_tokens(text: str) -> list[Token]:
    """razdel's tokens, with Latin letters and digits written together kept as one word («5G», «MP3»,
    where razdel cuts between letter and digit)."""
    from razdel import tokenize as razdel_tokenize

    tokens: list[Token] = []
    previous_stop = 0
    for piece in razdel_tokenize(text):
        space = piece.start > previous_stop
        if (not space and tokens and _LATIN_OR_DIGITS.fullmatch(piece.text)
                and _LATIN_OR_DIGITS.fullmatch(tokens[-1].text) and not (piece.text + tokens[-1].text).isdigit()):
            tokens[-1] = Token(tokens[-1].text + piece.text, tokens[-1].space)
        else:
            tokens.append(Token(piece.text, space))
        previous_stop = piece.stop
    return tokens


def word(text: str) -> Token:
    """A new word token (preceded by a space)."""
    return Token(text, True)


def render(tokens: list[Token]) -> str:
    """The text of ``tokens``: the original spacing, one space before words that moved or were added."""
    parts = []
    for i, token in enumerate(tokens):
        if i and token.space and token.text not in NO_SPACE_BEFORE:
            parts.append(" ")
        parts.append(token.text)
    return "".join(parts)


def moved(tokens: list[Token]) -> list[Token]:
    """``tokens`` prepared to be placed elsewhere: the first gets a space before it."""
    return [tokens[0].spaced(), *tokens[1:]] if tokens else []


def has_phrase(lowers: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether one of ``phrases`` (word tuples, a constant of the rules) occurs in ``lowers``."""
    by_start = _BY_START.get(phrases)
    if by_start is None:
        by_start = _BY_START[phrases] = {}
        for phrase in phrases:
            by_start.setdefault(phrase[0], []).append(list(phrase))
    return any(lowers[i:i + len(p)] == p for i, w in enumerate(lowers) if w in by_start for p in by_start[w])


def day_and_month(tokens: Sequence[Token], i: int) -> bool:
    """A day number at token ``i`` and a month in the genitive after it («6 июня», «23 февраля»)."""
    text = tokens[i].text
    return text.isdigit() and 1 <= int(text) <= 31 and i + 1 < len(tokens) and tokens[i + 1].lower in MONTHS_GENITIVE


_BY_START: dict[tuple[tuple[str, ...], ...], dict[str, list[list[str]]]] = {}  # phrases -> first word -> phrases
