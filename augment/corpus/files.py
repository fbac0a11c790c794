"""Which files an input names (a file, a folder of shards, a glob) and opening them whatever their compression."""

from __future__ import annotations

import bz2
import glob
import gzip
import io
import lzma
import os
from pathlib import Path
from typing import IO

from augment.optional import require

COMPRESSIONS = (".gz", ".bz2", ".xz", ".zst")


def expand_input(spec: str | os.PathLike[str]) -> list[Path]:
    """The files of an input, in a fixed order: the file itself, the shards of a finished shard folder (the
    output of a scaled run), every file under another folder (recursively, hidden ones left out), or the
    matches of a glob (``**`` allowed), sorted by path."""
    from augment.scale.shards import shard_files

    path = Path(spec)
    if path.is_file():
        return [path]
    if path.is_dir() and (shards := shard_files(path)) is not None:
        return shards
    if path.is_dir():
        files = [p for p in sorted(path.rglob("*")) if p.is_file()
                 and not any(part.startswith(".") for part in p.relative_to(path).parts)]
    elif glob.has_magic(str(spec)):
        files = [Path(p) for p in sorted(glob.glob(str(spec), recursive=True)) if Path(p).is_file()]
    else:
        raise FileNotFoundError(f"{spec}: no such file or folder")
    if not files:
        raise FileNotFoundError(f"{spec}: no files found")
    return files


def base_suffix(path: Path) -> str:
    """The format suffix under any compression suffix: ``.jsonl`` for ``wiki.jsonl.zst``, ``''`` for ``wiki_00``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in COMPRESSIONS:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def open_binary(path: Path) -> IO[bytes]:
    """``path`` opened for reading, decompressed on the fly by its suffix (gzip, bzip2, xz, zstandard)."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        return gzip.open(path, "rb")
    if suffix == ".bz2":
        return bz2.open(path, "rb")
    if suffix == ".xz":
        return lzma.open(path, "rb")
    if suffix == ".zst":
        return io.BufferedReader(require("zstandard", "scale").open(path, "rb"))  # iterates over lines
    return open(path, "rb")
