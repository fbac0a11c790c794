"""Raw text → paragraphs → sentences (razdel) with character offsets, cleaned and screened for questions.

A sentence keeps its offsets in the source text (for provenance and for cutting the passage) and a
cleaned copy for building questions: stress marks, footnote marks and parenthetical asides removed,
spaces folded. :func:`screen` says why a sentence cannot become a question (too long, direct speech,
a question, a list, ...) or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from augment.rules.reasons import DeclineReason

MAX_WORDS = 30
MAX_CHARS = 250
MIN_WORDS = 3
PASSAGE_MODES = ("sentence", "window", "paragraph")

_STRESS = re.compile("[\u0300\u0301]")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f\u2007]+")
# «[14]», «[уточнить]», «[кем?]»; not an editor's insertion after a space («завет, [ибо] он нарушил», «едят
# [едят] собак»), which is left for :func:`screen` to decline: without it the sentence may not read
_FOOTNOTE = re.compile(r"(?<!\s)\[[^\[\]]{0,40}\]|\[[^\[\]]{0,40}[\d?][^\[\]]{0,40}\]")
_PARENTHESIS = re.compile(r"\s*\([^()]*\)")
_SPACE_BEFORE_PUNCT = re.compile(r" +([,.;:!?»)])")
_PARAGRAPH = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+")
_LATIN_WORD = re.compile(r"(?<!\w)[A-Za-z]+(?!\w)")
_ETC = re.compile(r"\bи\s+т\.\s*[дп]\.|\bи\s+др\.")
_DIRECT_SPEECH = re.compile(r"[»\"”],?\s*[—–-]\s|:\s*[«\"“]")
_LIST_START = re.compile(r"^\s*(?:[•*·▪–—-]|\d+[.)]\s|[а-яa-z]\)\s)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: offsets in the source text, where it stands, and its cleaned text."""

    start: int
    stop: int
    paragraph: int  # index of its paragraph in the source text
    position: int  # index within its paragraph
    text: str  # cleaned (see :func:`clean`)


def split_text(text: str) -> list[list[Sentence]]:
    """The paragraphs of ``text`` (its lines with words) as lists of :class:`Sentence`."""
    from razdel import sentenize

    paragraphs = []
    for match in _PARAGRAPH.finditer(text):
        if not match.group().strip():
            continue
        offset = match.start()
        sentences = [Sentence(offset + s.start, offset + s.stop, len(paragraphs), k, clean(s.text))
                     for k, s in enumerate(sentenize(match.group()))]
        if sentences:
            paragraphs.append(sentences)
    return paragraphs


def clean(text: str) -> str:
    """``text`` without stress marks, footnote marks and parenthetical asides, with spaces folded."""
    if "\u0301" in text or "\u0300" in text:
        text = _STRESS.sub("", text)
    if "[" in text:
        text = _FOOTNOTE.sub("", text)
    if "(" in text:
        text = _PARENTHESIS.sub("", text)
    return _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", text)).strip()


def screen(text: str) -> DeclineReason | None:
    """Why the cleaned sentence ``text`` cannot become a question, or None when it may."""
    words = _WORD.findall(text)
    if text.endswith("?"):
        return DeclineReason.QUESTION
    if text.endswith("!"):
        return DeclineReason.EXCLAMATION
    if len(words) < MIN_WORDS:
        return DeclineReason.TOO_SHORT
    if len(words) > MAX_WORDS or len(text) > MAX_CHARS:
        return DeclineReason.TOO_LONG
    if text.endswith(("...", "…")) or not text.endswith("."):
        return DeclineReason.UNFINISHED_SENTENCE
    if text[:1] in "—–-«\"“„" or _DIRECT_SPEECH.search(text):
        return DeclineReason.DIRECT_SPEECH
    if ";" in text or ":" in text or _LIST_START.match(text) or _ETC.search(text):
        return DeclineReason.LIST
    if any(bracket in text for bracket in "()[]") or \
            text.count("«") != text.count("»") or text.count('"') % 2 or '""' in text:
        return DeclineReason.UNBALANCED_BRACKETS_OR_QUOTES
    if len(_LATIN_WORD.findall(text)) * 3 > len(words):
        return DeclineReason.FOREIGN_WORDS
    return None


def passage_bounds(paragraphs: list[list[Sentence]], sentence: Sentence, mode: str) -> tuple[int, int]:
    """The character span of the passage ``mode`` chooses for ``sentence``: the sentence itself, a window
    with one neighbouring sentence on each side (within its paragraph), or its whole paragraph."""
    paragraph = paragraphs[sentence.paragraph]
    if mode == "sentence":
        return sentence.start, sentence.stop
    if mode == "window":
        first = paragraph[max(sentence.position - 1, 0)]
        last = paragraph[min(sentence.position + 1, len(paragraph) - 1)]
        return first.start, last.stop
    if mode == "paragraph":
        return paragraph[0].start, paragraph[-1].stop
    raise ValueError(f"passage must be one of {', '.join(PASSAGE_MODES)}; got {mode!r}")


def has_context_before(sentence: Sentence, mode: str) -> bool:
    """Whether the passage ``mode`` chooses holds a sentence before ``sentence`` (a pronoun's referent)."""
    return mode != "sentence" and sentence.position > 0
