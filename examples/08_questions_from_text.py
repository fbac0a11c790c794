"""Turn raw Russian text into labeled yes/no questions, with labels true by construction.

    python examples/08_questions_from_text.py
"""

from collections import Counter

from augment import RuleBasedGenerator
from augment.text import has_negation

TEXT = [
    "Кит является млекопитающим. Кит не является рыбой. Дельфины дышат воздухом. У змей нет ног. "
    "Пингвины не умеют летать.",
    "Пётр Чайковский родился в Казани в 1840 году. Композитор не любил критиков. "
    "Его первый концерт состоялся в Петербурге в 1865 году.",
    "Собор был построен в 1561 году. Собор не был разрушен во время войны. Высота собора составляет 65 метров. "
    "Музей открылся в 1929 году.",
    "Глубина озера составляет 1642 метра. Вода в озере не замерзает до января. Озеро расположено в горах. "
    "Гренландия принадлежит Дании. Рим является столицей Италии.",
]

generator = RuleBasedGenerator(seed=0)  # the same generator (and frame) that negates labeled questions

# Every option the rules see, unbalanced: yes questions restate a sentence, no questions negate it or
# replace a year, place or measured number with another one from the corpus (inflected to fit).
for example in generator.from_text(TEXT[1:2], balance=False, per_sentence=6):
    meta = example.meta
    change = meta.get("substitution")
    note = f"  ({change['from']} → {change['to']})" if change else ""
    print(f"[{'да' if example.label else 'нет'}] {meta['operation']:<17} {meta['form']:<6} {example.question}{note}")

# Balanced (the default): within each form and with or without «не», yes and no come out equally often,
# so neither the frame nor «не» tells the label. Each question is paired with its paragraph (or
# passage="sentence" / "window").
outputs = list(generator.from_text(TEXT, passage="window"))
print()
print(f"{len(outputs)} questions;", dict(Counter("да" if e.label else "нет" for e in outputs)))
with_ne = [e.label for e in outputs if has_negation(e.question)]
print(f"P(yes | «не») = {sum(with_ne) / max(len(with_ne), 1):.2f} over {len(with_ne)} questions")
first = outputs[0]
print(f"\nexample record: {first.question!r} label={first.label} passage={first.passage!r}")
print({k: first.meta[k] for k in ("operation", "form", "rule", "passage_id", "sentence_start", "sentence_stop")})
print()
print(generator.text_stats.tables())
