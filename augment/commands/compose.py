"""``augment compose``: run registered generators over a file, in sequence or mixed, with filters."""

from __future__ import annotations

import argparse

from augment.cli import add_input, add_output, add_progress, add_seed
from augment.generator import available
from augment.scale.cli import add_scale_options, run_command
from augment.scale.jobs import ComposeJob


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "compose", help="run generators over a file with filters",
        description="Run registered generators (in sequence, or mixed with --mix) over a JSONL file, then "
                    "filter and deduplicate (within each chunk of --chunk-size records). "
                    f"Generators: {', '.join(available()) or 'none registered'}.",
    )
    add_input(parser, optional=True)
    add_output(parser)
    parser.add_argument("-g", "--generator", action="append", required=True, metavar="NAME",
                        help="a registered generator; repeat for a sequence")
    parser.add_argument("--mix", metavar="W1,W2,...",
                        help="mix the generators with these weights instead of chaining them")
    parser.add_argument("--drop-originals", action="store_true", help="write only generated examples")
    parser.add_argument("--dedupe", choices=("normalized", "exact", "none"), default="normalized",
                        help="drop outputs repeating an original or an earlier output (default: normalized)")
    parser.add_argument("--balance", action=argparse.BooleanOptionalAction, default=True,
                        help="generators that balance labels (rule_based) keep outputs so that the question form "
                             "does not tell the label (default; reads the input once more per such generator); "
                             "--no-balance keeps every output")
    parser.add_argument("--min-chars", type=int, default=8, help="shortest question kept (default 8)")
    parser.add_argument("--max-chars", type=int, default=200, help="longest question kept (default 200)")
    add_seed(parser)
    add_progress(parser)
    add_scale_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    weights = tuple(float(w) for w in args.mix.split(",")) if args.mix else None
    run_command(ComposeJob(tuple(args.generator), weights, args.drop_originals, args.dedupe, args.min_chars,
                           args.max_chars, args.seed, args.balance), args)
    return 0
