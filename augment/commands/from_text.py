"""``augment from-text``: labeled yes/no questions from raw Russian text (rule-based, no model)."""

from __future__ import annotations

import argparse

from augment.cli import add_input, add_output, add_progress, add_seed
from augment.passages import DEFAULT_MAX_PASSAGE_CHARS, DEFAULT_PER_SENTENCE
from augment.rules.lexicon import DEFAULT_FRAME
from augment.scale.cli import add_scale_options, run_command


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "from-text", help="make labeled yes/no questions from raw text",
        description="Turn declarative sentences of raw text into yes/no questions labeled by construction: "
                    "the sentence as a question (yes), its negation or a substituted year, date, place or "
                    "number (no), in the same forms, balanced so that the form does not tell the label. "
                    "Sentences the rules cannot use with confidence are declined and counted by reason.",
    )
    add_input(parser, optional=True,
              help="a UTF-8 .txt file (one paragraph per line; each line is a passage), a .jsonl file (one passage "
                   "per record, in --field; idx values must be unique), Parquet, wikiextractor output, "
                   "compressed or not, or a folder or glob of them")
    parser.add_argument("--field", "--text-field", default=None,
                        help="JSONL field holding the text (default: 'passage', else 'text')")
    add_output(parser)
    parser.add_argument("--passage", default="paragraph", choices=("sentence", "window", "paragraph"),
                        help="what each question is paired with: its sentence, a window of its neighbours, "
                             "or its paragraph (default)")
    parser.add_argument("--max-passage-chars", type=int, default=DEFAULT_MAX_PASSAGE_CHARS, metavar="N",
                        help="cut a longer passage to whole sentences around the question's "
                             f"(default {DEFAULT_MAX_PASSAGE_CHARS}; counted in the stats)")
    parser.add_argument("--per-sentence", type=int, default=DEFAULT_PER_SENTENCE, metavar="N",
                        help=f"at most N questions per sentence, yes/no pairs first (default {DEFAULT_PER_SENTENCE}: "
                             "every option; balancing drops the surplus)")
    parser.add_argument("--no-balance", dest="balance", action="store_false",
                        help="keep every question (the labels, and «не», then tell each other apart)")
    parser.add_argument("--frame", default=DEFAULT_FRAME, help="words that open framed questions")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N questions")
    add_seed(parser)
    add_progress(parser)
    add_scale_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from augment.scale.jobs import FromTextJob

    if args.show < 0:
        raise ValueError(f"--show must be >= 0, got {args.show}")
    job = FromTextJob(seed=args.seed, frame=args.frame, passage=args.passage, per_sentence=args.per_sentence,
                      balance=args.balance, field=args.field, max_passage_chars=args.max_passage_chars,
                      show=args.show)
    run_command(job, args)
    return 0
