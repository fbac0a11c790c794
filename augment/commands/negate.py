"""``augment negate``: negated and reframed questions with trustworthy labels (rule-based, no model)."""

from __future__ import annotations

import argparse
from itertools import islice

from augment.cli import add_input, add_output, add_progress, add_seed
from augment.jsonl import read_jsonl, write_jsonl
from augment.progress import progress
from augment.text import answer_word


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "negate", help="negate and reframe yes/no questions by morphology rules",
        description="Turn each general question into its negation (label flipped) and a reframing in the "
                    "same frame (label kept), by pymorphy3-driven rules; questions no rule handles with "
                    "confidence are declined and counted by reason.",
    )
    add_input(parser)
    add_output(parser)
    parser.add_argument("--operations", default="negate,reframe",
                        help="comma-separated operations: negate, reframe (default: both)")
    parser.add_argument("--balance", action=argparse.BooleanOptionalAction, default=True,
                        help="keep outputs so that labels are 50/50 within each (rule, frame, polarity) cell, so "
                             "the form does not tell the label (default; reads the input twice: the first pass "
                             "counts labels); --no-balance keeps every output")
    parser.add_argument("--frame", default="Правда ли, что", help="words that open every output question")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N before/after pairs")
    add_seed(parser)
    add_progress(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from augment.rules.generator import RuleBasedGenerator

    if args.show < 0:
        raise ValueError(f"--show must be >= 0, got {args.show}")
    generator = RuleBasedGenerator(args.seed, operations=args.operations, frame=args.frame, balance=args.balance)
    reader = read_jsonl(args.input, errors=args.on_error)
    if args.balance:
        generator.fit(progress(reader, args.progress, desc="count labels"))
    shown: list[tuple[str, str, bool | None, bool | None]] = []
    originals: dict[object, tuple[str, bool | None]] = {}

    def remember(examples):
        for example in examples:
            if len(shown) < args.show:
                originals[example.idx] = (example.question, example.label)
            yield example

    def collect(outputs):
        for output in outputs:
            parent = originals.get(output.meta["parent_idx"])
            if parent is not None and len(shown) < args.show and output.meta["operation"] == "negate":
                shown.append((parent[0], output.question, parent[1], output.label))
            yield output

    inputs = remember(progress(reader, args.progress, desc="negate"))
    written = write_jsonl(collect(generator.generate(inputs)), args.output)
    if reader.skipped:
        print(reader.report())
    for before, after, old, new in islice(shown, args.show):
        print(f"{before}  [{answer_word(old)}]\n  → {after}  [{answer_word(new)}]")
    if shown:
        print()
    print(f"wrote {written} example(s) to {args.output}")
    print(generator.stats.tables())
    return 0
