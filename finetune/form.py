"""What the question form alone tells about an eval set, from ``augment.audit``'s question-only probe.

The one place the evaluation meets the audit: per-example form scores and the top cues with their carriers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from augment.example import Example


@dataclass(frozen=True)
class CueCarriers:
    """A form cue of an eval set (``kind``: negation, frame, word or 2-gram; ``label``: the answer it leans to)
    and the positions of the examples that carry it."""

    feature: str
    kind: str
    label: str
    carriers: tuple[int, ...]


def form_scores(examples: Sequence[Example], train: Sequence[Example] | None = None, *, folds: int = 5,
                seed: int = 0) -> list[float]:
    """Each example's probability of its own label under the question-only probe: out-of-fold over ``folds``
    folds grouped by origin, or, given ``train``, from the probe fitted on ``train``."""
    from augment import audit

    if train is None:
        return audit.form_scores(list(examples), folds=folds, seed=seed)
    return audit.QuestionProbe.fit(list(train), seed=seed).own_label_proba(list(examples))


def top_cues(examples: Sequence[Example], top: int) -> list[CueCarriers]:
    """The ``top`` form cues of ``examples`` by |z| (and always the «не/нет/ни» one), each with the positions
    of the examples that carry it; a cue with the same words and carriers as a stronger one (a frame that is
    also a 2-gram) is left out."""
    from augment import audit
    from augment.audit.cues import features_of

    features = [features_of(e.question) for e in examples]
    chosen: dict[tuple[str, tuple[int, ...]], CueCarriers] = {}
    for cue in audit.cues(list(examples), top=top):
        if len(chosen) >= top and cue.kind != "negation":
            continue
        carriers = tuple(i for i, found in enumerate(features) if (cue.kind, cue.feature) in found)
        chosen.setdefault((cue.feature, carriers), CueCarriers(cue.feature, cue.kind, cue.label, carriers))
    return list(chosen.values())
