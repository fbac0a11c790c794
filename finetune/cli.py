"""The ``finetune`` command."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from augment.cli import build_parser, run_cli

COMMANDS: list[str] = [
    "finetune.commands.train",
    "finetune.commands.evaluate",
    "finetune.commands.predict",
    "finetune.commands.experiment",
]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(
        "finetune", "Fine-tune and evaluate yes/no QA classifiers on DaNetQA and augmented sets.", COMMANDS
    )
    return run_cli(parser, argv)


if __name__ == "__main__":
    sys.exit(main())
