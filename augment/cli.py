"""The ``augment`` command: one subcommand per capability and the options they share."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from augment.jsonl import DataError

# Each module has register(subparsers) that adds its subcommand and sets ``run`` as the default.
COMMANDS = [
    "augment.commands.validate",
    "augment.commands.compose",
    "augment.commands.tiny",
    "augment.commands.negate",
    "augment.commands.ptune",
    "augment.commands.from_text",
    "augment.commands.audit",
]


def add_input(parser: argparse.ArgumentParser, help: str = "input JSONL in DaNetQA format") -> None:
    parser.add_argument("input", help=help)
    parser.add_argument("--on-error", choices=("raise", "skip"), default="raise",
                        help="invalid input lines: stop with an error (default) or skip and count them")


def add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", required=True, help="output JSONL (written atomically)")


def add_seed(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")


def add_progress(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="show progress bars (default: on when stderr is a terminal)")


def build_parser(prog: str, description: str, modules: Sequence[str]) -> argparse.ArgumentParser:
    """A parser whose subcommands come from ``modules`` (each with ``register(subparsers)``)."""
    from augment import __version__

    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in modules:
        importlib.import_module(module).register(subparsers)
    return parser


def run_cli(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> int:
    """Parse, run the chosen subcommand, and turn expected failures into one-line errors (exit code 2)."""
    args = parser.parse_args(argv)
    try:
        return args.run(args) or 0
    except (DataError, FileNotFoundError, ImportError, KeyError, ValueError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"{parser.prog}: error: {message}", file=sys.stderr)
        return 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(
        "augment", "Make training data for Russian yes/no question answering (DaNetQA format).", COMMANDS
    )
    return run_cli(parser, argv)


if __name__ == "__main__":
    sys.exit(main())
