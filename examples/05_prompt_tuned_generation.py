"""Prompt-tuned question generation (ruGPT-3 + peft), offline: train a prompt, save it, generate, filter.

    python examples/05_prompt_tuned_generation.py

A tiny GPT-2 that has read the sample for a few seconds stands in for ruGPT-3, so the questions are poor;
the flow is the real one. With the hub and a GPU, use base_model="ai-forever/rugpt3small_based_on_gpt2"
(or rugpt3large) and DaNetQA: see the README section "Prompt-tuned generation (ruGPT-3)".
"""

import tempfile
from pathlib import Path

import torch
from transformers.utils import logging

from augment import Example, PromptTunedGenerator, read_jsonl
from augment.ptune.filters import DuplicateFilter, PassageCopyFilter, QuestionFormFilter, filter_report
from augment.ptune.tiny import build_tiny_question_lm, first_sentence

torch.set_num_threads(1)  # a tiny model runs fastest on one thread
logging.disable_progress_bar()
examples = list(read_jsonl(Path(__file__).parent / "data" / "sample.jsonl"))
work = Path(tempfile.mkdtemp())
lm = build_tiny_question_lm(examples, work / "tiny-gpt2", steps=100)  # the stand-in for ruGPT-3

# Train the prompt: (answer word of the label + passage -> question); short passages keep it quick.
short = [Example(e.question, first_sentence(e.passage), e.label, e.idx) for e in examples]
train, val, unseen = short[:40], short[40:48], [e.passage for e in short[48:]]
generator = PromptTunedGenerator(str(lm), num_virtual_tokens=16, encoder_hidden_size=64, max_length=96, seed=0)
result = generator.fit(train, val, output_dir=work / "checkpoints", learning_rate=3e-2, num_epochs=5,
                       batch_size=8, warmup_steps=0, progress=False)
print(f"eval loss: {result.initial_eval_loss:.3f} before training -> {result.best_eval_loss:.3f} after "
      f"{result.global_step} steps (backbone frozen)")

# Save (a peft adapter + prompt_tuned.json), reload, generate: same seed, same questions in any batch.
generator.save_pretrained(work / "prompt")
reloaded = PromptTunedGenerator.from_pretrained(work / "prompt")
generated = list(reloaded.generate(unseen, labels=("yes", "no"), n=2, seed=0, max_new_tokens=24))

# Filter: general questions only, no copied sentences, nothing repeating a training question or each other.
filters = [QuestionFormFilter(), PassageCopyFilter(), DuplicateFilter([e.question for e in train])]
kept = generated
for f in filters:
    kept = [e for e, keep in zip(kept, f.select(kept)) if keep]
for example in generated[:4]:
    print(f"{example.idx}  {example.meta['answer_word']}  {example.question!r}  logprob {example.meta['logprob']}")
print(filter_report(filters))
print(f"kept {len(kept)} of {len(generated)} generated questions")
