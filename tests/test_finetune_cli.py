import json
import math

import pytest

from finetune.cli import main
from tests.finetune_support import FAST, one_torch_thread
from tests.helpers import run_python

pytest.importorskip("torch")
FAST_FLAGS = [f"--{name.replace('_', '-')}={value}" for name, value in FAST.items()]


@pytest.fixture(autouse=True, scope="module")
def _one_thread():
    with one_torch_thread():
        yield


def test_train_evaluate_predict_commands(tmp_path, sample_path, capsys):
    run = tmp_path / "run"
    argv = ["train", "tiny-roberta", "--train", str(sample_path), "--val", str(sample_path), "--test",
            str(sample_path), "-o", str(run), *FAST_FLAGS, "--no-progress"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "# tiny-roberta (finetune), seed 1" in out and "| val   | 56 " in out
    assert "## Val where the question form cannot help" in out and "contrast set by rule_based" in out
    final = json.loads((run / "final.json").read_text())
    assert final["evaluation"]["metrics"] == final["val"] and final["evaluation"]["hard"]["n"] > 0
    assert main(["evaluate", str(run / "model"), str(sample_path)]) == 0
    assert f"| 56       | {final['val']['accuracy']:.3f}" in capsys.readouterr().out
    assert main(["predict", str(run / "model"), str(sample_path), "-o", str(tmp_path / "sub.jsonl")]) == 0
    assert "wrote 56 prediction(s)" in capsys.readouterr().out
    assert (tmp_path / "sub.jsonl").read_text() == (run / "DaNetQA.jsonl").read_text()


def test_same_entry_point_trains_under_torchrun(tmp_path, sample_path, monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    run = tmp_path / "ddp"
    result = run_python("-m", "torch.distributed.run", "--nproc_per_node=2", "-m", "finetune", "train", "tiny-bert",
                        "--train", str(sample_path), "--test", str(sample_path), "-o", str(run), *FAST_FLAGS)
    assert result.stdout.count("# tiny-bert (finetune)") == 1  # only rank 0 reports
    final = json.loads((run / "final.json").read_text())
    # two processes, each with its own batch of 8: the schedule counts steps of 16 examples
    assert final["total_steps"] == FAST["epochs"] * math.ceil(final["train_size"] / (2 * FAST["batch_size"]))
    # the logged loss is the mean over both processes, not their sum (a random head starts near ln 2)
    assert final["history"][0]["loss"] < 1.0
    assert len((run / "DaNetQA.jsonl").read_text().splitlines()) == 56


def test_finetune_help_lists_the_commands():
    out = run_python("-m", "finetune", "--help").stdout
    assert all(command in out for command in ("train", "evaluate", "predict", "experiment"))


@pytest.mark.parametrize(("confusion", "expected"), [
    ([[0, 5], [0, 7]], True),    # always "yes"
    ([[5, 0], [7, 0]], True),    # always "no"
    ([[4, 1], [2, 5]], False),
])
def test_experiment_flags_runs_that_answer_one_class(confusion, expected):
    from finetune.commands.experiment import _one_class

    assert _one_class(confusion) is expected
