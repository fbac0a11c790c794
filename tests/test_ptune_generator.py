"""PromptTunedGenerator on a tiny GPT-2 built offline, pretrained for a few seconds, then p-tuned.

The prompt is trained on questions all reframed as «Правда ли, что …?»: a frame that appears in no passage,
so a trained prompt that asks in it has learned it from the training targets.
"""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from augment import Example, Pipeline, PromptTunedGenerator, create, read_jsonl
from augment.cli import main
from augment.ptune.decoding import decode, sequence_logprobs
from augment.ptune.filters import QuestionFormFilter
from augment.ptune.generator import passage_idx
from augment.ptune.template import encode
from augment.ptune.tiny import build_tiny_question_lm, first_sentence
from tests.torch_threads import one_torch_thread  # noqa: F401 (an autouse fixture)

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
peft = pytest.importorskip("peft")

FRAME = "Правда ли, что"
FRAMED = re.compile(r"\bли,? что\b")  # the frame's core, in every training target and in no passage
SHAPE = {"num_virtual_tokens": 32, "encoder_hidden_size": 64, "max_length": 96}
FIT = {"learning_rate": 3e-2, "num_epochs": 10, "batch_size": 8, "warmup_steps": 0, "early_stopping_patience": None}


def reframe(example: Example) -> Example:
    question = re.sub(r"^Правда ли,? что ", "", example.question)
    return Example(f"{FRAME} {question[0].lower()}{question[1:]}", example.passage, example.label, example.idx)


@pytest.fixture(scope="module")
def split(sample_examples):
    """Train and eval examples with short passages (first sentences), questions reframed; held-out originals."""
    short = [Example(e.question, first_sentence(e.passage), e.label, e.idx) for e in sample_examples]
    assert not any(FRAMED.search(e.passage) for e in sample_examples)
    return [reframe(e) for e in short[:44]], [reframe(e) for e in short[44:]], short[44:]


@pytest.fixture(scope="module")
def lm_path(sample_examples, tmp_path_factory):
    return str(build_tiny_question_lm(sample_examples, tmp_path_factory.mktemp("lm") / "tiny-gpt2"))


@pytest.fixture(scope="module")
def untrained(lm_path):
    return PromptTunedGenerator(lm_path, seed=0, **SHAPE)


@pytest.fixture(scope="module")
def fitted(lm_path, split, tmp_path_factory):
    train, evaluation, _ = split
    generator = PromptTunedGenerator(lm_path, seed=0, **SHAPE)
    result = generator.fit(train, evaluation, output_dir=tmp_path_factory.mktemp("fit"), progress=False, **FIT)
    return generator, result


@pytest.fixture(scope="module")
def trained(fitted):
    return fitted[0]


@pytest.fixture(scope="module")
def saved(trained, tmp_path_factory):
    return trained.save_pretrained(tmp_path_factory.mktemp("prompt") / "prompt")


def greedy(generator, passages, **options):
    return list(generator.generate(passages, do_sample=False, max_new_tokens=16, **options))


def global_random_state():
    import random

    import numpy as np

    return random.getstate(), np.random.get_state()[1].tolist(), torch.random.get_rng_state().tolist()


# -- training ---------------------------------------------------------------------------------------------


def test_training_lowers_the_eval_loss(fitted):
    _, result = fitted
    losses = [loss for _, loss in result.eval_losses]
    assert len(losses) == 10  # one eval per epoch
    assert losses[-1] < losses[0] < result.initial_eval_loss
    assert result.best_eval_loss < result.initial_eval_loss - 0.1
    assert result.train_rows == 44 and result.global_step == 60


def test_trained_prompt_asks_in_the_frame_it_learned(trained, untrained, split):
    _, _, held_out = split
    before, after = greedy(untrained, held_out), greedy(trained, held_out)
    framed = [sum(map(bool, map(FRAMED.search, [o.question for o in outputs]))) / len(outputs)
              for outputs in (before, after)]
    assert framed[1] >= 0.6 > 0.3 >= framed[0], framed
    assert [o.question for o in before] != [o.question for o in after]


def test_backbone_stays_frozen(trained, lm_path):
    reference = transformers.AutoModelForCausalLM.from_pretrained(lm_path)
    for (name, weight), (_, original) in zip(trained.model.state_dict().items(), reference.state_dict().items()):
        assert torch.equal(weight, original), name


