"""Issue 15, bad input and API misuse: each row is an input, a command or call, and the one-line message or the
behaviour expected (the data-loss rows, paths and kills are in their own table)."""

from __future__ import annotations

import contextlib
import io
import json
import re
import unicodedata
import warnings
from pathlib import Path

import pytest

from augment import Example, Pipeline, read_jsonl
from augment.cli import main as augment_main
from augment.example import as_example
from augment.rules.generator import RuleBasedGenerator, negate_question
from finetune.split import remove_leaks
from tests.helpers import ROOT

BOM = "\ufeff"
QUESTION = {"question": "Является ли кит рыбой?", "passage": "Кит — млекопитающее, а не рыба.", "label": False}
SENTENCES = ["Пётр Первый основал Санкт-Петербург в 1703 году.", "Город стал столицей России в 1712 году.",
             "Кит является млекопитающим."]
PARAGRAPH = " ".join(SENTENCES * 40)  # one paragraph of about 4,700 characters


def _line(**fields) -> str:
    return json.dumps({**QUESTION, **fields}, ensure_ascii=False) + "\n"


# file name -> content (bytes as written)
FILES = {
    "cp1251.jsonl": _line(idx=1).encode() + _line(idx=2).encode("cp1251"),
    "latin1.jsonl": json.dumps({"question": "Ist das für dich?", "passage": "Ja.", "idx": 1},
                               ensure_ascii=False).encode("latin-1") + b"\n",
    "one_bad_byte.jsonl": _line(idx=1).encode() + _line(idx=2).encode()[:30] + b"\xff" + _line(idx=2).encode()[30:]
    + _line(idx=3).encode(),
    "cp1251.txt": (SENTENCES[0] + "\n").encode("cp1251") + (SENTENCES[2] + "\n").encode(),
    "bom.jsonl": (BOM + _line(idx=1)).encode(),
    "bom_passages.jsonl": (BOM + json.dumps({"passage": SENTENCES[0], "idx": 1}, ensure_ascii=False) + "\n").encode(),
    "bom.txt": (BOM + SENTENCES[0] + "\n").encode(),
    "dup.jsonl": "".join(json.dumps({"passage": s, "idx": 1}, ensure_ascii=False) + "\n"
                         for s in SENTENCES[:2]).encode(),
    "long.txt": (PARAGRAPH + "\n").encode(),
    "empty.jsonl": b"\n",
}

# (item, input file, command, exit code, the one line expected on stderr or stdout ({d}: the folder))
CLI_ROWS = [
    ("7 cp1251 line", "cp1251.jsonl", ["validate"], 2,
     r"^augment: error: {d}/cp1251\.jsonl:2: not UTF-8 text: byte 0x\w\w at byte \d+ of the line \(expected UTF-8;"),
    ("7 latin-1 file", "latin1.jsonl", ["negate", "-o", "{d}/out.jsonl"], 2,
     r"^augment: error: {d}/latin1\.jsonl:1: not UTF-8 text: byte 0xfc"),
    ("7 one bad byte, skipped", "one_bad_byte.jsonl", ["validate", "--on-error", "skip"], 0,
     r"^skipped 1 line\(s\) of {d}/one_bad_byte\.jsonl: not UTF-8 text$"),
    ("7 cp1251 text", "cp1251.txt", ["from-text", "-o", "{d}/out.jsonl"], 2,
     r"^augment: error: {d}/cp1251\.txt:1: not UTF-8 text: byte 0xf2 at byte 3 of the line"),  # «Пё» is UTF-8
    ("7 cp1251 text, skipped", "cp1251.txt", ["from-text", "-o", "{d}/out.jsonl", "--on-error", "skip"], 0,
     r"^skipped 1 line\(s\) of {d}/cp1251\.txt: not UTF-8 text$"),
    ("9 duplicate idx", "dup.jsonl", ["from-text", "-o", "{d}/out.jsonl"], 2,
     r"^augment: error: {d}/dup\.jsonl:2: field 'idx': duplicate: 1 \(first on line 1\)$"),
    ("9 duplicate idx, skipped", "dup.jsonl", ["from-text", "-o", "{d}/out.jsonl", "--on-error", "skip"], 0,
     r"^skipped 1 line\(s\) of {d}/dup\.jsonl: idx: duplicate$"),
    ("6 paragraph capped", "long.txt", ["from-text", "-o", "{d}/out.jsonl", "--no-balance", "--per-sentence", "2",
                                        "--max-passage-chars", "300"], 0,
     r"^\| passages cut to --max-passage-chars \| 120 +\|$"),
    ("6 default cap", "long.txt", ["from-text", "-o", "{d}/out.jsonl", "--no-balance", "--per-sentence", "2"], 0,
     r"^\| passages cut to --max-passage-chars \| 120 +\|$"),
    ("6 bad cap", "long.txt", ["from-text", "-o", "{d}/out.jsonl", "--max-passage-chars", "0"], 2,
     r"^augment: error: max_passage_chars must be >= 1, got 0$"),
    ("8 BOM, validate", "bom.jsonl", ["validate"], 0, r"^{d}/bom\.jsonl: 1 valid example\(s\)$"),
    ("8 BOM, negate", "bom.jsonl", ["negate", "-o", "{d}/out.jsonl", "--no-balance"], 0, r"^wrote 2 example\(s\)"),
    ("8 BOM, from-text JSONL", "bom_passages.jsonl", ["from-text", "-o", "{d}/out.jsonl", "--per-sentence", "2"], 0,
     r"^wrote 2 example"),
    ("8 BOM, from-text text", "bom.txt", ["from-text", "-o", "{d}/out.jsonl", "--per-sentence", "2"], 0,
     r"^wrote 2 example"),
]


