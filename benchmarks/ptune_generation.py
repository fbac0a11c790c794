"""Batched vs one-prompt-at-a-time generation behind a soft prompt, on the same model, on CPU.

    python benchmarks/ptune_generation.py                         # tiny GPT-2 (2 layers, hidden 64)
    python benchmarks/ptune_generation.py --arch rugpt3small      # ruGPT-3-small shape, random weights

Both arms decode the same passages greedily with PromptTunedGenerator (batch_size 16 vs 1), interleaved,
several rounds; the table gives the median generated tokens per second of each arm and their ratio, and
checks that both arms produced the same questions. No hub access: the ruGPT-3-small arm is a randomly
initialised GPT-2 with ruGPT-3-small's shape (12 layers, hidden 768, 12 heads, 2048 positions, vocab 50264)
and the tiny tokenizer (ids it cannot decode make empty questions, which are dropped but still timed).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from augment import PromptTunedGenerator, read_jsonl  # noqa: E402
from augment.report import format_table  # noqa: E402
from augment.tiny_models import build_tiny_model  # noqa: E402

RUGPT3_SMALL = {"n_embd": 768, "n_layer": 12, "n_head": 12, "n_positions": 2048, "vocab_size": 50264}


def build(arch: str, texts: list[str], folder: Path) -> str:
    """A model folder: the tiny GPT-2, or a random GPT-2 of ruGPT-3-small's shape with the tiny tokenizer."""
    path = build_tiny_model("gpt2", texts, folder / "tiny")
    if arch == "tiny":
        return str(path)
    import torch
    import transformers

    tokenizer = transformers.AutoTokenizer.from_pretrained(path)
    config = transformers.GPT2Config(bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
                                     pad_token_id=tokenizer.pad_token_id, **RUGPT3_SMALL)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        model = transformers.GPT2LMHeadModel(config)
    target = folder / "rugpt3small-shape"
    model.save_pretrained(target)
    tokenizer.save_pretrained(target)
    return str(target)


def run(generator: PromptTunedGenerator, passages: list[str], batch_size: int, new_tokens: int):
    tokens_before = generator.stats["generated tokens"]
    start = time.perf_counter()
    outputs = list(generator.generate(passages, labels=["yes"], do_sample=False, batch_size=batch_size,
                                      max_new_tokens=new_tokens))
    seconds = time.perf_counter() - start
    return (generator.stats["generated tokens"] - tokens_before) / seconds, [o.question for o in outputs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--arch", choices=("tiny", "rugpt3small"), default="tiny")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--passages", type=int, default=16)
    parser.add_argument("--new-tokens", type=int, default=24)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1: the CPU is shared)")
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    examples = list(read_jsonl(ROOT / "examples" / "data" / "sample.jsonl"))
    passages = list(dict.fromkeys(e.passage for e in examples))[: args.passages]
    with tempfile.TemporaryDirectory() as folder:
        path = build(args.arch, [t for e in examples for t in (e.question, e.passage)], Path(folder))
        generator = PromptTunedGenerator(path, num_virtual_tokens=20, device="cpu")
        run(generator, passages[:2], 2, 2)  # warm-up
        arms: dict[str, list[float]] = {"batched": [], "one at a time": []}
        questions = {}
        for _ in range(args.rounds):  # interleaved, so a noisy neighbour hits both arms alike
            for arm, size in (("batched", args.batch_size), ("one at a time", 1)):
                speed, questions[arm] = run(generator, passages, size, args.new_tokens)
                arms[arm].append(speed)
    medians = {arm: statistics.median(speeds) for arm, speeds in arms.items()}
    shape = "tiny GPT-2 (2 layers, hidden 64)" if args.arch == "tiny" else "ruGPT-3-small shape, random weights"
    print(f"model: {shape}; {len(passages)} passages (sample.jsonl), greedy, {args.new_tokens} new tokens max, "
          f"20 virtual tokens, {args.threads} torch thread(s), median of {args.rounds} interleaved rounds")
    print(format_table(
        ("arm", "batch size", "tokens/s (median)", "tokens/s per round", "speed-up"),
        [("batched", args.batch_size, f"{medians['batched']:.1f}", " ".join(f"{s:.0f}" for s in arms["batched"]),
          f"{medians['batched'] / medians['one at a time']:.1f}x"),
         ("one at a time", 1, f"{medians['one at a time']:.1f}",
          " ".join(f"{s:.0f}" for s in arms["one at a time"]), "1.0x")],
    ))
    same = "yes" if questions["batched"] == questions["one at a time"] else "NO"
    print(f"same questions from both arms: {same} ({len(questions['batched'])} non-empty questions compared)")


if __name__ == "__main__":
    main()