def test_training_resumes_after_an_interruption(lm_path, split, tmp_path, monkeypatch):
    train, evaluation, _ = split
    settings = {**FIT, "num_epochs": 4}

    def prompt_after(output_dir, **kwargs):
        generator = PromptTunedGenerator(lm_path, seed=0, **SHAPE)
        result = generator.fit(train, evaluation, output_dir=output_dir, progress=False, **settings, **kwargs)
        return generator.prompt_embeddings(), result

    before = global_random_state()
    uninterrupted, _ = prompt_after(tmp_path / "whole")
    assert global_random_state() == before  # the Trainer reseeds everything; fit puts it back

    saves = []
    original = transformers.Trainer._save_checkpoint

    def save_then_die(self, *args, **kwargs):
        original(self, *args, **kwargs)
        saves.append(self.state.global_step)
        if len(saves) == 2:
            raise KeyboardInterrupt  # killed right after the second epoch's checkpoint

    with monkeypatch.context() as patch:
        patch.setattr(transformers.Trainer, "_save_checkpoint", save_then_die)
        with pytest.raises(KeyboardInterrupt):
            prompt_after(tmp_path / "killed")
    resumed, result = prompt_after(tmp_path / "killed")
    assert result.resumed_from.endswith(f"checkpoint-{saves[-1]}")
    assert result.global_step == 24 and len(result.eval_losses) == 4
    assert torch.allclose(resumed, uninterrupted, atol=1e-6)


def test_the_studys_lstm_encoder_trains_saves_and_reloads(lm_path, split, tmp_path):
    generator = PromptTunedGenerator(lm_path, encoder="lstm", num_virtual_tokens=8, encoder_hidden_size=32,
                                     max_length=96)
    result = generator.fit(split[0][:16], progress=False, **{**FIT, "num_epochs": 1})
    assert result.global_step == 2 and result.eval_losses == []
    reloaded = PromptTunedGenerator.from_pretrained(generator.save_pretrained(tmp_path / "lstm"))
    assert reloaded.encoder == "lstm"
    assert torch.equal(reloaded.prompt_embeddings(), generator.prompt_embeddings())


def test_a_saved_prompt_is_not_trained_further(saved, split):
    with pytest.raises(ValueError, match="cannot be trained further"):
        PromptTunedGenerator.from_pretrained(saved).fit(split[0])


# -- decoding ---------------------------------------------------------------------------------------------


def greedy_alone_without_cache(model, prompt, row, eos_id, max_new_tokens):
    """The reference: one prompt, no padding, no cache, the whole sequence recomputed each step."""
    ids, new = list(row), []
    for _ in range(max_new_tokens):
        text = model.get_input_embeddings()(torch.tensor([ids]))
        embeds = torch.cat([prompt.unsqueeze(0), text], dim=1)
        with torch.no_grad():
            token = int(model(inputs_embeds=embeds, use_cache=False).logits[0, -1].argmax())
        if token == eos_id:
            break
        new.append(token)
        ids.append(token)
    return new


def test_batched_cached_greedy_equals_each_prompt_alone_without_cache(trained, split):
    tokenizer, model, prompt = trained.tokenizer, trained.model, trained.prompt_embeddings()
    rows = [encode(tokenizer, e.passage, word, max_length=96, num_virtual_tokens=32, reserve=12).prompt
            for e in split[2] for word in ("да", "нет")]
    assert len({len(row) for row in rows}) >= 4  # really different lengths, so really padded
    batched = decode(model, prompt, rows, eos_id=tokenizer.eos_token_id, pad_id=tokenizer.pad_token_id,
                     max_new_tokens=12)
    alone = [greedy_alone_without_cache(model, prompt, row, tokenizer.eos_token_id, 12) for row in rows]
    assert [d.ids for d in batched] == alone
    assert sum(map(len, alone)) > 2 * len(rows)  # the comparison covers many generated tokens


def test_sequence_logprob_matches_a_fresh_scoring_pass(trained, split):
    outputs = list(trained.generate(split[2][:4], n=2, top_p=0.95, max_new_tokens=12, seed=3))
    tokenizer = trained.tokenizer
    rows, continuations = [], []
    for o in outputs:
        rows.append(encode(tokenizer, o.passage, o.meta["answer_word"], max_length=96, num_virtual_tokens=32,
                           reserve=12).prompt)
        ids = tokenizer(" " + o.question, add_special_tokens=False)["input_ids"]
        continuations.append(ids + [tokenizer.eos_token_id] * o.meta["finished"])
    scores = sequence_logprobs(trained.model, trained.prompt_embeddings(), rows, continuations)
    checked = [(o.meta["logprob"], s) for o, s, c in zip(outputs, scores, continuations)
               if len(c) == o.meta["tokens"] + o.meta["finished"]]  # the text re-tokenizes to the same ids
    assert len(checked) >= len(outputs) // 2
    assert all(a == pytest.approx(b, abs=1e-3) for a, b in checked)


