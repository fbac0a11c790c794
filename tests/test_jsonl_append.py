"""Appending to a JSONL file so that a killed run loses nothing and a rerun resumes."""

import pytest

from augment import DataError, Example, read_jsonl
from augment.jsonl import append_jsonl, drop_torn_tail


def examples(start, stop):
    return [Example(f"Вопрос {i}?", "Текст.", i % 2 == 0, i) for i in range(start, stop)]


def test_appends_and_remembers_what_is_done(tmp_path):
    path = tmp_path / "out.jsonl"
    with append_jsonl(path) as out:
        for example in examples(0, 3):
            out.write(example)
        assert len(path.read_text().splitlines()) == 3  # flushed line by line, before closing
    with append_jsonl(path) as out:
        assert out.done == {0, 1, 2} and out.dropped_bytes == 0
        out.write(examples(3, 4)[0])
    assert [e.idx for e in read_jsonl(path)] == [0, 1, 2, 3]


def test_a_torn_last_line_is_dropped(tmp_path):
    path = tmp_path / "out.jsonl"
    with append_jsonl(path) as out:
        for example in examples(0, 2):
            out.write(example)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"question": "Оборва')
    with append_jsonl(path) as out:
        assert out.done == {0, 1} and out.dropped_bytes == len('{"question": "Оборва'.encode())
        out.write(examples(2, 3)[0])
    assert [e.idx for e in read_jsonl(path)] == [0, 1, 2]


@pytest.mark.parametrize("content", [b"", b'{"question": "x"', b"x" * 200_000])
def test_drop_torn_tail_without_any_newline_empties_the_file(tmp_path, content):
    path = tmp_path / "out.jsonl"
    path.write_bytes(content)
    assert drop_torn_tail(path) == len(content)
    assert path.read_bytes() == b""


def test_drop_torn_tail_keeps_complete_lines_before_a_long_torn_one(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b"first\nsecond\n" + b"y" * 150_000)
    assert drop_torn_tail(path) == 150_000
    assert path.read_bytes() == b"first\nsecond\n"


def test_a_broken_line_before_the_end_is_an_error_not_a_tear(tmp_path):
    path = tmp_path / "out.jsonl"
    with append_jsonl(path) as out:
        out.write(Example("Есть?", "Да.", None, 0))
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("not json\n")
    with pytest.raises(DataError, match=":2"), append_jsonl(path):
        pass
