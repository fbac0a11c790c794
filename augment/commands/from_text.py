"""``augment from-text``: labeled yes/no questions from raw Russian text (rule-based, no model)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

from augment.cli import add_output, add_progress, add_seed
from augment.example import Example
from augment.jsonl import DataError
from augment.scale.cli import add_scale_options, run_command


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "from-text", help="make labeled yes/no questions from raw text",
        description="Turn declarative sentences of raw text into yes/no questions labeled by construction: "
                    "the sentence as a question (yes), its negation or a substituted year, date, place or "
                    "number (no), in the same forms, balanced so that the form does not tell the label. "
                    "Sentences the rules cannot use with confidence are declined and counted by reason.",
    )
    parser.add_argument("input", nargs="?", help="a .txt file (one paragraph per line; each line is a passage), "
                                                 "a .jsonl file (one passage per record, in --field), Parquet, "
                                                 "wikiextractor output, compressed or not, or a folder or glob of them")
    parser.add_argument("--field", "--text-field", default=None,
                        help="JSONL field holding the text (default: 'passage', else 'text')")
    add_output(parser)
    parser.add_argument("--passage", default="paragraph", choices=("sentence", "window", "paragraph"),
                        help="what each question is paired with: its sentence, a window of its neighbours, "
                             "or its paragraph (default)")
    parser.add_argument("--per-sentence", type=int, default=2, metavar="N",
                        help="at most N questions per sentence (default 2: a yes and a no when possible)")
    parser.add_argument("--no-balance", dest="balance", action="store_false",
                        help="keep every question (the labels, and «не», then tell each other apart)")
    parser.add_argument("--frame", default="Правда ли, что", help="words that open framed questions")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N questions")
    add_seed(parser)
    add_progress(parser)
    add_scale_options(parser)
    parser.set_defaults(run=run)


def read_passages(path: str | Path, field: str | None = None) -> Iterator[Example]:
    """The passages of a .txt file (one per non-empty line, idx = line number) or a .jsonl file (one per
    record: ``field``, else ``passage``, else ``text``; idx = the record's ``idx`` or its line number)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    jsonl = path.suffix.lower() in (".jsonl", ".json")
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            if not jsonl:
                yield Example("", line.rstrip("\n"), None, number)
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise DataError(path, number, None, f"invalid JSON: {error.msg}") from None
            if not isinstance(record, dict):
                raise DataError(path, number, None, "not a JSON object")
            key = field or ("passage" if "passage" in record else "text")
            text = record.get(key)
            if not isinstance(text, str):
                raise DataError(path, number, key, "missing" if text is None else "not a string")
            yield Example("", text, None, record.get("idx", number))


def run(args: argparse.Namespace) -> int:
    from augment.scale.jobs import FromTextJob

    if args.show < 0:
        raise ValueError(f"--show must be >= 0, got {args.show}")
    job = FromTextJob(seed=args.seed, frame=args.frame, passage=args.passage, per_sentence=args.per_sentence,
                      balance=args.balance, field=args.field, show=args.show)
    run_command(job, args)
    return 0
