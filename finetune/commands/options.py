"""Command-line options shared by the ``finetune`` subcommands: one flag per training setting."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import sys
import warnings
from collections.abc import Iterator
from typing import Any

from finetune.presets import OVERRIDABLE, PRESETS, TrainConfig

_TYPES = {"int": int, "float": float, "str": str}


def add_settings(parser: argparse.ArgumentParser, preset: bool = True, exclude: tuple[str, ...] = ()) -> None:
    """A flag for every :class:`TrainConfig` setting but ``exclude`` (unset flags keep the preset's value),
    and ``--preset``."""
    group = parser.add_argument_group("training settings (default: the preset's)")
    if preset:
        group.add_argument("--preset", choices=sorted(PRESETS), help="settings to start from (default: the "
                           "model's own preset if MODEL names one, else rubert's: the study's)")
    defaults = PRESETS["rubert"]
    for field in dataclasses.fields(TrainConfig):
        if field.name not in OVERRIDABLE or field.name in exclude:
            continue
        flag = "--" + field.name.replace("_", "-")
        kind = str(field.type).split("|")[0].strip()
        if "method" in field.metadata:
            help = f"{field.metadata['method']} only: {field.metadata['help']} (default: {field.default})"
        else:
            help = f"{field.metadata.get('help', '')} (rubert preset: {getattr(defaults, field.name)})".strip()
        if kind == "bool":
            group.add_argument(flag, action=argparse.BooleanOptionalAction, default=None, help=help)
        else:
            group.add_argument(flag, type=_TYPES[kind], default=None, help=help)


def settings(args: argparse.Namespace) -> dict[str, Any]:
    """The settings given on the command line."""
    return {name: getattr(args, name) for name in OVERRIDABLE if getattr(args, name, None) is not None}


def comma_list(text: str) -> list[str]:
    items = [item.strip() for item in text.split(",") if item.strip()]
    if not items:
        raise argparse.ArgumentTypeError("expected a comma-separated list")
    return items


def comma_ints(text: str) -> list[int]:
    try:
        return [int(item) for item in comma_list(text)]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated integers, got {text!r}") from None


@contextlib.contextmanager
def warnings_as_lines() -> Iterator[None]:
    """Inside the block, a warning prints as one line, ``warning: <message>``, on stderr (a command's notes)."""
    def show(message: Warning | str, *_: object, **__: object) -> None:
        print(f"warning: {message}", file=sys.stderr)

    with warnings.catch_warnings():
        warnings.showwarning = show
        yield
