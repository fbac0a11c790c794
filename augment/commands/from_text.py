"""``augment from-text``: labeled yes/no questions from raw Russian text (rule-based, no model)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from augment.cli import add_output, add_progress, add_seed
from augment.example import Example
from augment.jsonl import DataError, write_jsonl
from augment.progress import progress
from augment.text import answer_word


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "from-text", help="make labeled yes/no questions from raw text",
        description="Turn declarative sentences of raw text into yes/no questions labeled by construction: "
                    "the sentence as a question (yes), its negation or a substituted year, date, place or "
                    "number (no), in the same forms, balanced so that the form does not tell the label. "
                    "Sentences the rules cannot use with confidence are declined and counted by reason.",
    )
    parser.add_argument("input", help="a .txt file (one paragraph per line; each line is a passage) or a .jsonl "
                                      "file (one passage per record, in --field)")
    parser.add_argument("--field", default=None,
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
    from augment.rules.generator import RuleBasedGenerator

    if args.show < 0:
        raise ValueError(f"--show must be >= 0, got {args.show}")
    generator = RuleBasedGenerator(args.seed, frame=args.frame)
    settings = {"passage": args.passage, "per_sentence": args.per_sentence, "balance": args.balance}
    generator.fit_text(progress(read_passages(args.input, args.field), args.progress, desc="read"), **settings)
    shown: list[Example] = []

    def collect(outputs):
        for output in outputs:
            if len(shown) < args.show:
                shown.append(output)
            yield output

    passages = progress(read_passages(args.input, args.field), args.progress, desc="generate")
    outputs = generator.from_text(passages, **settings)
    written = write_jsonl(collect(outputs), args.output)
    for example in islice(shown, args.show):
        print(f"[{answer_word(example.label)}] {example.question}  ({example.meta['operation']})")
    if shown:
        print()
    print(f"wrote {written} example(s) to {args.output}")
    print(generator.text_stats.tables())
    return 0
