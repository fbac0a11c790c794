"""Batched, left-padded, KV-cached decoding behind a trained soft prompt.

peft's own ``generate`` is wrong for prompt-learning adapters with left padding and with the cache (it drops
position ids and shifts cached positions). Here the prompt embeddings are joined to the text embeddings by
hand: ``[virtual tokens][padding][text]`` with an attention mask that hides the padding and position ids that
count only real tokens, so every row is computed exactly as if it were alone. Greedy decoding and sampling
run in our own loop, which gives each row its own ``torch.Generator`` (the same draws whatever the batch);
beam search uses the backbone's ``generate`` on the same joined inputs.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import torch

IGNORE = -100  # label of positions without loss


@dataclass(frozen=True)
class Decoded:
    """One decoded continuation: its token ids (without the end token), whether the end token was produced,
    and the log-probability of the ids (and the end token) under the model at temperature 1."""

    ids: list[int]
    finished: bool
    logprob: float


def pad(rows: Sequence[Sequence[int]], pad_id: int, *, left: bool) -> tuple[torch.Tensor, torch.Tensor]:
    """Token ids padded to one length (on the left or the right) and the matching attention mask."""
    width = max(len(row) for row in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        span = slice(width - len(row), width) if left else slice(0, len(row))
        ids[i, span] = torch.tensor(row, dtype=torch.long)
        mask[i, span] = 1
    return ids, mask


def join_prompt(
    model: Any, prompt: torch.Tensor, ids: torch.Tensor, mask: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """``inputs_embeds`` = [prompt][text], its attention mask, and position ids that skip padding.

    ``prompt`` is ``(num_virtual_tokens, hidden)``; ``ids``/``mask`` are padded on either side. The virtual
    tokens take positions ``0..V-1`` and the text continues from ``V``, as in training.
    """
    batch = ids.shape[0]
    text = model.get_input_embeddings()(ids)
    embeds = torch.cat([prompt.to(text.dtype).unsqueeze(0).expand(batch, -1, -1), text], dim=1)
    full_mask = torch.cat([mask.new_ones((batch, prompt.shape[0])), mask], dim=1)
    return embeds, full_mask, positions(full_mask)


def positions(mask: torch.Tensor) -> torch.Tensor:
    """Position ids that count only unmasked tokens (padding gets 0, which it never uses)."""
    return (mask.long().cumsum(-1) - 1).clamp(min=0)


def _cache_name(model: Any) -> str:
    """The keyword the model's forward takes its KV cache under (``cache`` in recent transformers)."""
    return "cache" if "cache" in inspect.signature(model.forward).parameters else "past_key_values"


def _sample(logits: torch.Tensor, temperature: float, top_p: float, generator: torch.Generator) -> int:
    """One token drawn from the top-``top_p`` mass of ``softmax(logits / temperature)`` (CPU logits)."""
    probs = torch.softmax(logits / temperature, dim=-1)
    if top_p < 1:
        sorted_probs, order = probs.sort(descending=True)
        outside = sorted_probs.cumsum(-1) - sorted_probs >= top_p  # the most likely token is always kept
        probs = probs.scatter(0, order[outside], 0.0)
    return int(torch.multinomial(probs, 1, generator=generator))


