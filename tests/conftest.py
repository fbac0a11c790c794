"""Shared fixtures. Everything runs offline: the hub is never contacted, models are built on the fly."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"
os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"
os.environ["TRANSFORMERS_VERBOSITY"] = "error"
os.environ.setdefault("AUGMENT_CACHE", tempfile.mkdtemp(prefix="augment-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "data" / "sample.jsonl"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_examples():
    from augment import read_jsonl

    return list(read_jsonl(SAMPLE))


@pytest.fixture(scope="session")
def sample_texts(sample_examples) -> list[str]:
    return [text for e in sample_examples for text in (e.question, e.passage)]
