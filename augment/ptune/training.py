"""P-tuning with the HF ``Trainer``: a peft prompt encoder in front of a frozen causal LM.

The ``Trainer`` sees only :class:`PromptModule`, whose registered parameters are the prompt encoder's: its
checkpoints hold the whole encoder (not just the final embeddings peft's ``save_pretrained`` keeps), so an
interrupted run resumes exactly, and the frozen backbone is never copied into a checkpoint.
"""

from __future__ import annotations

import contextlib
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from augment.example import Example
from augment.progress import progress_enabled
from augment.ptune.decoding import IGNORE, join_prompt, pad
from augment.ptune.settings import TrainingSettings
from augment.ptune.template import ANSWER_WORDS, TemplateError, encode, label_name


class PromptModule(torch.nn.Module):
    """The trainable part (the peft prompt encoder) with the frozen backbone beside it, not inside it."""

    def __init__(self, peft_model: Any):
        super().__init__()
        self.prompt_encoder = peft_model.prompt_encoder
        self._peft = (peft_model,)  # a tuple, so the backbone is not a registered submodule

    @property
    def backbone(self) -> Any:
        return self._peft[0].get_base_model()

    def prompt(self) -> torch.Tensor:
        """The virtual-token embeddings, ``(num_virtual_tokens, hidden)``."""
        return self._peft[0].get_prompt(batch_size=1)[0]

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, labels: torch.Tensor) -> Any:
        prompt = self.prompt()
        embeds, mask, position = join_prompt(self.backbone, prompt, input_ids, attention_mask)
        labels = torch.cat([labels.new_full((labels.shape[0], prompt.shape[0]), IGNORE), labels], dim=1)
        return self.backbone(inputs_embeds=embeds, attention_mask=mask, position_ids=position, labels=labels)


@dataclass
class TrainingData:
    """Templated training rows and what was left out or cut."""

    rows: list[dict[str, list[int]]] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    passages_cut: int = 0


def build_rows(
    examples: Sequence[Example], tokenizer: Any, *, max_length: int, num_virtual_tokens: int
) -> TrainingData:
    """(answer word + passage -> question) rows with labels on the question tokens only."""
    data = TrainingData()
    for example in examples:
        if example.label is None:
            data.skipped["no label"] += 1
            continue
        try:
            encoded = encode(tokenizer, example.passage, ANSWER_WORDS[label_name(example.label)], example.question,
                             max_length=max_length, num_virtual_tokens=num_virtual_tokens)
        except TemplateError:
            data.skipped["question too long for max_length"] += 1
            continue
        data.passages_cut += encoded.passage_cut > 0
        data.rows.append({"input_ids": encoded.prompt + encoded.target,
                          "labels": [IGNORE] * len(encoded.prompt) + encoded.target})
    return data


def collate(pad_id: int):
    """A collator that pads rows on the right (labels with the ignore index)."""

    def collate_rows(rows: list[dict[str, list[int]]]) -> dict[str, torch.Tensor]:
        ids, mask = pad([r["input_ids"] for r in rows], pad_id, left=False)
        labels, _ = pad([r["labels"] for r in rows], IGNORE, left=False)
        return {"input_ids": ids, "attention_mask": mask, "labels": labels}

    return collate_rows


@contextlib.contextmanager
def preserved_random_state() -> Iterator[None]:
    """Leave the global Python, NumPy and torch random states as they were (the Trainer reseeds them)."""
    import numpy as np

    python_state, numpy_state = random.getstate(), np.random.get_state()
    devices = list(range(torch.cuda.device_count())) if torch.cuda.is_available() else []
    with torch.random.fork_rng(devices=devices):
        try:
            yield
        finally:
            random.setstate(python_state)
            np.random.set_state(numpy_state)


