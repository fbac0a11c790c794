"""The audit of DaNetQA (train, val; the form of test) and of the library's generators' outputs.

    PYTHONPATH=. python benchmarks/audit_datasets.py [--danetqa FOLDER] [--seed 0]

For each labeled set: size, share of "yes", the question-only probe (out-of-fold accuracy, 95% interval,
majority), the length-only and question–passage overlap probes, the verdict and the top cue. The sets:
DaNetQA train and val; ``augment negate`` output over train (negate + reframe, balanced as by default, and
unbalanced); ``from_text`` over the unique train passages (balanced, the default); train plus the balanced
negations as training would see them, with the cues they add over train. Test has no labels: its forms
(«Правда ли», «не/нет/ни», «Входит ли») are counted against train and val, with the share of test
questions whose form a probe trained on val reads with confidence (P(yes) under 0.2 or over 0.8).
"""

from __future__ import annotations

import argparse

from _danetqa import DEFAULT

from augment.audit import QuestionProbe
from augment.audit.cues import frame
from augment.audit.run import added_cues, audit, audit_set
from augment.danetqa import load_danetqa
from augment.report import format_table
from augment.rules import RuleBasedGenerator
from augment.text import has_negation

CONFIDENT = 0.2  # P(yes) under this or over 1 - this: the form decides


def row(name: str, audited) -> tuple[object, ...]:
    probes = audited.probes
    q = probes.question_only
    top = audited.cues()[0]
    return (name, audited.n, f"{audited.labels['yes'] / audited.n:.2f}", f"{q.accuracy:.3f}",
            f"[{q.ci[0]:.3f}, {q.ci[1]:.3f}]", f"{q.majority:.3f}", f"{probes.length_only.accuracy:.3f}",
            f"{probes.overlap.accuracy:.3f}", probes.verdict, f"{top.feature} → {top.label} (z {top.z:+.1f})")


def forms(name: str, examples, probe: QuestionProbe | None) -> tuple[object, ...]:
    """Counts of the telling forms, their yes-rates where labels exist, and the share the probe reads."""
    def count(test) -> str:
        chosen = [e for e in examples if test(e.question)]
        labeled = [e.label for e in chosen if e.label is not None]
        rate = f", {sum(labeled) / len(labeled):.0%} yes" if labeled else ""
        return f"{len(chosen)}{rate}"

    confident = "-"
    if probe is not None:
        p = probe.proba_yes(examples)
        confident = f"{sum(x < CONFIDENT or x > 1 - CONFIDENT for x in p) / len(p):.0%}"
    return (name, len(examples), count(lambda q: frame(q) == "правда ли"), count(has_negation),
            count(lambda q: frame(q) == "входит ли"), confident)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--danetqa", default=DEFAULT)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    seed = args.seed
    train, val, test = (list(load_danetqa(split, args.danetqa, verify=False)) for split in ("train", "val", "test"))

    negations = list(RuleBasedGenerator(seed, balance=True).fit(train).generate(train))
    unbalanced = list(RuleBasedGenerator(seed).generate(train))
    passages = sorted({e.passage for e in train})
    from_text = list(RuleBasedGenerator(seed).from_text(passages))

    audited = [("DaNetQA train", audit_set(train, seed=seed)), ("DaNetQA val", audit_set(val, seed=seed)),
               ("negate + reframe over train (balanced, default)", audit_set(negations, seed=seed)),
               ("negate + reframe over train (--no-balance)", audit_set(unbalanced, seed=seed)),
               ("from_text over train passages (balanced, default)", audit_set(from_text, seed=seed))]
    combined = audit(negations, reference=train, seed=seed)
    audited.append(("train + balanced negate/reframe", combined.combined))
    print(format_table(("set", "n", "yes", "question only", "95% interval", "majority", "length only", "overlap",
                        "verdict", "top cue"), [row(name, a) for name, a in audited]))
    added = added_cues(combined.combined, combined.reference)
    print("\ncues the balanced negations add over train:",
          ", ".join(f"{c.kind} «{c.feature}» → {c.label} (z {c.z:+.1f})" for c in added[:8]) or "none")

    probe = QuestionProbe.fit(val, seed=seed)
    print()
    print(format_table(("split", "n", "«Правда ли»", "«не/нет/ни»", "«Входит ли»", "form read by a val probe"),
                       [forms("train", train, probe), forms("val", val, None), forms("test", test, probe)]))


if __name__ == "__main__":
    main()