@torch.no_grad()
def decode(
    model: Any,
    prompt: torch.Tensor,
    rows: Sequence[Sequence[int]],
    *,
    eos_id: int,
    pad_id: int,
    max_new_tokens: int,
    do_sample: bool = False,
    temperature: float = 1.0,
    top_p: float = 1.0,
    generators: Sequence[torch.Generator] | None = None,
) -> list[Decoded]:
    """Greedy decoding (or sampling, each row drawing from its own generator) of all ``rows`` at once."""
    samplers = list(generators or [])
    if do_sample and len(samplers) != len(rows):
        raise ValueError("sampling needs one torch.Generator per row")
    device = prompt.device
    ids, mask = pad(rows, pad_id, left=True)
    embeds, mask, position = join_prompt(model, prompt, ids.to(device), mask.to(device))
    cache_name = _cache_name(model)
    out = model(inputs_embeds=embeds, attention_mask=mask, position_ids=position, use_cache=True, logits_to_keep=1)
    tokens: list[list[int]] = [[] for _ in rows]
    logprobs = [0.0] * len(rows)
    done = [False] * len(rows)
    last_position = position[:, -1:]
    for _ in range(max_new_tokens):
        logits = out.logits[:, -1, :].float()
        if do_sample:  # on the CPU, each row from its own generator, only while it is unfinished
            cpu = logits.cpu()
            step = [pad_id if done[i] else _sample(cpu[i], temperature, top_p, samplers[i]) for i in range(len(rows))]
        else:
            step = logits.argmax(dim=-1).tolist()
        chosen = torch.tensor(step, device=logits.device)
        step_logprobs = torch.log_softmax(logits, dim=-1).gather(1, chosen[:, None])[:, 0].tolist()
        for i, token in enumerate(step):
            if done[i]:
                step[i] = pad_id
                continue
            logprobs[i] += step_logprobs[i]
            done[i] = token == eos_id
            if not done[i]:
                tokens[i].append(token)
        if all(done):
            break
        mask = torch.cat([mask, mask.new_ones((len(rows), 1))], dim=1)
        last_position = last_position + 1
        out = model(input_ids=torch.tensor(step, device=device)[:, None], attention_mask=mask,
                    position_ids=last_position, use_cache=True, **{cache_name: _cache_of(out)})
    return [Decoded(t, d, lp) for t, d, lp in zip(tokens, done, logprobs)]


def _cache_of(output: Any) -> Any:
    return output.cache if getattr(output, "cache", None) is not None else output.past_key_values


@torch.no_grad()
def beam_search(
    model: Any,
    prompt: torch.Tensor,
    rows: Sequence[Sequence[int]],
    *,
    eos_id: int,
    pad_id: int,
    max_new_tokens: int,
    num_beams: int,
    n: int,
) -> list[list[Decoded]]:
    """The ``n`` best beams of each row, via the backbone's ``generate`` on the joined inputs."""
    device = prompt.device
    ids, mask = pad(rows, pad_id, left=True)
    embeds, mask, position = join_prompt(model, prompt, ids.to(device), mask.to(device))
    sequences = model.generate(
        inputs_embeds=embeds, attention_mask=mask, position_ids=position, do_sample=False, num_beams=num_beams,
        num_return_sequences=n, max_new_tokens=max_new_tokens, eos_token_id=eos_id, pad_token_id=pad_id,
        length_penalty=1.0, early_stopping=True,
    )
    beams, ends = [], []
    for row in sequences.tolist():
        finished = eos_id in row
        kept = row[: row.index(eos_id)] if finished else row
        beams.append(kept)  # a finished beam is cut at its end token; an unfinished one fills the width
        ends.append(finished)
    scores = sequence_logprobs(
        model, prompt, [rows[i // n] for i in range(len(beams))],
        [[*b, eos_id] if end else b for b, end in zip(beams, ends)],
    )
    decoded = [Decoded(b, end, score) for b, end, score in zip(beams, ends, scores)]
    return [decoded[i * n:(i + 1) * n] for i in range(len(rows))]


@torch.no_grad()
def sequence_logprobs(
    model: Any, prompt: torch.Tensor, rows: Sequence[Sequence[int]], continuations: Sequence[Sequence[int]]
) -> list[float]:
    """Log-probability of each continuation after its row (one batched forward pass, no cache)."""
    joined = [[*row, *cont] for row, cont in zip(rows, continuations)]
    ids, mask = pad(joined, 0, left=False)
    device = prompt.device
    embeds, full_mask, position = join_prompt(model, prompt, ids.to(device), mask.to(device))
    log_probs = torch.log_softmax(
        model(inputs_embeds=embeds, attention_mask=full_mask, position_ids=position).logits.float(), dim=-1
    )
    offset = prompt.shape[0]
    scores = []
    for i, (row, cont) in enumerate(zip(rows, continuations)):
        start = offset + len(row)
        targets = torch.tensor(list(cont), dtype=torch.long, device=device)
        scores.append(float(log_probs[i, start - 1:start - 1 + len(cont)].gather(1, targets[:, None]).sum()))
    return scores
