"""Output of a scaled run: a folder of shards with a manifest, resumable; or one JSONL file.

A folder holds ``manifest.json`` (the command, its settings, its inputs, the chunk size and format, and the
finished shards), ``part-NNNNN.jsonl.gz`` (or ``.parquet``) per chunk of input, each with its counts in
``part-NNNNN.stats.pickle``, and ``fit.pickle`` (the merged fit, so that a resumed run skips the fitting pass).
Every file is written atomically (:func:`augment.outputs.atomic_open`), the manifest after its shard: a shard the
manifest lists is whole. The writer holds the folder's lock (:func:`augment.outputs.output_lock`) for the whole
run, so it removes the temporary files a killed run left in the folder.
"""

from __future__ import annotations

import gzip
import json
import os
import pickle
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from augment.example import Example
from augment.jsonl import CheckedReader, DataError, Located, dump_line, example_at, idx_from_text, write_jsonl
from augment.optional import require
from augment.outputs import atomic_open, remove_stale_temps

MANIFEST = "manifest.json"
FIT = "fit.pickle"
FORMATS = {"jsonl": ".jsonl.gz", "parquet": ".parquet"}
# the temp file of a write to one of a folder's files: ".NAME.xxxxxxxx.tmp" (see augment.outputs.atomic_open)
_TEMP = re.compile(rf"\.((?:{re.escape(MANIFEST)}|{re.escape(FIT)}|part-\d+\..+))\.[a-z0-9_]{{8}}\.tmp")


def is_folder_output(path: str | os.PathLike[str]) -> bool:
    """Whether a run writes ``path`` as a folder of shards (anything but a ``.jsonl`` file)."""
    return not os.fspath(path).lower().endswith(".jsonl")


def _write_bytes(path: Path, data: bytes) -> None:
    with atomic_open(path, lock=False, binary=True) as handle:  # the run holds the folder's lock
        handle.write(data)


def _write_shard(path: Path, outputs: list[Example], format: str) -> None:
    with atomic_open(path, lock=False, binary=True) as handle:  # the run holds the folder's lock
        if format == "parquet":
            parquet = require("pyarrow.parquet", "scale")
            columns = {
                "question": [e.question for e in outputs], "passage": [e.passage for e in outputs],
                "label": [e.label for e in outputs], "idx": [str(e.idx) for e in outputs],
                "meta": [json.dumps(e.meta, ensure_ascii=False) for e in outputs],
            }
            pyarrow = require("pyarrow", "scale")
            schema = pyarrow.schema([("question", pyarrow.string()), ("passage", pyarrow.string()),
                                     ("label", pyarrow.bool_()), ("idx", pyarrow.string()), ("meta", pyarrow.string())])
            parquet.write_table(pyarrow.table(columns, schema=schema), handle)
            return
        with gzip.GzipFile(fileobj=handle, mode="wb", mtime=0, filename="") as packed:
            for example in outputs:
                packed.write(dump_line(example).encode("utf-8"))


def is_shard_folder(path: str | os.PathLike[str]) -> bool:
    return (Path(path) / MANIFEST).is_file()


def shard_files(path: str | os.PathLike[str]) -> list[Path] | None:
    """The shard files of the shard folder ``path`` in order (None when it is not one); a ValueError when its run
    has not finished."""
    if not is_shard_folder(path):
        return None
    manifest = json.loads((Path(path) / MANIFEST).read_text(encoding="utf-8"))
    if not manifest.get("complete"):
        raise ValueError(f"{path}: the run writing this folder has not finished; run it again to resume")
    return [Path(path) / shard["file"] for shard in _in_order(manifest)]


