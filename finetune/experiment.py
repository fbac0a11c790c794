"""``finetune experiment``: the study's grid (methods × models × training sets × seeds), resumable.

Layout of the output folder::

    data/dev.jsonl, data/<train set>.jsonl (+ .json manifest)   the dev split and the built training sets
    runs/<method>/<model>/<train set>/seed<N>/                  metrics.jsonl, report.md, DaNetQA.jsonl, final.json
    results.md, results.json, plots/*.png                       the table (mean ± std over seeds) and curves

A run whose ``final.json`` exists is not redone (it must have been made with the same settings and data).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from augment.danetqa import SPLITS, load_danetqa
from augment.example import Example
from augment.jsonl import atomic_open, dump_line, read_jsonl, write_jsonl
from augment.progress import progress as progress_bar
from augment.summary import label_name
from finetune.evaluation import Evaluator, evaluation_note, val_evaluator
from finetune.plots import plot_curves, plot_evaluation, slug
from finetune.presets import METHOD_SETTINGS, for_method, make_config
from finetune.protocol import read_final, run_protocol
from finetune.report import experiment_table, study_table
from finetune.results import MODEL_DIR
from finetune.split import Split, hold_out, remove_leaks
from finetune.train_sets import build_train_set
from finetune.training import method_module

SAMPLE_TEST_FRACTION = 0.2
SAMPLE_VAL_FRACTION = 0.25  # of what remains: 20 % of the whole


@dataclass
class Splits:
    """DaNetQA's train, val and test examples and where they came from."""

    train: list[Example]
    val: list[Example]
    test: list[Example]
    source: str


def load_splits(data: str | os.PathLike[str] | None, seed: int = 0) -> Splits:
    """The three splits: from a DaNetQA folder or zip, the official download (None), or the hub ("hub").

    A single labeled ``.jsonl`` file is the offline sample mode: 20 % of it is held out as test and 20 % as
    val (stratified, seeded, whole passages at a time), the rest is train.
    """
    if data is not None and str(data).endswith(".jsonl"):
        everything = list(read_jsonl(data))
        rest = hold_out(everything, SAMPLE_TEST_FRACTION, seed, salt="test")
        train = hold_out(rest.train, SAMPLE_VAL_FRACTION, seed, salt="val")
        return Splits(train.train, train.held_out, rest.held_out, f"{data} (split 60/20/20 by passage)")
    train, val, test = (list(load_danetqa(split, data)) for split in SPLITS)
    return Splits(train, val, test, "DaNetQA v1.1 (official download)" if data is None else f"DaNetQA from {data}")


def fingerprint(*parts: Sequence[Example]) -> str:
    """A digest of example lists (text, labels, idx, meta): equal digests mean equal data."""
    digest = hashlib.blake2b(digest_size=12)
    for part in parts:
        digest.update(b"\x1e")
        for example in part:
            digest.update(dump_line(example).encode("utf-8"))
    return digest.hexdigest()


def _built_set(name: str, originals: Sequence[Example], folder: Path, seed: int,
               options: Mapping[str, Any]) -> list[Example]:
    """The training set ``name`` built from ``originals`` by its recipe, reused from ``folder`` when it was
    built from the same originals with the same options."""
    path, manifest_path = folder / f"{slug(name)}.jsonl", folder / f"{slug(name)}.json"
    manifest = {"train_set": name, "originals": fingerprint(originals), "seed": seed, "options": dict(options)}
    if path.is_file() and manifest_path.is_file() and json.loads(manifest_path.read_text("utf-8")) == manifest:
        return list(read_jsonl(path))
    examples = build_train_set(name, originals, seed=seed, **options)
    write_jsonl(examples, path)
    with atomic_open(manifest_path) as handle:
        json.dump(manifest, handle, ensure_ascii=False, default=str)
    return examples


@dataclass
class TrainSet:
    name: str
    examples: list[Example]
    removed: Counter[str] = field(default_factory=Counter)

    def describe(self) -> str:
        labels = Counter(label_name(e.label) for e in self.examples)
        removed = f"; removed {sum(self.removed.values())} that would leak the dev split" if self.removed else ""
        return f"{self.name}: {len(self.examples)} examples ({labels['yes']} yes / {labels['no']} no){removed}"


def prepare_train_sets(names: Sequence[str], split: Split, folder: Path, *, seed: int,
                       given: Mapping[str, str | os.PathLike[str]] | None = None,
                       recipe_options: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, TrainSet]:
    """Each training set: a given file, or built by its recipe from the training originals; either way
    without what would leak ``split.held_out`` (the dev split)."""
    given, recipe_options = given or {}, recipe_options or {}
    sets = {}
    for name in names:
        if name in given:
            examples = list(read_jsonl(given[name]))
        else:
            examples = _built_set(name, split.train, folder, seed, recipe_options.get(name, {}))
        kept, removed = remove_leaks(examples, split.held_out, lineage=True)
        sets[name] = TrainSet(name, kept, removed)
    return sets


@dataclass
class ExperimentResult:
    """What an experiment produced: one final record per run, the table, and where everything is."""

    output_dir: Path
    runs: list[dict[str, Any]]
    reused: int
    table: str
    plots: list[Path]

    @property
    def report(self) -> Path:
        return self.output_dir / "results.md"


def _check_resumable(final: Mapping[str, Any], expected: Mapping[str, Any], run_dir: Path) -> None:
    differing = sorted(k for k, v in expected.items() if final.get(k) != v)
    if differing:
        raise ValueError(f"{run_dir} finished with other {', '.join(differing)} than asked now; "
                         "use another output folder, or delete that run to redo it")


