"""Subject detection: the morphology rules against natasha's dependency parser (slovnet), on a hand-checked
sample of DaNetQA sentences.

    PYTHONPATH=. python benchmarks/from_text_syntax.py [--danetqa FOLDER] [--gold benchmarks/data/subject_gold.jsonl]

The gold file names, for 70 sentences drawn at random from DaNetQA passages (those that pass the sentence
screen), the head word of the main clause's nominative subject, judged by hand (several spellings where
the head is a name or a numeral phrase; none for impersonal, subjectless or verbless sentences). It
refers to the sentences by passage and offsets, so DaNetQA is not copied. Measured:

- morphology: :func:`augment.rules.statements.read_statement` keeps a sentence only when it finds an
  agreeing subject; its subject is right or wrong on the kept ones, and the rest are declined;
- natasha: the ``nsubj``/``nsubj:pass`` dependent of the parse's root, on every sentence (it never declines),
  and on the sentences the morphology keeps;
- both: the morphology's subject kept only where natasha agrees (natasha as a veto);
- speed of each, in sentences per second (the rules with their word cache warm; natasha: segmentation
  and syntax only, models loaded).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from _danetqa import DEFAULT
from from_text_sample import danetqa_passages

from augment.report import format_table
from augment.rules.morphology import shared_morphology
from augment.rules.negation import Decline
from augment.rules.statements import read_statement

GOLD = Path(__file__).parent / "data" / "subject_gold.jsonl"


def sentences(gold_path: Path, folder: str) -> list[tuple[str, list[str]]]:
    from augment.rules.sentences import clean

    passages = {p.idx: p.passage for p in danetqa_passages(folder)}
    rows = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(clean(passages[r["passage"]][r["start"]:r["stop"]]), r["subject"]) for r in rows]


def morphology_subjects(texts: list[str]) -> list[str | None]:
    morph = shared_morphology()
    found = []
    for text in texts:
        try:
            statement = read_statement(text, morph, context=True)
        except Decline:
            found.append(None)
            continue
        found.append(statement.tokens[statement.subject.head].text)
    return found


def natasha_subjects(texts: list[str]) -> list[str | None]:
    from natasha import Doc, NewsEmbedding, NewsSyntaxParser, Segmenter

    segmenter, parser = Segmenter(), NewsSyntaxParser(NewsEmbedding())
    found = []
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.parse_syntax(parser)
        root = next((t for t in doc.tokens if t.rel == "root"), None)
        subject = next((t for t in doc.tokens if root is not None and t.head_id == root.id
                        and t.rel in ("nsubj", "nsubj:pass")), None)
        found.append(None if subject is None else subject.text)
    return found


def right(found: str | None, gold: list[str]) -> bool:
    return found is not None and found.lower() in {g.lower() for g in gold}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--danetqa", default=DEFAULT)
    parser.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args()
    rows = sentences(args.gold, args.danetqa)
    texts = [text for text, _ in rows]
    golds = [gold for _, gold in rows]
    with_subject = sum(bool(g) for g in golds)

    morphology_subjects(texts)  # warm: each word's pymorphy3 analysis is cached, as in a long job
    start = time.perf_counter()
    morph = morphology_subjects(texts)
    morph_s = time.perf_counter() - start
    natasha_subjects(texts[:1])  # loading the models is not timed
    start = time.perf_counter()
    natasha = natasha_subjects(texts)
    natasha_s = time.perf_counter() - start

    kept = [i for i, s in enumerate(morph) if s is not None]
    vetoed = [i for i in kept if natasha[i] is not None and natasha[i].lower() == morph[i].lower()]
    named = [i for i, s in enumerate(natasha) if s is not None]

    def line(name: str, chosen: list[int], found: list[str | None]) -> tuple:
        correct = sum(right(found[i], golds[i]) for i in chosen)
        return (name, len(chosen), correct, f"{correct / len(chosen):.2f}" if chosen else "-",
                f"{correct}/{with_subject} = {correct / with_subject:.2f}")

    print(f"{len(rows)} hand-checked sentences, {with_subject} with a nominative subject in the main clause")
    print(format_table(("route", "subjects given", "right", "precision", "recall"), [
        line("morphology rules (kept sentences)", kept, morph),
        line("natasha, every sentence with an nsubj", named, natasha),
        line("natasha, on the sentences the rules keep", [i for i in kept if natasha[i] is not None], natasha),
        line("rules, kept only where natasha agrees", vetoed, morph),
    ]))
    print(format_table(("route", "sentences/s"), [
        ("morphology rules (whole statement analysis)", f"{len(texts) / morph_s:,.0f}"),
        ("natasha segmentation + syntax", f"{len(texts) / natasha_s:,.0f}"),
    ]))
    wrong = [(texts[i], morph[i], natasha[i], golds[i]) for i in kept if not right(morph[i], golds[i])]
    for text, m, n, g in wrong:
        print(f"rules wrong: {text}\n   rules: {m}  natasha: {n}  gold: {g}")


if __name__ == "__main__":
    main()
