"""What the question form alone tells about an eval set, from ``augment.audit``'s question-only probe.

The one place the evaluation meets the audit: per-example form scores and the top cues with their carriers.
"""

from __future__ import annotations

from collections.abc import Sequence

from augment.example import Example


def form_scores(examples: Sequence[Example], train: Sequence[Example] | None = None, *, folds: int = 5,
                seed: int = 0) -> list[float]:
    """Each example's probability of its own label under the question-only probe: out-of-fold over ``folds``
    folds grouped by origin, or, given ``train``, from the probe fitted on ``train``."""
    from augment import audit

    if train is None:
        return audit.form_scores(list(examples), folds=folds, seed=seed)
    return audit.QuestionProbe.fit(list(train), seed=seed).own_label_proba(list(examples))
