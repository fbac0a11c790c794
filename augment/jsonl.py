"""Streaming DaNetQA JSONL reading with validation, atomic writing, and resumable appending."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Literal

from augment.example import Example, Idx
from augment.outputs import OutputError, atomic_open, check_output, output_lock, remove_stale_temps

__all__ = ["DataError", "JsonlAppender", "JsonlReader", "append_jsonl", "atomic_open", "drop_torn_tail",
           "dump_line", "example_from_record", "manifest_path", "parse_label", "read_jsonl", "write_jsonl"]

ErrorMode = Literal["raise", "skip"]
_TRUE = {"true": True, "false": False}


class DataError(ValueError):
    """A record that cannot be read; names the file, the line and the field."""

    def __init__(self, path: str | os.PathLike[str], line: int, field: str | None, problem: str):
        self.path, self.line, self.field, self.problem = str(path), line, field, problem
        where = f"{self.path}:{line}" + (f": field '{field}'" if field else "")
        super().__init__(f"{where}: {problem}")

    @property
    def reason(self) -> str:
        """A short key for counting skipped lines, e.g. ``label: invalid value``."""
        kind = self.problem.split(":")[0].split(" (")[0]
        return f"{self.field}: {kind}" if self.field else kind


class FieldError(ValueError):
    """What is wrong with one field of a record (or the record, ``field`` None), before its file and line are
    known."""

    def __init__(self, field: str | None, problem: str):
        super().__init__(problem)
        self.field, self.problem = field, problem


def parse_label(value: Any) -> bool | None:
    """A DaNetQA label: JSON boolean, "true"/"false" (any case), 0/1, or absent/null for unknown."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE:
        return _TRUE[value.strip().lower()]
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise FieldError("label", f"invalid value: expected true/false, got {value!r}")


def _text(record: dict[str, Any], field: str) -> str:
    if field not in record:
        raise FieldError(field, "missing")
    value = record[field]
    if not isinstance(value, str):
        raise FieldError(field, f"not a string: got {type(value).__name__}")
    value = value.strip()
    if not value:
        raise FieldError(field, "empty")
    return value




def check_idx(value: Any) -> Idx:
    """``value`` if it is a valid idx (an integer or a non-empty string), else a field error."""
    if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
        raise FieldError("idx", f"invalid value: expected an integer or a non-empty string, got {value!r}")
    return value


def example_from_record(record: Any, default_idx: int = 0) -> Example:
    """Validate one decoded JSON record and build an :class:`Example` (surrounding spaces are stripped).

    A record without ``idx`` gets ``default_idx``.
    """
    if not isinstance(record, dict):
        raise FieldError(None, f"not a JSON object: got {type(record).__name__}")
    meta = record.get("meta", {})
    if not isinstance(meta, dict):
        raise FieldError("meta", f"not an object: got {type(meta).__name__}")
    return Example(
        question=_text(record, "question"),
        passage=_text(record, "passage"),
        label=parse_label(record.get("label")),
        idx=check_idx(record.get("idx", default_idx)),
        meta=meta,
    )


def canonical_int(text: str) -> int | None:
    """The integer ``text`` writes in canonical form (ASCII digits, no sign, no leading zero), else None."""
    return int(text) if text.isascii() and text.isdigit() and str(int(text)) == text else None


def idx_from_text(value: Any) -> Any:
    """An idx that a text column holds (Parquet shards, a ``datasets`` string column) back as it was: the integer
    when ``value`` writes one in canonical form, else ``value`` itself."""
    number = canonical_int(value) if isinstance(value, str) else None
    return value if number is None else number


class _SeenIdx:
    """The set of idx values read so far: bitmaps for small non-negative integers (DaNetQA's case, about one
    bit per record) and for ``"<prefix>:<integer>"`` strings (a corpus's default idx: the file and the line),
    one bitmap per prefix; a set for anything else."""

    _BITMAP_LIMIT = 1 << 30

    def __init__(self) -> None:
        self._bits = bytearray()
        self._prefixed: dict[str, bytearray] = {}
        self._other: set[Idx] = set()

    def add(self, idx: Idx) -> bool:
        """Record ``idx``; False if it was already there."""
        if isinstance(idx, int) and 0 <= idx < self._BITMAP_LIMIT:
            return _set_bit(self._bits, idx)
        if isinstance(idx, str):
            prefix, _, text = idx.rpartition(":")
            number = canonical_int(text)
            if prefix and number is not None and number < self._BITMAP_LIMIT:
                return _set_bit(self._prefixed.setdefault(prefix, bytearray()), number)
        if idx in self._other:
            return False
        self._other.add(idx)
        return True


