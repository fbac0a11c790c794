"""Throughput of ``from-text`` over a corpus on 1 and 2 processes and on a local Dask cluster, and peak memory
at 1x and 10x the input.

    PYTHONPATH=. python benchmarks/scale.py [--danetqa FOLDER] [--passages 2000] [--chunk-size 50] [--rss 250]
                                            [--cache-bound 5000] [--rss-only] [--no-dask]

The corpus is DaNetQA's distinct passages written as wikiextractor output (JSON lines with id, title and
text). Each run is the whole job (both passes: fitting the pool and balance, then generating, worker
start-up included) into a folder of shards; the outputs must be identical. On a machine whose cores are busy
with other work the wall-clock speed-up says little, so the table also gives the CPU seconds of the driver
(reading, writing) and of the workers, and the speed-up they allow on idle cores: one process's CPU time over
the larger of the driver's and one worker's share. Peak RSS is measured on the
``augment from-text`` command (one process) over the first ``--rss`` passages, over ten times as many
distinct passages (whose new words fill the word caches), and over ten distinct copies of the 1x passages (the
same vocabulary: what the runner itself adds with the size of the corpus); once with the default cache bounds
(``augment.rules.morphology.WORD_CACHE`` word forms, ``augment.rules.tokens.CHUNK_CACHE`` text chunks), which
DaNetQA is too small to fill, and once with both bounded at ``--cache-bound`` entries, which the 1x input fills
as a corpus of Wikipedia's size fills the default bounds.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _danetqa import DEFAULT, unique_passages

from augment import read_jsonl
from augment.corpus import Corpus
from augment.report import format_table
from augment.rules.morphology import shared_morphology
from augment.scale.jobs import FromTextJob, chunked
from augment.scale.runner import Options, run

ROOT = Path(__file__).resolve().parents[1]


def write_corpus(passages: list[str], path: Path) -> Path:
    path.write_text("".join(json.dumps({"id": str(i), "title": f"passage {i}", "text": text}, ensure_ascii=False)
                            + "\n" for i, text in enumerate(passages)), encoding="utf-8")
    return path


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished child processes."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


# runs the command with the word and chunk caches bounded at argv[1] entries, then prints its peak RSS (KB)
BOUNDED = ("import resource, sys; import augment.rules.morphology as m, augment.rules.tokens as t; "
           "m.WORD_CACHE = t.CHUNK_CACHE = int(sys.argv[1]); from augment.cli import main; main(sys.argv[2:]); "
           "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")


def peak_rss_mb(corpus: Path, out: Path, chunk_size: int, cache_bound: int | None = None) -> float:
    """Peak RSS of ``augment from-text`` over ``corpus`` in a fresh process (measured by a wrapper), with the
    default cache bounds or with the word and chunk caches bounded at ``cache_bound`` entries."""
    wrapper = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
               "stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    arguments = ["from-text", str(corpus), "-o", str(out), "--chunk-size", str(chunk_size), "--no-progress"]
    command = [sys.executable, "-m", "augment", *arguments]
    if cache_bound:
        command = [sys.executable, "-c", BOUNDED, str(cache_bound), *arguments]
    found = subprocess.run([sys.executable, "-c", wrapper, *command], check=True, capture_output=True, text=True,
                           cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    return int(found.stdout.split()[-1]) / 1024


def driver_rate(corpus: Path, chunk_size: int, repeat: int = 3) -> float:
    """Passages per CPU second the driver reads, deduplicates and pickles into chunks (one pass)."""
    job, start, count = FromTextJob(), time.process_time(), 0
    for _ in range(repeat):
        for _, chunk in chunked(job.records(Corpus([corpus])), chunk_size):
            pickle.dumps(chunk)
            count += len(chunk)
    return count / (time.process_time() - start)


def measure(runs: list[tuple[str, Options]], corpus: Path, work: Path) -> str:
    """Run each of ``runs`` (in that order) and tabulate speed, CPU time and whether the outputs agree."""
    measured = {}
    for k, (name, options) in enumerate(runs):
        before = cpu_seconds()
        result = run(FromTextJob(), Corpus([corpus]), work / f"out{k}", options)
        driver, workers = (after - start for after, start in zip(cpu_seconds(), before))
        output = [json.dumps(e.to_record(), ensure_ascii=False) for e in read_jsonl(work / f"out{k}")]
        measured[name] = (result, driver, workers, output)
    serial, serial_cpu, _, reference = measured["1 process"]
    rows = []
    for name in sorted(measured, key=lambda name: (measured[name][0].workers, "dask" in name)):
        result, driver, workers, output = measured[name]
        # on idle cores a run takes as long as its busiest side: the reading and writing process, or each
        # worker's share of the chunks
        bound = serial_cpu / max(driver, workers / result.workers) if workers else 1.0
        rows.append((name, result.workers, f"{result.seconds:.1f}", f"{result.rate:.1f}",
                     f"{result.rate / serial.rate:.2f}x", f"{driver:.1f}", f"{workers:.1f}", f"{bound:.2f}x",
                     output == reference, result.written))
    return format_table(("engine", "workers", "seconds", "passages/s", "speed-up", "driver CPU s", "workers CPU s",
                         "CPU-bound speed-up", "same output", "questions"), rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--danetqa", default=DEFAULT)
    parser.add_argument("--passages", type=int, default=2000, help="passages in the throughput corpus")
    parser.add_argument("--chunk-size", type=int, default=50)
    parser.add_argument("--rss", type=int, default=250, help="passages of the 1x corpus for peak RSS")
    parser.add_argument("--cache-bound", type=int, default=5000,
                        help="the word and chunk cache bound of the second peak-RSS table: below what the 1x corpus "
                             "fills, as a corpus of Wikipedia's size fills the default bounds")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--rss-only", action="store_true", help="measure peak RSS only")
    args = parser.parse_args()
    passages = unique_passages(args.danetqa)
    work = Path(tempfile.mkdtemp(prefix="scale-bench-"))
    if not args.rss_only:
        throughput(args, passages, work)
    peak_memory(args, passages, work)


def throughput(args: argparse.Namespace, passages: list[str], work: Path) -> None:
    """Speed of 1 and 2 processes and of Dask, with cold and warm word caches, and of the driver alone."""
    load = f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    corpus = write_corpus(passages[:args.passages], work / "wiki_00")

    runs = [("1 process", Options(num_proc=1, chunk_size=args.chunk_size)),
            ("2 processes", Options(num_proc=2, chunk_size=args.chunk_size))]
    if not args.no_dask:
        runs.append(("dask, LocalCluster of 2", Options(engine="dask", num_proc=2, chunk_size=args.chunk_size)))
    shared_morphology().word("кит")  # the dictionaries, loaded once (forked workers share them)
    print(f"from-text over {min(args.passages, len(passages))} DaNetQA passages (paragraph mode), "
          f"chunks of {args.chunk_size}, both passes, start-up included; load average before: {load}\n")
    # cold: the one-process run goes last, or forked workers would inherit the word caches it warmed
    print("cold word caches (every process parses the words it meets for the first time):")
    print(measure(list(reversed(runs)), corpus, work / "cold"))
    # warm: the steady state of a long run, where the words have been seen (forked workers inherit the
    # caches; Dask's spawned workers cannot, so it is left out)
    print("\nwarm word caches (the steady state of a long run):")
    print(measure(runs[:2], corpus, work / "warm"))
    print(f"\nthe driver alone reads, deduplicates and pickles {driver_rate(corpus, args.chunk_size):,.0f} passages "
          "per CPU second (one pass)\n")


def peak_memory(args: argparse.Namespace, passages: list[str], work: Path) -> None:
    """Peak RSS at 1x and 10x the input, with the default cache bounds and with bounds the 1x input fills."""
    small = passages[:args.rss]
    copies = [f"Запись {k}. {text}" for k in range(10) for text in small]  # distinct texts, the same words
    rows = []
    for bound in (None, args.cache_bound):
        memory: list[float] = []
        for name, texts in (("1x", small), ("10x, new passages", passages[:10 * args.rss]),
                            ("10x, the same vocabulary", copies)):
            path = write_corpus(texts, work / f"rss{len(rows)}.jsonl")
            memory.append(peak_rss_mb(path, work / f"rss{len(rows)}", args.chunk_size, bound))
            rows.append((f"{bound:,}" if bound else "default", name, len(texts), f"{memory[-1]:.0f}",
                         f"{memory[-1] / memory[0]:.2f}x"))
    print(format_table(("word and chunk caches", "input", "passages", "peak RSS (MB)", "vs 1x"), rows))


if __name__ == "__main__":
    main()
