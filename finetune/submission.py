"""Russian SuperGLUE submission files: ``DaNetQA.jsonl`` with one ``{"idx": ..., "label": "true"|"false"}`` per line."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from augment.jsonl import atomic_open
from finetune.prediction import Prediction

SUBMISSION_NAME = "DaNetQA.jsonl"


def submission_path(path: str | os.PathLike[str]) -> Path:
    """The file a submission goes to: ``path`` itself if it names a .jsonl file, else ``path/DaNetQA.jsonl``."""
    target = Path(path)
    return target / SUBMISSION_NAME if target.is_dir() or target.suffix != ".jsonl" else target


def write_submission(predictions: Iterable[Prediction], path: str | os.PathLike[str]) -> Path:
    """Write predictions as a DaNetQA submission (atomically); ``path`` is a file or a folder to put
    ``DaNetQA.jsonl`` in (:func:`submission_path`). Each line carries the record's own idx, so every idx must
    be set and unique."""
    target = submission_path(path)
    seen = set()
    with atomic_open(target) as handle:
        for prediction in predictions:
            if prediction.idx is None or prediction.idx in seen:
                problem = "missing" if prediction.idx is None else f"repeated ({prediction.idx!r})"
                raise ValueError(f"cannot write a submission: an idx is {problem}; each test record needs its own")
            seen.add(prediction.idx)
            label = "true" if prediction.label else "false"
            handle.write(json.dumps({"idx": prediction.idx, "label": label}, ensure_ascii=False) + "\n")
    return target
