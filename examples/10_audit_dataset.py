"""Audit a yes/no data set: can the label be read off the question form? Then write the report.

    python examples/10_audit_dataset.py

The same as ``augment audit data.jsonl --reference train.jsonl -o report/`` on the command line.
"""

import tempfile
from pathlib import Path

from razdel import sentenize

from augment import Example, RuleBasedGenerator, read_jsonl
from augment.audit import QuestionProbe, cues, form_scores
from augment.audit.report import summary, write_report
from augment.audit.run import audit

sample = list(read_jsonl(Path(__file__).parent / "data" / "sample.jsonl"))

# The study's naive recipe: «Правда ли, что <sentence>?» is "yes", the same with «не» inserted is "no".
naive = []
for example in sample:
    for i, sentence in enumerate(sentenize(example.passage)):
        words = sentence.text.rstrip(".").split()
        for label, tokens in ((True, words), (False, [*words[:2], "не", *words[2:]])):
            text = " ".join(tokens)
            naive.append(Example(f"Правда ли, что {text[0].lower()}{text[1:]}?", sentence.text, label,
                                 f"{example.idx}.{i}.{label}", {"source_idx": example.idx}))

# The top cues: «не» tells "no" far beyond the base rate (z in binomial standard errors).
for cue in cues(naive, top=3)[:3]:
    print(f"{cue.kind:<8} {cue.feature:<12} → {cue.label}  n={cue.count} yes-rate={cue.rate:.2f} z={cue.z:+.1f}")

# The full audit, side by side with the sample as the reference the data would be added to.
result = audit(naive, reference=sample, seed=0)
print(summary(result))

# Per-example form scores: the out-of-fold probability the question form gives each example's own label.
scores = form_scores(naive)
given_away = sum(score >= 0.8 for score in scores)
print(f"{given_away} of {len(naive)} labels are given away by the form (score >= 0.8)")

# A probe trained on one set scores the form of any other questions, e.g. an evaluation set.
probe = QuestionProbe.fit(naive)
for question in ["Правда ли, что Волга не впадает в Каспийское море?",
                 "Правда ли, что Волга впадает в Каспийское море?"]:
    print(f"P(yes | form) = {probe.proba_yes([Example(question, '')])[0]:.2f}  {question}")

# The library's own rule-based generator balances by default: its output is clean.
balanced = list(RuleBasedGenerator(seed=0, balance=True).fit(sample).generate(sample))
print("rule-based output, balanced:", audit(balanced).verdict)

with tempfile.TemporaryDirectory() as folder:
    written = write_report(result, Path(folder) / "report")
    print("report files:", ", ".join(path.name for path in written))
