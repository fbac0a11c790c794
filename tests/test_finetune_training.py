import json
import math
import random

import pytest

from augment import Example, Pipeline, read_jsonl
from finetune import Metrics, evaluate, predict, train, write_submission
from finetune.encoding import encode_pairs
from finetune.prediction import Prediction
from finetune.split import hold_out
from finetune.training import as_examples
from tests.finetune_support import FAST, one_torch_thread, passage_task
from tests.toy_generators import Flip

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")


@pytest.fixture(autouse=True, scope="module")
def _one_thread():
    with one_torch_thread():
        yield


@pytest.fixture(scope="module")
def augmented_run(tmp_path_factory, sample_examples):
    """tiny-bert trained for two epochs on the sample plus a flipped copy of every example (twice its size)."""
    examples = list(Pipeline([Flip()], dedupe=None).run(sample_examples))
    states = random.getstate(), torch.random.get_rng_state()
    result = train("tiny-bert", examples, output_dir=tmp_path_factory.mktemp("augmented"), **FAST)
    return examples, result, states


def test_schedule_length_follows_the_augmented_set(augmented_run, sample_examples):
    examples, result, _ = augmented_run
    assert result.train_size + result.dev_size + sum(result.removed.values()) == len(examples)
    assert result.train_size > len(sample_examples)
    steps_per_epoch = math.ceil(result.train_size / FAST["batch_size"])
    assert result.total_steps == FAST["epochs"] * steps_per_epoch
    # linear decay over the whole run: the last step of epoch 1 still has about half the rate (had the schedule
    # been sized on the original set, as in the study, the rate would have reached zero by then)
    first, last = result.history
    expected = FAST["learning_rate"] * (result.total_steps - steps_per_epoch + 1) / result.total_steps
    assert first["learning_rate"] == pytest.approx(expected)
    assert last["learning_rate"] == pytest.approx(FAST["learning_rate"] / result.total_steps)


def test_dev_split_is_held_out_and_its_children_dropped(augmented_run):
    _, result, _ = augmented_run
    # each dev example had exactly one flipped child in the set; those children were removed from training
    assert result.removed == {"descends from a held-out example": result.dev_size}


def test_metrics_file_report_and_best_checkpoint(augmented_run):
    examples, result, _ = augmented_run
    rows = [json.loads(line) for line in (result.output_dir / "metrics.jsonl").read_text().splitlines()]
    assert [row["epoch"] for row in rows] == [1, 2] and rows == result.history
    assert all(sum(map(sum, row["confusion"])) == result.dev_size for row in rows)
    assert {"accuracy", "precision_yes", "recall_no", "f1_no", "macro_f1", "loss"} <= set(rows[0])
    report = (result.output_dir / "report.md").read_text()
    header = "| epoch | train loss | learning rate | accuracy | P yes / P no | R yes / R no | F1 yes / F1 no |"
    assert header in " ".join(report.split())
    assert f"best epoch: {result.best_epoch}" in report
    # the saved model is the chosen epoch's: scoring dev again reproduces that epoch's confusion matrix
    dev = hold_out(examples, result.config.dev_fraction, result.config.split_seed).held_out
    assert evaluate(result.model_dir, dev, hard=False, contrast=False).metrics == Metrics.from_dict(result.best)
    assert not (result.output_dir / "checkpoints").exists()


def test_training_leaves_the_global_random_state_alone(augmented_run):
    _, _, (python_state, torch_state) = augmented_run
    assert random.getstate() == python_state
    assert torch.equal(torch.random.get_rng_state(), torch_state)


@pytest.fixture(scope="module")
def passage_run(tmp_path_factory):
    """tiny-bert trained on a task only the passage decides; it learns it by epoch 2 of 4."""
    examples = passage_task(64, seed=0)
    result = train("tiny-bert", examples, output_dir=tmp_path_factory.mktemp("passage"),
                   **{**FAST, "epochs": 4, "learning_rate": 3e-3})
    return examples, result


def test_predictions_read_the_passage(passage_run):
    """Regression for the study's bug: it predicted with pipe(question, passage), which drops the passage."""
    _, result = passage_run
    fresh = passage_task(40, seed=1, start=1000)  # new passages, the same questions
    predictions = predict(result.model_dir, fresh)
    assert sum(p.label == e.label for p, e in zip(predictions, fresh)) >= 36
    # the same question with the other kind of passage gets the other answer
    swapped = [type(e)(e.question, fresh[i ^ 1].passage, not e.label, e.idx) for i, e in enumerate(fresh)]
    changed = sum(a.label != b.label for a, b in zip(predictions, predict(result.model_dir, swapped)))
    assert changed >= 32


