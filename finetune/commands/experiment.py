"""``finetune experiment``: the study's table over models × training sets × seeds, resumable."""

from __future__ import annotations

import argparse
import json
from typing import Any

from augment.cli import add_progress, declare_paths
from augment.progress import quiet_transformers
from finetune.commands.options import (
    add_settings,
    comma_ints,
    comma_list,
    settings,
    warnings_as_lines,
)


def _named_path(text: str) -> tuple[str, str]:
    name, sep, path = text.partition("=")
    if not sep or not name or not path:
        raise argparse.ArgumentTypeError(f"expected NAME=PATH, got {text!r}")
    return name, path


def _recipe_option(text: str) -> tuple[str, str, Any]:
    name, sep, assignment = text.partition(":")
    key, eq, value = assignment.partition("=")
    if not sep or not eq or not name or not key:
        raise argparse.ArgumentTypeError(f"expected TRAINSET:KEY=VALUE, got {text!r}")
    try:
        return name, key, json.loads(value)
    except json.JSONDecodeError:
        return name, key, value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "experiment", help="run the study's grid and write its table with mean ± std over seeds",
        description="Train every model on every training set with every seed (best epoch on one shared dev "
                    "split), score val once per run, write test predictions, then OUTPUT/results.md (the "
                    "study's table, mean ± std over seeds, the study's figures alongside) and plots. Finished "
                    "runs are reused when run again.",
    )
    parser.add_argument("--models", type=comma_list, default=["rubert", "ruroberta"],
                        help="comma-separated: presets, hub ids, paths, tiny-bert, tiny-roberta (default: "
                             "rubert,ruroberta)")
    parser.add_argument("--train-sets", type=comma_list, default=["danetqa", "danetqa+rb", "danetqa+pt"],
                        help="comma-separated training sets: danetqa, danetqa+rb, danetqa+pt, "
                             "danetqa+<registered generator>, or names given with --train-set")
    parser.add_argument("--train-set", type=_named_path, action="append", default=[], metavar="NAME=PATH",
                        help="use a prepared JSONL file as training set NAME, added to --train-sets (repeatable)")
    parser.add_argument("--seeds", type=comma_ints, default=[1, 2, 3], help="comma-separated (default 1,2,3)")
    parser.add_argument("--methods", type=comma_list, default=["finetune"],
                        help="comma-separated training methods: finetune, ptuning (default finetune)")
    parser.add_argument("--data", help="DaNetQA folder or release zip (default: the official download), 'hub', or "
                                       "one labeled .jsonl file split 60/20/20 into train/val/test (offline "
                                       "sample mode, e.g. examples/data/sample.jsonl)")
    parser.add_argument("--recipe-option", type=_recipe_option, action="append", default=[],
                        metavar="TRAINSET:KEY=VALUE", help="an option for a training set's generator, e.g. "
                        "danetqa+pt:model=tiny-gpt2 (VALUE read as JSON when it parses)")
    parser.add_argument("-o", "--output", default="runs/experiment", help="output folder (default runs/experiment)")
    parser.add_argument("--keep-models", action="store_true", help="keep each run's trained model (large)")
    add_settings(parser, preset=False, exclude=("method", "seed"))  # grid axes: --methods, --seeds
    add_progress(parser)
    declare_paths(parser, output="output", folder=True)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from finetune.experiment import run_experiment

    quiet_transformers(args.progress)

    options: dict[str, dict[str, Any]] = {}
    for name, key, value in args.recipe_option:
        options.setdefault(name, {})[key] = value
    with warnings_as_lines():
        result = run_experiment(args.models, args.train_sets, args.seeds, output_dir=args.output, data=args.data,
                                given=dict(args.train_set), methods=args.methods, recipe_options=options,
                                keep_models=args.keep_models, progress=args.progress, **settings(args))
    print(result.table)
    print(f"\n{len(result.runs)} run(s), {result.reused} reused; report: {result.report}")
    constant = [run for run in result.runs if run.get("val") and _one_class(run["val"]["confusion"])]
    if constant:
        print(f"note: {len(constant)} of {len(result.runs)} run(s) gave every val example the same answer "
              "(a majority-class model: too little data, too few epochs or a learning rate off; its consistency "
              "is 0, as a negation flips the label but not its answer)")
    return 0


def _one_class(confusion: list[list[int]]) -> bool:
    """Whether a confusion matrix [[tn, fp], [fn, tp]] has predictions of one class only."""
    (tn, fp), (fn, tp) = confusion
    return tn + fn == 0 or fp + tp == 0
