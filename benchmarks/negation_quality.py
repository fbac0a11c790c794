"""Correctness of the negation rules on hand-written cases: precision, recall, declines, round trips.

    PYTHONPATH=. python benchmarks/negation_quality.py [CASES.jsonl] [--show-failures]

CASES defaults to tests/data/negation_cases.jsonl (questions written for this project, each with its
accepted negations; an empty list means the rules must decline). Any file in the same format works,
such as a held-out set kept outside the repository.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from augment.report import format_table
from augment.rules.evaluation import load_cases, score

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "negation_cases.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", default=str(DEFAULT))
    parser.add_argument("--show-failures", action="store_true", help="list wrong outputs and missed cases")
    args = parser.parse_args()
    scores = score(load_cases(args.cases))
    trips_ok, trips = scores.round_trips
    print(f"cases: {args.cases}")
    print(format_table(("measure", "value"), [
        ("cases", len(scores.results)),
        ("negations produced", scores.produced),
        ("precision (produced and accepted / produced)", f"{scores.precision:.3f}"),
        ("recall (accepted / cases with an answer)", f"{scores.recall:.3f} ({scores.correct}/{scores.answerable})"),
        ("declined where it must", f"{scores.declined_correctly}/{scores.must_decline}"),
        ("round trip gives the clause back", f"{trips_ok}/{trips} ({trips_ok / max(trips, 1):.3f})"),
    ]))
    print()
    rows = []
    for kind, c in sorted(scores.by_kind().items()):
        precision = f"{c['correct'] / c['produced']:.2f}" if c["produced"] else "-"
        rows.append((kind, c["cases"], c["produced"], c["correct"], precision,
                     f"{c['declined ok']}/{c['must decline']}", c["round trip ok"]))
    print(format_table(("kind", "cases", "produced", "correct", "precision", "declined ok", "round trip ok"), rows))
    if args.show_failures:
        print("\nwrong outputs:")
        for r in scores.failures():
            accepted = " | ".join(r.case.accepted) or "(decline)"
            print(f"  {r.case.question}\n    got      {r.outcome.negation}\n    accepted {accepted}")
        print("\ndeclined although answerable:")
        for r in scores.results:
            if not r.produced and not r.case.should_decline:
                print(f"  [{r.outcome.reason}] {r.case.question}")
        print("\nround trips that do not give the clause back:")
        for r in scores.results:
            if r.round_trip_ok is False:
                print(f"  {r.case.question}\n    negation {r.outcome.negation}\n    back     {r.round_trip}")


if __name__ == "__main__":
    main()
