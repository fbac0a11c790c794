"""Evaluation that form cues cannot fool: the hard subset, a contrast set, consistency and cue slices.

    python examples/11_evaluation_beyond_accuracy.py

DaNetQA val can be answered from the question form alone far above chance (its questions with «не» are all
"no"), so val accuracy can rise for the wrong reason. finetune.evaluate reports, next to it, accuracy on the
examples a question-only probe cannot answer, and on the questions negated (label flipped) and reframed
(label kept) over the same passages.
"""

import tempfile
from pathlib import Path

import finetune

splits = finetune.load_splits(Path(__file__).parent / "data" / "sample.jsonl")
out = Path(tempfile.mkdtemp())
result = finetune.train("tiny-bert", splits.train, output_dir=out, epochs=2, warmup_steps=0, learning_rate=1e-3,
                        dev_fraction=0.2)

# the probe is fitted out-of-fold on val itself (folds grouped by origin); probe_train=splits.train fits it on
# the training set instead; contrast_generator= picks another registered rewriter
evaluation = finetune.evaluate(result.model_dir, splits.val, hard=True, contrast=True)
print(evaluation.table())
path = evaluation.write(out / "evaluation.json")
record = evaluation.as_dict()
print(f"\n{path.name}: accuracy {record['accuracy']:.3f} on {record['n']}, hard {record['hard']}, "
      f"contrast n {record['contrast']['n']}")

# several models against the same hard subset and contrast set: prepare the eval set once
evaluator = finetune.Evaluator(splits.val)
always_yes = evaluator.from_predictions([True] * len(splits.val), [True] * len(evaluator.rewrites))
print(f"\na model that always answers yes: val accuracy {always_yes.accuracy:.3f}, consistency "
      f"{always_yes.contrast.consistency:.3f} (a negation flips the label, never its answer); tiny models trained "
      "on a few dozen examples often answer one class, and consistency 0 gives them away")