@dataclass
class FitResult:
    """What training did: eval loss before training and after each epoch, steps, checkpoints, skips."""

    initial_eval_loss: float | None
    eval_losses: list[tuple[float, float]]  # (epoch, eval loss)
    train_loss: float | None
    global_step: int
    resumed_from: str | None
    best_checkpoint: str | None
    train_rows: int
    skipped: dict[str, int]
    passages_cut: int

    @property
    def best_eval_loss(self) -> float | None:
        return min((loss for _, loss in self.eval_losses), default=None)


def train_prompt(
    peft_model: Any,
    tokenizer: Any,
    train: TrainingData,
    evaluation: TrainingData | None,
    settings: TrainingSettings,
    output_dir: str | Path,
    *,
    resume: bool = True,
    use_cpu: bool = False,
    progress: bool | None = None,
) -> FitResult:
    """Train the prompt encoder of ``peft_model`` with the HF ``Trainer``; checkpoints go to ``output_dir``.

    With ``resume`` and a checkpoint in ``output_dir``, training continues from the last one. With
    evaluation rows, the eval loss is computed before training and after each epoch, the best epoch's
    encoder is kept, and training stops early after ``settings.early_stopping_patience`` evals without gain.
    """
    from transformers import EarlyStoppingCallback, PrinterCallback, Trainer, TrainingArguments
    from transformers.trainer_utils import get_last_checkpoint

    if not train.rows:
        raise ValueError("no training rows: every example was skipped " + str(dict(train.skipped)))
    evaluate = evaluation is not None and bool(evaluation.rows)
    args = TrainingArguments(
        output_dir=str(output_dir),
        learning_rate=settings.learning_rate,
        num_train_epochs=settings.num_epochs,
        max_steps=settings.max_steps,
        per_device_train_batch_size=settings.batch_size,
        per_device_eval_batch_size=settings.batch_size,
        gradient_accumulation_steps=settings.gradient_accumulation_steps,
        warmup_steps=settings.warmup_steps,
        lr_scheduler_type=settings.scheduler,
        weight_decay=settings.weight_decay,
        eval_strategy="epoch" if evaluate else "no",
        save_strategy="epoch",
        logging_strategy="epoch",
        save_total_limit=settings.save_total_limit,
        load_best_model_at_end=evaluate,
        metric_for_best_model="eval_loss" if evaluate else None,
        greater_is_better=False if evaluate else None,
        prediction_loss_only=True,
        remove_unused_columns=False,
        report_to="none",
        seed=settings.seed,
        use_cpu=use_cpu,
        disable_tqdm=not progress_enabled(progress),
        dataloader_num_workers=0,
    )
    module = PromptModule(peft_model)
    peft_model.to(args.device)
    module.backbone.eval()  # frozen and deterministic: no dropout in the backbone
    callbacks = []
    if evaluate and settings.early_stopping_patience:
        callbacks.append(EarlyStoppingCallback(early_stopping_patience=settings.early_stopping_patience))
    last = get_last_checkpoint(str(output_dir)) if resume and Path(output_dir).is_dir() else None
    with preserved_random_state():
        trainer = Trainer(
            model=module, args=args, train_dataset=train.rows, eval_dataset=evaluation.rows if evaluate else None,
            data_collator=collate(tokenizer.pad_token_id), callbacks=callbacks,
        )
        trainer.remove_callback(PrinterCallback)  # results come back in FitResult, not on stdout
        initial = trainer.evaluate()["eval_loss"] if evaluate and last is None else None
        output = trainer.train(resume_from_checkpoint=last)
    module.eval()
    history = trainer.state.log_history
    return FitResult(
        initial_eval_loss=initial,
        eval_losses=[(h["epoch"], h["eval_loss"]) for h in history if "eval_loss" in h and h.get("epoch", 0) > 0],
        train_loss=output.training_loss,
        global_step=trainer.state.global_step,
        resumed_from=last,
        best_checkpoint=trainer.state.best_model_checkpoint,
        train_rows=len(train.rows),
        skipped=dict(train.skipped),
        passages_cut=train.passages_cut,
    )
