"""Training data for Russian yes/no question answering (DaNetQA): records, I/O, generators, composition.

Importing this package is light (no torch, no transformers); model-based parts load on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

from augment.compose import Mix, Pipeline, Sequential
from augment.example import Example, LabelEffect
from augment.filters import Filter, LengthFilter
from augment.generator import Generator, available, create, register
from augment.jsonl import DataError, read_jsonl, write_jsonl

__version__ = "0.1.0"

# public name -> module that defines it, imported on first access
_LAZY = {
    "load_danetqa": "augment.danetqa",
    "to_dataset": "augment.hf",
    "from_dataset": "augment.hf",
    "build_tiny_model": "augment.tiny_models",
    "resolve_model": "augment.tiny_models",
    "RuleBasedGenerator": "augment.rules.generator",
    "PromptTunedGenerator": "augment.ptune.generator",
}

__all__ = [
    "DataError", "Example", "Filter", "Generator", "LabelEffect", "LengthFilter", "Mix", "Pipeline",
    "Sequential", "available", "create", "read_jsonl", "register", "write_jsonl", *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'augment' has no attribute {name!r}")
