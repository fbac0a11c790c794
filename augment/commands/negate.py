"""``augment negate``: negated and reframed questions with trustworthy labels (rule-based, no model)."""

from __future__ import annotations

import argparse

from augment.cli import add_input, add_output, add_progress, add_seed
from augment.rules.lexicon import DEFAULT_FRAME
from augment.scale.cli import add_scale_options, run_command


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "negate", help="negate and reframe yes/no questions by morphology rules",
        description="Turn each general question into its negation (label flipped) and a reframing in the "
                    "same frame (label kept), by pymorphy3-driven rules; questions no rule handles with "
                    "confidence are declined and counted by reason.",
    )
    add_input(parser, optional=True)
    add_output(parser)
    parser.add_argument("--operations", default="negate,reframe",
                        help="comma-separated operations: negate, reframe (default: both)")
    parser.add_argument("--balance", action=argparse.BooleanOptionalAction, default=True,
                        help="keep outputs so that labels are 50/50 within each (rule, frame, polarity) cell, so "
                             "the form does not tell the label (default; reads the input twice: the first pass "
                             "counts labels); --no-balance keeps every output")
    parser.add_argument("--frame", default=DEFAULT_FRAME, help="words that open every output question")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N before/after pairs")
    add_seed(parser)
    add_progress(parser)
    add_scale_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from augment.scale.jobs import NegateJob

    if args.show < 0:
        raise ValueError(f"--show must be >= 0, got {args.show}")
    run_command(NegateJob(args.seed, args.operations, args.frame, args.balance, args.show), args)
    return 0
