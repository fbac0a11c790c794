"""``augment validate``: read a DaNetQA-format file, check every line, print what it contains."""

from __future__ import annotations

import argparse

from augment.cli import add_input, add_progress, declare_paths
from augment.jsonl import read_jsonl
from augment.progress import progress
from augment.summary import summarize


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("validate", help="check a JSONL file and summarize it",
                                   description="Check every line of a DaNetQA-format JSONL file and summarize it.")
    add_input(parser)
    add_progress(parser)
    declare_paths(parser, inputs=("input",))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    reader = read_jsonl(args.input, errors=args.on_error)
    summary = summarize(progress(reader, args.progress, desc="validate"))
    print(f"{args.input}: {summary.total} valid example(s)")
    if reader.skipped:
        print(reader.report())
    print(summary.table())
    return 0
