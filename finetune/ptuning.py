"""The ``ptuning`` method: a masked LM fills the template's mask, and the verbalizer's words there say yes or no.

The example is written into the template (:mod:`finetune.prompt`); the soft tokens' embeddings come from a
trainable prompt encoder (embeddings through a bidirectional LSTM and an MLP, as in p-tuning, or an MLP alone)
and replace the placeholders' embeddings; the masked-LM head is read at the mask position only, for the two
verbalizer tokens. The loss is the cross-entropy over those two logits (P(yes) is their softmax). The masked
LM trains too unless ``freeze_backbone``.

A run's ``model/`` folder stands alone (the backbone is saved even when frozen): ``model.safetensors``
(``backbone.*`` and ``prompt_encoder.*``, tied weights stored once), ``backbone.json`` (the masked LM's
config), the tokenizer, and ``finetune.json`` (the settings, with the template and the verbalizer words).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from augment.example import Example
from augment.jsonl import atomic_open
from augment.optional import require
from finetune.encoding import Features
from finetune.presets import TrainConfig
from finetune.prompt import Template, Verbalizer, encode_prompts
from finetune.results import MODEL_DIR, Fit
from finetune.scoring import Scorer
from finetune.trainer import is_main_process, run_trainer

torch = require("torch", "finetune")
transformers = require("transformers", "finetune")
nn = torch.nn

logger = logging.getLogger(__name__)

BACKBONE_CONFIG = "backbone.json"
WEIGHTS = "model.safetensors"


class PromptEncoder(nn.Module):
    """Produces the soft tokens' embeddings (``count`` × ``hidden``) from trainable input embeddings."""

    def __init__(self, count: int, hidden: int, kind: str):
        super().__init__()
        self.embedding = nn.Embedding(count, hidden)
        self.lstm = nn.LSTM(hidden, hidden // 2, num_layers=2, bidirectional=True, batch_first=True) \
            if kind == "lstm" else None
        width = 2 * (hidden // 2) if self.lstm is not None else hidden
        self.mlp = nn.Sequential(nn.Linear(width, hidden), nn.ReLU(), nn.Linear(hidden, hidden))

    def forward(self) -> Any:
        states = self.embedding.weight.unsqueeze(0)
        if self.lstm is not None:
            states = self.lstm(states)[0]
        return self.mlp(states).squeeze(0)


def _head_name(backbone: Any) -> str | None:
    """The masked-LM head when it is one module on top of the base model (BERT's ``cls``, RoBERTa's
    ``lm_head``): then it runs on the mask position only. None: the whole model runs, logits read at the mask."""
    names = [name for name, _ in backbone.named_children() if name != backbone.base_model_prefix]
    return names[0] if len(names) == 1 else None


class PromptClassifier(nn.Module):
    """A masked LM with a prompt encoder; ``forward`` gives logits over [no, yes] (the verbalizer's tokens)."""

    def __init__(self, backbone: Any, template: Template, verbalizer: Verbalizer, encoder: str,
                 freeze_backbone: bool = False):
        super().__init__()
        self.backbone = backbone
        self.template, self.verbalizer = template, verbalizer
        self.prompt_encoder = PromptEncoder(template.soft_tokens, backbone.config.hidden_size, encoder)
        self.register_buffer("verbalizer_ids", torch.tensor(verbalizer.token_ids), persistent=False)
        self.head_name = _head_name(backbone)
        if freeze_backbone:
            backbone.requires_grad_(False)
        # tied weights (e.g. the output embeddings are the input embeddings) are saved once; the Trainer
        # re-ties after loading a checkpoint when exactly these keys are missing
        seen: set[int] = set()
        self._keys_to_ignore_on_save = []
        for name, parameter in self.named_parameters(remove_duplicate=False):
            if id(parameter) in seen:
                self._keys_to_ignore_on_save.append(name)
            seen.add(id(parameter))

    def state_dict(self, *args: Any, destination: Any = None, prefix: str = "", keep_vars: bool = False) -> Any:
        state = super().state_dict(*args, destination=destination, prefix=prefix, keep_vars=keep_vars)
        for key in self._keys_to_ignore_on_save:
            state.pop(prefix + key, None)
        return state

    def tie_weights(self) -> None:
        self.backbone.tie_weights()

    def input_embeddings(self, input_ids: Any, soft_positions: Any) -> Any:
        """The token embeddings with the soft tokens' embeddings at ``soft_positions``."""
        embeddings = self.backbone.get_input_embeddings()(input_ids)
        prompts = self.prompt_encoder().to(embeddings.dtype)
        rows = torch.arange(len(input_ids), device=input_ids.device)[:, None].expand_as(soft_positions)
        return embeddings.index_put((rows, soft_positions), prompts.expand(len(input_ids), -1, -1))

    def forward(self, input_ids: Any, attention_mask: Any, mask_position: Any, soft_positions: Any,
                labels: Any = None) -> Any:
        embeddings = self.input_embeddings(input_ids, soft_positions)
        rows = torch.arange(len(input_ids), device=input_ids.device)
        if self.head_name is not None:
            hidden = self.backbone.base_model(inputs_embeds=embeddings, attention_mask=attention_mask)[0]
            vocabulary = getattr(self.backbone, self.head_name)(hidden[rows, mask_position])
        else:
            output = self.backbone(inputs_embeds=embeddings, attention_mask=attention_mask)
            vocabulary = output.logits[rows, mask_position]
        logits = vocabulary[:, self.verbalizer_ids]
        loss = nn.functional.cross_entropy(logits.float(), labels) if labels is not None else None
        return transformers.modeling_outputs.SequenceClassifierOutput(loss=loss, logits=logits)


def _tokenizer(path: str | os.PathLike[str]) -> Any:
    tokenizer = transformers.AutoTokenizer.from_pretrained(path)
    if tokenizer.mask_token_id is None:
        raise ValueError(f"{path}: method ptuning needs a masked language model (BERT or RoBERTa family); this "
                         "tokenizer has no mask token")
    return tokenizer


def _prompt_classifier(config: TrainConfig, tokenizer: Any, backbone: Any) -> PromptClassifier:
    template = Template.parse(config.template)
    verbalizer = Verbalizer.build(tokenizer, template, config.verbalizer_no, config.verbalizer_yes)
    return PromptClassifier(backbone, template, verbalizer, config.prompt_encoder, config.freeze_backbone)


def fit(
    config: TrainConfig,
    model_path: str,
    train: Sequence[Example],
    dev: Sequence[Example],
    output_dir: Path,
    progress: bool | None = None,
) -> Fit:
    """P-tune the masked LM at ``model_path`` (the prompt encoder initialised from ``config.seed``)."""
    tokenizer = _tokenizer(model_path)
    model = _prompt_classifier(config, tokenizer, transformers.AutoModelForMaskedLM.from_pretrained(model_path))
    for word, pieces in zip(model.verbalizer.words, model.verbalizer.pieces):
        if len(pieces) > 1:
            logger.warning("verbalizer word %r splits into %s: it is scored by its first piece", word, pieces)

    def encode(examples: Sequence[Example]) -> list[Features]:
        return encode_prompts(tokenizer, model.template, examples, config.max_length)

    result = run_trainer(config, model, tokenizer, encode, train, dev, output_dir, progress=progress)
    if is_main_process():
        with atomic_open(output_dir / MODEL_DIR / BACKBONE_CONFIG) as handle:
            json.dump(model.backbone.config.to_dict(), handle, ensure_ascii=False, indent=2)
    return result


class PromptScorer(Scorer):
    """A p-tuned model loaded from its folder: P(yes) read at the template's mask."""

    def load(self, folder: Path) -> tuple[Any, PromptClassifier]:
        safetensors = require("safetensors.torch", "finetune")
        tokenizer = _tokenizer(folder)
        backbone_config = json.loads((folder / BACKBONE_CONFIG).read_text(encoding="utf-8"))
        backbone = transformers.AutoModelForMaskedLM.from_config(transformers.AutoConfig.for_model(**backbone_config))
        model = _prompt_classifier(self.config, tokenizer, backbone)
        loaded = model.load_state_dict(safetensors.load_file(str(folder / WEIGHTS)), strict=False)
        missing = set(loaded.missing_keys) - set(model._keys_to_ignore_on_save)
        if missing or loaded.unexpected_keys:
            raise ValueError(f"{folder / WEIGHTS} does not hold this p-tuned model: missing {sorted(missing)[:3]}, "
                             f"unexpected {loaded.unexpected_keys[:3]}")
        return tokenizer, model

    def features(self, examples: Sequence[Example]) -> list[Features]:
        return encode_prompts(self.tokenizer, self.model.template, examples, self.config.max_length)


def load(model_dir: str | os.PathLike[str], **options: Any) -> PromptScorer:
    return PromptScorer(model_dir, **options)
