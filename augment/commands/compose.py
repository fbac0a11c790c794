"""``augment compose``: run registered generators over a file, in sequence or mixed, with filters."""

from __future__ import annotations

import argparse
import inspect

from augment.cli import add_input, add_output, add_progress, add_seed
from augment.compose import Mix, Pipeline, Sequential
from augment.filters import LengthFilter
from augment.generator import Generator, available, create, generator_class
from augment.jsonl import read_jsonl, write_jsonl
from augment.progress import progress
from augment.report import format_table


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "compose", help="run generators over a file with filters",
        description="Run registered generators (in sequence, or mixed with --mix) over a JSONL file, "
                    f"then filter and deduplicate. Generators: {', '.join(available()) or 'none registered'}.",
    )
    add_input(parser)
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
    parser.set_defaults(run=run)


def _create(name: str, seed: int, balance: bool) -> Generator:
    """The generator ``name``, told to balance labels when its constructor has that option."""
    if "balance" in inspect.signature(generator_class(name)).parameters:
        return create(name, seed=seed, balance=balance)
    return create(name, seed=seed)


def run(args: argparse.Namespace) -> int:
    generators = [_create(name, args.seed, args.balance) for name in args.generator]
    for position, generator in enumerate(generators):
        if getattr(generator, "balance", False):  # label counts of what this generator will see
            inputs = read_jsonl(args.input, errors=args.on_error)
            generator.fit(Sequential(*generators[:position]).generate(inputs) if position else inputs)
    if args.mix:
        weights = [float(w) for w in args.mix.split(",")]
        if len(weights) != len(generators):
            raise ValueError(f"--mix has {len(weights)} weight(s) for {len(generators)} generator(s)")
        generators = [Mix(list(zip(generators, weights)), seed=args.seed)]
    pipeline = Pipeline(
        generators, keep_originals=not args.drop_originals,
        filters=[LengthFilter(args.min_chars, args.max_chars)],
        dedupe=None if args.dedupe == "none" else args.dedupe,
    )
    reader = read_jsonl(args.input, errors=args.on_error)
    written = write_jsonl(progress(pipeline.run(reader), args.progress, desc="compose"), args.output)
    if reader.skipped:
        print(reader.report())
    print(f"wrote {written} example(s) to {args.output}")
    print(format_table(("step", "count"), sorted(pipeline.stats.items())))
    return 0
