"""``finetune train``: train one model with the best epoch chosen on dev, then score val and predict test."""

from __future__ import annotations

import argparse
from pathlib import Path

from augment.cli import add_progress, declare_paths
from augment.progress import quiet_transformers
from finetune.commands.options import add_settings, settings, warnings_as_lines
from finetune.report import REPORT_FILE


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "train", help="fine-tune a model (best epoch on a dev split; val once; test predictions)",
        description="Fine-tune MODEL on TRAIN. The best epoch is chosen on --dev (default: a stratified, "
                    "seeded split of TRAIN's original examples; synthetic examples that would leak it are "
                    "dropped), val is scored once with that checkpoint, and test predictions go to "
                    "OUTPUT/DaNetQA.jsonl. Works under torchrun / accelerate launch.",
    )
    parser.add_argument("model", help="rubert, ruroberta (presets), a hub id, a local path, tiny-bert or tiny-roberta")
    parser.add_argument("--train", required=True, help="training JSONL (original and/or augmented examples)")
    parser.add_argument("--dev", help="dev JSONL that picks the best epoch (default: held out from --train)")
    parser.add_argument("--val", help="labeled JSONL scored once at the end")
    parser.add_argument("--test", help="JSONL to predict (labels optional) -> OUTPUT/DaNetQA.jsonl")
    parser.add_argument("-o", "--output", required=True, help="run folder: model/, metrics.jsonl, report.md, ...")
    add_settings(parser)
    add_progress(parser)
    declare_paths(parser, inputs=("train", "dev", "val", "test"), output="output", folder=True)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from finetune.protocol import run_protocol

    quiet_transformers(args.progress)

    with warnings_as_lines():
        final = run_protocol(args.model, args.train, output_dir=args.output, dev=args.dev, val=args.val,
                             test=args.test, preset=args.preset, progress=args.progress, **settings(args))
    if final is not None:  # the main process of a distributed launch
        print((Path(args.output) / REPORT_FILE).read_text(encoding="utf-8"), end="")
    return 0
