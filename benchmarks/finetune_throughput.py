"""Training throughput on the ruBERT-base architecture: dynamic padding + length grouping vs padding to 512.

    PYTHONPATH=. python benchmarks/finetune_throughput.py --data /path/to/DaNetQA [--batches 4 --repeats 2]

Random initialisation, CPU, batch 8, AdamW: each timed step is forward, backward and optimizer step.

- "dynamic + grouped": pairs encoded by ``finetune.encoding.encode_pairs`` (passage truncated at 512), batches
  drawn by transformers' ``LengthGroupedSampler`` (what ``group_by_length`` uses) and padded per batch by the
  training collator. An epoch's batches differ in length, so the timed ones are spread over its length
  quantiles; their mean time stands for the epoch's.
- "pad to 512": the same pairs padded to 512 tokens, random batches (every batch has the same shape).

The two arms alternate step by step (the machine is shared), and the whole comparison repeats. The real
ruBERT tokenizer is not available offline: a WordPiece tokenizer is trained on DaNetQA's train texts
(``augment.tiny_models.build_tokenizer``, default 30,000 entries; its tokens per word are printed, ruBERT's
are in the same range); the model keeps ruBERT-base's full configuration (119,547-entry vocabulary).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import torch
from transformers import BertConfig, BertForSequenceClassification, DataCollatorWithPadding
from transformers.trainer_pt_utils import LengthGroupedSampler

from augment import load_danetqa
from augment.report import format_table
from augment.tiny_models import build_tokenizer
from finetune.encoding import encode_pairs

RUBERT_BASE = {"vocab_size": 119547, "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12,
               "intermediate_size": 3072, "max_position_embeddings": 512, "type_vocab_size": 2}
BATCH = 8
MAX_LENGTH = 512


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="DaNetQA folder or zip (default: the official download)")
    parser.add_argument("--batches", type=int, default=4, help="timed batches per arm and repeat (default 4)")
    parser.add_argument("--repeats", type=int, default=2, help="repeats of the whole comparison (default 2)")
    parser.add_argument("--vocab-size", type=int, default=30000, help="WordPiece vocabulary trained on DaNetQA")
    args = parser.parse_args()

    examples = list(load_danetqa("train", args.data))
    tokenizer = build_tokenizer("bert", [t for e in examples for t in (e.question, e.passage)], args.vocab_size)
    words = sum(len(e.question.split()) + len(e.passage.split()) for e in examples)
    labels = [int(e.label) for e in examples]

    dynamic = encode_pairs(tokenizer, examples, MAX_LENGTH)
    for feature, label in zip(dynamic, labels):
        feature["labels"] = label
    lengths = [len(f["input_ids"]) for f in dynamic]
    padded = tokenizer([e.question for e in examples], [e.passage for e in examples], truncation="only_second",
                       max_length=MAX_LENGTH, padding="max_length")
    padded = [{**{k: v[i] for k, v in padded.items()}, "labels": labels[i]} for i in range(len(examples))]
    collate = DataCollatorWithPadding(tokenizer)

    generator = torch.Generator().manual_seed(0)
    order = list(LengthGroupedSampler(BATCH, lengths=lengths, generator=generator))
    epoch = [order[i : i + BATCH] for i in range(0, len(order) - BATCH + 1, BATCH)]
    by_length = sorted(epoch, key=lambda batch: max(lengths[i] for i in batch))
    grouped = [by_length[int((q + 0.5) / args.batches * len(by_length))] for q in range(args.batches)]
    rng = random.Random(0)
    flat = [rng.sample(range(len(examples)), BATCH) for _ in range(args.batches)]

    with torch.random.fork_rng():
        torch.manual_seed(0)
        model = BertForSequenceClassification(BertConfig(num_labels=2, **RUBERT_BASE)).train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5, weight_decay=0.01)

    def step(batch: dict) -> float:
        start = time.perf_counter()
        model(**batch).loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        return time.perf_counter() - start

    arms = {"dynamic + grouped": [collate([dynamic[i] for i in b]) for b in grouped],
            "pad to 512": [collate([padded[i] for i in b]) for b in flat]}
    for batches in arms.values():
        step(batches[0])  # warm-up, not timed
    times: dict[str, list[list[float]]] = {name: [] for name in arms}
    for _ in range(args.repeats):
        for name in arms:
            times[name].append([])
        for i in range(args.batches):
            for name, batches in arms.items():
                times[name][-1].append(step(batches[i]))

    def speed(seconds: list[float]) -> float:
        return BATCH * len(seconds) / sum(seconds)

    epoch_mean = statistics.fmean(max(lengths[i] for i in b) for b in epoch)
    print(f"DaNetQA train: {len(examples)} pairs; WordPiece trained on them: {len(tokenizer)} entries, "
          f"{sum(lengths) / words:.2f} tokens per word; pairs: mean {statistics.fmean(lengths):.0f}, "
          f"median {statistics.median(lengths):.0f} tokens, {sum(n >= MAX_LENGTH for n in lengths)} cut at 512")
    print(f"ruBERT-base architecture ({model.num_parameters() / 1e6:.0f}M parameters), batch {BATCH}, "
          f"torch threads {torch.get_num_threads()}; grouped epoch: mean padded length {epoch_mean:.0f}")
    rows = []
    for name, batches in arms.items():
        widths = [int(b["input_ids"].shape[1]) for b in batches]
        per_repeat = [speed(t) for t in times[name]]
        overall = speed([t for repeat in times[name] for t in repeat])
        rows.append((name, f"{statistics.fmean(widths):.0f}", " / ".join(f"{s:.2f}" for s in per_repeat),
                     f"{overall:.2f}"))
    ratios = [speed(a) / speed(b) for a, b in zip(times["dynamic + grouped"], times["pad to 512"])]
    overall_ratio = float(rows[0][3]) / float(rows[1][3])
    rows = [(*row, f"{overall_ratio:.2f}x" if i == 0 else "1.00x") for i, row in enumerate(rows)]
    print(format_table(("arm", "mean padded length", "examples/s per repeat", "examples/s", "ratio"), rows))
    print(f"ratio per repeat: {' / '.join(f'{r:.2f}x' for r in ratios)} (target >= 1.8x)")


if __name__ == "__main__":
    main()
