"""Tiny BERT, RoBERTa and GPT-2 models with tokenizers trained on given texts, built offline in about a second.

They stand in for ruBERT, ruRoBERTa and ruGPT-3 in tests, examples and smoke runs (``--model tiny-bert``):
same architectures and tokenizer kinds, 2 layers, hidden size 64, Cyrillic kept intact (no lowercasing, no
accent stripping). Saved folders load with ``AutoTokenizer``/``AutoModel*.from_pretrained(path)``.
Needs the ``gen`` extra.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from augment.cache import cache_dir
from augment.optional import require

Kind = Literal["bert", "roberta", "gpt2"]
KINDS: tuple[Kind, ...] = ("bert", "roberta", "gpt2")
TINY_PREFIX = "tiny-"
MAX_LENGTH = 512
_BERT_SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
_BPE_SPECIALS = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
# every Russian letter in both cases, so that no Russian word becomes [UNK] whatever the training texts
_ALPHABET = [chr(c) for c in range(ord("А"), ord("я") + 1)] + ["Ё", "ё"] + list("0123456789")


def _train_wordpiece(texts: list[str], vocab_size: int) -> Any:
    tokenizers = require("tokenizers", "gen")
    tokenizer = tokenizers.Tokenizer(tokenizers.models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = tokenizers.normalizers.BertNormalizer(lowercase=False, strip_accents=False)
    tokenizer.pre_tokenizer = tokenizers.pre_tokenizers.BertPreTokenizer()
    trainer = tokenizers.trainers.WordPieceTrainer(
        vocab_size=vocab_size, special_tokens=_BERT_SPECIALS, initial_alphabet=_ALPHABET, show_progress=False
    )
    tokenizer.train_from_iterator(texts, trainer)
    return require("transformers", "gen").BertTokenizer(
        vocab=tokenizer.get_vocab(), do_lower_case=False, strip_accents=False, model_max_length=MAX_LENGTH
    )


def _train_bpe(texts: list[str], vocab_size: int) -> tuple[dict[str, int], list[tuple[str, str]]]:
    tokenizers = require("tokenizers", "gen")
    byte_level = tokenizers.pre_tokenizers.ByteLevel
    tokenizer = tokenizers.Tokenizer(tokenizers.models.BPE())
    tokenizer.pre_tokenizer = byte_level(add_prefix_space=False)
    trainer = tokenizers.trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=_BPE_SPECIALS, initial_alphabet=byte_level.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(texts, trainer)
    model = json.loads(tokenizer.to_str())["model"]
    return model["vocab"], [tuple(pair) for pair in model["merges"]]


def build_tokenizer(kind: Kind, texts: Iterable[str], vocab_size: int = 2000) -> Any:
    """A tokenizer of the family ``kind`` trained on ``texts`` (WordPiece for BERT, byte-level BPE else)."""
    texts = list(texts)
    if not texts:
        raise ValueError("need at least one text to train a tokenizer")
    if kind == "bert":
        return _train_wordpiece(texts, vocab_size)
    transformers = require("transformers", "gen")
    vocab, merges = _train_bpe(texts, vocab_size)
    if kind == "roberta":
        return transformers.RobertaTokenizer(vocab=vocab, merges=merges, model_max_length=MAX_LENGTH)
    if kind == "gpt2":  # ruGPT-3's special tokens: <s>, </s>, <pad>
        return transformers.GPT2Tokenizer(
            vocab=vocab, merges=merges, unk_token="<unk>", bos_token="<s>", eos_token="</s>", pad_token="<pad>",
            model_max_length=MAX_LENGTH,
        )
    raise ValueError(f"unknown tiny model kind {kind!r}: expected one of {', '.join(KINDS)}")


def _model(kind: Kind, tokenizer: Any, hidden: int, layers: int) -> Any:
    transformers = require("transformers", "gen")
    shape = {"hidden_size": hidden, "num_hidden_layers": layers, "num_attention_heads": 2,
             "intermediate_size": 2 * hidden}
    if kind == "bert":
        config = transformers.BertConfig(vocab_size=len(tokenizer), max_position_embeddings=MAX_LENGTH,
                                         pad_token_id=tokenizer.pad_token_id, **shape)
        return transformers.BertForMaskedLM(config)
    if kind == "roberta":  # RoBERTa offsets positions by pad_token_id + 1
        config = transformers.RobertaConfig(
            vocab_size=len(tokenizer), max_position_embeddings=MAX_LENGTH + tokenizer.pad_token_id + 1,
            type_vocab_size=1, pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id,
            eos_token_id=tokenizer.eos_token_id, **shape,
        )
        return transformers.RobertaForMaskedLM(config)
    config = transformers.GPT2Config(
        vocab_size=len(tokenizer), n_positions=MAX_LENGTH, n_embd=hidden, n_layer=layers, n_head=2,
        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    return transformers.GPT2LMHeadModel(config)


def build_tiny_model(
    kind: Kind,
    texts: Iterable[str],
    path: str | os.PathLike[str],
    *,
    seed: int = 0,
    vocab_size: int = 2000,
    hidden: int = 64,
    layers: int = 2,
) -> Path:
    """Train a tokenizer on ``texts``, initialise a tiny ``kind`` model (seeded), save both to ``path``.

    BERT and RoBERTa are saved with their masked-LM head, GPT-2 with its LM head; the global torch random
    state is left as it was.
    """
    torch = require("torch", "gen")
    tokenizer = build_tokenizer(kind, texts, vocab_size)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = _model(kind, tokenizer, hidden, layers)
    target = Path(path)
    target.mkdir(parents=True, exist_ok=True)
    tokenizer.save_pretrained(target)
    model.save_pretrained(target)
    return target


def resolve_model(name_or_path: str, texts: Iterable[str] | None = None, *, seed: int = 0) -> str:
    """``tiny-bert``/``tiny-roberta``/``tiny-gpt2`` become a tiny model built on ``texts`` and cached;
    anything else (a hub id or a local path) is returned unchanged."""
    if not name_or_path.startswith(TINY_PREFIX):
        return name_or_path
    kind = name_or_path[len(TINY_PREFIX):]
    if kind not in KINDS:
        raise ValueError(f"unknown tiny model {name_or_path!r}: expected one of "
                         + ", ".join(TINY_PREFIX + k for k in KINDS))
    if texts is None:
        raise ValueError(f"{name_or_path} is built on the fly and needs texts to train its tokenizer")
    texts = list(texts)
    digest = hashlib.sha256(json.dumps([kind, seed, texts], ensure_ascii=False).encode()).hexdigest()[:16]
    target = cache_dir() / "tiny" / f"{kind}-{digest}"
    if not (target / "config.json").is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
        build_tiny_model(kind, texts, staging, seed=seed)  # type: ignore[arg-type]
        try:
            os.replace(staging, target)
        except OSError:  # another process finished first
            shutil.rmtree(staging, ignore_errors=True)
    return str(target)


def pretrain_causal_lm(
    path: str | os.PathLike[str],
    texts: Iterable[str],
    *,
    steps: int = 150,
    learning_rate: float = 3e-3,
    batch_size: int = 16,
    max_tokens: int = 128,
    seed: int = 0,
) -> Path:
    """Give the causal LM saved at ``path`` some language: ``steps`` AdamW steps (10% warmup, then linear
    decay) of next-token prediction on ``texts`` (each cut to ``max_tokens`` and ended with the end-of-text
    token), saved back in place. Seconds for a tiny GPT-2; the global torch random state is left as it was."""
    torch = require("torch", "gen")
    transformers = require("transformers", "gen")
    tokenizer = transformers.AutoTokenizer.from_pretrained(path)
    model = transformers.AutoModelForCausalLM.from_pretrained(path)
    rows = [[*tokenizer(text, add_special_tokens=False)["input_ids"][: max_tokens - 1], tokenizer.eos_token_id]
            for text in texts]
    if not rows:
        raise ValueError("need at least one text to pretrain on")
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate)
    warmup = max(1, steps // 10)  # then linear decay to zero
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, max(0.0, (steps - step) / (steps - warmup + 1))))
    order = torch.Generator().manual_seed(seed)
    model.train()
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        for _ in range(steps):
            batch = [rows[i] for i in torch.randint(len(rows), (batch_size,), generator=order).tolist()]
            width = max(map(len, batch))
            ids = torch.tensor([row + [tokenizer.pad_token_id] * (width - len(row)) for row in batch])
            labels = torch.tensor([row + [-100] * (width - len(row)) for row in batch])
            loss = model(input_ids=ids, attention_mask=(labels != -100).long(), labels=labels).loss
            loss.backward()
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
    model.save_pretrained(path)
    return Path(path)