@pytest.mark.parametrize(("item", "name", "command", "code", "expected"), CLI_ROWS, ids=[r[0] for r in CLI_ROWS])
def test_bad_input_gives_one_line(item, name, command, code, expected, tmp_path, capsys):
    (tmp_path / name).write_bytes(FILES[name])
    argv = [command[0], str(tmp_path / name), *(part.format(d=tmp_path) for part in command[1:])]
    assert augment_main(argv) == code
    out, err = capsys.readouterr()
    assert (len(err.splitlines()) == 1) if code else not err  # one line, no traceback
    pattern = re.compile(expected.format(d=re.escape(str(tmp_path))), re.MULTILINE)
    assert pattern.search(err if code else out), (out, err)
    output = tmp_path / "out.jsonl"
    if code == 0 and output.exists():
        written = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
        assert BOM not in output.read_text(encoding="utf-8")  # 8: never copied into a question or passage
        if item.startswith("8 BOM, from-text"):
            assert written and all(re.match(r"^(Правда ли, что )?Пётр Первый основал", r["question"]) for r in written)
        if item.startswith("6"):
            limit = 300 if "300" in command else 1500
            assert len(written) == 2 * 120
            assert max(len(r["passage"]) for r in written) <= limit < len(PARAGRAPH)
            # each passage is whole sentences around its question's sentence
            for record in written:
                meta = record["meta"]
                assert record["passage"] == PARAGRAPH[meta["passage_start"]:meta["passage_stop"]]
                assert meta["passage_start"] <= meta["sentence_start"] < meta["sentence_stop"] <= meta["passage_stop"]
                assert record["passage"].endswith(".") and record["passage"][0].isupper()
    elif code:
        assert not output.exists()


def test_from_text_caps_passages_in_python():
    generator = RuleBasedGenerator(seed=0)
    outputs = list(generator.from_text([PARAGRAPH], balance=False, max_passage_chars=200))
    assert outputs and all(len(e.passage) <= 200 for e in outputs)
    assert generator.text_stats.cut == 120
    sentence_alone = list(generator.from_text([PARAGRAPH], balance=False, max_passage_chars=10))
    assert {e.passage for e in sentence_alone} == set(SENTENCES)  # a sentence is never cut
    assert min(len(e.passage) for e in RuleBasedGenerator(seed=0).from_text([PARAGRAPH], balance=False)) > 1400


# (item, call, exception type, message)
API_ROWS = [
    ("12 generate: not a record", lambda: list(RuleBasedGenerator().generate([5])), TypeError,
     "expected an Example or a mapping with 'question' and 'passage', got int"),
    ("12 Pipeline.run: a string", lambda: list(Pipeline(RuleBasedGenerator()).run(["Кит рыба?"])), TypeError,
     "expected an Example or a mapping with 'question' and 'passage', got str"),
    ("12 generate: dict without passage", lambda: list(RuleBasedGenerator().generate([{"question": "Кит?"}])),
     ValueError, "invalid example field 'passage': missing"),
    ("12 negate(123)", lambda: RuleBasedGenerator().negate(123), TypeError, "a question must be a string, got int"),
    ("12 negate_question(None)", lambda: negate_question(None), TypeError, "a question must be a string, got NoneType"),
    ("12 frame=None", lambda: RuleBasedGenerator(frame=None), TypeError,
     "frame must be a string (the words opening a question), got None"),
    ("12 label 'false'", lambda: Example("Кит рыба?", "Кит — млекопитающее.", "false", 0), TypeError,
     "Example.label must be True, False or None, got 'false'"),
    ("12 label 0", lambda: Example("Кит рыба?", "Кит — млекопитающее.", 0, 0), TypeError,
     "Example.label must be True, False or None, got 0"),
    ("12 question None", lambda: Example(None, "Кит — млекопитающее."), TypeError,
     "Example.question must be a string, got NoneType"),
    ("12 idx a float", lambda: Example("Кит рыба?", "Кит.", True, 1.5), TypeError,
     "Example.idx must be an integer, a string or None, got 1.5"),
    ("12 meta a list", lambda: Example("Кит рыба?", "Кит.", True, 1, []), TypeError, "Example.meta must be a dict"),
    ("12 mapping label 'maybe'", lambda: as_example({**QUESTION, "label": "maybe"}), ValueError,
     "invalid example field 'label': invalid value: expected true/false, got 'maybe'"),
]


