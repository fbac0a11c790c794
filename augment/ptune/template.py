"""The one prompt template shared by training and generation: answer word + passage -> question.

Training and generation both build their token ids with :func:`encode`, so the model is always asked in the
format it was trained on. The text around the ids is::

    [virtual tokens] Ответ: да.\\nТекст: <passage>\\nВопрос: <question></s>

The passage is the only part ever truncated (its end is cut): the answer word, the frame and the question
are kept whole, and an input that cannot fit even with an empty passage is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TEMPLATE_VERSION = "1"
ANSWER_WORDS = {"yes": "да", "no": "нет"}
_HEAD = "Ответ: {answer}.\nТекст:"
_TAIL = "\nВопрос:"


class TemplateError(ValueError):
    """An input that does not fit the length budget even with its passage cut to nothing."""


def label_name(label: bool | str) -> str:
    """``"yes"``/``"no"`` for a label given as a bool or as one of those names."""
    if isinstance(label, bool):
        return "yes" if label else "no"
    if label not in ANSWER_WORDS:
        raise ValueError(f"unknown label {label!r}: expected 'yes', 'no', True or False")
    return label


def prompt_text(passage: str, answer_word: str) -> str:
    """The template as plain text, up to where the question starts (for using a prompt without this library)."""
    return _HEAD.format(answer=answer_word) + " " + passage.strip() + _TAIL


@dataclass(frozen=True)
class Encoded:
    """Token ids of one templated input: ``prompt`` (what the model reads) and ``target`` (the question + eos)."""

    prompt: list[int]
    target: list[int]
    passage_cut: int  # passage tokens removed to fit


def _ids(tokenizer: Any, text: str) -> list[int]:
    # verbose=False: a passage longer than the model takes is cut in encode(), not worth a warning
    return tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"]


def encode(
    tokenizer: Any,
    passage: str,
    answer_word: str,
    question: str | None = None,
    *,
    max_length: int,
    num_virtual_tokens: int,
    reserve: int = 0,
) -> Encoded:
    """Token ids for ``passage`` asked with ``answer_word`` (and, in training, the target ``question``).

    The whole sequence (virtual tokens, prompt, target or ``reserve`` tokens kept free for generation) fits in
    ``max_length``; only the end of the passage is cut to make it fit.
    """
    head = _ids(tokenizer, _HEAD.format(answer=answer_word))
    body = _ids(tokenizer, " " + passage.strip())
    tail = _ids(tokenizer, _TAIL)
    target = [] if question is None else [*_ids(tokenizer, " " + question.strip()), tokenizer.eos_token_id]
    room = max_length - num_virtual_tokens - len(head) - len(tail) - len(target) - reserve
    if room < 1:
        raise TemplateError(
            f"no room for the passage: {max_length} tokens hold {num_virtual_tokens} virtual, "
            f"{len(head) + len(tail)} template, {len(target)} question and {reserve} reserved tokens"
        )
    cut = max(0, len(body) - room)
    return Encoded(prompt=head + body[: len(body) - cut] + tail, target=target, passage_cut=cut)
