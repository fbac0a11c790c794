import pytest

from augment.tiny_models import KINDS, build_tiny_model, resolve_model

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

AUTO = {"bert": "AutoModelForMaskedLM", "roberta": "AutoModelForMaskedLM", "gpt2": "AutoModelForCausalLM"}


@pytest.mark.parametrize("kind", KINDS)
def test_built_model_reloads_with_identical_outputs(kind, tmp_path, sample_texts):
    path = build_tiny_model(kind, sample_texts, tmp_path / kind, seed=1)
    tokenizer = transformers.AutoTokenizer.from_pretrained(path)
    model_class = getattr(transformers, AUTO[kind])
    first = model_class.from_pretrained(path).eval()
    second = model_class.from_pretrained(path).eval()
    batch = tokenizer(["Есть ли у ёжика иголки?", "Правда ли, что йогурт — это молочный продукт?"],
                      padding=True, return_tensors="pt")
    with torch.no_grad():
        a, b = first(**batch).logits, second(**batch).logits
    assert a.shape[:2] == batch["input_ids"].shape and a.shape[-1] == len(tokenizer)
    assert torch.equal(a, b)
    assert tokenizer.pad_token_id is not None


@pytest.mark.parametrize("kind", KINDS)
def test_tokenizer_keeps_cyrillic_intact(kind, tmp_path, sample_texts):
    tokenizer = transformers.AutoTokenizer.from_pretrained(build_tiny_model(kind, sample_texts, tmp_path / kind))
    text = "Ёжик и йогурт живут в Москве"
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    assert tokenizer.decode(ids).strip() == text  # no lowercasing, no «й» -> «и», no «ё» -> «е»
    assert tokenizer.unk_token_id not in ids


def test_seed_decides_the_weights(tmp_path, sample_texts):
    def weights(seed):
        path = build_tiny_model("bert", sample_texts, tmp_path / str(seed), seed=seed)
        return transformers.AutoModelForMaskedLM.from_pretrained(path).bert.embeddings.word_embeddings.weight

    before = torch.random.get_rng_state()
    assert torch.equal(weights(0), weights(0))
    assert not torch.equal(weights(0), weights(1))
    assert torch.equal(torch.random.get_rng_state(), before)  # global random state untouched


def test_resolve_model_builds_once_and_passes_real_ids_through(sample_texts):
    path = resolve_model("tiny-gpt2", sample_texts)
    assert resolve_model("tiny-gpt2", sample_texts) == path
    assert resolve_model("ai-forever/rugpt3small_based_on_gpt2") == "ai-forever/rugpt3small_based_on_gpt2"
    with pytest.raises(ValueError, match="tiny-bert, tiny-roberta, tiny-gpt2"):
        resolve_model("tiny-t5", sample_texts)
    with pytest.raises(ValueError, match="needs texts"):
        resolve_model("tiny-bert")
