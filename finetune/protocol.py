"""The honest protocol for one run: best epoch on dev, val scored once with that checkpoint, test predicted.

``final.json`` (written last, atomically) holds everything the run measured; its presence marks the run done.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from augment.jsonl import atomic_open
from finetune.metrics import Metrics
from finetune.prediction import load_model, metrics_on, predict
from finetune.report import write_run_report
from finetune.submission import SUBMISSION_NAME, write_submission
from finetune.trainer import is_main_process
from finetune.training import Data, as_examples, train

if TYPE_CHECKING:
    from finetune.evaluation import Evaluator

FINAL_FILE = "final.json"


def read_final(run_dir: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The final record of a finished run, or None when the run has not finished."""
    path = Path(run_dir) / FINAL_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def run_protocol(
    model: str,
    train_data: Data,
    *,
    output_dir: str | os.PathLike[str],
    dev: Data | None = None,
    val: Data | None = None,
    test: Data | None = None,
    preset: str | None = None,
    progress: bool | None = None,
    extra: Mapping[str, Any] | None = None,
    evaluator: Evaluator | None = None,
    **overrides: Any,
) -> dict[str, Any] | None:
    """Train (see :func:`finetune.train`), then score ``val`` once and predict ``test`` with the chosen epoch.

    Test predictions go to ``DaNetQA.jsonl``; test metrics are added when the test examples have labels.
    ``extra`` is stored in ``final.json`` as is. Val is also scored on its hard subset, contrast set and cue
    slices (``final["evaluation"]``, see :mod:`finetune.evaluation`), by ``evaluator`` when given (val made ready
    once for several runs), else by one made here before training starts. Returns the final record (None on
    non-zero distributed ranks, which only help train).
    """
    output = Path(output_dir)
    if evaluator is None and val is not None and is_main_process():
        from finetune.evaluation import val_evaluator

        val = as_examples(val)
        evaluator = val_evaluator(val)
    result = train(model, train_data, dev, preset=preset, output_dir=output, progress=progress, **overrides)
    if not is_main_process():
        return None
    scorer = load_model(result.model_dir, progress=progress)
    evaluation = evaluator.score(scorer) if evaluator is not None else None
    final: dict[str, Any] = {
        **(extra or {}),
        "config": result.config.to_dict(),
        "best_epoch": result.best_epoch,
        "total_steps": result.total_steps,
        "train_size": result.train_size,
        "dev_size": result.dev_size,
        "removed": result.removed,
        "history": result.history,
        "dev": Metrics.from_dict(result.best).as_dict(),
        "val": (evaluation.metrics if evaluation else metrics_on(scorer, val)).as_dict() if val is not None else None,
        "evaluation": evaluation.as_dict() if evaluation else None,
        "test": None,
    }
    if test is not None:
        test_examples = as_examples(test)
        predictions = predict(scorer, test_examples)
        final["submission"] = str(write_submission(predictions, output / SUBMISSION_NAME))
        if all(e.label is not None for e in test_examples):
            final["test"] = Metrics.from_labels([e.label for e in test_examples],
                                                [p.label for p in predictions]).as_dict()
    write_run_report(result, final)
    with atomic_open(output / FINAL_FILE) as handle:
        json.dump(final, handle, ensure_ascii=False, indent=1)
    return final
