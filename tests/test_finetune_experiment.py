import json

import pytest

import augment
from augment import Pipeline, write_jsonl
from finetune.cli import main
from finetune.experiment import load_splits
from tests.finetune_support import one_torch_thread
from tests.toy_generators import Flip, Wrap

pytest.importorskip("torch")
pytest.importorskip("matplotlib")


@pytest.fixture(autouse=True, scope="module")
def _one_thread():
    with one_torch_thread():
        yield


def test_grid_runs_end_to_end_offline_then_resumes(tmp_path, sample_path, sample_examples, monkeypatch, capsys):
    monkeypatch.setitem(augment.generator._REGISTRY, "test_flip", Flip)
    wrapped = tmp_path / "wrapped.jsonl"  # an augmented set made elsewhere, given as a file
    write_jsonl(Pipeline([Wrap()], dedupe=None).run(sample_examples), wrapped)
    out = tmp_path / "experiment"
    argv = ["experiment", "--models", "tiny-bert", "--train-sets", "danetqa,danetqa+test_flip",
            "--train-set", f"wrapped={wrapped}", "--seeds", "1,2", "--data", str(sample_path), "-o", str(out),
            "--epochs", "2", "--warmup-steps", "0", "--learning-rate", "1e-3", "--no-progress"]
    assert main(argv) == 0
    assert "6 run(s), 0 reused" in capsys.readouterr().out

    results = (out / "results.md").read_text()
    for name in ("danetqa", "danetqa+test_flip", "wrapped"):
        assert any(line.startswith(f"| tiny-bert | {name} ") and "| 2 " in line for line in results.splitlines())
    assert "(split 60/20/20 by passage)" in results
    assert (out / "plots" / "finetune-tiny-bert.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "plots" / "finetune-tiny-bert-evaluation.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    header = [cell.strip() for cell in results.split("## Results")[1].splitlines()[2].split("|")]
    assert header[8:11] == ["hard accuracy", "contrast accuracy", "consistency"] and "- **consistency**" in results
    finals = {p.parent: json.loads(p.read_text()) for p in out.glob("runs/*/*/*/seed*/final.json")}
    assert len(finals) == 6 and not list(out.rglob("model"))
    test_idx = [e.idx for e in load_splits(sample_path).test]
    for run_dir, final in finals.items():
        submission = [json.loads(line) for line in (run_dir / "DaNetQA.jsonl").read_text().splitlines()]
        assert [line["idx"] for line in submission] == test_idx
        assert {line["label"] for line in submission} <= {"true", "false"}
        assert final["val"]["total"] == len(load_splits(sample_path).val) and final["test"]["total"] == len(test_idx)
        evaluation = final["evaluation"]
        assert evaluation["metrics"] == final["val"] and evaluation["hard"]["n"] + evaluation["easy"]["n"] == len(
            load_splits(sample_path).val)
        (tn, fp), (fn, tp) = final["val"]["confusion"]
        if tn + fn == 0 or fp + tp == 0:
            # one answer for every question: a negation flips the label, never the answer
            assert evaluation["contrast"]["consistency"] == evaluation["contrast"]["negation_sensitivity"] == 0
    dev_size = finals[out / "runs/finetune/tiny-bert/wrapped/seed1"]["dev_size"]
    assert finals[out / "runs/finetune/tiny-bert/wrapped/seed1"]["leaks_removed"] == {
        "repeats a held-out example": dev_size, "descends from a held-out example": dev_size}
    assert finals[out / "runs/finetune/tiny-bert/danetqa+test_flip/seed2"]["train_size"] == 2 * finals[
        out / "runs/finetune/tiny-bert/danetqa/seed2"]["train_size"]

    # run again: every run is finished, nothing is trained
    stamps = {path: path.stat().st_mtime_ns for path in out.glob("runs/**/final.json")}

    def no_training(*args, **kwargs):
        raise AssertionError("a finished run was trained again")

    monkeypatch.setattr("finetune.experiment.run_protocol", no_training)
    assert main(argv) == 0
    assert "6 run(s), 6 reused" in capsys.readouterr().out
    assert stamps == {path: path.stat().st_mtime_ns for path in out.glob("runs/**/final.json")}
    # asked with other settings, it refuses instead of mixing runs
    assert main([*argv[:-1], "--epochs", "3"]) == 2
    assert "finished with other config" in capsys.readouterr().err