def test_consistency_filter_reads_a_finetuned_model_as_finetune_does(passage_run):
    """augment's consistency filter loads the classifier on its own (augment cannot import finetune): it must
    agree with finetune's predictions, label mapping and pair encoding included."""
    from augment.ptune.filters import ConsistencyFilter

    _, result = passage_run
    fresh = passage_task(12, seed=2, start=2000)
    expected = [p.probability for p in predict(result.model_dir, fresh)]
    assert ConsistencyFilter(result.model_dir).probabilities(fresh) == pytest.approx(expected, abs=1e-5)


def test_the_saved_model_is_the_best_epochs(passage_run):
    examples, result = passage_run
    assert result.best_epoch < len(result.history)  # later epochs tie on accuracy: the first best is kept
    dev = hold_out(examples, result.config.dev_fraction, result.config.split_seed).held_out
    probabilities = [p.probability for p in predict(result.model_dir, dev)]
    loss = -sum(math.log(p if e.label else 1 - p) for p, e in zip(probabilities, dev)) / len(dev)
    assert loss == pytest.approx(result.best["eval_loss"], rel=1e-3)
    assert loss != pytest.approx(result.history[-1]["eval_loss"], rel=1e-2)


def test_the_passage_is_truncated_before_the_question(sample_texts):
    from augment import resolve_model
    from augment.example import Example

    tokenizer = transformers.AutoTokenizer.from_pretrained(resolve_model("tiny-bert", sample_texts))
    question = "Есть ли у кита жабры?"
    long_question = "Правда ли, что " + "очень " * 40 + "длинный вопрос?"  # over half of 64 tokens, under 64
    passage = "Киты дышат лёгкими. " * 200
    examples = [Example(question, passage, False), Example(question, "Жабр у кита нет.", False),
                Example(long_question, passage, True),
                Example("Правда ли, что " + "очень " * 400 + "длинный вопрос?", passage, True)]
    with pytest.warns(UserWarning, match="^1 question.s. alone leave no room for the passage in max_length 64"):
        encoded = encode_pairs(tokenizer, examples, max_length=64)
    assert [len(f["input_ids"]) for f in encoded] == [64, len(encoded[1]["input_ids"]), 64, 64]
    passage_ids = tokenizer(passage, add_special_tokens=False)["input_ids"]
    for feature, text in zip(encoded[:3:2], (question, long_question)):
        question_ids = tokenizer(text, add_special_tokens=False)["input_ids"]
        assert feature["input_ids"][1 : 2 + len(question_ids)] == [*question_ids, tokenizer.sep_token_id]  # whole
        assert feature["input_ids"][2 + len(question_ids) : -1] == passage_ids[: 61 - len(question_ids)]
    assert 32 < len(tokenizer(long_question, add_special_tokens=False)["input_ids"]) < 61
    assert encoded[1] == {k: v[0] for k, v in tokenizer([question], ["Жабр у кита нет."]).items()}
    # a question that alone fills the room is cut, to leave the passage its first token
    assert encoded[3]["input_ids"][-2:] == [passage_ids[0], tokenizer.sep_token_id]
    assert encoded[3]["token_type_ids"].count(1) == 2


def test_submission_uses_each_records_idx(tmp_path, sample_path):
    records = list(read_jsonl(sample_path))[:5]
    idx = ["test-7", 3, 12, "a/b", 0]
    predictions = [Prediction(i, k % 2 == 0, 0.5) for k, i in enumerate(idx)]
    path = write_submission(predictions, tmp_path)
    assert path.name == "DaNetQA.jsonl"
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert lines == [{"idx": i, "label": "true" if k % 2 == 0 else "false"} for k, i in enumerate(idx)]
    assert len(records) == len(lines)
    with pytest.raises(ValueError, match="repeated"):
        write_submission([Prediction(1, True, 0.9), Prediction(1, False, 0.1)], tmp_path / "dup.jsonl")
    with pytest.raises(ValueError, match="missing"):
        write_submission([Prediction(None, True, 0.9)], tmp_path / "none.jsonl")


def test_training_data_may_be_dataset_rows():
    rows = [{"question": "Есть ли у кита хвост?", "passage": "У кита есть хвост.", "label": 1, "idx": 3}]
    assert as_examples(rows) == [Example("Есть ли у кита хвост?", "У кита есть хвост.", True, 3)]
    with pytest.raises(TypeError, match="got tuple"):
        as_examples([("Есть ли?", "Текст.", True)])
