"""Whether a change to the rules changed their output: every outcome and output over DaNetQA, to compare.

    PYTHONPATH=. python benchmarks/rules_identity.py -o before.jsonl [--danetqa FOLDER]
    PYTHONPATH=. python benchmarks/rules_identity.py -o after.jsonl --compare before.jsonl

For each split (train, val, test) it writes one JSON line per

- question: ``negate_question``'s outcome (negation, reframing, rule, form, polarity, decline reason);
- output of ``RuleBasedGenerator(operations=negate,reframe, balance=True).generate`` on the split;
- output of ``from_text`` on the split's unique passages;
- count of the generators' stats (declines by reason, outputs per rule, sentences kept);

and prints a sha256 per section. ``--compare`` reads a file written before and lists every line that
differs (at most 20 shown). Decline reasons written before :class:`DeclineReason` existed are free text;
they are read through :data:`OLD_REASONS` (old text → enum name), and meta fields that did not exist then
(:data:`NEW_META`) are left out of the comparison: everything else must be byte-identical.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from _danetqa import DEFAULT

from augment.danetqa import load_danetqa
from augment.rules import RuleBasedGenerator, negate_question

SPLITS = ("train", "val", "test")
NEW_META: tuple[str, ...] = ()
OLD_REASONS: dict[str, str] = {}


def reason_name(reason: str | None) -> str | None:
    """A decline reason as the enum name (free-form reasons of the old code mapped by :data:`OLD_REASONS`)."""
    if reason is None:
        return None
    reason = getattr(reason, "name", reason)
    operation, sep, rest = reason.partition(": ")
    if sep and operation in ("negate", "substitute"):
        return f"{operation}: {reason_name(rest)}"
    return OLD_REASONS.get(reason, reason)


def _record(example) -> dict:
    record = example.to_record()
    meta = {k: v for k, v in record.get("meta", {}).items() if k not in NEW_META}
    if "meta" in record:
        record["meta"] = meta
    return record


def _counter(counter) -> list:
    return sorted([[str(k) if not isinstance(k, tuple) else list(k), v] for k, v in counter.items()], key=str)


def lines(folder: str):
    """(section, JSON-ready item) for everything compared."""
    for split in SPLITS:
        examples = list(load_danetqa(split, folder, verify=False))
        for example in examples:
            o = negate_question(example.question)
            yield f"{split}/negate", [o.question, o.negation, o.reframing, o.rule, o.form, o.negative,
                                      reason_name(o.reason)]
        generator = RuleBasedGenerator(seed=0, operations=("negate", "reframe"), balance=True)
        generator.fit(examples)
        for output in generator.generate(examples):
            yield f"{split}/generate", _record(output)
        stats = generator.stats
        yield f"{split}/generate_stats", {"declined": _counter({reason_name(k): v for k, v in stats.declined.items()}),
                                          "produced": _counter(stats.produced), "seen": stats.seen,
                                          "balanced_out": _counter(stats.balanced_out)}
        passages = sorted({example.passage for example in examples})
        texts = RuleBasedGenerator(seed=0)
        for output in texts.from_text(passages):
            yield f"{split}/from_text", _record(output)
        ts = texts.text_stats
        yield f"{split}/from_text_stats", {
            "declined": _counter({reason_name(k): v for k, v in ts.declined.items()}),
            "declined_operations": _counter({reason_name(k): v for k, v in ts.declined_operations.items()}),
            "options": _counter(ts.options), "produced": _counter(ts.produced), "sentences": ts.sentences,
            "kept": ts.kept, "balanced_out": _counter(ts.balanced_out)}


def _normalized(line: str) -> str:
    """A line of an older file with its reasons read through :data:`OLD_REASONS` and new meta dropped."""
    section, item = json.loads(line)
    if section.endswith("/negate"):
        item[-1] = reason_name(item[-1])
    elif section.endswith("_stats"):
        for key in ("declined", "declined_operations"):
            if key in item:
                item[key] = sorted([[reason_name(k), v] for k, v in item[key]], key=str)
    elif "meta" in item:
        item["meta"] = {k: v for k, v in item["meta"].items() if k not in NEW_META}
    return json.dumps([section, item], ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--danetqa", default=DEFAULT)
    parser.add_argument("-o", "--output", required=True, help="JSONL to write (must not exist)")
    parser.add_argument("--compare", help="a file written before: report every difference")
    args = parser.parse_args()
    out = Path(args.output)
    if out.exists():
        sys.exit(f"{out} exists: not overwriting it")
    digests: dict[str, hashlib._Hash] = {}
    with out.open("x", encoding="utf-8") as handle:
        for section, item in lines(args.danetqa):
            text = json.dumps([section, item], ensure_ascii=False)
            handle.write(text + "\n")
            digests.setdefault(section, hashlib.sha256()).update(text.encode() + b"\n")
    for section, digest in digests.items():
        print(f"{section:<28} {digest.hexdigest()[:16]}")
    if args.compare:
        before = [_normalized(line) for line in Path(args.compare).read_text(encoding="utf-8").splitlines()]
        after = [_normalized(line) for line in out.read_text(encoding="utf-8").splitlines()]
        differing = [(i, a, b) for i, (a, b) in enumerate(zip(before, after)) if a != b]
        print(f"compared {len(before)} lines before with {len(after)} after: {len(differing)} differ")
        for i, a, b in differing[:20]:
            print(f"line {i + 1}:\n  before {a[:400]}\n  after  {b[:400]}")
        if differing or len(before) != len(after):
            sys.exit(1)
        print("identical")


if __name__ == "__main__":
    main()
