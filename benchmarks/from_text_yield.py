"""Yield of RuleBasedGenerator.from_text over DaNetQA passages: sentences seen and kept, options and questions
per operation and form, declines by reason, label balance.

    PYTHONPATH=. python benchmarks/from_text_yield.py [--danetqa FOLDER] [--passage paragraph] [--per-sentence 6]

Every unique passage of train, val and test goes through ``from_text``; the tables are the generator's
own counts (``text_stats``). A last table compares the three passage modes and ``balance=False``.
"""

from __future__ import annotations

import argparse
from collections import Counter

from _danetqa import DEFAULT, unique_passages

from augment.passages import DEFAULT_PER_SENTENCE
from augment.report import format_table
from augment.rules import RuleBasedGenerator


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--danetqa", default=DEFAULT)
    parser.add_argument("--passage", default="paragraph", choices=("sentence", "window", "paragraph"))
    parser.add_argument("--per-sentence", type=int, default=DEFAULT_PER_SENTENCE)
    args = parser.parse_args()
    passages = unique_passages(args.danetqa)
    generator = RuleBasedGenerator(seed=0)
    outputs = list(generator.from_text(passages, passage=args.passage, per_sentence=args.per_sentence))
    print(f"DaNetQA: {len(passages)} unique passages; from_text(passage={args.passage!r}, "
          f"per_sentence={args.per_sentence})")
    print(generator.text_stats.tables())
    kinds = Counter(e.meta["substitution"]["type"] for e in outputs if "substitution" in e.meta)
    print()
    print(format_table(("substituted value", "questions"), sorted(kinds.items()) or [("-", 0)]))
    rows = []
    for mode, balance in (("sentence", True), ("window", True), ("paragraph", True), (args.passage, False)):
        run = RuleBasedGenerator(seed=0)
        made = list(run.from_text(passages, passage=mode, per_sentence=args.per_sentence, balance=balance))
        stats = run.text_stats
        rows.append((mode, balance, stats.kept, len(made), f"{len(made) / len(passages):.2f}"))
    print()
    print(format_table(("passage", "balance", "sentences kept", "questions", "questions per passage"), rows))


if __name__ == "__main__":
    main()
