"""Streaming corpus inputs: compressed text and JSON lines, Parquet, folders, globs, Hugging Face data sets."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma

import pytest
import zstandard

from augment.cli import main
from augment.corpus import Corpus
from augment.jsonl import DataError
from tests.scale_support import passages, write_wiki

TEXTS = [e.passage for e in passages(6)[:5]]
COMPRESS = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress,
            ".zst": zstandard.ZstdCompressor().compress}


def _read(corpus: Corpus) -> list[tuple]:
    return [(e.idx, e.passage, e.meta) for e in corpus.passages()]


@pytest.mark.parametrize("suffix", sorted(COMPRESS))
def test_compressed_text_and_json_lines_read_as_plain(tmp_path, suffix):
    text = ("\n".join(TEXTS[:2]) + "\n\n" + TEXTS[2] + "\n").encode("utf-8")
    (tmp_path / f"a.txt{suffix}").write_bytes(COMPRESS[suffix](text))
    assert _read(Corpus([tmp_path / f"a.txt{suffix}"])) == [(1, TEXTS[0], {}), (2, TEXTS[1], {}), (4, TEXTS[2], {})]
    lines = "".join(json.dumps({"idx": f"p{i}", "text": t, "title": "T"}, ensure_ascii=False) + "\n"
                    for i, t in enumerate(TEXTS))
    (tmp_path / f"b.jsonl{suffix}").write_bytes(COMPRESS[suffix](("\ufeff" + lines).encode("utf-8")))
    assert _read(Corpus([tmp_path / f"b.jsonl{suffix}"])) == [(f"p{i}", t, {"title": "T"}) for i, t in enumerate(TEXTS)]


def test_parquet_rows_stream(tmp_path):
    import pyarrow
    import pyarrow.parquet as pq

    pq.write_table(pyarrow.table({"id": ["7", "8", "9"], "text": TEXTS[:3], "title": ["x", "y", "z"]}),
                   tmp_path / "a.parquet", row_group_size=2)
    assert _read(Corpus([tmp_path / "a.parquet"])) == [(7, TEXTS[0], {"title": "x"}), (8, TEXTS[1], {"title": "y"}),
                                                       (9, TEXTS[2], {"title": "z"})]


def test_folders_and_globs_in_sorted_order_with_file_prefixed_ids(tmp_path):
    (tmp_path / "b.txt").write_text(TEXTS[1] + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXTS[0] + "\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("не читать\n", encoding="utf-8")
    assert _read(Corpus([tmp_path])) == [("a.txt:1", TEXTS[0], {}), ("b.txt:1", TEXTS[1], {})]
    assert _read(Corpus([str(tmp_path / "*.txt")])) == _read(Corpus([tmp_path]))
    with pytest.raises(FileNotFoundError, match="no files found"):
        Corpus([str(tmp_path / "*.parquet")])
    with pytest.raises(FileNotFoundError, match="no such file"):
        Corpus([tmp_path / "missing.txt"])


def test_wikiextractor_files_without_suffix(tmp_path):
    articles = passages(4)[:3]
    write_wiki(tmp_path / "AA" / "wiki_00", articles)
    found = _read(Corpus([tmp_path]))
    assert [(idx, text, meta["title"]) for idx, text, meta in found] == [(e.idx, e.passage, e.meta["title"])
                                                                         for e in articles]
    assert found[0][2]["url"].endswith("curid=a0")


def test_broken_json_names_file_and_line(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "\xd0\x9a\xd0\xb8\xd1\x82."}\n{"text": \n'))
    with pytest.raises(DataError, match=r"a\.jsonl\.gz:2: broken JSON"):
        _read(Corpus([path]))
    (tmp_path / "b.jsonl").write_text('{"title": "no text"}\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"b\.jsonl:1: field 'text': missing"):
        _read(Corpus([tmp_path / "b.jsonl"]))


def test_examples_skip_invalid_records_and_count_them(tmp_path):
    path = tmp_path / "q.jsonl.xz"
    lines = [{"question": "Кит рыба?", "passage": "Кит — млекопитающее.", "label": False, "idx": 1},
             {"question": "", "passage": "x", "idx": 2}, {"question": "Снег белый?", "passage": "Снег белый."},
             {"question": "Кит рыба?", "passage": "Кит.", "idx": 1}]
    path.write_bytes(lzma.compress("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines).encode()))
    corpus = Corpus([path], errors="skip")
    assert [(e.idx, e.label) for e in corpus.examples()] == [(1, False), (3, None)]
    assert corpus.skipped == {"question: empty": 1, "idx: duplicate": 1}
    with pytest.raises(DataError, match=r"q\.jsonl\.xz:2: field 'question': empty"):
        list(Corpus([path]).examples())


def test_hugging_face_dataset_from_a_local_copy(tmp_path):
    datasets = pytest.importorskip("datasets")
    datasets.Dataset.from_dict({"text": TEXTS[:3], "title": ["x", "y", "z"]}).save_to_disk(str(tmp_path / "ds"))
    corpus = Corpus(hf_dataset=str(tmp_path / "ds"), split="train")
    assert _read(corpus) == [(n + 1, TEXTS[n], {"title": title}) for n, title in enumerate("xyz")]
    assert corpus.identity()[0]["fingerprint"]
    with pytest.raises(ValueError, match="not both"):
        Corpus([tmp_path], hf_dataset=str(tmp_path / "ds"))


def test_cli_from_compressed_input_to_a_shard_folder_then_validate(tmp_path, capsys):
    source = tmp_path / "wiki.jsonl.zst"
    write_wiki(tmp_path / "plain.jsonl", passages(6))
    source.write_bytes(zstandard.ZstdCompressor().compress((tmp_path / "plain.jsonl").read_bytes()))
    assert main(["from-text", str(source), "-o", str(tmp_path / "out"), "--chunk-size", "2", "--show", "1"]) == 0
    printed = capsys.readouterr().out
    assert "wrote" in printed and "passages/s with 1 worker(s)" in printed and "sentences kept" in printed
    assert main(["validate", str(tmp_path / "out")]) == 0
    summary = capsys.readouterr().out
    written = int(printed.split("wrote ")[1].split()[0])
    assert f"{tmp_path / 'out'}: {written} valid example(s)" in summary and written > 0
    assert main(["from-text", str(source), "-o", str(tmp_path / "out"), "--per-sentence", "1"]) == 2
    assert "pass --overwrite" in capsys.readouterr().err


def test_bad_lines_of_compressed_files_named_or_skipped_and_counted(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt.gz").write_bytes(gzip.compress(TEXTS[0].encode("cp1251") + b"\n" + TEXTS[1].encode() + b"\n"))
    (folder / "b.jsonl.bz2").write_bytes(bz2.compress(b"\xef\xbb\xbf" + "".join(
        json.dumps({"idx": "a.txt.gz:2", "text": t}, ensure_ascii=False) + "\n" for t in TEXTS[2:4]).encode()))
    with pytest.raises(DataError, match=r"^\S+/a\.txt\.gz:1: not UTF-8 text: byte 0x\w\w at byte 3 of the line"):
        _read(Corpus([folder]))
    (folder / "a.txt.gz").write_bytes(gzip.compress(TEXTS[0].encode() + b"\n" + TEXTS[1].encode() + b"\n"))
    with pytest.raises(DataError, match=r"b\.jsonl\.bz2:1: field 'idx': duplicate: 'a\.txt\.gz:2' "
                                        r"\(first at \S+/a\.txt\.gz:2\)$"):
        _read(Corpus([folder]))
    (folder / "a.txt.gz").write_bytes(gzip.compress(TEXTS[0].encode("cp1251") + b"\n" + TEXTS[1].encode() + b"\n"))
    argv = ["from-text", str(folder), "-o", str(tmp_path / "out"), "--num-proc", "2", "--chunk-size", "1"]
    assert main([*argv, "--on-error", "skip"]) == 0
    printed = capsys.readouterr().out
    assert f"skipped 1 line(s) of {folder}: not UTF-8 text\n" in printed
    assert f"skipped 2 line(s) of {folder}: idx: duplicate\n" in printed  # both b records repeat a's line 2
    assert "| passages                            | 1 " in printed


def test_corrupt_compressed_data_is_a_data_error_in_both_modes(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(json.dumps({"text": t}) for t in TEXTS) + "\n").encode())[:-12])
    for errors in ("raise", "skip"):
        with pytest.raises(DataError, match=r"a\.jsonl\.gz:\d+: cannot decompress"):
            _read(Corpus([path], errors=errors))


def test_idx_values_that_look_alike_are_not_duplicates(tmp_path):
    path = tmp_path / "q.jsonl"
    idx_values = ["x:2", "x:02", 2, "2", "x:٢", "y:2", "x:2", 2]  # the last two repeat the first and the third
    path.write_text("".join(json.dumps({"question": "Кит рыба?", "passage": "Кит.", "idx": idx}) + "\n"
                            for idx in idx_values), encoding="utf-8")
    corpus = Corpus([path], errors="skip")
    assert [e.idx for e in corpus.examples()] == idx_values[:6] and corpus.skipped == {"idx: duplicate": 2}
    with pytest.raises(DataError, match=r"q\.jsonl:7: field 'idx': duplicate: 'x:2' \(first on line 1\)$"):
        list(Corpus([path]).examples())


def test_a_passage_id_of_digits_other_than_ascii_stays_text(tmp_path):
    path = tmp_path / "wiki.jsonl"
    ids = ["12", "012", "²", "٣"]  # "²" counts as a digit for str.isdigit but int() refuses it
    path.write_text("".join(json.dumps({"id": i, "text": text}) + "\n" for i, text in zip(ids, TEXTS)),
                    encoding="utf-8")
    assert [idx for idx, _, _ in _read(Corpus([path]))] == [12, "012", "²", "٣"]