def test_sampling_is_row_pure_and_seeded(trained, split):
    passages = split[2]
    options = {"n": 2, "top_p": 0.95, "max_new_tokens": 12, "seed": 7}
    forward = {o.idx: o for o in trained.generate(passages, batch_size=3, **options)}
    backward = {o.idx: o for o in trained.generate(passages[::-1], batch_size=5, **options)}
    alone = {o.idx: o for o in trained.generate(passages[5:6], batch_size=1, **options)}
    assert len(forward) >= 3 * len(passages)  # 2 labels x 2 samples each, but for empty generations
    assert {k: o.question for k, o in forward.items()} == {k: o.question for k, o in backward.items()}
    assert all(forward[k].question == o.question for k, o in alone.items())
    other_seed = [o.question for o in trained.generate(passages, **{**options, "seed": 8})]
    assert other_seed != [o.question for o in forward.values()]


def test_beam_search_returns_the_best_beams_first(trained, split):
    outputs = list(trained.generate(split[2][:3], labels=["yes"], n=2, num_beams=3, max_new_tokens=12))
    assert [o.meta["sample"] for o in outputs] == [0, 1] * 3
    for first, second in zip(outputs[::2], outputs[1::2]):
        assert first.question != second.question
        assert first.meta["decoding"] == {"do_sample": False, "num_beams": 3, "max_new_tokens": 12}
    assert all(o.label is True and o.meta["answer_word"] == "да" for o in outputs)
    alone = [o for e in split[2][:3] for o in trained.generate([e], labels=["yes"], n=2, num_beams=3,
                                                               max_new_tokens=12)]
    assert [o.question for o in alone] == [o.question for o in outputs]  # beams are row-pure too


# -- saving, loading, and using a prompt without this library ---------------------------------------------


def test_save_and_load_give_identical_outputs(trained, saved, split):
    config = json.loads((saved / "prompt_tuned.json").read_text())
    assert config["base_model"] == trained.base_model and config["template_version"] == "1"
    assert config["answer_words"] == {"yes": "да", "no": "нет"} and config["generation"]["labels"] == ["yes", "no"]
    before = global_random_state()
    reloaded = PromptTunedGenerator.from_pretrained(saved)
    assert torch.equal(reloaded.prompt_embeddings(), trained.prompt_embeddings())
    list(reloaded.generate(split[2], n=2, seed=1))
    assert global_random_state() == before
    for options in ({"n": 2, "top_p": 0.9, "seed": 1}, {"num_beams": 2, "n": 2}, {"do_sample": False}):
        a = list(trained.generate(split[2], max_new_tokens=12, **options))
        b = list(reloaded.generate(split[2], max_new_tokens=12, **options))
        assert [o.to_record() for o in a] == [o.to_record() for o in b]
        assert all(o.meta["prompt"] == str(saved) for o in b)


@pytest.mark.filterwarnings("ignore:.*is_gradient_checkpointing:FutureWarning")  # peft vs transformers 5
def test_a_saved_prompt_works_with_plain_transformers_and_peft(trained, saved, split):
    """The recipe of the README, verbatim: no augment code between loading and decoding."""
    folder = str(saved)
    config = json.loads(Path(folder, "prompt_tuned.json").read_text(encoding="utf-8"))
    tokenizer = transformers.AutoTokenizer.from_pretrained(config["base_model"], padding_side="left")
    model = transformers.AutoModelForCausalLM.from_pretrained(config["base_model"]).eval()
    prompt = peft.PeftModel.from_pretrained(model, folder).get_prompt(batch_size=1)[0].detach()
    ours = {o.idx: o for o in greedy(trained, split[2])}
    whole = [e for e in split[2] if all(o.meta["passage_cut"] == 0 for o in ours.values()
                                        if o.meta["parent_idx"] == e.idx)]  # the recipe does not cut passages
    assert len(whole) >= 6
    words = {"yes": "да", "no": "нет"}
    texts = [f"Ответ: {words[label]}.\nТекст: {e.passage}\nВопрос:" for e in whole for label in ("yes", "no")]
    batch = tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False)
    embeds = torch.cat([prompt.expand(len(texts), -1, -1), model.get_input_embeddings()(batch.input_ids)], dim=1)
    mask = torch.cat([torch.ones(len(texts), prompt.shape[0], dtype=torch.long), batch.attention_mask], dim=1)
    with torch.no_grad():
        out = model.generate(inputs_embeds=embeds, attention_mask=mask, max_new_tokens=16, do_sample=False,
                             eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id)
    plain = [text.split("\n")[0].strip() for text in tokenizer.batch_decode(out, skip_special_tokens=True)]
    expected = [ours[key].question if key in ours else ""
                for e in whole for key in (f"{e.idx}/prompt_tuned.{label}0" for label in ("yes", "no"))]
    assert plain == expected and sum(map(bool, expected)) >= len(texts) - 2


# -- the generator protocol: composition, bare passages, streaming with resume -----------------------------


