"""Fine-tune a tiny BERT offline: best epoch on a dev split held out from train, val scored once, a submission.

    python examples/06_finetune_tiny.py

The same calls train the study's models on DaNetQA: finetune.train("rubert", ...) or "ruroberta" (the study's
settings), with splits from finetune.load_splits("path/to/DaNetQA") or None (the official download).
"""

import tempfile
from pathlib import Path

import finetune

# the embedded sample, split 60/20/20 into train/val/test by passage (a stand-in for DaNetQA's splits)
splits = finetune.load_splits(Path(__file__).parent / "data" / "sample.jsonl")
out = Path(tempfile.mkdtemp())

result = finetune.train("tiny-bert", splits.train, output_dir=out, epochs=3, warmup_steps=0, learning_rate=1e-3,
                        dev_fraction=0.2)
print(f"{result.train_size} training / {result.dev_size} dev examples, {result.total_steps} steps; "
      f"best epoch {result.best_epoch} (dev accuracy {result.best['accuracy']:.3f})")

val = finetune.evaluate(result.model_dir, splits.val, hard=False, contrast=False).metrics  # once (see 10)
print(f"val: accuracy {val.accuracy:.3f}, macro F1 {val.macro_f1:.3f}, confusion [[tn, fp], [fn, tp]] {val.confusion}")

predictions = finetune.predict(result.model_dir, splits.test)  # question and passage, encoded as in training
path = finetune.write_submission(predictions, out)
print(f"{path.name}: {path.read_text().splitlines()[:2]} ... (each line has its record's idx)")
print(f"per-epoch metrics: {out / 'metrics.jsonl'}, report: {out / 'report.md'}")
