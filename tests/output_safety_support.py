"""Fixtures and helpers shared by the output-safety tests: tiny models, inputs, and running a command in a
subprocess that is signalled at a chosen point."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from augment import Example, read_jsonl, write_jsonl
from tests.conftest import SAMPLE
from tests.helpers import ROOT


def many_examples(copies: int) -> list[Example]:
    """The sample repeated ``copies`` times with distinct idx (inputs big enough to be killed mid-write)."""
    sample = list(read_jsonl(SAMPLE))
    return [Example(e.question, e.passage, e.label, f"{k}-{e.idx}") for k in range(copies) for e in sample]


@pytest.fixture(scope="session")
def tiny_prompt(tmp_path_factory) -> Path:
    """A saved (untrained) prompt on a tiny GPT-2: enough for `ptune generate` to write deterministic rows."""
    from augment.ptune.generator import PromptTunedGenerator
    from augment.tiny_models import build_tiny_model

    folder = tmp_path_factory.mktemp("tiny-prompt")
    texts = [t for e in read_jsonl(SAMPLE) for t in (e.question, e.passage)]
    lm = build_tiny_model("gpt2", texts, folder / "lm", seed=0)
    generator = PromptTunedGenerator(str(lm), num_virtual_tokens=4, encoder_hidden_size=16, max_length=64)
    return generator.save_pretrained(folder / "prompt")


@pytest.fixture(scope="session")
def tiny_classifier(tmp_path_factory) -> Path:
    """A tiny BERT fine-tuned for one short epoch: a model folder `finetune predict` accepts."""
    from finetune import train
    from tests.finetune_support import passage_task

    folder = tmp_path_factory.mktemp("tiny-classifier")
    result = train("tiny-bert", passage_task(24, seed=0), passage_task(8, seed=1, start=100), output_dir=folder,
                   epochs=1, warmup_steps=0, batch_size=8, progress=False)
    return Path(result.model_dir)


def temp_files(folder: Path) -> list[str]:
    """Hidden temp and lock files this tool's writers may leave in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.suffix in (".tmp", ".lock"))


def command(module: str, *args: str | os.PathLike[str]) -> list[str]:
    return [sys.executable, "-m", module, *map(str, args)]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
            "OMP_NUM_THREADS": "1"}


def signal_when(argv: list[str], signum: int, ready: Callable[[], bool], cwd: Path,
                timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``argv``, send ``signum`` as soon as ``ready()`` holds (polled every 5 ms), wait for the end."""
    process = subprocess.Popen(argv, cwd=cwd, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    deadline = time.monotonic() + timeout
    while process.poll() is None and not ready() and time.monotonic() < deadline:
        time.sleep(0.005)
    if process.poll() is None:
        process.send_signal(signum)
    _, stderr = process.communicate(timeout=timeout)
    return subprocess.CompletedProcess(argv, process.returncode, "", stderr)


def new_temp_bytes(folder: Path, name: str, before: set[str]) -> Callable[[], int]:
    """Bytes in the temp files of ``folder/name`` that were not there before (``before``: names)."""
    def size() -> int:
        total = 0
        for path in folder.glob(f".{name}.*.tmp"):
            if path.name not in before:
                with contextlib.suppress(FileNotFoundError):
                    total += path.stat().st_size
        return total
    return size


def terminated_cleanly(result: subprocess.CompletedProcess, signum: int) -> bool:
    """A signalled run ended without a traceback: by the signal itself (before the handlers were set, during
    imports), with 128 + the signal number from the command line, or it finished first."""
    codes = {0, -signum} | ({128 + signum} if signum != signal.SIGKILL else set())
    return result.returncode in codes and "Traceback" not in result.stderr


def write_old(path: Path) -> bytes:
    """A previous output: one valid example."""
    write_jsonl([Example("Старый ли это файл?", "Старый файл.", True, "old")], path)
    return path.read_bytes()
