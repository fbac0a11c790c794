"""The p-tuning prompt: a template with soft tokens and a mask, a verbalizer, and the one encoding of examples.

A template is text with slots: ``{passage}``, ``{question}`` and ``{mask}`` exactly once each, and soft tokens
``{soft}`` (one) or ``{soft*N}`` (N in a row), at least one. The study's::

    {passage} Вопрос: {question} {soft*3} Ответ: {mask}.

Training, evaluation and prediction encode examples with :func:`encode_prompts` only. When an example does not
fit ``max_length``, the passage is cut (from its end); the template's words, the soft tokens, the mask and the
question always stay (the question is cut only when it alone leaves no room for a passage token, counted in a
warning). Text in a passage or question that spells a special token (``[MASK]``, ``<mask>``) is read as plain
text, so the template's mask is the only mask.

The verbalizer maps label 0 (no) and 1 (yes) to words whose masked-LM scores at the mask position classify
the example. A word that the tokenizer splits into several pieces is scored by its first piece (the piece
the model would predict at the start of the word); the two words must differ in that piece.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from augment.example import Example
from finetune.encoding import Features, warn_cut_questions

DEFAULT_TEMPLATE = "{passage} Вопрос: {question} {soft*3} Ответ: {mask}."
PASSAGE, QUESTION, MASK, SOFT = "passage", "question", "mask", "soft"
_SLOT = re.compile(r"\{([^{}]*)\}")
_SOFT = re.compile(r"soft(?:\*(\d+))?")


@dataclass(frozen=True)
class Template:
    """A parsed template: literal text and slot names in order (``soft`` once per soft token)."""

    parts: tuple[tuple[str, str], ...]  # ("text", literal) or ("slot", name)

    @classmethod
    def parse(cls, text: str) -> Template:
        parts: list[tuple[str, str]] = []
        position = 0
        for match in _SLOT.finditer(text):
            if match.start() > position:
                parts.append(("text", text[position : match.start()]))
            name, soft = match.group(1).strip(), _SOFT.fullmatch(match.group(1).strip())
            if soft:
                count = int(soft.group(1) or 1)
                if count < 1:
                    raise ValueError(f"template: {match.group(0)} asks for no soft tokens")
                parts += [("slot", SOFT)] * count
            elif name in (PASSAGE, QUESTION, MASK):
                parts.append(("slot", name))
            else:
                raise ValueError(f"template: unknown slot {match.group(0)}; slots are {{passage}}, {{question}}, "
                                 "{mask}, {soft} and {soft*N}")
            position = match.end()
        if position < len(text):
            parts.append(("text", text[position:]))
        template = cls(tuple(parts))
        for name in (PASSAGE, QUESTION, MASK):
            if template.count(name) != 1:
                raise ValueError(f"template must contain {{{name}}} exactly once, found {template.count(name)}: "
                                 f"{text!r}")
        if not template.soft_tokens:
            raise ValueError(f"template has no soft tokens ({{soft}} or {{soft*N}}): {text!r}")
        return template

    def count(self, slot: str) -> int:
        return self.parts.count(("slot", slot))

    @property
    def soft_tokens(self) -> int:
        return self.count(SOFT)

    def space_before(self, slot: str) -> bool:
        """Whether ``slot`` (its first occurrence) follows whitespace: its text is tokenized with a leading space."""
        index = self.parts.index(("slot", slot))
        return index > 0 and self.parts[index - 1][1][-1:].isspace()


@dataclass(frozen=True)
class Verbalizer:
    """The token ids scored at the mask for label 0 (no) and label 1 (yes), and how each word was split."""

    words: tuple[str, str]
    pieces: tuple[tuple[str, ...], tuple[str, ...]]
    token_ids: tuple[int, int]

    @classmethod
    def build(cls, tokenizer: Any, template: Template, no: str, yes: str) -> Verbalizer:
        """Each word as the tokenizer splits it where the mask stands; fails on words it cannot spell."""
        prefix = " " if template.space_before(MASK) else ""
        pieces, ids = [], []
        for word in (no, yes):
            word_ids = tokenizer(prefix + word.strip(), add_special_tokens=False)["input_ids"]
            tokens = tuple(tokenizer.convert_ids_to_tokens(word_ids))
            if not word_ids or tokenizer.unk_token_id in word_ids:
                raise ValueError(f"verbalizer word {word!r} is not in the tokenizer's vocabulary (it splits into "
                                 f"{list(tokens)}): choose words the model knows")
            pieces.append(tokens)
            ids.append(word_ids[0])
        if ids[0] == ids[1]:
            raise ValueError(f"verbalizer words {no!r} and {yes!r} start with the same token {pieces[0][0]!r}; "
                             "they are scored by their first piece, which must differ")
        return cls((no, yes), (pieces[0], pieces[1]), (ids[0], ids[1]))


def _wrapping(tokenizer: Any) -> tuple[list[int], list[int]]:
    """The special tokens the tokenizer puts before and after one sequence (e.g. [CLS] and [SEP])."""
    probe = tokenizer("x", return_special_tokens_mask=True)
    ids, special = probe["input_ids"], probe["special_tokens_mask"]
    first = special.index(0)
    last = len(special) - special[::-1].index(0)
    return ids[:first], ids[last:]


def _cut(question: int, passage: int, room: int) -> tuple[int, int]:
    """How many question and passage tokens to keep in ``room`` tokens: the passage gives way first, down to one
    token; the question only when it alone leaves no room for that one."""
    keep_question = min(question, room - min(passage, 1))
    return keep_question, min(passage, room - keep_question)


def encode_prompts(tokenizer: Any, template: Template, examples: Sequence[Example], max_length: int) -> list[Features]:
    """Token ids (no padding) of each example in ``template``, with the mask's and the soft tokens' positions.

    Soft-token positions hold a placeholder id (the model replaces their embeddings). Whitespace before a slot
    goes with the slot's text, as a tokenizer reading the whole string would see it.
    """
    def tokenize(texts: list[str]) -> list[list[int]]:
        if not texts:
            return []
        # verbose=False: passages longer than the model takes are cut below, not worth a warning
        return tokenizer(texts, add_special_tokens=False, split_special_tokens=True, verbose=False)["input_ids"]

    prefix, suffix = _wrapping(tokenizer)
    literals: list[list[int] | None] = []  # token ids of each text part (its trailing space goes to the slot)
    for i, (kind, value) in enumerate(template.parts):
        text = value.rstrip() if i + 1 < len(template.parts) else value
        literals.append((tokenize([text])[0] if text else []) if kind == "text" else None)
    lead = {name: " " if template.space_before(name) else "" for name in (PASSAGE, QUESTION)}
    questions = tokenize([lead[QUESTION] + e.question for e in examples])
    passages = tokenize([lead[PASSAGE] + e.passage for e in examples])
    fixed = len(prefix) + len(suffix) + sum(len(ids) for ids in literals if ids) + template.soft_tokens + 1
    room = max_length - fixed
    if room < 2:
        raise ValueError(f"the template takes {fixed} of max_length {max_length} tokens: no room for the text")
    placeholder = tokenizer.unk_token_id if tokenizer.unk_token_id is not None else tokenizer.pad_token_id
    features = []
    cut_questions = 0
    for question, passage in zip(questions, passages):
        keep_question, keep_passage = _cut(len(question), len(passage), room)
        cut_questions += keep_question < len(question)
        texts = {QUESTION: question[:keep_question], PASSAGE: passage[:keep_passage]}
        ids, soft_positions, mask_position = list(prefix), [], -1
        for (_, value), literal in zip(template.parts, literals):
            if literal is not None:
                ids += literal
            elif value == SOFT:
                soft_positions.append(len(ids))
                ids.append(placeholder)
            elif value == MASK:
                mask_position = len(ids)
                ids.append(tokenizer.mask_token_id)
            else:
                ids += texts[value]
        ids += suffix
        features.append({"input_ids": ids, "attention_mask": [1] * len(ids), "mask_position": mask_position,
                         "soft_positions": soft_positions})
    warn_cut_questions(cut_questions, max_length)
    return features
