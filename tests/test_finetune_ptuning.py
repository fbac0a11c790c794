"""The ``ptuning`` method: a masked LM read at the template's mask, trained, saved, loaded, and in the grid."""

import json

import pytest

from augment.tiny_models import build_tiny_model
from finetune import evaluate, load_model, make_config, predict, train
from finetune.cli import main
from finetune.encoding import collator
from finetune.experiment import load_splits
from finetune.prompt import encode_prompts
from finetune.report import experiment_table
from finetune.split import hold_out
from tests.finetune_support import FAST, one_torch_thread, passage_task
from tests.test_finetune_prompt import PROMPT_TEXTS

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
ptuning = pytest.importorskip("finetune.ptuning")


@pytest.fixture(autouse=True, scope="module")
def _one_thread():
    with one_torch_thread():
        yield


def _masked_lm(kind, folder):
    """A tiny masked LM whose tokenizer knows the toy task's words, the template's and the verbalizer's."""
    texts = [text for e in passage_task(64, seed=0) for text in (e.question, e.passage)] + PROMPT_TEXTS
    return str(build_tiny_model(kind, texts, folder))


@pytest.mark.parametrize("kind", ["bert", "roberta"])
def test_verbalizer_scores_are_read_at_the_mask(kind, tmp_path):
    path = _masked_lm(kind, tmp_path)
    tokenizer = transformers.AutoTokenizer.from_pretrained(path)
    backbone = transformers.AutoModelForMaskedLM.from_pretrained(path).eval()
    model = ptuning._prompt_classifier(make_config(path, method="ptuning"), tokenizer, backbone).eval()
    examples = passage_task(4, seed=3)  # passages of different lengths: the batch is padded
    features = encode_prompts(tokenizer, model.template, examples, 64)
    batch = collator(tokenizer)(features)
    with torch.no_grad():
        scores = model(**batch).logits
        # by hand: the embeddings with the soft tokens in place, the whole masked LM, its logits at the mask
        prompts = model.prompt_encoder()
        for row, feature in enumerate(features):
            ids = torch.tensor([feature["input_ids"]])
            embeddings = backbone.get_input_embeddings()(ids)
            embeddings[0, feature["soft_positions"]] = prompts
            logits = backbone(inputs_embeds=embeddings).logits[0]
            assert torch.allclose(scores[row], logits[feature["mask_position"], list(model.verbalizer.token_ids)],
                                  atol=1e-5)
            assert not torch.allclose(scores[row], logits[feature["mask_position"] - 1, list(
                model.verbalizer.token_ids)], atol=1e-4)
        model.head_name = None  # the generic route (heads of other shapes): the whole model, read at the mask
        assert torch.allclose(model(**batch).logits, scores, atol=1e-5)
        # the soft tokens are the prompt encoder's: changing it changes the scores
        bias = model.prompt_encoder.mlp[-1].bias
        bias.copy_(torch.linspace(-3, 3, len(bias)))  # not a constant shift, which layer norm would undo
        assert not torch.allclose(model(**batch).logits, scores, atol=1e-4)


def _train_keeping_the_model(*args, **kwargs):
    """:func:`finetune.train`, plus the model it trained (in memory) and a copy of its weights before training."""
    kept = []
    run_trainer = ptuning.run_trainer

    def keep_model(config, model, *rest, **options):
        kept.append((model, {k: v.clone() for k, v in model.state_dict().items()}))
        return run_trainer(config, model, *rest, **options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ptuning, "run_trainer", keep_model)
        result = train(*args, **kwargs)
    return result, *kept[0]


@pytest.fixture(scope="module")
def roberta_run(tmp_path_factory):
    """tiny-roberta p-tuned on a task only the passage decides; it learns it by epoch 2 of 5."""
    folder = tmp_path_factory.mktemp("ptuning")
    examples = passage_task(96, seed=0)
    result, model, _ = _train_keeping_the_model(_masked_lm("roberta", folder / "backbone"), examples,
                                                output_dir=folder / "run", method="ptuning",
                                                **{**FAST, "epochs": 5, "learning_rate": 3e-3})
    return examples, result, model


def test_ptuning_learns_a_separable_task(roberta_run):
    _, result, _ = roberta_run
    first, *_, last = result.history
    assert last["eval_loss"] < first["eval_loss"] / 2 and result.best["accuracy"] == 1.0
    fresh = passage_task(40, seed=1, start=1000)  # new passages, the same questions
    predictions = predict(result.model_dir, fresh)
    assert sum(p.label == e.label for p, e in zip(predictions, fresh)) >= 36
    swapped = [type(e)(e.question, fresh[i ^ 1].passage, not e.label, e.idx) for i, e in enumerate(fresh)]
    assert sum(a.label != b.label for a, b in zip(predictions, predict(result.model_dir, swapped))) >= 32


def test_save_load_round_trip_gives_identical_predictions(roberta_run):
    examples, result, in_memory = roberta_run
    assert sorted(p.name for p in result.model_dir.iterdir()) == [
        "backbone.json", "finetune.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
        "training_args.bin"]
    saved = json.loads((result.model_dir / "finetune.json").read_text())
    assert (saved["method"], saved["template"], saved["verbalizer_yes"]) == ("ptuning", make_config(
        "x", method="ptuning").template, "да")
    loaded = load_model(result.model_dir)
    fresh = passage_task(24, seed=2, start=2000)
    batch = collator(loaded.tokenizer)(loaded.features(fresh))
    in_memory.eval()
    assert not loaded.model.training
    with torch.no_grad():
        assert torch.equal(loaded.model(**batch).logits, in_memory(**batch).logits)
    for a, b in zip(loaded.model.state_dict().items(), in_memory.state_dict().items()):
        assert a[0] == b[0] and torch.equal(a[1], b[1])
    # and it is the best epoch's model (not the last): the dev loss from its probabilities is that epoch's
    assert result.best_epoch < len(result.history)
    dev = hold_out(examples, result.config.dev_fraction, result.config.split_seed).held_out
    assert evaluate(loaded, dev, hard=False, contrast=False).accuracy == result.best["accuracy"]
    probabilities = torch.tensor(loaded.probabilities(dev))
    labels = torch.tensor([float(e.label) for e in dev])
    loss = torch.nn.functional.binary_cross_entropy(probabilities, labels).item()
    assert loss == pytest.approx(result.best["eval_loss"], rel=1e-4)
    assert loss != pytest.approx(result.history[-1]["eval_loss"], rel=1e-2)