def run_experiment(
    models: Sequence[str],
    train_sets: Sequence[str],
    seeds: Sequence[int],
    *,
    output_dir: str | os.PathLike[str],
    data: str | os.PathLike[str] | None = None,
    given: Mapping[str, str | os.PathLike[str]] | None = None,
    methods: Sequence[str] = ("finetune",),
    recipe_options: Mapping[str, Mapping[str, Any]] | None = None,
    keep_models: bool = False,
    progress: bool | None = None,
    **overrides: Any,
) -> ExperimentResult:
    """Run every (method, model, training set, seed) not finished yet, then write the table and the plots.

    ``data``: see :func:`load_splits`. ``given`` maps training-set names to files (an augmented set made
    elsewhere); other names are built by :mod:`finetune.train_sets`. ``overrides`` apply to every run (e.g.
    ``epochs=2``), a method's own settings (e.g. ``template``) to that method's runs only; ``dev_fraction`` and
    ``split_seed`` decide the one dev split all runs share. Models are deleted after each run unless
    ``keep_models``; test predictions stay in each run's ``DaNetQA.jsonl``.
    """
    output = Path(output_dir)
    for method in methods:
        method_module(method)  # fails on an unknown method before anything runs
    unused = sorted(name for name in overrides if METHOD_SETTINGS.get(name, methods[0]) not in methods)
    if unused:
        raise ValueError(f"{', '.join(unused)}: setting(s) of a method not in the grid ({', '.join(methods)})")
    # validates the settings before anything runs
    base, *_ = [make_config("rubert", **for_method(overrides, method), method=method) for method in methods]
    splits = load_splits(data, base.split_seed)
    dev_split = hold_out(splits.train, base.dev_fraction, base.split_seed)
    write_jsonl(dev_split.held_out, output / "data" / "dev.jsonl")
    sets = prepare_train_sets(list(dict.fromkeys([*train_sets, *(given or {})])), dev_split, output / "data",
                              seed=base.split_seed, given=given, recipe_options=recipe_options)
    evaluator = val_evaluator(splits.val)  # the hard subset and contrast set, made once for every run
    grid = [(method, model, name, seed) for method in methods for model in models for name in sets for seed in seeds]
    digests = {name: fingerprint(s.examples, dev_split.held_out, splits.val, splits.test) for name, s in sets.items()}
    runs, reused = [], 0
    for method, model, name, seed in progress_bar(grid, progress, "runs"):
        run_dir = output / "runs" / slug(method) / slug(model) / slug(name) / f"seed{seed}"
        identity = {"method": method, "model": model, "train_set": name, "seed": seed, "data": digests[name],
                    "leaks_removed": dict(sets[name].removed)}
        settings = {**for_method(overrides, method), "method": method, "seed": seed}
        config = make_config(model, **settings).to_dict()
        final = read_final(run_dir)
        if final is not None:
            _check_resumable(final, {**identity, "config": config}, run_dir)
            reused += 1
        else:
            final = run_protocol(model, sets[name].examples, output_dir=run_dir, dev=dev_split.held_out,
                                 val=splits.val, test=splits.test, progress=progress, extra=identity,
                                 evaluator=evaluator, **settings)
        if not keep_models:
            shutil.rmtree(run_dir / MODEL_DIR, ignore_errors=True)
        runs.append(final)
    cells = [{"method": m, "model": mo, "train_set": n,
              "runs": [r for r in runs if (r["method"], r["model"], r["train_set"]) == (m, mo, n)]}
             for m in methods for mo in models for n in sets]
    table = experiment_table(cells, show_method=len(methods) > 1)
    plots = plot_curves(runs, output / "plots") + plot_evaluation(runs, output / "plots")
    result = ExperimentResult(output, runs, reused, table, plots)
    _write_results(result, cells, splits, dev_split, sets, seeds, evaluator)
    return result


def _write_results(result: ExperimentResult, cells: list[dict[str, Any]], splits: Splits, dev_split: Split,
                   sets: Mapping[str, TrainSet], seeds: Sequence[int], evaluator: Evaluator | None) -> None:
    test_note = "labeled" if all(e.label is not None for e in splits.test) else "unlabeled: submit DaNetQA.jsonl"
    lines = [
        "# The study's experiment",
        "",
        f"- data: {splits.source}; val {len(splits.val)}, test {len(splits.test)} ({test_note})",
        f"- dev split (chooses the best epoch): {len(dev_split.held_out)} examples held out from train",
        *(f"- {s.describe()}" for s in sets.values()),
        f"- runs: {len(result.runs)} ({result.reused} reused from an earlier invocation)",
        "",
        f"## Results (mean ± std over seeds {', '.join(map(str, seeds))}; P/R/F1 on val)",
        "",
        result.table,
        *(["", *evaluation_note(evaluator)] if evaluator is not None else []),
    ]
    study = study_table(cells)
    if study:
        lines += ["", "## The study's reported figures (best epoch chosen on val; test by leaderboard)", "", study]
    lines += ["", "## Plots", "", *(f"![{p.stem}](plots/{p.name})" for p in result.plots)]
    with atomic_open(result.report) as handle:
        handle.write("\n".join(lines) + "\n")
    summary = [{k: v for k, v in run.items() if k != "history"} for run in result.runs]
    with atomic_open(result.output_dir / "results.json") as handle:
        json.dump(summary, handle, ensure_ascii=False, indent=1)
