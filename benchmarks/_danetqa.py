"""Where the benchmarks find DaNetQA: ``--danetqa`` or ``$DANETQA_DIR`` (a folder with train/val/test.jsonl)."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT = os.environ.get("DANETQA_DIR", str(Path(__file__).resolve().parents[2] / "shared" / "data" / "danetqa"))


def danetqa_questions(folder: str, splits=("train", "val", "test")) -> list[str]:
    """Every question of the given splits, in file order (repeats kept)."""
    from augment.danetqa import load_danetqa

    return [example.question for split in splits for example in load_danetqa(split, folder, verify=False)]


def unique_passages(folder: str, splits=("train", "val", "test")) -> list[str]:
    """The distinct passages of the given splits, sorted."""
    from augment.danetqa import load_danetqa

    return sorted({example.passage for split in splits for example in load_danetqa(split, folder, verify=False)})
