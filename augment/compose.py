"""Composition: generators in sequence or mixed by ratio, originals kept or dropped, then filters.

A :class:`Pipeline` runs over any iterable of examples, or as a ``datasets.Dataset.map(batched=True)``
callback; both give the same rows in the same order, whatever the batch size or ``num_proc``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any, TypeVar

from augment.example import Example, LabelEffect, as_examples
from augment.filters import DedupeMode, Filter, duplicate_key
from augment.generator import Generator

T = TypeVar("T")
ORIGINAL_COLUMN = "_original"
Batch = dict[str, list[Any]]


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def group_by_source(inputs: Sequence[Example], outputs: Iterable[Example]) -> list[list[Example]]:
    """``outputs`` grouped under the input they descend from (by ``source_idx``), in input order."""
    position: dict[Any, int] = {}
    for i, example in enumerate(inputs):
        position.setdefault(example.source_idx, i)
    groups: list[list[Example]] = [[] for _ in inputs]
    for output in outputs:
        if output.source_idx not in position:
            raise ValueError(f"output {output.idx!r} names source {output.source_idx!r}, which is not among its inputs")
        groups[position[output.source_idx]].append(output)
    return groups


class Sequential(Generator):
    """Applies generators one after another: the second works on what the first produced, and so on."""

    name = "sequential"
    version = "1"

    def __init__(self, *generators: Generator):
        if not generators:
            raise ValueError("Sequential needs at least one generator")
        super().__init__()
        self.generators = generators

    @property
    def label_effects(self) -> Mapping[str, LabelEffect]:  # type: ignore[override]
        return {op: effect for g in self.generators for op, effect in g.label_effects.items()}

    def generate(self, examples: Iterable[Example]) -> Iterator[Example]:
        stream: Iterable[Example] = examples
        for generator in self.generators:
            stream = generator.generate(stream)
        yield from stream


class Mix(Generator):
    """Sends each example to one generator drawn with probability proportional to its weight.

    The draw for an example depends only on (seed, idx), so the split is the same in any row order.
    """

    name = "mix"
    version = "1"

    def __init__(self, weighted: Sequence[tuple[Generator, float]], seed: int = 0, chunk_size: int = 256):
        if not weighted:
            raise ValueError("Mix needs at least one (generator, weight) pair")
        weights = [float(w) for _, w in weighted]
        if any(not math.isfinite(w) or w < 0 for w in weights) or sum(weights) <= 0:
            raise ValueError(f"Mix weights must be finite, non-negative and not all zero, got {weights}")
        super().__init__(seed)
        self.generators = [g for g, _ in weighted]
        self.weights = weights
        self.chunk_size = chunk_size

    @property
    def label_effects(self) -> Mapping[str, LabelEffect]:  # type: ignore[override]
        return {op: effect for g in self.generators for op, effect in g.label_effects.items()}

    def choose(self, example: Example) -> int:
        """Index of the generator ``example`` goes to."""
        return self.rng(example).choices(range(len(self.generators)), weights=self.weights)[0]

    def generate(self, examples: Iterable[Example]) -> Iterator[Example]:
        for chunk in batched(as_examples(examples), self.chunk_size):
            shares: list[list[Example]] = [[] for _ in self.generators]
            for example in chunk:
                shares[self.choose(example)].append(example)
            outputs = [out for g, share in zip(self.generators, shares) if share for out in g.generate(share)]
            for group in group_by_source(chunk, outputs):
                yield from group


class Pipeline:
    """A generator (or several in sequence) with originals kept or dropped, filters, and deduplication.

    Generated examples pass ``filters`` in order; with ``dedupe`` set ("exact" or "normalized", see
    :func:`augment.filters.normalize_text`) an output is dropped when its (question, passage) repeats any
    original or an earlier output. Originals are never dropped. ``stats`` counts what happened.
    """

    def __init__(
        self,
        generator: Generator | Sequence[Generator],
        *,
        keep_originals: bool = True,
        filters: Sequence[Filter] = (),
        dedupe: DedupeMode | None = "normalized",
        chunk_size: int = 256,
    ):
        self.generator = generator if isinstance(generator, Generator) else Sequential(*generator)
        self.keep_originals = keep_originals
        self.filters = list(filters)
        self.dedupe = dedupe
        self.chunk_size = chunk_size
        self.stats: Counter[str] = Counter()

    def _key(self, example: Example) -> bytes:
        return duplicate_key(example, self.dedupe or "exact")

    def _original_keys(self, originals: Iterable[Example]) -> frozenset[bytes]:
        return frozenset(self._key(e) for e in originals) if self.dedupe else frozenset()

    def _augment_chunk(self, chunk: Sequence[Example], original_keys: frozenset[bytes]) -> list[list[Example]]:
        """Per input of ``chunk``: its outputs that pass the filters and repeat no original and no sibling."""
        self.stats["input"] += len(chunk)
        outputs = list(self.generator.generate(chunk))
        self.stats["generated"] += len(outputs)
        for filter_ in self.filters:
            verdicts = filter_.select(outputs)
            self.stats[f"dropped: {filter_.name}"] += verdicts.count(False)
            outputs = [out for out, keep in zip(outputs, verdicts) if keep]
        groups = group_by_source(chunk, outputs)
        if not self.dedupe:
            return groups
        kept_groups = []
        for group in groups:
            seen: set[bytes] = set()
            kept = []
            for out in group:
                key = self._key(out)
                if key in original_keys:
                    self.stats["dropped: duplicate of an original"] += 1
                elif key in seen:
                    self.stats["dropped: duplicate output"] += 1
                else:
                    seen.add(key)
                    kept.append(out)
            kept_groups.append(kept)
        return kept_groups

    def run(self, examples: Iterable[Example]) -> Iterator[Example]:
        """Originals (if kept) each followed by what was made from it.

        ``examples`` are Examples or mappings with their fields (e.g. rows of a ``datasets.Dataset``; see
        :func:`augment.example.as_example`). With deduplication the input is read twice (once for the
        originals' keys): it is materialized first.
        """
        examples = list(as_examples(examples)) if self.dedupe else as_examples(examples)
        original_keys = self._original_keys(examples)
        seen: set[bytes] = set()
        for chunk in batched(examples, self.chunk_size):
            for original, outputs in zip(chunk, self._augment_chunk(chunk, original_keys)):
                if self.keep_originals:
                    yield original
                for out in outputs:
                    if self.dedupe:
                        key = self._key(out)
                        if key in seen:
                            self.stats["dropped: duplicate output"] += 1
                            continue
                        seen.add(key)
                    self.stats["kept"] += 1
                    yield out

    def map_function(self, originals: Iterable[Example] = ()) -> Callable[[Batch], Batch]:
        """A ``Dataset.map(batched=True)`` callback (row-pure: the same rows under any ``num_proc``).

        Deduplication inside the callback covers the ``originals`` and each input's own outputs; repeats
        between outputs of different inputs are removed by :meth:`augment_dataset` afterwards. The
        callback adds a boolean ``_original`` column marking input rows.
        """
        from augment.hf import from_columns, to_columns

        original_keys = self._original_keys(originals)

        def augment_batch(batch: Batch) -> Batch:
            chunk = from_columns(batch)
            rows: list[Example] = []
            flags: list[bool] = []
            for original, outputs in zip(chunk, self._augment_chunk(chunk, original_keys)):
                if self.keep_originals:
                    rows.append(original)
                    flags.append(True)
                rows.extend(outputs)
                flags.extend([False] * len(outputs))
            return {**to_columns(rows), ORIGINAL_COLUMN: flags}

        return augment_batch

    def augment_dataset(self, dataset: Any, *, num_proc: int | None = None, batch_size: int = 256) -> Any:
        """Run the pipeline over a ``datasets.Dataset`` with ``Dataset.map``; returns the augmented Dataset."""
        from augment.hf import features, from_dataset

        mapped = dataset.map(
            self.map_function(from_dataset(dataset)),
            batched=True,
            batch_size=batch_size,
            num_proc=num_proc,
            remove_columns=dataset.column_names,
            features=features(**{ORIGINAL_COLUMN: "bool"}),
            desc="augment",
        )
        if self.dedupe:
            seen: set[bytes] = set()
            keep = []
            for start in range(0, len(mapped), 1000):
                batch = mapped[start : start + 1000]
                for question, passage, original in zip(batch["question"], batch["passage"], batch[ORIGINAL_COLUMN]):
                    key = b"" if original else self._key(Example(question, passage))
                    keep.append(original or key not in seen)
                    if not original:
                        seen.add(key)
            mapped = mapped.select([i for i, k in enumerate(keep) if k])
        return mapped.remove_columns(ORIGINAL_COLUMN)
