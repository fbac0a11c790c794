"""A job over a corpus in chunks: the fitting passes (partial fits merged), then the generating pass into shards.

The corpus is cut into chunks of ``chunk_size`` records in corpus order. What a chunk gives depends only on
its records and the merged fit, so the output is the same for any number of processes, on any engine, and
for any split of the same records into input files. A folder output resumes: finished shards are kept and
the rest are done again.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from augment.corpus import Corpus
from augment.outputs import check_output, output_lock
from augment.progress import progress_enabled
from augment.scale.engines import Engine, make_engine
from augment.scale.jobs import Chunk, Job, chunked
from augment.scale.merge import merge_all
from augment.scale.shards import FORMATS, ShardFolder, SingleFile, is_folder_output


@dataclass
class Options:
    """How to run: processes or Dask (and its scheduler), chunk size, output format, overwriting, progress."""

    num_proc: int = 1
    engine: str = "local"
    scheduler: str | None = None
    chunk_size: int = 1000
    format: str = "jsonl"
    overwrite: bool = False
    progress: bool | None = None


@dataclass
class Result:
    """What a run did: examples written (all shards), records this run processed, merged counts (all shards),
    wall time, workers, preview lines."""

    written: int
    records: int
    stats: Any
    seconds: float
    workers: int
    preview: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Records per second over the whole run."""
        return self.records / self.seconds if self.seconds else 0.0


def _fit_chunk(shared: tuple[Job, tuple[Any, ...]], chunk: list) -> tuple[Any, int]:
    job, done = shared
    return job.fit(chunk, done), len(chunk)


def _generate_chunk(shared: tuple[Job, Any], chunk: list) -> tuple[Chunk, int]:
    job, fit = shared
    return job.generate(chunk, fit), len(chunk)


class _Progress:
    """One bar over the corpus: records per second, outputs so far, and an ETA once the total is known."""

    def __init__(self, enabled: bool | None, desc: str, unit: str, total: int | None):
        from tqdm.auto import tqdm

        self.bar = tqdm(desc=desc, unit=unit, total=total, disable=not progress_enabled(enabled), smoothing=0.1)
        self.outputs = self.records = 0

    def skip(self, records: int) -> None:
        """Move past records a previous run finished (not counted in this run's rate)."""
        self.bar.update(records)

    def advance(self, records: int, outputs: int = 0) -> None:
        self.outputs += outputs
        self.records += records
        self.bar.update(records)
        if outputs:
            self.bar.set_postfix(questions=self.outputs, refresh=False)

    def close(self) -> None:
        self.bar.close()


def identity(job: Job, corpus: Corpus, options: Options) -> dict[str, Any]:
    """What a folder's output depends on (compared, as JSON, when a run resumes)."""
    found = {"command": job.command, "settings": job.settings(), "inputs": corpus.identity(),
             "chunk_size": options.chunk_size, "format": options.format}
    return json.loads(json.dumps(found))


def run(job: Job, corpus: Corpus, output: str | os.PathLike[str], options: Options) -> Result:
    """Run ``job`` over ``corpus`` into ``output``: a folder of shards, or one file when it ends in ``.jsonl``.

    The output is checked first (:func:`~augment.outputs.check_output`: never one of the corpus's files) and
    its lock (:func:`~augment.outputs.output_lock`) held for the whole run."""
    if options.chunk_size < 1:
        raise ValueError(f"--chunk-size must be >= 1, got {options.chunk_size}")
    if options.format not in FORMATS:
        raise ValueError(f"--format must be one of {', '.join(FORMATS)}, got {options.format!r}")
    single = not is_folder_output(output)
    if single and options.format != "jsonl":
        raise ValueError(f"--format {options.format} writes a folder of shards; give a folder, not {output}")
    target = check_output(output, corpus.files, folder=not single)
    target.parent.mkdir(parents=True, exist_ok=True)
    with output_lock(target):
        return _run(job, corpus, target, options, single)


def _run(job: Job, corpus: Corpus, output: Path, options: Options, single: bool) -> Result:
    sink = SingleFile(output) if single else ShardFolder(output, identity(job, corpus, options), options.overwrite)
    engine = make_engine(options.engine, options.num_proc, options.scheduler)
    start = time.perf_counter()
    try:
        fit, total = None, getattr(sink, "manifest", {}).get("records")
        if job.fit_passes:
            fit = sink.load_fit()
            if fit is None:
                fit, total = _fit_passes(job, corpus, engine, options)
                sink.save_fit(fit, total)
        preview: dict[int, list[str]] = {}
        bar = _Progress(options.progress, "generate", job.unit, total)
        results = _generate_pass(job, corpus, engine, options, fit, sink.finished, bar, preview)
        if isinstance(sink, SingleFile):
            written = sink.write_all((index, chunk.outputs, chunk.stats) for index, chunk, _ in results)
        else:
            for index, chunk, records in results:
                sink.write(index, chunk.outputs, chunk.stats, records)
            written = sink.finish(len(sink.finished))
        bar.close()
    finally:
        engine.close()
    seconds = time.perf_counter() - start
    records = bar.records
    lines = [line for index in sorted(preview) for line in preview[index]][:job.show]
    return Result(written, records, job.finish(merge_all(sink.stats())), seconds, engine.workers, lines)


def _fit_passes(job: Job, corpus: Corpus, engine: Engine, options: Options) -> tuple[tuple[Any, ...], int]:
    """The merged fit of each of the job's fitting passes (each pass sees those before it), and the records."""
    done: tuple[Any, ...] = ()
    total = 0
    for number in range(job.fit_passes):
        desc = "fit" if job.fit_passes == 1 else f"fit {number + 1}/{job.fit_passes}"
        bar = _Progress(options.progress, desc, job.unit, total or None)
        fit, total = None, 0
        for _, (part, records) in engine.map(_fit_chunk, (job, done), chunked(job.records(corpus), options.chunk_size)):
            fit = part if fit is None else job.merge_fit(fit, part)
            total += records
            bar.advance(records)
        bar.close()
        done = (*done, fit if fit is not None else job.fit([], done))
    return done, total


def _generate_pass(job: Job, corpus: Corpus, engine: Engine, options: Options, fit: Any, finished: set[int],
                   bar: _Progress, preview: dict[int, list[str]]) -> Iterator[tuple[int, Chunk, int]]:
    def todo() -> Iterator[tuple[int, list]]:
        for index, chunk in chunked(job.records(corpus), options.chunk_size):
            if index in finished:
                bar.skip(len(chunk))
            else:
                yield index, chunk

    shown = 0
    for index, (chunk, records) in engine.map(_generate_chunk, (job, fit), todo()):
        bar.advance(records, len(chunk.outputs))
        if shown < job.show and chunk.preview:
            preview[index] = chunk.preview
            shown += len(chunk.preview)
        yield index, chunk, records
