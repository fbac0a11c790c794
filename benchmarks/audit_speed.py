"""How long a full audit takes on one core, and its peak memory: 10,000 and 100,000 examples.

    PYTHONPATH=. python benchmarks/audit_speed.py [--danetqa FOLDER] [--sizes 10000,100000]

Each size runs in its own process pinned to one core (BLAS and OpenMP limited to one thread): it builds the
examples, then times ``augment.audit.run.audit`` plus writing the report (``report.md``, ``audit.json``,
plots) and reports CPU seconds, wall seconds and the process's peak resident memory. The examples are
DaNetQA train and val questions (the sample when DaNetQA is absent) with one word replaced per copy, each
copy with its own idx and passage (so each is its own origin group, the most work for folds and the
bootstrap) and labels drawn at random beyond the originals. Targets (issue 10): 10,000 under 20 s, 100,000
under 3 minutes, memory under 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _danetqa import DEFAULT

ONE_THREAD = dict.fromkeys(("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"), "1")


def build(size: int, folder: str) -> list:
    """``size`` examples: the base questions with one word replaced per copy (seeded)."""
    from augment import Example, read_jsonl
    from augment.danetqa import load_danetqa

    if Path(folder, "train.jsonl").is_file():
        base = [e for split in ("train", "val") for e in load_danetqa(split, folder, verify=False)]
    else:
        base = list(read_jsonl(Path(__file__).resolve().parents[1] / "examples" / "data" / "sample.jsonl"))
    words = sorted({word for e in base for word in e.question.split()})
    rng = random.Random(0)
    examples = []
    for i in range(size):
        source = base[i % len(base)]
        tokens = source.question.split()
        tokens[rng.randrange(len(tokens))] = rng.choice(words)
        label = source.label if i < len(base) else rng.random() < 0.5
        examples.append(Example(" ".join(tokens), f"{source.passage} ({i})", label, i))
    return examples


def measure(size: int, folder: str) -> dict[str, float]:
    """Run in the child: build, then time the audit and the report (CPU and wall) and read peak memory."""
    from augment.audit.report import write_report
    from augment.audit.run import audit

    examples = build(size, folder)
    cpu, wall = time.process_time(), time.perf_counter()
    result = audit(examples)
    with tempfile.TemporaryDirectory() as out:
        write_report(result, Path(out) / "report")
    return {"examples": size, "cpu_s": round(time.process_time() - cpu, 1),
            "wall_s": round(time.perf_counter() - wall, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "verdict": result.verdict}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--danetqa", default=DEFAULT)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        print(json.dumps(measure(args.child, args.danetqa)))
        return
    from augment.report import format_table

    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        result = subprocess.run([sys.executable, __file__, "--danetqa", args.danetqa, "--child", str(size)],
                                env={**os.environ, **ONE_THREAD}, capture_output=True, text=True, check=True)
        row = json.loads(result.stdout.strip().splitlines()[-1])
        rows.append((row["examples"], row["cpu_s"], row["wall_s"], row["peak_rss_mb"], row["verdict"]))
    print(format_table(("examples", "CPU s (one core)", "wall s", "peak memory MB", "verdict"), rows))


if __name__ == "__main__":
    main()