@pytest.mark.parametrize(("item", "call", "error", "message"), API_ROWS, ids=[r[0] for r in API_ROWS])
def test_api_misuse_gives_a_clear_error(item, call, error, message):
    with pytest.raises(error, match=f"^{re.escape(message)}"):
        call()


def test_rows_of_a_dataset_are_accepted_as_records():
    rows = [{**QUESTION, "label": 0, "idx": 7, "meta": None}, {**QUESTION, "question": "Кит — рыба?", "label": -1,
                                                                 "idx": 8, "meta": "{}"}]
    examples = [Example(**{**QUESTION, "idx": 7}), Example(**{**QUESTION, "question": "Кит — рыба?", "label": None,
                                                             "idx": 8})]
    generator = RuleBasedGenerator()
    assert list(generator.generate(rows)) == list(generator.generate(examples))
    # label 0 read as "no" (negated: yes, reframed: no), -1 as unknown
    assert [e.label for e in generator.generate(rows)] == [True, False, None, None]
    assert list(Pipeline(generator).run(rows)) == list(Pipeline(generator).run(examples))


def _derived(meta: dict, passage: str = "Совсем другой текст о погоде.") -> Example:
    return Example("Правда ли, что кит рыба?", passage, False, "x/1", meta)


DEV = [Example("Является ли кит рыбой?", "Кит — млекопитающее. Он дышит лёгкими.", False, 123)]
# (item, training example, the reason it is removed, or None when it stays)
LEAK_ROWS = [
    ("16 source_idx only", _derived({"source_idx": 123}), "descends from a held-out example"),
    ("16 source_idx as text", _derived({"generator": "g", "source_idx": "123"}), "descends from a held-out example"),
    ("16 parent_idx as text", _derived({"parent_idx": "123"}), "descends from a held-out example"),
    ("16 NFD passage", _derived({"source_idx": 9}, unicodedata.normalize("NFD", "Кит — млекопитающее. Он дышит "
                                                                          "лёгкими.")), "uses a held-out passage"),
    ("16 one sentence of a dev passage", _derived({"source_idx": 9}, "Он дышит лёгкими."),
     "uses part of a held-out passage"),
    ("16 unrelated", _derived({"source_idx": 9}), None),
    ("16 part of a word is not part of the passage", _derived({"source_idx": 9}, "ышит лёгкими"), None),
    ("16 original repeating a dev pair", Example(DEV[0].question, DEV[0].passage.upper(), False, 5),
     "repeats a held-out example"),
]


@pytest.mark.parametrize(("item", "example", "reason"), LEAK_ROWS, ids=[r[0] for r in LEAK_ROWS])
def test_leak_filter(item, example, reason):
    kept, removed = remove_leaks([example, Example("Идёт ли дождь?", "Дождь идёт.", True, 77)], DEV, lineage=True)
    assert removed == ({reason: 1} if reason else {})
    assert len(kept) == (1 if reason else 2)


def test_readme_installs_from_a_clone():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install '.[all]'" in readme
    assert all("@ git+" in line for line in readme.splitlines() if re.search(r"pip install '?danetqa-augment", line))


# --- with torch: truncation, one-label training, empty files, loading bars, the ptune tokenizer, experiments ---


@pytest.fixture(scope="module")
def torch_ready():
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from tests.finetune_support import one_torch_thread

    with one_torch_thread():
        yield


def test_a_question_longer_than_half_stays_whole(torch_ready, sample_texts):
    import transformers

    from augment import resolve_model
    from finetune.encoding import encode_pairs

    tokenizer = transformers.AutoTokenizer.from_pretrained(resolve_model("tiny-bert", sample_texts))
    question = "Правда ли, что " + "очень " * 16 + "длинный вопрос?"
    ids = tokenizer(question, add_special_tokens=False)["input_ids"]
    assert 16 < len(ids) < 29
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no question is cut: no warning
        (feature,) = encode_pairs(tokenizer, [Example(question, "Киты дышат лёгкими. " * 30, True)], 32)
    assert feature["input_ids"][1 : 1 + len(ids)] == ids and len(feature["input_ids"]) == 32