def _set_bit(bits: bytearray, index: int) -> bool:
    """Set bit ``index`` of ``bits`` (grown as needed); False if it was already set."""
    byte, bit = divmod(index, 8)
    if byte >= len(bits):
        bits.extend(bytes(max(byte + 1 - len(bits), len(bits))))
    if bits[byte] >> bit & 1:
        return False
    bits[byte] |= 1 << bit
    return True


UTF8_BOM = b"\xef\xbb\xbf"


def decode_line(raw: bytes, path: str | os.PathLike[str], number: int) -> str:
    """``raw`` as UTF-8 text; a :class:`DataError` naming the line and the first bad byte otherwise."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(path, number, None, f"not UTF-8 text: byte 0x{raw[error.start]:02x} at byte {error.start + 1} "
                        "of the line (expected UTF-8; convert the file, e.g. iconv -f cp1251 -t utf-8)") from None


Located = tuple[str, int, "Example | DataError"]  # (file, line, what the line gave)


def read_lines(path: str, parse: Callable[[str, int], Any],
               opener: Callable[[str], IO[bytes]] | None = None) -> Iterator[tuple[str, int, Any]]:
    """``(path, line, parse(text, line))`` for each line of the file that is not blank, numbered from 1, its text
    read as UTF-8 (a byte order mark at the start dropped); a line that is not UTF-8, or that ``parse`` rejects
    with a :class:`DataError`, comes as that error. ``opener`` opens the file for binary reading (default: as is)."""
    with opener(path) if opener else open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(UTF8_BOM):
                raw = raw[len(UTF8_BOM):]
            try:
                line = decode_line(raw, path, number)
                if line.strip():
                    yield path, number, parse(line, number)
            except DataError as error:
                yield path, number, error


class CheckedReader:
    """Iterates over examples read from one or more files, one record at a time (constant memory per record).

    With ``errors="raise"`` the first invalid record raises :class:`DataError` (naming its file and line); with
    ``errors="skip"`` invalid records are counted by reason in :attr:`skipped` and left out. Duplicate idx
    values are errors; remembering integer idx values costs one bit each. Subclasses say where the records
    come from (:meth:`located`); :attr:`path` names the input in :meth:`report`.
    """

    def __init__(self, path: str | os.PathLike[str], errors: ErrorMode = "raise"):
        if errors not in ("raise", "skip"):
            raise ValueError(f"errors must be 'raise' or 'skip', got {errors!r}")
        self.path = Path(path)
        self.errors = errors
        self.skipped: Counter[str] = Counter()
        self.read = 0

    def located(self) -> Iterator[Located]:
        """Every record as ``(file, line, example or the DataError it gave)``, in input order."""
        raise NotImplementedError

    def __iter__(self) -> Iterator[Example]:
        self.skipped.clear()
        self.read = 0
        seen = _SeenIdx()
        for path, number, example in self.located():
            try:
                if isinstance(example, DataError):
                    raise example
                if not seen.add(example.idx):  # type: ignore[arg-type]
                    raise DataError(path, number, "idx", f"duplicate: {example.idx!r} "
                                    f"({self._first_place_of(example.idx, path)})")
            except DataError as error:
                if self.errors == "raise":
                    raise error from None
                self.skipped[error.reason] += 1
                continue
            self.read += 1
            yield example

    def _first_place_of(self, idx: Idx | None, where: str) -> str:
        """Where the first valid record with ``idx`` is (read again: this is the error path only)."""
        for path, number, example in self.located():
            if isinstance(example, Example) and example.idx == idx:
                return f"first on line {number}" if path == where else f"first at {path}:{number}"
        raise AssertionError(f"idx {idx!r} was seen but is not in {self.path}")

    def report(self) -> str:
        """One line per skip reason, or an empty string when nothing was skipped."""
        return "\n".join(f"skipped {count} line(s) of {self.path}: {reason}"
                         for reason, count in self.skipped.most_common())


def load_json_line(line: str, path: str | os.PathLike[str], number: int) -> Any:
    """The JSON value on one line; a :class:`DataError` naming the line when it is not valid JSON (or nests too
    deep, or holds a number too long, or a lone surrogate escape that could not be written back as UTF-8)."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise DataError(path, number, None, f"broken JSON: {error.msg} at column {error.colno}") from None
    except (ValueError, RecursionError) as error:
        raise DataError(path, number, None, f"broken JSON: {error}") from None
    if "\\u" in line:
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise DataError(path, number, None, "broken JSON: a lone surrogate escape (\\ud800-\\udfff) is not "
                            "text") from None
    return value


