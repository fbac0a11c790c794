"""The Trainer plumbing every training method shares: arguments, per-epoch metrics, best-checkpoint saving."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from augment.example import Example
from augment.jsonl import atomic_open, write_records
from augment.progress import progress_enabled
from finetune.encoding import Encode, collator, labeled_features
from finetune.metrics import COUNTS, Metrics
from finetune.presets import TrainConfig
from finetune.results import CONFIG_FILE, METRICS_FILE, MODEL_DIR, Fit


def world_size() -> int:
    return int(os.environ.get("WORLD_SIZE", "1"))


def is_main_process() -> bool:
    """True except on the non-zero ranks of a distributed launch (torchrun, accelerate launch)."""
    return int(os.environ.get("RANK", "0")) == 0


@contextlib.contextmanager
def isolated_random_state() -> Iterator[None]:
    """Lets the Trainer seed Python, NumPy and torch inside the block; the caller's random state is restored."""
    import random

    import numpy
    import torch

    python_state, numpy_state = random.getstate(), numpy.random.get_state()
    try:
        with torch.random.fork_rng():
            yield
    finally:
        random.setstate(python_state)
        numpy.random.set_state(numpy_state)


def compute_metrics(prediction: Any) -> dict[str, float]:
    """Trainer ``compute_metrics``: scores of the argmax class (1 = yes), plus the confusion counts."""
    logits = prediction.predictions[0] if isinstance(prediction.predictions, tuple) else prediction.predictions
    metrics = Metrics.from_labels((prediction.label_ids == 1).tolist(), (logits.argmax(-1) == 1).tolist())
    return {**metrics.scores(), **{name: getattr(metrics, name) for name in COUNTS}}


def _epoch_log_class() -> type:
    from transformers import TrainerCallback

    class EpochLog(TrainerCallback):
        """Collects one row per epoch (train loss, learning rate, dev metrics) and rewrites metrics.jsonl."""

        def __init__(self, path: Path):
            self.path = path
            self.rows: list[dict[str, Any]] = []
            self.pending: dict[str, Any] = {}

        def on_log(self, args: Any, state: Any, control: Any, logs: dict[str, Any] | None = None, **kw: Any) -> None:
            if logs and "loss" in logs:
                self.pending = {"loss": logs["loss"], "learning_rate": logs.get("learning_rate")}

        def on_evaluate(self, args: Any, state: Any, control: Any, metrics: dict[str, Any] | None = None,
                        **kw: Any) -> None:
            scores = Metrics.from_dict({name: metrics[f"eval_{name}"] for name in COUNTS})
            self.rows.append({"epoch": round(state.epoch), "step": state.global_step, "split": "dev",
                              **self.pending, "eval_loss": metrics.get("eval_loss"), **scores.as_dict()})
            self.pending = {}
            if state.is_world_process_zero:
                write_records(self.rows, self.path)

    return EpochLog


def training_arguments(config: TrainConfig, output_dir: Path, progress: bool | None) -> Any:
    """``TrainingArguments`` for ``config``: per-epoch evaluation and logging, best checkpoint kept."""
    import torch
    from transformers import TrainingArguments

    use_cpu = config.use_cpu if config.use_cpu is not None else not torch.cuda.is_available()
    return TrainingArguments(
        output_dir=str(output_dir),
        learning_rate=config.learning_rate,
        weight_decay=config.weight_decay,
        optim="adamw_torch",
        warmup_steps=config.warmup_steps,
        lr_scheduler_type="linear",
        num_train_epochs=config.epochs,
        per_device_train_batch_size=config.batch_size,
        per_device_eval_batch_size=config.eval_batch_size or config.batch_size,
        gradient_accumulation_steps=config.gradient_accumulation_steps,
        train_sampling_strategy="group_by_length" if config.group_by_length else "random",
        eval_strategy="epoch",
        logging_strategy="epoch",
        save_strategy="best",
        save_total_limit=1,
        save_only_model=True,
        load_best_model_at_end=True,
        metric_for_best_model=config.select_metric,
        greater_is_better=True,
        seed=config.seed,
        data_seed=config.seed,
        bf16=config.bf16,
        fp16=config.fp16,
        use_cpu=use_cpu,
        ddp_backend="gloo" if use_cpu and world_size() > 1 else None,
        # True (the default) multiplies the loss by the process count, expecting the model to divide by the
        # global item count; sequence classifiers take a plain mean, so gradients and logged loss would double
        average_tokens_across_devices=False,
        report_to="none",
        disable_tqdm=not progress_enabled(progress),
        dataloader_num_workers=0,
    )


def run_trainer(
    config: TrainConfig,
    model: Any,
    tokenizer: Any,
    encode: Encode,
    train: Sequence[Example],
    dev: Sequence[Example],
    output_dir: Path,
    *,
    progress: bool | None = None,
) -> Fit:
    """Train with the Trainer, evaluating on dev each epoch; save the best epoch's model to ``model/``.

    ``encode`` turns examples into the model's features (the same function prediction uses); batches are padded
    dynamically. The learning-rate schedule's length comes from ``train`` (the actual training set).
    """
    from transformers import PrinterCallback, Trainer

    checkpoints = output_dir / "checkpoints"
    log = _epoch_log_class()(output_dir / METRICS_FILE)
    trainer = Trainer(
        model=model,
        args=training_arguments(config, checkpoints, progress),
        train_dataset=labeled_features(train, encode),
        eval_dataset=labeled_features(dev, encode),
        processing_class=tokenizer,
        data_collator=collator(tokenizer),
        compute_metrics=compute_metrics,
        callbacks=[log],
    )
    trainer.remove_callback(PrinterCallback)
    trainer.train()
    model_dir = output_dir / MODEL_DIR
    trainer.save_model(str(model_dir))
    if trainer.is_world_process_zero():
        with atomic_open(model_dir / CONFIG_FILE) as handle:
            json.dump(config.to_dict(), handle, ensure_ascii=False, indent=2)
        shutil.rmtree(checkpoints, ignore_errors=True)
    trainer.accelerator.wait_for_everyone()
    best_step = trainer.state.best_global_step
    best_epoch = next((row["epoch"] for row in log.rows if row["step"] == best_step), log.rows[-1]["epoch"])
    return Fit(log.rows, best_epoch, trainer.state.max_steps)
