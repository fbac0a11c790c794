"""``finetune predict``: predictions of a trained model as a Russian SuperGLUE submission file."""

from __future__ import annotations

import argparse

from augment.cli import add_progress, declare_paths
from augment.progress import quiet_transformers


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("predict", help="write a DaNetQA.jsonl submission for a JSONL file",
                                   description="Predict yes/no for each record (question and passage, encoded as "
                                               "in training) and write {\"idx\", \"label\"} lines with each "
                                               "record's own idx.")
    parser.add_argument("model", help="a model folder written by finetune train (OUTPUT/model)")
    parser.add_argument("input", help="JSONL in DaNetQA format (labels not needed)")
    parser.add_argument("-o", "--output", required=True, help="submission file, or a folder for DaNetQA.jsonl")
    parser.add_argument("--batch-size", type=int, help="default: the model's evaluation batch size")
    add_progress(parser)
    declare_paths(parser, inputs=("input",), output="output", resolve=_submission_path)
    parser.set_defaults(run=run)


def _submission_path(path: str):
    from finetune.submission import submission_path

    return submission_path(path)


def run(args: argparse.Namespace) -> int:
    from finetune.prediction import predict
    from finetune.submission import write_submission

    quiet_transformers(args.progress)

    predictions = predict(args.model, args.input, batch_size=args.batch_size, progress=args.progress)
    path = write_submission(predictions, args.output)
    yes = sum(p.label for p in predictions)
    print(f"wrote {len(predictions)} prediction(s) ({yes} yes / {len(predictions) - yes} no) to {path}")
    return 0