def _in_order(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The finished shards a folder's manifest lists, in chunk order."""
    return [shard for _, shard in sorted((int(index), shard) for index, shard in manifest["shards"].items())]


class ShardFolder:
    """The output folder of a run made with ``identity`` (command, settings, inputs, chunk size, format).

    Opening a folder another run started resumes it when ``identity`` matches; a different identity is
    refused unless ``overwrite`` (then the files a run writes are removed first); a folder holding anything
    else, or a file at ``path``, is refused always. Open it while holding the folder's
    :func:`~augment.outputs.output_lock` (as :func:`augment.scale.runner.run` does).
    """

    def __init__(self, path: str | os.PathLike[str], identity: dict[str, Any], overwrite: bool = False):
        self.path = Path(path)
        self.format = identity["format"]
        self.manifest: dict[str, Any] = {"identity": identity, "shards": {}, "complete": False}
        if self.path.exists() and not self.path.is_dir():
            raise ValueError(f"{self.path} is a file; the output of this run is a folder of shards "
                             "(give a .jsonl path for one file)")
        if self.path.is_dir():
            self._remove_torn()
        if self.path.is_dir() and any(self.path.iterdir()):
            if not is_shard_folder(self.path):
                raise ValueError(f"{self.path} holds files this tool did not write; choose an empty or new folder")
            found = json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))
            if found.get("identity") == identity:
                self.manifest = found
            elif not overwrite:
                changed = sorted(key for key in {*identity, *found.get("identity", {})}
                                 if identity.get(key) != found.get("identity", {}).get(key))
                raise ValueError(f"{self.path} holds a run with other {', '.join(changed)}; pass --overwrite to "
                                 "replace it, or choose another folder")
            else:
                self._remove_run()
        self._save()

    def _remove_run(self) -> None:
        for child in self.path.iterdir():
            if child.name in (MANIFEST, FIT) or child.name.startswith("part-"):
                child.unlink()

    def _remove_torn(self) -> None:
        """Remove the temporary files of writes a killed run left unfinished."""
        for name in {found[1] for child in self.path.iterdir() if (found := _TEMP.fullmatch(child.name))}:
            remove_stale_temps(self.path / name)

    def _save(self) -> None:
        with atomic_open(self.path / MANIFEST, lock=False) as handle:
            json.dump(self.manifest, handle, ensure_ascii=False, indent=1)

    @property
    def finished(self) -> set[int]:
        return {int(index) for index in self.manifest["shards"]}

    def load_fit(self) -> Any:
        """The merged fit a previous run of this folder saved, or None."""
        path = self.path / FIT
        return pickle.loads(path.read_bytes()) if path.exists() else None

    def save_fit(self, fit: Any, records: int) -> None:
        _write_bytes(self.path / FIT, pickle.dumps(fit))
        self.manifest["records"] = records
        self._save()

    def write(self, index: int, outputs: list[Example], stats: Any, records: int) -> None:
        """Write the shard of chunk ``index`` and its counts, then list it in the manifest."""
        name = f"part-{index:05d}"
        _write_shard(self.path / f"{name}{FORMATS[self.format]}", outputs, self.format)
        _write_bytes(self.path / f"{name}.stats.pickle", pickle.dumps(stats))
        self.manifest["shards"][str(index)] = {"file": f"{name}{FORMATS[self.format]}", "examples": len(outputs),
                                               "records": records}
        self._save()

    def stats(self) -> list[Any]:
        """The counts of every finished shard, in shard order."""
        return [pickle.loads((self.path / f"part-{index:05d}.stats.pickle").read_bytes())
                for index in sorted(self.finished)]

    def finish(self, chunks: int) -> int:
        """Mark the run complete; returns the number of examples in all shards."""
        self.manifest.update(complete=True, chunks=chunks)
        self._save()
        return sum(shard["examples"] for shard in self.manifest["shards"].values())


class SingleFile:
    """One JSONL file, written atomically: chunks are put in order as they arrive (no resuming)."""

    finished: set[int] = set()

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._waiting: dict[int, tuple[list[Example], Any]] = {}
        self._stats: list[Any] = []

    def load_fit(self) -> Any:
        return None

    def save_fit(self, fit: Any, records: int) -> None:
        """Nothing to save: a single file does not resume."""

    def write_all(self, results: Iterator[tuple[int, list[Example], Any]]) -> int:
        """Write the outputs of ``(index, outputs, stats)`` in index order; returns how many were written."""

        def ordered() -> Iterator[Example]:
            next_index = 0
            for index, outputs, stats in results:
                self._waiting[index] = (outputs, stats)
                while next_index in self._waiting:
                    outputs, stats = self._waiting.pop(next_index)
                    self._stats.append(stats)
                    yield from outputs
                    next_index += 1

        return write_jsonl(ordered(), self.path)

    def stats(self) -> list[Any]:
        return self._stats


class ShardReader(CheckedReader):
    """The examples of a shard folder, shard after shard, checked as :class:`~augment.jsonl.JsonlReader` checks
    a file's.

    A folder whose run has not finished raises, or with ``errors="skip"`` reads the finished shards and
    counts the run as skipped.
    """

    def located(self) -> Iterator[Located]:
        from augment.corpus.readers import read_file

        manifest = json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))
        if not manifest.get("complete"):
            yield str(self.path / MANIFEST), 1, DataError(
                self.path / MANIFEST, 1, None, f"the run writing this folder has not finished "
                f"({len(manifest['shards'])} shard(s) so far); run it again to resume")
        for shard in _in_order(manifest):
            path = str(self.path / shard["file"])
            for number, record in read_file(self.path / shard["file"]):
                try:
                    if isinstance(record, DataError):
                        raise record
                    if path.endswith(".parquet"):
                        record = {**record, "idx": idx_from_text(record["idx"])}
                    yield path, number, example_at(record, path, number)
                except DataError as error:
                    yield path, number, error
