"""What a scaled run does with each chunk of records: the fitting passes (partial statistics that merge) and the
generating pass (outputs and counts), for ``from-text``, ``negate`` and ``compose``.

A job is picklable and holds only settings, so every worker process rebuilds the same generator; what a chunk
gives depends only on the chunk and the merged fit, never on which worker ran it.
"""

from __future__ import annotations

import hashlib
import inspect
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from augment.corpus import Corpus
from augment.example import Example
from augment.passages import DEFAULT_MAX_PASSAGE_CHARS, DEFAULT_PER_SENTENCE
from augment.report import format_table
from augment.rules.lexicon import DEFAULT_FRAME
from augment.text import answer_word


@dataclass(frozen=True)
class Chunk:
    """The outcome of one chunk: outputs in input order, their counts, and lines to show."""

    outputs: list[Example]
    stats: Any
    preview: list[str]


class Job(ABC):
    """One command's work on chunks (see the module docstring)."""

    command: str
    unit = "record"
    fit_passes = 0  # fitting passes before the generating pass (each may use the merged fits of those before)
    show = 0

    def settings(self) -> dict[str, Any]:
        """What the output depends on (recorded in the manifest; a resumed run must match)."""
        return {key: value for key, value in asdict(self).items() if key != "show"}  # type: ignore[call-overload]

    @abstractmethod
    def records(self, corpus: Corpus) -> Iterator[Example]:
        """The records of ``corpus`` this job reads, in corpus order."""

    def fit(self, chunk: list[Example], done: tuple[Any, ...]) -> Any:
        """The partial fit of one chunk in the fitting pass after those whose merged fits are ``done``."""
        raise NotImplementedError

    def merge_fit(self, total: Any, part: Any) -> Any:
        """Two partial fits merged (exactly: the fit of the union)."""
        raise NotImplementedError

    @abstractmethod
    def generate(self, chunk: list[Example], fit: tuple[Any, ...] | None) -> Chunk:
        """Outputs, counts and preview of one chunk, using the merged fit of each fitting pass (None without)."""

    def finish(self, stats: Any) -> Any:
        """The merged counts completed with what the reading side counted."""
        return stats

    @abstractmethod
    def tables(self, stats: Any) -> str:
        """The merged counts as tables."""


@dataclass
class FromTextJob(Job):
    """``augment from-text``: questions from passages; repeated passages are read once, corpus-wide."""

    seed: int = 0
    frame: str = DEFAULT_FRAME
    passage: str = "paragraph"
    per_sentence: int = DEFAULT_PER_SENTENCE
    balance: bool = True
    field: str | None = None
    max_passage_chars: int = DEFAULT_MAX_PASSAGE_CHARS
    show: int = 0

    command = "from-text"
    unit = "passage"
    fit_passes = 1

    def __post_init__(self) -> None:
        from augment.rules.fromtext import TextFit

        self.duplicates = 0
        self._generator().use_text_fit(TextFit(), **self._options())  # validates the settings before any reading

    def _generator(self):
        from augment.rules.generator import RuleBasedGenerator

        return RuleBasedGenerator(self.seed, frame=self.frame)

    def _options(self) -> dict[str, Any]:
        return {"passage": self.passage, "per_sentence": self.per_sentence, "balance": self.balance,
                "max_passage_chars": self.max_passage_chars}

    def records(self, corpus: Corpus) -> Iterator[Example]:
        self.duplicates = 0
        seen: set[int] = set()  # 8-byte digests: about 50 bytes per distinct passage
        for example in corpus.passages(self.field):
            digest = int.from_bytes(hashlib.blake2b(example.passage.encode("utf-8", "surrogatepass"),
                                                    digest_size=8).digest(), "big")
            if digest in seen:
                self.duplicates += 1
                continue
            seen.add(digest)
            yield example

    def fit(self, chunk: list[Example], done: tuple[Any, ...]) -> Any:
        return self._generator().text_fit(chunk, **self._options())

    def merge_fit(self, total: Any, part: Any) -> Any:
        return total.merge(part)

    def generate(self, chunk: list[Example], fit: Any) -> Chunk:
        generator = self._generator().use_text_fit(fit[0], **self._options())  # type: ignore[index]
        sources = {example.idx: example.meta for example in chunk if example.meta}
        outputs = list(generator.from_text(chunk, **self._options()))
        for output in outputs:
            for key, value in sources.get(output.meta["passage_id"], {}).items():
                output.meta.setdefault(key, value)
        preview = [f"[{answer_word(e.label)}] {e.question}  ({e.meta['operation']})" for e in outputs[:self.show]]
        return Chunk(outputs, generator.text_stats, preview)

    def finish(self, stats: Any) -> Any:
        if stats is not None:
            stats.passages += self.duplicates
            stats.duplicates += self.duplicates
        return stats

    def tables(self, stats: Any) -> str:
        from augment.rules.fromtext import TextStats

        return (stats or TextStats()).tables()


