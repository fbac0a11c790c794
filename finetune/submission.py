"""Russian SuperGLUE submission files: ``DaNetQA.jsonl`` with one ``{"idx": ..., "label": "true"|"false"}`` per line."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from augment.jsonl import write_records
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
    write_records(_submission_records(predictions), target)
    return target


def _submission_records(predictions: Iterable[Prediction]) -> Iterator[dict[str, Any]]:
    seen = set()
    for prediction in predictions:
        if prediction.idx is None or prediction.idx in seen:
            problem = "missing" if prediction.idx is None else f"repeated ({prediction.idx!r})"
            raise ValueError(f"cannot write a submission: an idx is {problem}; each test record needs its own")
        seen.add(prediction.idx)
        yield {"idx": prediction.idx, "label": "true" if prediction.label else "false"}
