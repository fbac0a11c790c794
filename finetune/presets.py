"""Training settings: the study's hyperparameters as presets, any of them overridable by name."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from finetune.metrics import SELECTABLE
from finetune.prompt import DEFAULT_TEMPLATE, Template

PTUNING = "ptuning"
PROMPT_ENCODERS = ("lstm", "mlp")


def _method_setting(method: str, default: Any, help: str) -> Any:
    """A setting only ``method`` uses (it must keep its default under other methods)."""
    return field(default=default, metadata={"method": method, "help": help})


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides a training run (saved next to the model as ``finetune.json``).

    ``batch_size`` is per device, as in ``transformers``; ``use_cpu=None`` means the CPU only when no GPU is
    visible. ``dev_fraction`` and ``split_seed`` hold out the dev split that picks the best epoch when no dev
    set is given; ``seed`` drives the classifier head's initialisation and the data order. The last settings
    belong to the ``ptuning`` method (see :mod:`finetune.prompt` and :mod:`finetune.ptuning`).
    """

    model: str
    method: str = field(default="finetune", metadata={"help": "finetune (a classification head on the pair) or "
                                                              "ptuning (a template read by the masked-LM head)"})
    learning_rate: float = 1e-5
    weight_decay: float = 0.01
    warmup_steps: int = 100
    epochs: int = 5
    batch_size: int = 8
    eval_batch_size: int | None = None
    gradient_accumulation_steps: int = 1
    max_length: int = 512
    seed: int = 1
    dev_fraction: float = 0.1
    split_seed: int = 0
    select_metric: str = "accuracy"
    group_by_length: bool = True
    bf16: bool = False
    fp16: bool = False
    use_cpu: bool | None = None
    template: str = _method_setting(PTUNING, DEFAULT_TEMPLATE, "the prompt: {passage}, {question}, {mask} once "
                                                               "each, soft tokens {soft} or {soft*N}")
    verbalizer_no: str = _method_setting(PTUNING, "нет", "the word read at the mask for label 0 (no)")
    verbalizer_yes: str = _method_setting(PTUNING, "да", "the word read at the mask for label 1 (yes)")
    prompt_encoder: str = _method_setting(PTUNING, "lstm", "what makes the soft tokens from their embeddings: "
                                                           "lstm (bidirectional LSTM + MLP, as in p-tuning) or mlp")
    freeze_backbone: bool = _method_setting(PTUNING, False, "train only the prompt encoder, not the masked LM")

    def __post_init__(self) -> None:
        positive = ("learning_rate", "epochs", "batch_size", "gradient_accumulation_steps")
        for name in positive:
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)!r}")
        if self.eval_batch_size is not None and self.eval_batch_size <= 0:
            raise ValueError(f"eval_batch_size must be positive, got {self.eval_batch_size!r}")
        if self.weight_decay < 0 or self.warmup_steps < 0:
            raise ValueError("weight_decay and warmup_steps must not be negative")
        if not 8 <= self.max_length <= 4096:
            raise ValueError(f"max_length must lie in [8, 4096], got {self.max_length}")
        if not 0 < self.dev_fraction < 1:
            raise ValueError(f"dev_fraction must lie strictly between 0 and 1, got {self.dev_fraction}")
        if self.select_metric not in SELECTABLE:
            raise ValueError(f"select_metric must be one of {', '.join(SELECTABLE)}, got {self.select_metric!r}")
        for setting in dataclasses.fields(self):
            owner = setting.metadata.get("method")
            if owner and owner != self.method and getattr(self, setting.name) != setting.default:
                raise ValueError(f"{setting.name} is a setting of method {owner!r}, not of {self.method!r}")
        Template.parse(self.template)
        if self.prompt_encoder not in PROMPT_ENCODERS:
            raise ValueError(f"prompt_encoder must be one of {', '.join(PROMPT_ENCODERS)}, got {self.prompt_encoder!r}")
        no, yes = self.verbalizer_no.strip(), self.verbalizer_yes.strip()
        if not (no and yes) or no == yes:
            raise ValueError(f"the verbalizer needs two different words, got {self.verbalizer_no!r} and "
                             f"{self.verbalizer_yes!r}")

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


PRESETS: dict[str, TrainConfig] = {
    "rubert": TrainConfig(model="DeepPavlov/rubert-base-cased", batch_size=8),
    "ruroberta": TrainConfig(model="ai-forever/ruRoberta-large", batch_size=4),
}
DEFAULT_PRESET = "rubert"
OVERRIDABLE = tuple(f.name for f in dataclasses.fields(TrainConfig) if f.name != "model")
# setting -> the method it belongs to (the others are every method's)
METHOD_SETTINGS = {f.name: f.metadata["method"] for f in dataclasses.fields(TrainConfig) if "method" in f.metadata}


def for_method(settings: dict[str, Any], method: str) -> dict[str, Any]:
    """``settings`` without those of other methods than ``method`` (settings shared by a grid of methods)."""
    return {name: value for name, value in settings.items() if METHOD_SETTINGS.get(name, method) == method}


def make_config(model: str | None = None, preset: str | None = None, **overrides: Any) -> TrainConfig:
    """The settings for ``model``: a preset's, with ``overrides`` applied.

    ``model`` is a preset name (``rubert``, ``ruroberta``: its model and settings), a hub id, a local path or
    ``tiny-bert``/``tiny-roberta``; ``preset`` picks the settings explicitly (default: the model's own preset,
    else ``rubert``'s, the study's).
    """
    if preset is None:
        preset = model if model in PRESETS else DEFAULT_PRESET
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}: expected one of {', '.join(PRESETS)}")
    unknown = sorted(set(overrides) - set(OVERRIDABLE))
    if unknown:
        raise ValueError(f"unknown setting(s) {', '.join(unknown)}; settings: {', '.join(OVERRIDABLE)}")
    base = PRESETS[preset]
    model_id = PRESETS[model].model if model in PRESETS else (model or base.model)
    return dataclasses.replace(base, model=model_id, **overrides)
