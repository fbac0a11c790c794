"""``finetune.train``: one training run with the best epoch chosen on a dev split, for any training method.

A method is a module with ``fit(config, model_path, train, dev, output_dir, progress) -> Fit`` (called with the
global random state seeded from ``config.seed`` and restored afterwards) and
``load(model_dir) -> scorer`` (a :class:`finetune.scoring.Scorer`; see :mod:`finetune.classifier` and
:mod:`finetune.ptuning`); :data:`METHODS` maps names to modules. The Trainer plumbing the methods share is in
:mod:`finetune.trainer`, the result types in :mod:`finetune.results`.
"""

from __future__ import annotations

import importlib
import os
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from augment.example import Example
from augment.example import as_examples as each_example
from augment.jsonl import read_jsonl
from augment.optional import require
from augment.progress import transformers_bars
from augment.summary import label_name
from finetune.presets import make_config
from finetune.report import write_run_report
from finetune.results import TrainResult
from finetune.split import hold_out, is_synthetic, remove_leaks
from finetune.trainer import is_main_process, isolated_random_state

# method name -> module with fit() and load()
METHODS: dict[str, str] = {"finetune": "finetune.classifier", "ptuning": "finetune.ptuning"}
Data = Iterable[Example | Mapping[str, Any]] | str | os.PathLike[str]


def method_module(name: str) -> ModuleType:
    """The module implementing training method ``name``."""
    if name not in METHODS:
        raise ValueError(f"unknown training method {name!r}: expected one of {', '.join(METHODS)}")
    return importlib.import_module(METHODS[name])


def as_examples(data: Data) -> list[Example]:
    """Examples from a JSONL path, or from an iterable of Examples or mappings with their fields (rows of a
    ``datasets.Dataset``), validated by :func:`augment.example.as_examples`."""
    if isinstance(data, str | os.PathLike):
        return list(read_jsonl(data))
    return list(each_example(data))


def warn_one_label(examples: Iterable[Example], name: str) -> None:
    """Warn when every example of a labeled set has the same label (a model then learns one answer, and
    accuracy on such a set says nothing)."""
    labels = Counter(e.label for e in examples)
    if len(labels) == 1 and None not in labels:
        (label, count), = labels.items()
        warnings.warn(f"all {count} {name} example(s) are labeled {label_name(label)}: the model learns one answer "
                      "and accuracy on such data says nothing", stacklevel=2)


def train(
    model: str,
    train: Data,
    eval: Data | None = None,
    *,
    preset: str | None = None,
    output_dir: str | os.PathLike[str],
    progress: bool | None = None,
    **overrides: Any,
) -> TrainResult:
    """Fine-tune ``model`` on ``train``, keeping the epoch that scores best on the dev set.

    ``model``: a preset name (``rubert``, ``ruroberta``), a hub id, a local path, or ``tiny-bert`` /
    ``tiny-roberta`` (built offline from the original examples' texts). ``eval`` is the dev set; without it,
    ``dev_fraction`` of the original training examples is held out (stratified, seeded by ``split_seed``,
    whole passages at a time) and synthetic examples that would leak it are dropped. ``overrides`` replace
    preset settings (see :class:`~finetune.presets.TrainConfig`, e.g. ``epochs=3, method="finetune"``).
    Writes ``metrics.jsonl`` (one row per epoch), ``report.md`` and the best checkpoint in ``model/``.
    """
    from augment.tiny_models import resolve_model

    config = make_config(model, preset, **overrides)
    method = method_module(config.method)
    examples = as_examples(train)
    if eval is None:
        split = hold_out(examples, config.dev_fraction, config.split_seed)
        train_examples, dev, removed = split.train, split.held_out, split.removed
    else:
        dev = as_examples(eval)
        train_examples, removed = remove_leaks(examples, dev, lineage=False)
    if not train_examples or not dev:
        raise ValueError(f"need training and dev examples, got {len(train_examples)} and {len(dev)}")
    for name, part in (("training", train_examples), ("dev", dev)):
        warn_one_label(part, name)
    originals = (e for e in (*train_examples, *dev) if not is_synthetic(e))
    output = Path(output_dir)
    with transformers_bars(progress), isolated_random_state():
        model_path = resolve_model(config.model, (t for e in originals for t in (e.question, e.passage)))
        require("transformers", "finetune").set_seed(config.seed)  # new weights (head, prompt) come from the seed
        fit = method.fit(config, model_path, train_examples, dev, output, progress=progress)
    result = TrainResult(output, config, fit.history, fit.best_epoch, fit.total_steps, len(train_examples),
                         len(dev), dict(removed))
    if is_main_process():
        write_run_report(result)
    return result
