"""``augment from-text``: labeled yes/no questions from raw Russian text (rule-based, no model)."""

from __future__ import annotations

import argparse
import json
from itertools import islice
from pathlib import Path

from augment.cli import add_input, add_output, add_progress, add_seed
from augment.example import Example
from augment.jsonl import DataError, ErrorMode, LineReader, _FieldError, check_idx, write_jsonl
from augment.passages import DEFAULT_MAX_PASSAGE_CHARS
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
    add_input(parser, help="a UTF-8 .txt file (one paragraph per line; each line is a passage) or a .jsonl file "
                           "(one passage per record, in --field; idx values must be unique)")
    parser.add_argument("--field", default=None,
                        help="JSONL field holding the text (default: 'passage', else 'text')")
    add_output(parser)
    parser.add_argument("--passage", default="paragraph", choices=("sentence", "window", "paragraph"),
                        help="what each question is paired with: its sentence, a window of its neighbours, "
                             "or its paragraph (default)")
    parser.add_argument("--max-passage-chars", type=int, default=DEFAULT_MAX_PASSAGE_CHARS, metavar="N",
                        help="cut a longer passage to whole sentences around the question's "
                             f"(default {DEFAULT_MAX_PASSAGE_CHARS}; counted in the stats)")
    parser.add_argument("--per-sentence", type=int, default=2, metavar="N",
                        help="at most N questions per sentence (default 2: a yes and a no when possible)")
    parser.add_argument("--no-balance", dest="balance", action="store_false",
                        help="keep every question (the labels, and «не», then tell each other apart)")
    parser.add_argument("--frame", default="Правда ли, что", help="words that open framed questions")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N questions")
    add_seed(parser)
    add_progress(parser)
    parser.set_defaults(run=run)


class PassageReader(LineReader):
    """The passages of a .txt file (one per non-empty line, idx = line number) or a .jsonl file (one per
    record: ``field``, else ``passage``, else ``text``; idx = the record's ``idx`` or its line number), as
    examples with an empty question; bad lines raise or are skipped as in :class:`augment.jsonl.LineReader`."""

    def __init__(self, path: str | Path, field: str | None = None, errors: ErrorMode = "raise"):
        super().__init__(path, errors)
        self.field = field
        self.jsonl = self.path.suffix.lower() in (".jsonl", ".json")

    def parse(self, line: str, number: int) -> Example:
        if not self.jsonl:
            return Example("", line.rstrip("\r\n"), None, number)
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise DataError(self.path, number, None, f"broken JSON: {error.msg} at column {error.colno}") from None
        if not isinstance(record, dict):
            raise DataError(self.path, number, None, f"not a JSON object: got {type(record).__name__}")
        key = self.field or ("passage" if "passage" in record else "text")
        text = record.get(key)
        if not isinstance(text, str):
            raise DataError(self.path, number, key, "missing" if text is None else
                            f"not a string: got {type(text).__name__}")
        try:
            return Example("", text, None, check_idx(record.get("idx", number)))
        except _FieldError as error:
            raise DataError(self.path, number, error.field, error.problem) from None


def read_passages(path: str | Path, field: str | None = None, errors: ErrorMode = "raise") -> PassageReader:
    """The passages of ``path`` (see :class:`PassageReader`)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    return PassageReader(path, field, errors)


def run(args: argparse.Namespace) -> int:
    from augment.rules.generator import RuleBasedGenerator

    if args.show < 0:
        raise ValueError(f"--show must be >= 0, got {args.show}")
    generator = RuleBasedGenerator(args.seed, frame=args.frame)
    settings = {"passage": args.passage, "per_sentence": args.per_sentence, "balance": args.balance,
                "max_passage_chars": args.max_passage_chars}
    reader = read_passages(args.input, args.field, args.on_error)
    generator.fit_text(progress(reader, args.progress, desc="read"), **settings)
    shown: list[Example] = []

    def collect(outputs):
        for output in outputs:
            if len(shown) < args.show:
                shown.append(output)
            yield output

    passages = progress(reader, args.progress, desc="generate")
    outputs = generator.from_text(passages, **settings)
    written = write_jsonl(collect(outputs), args.output)
    for example in islice(shown, args.show):
        print(f"[{answer_word(example.label)}] {example.question}  ({example.meta['operation']})")
    if shown:
        print()
    print(f"wrote {written} example(s) to {args.output}")
    if reader.skipped:
        print(reader.report())
    print(generator.text_stats.tables())
    return 0
