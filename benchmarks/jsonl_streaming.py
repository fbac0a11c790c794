"""Reading a large JSONL file: streaming memory vs materializing, and lines per second.

    PYTHONPATH=. python benchmarks/jsonl_streaming.py [--lines 1000000]

Each arm runs in its own process so its peak resident memory (ru_maxrss) is its own. The streaming reader's
memory grows only with the idx table it keeps to reject duplicate idx values, not with the records.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ARM = """
import resource, sys, time
from augment import read_jsonl
start = time.perf_counter()
if sys.argv[2] == "stream":
    count = sum(1 for _ in read_jsonl(sys.argv[1]))
else:
    count = len(list(read_jsonl(sys.argv[1])))
print(count, time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def write_file(path: Path, lines: int) -> None:
    passage = "Байкал — озеро тектонического происхождения на юге Восточной Сибири, самое глубокое на планете. " * 4
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(lines):
            record = {"question": f"Правда ли что байкал глубже {i} метров?", "passage": passage,
                      "label": i % 2 == 0, "idx": i}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    args = parser.parse_args()
    from augment.report import format_table

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.jsonl"
        write_file(path, args.lines)
        size_mb = path.stat().st_size / 2**20
        rows = []
        for arm in ("stream", "materialize"):
            out = subprocess.run([sys.executable, "-c", ARM, str(path), arm], capture_output=True, text=True,
                                 check=True).stdout.split()
            count, seconds, peak_mb = int(out[0]), float(out[1]), float(out[2])
            rows.append((arm, count, f"{count / seconds:,.0f}", f"{peak_mb:,.0f}"))
    print(f"file: {args.lines:,} lines, {size_mb:,.0f} MiB")
    print(format_table(("arm", "examples", "lines/s", "peak RSS (MiB)"), rows))
    stream_mb, full_mb = float(rows[0][3].replace(",", "")), float(rows[1][3].replace(",", ""))
    print(f"materializing needs {full_mb / stream_mb:.1f}x the memory of streaming")


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"({time.perf_counter() - start:.0f} s)")