@pytest.fixture(scope="module")
def one_label_run(torch_ready, tmp_path_factory, sample_path):
    """``finetune train`` on the sample with every label set to yes: (run folder, its stderr)."""
    from finetune.cli import main

    folder = tmp_path_factory.mktemp("one-label")
    data = folder / "yes.jsonl"
    data.write_text("".join(json.dumps({**e.to_record(), "label": True}, ensure_ascii=False) + "\n"
                            for e in read_jsonl(sample_path)), encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["train", "tiny-bert", "--train", str(data), "-o", str(folder / "run"), "--epochs", "1",
                     "--warmup-steps", "0", "--no-progress"]) == 0
    return folder / "run", err.getvalue()


def test_training_on_one_label_warns(one_label_run, sample_examples):
    _, err = one_label_run
    lines = [line for line in err.splitlines() if line.startswith("warning:")]
    assert re.fullmatch(r"warning: all \d+ training example\(s\) are labeled yes: the model learns one answer and "
                        r"accuracy on such data says nothing", lines[0])
    assert lines[1].startswith("warning: all ") and "dev example(s) are labeled yes" in lines[1]


@pytest.mark.parametrize("command", ["predict", "evaluate"])
def test_empty_file_is_one_line(command, one_label_run, tmp_path, capsys):
    from finetune.cli import main

    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(FILES["empty.jsonl"])
    extra = ["-o", str(tmp_path / "sub.jsonl")] if command == "predict" else []
    assert main([command, str(one_label_run[0] / "model"), str(empty), *extra]) == 2
    err = capsys.readouterr().err
    assert err == f"finetune: error: nothing to {command}: {empty} has no records\n"


@pytest.mark.filterwarnings("ignore:Cannot enable progress bars")  # the tests set HF_HUB_DISABLE_PROGRESS_BARS
def test_no_loading_bars_when_progress_is_off(one_label_run, sample_examples, capfd):
    from finetune import predict

    capfd.readouterr()
    predict(one_label_run[0] / "model", sample_examples[:2], progress=False)
    assert "Loading weights" not in capfd.readouterr().err
    predict(one_label_run[0] / "model", sample_examples[:2], progress=True)  # the check can fail
    assert "Loading weights" in capfd.readouterr().err


def test_ptune_passages_cut_without_a_length_warning(torch_ready, sample_texts):
    import logging

    import transformers

    from augment import resolve_model
    from augment.ptune.template import encode

    tokenizer = transformers.AutoTokenizer.from_pretrained(resolve_model("tiny-gpt2", sample_texts))
    tokenizer.model_max_length = 64
    messages: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: messages.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("transformers")
    verbosity = transformers.logging.get_verbosity()
    transformers.logging.set_verbosity_warning()
    logger.addHandler(handler)
    try:
        encoded = encode(tokenizer, "Киты дышат лёгкими. " * 100, "да", max_length=64, num_virtual_tokens=4,
                         reserve=8)
        assert encoded.passage_cut > 0 and not [m for m in messages if "sequence length is longer" in m]
        tokenizer("Киты дышат лёгкими. " * 100)  # what the check looks for is there to be seen
        assert [m for m in messages if "sequence length is longer" in m]
    finally:
        logger.removeHandler(handler)
        transformers.logging.set_verbosity(verbosity)


def _experiment(sample: Path, out: Path, seeds: str, rate: str) -> list[str]:
    return ["experiment", "--models", "tiny-bert", "--train-sets", "danetqa", "--seeds", seeds, "--data", str(sample),
            "-o", str(out), "--epochs", "1", "--warmup-steps", "0", "--learning-rate", rate, "--no-progress"]


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*")
            if p.is_file()}


def test_experiment_checks_every_finished_run_before_anything(torch_ready, tmp_path, sample_path, capsys):
    """15: the issue's scenario: seed 1 at 1e-3, then seeds 3,1 at 5e-4 (and then other data) change nothing."""
    from finetune.cli import main

    out = tmp_path / "experiment"
    assert main(_experiment(sample_path, out, "1", "1e-3")) == 0
    capsys.readouterr()
    before = _snapshot(out)
    assert main(_experiment(sample_path, out, "3,1", "5e-4")) == 2
    err = capsys.readouterr().err
    assert re.fullmatch(r"finetune: error: \S+/seed1 finished with other config than asked now; nothing was changed: "
                        r"use another output folder, or delete those runs to redo them\n", err)
    assert _snapshot(out) == before and not (out / "runs/finetune/tiny-bert/danetqa/seed3").exists()

    other = tmp_path / "other.jsonl"  # the same settings on other data
    lines = sample_path.read_text(encoding="utf-8").splitlines(keepends=True)
    other.write_text("".join(lines[:-1]), encoding="utf-8")
    assert main(_experiment(other, out, "3,1", "1e-3")) == 2
    err = capsys.readouterr().err
    assert re.fullmatch(r"finetune: error: \S+/seed1 finished with other data than asked now; nothing was changed: "
                        r"use another output folder, or delete those runs to redo them\n", err)
    assert _snapshot(out) == before
