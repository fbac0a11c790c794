"""P-tune a tiny masked LM offline: the study's template and verbalizer, read at the mask; then val and a submission.

    python examples/07_ptuning_classifier.py

The study's second experiment: finetune.train("ruroberta", ..., method="ptuning") (or `finetune train ruroberta
--method ptuning ...`, or `finetune experiment --methods finetune,ptuning ...`) with the whole model trainable.
"""

import tempfile
from pathlib import Path

import finetune

splits = finetune.load_splits(Path(__file__).parent / "data" / "sample.jsonl")  # stands in for DaNetQA
out = Path(tempfile.mkdtemp())

# template (the study's, the default): {passage} Вопрос: {question} {soft*3} Ответ: {mask}.
# verbalizer: label 0 -> «нет», label 1 -> «да»; freeze_backbone=True would train the prompt encoder only
result = finetune.train("tiny-bert", splits.train, output_dir=out, method="ptuning", epochs=2, warmup_steps=0,
                        learning_rate=1e-3, dev_fraction=0.2)
print(f"{result.train_size} training / {result.dev_size} dev examples; best epoch {result.best_epoch} "
      f"(dev accuracy {result.best['accuracy']:.3f})")

model = finetune.load_model(result.model_dir)  # backbone, prompt encoder, template and verbalizer
feature = model.features(splits.val[:1])[0]
tokens = model.tokenizer.convert_ids_to_tokens(feature["input_ids"])
for position in feature["soft_positions"]:
    tokens[position] = "[soft]"
print("encoded:", " ".join(tokens[:6]), "...", " ".join(tokens[feature["soft_positions"][0] - 3 :]))
print(f"verbalizer: {dict(zip(model.model.verbalizer.words, model.model.verbalizer.pieces))} (a word split into "
      "pieces is scored by its first piece)")

val = finetune.evaluate(model, splits.val, hard=False, contrast=False).metrics  # once, chosen checkpoint
print(f"val: accuracy {val.accuracy:.3f}, macro F1 {val.macro_f1:.3f}, confusion [[tn, fp], [fn, tp]] {val.confusion}")
path = finetune.write_submission(finetune.predict(model, splits.test), out)
print(f"{path.name}: {path.read_text().splitlines()[:2]} ...; report: {out / 'report.md'}")
