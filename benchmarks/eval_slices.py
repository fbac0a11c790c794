"""The denominators of ``finetune evaluate --hard --contrast`` on DaNetQA val: how many examples are hard, how
many the rewriter covers, which form cues there are.

    PYTHONPATH=. python benchmarks/eval_slices.py [--danetqa FOLDER] [--threshold 0.7]

Hard/easy come from the question-only probe (``augment.audit``), out-of-fold on val itself (5 folds grouped by
origin) and, for comparison, fitted on train; the contrast set from the rule-based rewriter (negate: label
flipped, reframe: label kept, same passage).
"""

from __future__ import annotations

import argparse

from _danetqa import DEFAULT

from augment.danetqa import load_danetqa
from augment.report import format_table
from finetune.evaluation import THRESHOLD, Evaluator


def _share(part: int, whole: int) -> str:
    return f"{part} ({part / whole:.2f})" if whole else "0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--danetqa", default=DEFAULT, help="folder with train/val/test.jsonl")
    parser.add_argument("--threshold", type=float, default=THRESHOLD, help=f"easy from (default {THRESHOLD})")
    args = parser.parse_args()
    train, val = (list(load_danetqa(split, args.danetqa, verify=False)) for split in ("train", "val"))
    n = len(val)
    majority = max(sum(e.label for e in val), n - sum(e.label for e in val)) / n

    rows = []
    for name, probe_train in (("val itself (out-of-fold)", None), ("train", train)):
        evaluator = Evaluator(val, contrast=False, threshold=args.threshold, probe_train=probe_train)
        scores = evaluator.form_scores or []
        accuracy = sum(score > 0.5 for score in scores) / n
        hard = evaluator.hard_size or 0
        rows.append((name, f"{accuracy:.3f}", f"{majority:.3f}", _share(hard, n), _share(n - hard, n)))
    print(f"DaNetQA val: {n} examples; easy = the probe gives the own label >= {args.threshold}\n")
    print(format_table(("probe fitted on", "probe accuracy", "majority", "hard", "easy"), rows))

    evaluator = Evaluator(val, threshold=args.threshold)
    contrast = evaluator.contrast
    assert contrast is not None
    flipped = sum(r.flips for r in contrast.rewrites)
    print()
    print(format_table(("contrast set (rule_based)", "count"), [
        ("val examples covered", _share(len(contrast.covered), n)),
        ("negations (label flipped)", flipped),
        ("reframes (label kept)", len(contrast.rewrites) - flipped),
        *((f"skipped: {reason}", count) for reason, count in sorted(contrast.skipped.items())),
    ]))
    hard_positions = {i for i, s in enumerate(evaluator.form_scores or []) if s < args.threshold}
    covered_hard = len(hard_positions.intersection(contrast.covered))
    print(f"\ncovered and hard: {covered_hard} of {len(hard_positions)} hard examples")
    print()
    labels = evaluator.labels
    print(format_table(("cue", "kind", "leans to", "examples", "with that label"), [
        (cue.feature, cue.kind, cue.label, len(cue.carriers),
         f"{sum(labels[i] == (cue.label == 'yes') for i in cue.carriers) / len(cue.carriers):.2f}"
         if cue.carriers else "—")
        for cue in evaluator.cues]))


if __name__ == "__main__":
    main()
