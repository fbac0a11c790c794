"""Correctness of RuleBasedGenerator.from_text, judged by reading: draw a sample, show it, score it.

    PYTHONPATH=. python benchmarks/from_text_sample.py draw --seed 7 -o benchmarks/from_text_sample_judged.jsonl
    PYTHONPATH=. python benchmarks/from_text_sample.py show benchmarks/from_text_sample_judged.jsonl
    PYTHONPATH=. python benchmarks/from_text_sample.py score benchmarks/from_text_sample_judged.jsonl

``draw`` runs ``from_text`` (seed 0, ``--passage`` paragraph by default) over every unique passage of
DaNetQA train, val and test and writes ``--n`` outputs drawn at random with ``--seed``: the question, its
label, operation, form, rule, substitution, and references to the source sentence and the passage
(``split:idx`` and character offsets; DaNetQA text is not copied), with ``correct`` left null and
``reason`` empty for the judge. A judged item is correct only if the question is grammatical Russian
and its label is right given the passage. ``show`` prints each item with its sentence and whole passage
(read from DaNetQA) for judging or rejudging; ``score`` prints the share judged correct, by operation, and
the wrong items with their reasons.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from _danetqa import DEFAULT

from augment.danetqa import load_danetqa
from augment.jsonl import write_records
from augment.passages import DEFAULT_PER_SENTENCE
from augment.report import format_table
from augment.rules import RuleBasedGenerator


def danetqa_passages(folder: str):
    """Every DaNetQA example as a passage with id ``split:idx`` (from_text skips repeated passages)."""
    from augment import Example

    return [Example("", e.passage, None, f"{split}:{e.idx}") for split in ("train", "val", "test")
            for e in load_danetqa(split, folder, verify=False)]


def to_judge(number: int, example) -> dict:
    """The sample record of an output: what it is and where it comes from, with ``correct`` and ``reason`` unset."""
    meta = example.meta
    return {
        "n": number, "question": example.question, "label": example.label, "operation": meta["operation"],
        "form": meta["form"], "rule": meta["rule"], "substitution": meta.get("substitution"),
        "sentence": {"start": meta["sentence_start"], "stop": meta["sentence_stop"]},
        "passage": {"id": meta["passage_id"], "mode": meta["passage_mode"], "start": meta["passage_start"],
                    "stop": meta["passage_stop"]},
        "correct": None, "reason": "",
    }


def draw(args: argparse.Namespace) -> None:
    passages = danetqa_passages(args.danetqa)
    generator = RuleBasedGenerator(seed=0)
    outputs = list(generator.from_text(passages, passage=args.passage, per_sentence=args.per_sentence))
    sample = random.Random(args.seed).sample(outputs, args.n)
    write_records((to_judge(number, example) for number, example in enumerate(sample, 1)), args.output)
    print(f"{len(outputs)} outputs from {len({p.passage for p in passages})} passages; wrote {args.n} drawn with seed "
          f"{args.seed} to {args.output}")


def load(path: str) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def show(args: argparse.Namespace) -> None:
    texts = {p.idx: p.passage for p in danetqa_passages(args.danetqa)}
    for item in load(args.sample):
        ref = item["passage"]
        source = texts[ref["id"]]
        passage = source[ref["start"]:ref["stop"]]
        label = "да" if item["label"] else "нет"
        print(f"#{item['n']} [{label}] {item['operation']}/{item['form']}/{item['rule']}: {item['question']}")
        if item["substitution"]:
            sub = item["substitution"]
            print(f"   substitution: {sub['from']} → {sub['to']} ({sub['type']}, {sub['predicate']})")
        print(f"   sentence: {source[item['sentence']['start']:item['sentence']['stop']]}")
        if args.passages:
            print(f"   passage: {passage}")
        if item["correct"] is not None:
            print(f"   judged: {'correct' if item['correct'] else 'WRONG'} {item['reason']}")
        print()


def score(args: argparse.Namespace) -> None:
    items = load(args.sample)
    judged = [i for i in items if i["correct"] is not None]
    if len(judged) < len(items):
        print(f"{len(items) - len(judged)} item(s) not judged yet")
    by_operation: dict[str, Counter[str]] = {}
    for item in judged:
        row = by_operation.setdefault(item["operation"], Counter())
        row["items"] += 1
        row["correct"] += item["correct"]
    rows = [(op, c["items"], c["correct"], f"{c['correct'] / c['items']:.2f}")
            for op, c in sorted(by_operation.items())]
    correct = sum(i["correct"] for i in judged)
    rows.append(("all", len(judged), correct, f"{correct / len(judged):.3f}" if judged else "-"))
    labels = Counter("yes" if i["label"] else "no" for i in judged)
    print(f"sample: {args.sample} ({dict(labels)})")
    print(format_table(("operation", "judged", "correct", "share"), rows))
    wrong = [i for i in judged if not i["correct"]]
    if wrong:
        print("\nwrong:")
        for item in wrong:
            print(f"  #{item['n']} {item['question']}  [{'да' if item['label'] else 'нет'}]  — {item['reason']}")
    print(f"\ncorrect: {correct}/{len(judged)} = {correct / max(len(judged), 1):.1%} (acceptance: >= 95%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    drawing = commands.add_parser("draw", help="generate over DaNetQA and draw a sample to judge")
    drawing.add_argument("--seed", type=int, required=True, help="seed of the draw")
    drawing.add_argument("--n", type=int, default=60)
    drawing.add_argument("--passage", default="paragraph", choices=("sentence", "window", "paragraph"))
    drawing.add_argument("--per-sentence", type=int, default=DEFAULT_PER_SENTENCE)
    drawing.add_argument("-o", "--output", required=True)
    drawing.set_defaults(run=draw)
    showing = commands.add_parser("show", help="print a sample with its passages")
    showing.add_argument("sample")
    showing.add_argument("--no-passages", dest="passages", action="store_false")
    showing.set_defaults(run=show)
    scoring = commands.add_parser("score", help="score a judged sample")
    scoring.add_argument("sample")
    scoring.set_defaults(run=score)
    for sub in (drawing, showing, scoring):
        sub.add_argument("--danetqa", default=DEFAULT)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
