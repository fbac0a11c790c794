"""The ``augment`` command: one subcommand per capability and the options they share."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from augment.jsonl import DataError
from augment.outputs import Terminated, check_input, check_output, output_lock, signals_as_exceptions

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


def add_input(parser: argparse.ArgumentParser, help: str = "input JSONL in DaNetQA format",
              optional: bool = False) -> None:
    parser.add_argument("input", help=help, nargs="?" if optional else None)
    parser.add_argument("--on-error", choices=("raise", "skip"), default="raise",
                        help="invalid input lines: stop with an error (default) or skip and count them")


def add_output(parser: argparse.ArgumentParser) -> None:
    """``-o/--output`` of a corpus-scale command (its paths are declared by
    :func:`augment.scale.cli.add_scale_options`)."""
    parser.add_argument("-o", "--output", required=True,
                        help="output: a .jsonl file (written atomically), or else a resumable folder of shards")


@dataclass(frozen=True)
class PathRoles:
    """Which arguments of a command are inputs and which one is its output (a file or a folder; ``folder`` may
    decide by the path); ``resolve`` turns the output argument into the path written (e.g. a folder into a
    file in it); ``expand`` turns an input argument into the files it names (e.g. a folder or a glob; by
    default it must be one file)."""

    inputs: Sequence[str] = ()
    output: str | None = None
    folder: bool | Callable[[str], bool] = False
    resolve: Callable[[str], str | os.PathLike[str]] | None = None
    expand: Callable[[str], Sequence[str | os.PathLike[str]]] | None = None


def declare_paths(
    parser: argparse.ArgumentParser,
    *,
    inputs: Sequence[str] = (),
    output: str | None = None,
    folder: bool | Callable[[str], bool] = False,
    resolve: Callable[[str], str | os.PathLike[str]] | None = None,
    expand: Callable[[str], Sequence[str | os.PathLike[str]]] | None = None,
) -> None:
    """Declare which arguments are a command's inputs and its output (see :class:`PathRoles`):
    :func:`run_cli` checks them before the command runs and holds the output's lock while it runs."""
    parser.set_defaults(path_roles=PathRoles(inputs, output, folder, resolve, expand))


@contextlib.contextmanager
def checked_paths(args: argparse.Namespace) -> Iterator[None]:
    """Check the declared inputs and output of a parsed command (one-line errors), then lock the output
    (on the main process of a distributed launch: the other ranks only help train)."""
    roles: PathRoles = getattr(args, "path_roles", PathRoles())
    inputs: list[str | os.PathLike[str]] = []
    for name in roles.inputs:
        source = getattr(args, name, None)
        if source is not None:
            files = roles.expand(source) if roles.expand else [check_input(source)]
            inputs += [source, *(file for file in files if os.fspath(file) != os.fspath(source))]
    if roles.output is None:
        yield
        return
    output = getattr(args, roles.output)
    path = output if roles.resolve is None or not output else roles.resolve(output)
    folder = roles.folder(os.fspath(path)) if callable(roles.folder) else roles.folder
    target = check_output(path, inputs, folder=folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    # the non-zero ranks of a distributed launch (torchrun, accelerate launch) run the same command line
    with output_lock(target) if int(os.environ.get("RANK", "0")) == 0 else contextlib.nullcontext():
        yield


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
    """Parse, check the declared paths (:func:`checked_paths`), run the chosen subcommand, and turn expected
    failures into one-line errors (exit code 2). SIGINT ends with exit code 130, SIGTERM with 143 (after the
    temp files are removed), a closed stdout (``| head``) with 141, never with a traceback."""
    args = parser.parse_args(argv)
    try:
        with signals_as_exceptions(), checked_paths(args):
            return args.run(args) or 0
    except BrokenPipeError:  # the reader of stdout went away: stop quietly, as `head` expects
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except (DataError, ImportError, KeyError, OSError, ValueError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"{parser.prog}: error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{parser.prog}: interrupted", file=sys.stderr)
        return 130
    except Terminated as stop:
        print(f"{parser.prog}: terminated by signal {stop.signum}", file=sys.stderr)
        return 128 + stop.signum


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(
        "augment", "Make training data for Russian yes/no question answering (DaNetQA format).", COMMANDS
    )
    return run_cli(parser, argv)


if __name__ == "__main__":
    sys.exit(main())