def example_at(record: Any, path: str | os.PathLike[str], number: int, default_idx: Idx | None = None) -> Example:
    """:func:`example_from_record` of the record on line ``number`` (idx ``default_idx``, else ``number``,
    when it has none); a :class:`DataError` naming the line when it is invalid."""
    try:
        return example_from_record(record, default_idx=number if default_idx is None else default_idx)
    except FieldError as error:
        raise DataError(path, number, error.field, error.problem) from None


class JsonlReader(CheckedReader):
    """The examples of a DaNetQA JSONL file (see :class:`CheckedReader`), a line each; lines must be UTF-8 (a
    byte order mark at the start is dropped), blank lines are ignored, and a record without ``idx`` gets its
    line number."""

    def located(self) -> Iterator[Located]:
        path = str(self.path)
        return read_lines(path, lambda line, number: example_at(load_json_line(line, path, number), path, number))


def read_jsonl(path: str | os.PathLike[str], errors: ErrorMode = "raise") -> CheckedReader:
    """Read DaNetQA-format JSONL lazily; see :class:`JsonlReader`. A folder of shards written by a scaled run
    reads as one data set (see :class:`augment.scale.shards.ShardReader`)."""
    if Path(path).is_dir():
        from augment.scale.shards import ShardReader, is_shard_folder

        if is_shard_folder(path):
            return ShardReader(path, errors)
    return JsonlReader(path, errors)


def record_line(record: Mapping[str, Any]) -> str:
    """One JSONL line (with its newline) of a JSON object, Cyrillic kept as is."""
    return json.dumps(record, ensure_ascii=False) + "\n"


def dump_line(example: Example) -> str:
    """One JSONL line (with its newline) of an example."""
    return record_line(example.to_record())


def write_records(records: Iterable[Mapping[str, Any]], path: str | os.PathLike[str]) -> int:
    """Write JSON objects as JSONL atomically (streaming); returns how many were written."""
    count = 0
    with atomic_open(path) as handle:
        for record in records:
            handle.write(record_line(record))
            count += 1
    return count


def write_jsonl(examples: Iterable[Example], path: str | os.PathLike[str]) -> int:
    """Write examples as JSONL atomically (streaming); returns how many were written."""
    return write_records((example.to_record() for example in examples), path)


