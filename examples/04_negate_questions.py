"""Negate yes/no questions by morphology rules, with labels you can trust; decline what is unsure.

    python examples/04_negate_questions.py
"""

from collections import Counter
from pathlib import Path

from augment import RuleBasedGenerator, read_jsonl
from augment.rules import Decline, negate_clause

generator = RuleBasedGenerator(seed=0)

# One question at a time: the negation in the frame «Правда ли, что …?» and the flip rule that made it, or
# None with a DeclineReason (a stable name, a description and an example) and the rule that declined.
for question in ["Является ли кит рыбой?", "Есть ли у зайца хвост?", "Были ли у цезаря враги?",
                 "Правда ли, что у змей нет ног?", "Москва - столица россии?", "Кто написал войну и мир?"]:
    outcome = generator.outcome(question)
    if outcome.negation is not None:
        print(f"{question:<34} → {outcome.negation}  [{outcome.flip}]")
    else:
        reason = outcome.reason
        print(f"{question:<34} → declined: {reason} ({reason.description}; by {outcome.declined_by})")

# The same rules on a declarative clause (what a generator from plain text needs).
for clause in ["Кит является млекопитающим", "в ссср не было интернета", "никто не знает"]:
    try:
        print(f"{clause:<34} → {negate_clause(clause).text}")
    except Decline as decline:
        print(f"{clause:<34} → (declined: {decline.reason})")

# A labeled file: negations flip the label, reframings keep it; balance=True evens the labels out
# within each (rule, frame, polarity) cell, so the form of a question does not tell its label.
examples = list(read_jsonl(Path(__file__).parent / "data" / "sample.jsonl"))
balanced = RuleBasedGenerator(seed=0, balance=True).fit(examples)
outputs = list(balanced.generate(examples))
for example in outputs[:4]:
    print(f"{example.meta['operation']:<8} {example.meta['rule']:<12} {example.label!s:<5} {example.question}")
print(dict(Counter(e.label for e in outputs)), "from", len(examples), "questions")
print(balanced.stats.tables())
