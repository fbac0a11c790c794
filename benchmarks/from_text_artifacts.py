"""Can a classifier read the label off the question alone? from_text output over DaNetQA passages.

    PYTHONPATH=. python benchmarks/from_text_artifacts.py [--danetqa FOLDER] [--seed 0] [--passage paragraph]

Generates questions from every unique DaNetQA passage (train, val and test), then scores a question-only
classifier (character 1-4-gram TF-IDF + logistic regression) with 5-fold cross-validation against the
majority class: stratified folds, and folds grouped by source sentence (the questions made from one
sentence never split between training and test, so only what the form says can help). Also shown: the
«contains не → no» rule, the share of yes among questions with «не/нет/ни», and the same for the
unbalanced output (``balance=False``) for comparison. The study this project grows out of scored 0.931
against 0.543.
"""

from __future__ import annotations

import argparse

from _danetqa import DEFAULT, unique_passages
from negation_artifacts import question_only_scores

from augment.report import format_table
from augment.rules import RuleBasedGenerator


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--danetqa", default=DEFAULT)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--passage", default="paragraph", choices=("sentence", "window", "paragraph"))
    args = parser.parse_args()
    passages = unique_passages(args.danetqa)
    results = {}
    for balance in (True, False):
        generator = RuleBasedGenerator(args.seed)
        outputs = list(generator.from_text(passages, passage=args.passage, balance=balance))
        # grouped folds: the questions made from one sentence stay on one side
        results[f"balance={balance}"] = question_only_scores(outputs, args.seed, lambda e: str(e.meta["parent_idx"]),
                                                             "source sentence")
    rows = [(name, *(results[column][name] for column in results)) for name in results["balance=True"]]
    print(f"DaNetQA: {len(passages)} unique passages; from_text(passage={args.passage!r})")
    print(format_table(("measure", *results), rows))
    scores = results["balance=True"]
    margin = scores["5-fold CV accuracy"] - scores["majority class"]
    grouped = scores["5-fold CV accuracy, grouped by source sentence"] - scores["majority class"]
    print(f"\nbalance=True: CV accuracy - majority = {margin:+.3f} (acceptance: <= +0.05); "
          f"grouped by source sentence: {grouped:+.3f}")


if __name__ == "__main__":
    main()
