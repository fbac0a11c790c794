"""Which words, openings and word pairs tell the label: each feature's yes-rate against the base rate."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from itertools import pairwise

from augment.audit.probe import labels_of
from augment.example import Example
from augment.text import normalize_text

NEGATION = "не/нет/ни"
NEGATION_WORDS = frozenset(NEGATION.split("/"))


@dataclass(frozen=True)
class Cue:
    """A question feature and the label it leans to: ``count`` questions have it, ``rate`` of them are
    "yes", ``z`` is how far that rate is from the base rate in binomial standard errors.

    ``kind`` is «negation» (any of «не/нет/ни»), «frame» (the first two words), «word» or «2-gram».
    """

    feature: str
    label: str
    count: int
    rate: float
    z: float
    kind: str = "word"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def frame(question: str) -> str:
    """The opening frame of ``question``: its first two normalized words («правда ли», «входит ли»)."""
    return " ".join(normalize_text(question).split()[:2])


def features_of(question: str) -> set[tuple[str, str]]:
    """The (kind, feature) pairs of one question, each once."""
    words = normalize_text(question).split()
    found = {("word", w) for w in words if w not in NEGATION_WORDS}
    found.update(("2-gram", f"{a} {b}") for a, b in pairwise(words))
    if words:
        found.add(("frame", " ".join(words[:2])))
    if NEGATION_WORDS.intersection(words):
        found.add(("negation", NEGATION))
    return found


def z_score(yes: int, count: int, base: float) -> float:
    """How far the yes-rate ``yes / count`` lies from ``base``, in binomial standard errors (0 when undefined)."""
    spread = math.sqrt(base * (1 - base) / count) if count else 0.0
    return (yes / count - base) / spread if spread else 0.0


def make_cue(kind: str, feature: str, count: int, yes: int, base: float) -> Cue:
    rate = yes / count if count else 0.0
    return Cue(feature, "yes" if rate >= base and count else "no", count, round(rate, 4),
               round(z_score(yes, count, base), 3), kind)


def cues(examples: Sequence[Example], *, top: int = 20, min_count: int = 3) -> list[Cue]:
    """Words, opening frames (first two words) and n-grams whose yes-rate departs most from the base rate,
    sorted by |z| descending; always includes a row for «не/нет/ни» and one per frame.

    ``top`` rows come from features seen in at least ``min_count`` questions; the «не/нет/ни» row and the
    frames of at least ``min_count`` questions (all frames when fewer) are added whatever their z.
    """
    labels = labels_of(examples)
    return rank(cue_table((e.question for e in examples), labels), top=top, min_count=min_count)


def cue_table(questions: Iterable[str], labels: Sequence[bool]) -> list[Cue]:
    """A cue for every feature of ``questions`` (unsorted)."""
    count: Counter[tuple[str, str]] = Counter()
    yes: Counter[tuple[str, str]] = Counter()
    for question, label in zip(questions, labels):
        features = features_of(question)
        count.update(features)
        if label:
            yes.update(features)
    base = sum(labels) / len(labels) if labels else 0.0
    table = [make_cue(kind, feature, n, yes[kind, feature], base) for (kind, feature), n in count.items()]
    if ("negation", NEGATION) not in count:
        table.append(make_cue("negation", NEGATION, 0, 0, base))
    return table


def rank(table: Sequence[Cue], *, top: int, min_count: int) -> list[Cue]:
    """The ``top`` cues by |z| among those of ``min_count`` or more, plus the negation row and the frames."""
    def order(cue: Cue) -> tuple[float, str, str]:
        return (-abs(cue.z), cue.kind, cue.feature)

    frames = [c for c in table if c.kind == "frame"]
    if any(c.count >= min_count for c in frames):
        frames = [c for c in frames if c.count >= min_count]
    always = {(c.kind, c.feature): c for c in [*frames, *(c for c in table if c.kind == "negation")]}
    ranked = sorted((c for c in table if c.count >= min_count), key=order)[:top]
    chosen = {(c.kind, c.feature): c for c in ranked} | always
    return sorted(chosen.values(), key=order)
