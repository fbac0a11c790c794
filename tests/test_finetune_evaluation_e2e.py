"""The library's reason to exist, in miniature: a model trained with rule-based negations added answers negated
questions, one trained without them does not, and the contrast set tells them apart where accuracy cannot."""

import itertools
import json
import random

import pytest

from augment import Example, write_jsonl
from finetune import evaluate, train
from finetune.cli import main
from finetune.train_sets import build_train_set
from tests.finetune_support import one_torch_thread

pytest.importorskip("torch")

ANIMALS = ["кит", "волк", "сова", "лиса", "корова", "олень", "бобр", "ёж", "утка", "тюлень", "заяц", "медведь"]
OBJECTS = ["рыбу", "мясо", "траву", "воду", "мёд", "снег", "солнце", "тепло"]
# sentences around the fact, some with «не»: the word itself tells nothing in the originals
FILLERS = ["Зимой он не спит.", "Он не живёт в городе.", "Он часто гуляет.", "Летом он не мёрзнет."]
SETTINGS = {"epochs": 12, "warmup_steps": 0, "learning_rate": 1e-3, "batch_size": 16, "seed": 1}


def toy_task() -> list[Example]:
    """The passage says whether the animal loves or hates the thing; the question asks whether it loves it.
    The question's frame («Любит ли …» / «Правда ли, что …») is drawn independently of the label."""
    rng = random.Random(0)
    examples = []
    for i, (animal, thing) in enumerate(itertools.product(ANIMALS, OBJECTS)):
        for loves in (True, False):
            fact = f"{animal.capitalize()} {'любит' if loves else 'ненавидит'} {thing}."
            before, after = rng.sample(FILLERS, rng.randint(0, 2)), rng.sample(FILLERS, rng.randint(0, 2))
            frame = "Любит ли {} {}?" if rng.random() < 0.5 else "Правда ли, что {} любит {}?"
            question = frame.format(animal, thing)
            examples.append(Example(question, " ".join([*before, fact, *after]), loves, idx=2 * i + (not loves)))
    return examples


@pytest.fixture(scope="module")
def toy_runs(tmp_path_factory):
    """Both models, trained on the same originals; eval and dev hold out (animal, thing) pairs; dev has the
    negations too, so both runs keep the epoch that handles them best."""
    examples = toy_task()
    pair = {e.idx: e.idx // 2 % 5 for e in examples}
    val = [e for e in examples if pair[e.idx] == 0]
    dev = build_train_set("danetqa+rb", [e for e in examples if pair[e.idx] == 1], seed=0)
    originals = [e for e in examples if pair[e.idx] > 1]
    runs = {}
    with one_torch_thread():
        for name in ("danetqa", "danetqa+rb"):
            output = tmp_path_factory.mktemp(name.replace("+", "_"))
            runs[name] = train("tiny-bert", build_train_set(name, originals, seed=0), dev, output_dir=output,
                               progress=False, **SETTINGS)
        scores = {name: evaluate(run.model_dir, val, hard=False) for name, run in runs.items()}
    return runs, val, scores


def test_negations_in_training_make_the_model_answer_negated_questions(toy_runs):
    plain, augmented = toy_runs[2]["danetqa"], toy_runs[2]["danetqa+rb"]
    # both read the passage: plain accuracy does not tell them apart
    assert plain.accuracy >= 0.95 and augmented.accuracy >= 0.95
    assert plain.contrast.n == augmented.contrast.n > 0
    # the plain model ignores the negation: its answer stays, so every negated question it gets wrong
    assert plain.contrast.negation_sensitivity <= 0.1 and plain.contrast.consistency <= 0.1
    assert augmented.contrast.negation_sensitivity >= 0.8 and augmented.contrast.consistency >= 0.7
    assert augmented.contrast.negations.accuracy - plain.contrast.negations.accuracy >= 0.7


def test_evaluate_command_prints_the_table_and_writes_the_record(toy_runs, tmp_path, capsys):
    runs, val, scores = toy_runs
    data, train_file = tmp_path / "val.jsonl", tmp_path / "train.jsonl"
    write_jsonl(val, data)
    write_jsonl(toy_task()[:40], train_file)
    out = tmp_path / "evaluation"
    argv = ["evaluate", str(runs["danetqa+rb"].model_dir), str(data), "--contrast", "-o", str(out)]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "negations (label flipped)" in printed and "consistency" in printed and "hard (probe" not in printed
    record = json.loads((out / "evaluation.json").read_text())
    assert record["n"] == len(val) and record["contrast"] == scores["danetqa+rb"].as_dict()["contrast"]
    assert record["hard"] is record["probe"] is None  # not asked for

    # again, over its own record, with the hard subset by the probe fitted on a training file
    assert main([*argv, "--hard", "--probe-train", str(train_file), "--threshold", "0.6"]) == 0
    record = json.loads((out / "evaluation.json").read_text())
    assert record["probe"]["fitted_on"] == "train" and record["probe"]["threshold"] == 0.6
    assert record["hard"]["n"] + record["easy"]["n"] == len(val)
    assert "hard (probe < 0.6)" in capsys.readouterr().out


def test_evaluate_command_never_replaces_a_file_it_did_not_write(toy_runs, tmp_path, capsys):
    runs, val, _ = toy_runs
    data = tmp_path / "val.jsonl"
    write_jsonl(val, data)
    (tmp_path / "evaluation.json").write_text('{"mine": 1}')
    assert main(["evaluate", str(runs["danetqa"].model_dir), str(data), "--contrast", "-o", str(tmp_path)]) == 2
    assert "refusing to overwrite" in capsys.readouterr().err
    assert (tmp_path / "evaluation.json").read_text() == '{"mine": 1}'
