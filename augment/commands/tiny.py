"""``augment tiny-model``: build a tiny BERT/RoBERTa/GPT-2 with a tokenizer trained on your texts."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

from augment.cli import declare_paths
from augment.jsonl import read_jsonl


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "tiny-model", help="build a tiny offline model for smoke runs",
        description="Build a tiny model (2 layers, hidden 64) and a tokenizer trained on the given texts; "
                    "the folder loads with from_pretrained. Needs the gen extra.",
    )
    parser.add_argument("kind", choices=("bert", "roberta", "gpt2"))
    parser.add_argument("output", help="folder to save the model and tokenizer in")
    parser.add_argument("--texts", required=True,
                        help="texts for the tokenizer: a DaNetQA JSONL (questions and passages) or a .txt file")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random initialisation (default 0)")
    declare_paths(parser, inputs=("texts",), output="output", folder=True)
    parser.set_defaults(run=run)


def texts_of(path: str) -> Iterator[str]:
    """Questions and passages of a JSONL file, or the non-blank lines of a text file."""
    if Path(path).suffix == ".jsonl":
        for example in read_jsonl(path):
            yield example.question
            yield example.passage
    else:
        from augment.passages import read_passages

        yield from (e.passage.strip() for e in read_passages(path))


def run(args: argparse.Namespace) -> int:
    from augment.tiny_models import build_tiny_model

    path = build_tiny_model(args.kind, texts_of(args.texts), args.output, seed=args.seed)
    print(f"saved a tiny {args.kind} model and tokenizer to {path}")
    return 0