def test_a_folder_with_other_weights_is_refused(roberta_run, tmp_path):
    import shutil

    from safetensors.torch import load_file, save_file

    _, result, _ = roberta_run
    copy = shutil.copytree(result.model_dir, tmp_path / "model")
    weights = {k: v for k, v in load_file(copy / "model.safetensors").items() if not k.startswith("prompt_encoder")}
    save_file(weights, copy / "model.safetensors")
    with pytest.raises(ValueError, match=r"missing .*prompt_encoder"):
        load_model(copy)


def test_frozen_backbone_trains_only_the_prompt_encoder(tmp_path):
    result, _, before = _train_keeping_the_model(_masked_lm("bert", tmp_path / "backbone"), passage_task(32, seed=0),
                                                 output_dir=tmp_path / "run", method="ptuning", freeze_backbone=True,
                                                 prompt_encoder="mlp", **FAST)
    after = load_model(result.model_dir).model.state_dict()
    assert after.keys() == before.keys() and not any(key.startswith("prompt_encoder.lstm") for key in after)
    for key, value in after.items():
        assert torch.equal(value, before[key]) == key.startswith("backbone."), key


def test_not_a_masked_lm_is_a_clear_error(sample_path, capsys):
    argv = ["train", "tiny-gpt2", "--train", str(sample_path), "-o", "unused", "--method", "ptuning"]
    assert main(argv) == 2
    assert "needs a masked language model" in capsys.readouterr().err
    assert main(["train", "tiny-bert", "--train", str(sample_path), "-o", "unused", "--freeze-backbone"]) == 2
    assert "freeze_backbone is a setting of method 'ptuning'" in capsys.readouterr().err


def test_evaluate_and_predict_commands_work_on_a_ptuned_model(roberta_run, tmp_path, sample_path, capsys):
    _, result, _ = roberta_run
    assert main(["evaluate", str(result.model_dir), str(sample_path)]) == 0
    assert "| 56       |" in capsys.readouterr().out
    assert main(["predict", str(result.model_dir), str(sample_path), "-o", str(tmp_path)]) == 0
    lines = [json.loads(line) for line in (tmp_path / "DaNetQA.jsonl").read_text().splitlines()]
    assert [line["label"] == "true" for line in lines] == [p.label for p in predict(result.model_dir, sample_path)]


def test_grid_with_both_methods_runs_offline(tmp_path, sample_path, capsys):
    out = tmp_path / "experiment"
    template = "{passage} Вопрос: {question} {soft*2} Ответ: {mask}."
    argv = ["experiment", "--models", "tiny-bert", "--methods", "finetune,ptuning", "--train-sets", "danetqa",
            "--seeds", "1", "--data", str(sample_path), "-o", str(out), "--epochs", "2", "--warmup-steps", "0",
            "--learning-rate", "1e-3", "--template", template, "--no-progress"]
    assert main(argv) == 0
    assert "2 run(s), 0 reused" in capsys.readouterr().out
    rows = [[cell.strip() for cell in line.split("|")[1:4]] for line in (out / "results.md").read_text().splitlines()]
    splits = load_splits(sample_path)
    for method in ("finetune", "ptuning"):
        assert [method, "tiny-bert", "danetqa"] in rows
        assert (out / "plots" / f"{method}-tiny-bert.png").is_file()
        run = out / "runs" / method / "tiny-bert" / "danetqa" / "seed1"
        final = json.loads((run / "final.json").read_text())
        assert final["val"]["total"] == len(splits.val) and final["test"]["total"] == len(splits.test)
        assert len((run / "DaNetQA.jsonl").read_text().splitlines()) == len(splits.test)
        # the template is ptuning's setting: the finetune run keeps the default
        assert (final["config"]["template"] == template) == (method == "ptuning")
    assert "ptuning settings: template `" + template in (out / "runs/ptuning/tiny-bert/danetqa/seed1/report.md"
                                                          ).read_text()
    # a method's setting without that method in the grid is refused
    assert main([*argv[:4], "finetune", *argv[5:]]) == 2
    assert "template: setting(s) of a method not in the grid" in capsys.readouterr().err


def test_the_studys_ptuning_figures_sit_next_to_ptuning_rows():
    val = {"accuracy": 0.8, **{f"{m}_{c}": 0.8 for m in ("precision", "recall", "f1") for c in ("yes", "no")},
           "macro_f1": 0.8}
    cells = [{"method": method, "model": "ruroberta", "train_set": "danetqa+pt",
              "runs": [{"val": val, "test": None, "best_epoch": 1}]} for method in ("finetune", "ptuning")]
    rows = [[cell.strip() for cell in row.split("|")[1:-1]] for row in experiment_table(cells, True).splitlines()]
    headers, _, finetune_row, ptuning_row = rows
    study = [headers.index("study val"), headers.index("study test")]
    assert [finetune_row[i] for i in study] == ["0.790", "0.670"]  # the study's first table
    assert [ptuning_row[i] for i in study] == ["0.820", "0.817"]  # its second table
