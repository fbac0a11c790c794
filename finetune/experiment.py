"""``finetune experiment``: the study's grid (methods × models × training sets × seeds), resumable.

Layout of the output folder::

    data/dev.jsonl, data/<train set>.jsonl (+ .json manifest)   the dev split and the built training sets
    runs/<method>/<model>/<train set>/seed<N>/                  metrics.jsonl, report.md, DaNetQA.jsonl, final.json
    results.md, results.json, plots/*.png                       the table (mean ± std over seeds) and curves

A run whose ``final.json`` exists is not redone. Every finished run must have been made with the settings and the
data asked now: all of them are checked before anything is written or trained, so a refused invocation changes
nothing.
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
               options: Mapping[str, Any]) -> tuple[list[Example], dict[str, Any] | None]:
    """The training set ``name`` built from ``originals`` by its recipe, reused from ``folder`` when it was
    built from the same originals with the same options; with the manifest to save when it was built now."""
    path, manifest_path = folder / f"{slug(name)}.jsonl", folder / f"{slug(name)}.json"
    manifest = {"train_set": name, "originals": fingerprint(originals), "seed": seed, "options": dict(options)}
    if path.is_file() and manifest_path.is_file() and json.loads(manifest_path.read_text("utf-8")) == manifest:
        return list(read_jsonl(path)), None
    return build_train_set(name, originals, seed=seed, **options), manifest


@dataclass
class TrainSet:
    """A training set without what would leak the dev split (``removed`` counts why); ``built`` and
    ``manifest`` are set when it was built by its recipe now and is not saved yet (see :meth:`save`)."""

    name: str
    examples: list[Example]
    removed: Counter[str] = field(default_factory=Counter)
    built: list[Example] | None = None
    manifest: dict[str, Any] | None = None

    def save(self, folder: Path) -> None:
        """Write a newly built set and its manifest to ``folder`` (for the next invocation to reuse)."""
        if self.built is None:
            return
        write_jsonl(self.built, folder / f"{slug(self.name)}.jsonl")
        with atomic_open(folder / f"{slug(self.name)}.json") as handle:
            json.dump(self.manifest, handle, ensure_ascii=False, default=str)
        self.built = self.manifest = None

    def describe(self) -> str:
        labels = Counter(label_name(e.label) for e in self.examples)
        removed = ("; removed so the dev split stays unseen: " + ", ".join(
            f"{count} {reason}" for reason, count in sorted(self.removed.items()))) if self.removed else ""
        return f"{self.name}: {len(self.examples)} examples ({labels['yes']} yes / {labels['no']} no){removed}"


def prepare_train_sets(names: Sequence[str], split: Split, folder: Path, *, seed: int,
                       given: Mapping[str, str | os.PathLike[str]] | None = None,
                       recipe_options: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, TrainSet]:
    """Each training set: a given file, or built by its recipe from the training originals; either way
    without what would leak ``split.held_out`` (the dev split). Nothing is written: sets built now are saved
    by :meth:`TrainSet.save`."""
    given, recipe_options = given or {}, recipe_options or {}
    sets = {}
    for name in names:
        manifest = None
        if name in given:
            examples = list(read_jsonl(given[name]))
        else:
            examples, manifest = _built_set(name, split.train, folder, seed, recipe_options.get(name, {}))
        kept, removed = remove_leaks(examples, split.held_out, lineage=True)
        sets[name] = TrainSet(name, kept, removed, examples if manifest else None, manifest)
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


def _check_resumable(finished: Mapping[Path, Mapping[str, Any]], expected: Mapping[Path, Mapping[str, Any]]) -> None:
    """Refuse when any finished run differs from what is asked now in any of the ``expected`` keys."""
    differing = {run_dir: sorted(k for k, v in expected[run_dir].items() if final.get(k) != v)
                 for run_dir, final in finished.items()}
    differing = {run_dir: keys for run_dir, keys in differing.items() if keys}
    if differing:
        run_dir, keys = next(iter(differing.items()))
        others = f" (and {len(differing) - 1} more finished run(s))" if len(differing) > 1 else ""
        raise ValueError(f"{run_dir} finished with other {', '.join(keys)} than asked now{others}; nothing was "
                         "changed: use another output folder, or delete those runs to redo them")


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
    names = list(dict.fromkeys([*train_sets, *(given or {})]))
    grid = {output / "runs" / slug(method) / slug(model) / slug(name) / f"seed{seed}": (method, model, name, seed)
            for method in methods for model in models for name in names for seed in seeds}
    settings = {run_dir: {**for_method(overrides, method), "method": method, "seed": seed}
                for run_dir, (method, _, _, seed) in grid.items()}
    identities = {run_dir: {"method": method, "model": model, "train_set": name, "seed": seed,
                            "config": make_config(model, **settings[run_dir]).to_dict()}
                  for run_dir, (method, model, name, seed) in grid.items()}
    finished = {run_dir: final for run_dir in grid if (final := read_final(run_dir)) is not None}
    _check_resumable(finished, identities)  # the settings, before any data is read
    splits = load_splits(data, base.split_seed)
    dev_split = hold_out(splits.train, base.dev_fraction, base.split_seed)
    sets = prepare_train_sets(names, dev_split, output / "data", seed=base.split_seed, given=given,
                              recipe_options=recipe_options)
    digests = {name: fingerprint(s.examples, dev_split.held_out, splits.val, splits.test) for name, s in sets.items()}
    for run_dir, (_, _, name, _) in grid.items():
        identities[run_dir].update(data=digests[name], leaks_removed=dict(sets[name].removed))
    _check_resumable(finished, identities)  # the data, before anything is written
    evaluator = val_evaluator(splits.val)  # the hard subset and contrast set, made once for every run
    write_jsonl(dev_split.held_out, output / "data" / "dev.jsonl")
    for train_set in sets.values():
        train_set.save(output / "data")
    runs, reused = [], 0
    for run_dir in progress_bar(list(grid), progress, "runs"):
        _, model, name, _ = grid[run_dir]
        identity = {k: v for k, v in identities[run_dir].items() if k != "config"}
        final = finished.get(run_dir)
        if final is not None:
            reused += 1
        else:
            final = run_protocol(model, sets[name].examples, output_dir=run_dir, dev=dev_split.held_out,
                                 val=splits.val, test=splits.test, progress=progress, extra=identity,
                                 evaluator=evaluator, **settings[run_dir])
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
