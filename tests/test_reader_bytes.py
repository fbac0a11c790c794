"""The readers behind the commands (compressed corpus files too), fed arbitrary bytes: a DataError naming a line of
the file, or (skip mode) every line either read or skipped and counted; never another exception."""

from __future__ import annotations

import bz2
import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from augment.corpus import Corpus
from augment.jsonl import CheckedReader, DataError, read_jsonl
from augment.passages import read_passages

RECORD = {"question": "Является ли кит рыбой?", "passage": "Кит — млекопитающее.", "label": True}
FRAGMENTS = [
    b"\xef\xbb\xbf", b"\xff", b"\xd0", "Кит — рыба.".encode("cp1251"), b"\r", b"\x00", b"[" * 3000, b"1" * 5000,
    b'{"question": "\\ud800", "passage": "p"}', b'{"passage": "x", "idx": true}', b'{"text": 5}', b"[]", b"null",
    *(json.dumps({**RECORD, "idx": i}, ensure_ascii=ascii).encode() for i in (1, 1, "a") for ascii in (True, False)),
    json.dumps({**RECORD, "label": "maybe"}).encode(),
]
LINES = st.one_of(st.binary(max_size=30), st.sampled_from(FRAGMENTS),
                  st.lists(st.sampled_from(FRAGMENTS), min_size=2, max_size=3).map(b"".join))
FILES = st.lists(LINES, max_size=6).map(b"\n".join) | st.binary(max_size=200)


def _content_lines(data: bytes) -> tuple[int, int]:
    """(lines, lines that are not blank): what the reader must account for."""
    lines = list(io.BytesIO(data))
    if lines and lines[0].startswith(b"\xef\xbb\xbf"):
        lines[0] = lines[0][3:]
    content = 0
    for raw in lines:
        try:
            content += bool(raw.decode("utf-8").strip())
        except UnicodeDecodeError:
            content += 1
    return len(lines), content


READERS = {
    "read_jsonl": lambda path, errors: read_jsonl(path, errors),
    "from-text .jsonl": lambda path, errors: read_passages(path, errors=errors),
    "from-text .txt": lambda path, errors: read_passages(path.with_suffix(".txt"), errors=errors),
    "corpus examples .jsonl.gz": lambda path, errors: Corpus([path.with_suffix(".jsonl.gz")], errors=errors).examples(),
    "corpus passages .txt.bz2": lambda path, errors: Corpus([path.with_suffix(".txt.bz2")], errors=errors).passages(),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bytes")


@pytest.mark.parametrize("reader", READERS, ids=list(READERS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=FILES)
def test_any_bytes_give_a_data_error_or_a_counted_skip(reader, folder, data):
    path = folder / "input.jsonl"
    path.write_bytes(data)
    path.with_suffix(".txt").write_bytes(data)
    path.with_suffix(".jsonl.gz").write_bytes(gzip.compress(data))
    path.with_suffix(".txt.bz2").write_bytes(bz2.compress(data))
    lines, content = _content_lines(data)

    strict: CheckedReader = READERS[reader](path, "raise")
    error: DataError | None = None
    try:
        examples = list(strict)
    except DataError as raised:
        error = raised
    if error is None:
        assert len(examples) == content
    else:
        assert 1 <= error.line <= lines
        assert error.path == str(strict.path)
        assert str(error).startswith(f"{strict.path}:{error.line}: ") and "\n" not in str(error)

    lenient: CheckedReader = READERS[reader](path, "skip")
    kept = list(lenient)
    assert len(kept) == lenient.read and lenient.read + sum(lenient.skipped.values()) == content
    assert len(lenient.report().splitlines()) == len(lenient.skipped)
