import json
import re
import subprocess
import sys

import pytest

import augment
from augment.cli import main
from tests.helpers import ROOT, run_python
from tests.toy_generators import Wrap


def test_import_stays_light():
    code = ("import sys, augment; from augment import Pipeline, read_jsonl; "
            "heavy = {'torch', 'transformers', 'datasets', 'peft'} & set(sys.modules); assert not heavy, heavy")
    run_python("-c", code)


def test_missing_extra_names_it(monkeypatch):
    from augment.optional import require

    monkeypatch.setitem(sys.modules, "torch", None)  # makes "import torch" fail
    with pytest.raises(ImportError, match=re.escape("extra 'gen': pip install '.[gen]' in a clone of danetqa-augment")):
        require("torch", "gen")


def test_both_commands_have_help():
    for module in ("augment", "finetune"):
        result = run_python("-m", module, "--help")
        assert "usage:" in result.stdout
    assert "validate" in run_python("-m", "augment", "--help").stdout


def test_validate_summarizes_the_sample(capsys, sample_path):
    assert main(["validate", str(sample_path)]) == 0
    out = capsys.readouterr().out
    assert "56 valid example(s)" in out and "label yes" in out


def test_bad_input_is_one_line_error_with_exit_code_2(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "Есть ли?", "passage": "Текст.", "label": "maybe", "idx": 0}\n', encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    assert f"augment: error: {bad}:1: field 'label'" in capsys.readouterr().err
    assert main(["validate", str(bad), "--on-error", "skip"]) == 0
    assert "label: invalid value" in capsys.readouterr().out
    assert main(["validate", str(tmp_path / "missing.jsonl")]) == 2


def test_compose_runs_registered_generators(tmp_path, sample_path, capsys):
    augment.register("test_wrap")(Wrap)
    out = tmp_path / "out.jsonl"
    assert main(["compose", str(sample_path), "-o", str(out), "-g", "test_wrap", "--drop-originals",
                 "--max-chars", "60", "--no-progress"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(r["question"].startswith("Правда ли, что ") for r in records)
    assert all(len(r["question"]) <= 60 for r in records)
    assert "dropped: length" in capsys.readouterr().out
    assert main(["compose", str(sample_path), "-o", str(out), "-g", "nope"]) == 2


def test_compose_balances_rule_based_by_default(tmp_path, sample_path, sample_examples):
    from augment import Pipeline, RuleBasedGenerator, read_jsonl

    outputs = {}
    for option in ("--balance", "--no-balance"):
        path = tmp_path / f"{option}.jsonl"
        assert main(["compose", str(sample_path), "-o", str(path), "-g", "rule_based", "--drop-originals",
                     "--no-progress", *([] if option == "--balance" else [option])]) == 0
        outputs[option] = [e.to_record() for e in read_jsonl(path)]
    balanced = RuleBasedGenerator(seed=0, balance=True).fit(sample_examples)
    expected = Pipeline(balanced, keep_originals=False, filters=[augment.LengthFilter(8, 200)]).run(sample_examples)
    assert outputs["--balance"] == [e.to_record() for e in expected]
    assert len(outputs["--balance"]) < len(outputs["--no-balance"])


def test_console_scripts_are_declared():
    config = (ROOT / "setup.cfg").read_text(encoding="utf-8")
    assert "augment = augment.cli:main" in config and "finetune = finetune.cli:main" in config
    assert subprocess.run([sys.executable, "-m", "augment", "--version"], capture_output=True, text=True,
                          cwd=ROOT).stdout.strip() == f"augment {augment.__version__}"
