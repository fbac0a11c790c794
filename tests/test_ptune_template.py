"""The shared template, the settings, the saved config, and that p-tuning costs nothing until used."""

import json

import pytest

from augment.ptune.settings import GenerationSettings, TrainingSettings
from augment.ptune.storage import CONFIG_NAME, read_config, write_config
from augment.ptune.template import TemplateError, encode, label_name, prompt_text
from tests.helpers import run_python


@pytest.fixture(scope="module")
def tokenizer(sample_texts):
    pytest.importorskip("transformers")
    from augment.tiny_models import build_tokenizer

    return build_tokenizer("gpt2", sample_texts)


def test_only_the_passage_is_cut(tokenizer, sample_examples):
    example = sample_examples[0]
    full = encode(tokenizer, example.passage, "да", example.question, max_length=512, num_virtual_tokens=10)
    cut = encode(tokenizer, example.passage, "да", example.question, max_length=60, num_virtual_tokens=10)
    assert full.passage_cut == 0 and cut.passage_cut > 0
    assert 10 + len(cut.prompt) + len(cut.target) == 60
    assert cut.target == full.target and cut.target[-1] == tokenizer.eos_token_id
    assert tokenizer.decode(cut.target[:-1]).strip() == example.question
    text = tokenizer.decode(cut.prompt)
    assert text.startswith("Ответ: да.\nТекст: ") and text.endswith("\nВопрос:")
    assert example.passage.startswith(text[len("Ответ: да.\nТекст: "):-len("\nВопрос:")])


def test_training_and_generation_read_the_same_prompt(tokenizer, sample_examples):
    example = sample_examples[3]
    training = encode(tokenizer, example.passage, "нет", example.question, max_length=512, num_virtual_tokens=30)
    generation = encode(tokenizer, example.passage, "нет", max_length=512, num_virtual_tokens=30, reserve=40)
    assert training.prompt == generation.prompt and generation.target == []
    plain = tokenizer(prompt_text(example.passage, "нет"), add_special_tokens=False)["input_ids"]
    assert plain == generation.prompt  # the plain-text template tokenizes to the same ids


def test_no_room_is_refused(tokenizer):
    with pytest.raises(TemplateError, match="no room for the passage"):
        encode(tokenizer, "Текст.", "да", "очень " * 40 + "длинный вопрос?", max_length=40, num_virtual_tokens=10)


def test_label_names():
    assert (label_name(True), label_name(False), label_name("no")) == ("yes", "no", "no")
    with pytest.raises(ValueError, match="unknown label"):
        label_name("maybe")


def test_generation_settings_validate_and_replace():
    settings = GenerationSettings()
    assert settings.labels == ("yes", "no") and settings.do_sample
    beams = settings.replace(num_beams=3, n=2)
    assert not beams.do_sample and beams.decoding() == {"do_sample": False, "num_beams": 3, "max_new_tokens": 40}
    assert GenerationSettings(labels=(True,)).labels == ("yes",)
    for bad, message in (({"n": 0}, "n must be"), ({"top_p": 0}, "top_p"), ({"temperature": 0}, "temperature"),
                         ({"do_sample": False, "n": 2}, "greedy decoding gives one"), ({"labels": ()}, "labels"),
                         ({"do_sample": True, "num_beams": 2}, "not both")):
        with pytest.raises(ValueError, match=message):
            GenerationSettings(**bad)


def test_training_settings_study_preset():
    study = TrainingSettings.study()
    assert (study.learning_rate, study.max_steps, study.warmup_steps, study.scheduler) == (0.1, 2500, 500, "cosine")
    assert study.batch_size * study.gradient_accumulation_steps == 16
    assert TrainingSettings().replace(early_stopping_patience=None).early_stopping_patience is None
    with pytest.raises(TypeError, match="unknown training setting"):
        TrainingSettings().replace(epochs=3)


def test_saved_config_is_checked(tmp_path):
    write_config(tmp_path, {"base_model": "x"})
    assert read_config(tmp_path)["answer_words"] == {"yes": "да", "no": "нет"}
    record = json.loads((tmp_path / CONFIG_NAME).read_text())
    (tmp_path / CONFIG_NAME).write_text(json.dumps({**record, "template_version": "0"}))
    with pytest.raises(ValueError, match="template '0'"):
        read_config(tmp_path)
    with pytest.raises(FileNotFoundError, match="not a saved prompt"):
        read_config(tmp_path / "missing")


def test_prompt_tuning_costs_nothing_until_used():
    code = ("import sys; from augment import PromptTunedGenerator, create; from augment.cli import build_parser, "
            "COMMANDS; build_parser('augment', '', COMMANDS); g = create('prompt_tuned', seed=1); "
            "assert isinstance(g, PromptTunedGenerator) and g.seed == 1; "
            "heavy = {'torch', 'transformers', 'peft'} & set(sys.modules); assert not heavy, heavy")
    run_python("-c", code)
