"""Prompt-tuned question generation: a frozen causal LM (ruGPT-3) behind a soft prompt trained with peft.

- :mod:`augment.ptune.template`: the one template shared by training and generation.
- :mod:`augment.ptune.training`: p-tuning with the HF Trainer (checkpoints, resume, early stopping).
- :mod:`augment.ptune.decoding`: batched, left-padded, cached decoding behind the prompt.
- :mod:`augment.ptune.generator`: :class:`~augment.ptune.generator.PromptTunedGenerator`.
- :mod:`augment.ptune.filters`: question form, passage copies, duplicates, classifier consistency.

Importing this package is light; torch, transformers and peft load when a model is first used.
"""
