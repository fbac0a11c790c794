"""``augment from-text``: labeled yes/no questions from raw Russian text (rule-based, no model)."""

from __future__ import annotations

import argparse
from itertools import islice

from augment.cli import add_input, add_output, add_progress, add_seed
from augment.example import Example
from augment.jsonl import write_jsonl
from augment.passages import DEFAULT_MAX_PASSAGE_CHARS, read_passages
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
