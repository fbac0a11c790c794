"""``finetune evaluate``: score a trained model on a labeled file."""

from __future__ import annotations

import argparse

from augment.cli import add_progress, declare_paths
from augment.progress import quiet_transformers
from augment.report import format_table


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("evaluate", help="score a trained model on a labeled JSONL file",
                                   description="Accuracy, per-class precision/recall/F1 (yes = positive), "
                                               "macro F1 and the confusion matrix of a trained model.")
    parser.add_argument("model", help="a model folder written by finetune train (OUTPUT/model)")
    parser.add_argument("input", help="labeled JSONL in DaNetQA format")
    parser.add_argument("--batch-size", type=int, help="default: the model's evaluation batch size")
    add_progress(parser)
    declare_paths(parser, inputs=("input",))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from finetune.prediction import evaluate
    from finetune.report import SCORE_HEADERS, score_cells

    quiet_transformers(args.progress)

    metrics = evaluate(args.model, args.input, batch_size=args.batch_size, progress=args.progress)
    print(format_table(("examples", *SCORE_HEADERS, "confusion [[tn, fp], [fn, tp]]"),
                       [(metrics.total, *score_cells([metrics.as_dict()]), metrics.confusion)]))
    return 0