def test_registered_and_composable(trained, split):
    assert isinstance(create("prompt_tuned", seed=3), PromptTunedGenerator)  # cheap: the model loads on use
    pipeline = Pipeline(trained, filters=[QuestionFormFilter()], keep_originals=True)
    rows = list(pipeline.run(split[2]))
    generated = [r for r in rows if "generator" in r.meta]
    assert pipeline.stats["input"] == 12 and generated
    for row in generated:
        assert row.meta["label_effect"] == "set" and row.label is (row.meta["answer_word"] == "да")
        assert row.source_idx in {e.idx for e in split[2]}


def test_bare_passages_get_stable_ids(trained, split):
    passages = [e.passage for e in split[2][:4]]
    forward = list(trained.generate(passages, do_sample=False, max_new_tokens=8))
    backward = list(trained.generate(passages[::-1], do_sample=False, max_new_tokens=8))
    assert {o.meta["parent_idx"] for o in forward} <= {passage_idx(p) for p in passages}
    assert sorted((o.idx, o.question) for o in forward) == sorted((o.idx, o.question) for o in backward)


def test_streaming_resumes_after_a_kill(trained, split, tmp_path, monkeypatch):
    import augment.jsonl

    options = {"n": 2, "top_p": 0.95, "max_new_tokens": 12, "seed": 5}
    whole = tmp_path / "whole.jsonl"
    counts = trained.generate_to_jsonl(split[2], whole, **options)
    assert counts["written"] == len(whole.read_text().splitlines()) > 20

    killed = tmp_path / "killed.jsonl"
    original = augment.jsonl.JsonlAppender.write

    def write_then_die(self, example):
        if self.written == 7:
            raise KeyboardInterrupt
        original(self, example)

    with monkeypatch.context() as patch:
        patch.setattr(augment.jsonl.JsonlAppender, "write", write_then_die)
        with pytest.raises(KeyboardInterrupt):
            trained.generate_to_jsonl(split[2], killed, **options)
    assert len(killed.read_text().splitlines()) == 7  # nothing written before the kill is lost
    with open(killed, "a", encoding="utf-8") as handle:
        handle.write('{"question": "Торн')  # and a kill in the middle of a line leaves this
    resumed = trained.generate_to_jsonl(split[2], killed, **options)
    assert resumed["already done"] == 7 and resumed["torn bytes dropped"] > 0
    assert killed.read_bytes() == whole.read_bytes()
    again = trained.generate_to_jsonl(split[2], killed, **options)
    assert again["written"] == 0 and killed.read_bytes() == whole.read_bytes()

    parents = Counter(json.loads(line)["meta"]["parent_idx"] for line in whole.read_text().splitlines())
    complete = [e for e in split[2] if parents[e.idx] == 4]  # no empty generation among their outputs
    partial = tmp_path / "partial.jsonl"
    trained.generate_to_jsonl(complete, partial, **options)
    with monkeypatch.context() as patch:
        patch.setattr(PromptTunedGenerator, "_generate_chunk", lambda *args: pytest.fail("regenerated"))
        assert trained.generate_to_jsonl(complete, partial, **options)["inputs skipped"] == len(complete) > 0


# -- command line -----------------------------------------------------------------------------------------


def test_cli_trains_generates_and_filters(lm_path, split, tmp_path, capsys):
    from augment import write_jsonl

    train, evaluation, held_out = split
    write_jsonl(train, tmp_path / "train.jsonl")
    write_jsonl(evaluation, tmp_path / "val.jsonl")
    write_jsonl(held_out, tmp_path / "passages.jsonl")
    prompt = tmp_path / "prompt"
    assert main(["ptune", "train", str(tmp_path / "train.jsonl"), "--eval", str(tmp_path / "val.jsonl"),
                 "-o", str(prompt), "--base-model", lm_path, "--virtual-tokens", "8", "--encoder-hidden-size",
                 "32", "--max-length", "64", "--epochs", "2", "--batch-size", "8", "--lr", "0.03",
                 "--no-progress"]) == 0
    assert "eval loss" in capsys.readouterr().out
    assert main(["ptune", "generate", str(prompt), str(tmp_path / "passages.jsonl"), "-o",
                 str(tmp_path / "out.jsonl"), "--n", "2", "--max-new-tokens", "10", "--no-progress"]) == 0
    generated = list(read_jsonl(tmp_path / "out.jsonl"))
    assert generated and all(o.meta["generator"] == "prompt_tuned" for o in generated)
    assert main(["ptune", "filter", str(tmp_path / "out.jsonl"), "-o", str(tmp_path / "kept.jsonl"),
                 "--train", str(tmp_path / "train.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "question form" in out and "accepted" in out
    assert len(list(read_jsonl(tmp_path / "kept.jsonl"))) <= len(generated)