def drop_torn_tail(path: str | os.PathLike[str], start: int = 0) -> int:
    """Cut a file back to its last newline (a write killed mid-line leaves a torn last line), never below byte
    ``start``; returns the number of bytes removed."""
    with open(path, "rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        end = size
        keep = start
        while end > start:
            begin = max(start, end - 65536)
            handle.seek(begin)
            newline = handle.read(end - begin).rfind(b"\n")
            if newline >= 0:
                keep = begin + newline + 1
                break
            end = begin
        handle.truncate(keep)
    return size - keep


MANIFEST_SUFFIX = ".manifest.json"
_MANIFEST_FORMAT = 1


def manifest_path(path: str | os.PathLike[str]) -> Path:
    """The run manifest of an appended file: ``NAME.manifest.json`` beside it."""
    target = Path(path)
    return target.with_name(target.name + MANIFEST_SUFFIX)


class JsonlAppender:
    """Appends examples to a JSONL file one flushed line at a time, so a killed run loses nothing written, and
    continues only a file that it wrote itself with the same settings.

    Beside the file, a run manifest (:func:`manifest_path`) records ``settings`` (any JSON object: the options,
    prompt and input fingerprint of the run) and the size and SHA-256 of the file as of the last :meth:`sync`.
    An existing file is continued only when its manifest has the same settings and its recorded bytes are
    unchanged; else :class:`~augment.outputs.OutputError` (an empty file is taken over). ``overwrite=True``
    starts the file over. When continuing, a torn last line after the recorded bytes (a kill mid-write) is
    dropped (counted in :attr:`dropped_bytes`) and the idx values in the file go to :attr:`done`, so a rerun
    can skip them. The block holds :func:`~augment.outputs.output_lock`; the file is fsynced and the manifest
    updated on :meth:`sync` and on close.
    """

    def __init__(self, path: str | os.PathLike[str], settings: Mapping[str, Any] | None = None, *,
                 overwrite: bool = False):
        self.path = Path(path)
        self.manifest = manifest_path(self.path)
        self.settings = json.loads(json.dumps(dict(settings or {}), ensure_ascii=False))
        self.overwrite = overwrite
        self.done: set[Idx] = set()
        self.dropped_bytes = 0
        self.written = 0
        self._handle: IO[bytes] | None = None
        self._hash = hashlib.sha256()
        self._size = 0
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> JsonlAppender:
        check_output(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._stack:
            self._stack.enter_context(output_lock(self.path))
            remove_stale_temps(self.manifest)
            fresh = self.overwrite or not self.path.exists() or (self.path.stat().st_size == 0
                                                                 and not self.manifest.exists())
            if not fresh:
                self._continue()
            self._handle = self._stack.enter_context(open(self.path, "wb" if fresh else "ab"))
            self._stack.callback(self.sync)
            self._write_manifest()
            self._stack = self._stack.pop_all()
        return self

    def _continue(self) -> None:
        recorded, self._hash = self._recorded()
        self.dropped_bytes = drop_torn_tail(self.path, start=recorded)
        self._size = recorded
        with open(self.path, "rb") as handle:
            handle.seek(recorded)  # the bytes before were hashed by the check
            for block in iter(lambda: handle.read(1 << 20), b""):
                self._hash.update(block)
                self._size += len(block)
        self.done = {example.idx for example in read_jsonl(self.path)}

    def _recorded(self) -> tuple[int, Any]:
        """The size the manifest vouches for and the SHA-256 of those bytes so far, after checking that the file
        is this writer's."""
        redo = "choose another output, or start it over (--overwrite)"
        if not self.manifest.is_file():
            raise OutputError(f"{self.path} exists and was not written by this command (no {self.manifest.name}"
                              f" beside it); {redo}")
        try:
            record = json.loads(self.manifest.read_text(encoding="utf-8"))
            size, digest = record["output"]["bytes"], record["output"]["sha256"]
            recorded_settings = record["settings"]
        except (ValueError, KeyError, TypeError):
            raise OutputError(f"{self.manifest} is not a run manifest this version can read; {redo}") from None
        if recorded_settings != self.settings:
            changes = ", ".join(f"{key}: {old!r} -> {new!r}"
                                for key, old, new in _differences(recorded_settings, self.settings))
            raise OutputError(f"{self.path} was written with other settings ({changes}); {redo}")
        prefix = hashlib.sha256()
        with open(self.path, "rb") as handle:
            left = size
            while left > 0 and (block := handle.read(min(left, 1 << 20))):
                prefix.update(block)
                left -= len(block)
        if left or prefix.hexdigest() != digest:
            raise OutputError(f"{self.path} changed since this command wrote it (it no longer matches "
                              f"{self.manifest.name}); {redo}")
        return size, prefix

    def _write_manifest(self) -> None:
        record = {"format": _MANIFEST_FORMAT, "settings": self.settings,
                  "output": {"bytes": self._size, "sha256": self._hash.hexdigest()}}
        with atomic_open(self.manifest, lock=False) as handle:
            json.dump(record, handle, ensure_ascii=False, indent=1)
            handle.write("\n")

    def write(self, example: Example) -> None:
        """Append one example and flush it to the operating system."""
        if self._handle is None:
            raise RuntimeError("JsonlAppender.write outside its with-block")
        line = dump_line(example).encode("utf-8")
        self._handle.write(line)
        self._handle.flush()
        self._hash.update(line)
        self._size += len(line)
        self.done.add(example.idx)
        self.written += 1

    def sync(self) -> None:
        """Flush what was written to disk (survives a power cut, not only a killed process) and record it in
        the manifest."""
        if self._handle is not None:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._write_manifest()

    def __exit__(self, *exc_info: object) -> None:
        self._stack.close()
        self._handle = None


def _differences(old: Any, new: Any, key: str = "") -> Iterator[tuple[str, Any, Any]]:
    """(dotted key, old value, new value) for each setting that differs."""
    if isinstance(old, dict) and isinstance(new, dict):
        for name in sorted(old.keys() | new.keys()):
            yield from _differences(old.get(name), new.get(name), f"{key}.{name}" if key else name)
    elif old != new:
        yield key, old, new


def append_jsonl(path: str | os.PathLike[str], settings: Mapping[str, Any] | None = None, *,
                 overwrite: bool = False) -> JsonlAppender:
    """An appender that continues ``path`` when this writer made it with the same ``settings``; see
    :class:`JsonlAppender`."""
    return JsonlAppender(path, settings, overwrite=overwrite)
