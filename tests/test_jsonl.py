import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from augment import DataError, Example, read_jsonl, write_jsonl
from augment.jsonl import atomic_open

REAL_FORMAT = [
    '{"question": "Вднх - это выставочный центр?", "passage": "ВДНХ — выставочный комплекс.", "label": true, "idx": 0}',
    '{"question": " Есть ли у зайца хвост?", "passage": "У зайца короткий хвост.", "label": "false", "idx": 1}',
    '{"question": "Правда ли что москва столица?", "passage": "Москва — столица.", "label": "true", "idx": 2}',
    '{"question": "Был ли ленинград в блокаде?", "passage": "Блокада длилась 872 дня.", "idx": 3}',
]


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reads_real_format_records(tmp_path):
    examples = list(read_jsonl(write_lines(tmp_path / "train.jsonl", REAL_FORMAT)))
    assert [e.label for e in examples] == [True, False, True, None]
    assert examples[1].question == "Есть ли у зайца хвост?"  # the leading space of real DaNetQA lines
    assert [e.idx for e in examples] == [0, 1, 2, 3]


def test_round_trip_keeps_everything(tmp_path):
    source = write_lines(tmp_path / "in.jsonl", REAL_FORMAT)
    examples = list(read_jsonl(source))
    examples[0].meta = {"generator": "x", "parent_idx": 7}
    write_jsonl(examples, tmp_path / "out.jsonl")
    assert list(read_jsonl(tmp_path / "out.jsonl")) == examples
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert "Вднх" in lines[0]  # not \\u-escaped
    assert "label" not in json.loads(lines[3])  # unknown label is written like the official test split


@pytest.mark.parametrize(
    ("line", "field", "words"),
    [
        ('{"question": "Есть ли?", "passage": "Текст."', None, "broken JSON"),
        ('["Есть ли?", "Текст."]', None, "not a JSON object"),
        ('{"passage": "Текст.", "label": true, "idx": 5}', "question", "missing"),
        ('{"question": 42, "passage": "Текст.", "label": true, "idx": 5}', "question", "not a string"),
        ('{"question": "Есть ли?", "label": true, "idx": 5}', "passage", "missing"),
        ('{"question": "Есть ли?", "passage": ["Текст."], "label": true, "idx": 5}', "passage", "not a string"),
        ('{"question": "   ", "passage": "Текст.", "label": true, "idx": 5}', "question", "empty"),
        ('{"question": "Есть ли?", "passage": "Текст.", "label": "maybe", "idx": 5}', "label", "'maybe'"),
        ('{"question": "Есть ли?", "passage": "Текст.", "label": 2, "idx": 5}', "label", "invalid value"),
        ('{"question": "Есть ли?", "passage": "Текст.", "label": true, "idx": 1.5}', "idx", "invalid value"),
        ('{"question": "Есть ли?", "passage": "Текст.", "label": true, "idx": 0}', "idx", "duplicate"),
    ],
)
def test_invalid_line_names_file_line_and_field(tmp_path, line, field, words):
    path = write_lines(tmp_path / "bad.jsonl", [REAL_FORMAT[0], line])
    with pytest.raises(DataError) as caught:
        list(read_jsonl(path))
    error = caught.value
    assert (error.path, error.line, error.field) == (str(path), 2, field)
    message = str(error)
    assert message.startswith(f"{path}:2")
    assert words in message
    if field:
        assert f"field '{field}'" in message


def test_skip_mode_counts_skipped_lines_by_reason(tmp_path):
    lines = [
        REAL_FORMAT[0],
        "{not json",
        '{"question": "Есть ли?", "passage": "Текст.", "label": "maybe", "idx": 10}',
        '{"question": "Есть ли?", "passage": "Текст.", "label": "perhaps", "idx": 11}',
        REAL_FORMAT[0],  # duplicate idx 0
        "",
        REAL_FORMAT[1],
    ]
    reader = read_jsonl(write_lines(tmp_path / "mixed.jsonl", lines), errors="skip")
    examples = list(reader)
    assert [e.idx for e in examples] == [0, 1]
    assert reader.read == 2
    assert dict(reader.skipped) == {"broken JSON": 1, "label: invalid value": 2, "idx: duplicate": 1}
    assert "skipped 2 line(s)" in reader.report()


def test_missing_idx_gets_the_line_number(tmp_path):
    path = write_lines(tmp_path / "noidx.jsonl", ['{"question": "Есть ли?", "passage": "Текст."}'] * 2)
    assert [e.idx for e in read_jsonl(path)] == [1, 2]


def test_reading_is_lazy(tmp_path):
    path = write_lines(tmp_path / "lazy.jsonl", [REAL_FORMAT[0], "{broken"])
    iterator = iter(read_jsonl(path))
    assert next(iterator).idx == 0  # the broken second line has not been read yet
    with pytest.raises(DataError):
        next(iterator)


def test_failed_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "out.jsonl"
    write_jsonl([Example("Есть ли?", "Текст.", True, 1)], target)
    before = target.read_bytes()

    def exploding():
        yield Example("Новый вопрос?", "Текст.", False, 2)
        raise RuntimeError("crash mid-write")

    with pytest.raises(RuntimeError):
        write_jsonl(exploding(), target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]  # no temporary file left


def test_killed_writer_leaves_previous_file_or_none(tmp_path):
    target = tmp_path / "out.jsonl"
    write_jsonl([Example("Старый вопрос?", "Текст.", True, 1)], target)
    before = target.read_bytes()
    script = textwrap.dedent(f"""
        import sys, time
        from augment import Example, write_jsonl
        def slow():
            for i in range(10_000):
                if i == 100:
                    print("writing", flush=True)
                    time.sleep(60)
                yield Example("Вопрос номер %d?" % i, "Текст.", True, i)
        write_jsonl(slow(), {str(target)!r})
    """)
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "writing"
    time.sleep(0.2)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert target.read_bytes() == before  # the half-written temporary file never replaced it


def test_atomic_open_creates_parent_folders(tmp_path):
    target = tmp_path / "a" / "b" / "out.txt"
    with atomic_open(target) as handle:
        handle.write("готово")
    assert target.read_text(encoding="utf-8") == "готово"


@pytest.mark.parametrize("idx", [3, "a-3", -3, 2**40])
def test_duplicate_idx_names_the_first_line(tmp_path, idx):
    def line(i):
        return json.dumps({"question": "Есть ли?", "passage": "Текст.", "idx": i}, ensure_ascii=False)

    path = write_lines(tmp_path / "dup.jsonl", [line(7), line(idx), line(8), line(idx)])
    with pytest.raises(DataError, match=rf"dup\.jsonl:4: field 'idx': duplicate: {re.escape(repr(idx))} "
                                        r"\(first on line 2\)"):
        list(read_jsonl(path))
