"""The JSON config saved beside a peft adapter: everything needed to use the prompt the same way again."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from augment.jsonl import atomic_open
from augment.ptune.template import ANSWER_WORDS, TEMPLATE_VERSION

CONFIG_NAME = "prompt_tuned.json"
FORMAT = 1


def write_config(directory: str | os.PathLike[str], config: dict[str, Any]) -> Path:
    """Write ``config`` (plus format, template version and answer words) to ``directory/prompt_tuned.json``."""
    path = Path(directory) / CONFIG_NAME
    record = {"format": FORMAT, "template_version": TEMPLATE_VERSION, "answer_words": ANSWER_WORDS, **config}
    with atomic_open(path) as handle:
        json.dump(record, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    return path


def read_config(directory: str | os.PathLike[str]) -> dict[str, Any]:
    """The config of a saved prompt; refuses folders that are not one and templates this code cannot build."""
    path = Path(directory) / CONFIG_NAME
    if not path.is_file():
        raise FileNotFoundError(f"{directory} is not a saved prompt: {CONFIG_NAME} is missing")
    config = json.loads(path.read_text(encoding="utf-8"))
    if config.get("format") != FORMAT:
        raise ValueError(f"{path}: unsupported format {config.get('format')!r} (expected {FORMAT})")
    if config.get("template_version") != TEMPLATE_VERSION or config.get("answer_words") != ANSWER_WORDS:
        raise ValueError(
            f"{path}: the prompt was trained with template {config.get('template_version')!r} and answer words "
            f"{config.get('answer_words')!r}; this version builds template {TEMPLATE_VERSION!r} with {ANSWER_WORDS!r}"
        )
    return config