@dataclass
class NegateJob(Job):
    """``augment negate``: negated and reframed questions; with ``balance`` (the default) the label counts are
    fitted first."""

    seed: int = 0
    operations: str = "negate,reframe"
    frame: str = DEFAULT_FRAME
    balance: bool = True
    show: int = 0

    command = "negate"
    unit = "question"

    def __post_init__(self) -> None:
        self.fit_passes = int(self.balance)
        self._generator()  # validates the settings before any reading

    def _generator(self):
        from augment.rules.generator import RuleBasedGenerator

        return RuleBasedGenerator(self.seed, operations=self.operations, frame=self.frame, balance=self.balance)

    def records(self, corpus: Corpus) -> Iterator[Example]:
        return corpus.examples()

    def fit(self, chunk: list[Example], done: tuple[Any, ...]) -> Any:
        return self._generator().label_counts(chunk)

    def merge_fit(self, total: Any, part: Any) -> Any:
        from augment.rules.balance import merge_label_counts

        return merge_label_counts(total, part)

    def generate(self, chunk: list[Example], fit: Any) -> Chunk:
        generator = self._generator()
        if self.balance:
            generator.use_label_counts(fit[0])  # type: ignore[index]
        outputs = list(generator.generate(chunk))
        parents = {example.idx: example for example in chunk}
        preview = []
        for output in outputs:
            parent = parents[output.meta["parent_idx"]]
            if len(preview) < self.show and output.meta["operation"] == "negate":
                preview.append(f"{parent.question}  [{answer_word(parent.label)}]\n"
                               f"  → {output.question}  [{answer_word(output.label)}]")
        return Chunk(outputs, generator.stats, preview)

    def tables(self, stats: Any) -> str:
        from augment.rules.generator import GenerationStats

        return (stats or GenerationStats()).tables()


@dataclass
class ComposeJob(Job):
    """``augment compose``: registered generators in sequence or mixed, then filters; deduplication of
    outputs is within each chunk of records.

    With ``balance`` (the default) each generator that balances labels (``rule_based``) is fitted, in a
    fitting pass of its own, on what it receives in the pipeline: the outputs of the generators before it
    (fitted first), or with ``mix`` its share of the records."""

    generators: tuple[str, ...] = ()
    mix: tuple[float, ...] | None = None
    drop_originals: bool = False
    dedupe: str = "normalized"
    min_chars: int = 8
    max_chars: int = 200
    seed: int = 0
    balance: bool = True

    command = "compose"

    def __post_init__(self) -> None:
        if self.mix is not None and len(self.mix) != len(self.generators):
            raise ValueError(f"--mix has {len(self.mix)} weight(s) for {len(self.generators)} generator(s)")
        generators = self._generators(())  # unknown generator names fail before any reading
        self._balancing = [position for position, generator in enumerate(generators)
                           if getattr(generator, "balance", False) and hasattr(generator, "label_counts")]
        self.fit_passes = len(self._balancing)

    def _generators(self, done: tuple[Any, ...]) -> list[Any]:
        """The generators, the balancing ones given the label counts of the fitting passes ``done``."""
        generators = [_create(name, self.seed, self.balance) for name in self.generators]
        for position, counts in zip(getattr(self, "_balancing", ()), done):
            generators[position].use_label_counts(counts)
        return generators

    def _pipeline(self, fit: tuple[Any, ...] | None):
        from augment.compose import Mix, Pipeline
        from augment.filters import LengthFilter

        generators = self._generators(fit or ())
        if self.mix is not None:
            generators = [Mix(list(zip(generators, self.mix)), seed=self.seed)]
        return Pipeline(generators, keep_originals=not self.drop_originals,
                        filters=[LengthFilter(self.min_chars, self.max_chars)],
                        dedupe=None if self.dedupe == "none" else self.dedupe)

    def records(self, corpus: Corpus) -> Iterator[Example]:
        return corpus.examples()

    def fit(self, chunk: list[Example], done: tuple[Any, ...]) -> Any:
        from augment.compose import Mix, Sequential

        generators = self._generators(done)
        position = self._balancing[len(done)]
        if self.mix is not None:
            mix = Mix(list(zip(generators, self.mix)), seed=self.seed)
            received: Iterable[Example] = [example for example in chunk if mix.choose(example) == position]
        else:
            received = Sequential(*generators[:position]).generate(chunk) if position else chunk
        return generators[position].label_counts(received)

    def merge_fit(self, total: Any, part: Any) -> Any:
        from augment.rules.balance import merge_label_counts

        return merge_label_counts(total, part)

    def generate(self, chunk: list[Example], fit: tuple[Any, ...] | None) -> Chunk:
        pipeline = self._pipeline(fit)
        return Chunk(list(pipeline.run(chunk)), Counter(pipeline.stats), [])

    def tables(self, stats: Any) -> str:
        return format_table(("step", "count"), sorted((stats or Counter()).items()))


def _create(name: str, seed: int, balance: bool) -> Any:
    """The generator ``name``, told to balance labels when its constructor has that option."""
    from augment.generator import create, generator_class

    if "balance" in inspect.signature(generator_class(name)).parameters:
        return create(name, seed=seed, balance=balance)
    return create(name, seed=seed)


def chunked(records: Iterable[Example], size: int) -> Iterator[tuple[int, list[Example]]]:
    """(index, records) of consecutive chunks of ``size`` records."""
    chunk: list[Example] = []
    index = 0
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield index, chunk
            index, chunk = index + 1, []
    if chunk:
        yield index, chunk
