"""Loading DaNetQA (Russian SuperGLUE v1.1): from a local folder or zip, the official download, or the hub."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

from augment.cache import cache_dir
from augment.example import Example
from augment.jsonl import ErrorMode, JsonlReader

OFFICIAL_URL = "https://russiansuperglue.com/tasks/download/DaNetQA"
HUB_ID = "RussianNLP/russian_super_glue"
HUB_CONFIG = "danetqa"
SPLITS = ("train", "val", "test")
_ALIASES = {"validation": "val", "dev": "val"}
SHA256 = {
    "train": "db525d8c25d8d193cde30e03dbbb94d007b258b9107571f7e81fc0bcd752a538",
    "val": "92d983265e7900e33454f70c5f1f088e2d9b180858edb4fcc8f7defab816dc3e",
    "test": "a6bab3036a20d48d476a499659a5ff47f477dceea1c7f8884fd77966bd32267d",
}


def _split_name(split: str) -> str:
    name = _ALIASES.get(split, split)
    if name not in SPLITS:
        raise ValueError(f"unknown DaNetQA split {split!r}: expected one of {', '.join(SPLITS)}")
    return name


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _find_in_folder(folder: Path, split: str) -> Path:
    for candidate in (folder / f"{split}.jsonl", folder / "DaNetQA" / f"{split}.jsonl"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no {split}.jsonl in {folder} (nor in {folder / 'DaNetQA'})")


def _extract_from_zip(archive: Path, split: str) -> Path:
    """Extract ``<split>.jsonl`` (at any depth) from the release zip into the cache; returns its path."""
    target = cache_dir() / "extracted" / sha256_of(archive)[:16] / f"{split}.jsonl"
    if target.is_file():
        return target
    with zipfile.ZipFile(archive) as handle:
        members = [name for name in handle.namelist() if Path(name).name == f"{split}.jsonl"]
        if not members:
            raise FileNotFoundError(f"no {split}.jsonl inside {archive}")
        target.parent.mkdir(parents=True, exist_ok=True)
        with handle.open(min(members, key=len)) as source, tempfile.NamedTemporaryFile(
            dir=target.parent, delete=False
        ) as tmp:
            shutil.copyfileobj(source, tmp)
        os.replace(tmp.name, target)
    return target


def download_official(url: str = OFFICIAL_URL) -> Path:
    """Download the official release zip once into the cache (atomic); returns the zip's path."""
    archive = cache_dir() / "DaNetQA.zip"
    if not archive.is_file():
        archive.parent.mkdir(parents=True, exist_ok=True)
        with urllib.request.urlopen(url, timeout=60) as response, tempfile.NamedTemporaryFile(
            dir=archive.parent, delete=False
        ) as tmp:
            shutil.copyfileobj(response, tmp)
        os.replace(tmp.name, archive)
    return archive


def _verified(path: Path, split: str) -> Path:
    actual = sha256_of(path)
    if actual != SHA256[split]:
        raise ValueError(
            f"{path}: sha256 {actual} does not match the DaNetQA v1.1 {split} split ({SHA256[split]}); "
            "delete the cached file to download it again, or pass verify=False"
        )
    return path


def _from_hub(hub_id: str, split: str) -> Iterator[Example]:
    from augment.optional import require

    datasets = require("datasets", "datasets")
    hub_split = {"val": "validation"}.get(split, split)
    for row in datasets.load_dataset(hub_id, HUB_CONFIG, split=hub_split):
        label = None if row["label"] == -1 else bool(row["label"])
        yield Example(question=row["question"].strip(), passage=row["passage"].strip(), label=label, idx=row["idx"])


def load_danetqa(
    split: str, source: str | os.PathLike[str] | None = None, *, verify: bool = True, errors: ErrorMode = "raise"
) -> Iterator[Example]:
    """Examples of one DaNetQA split ("train", "val" or "test"), streamed.

    ``source`` is one of:

    - a folder holding ``train.jsonl``/``val.jsonl``/``test.jsonl`` (or a ``DaNetQA/`` folder with them);
    - the official release zip;
    - ``None``: the official download from russiansuperglue.com, cached and checked against the v1.1 sha256;
    - ``"hub"`` or ``"hf:<dataset id>"``: the Hugging Face hub (``RussianNLP/russian_super_glue``, config
      ``danetqa``), needs the ``datasets`` extra and network access.

    Local files are read as given (``verify`` applies to downloads only); the hub's -1 label means unknown.
    """
    name = _split_name(split)
    if isinstance(source, str) and (source == "hub" or source.startswith("hf:")):
        return _from_hub(source[3:] if source.startswith("hf:") else HUB_ID, name)
    if source is None:
        path = _extract_from_zip(download_official(), name)
        return iter(JsonlReader(_verified(path, name) if verify else path, errors))
    location = Path(source)
    if location.is_dir():
        return iter(JsonlReader(_find_in_folder(location, name), errors))
    if location.is_file() and zipfile.is_zipfile(location):
        return iter(JsonlReader(_extract_from_zip(location, name), errors))
    raise FileNotFoundError(f"DaNetQA source {str(source)!r} is neither a folder nor a zip file")
