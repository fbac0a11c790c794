"""How many DaNetQA general questions the negation rules handle, per question form, rule and decline reason.

    PYTHONPATH=. python benchmarks/negation_coverage.py [--danetqa FOLDER] [--sample N]

Runs RuleBasedGenerator.negate over the questions of train, val and test. "General questions" leaves
out only what is not a yes/no question by its form (wh-questions, alternatives with «или», texts
without «?» or «ли»); everything else the rules decline counts against coverage. ``--sample N`` prints N
input → output pairs drawn with a fixed seed, for reading.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from _danetqa import DEFAULT, danetqa_questions

from augment.report import format_table
from augment.rules import DeclineReason, RuleBasedGenerator
from augment.rules.questions import question_form

NOT_GENERAL = {DeclineReason.WH_QUESTION, DeclineReason.ALTERNATIVE_QUESTION, DeclineReason.NOT_A_QUESTION,
               DeclineReason.EMPTY, DeclineReason.NO_WORDS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--danetqa", default=DEFAULT, help="folder with train/val/test.jsonl")
    parser.add_argument("--sample", type=int, default=0, help="print N input → output pairs")
    args = parser.parse_args()
    questions = danetqa_questions(args.danetqa)
    generator = RuleBasedGenerator()
    outcomes = [generator.outcome(q) for q in questions]
    general = [o for o in outcomes if o.reason not in NOT_GENERAL]
    produced = [o for o in general if o.negation is not None]
    unique = {o.question: o for o in general}
    unique_produced = sum(o.negation is not None for o in unique.values())
    print(format_table(("questions", "count", "negated", "coverage"), [
        ("all (train+val+test)", len(outcomes), len(produced), f"{len(produced) / len(outcomes):.3f}"),
        ("general questions", len(general), len(produced), f"{len(produced) / len(general):.3f}"),
        ("general questions, distinct", len(unique), unique_produced, f"{unique_produced / len(unique):.3f}"),
    ]))
    forms: dict[str, Counter[str]] = {}
    for outcome in general:
        row = forms.setdefault(question_form(outcome.question), Counter())
        row["questions"] += 1
        row["negated"] += outcome.negation is not None
    print()
    print(format_table(("construction", "questions", "negated", "coverage"), [
        (form, c["questions"], c["negated"], f"{c['negated'] / c['questions']:.3f}")
        for form, c in sorted(forms.items(), key=lambda item: -item[1]["questions"])
    ]))
    rules = Counter((question_form(o.question), o.rule, "negative" if o.negative else "affirmative") for o in produced)
    print()
    print(format_table(("construction", "rule", "input polarity", "negated"),
                       [(*key, n) for key, n in rules.most_common()]))
    reasons = Counter(o.reason for o in outcomes if o.negation is None)
    print()
    print(format_table(("declined because", "count", "share of all"),
                       [(r, n, f"{n / len(outcomes):.3f}") for r, n in reasons.most_common()]))
    if args.sample:
        pairs = sorted({(o.question, o.negation, o.rule) for o in produced})
        print()
        for question, negation, rule in random.Random(0).sample(pairs, min(args.sample, len(pairs))):
            print(f"{question}\n  → {negation}  [{rule}]")


if __name__ == "__main__":
    main()
