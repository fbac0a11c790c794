import pytest

import augment
from augment import Example
from finetune import PRESETS, make_config
from finetune.cli import main
from finetune.train_sets import RECIPES, build_train_set
from tests.helpers import run_python
from tests.toy_generators import Flip


def test_presets_hold_the_studys_settings():
    rubert, ruroberta = make_config("rubert"), make_config("ruroberta")
    assert rubert.model == "DeepPavlov/rubert-base-cased" and ruroberta.model == "ai-forever/ruRoberta-large"
    for config in (rubert, ruroberta):
        assert (config.learning_rate, config.weight_decay, config.warmup_steps, config.epochs, config.max_length) == (
            1e-5, 0.01, 100, 5, 512)
    assert (rubert.batch_size, ruroberta.batch_size) == (8, 4)


def test_any_model_and_any_override():
    config = make_config("/models/mine", preset="ruroberta", epochs=2, learning_rate=3e-5)
    assert (config.model, config.batch_size, config.epochs, config.learning_rate) == ("/models/mine", 4, 2, 3e-5)
    assert make_config("tiny-bert").batch_size == PRESETS["rubert"].batch_size
    with pytest.raises(ValueError, match=r"unknown setting.*epoch"):
        make_config("rubert", epoch=3)
    with pytest.raises(ValueError, match="dev_fraction"):
        make_config("rubert", dev_fraction=1.5)
    with pytest.raises(ValueError, match="unknown preset"):
        make_config("x", preset="bert-large")


def test_import_stays_light():
    code = ("import sys, finetune, finetune.cli; finetune.make_config('rubert'); "
            "heavy = {'torch', 'transformers', 'datasets'} & set(sys.modules); assert not heavy, heavy")
    run_python("-c", code)


def test_unknown_settings_and_methods_are_one_line_errors(capsys, sample_path):
    assert main(["train", "tiny-bert", "--train", str(sample_path), "-o", "unused", "--method", "nope"]) == 2
    assert "unknown training method 'nope'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["train", "tiny-bert", "--train", str(sample_path), "-o", "unused", "--epochs", "two"])


class _Recorder(augment.Generator):
    """Stands in for the real generators: records how the recipes call it."""

    name, version = "recorder", "1"
    label_effects = Flip.label_effects
    calls: list = []

    def __init__(self, seed=0, **options):
        super().__init__(seed)
        self.calls.append(("init", seed, options))

    def fit(self, examples):
        self.calls.append(("fit", len(examples)))

    def generate(self, examples):
        for example in examples:
            yield self.derive(example, "flip", question=example.question.rstrip("?") + " (нет)?")


@pytest.mark.parametrize(("train_set", "registered", "expected"), [
    ("danetqa+rb", "rule_based", [("init", 4, {"operations": ("negate", "reframe"), "balance": True}), ("fit", 3)]),
    ("danetqa+pt", "prompt_tuned", [("init", 4, {"model": "tiny-gpt2"}), ("fit", 3)]),
])
def test_study_recipes_call_generators_by_name(monkeypatch, train_set, registered, expected):
    monkeypatch.setitem(augment.generator._REGISTRY, registered, _Recorder)
    monkeypatch.setattr(_Recorder, "calls", [])
    originals = [Example(f"Есть ли {i}?", f"Текст {i}.", True, idx=i) for i in range(3)]
    options = {"model": "tiny-gpt2"} if registered == "prompt_tuned" else {}
    built = build_train_set(train_set, originals, seed=4, **options)
    assert _Recorder.calls == expected
    assert [e.idx for e in built[:2]] == [0, "0/recorder.flip"] and len(built) == 6


def test_recipe_table_is_extensible_and_any_generator_works(monkeypatch):
    originals = [Example("Есть ли кот?", "Кот есть.", True, idx=0)]
    monkeypatch.setitem(RECIPES, "twice", lambda examples, *, seed: list(examples) * 2)
    assert len(build_train_set("twice", originals, seed=0)) == 2
    monkeypatch.setitem(augment.generator._REGISTRY, "test_flip", Flip)
    built = build_train_set("danetqa+test_flip", originals, seed=0)
    assert [e.label for e in built] == [True, False]
    with pytest.raises(ValueError, match="unknown training set 'danetqa\\+nope'"):
        build_train_set("danetqa+nope", originals, seed=0)


def test_rule_based_recipe_adds_negations_with_flipped_labels(sample_examples):
    built = build_train_set("danetqa+rb", sample_examples, seed=0)
    assert len(built) > len(sample_examples)
    originals = {e.idx: e for e in sample_examples}
    negations = [e for e in built if e.meta.get("operation") == "negate"]
    assert negations, "the rule-based recipe produced no negation"
    for example in negations:
        parent = originals[example.meta["source_idx"]]
        assert example.label is (not parent.label)
        assert example.passage == parent.passage


class _Babbler(_Recorder):
    """A prompt-tuned stand-in that also says things that are not questions, or repeats training questions."""

    def generate(self, examples):
        for example in examples:
            yield self.derive(example, "flip", question="Правда ли, что текст ничего не значит?", tag="good")
            yield self.derive(example, "flip", question="38спорт рус Первым семранс", tag="garbage")
            yield self.derive(example, "flip", question="Есть ли 0?", tag="copy")


def test_prompt_tuned_recipe_keeps_only_well_formed_new_questions(monkeypatch):
    monkeypatch.setitem(augment.generator._REGISTRY, "prompt_tuned", _Babbler)
    monkeypatch.setattr(_Babbler, "calls", [])
    originals = [Example(f"Есть ли {i}?", f"Текст номер {i}.", True, idx=i) for i in range(3)]
    built = build_train_set("danetqa+pt", originals, seed=0)
    assert [e.idx for e in built] == [0, "0/recorder.good", 1, "1/recorder.good", 2, "2/recorder.good"]
