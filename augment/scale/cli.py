"""The options every corpus-scale command shares (inputs, processes, Dask, shards) and its report."""

from __future__ import annotations

import argparse

from augment.cli import declare_paths
from augment.corpus import Corpus
from augment.corpus.files import expand_input
from augment.scale.jobs import Job
from augment.scale.runner import Options, Result, run
from augment.scale.shards import FORMATS, is_folder_output


def add_scale_options(parser: argparse.ArgumentParser) -> None:
    """``--hf-dataset/--split``, ``--num-proc``, ``--engine/--scheduler``, ``--chunk-size``, ``--format``,
    ``--overwrite``; and the paths: the input's files (a file, folder or glob) are checked, and the output (a
    ``.jsonl`` file, else a folder of shards) must not be, hold, or lie inside any of them."""
    declare_paths(parser, inputs=("input",), output="output", folder=is_folder_output, expand=expand_input)
    group = parser.add_argument_group("corpus scale", "inputs of any size, parallel runs, resumable output")
    group.add_argument("--hf-dataset", metavar="NAME", help="read a Hugging Face data set (a hub name, streamed, "
                                                            "or a folder saved with save_to_disk) instead of files")
    group.add_argument("--split", default="train", help="the split of --hf-dataset (default train)")
    group.add_argument("--num-proc", type=int, default=1, metavar="N",
                       help="worker processes (default 1); with --engine dask and no --scheduler, local workers")
    group.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="local processes (default) or a dask.distributed cluster")
    group.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler, e.g. tcp://10.0.0.1:8786")
    group.add_argument("--chunk-size", type=int, default=1000, metavar="N",
                       help="records per chunk, the unit of work and of output shards (default 1000)")
    group.add_argument("--format", choices=tuple(FORMATS), default="jsonl",
                       help="shard format of a folder output: jsonl (gzipped, default) or parquet")
    group.add_argument("--overwrite", action="store_true",
                       help="replace an output folder made with other settings or inputs (default: refuse)")


def corpus_from_args(args: argparse.Namespace) -> Corpus:
    inputs = [args.input] if args.input else []
    return Corpus(inputs, hf_dataset=args.hf_dataset, split=args.split, errors=getattr(args, "on_error", "raise"))


def run_command(job: Job, args: argparse.Namespace) -> Result:
    """Run ``job`` as the command's arguments say and print the preview, the totals and the tables."""
    corpus = corpus_from_args(args)
    options = Options(num_proc=args.num_proc, engine=args.engine, scheduler=args.scheduler,
                      chunk_size=args.chunk_size, format=args.format, overwrite=args.overwrite,
                      progress=args.progress)
    result = run(job, corpus, args.output, options)
    if corpus.skipped:
        print(corpus.report())
    for line in result.preview:
        print(line)
    if result.preview:
        print()
    print(f"wrote {result.written} example(s) to {args.output}")
    print(f"{result.records} {job.unit}(s) in {result.seconds:.1f} s: {result.rate:.1f} {job.unit}s/s "
          f"with {result.workers} worker(s)")
    print(job.tables(result.stats))
    return result
