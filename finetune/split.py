"""Held-out splits that leak nothing: stratified, seeded, order-independent, grouped by passage.

Only original examples are held out. A passage lies on one side only, and a synthetic example stays out of
training when it descends from a held-out example (``source_idx``/``parent_idx``, compared as text: "123" is 123)
or uses a held-out passage or a part of one (a sentence of it). Texts are compared normalized
(:func:`augment.text.normalize_text`: NFC, case, «ё», punctuation).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from augment.example import Example
from augment.seeding import derive_seed
from augment.text import normalize_text

PROVENANCE = ("generator", "parent_idx", "source_idx")


def is_synthetic(example: Example) -> bool:
    """Whether ``example`` was made by a generator, or derived from another example: it carries provenance."""
    return any(key in example.meta for key in PROVENANCE)


def _passage_key(example: Example) -> str:
    return normalize_text(example.passage)


def _pair_key(example: Example) -> tuple[str, str]:
    return normalize_text(example.question), _passage_key(example)


@dataclass
class Split:
    """What stays for training, what was held out, and how many examples left training for which reason."""

    train: list[Example]
    held_out: list[Example]
    removed: Counter[str] = field(default_factory=Counter)


def hold_out(examples: Iterable[Example], fraction: float, seed: int, salt: str = "dev") -> Split:
    """Hold out about ``fraction`` of the original examples of each label, whole passage groups at a time.

    Which passages go is decided by a hash of (seed, salt, passage), so the split does not depend on row order
    or idx. Each label with at least two passage groups gets at least one held out. Synthetic examples are
    never held out; those that would leak (see :func:`remove_leaks`) are removed from training.
    """
    if not 0 < fraction < 1:
        raise ValueError(f"the held-out fraction must lie strictly between 0 and 1, got {fraction}")
    examples = list(examples)
    originals = [e for e in examples if not is_synthetic(e)]
    if any(e.label is None for e in originals):
        raise ValueError("cannot hold out a stratified split from examples without labels")
    groups: dict[str, list[Example]] = defaultdict(list)
    for example in originals:
        groups[_passage_key(example)].append(example)
    by_label: dict[bool, list[str]] = defaultdict(list)
    for key, members in groups.items():
        yes = sum(e.label is True for e in members)
        by_label[2 * yes >= len(members)].append(key)
    chosen: set[str] = set()
    for keys in by_label.values():
        keys.sort(key=lambda k: (derive_seed(seed, salt, k), k))
        size = sum(len(groups[k]) for k in keys)
        target = max(round(fraction * size), 1 if len(keys) > 1 else 0)
        taken = 0
        for key in keys:
            if taken >= target:
                break
            chosen.add(key)
            taken += len(groups[key])
    if not chosen or len(chosen) == len(groups):
        raise ValueError(f"cannot hold out {fraction:.0%} of {len(originals)} original example(s) and keep some")
    held = [e for e in originals if _passage_key(e) in chosen]
    rest = [e for e in examples if is_synthetic(e) or _passage_key(e) not in chosen]
    kept, removed = remove_leaks(rest, held, lineage=True)
    return Split(kept, held, removed)


def remove_leaks(
    train: Iterable[Example], held_out: Sequence[Example], *, lineage: bool
) -> tuple[list[Example], Counter[str]]:
    """``train`` without the examples that would leak ``held_out`` into training, and the counts why.

    Removed: originals repeating a held-out (question, passage) pair; synthetic examples on a held-out
    passage or on a part of one (whole words of it, e.g. one sentence); with ``lineage`` (held-out examples
    taken from the same set, so idx values are shared) synthetic examples whose ``source_idx`` or
    ``parent_idx`` is a held-out idx. Each reason is counted separately.
    """
    held_idx = {str(e.idx) for e in held_out}
    held_pairs = {_pair_key(e) for e in held_out}
    held_passages = {_passage_key(e) for e in held_out}
    held_text = "\n".join(f" {passage} " for passage in held_passages)
    kept: list[Example] = []
    removed: Counter[str] = Counter()
    for example in train:
        reason = None
        if not is_synthetic(example):
            if _pair_key(example) in held_pairs:
                reason = "repeats a held-out example"
        elif lineage and (str(example.source_idx) in held_idx
                          or ("parent_idx" in example.meta and str(example.meta["parent_idx"]) in held_idx)):
            reason = "descends from a held-out example"
        elif (key := _passage_key(example)) in held_passages:
            reason = "uses a held-out passage"
        elif key and f" {key} " in held_text:
            reason = "uses part of a held-out passage"
        if reason:
            removed[reason] += 1
        else:
            kept.append(example)
    return kept, removed
