"""Fault injection (issue 15): each long-running command is killed with SIGKILL and with SIGTERM at seeded
random points. Afterwards the output is the old file or the complete new one (for `ptune generate`, which
appends, a prefix of the complete file), a SIGTERM leaves no temp file, and a rerun completes the output and
leaves no temp or lock file, including those a SIGKILL left. A folder of shards (the corpus-scale output) keeps
only whole shards through kills, and a rerun resumes it to the shards of an uninterrupted run."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from augment import read_jsonl, write_jsonl
from augment.jsonl import manifest_path
from tests import output_safety_support as support
from tests.output_safety_support import command, env, many_examples, new_temp_bytes, signal_when, temp_files

tiny_prompt = support.tiny_prompt  # fixtures
tiny_classifier = support.tiny_classifier

pytestmark = pytest.mark.slow
SIGNALS = [signal.SIGTERM, signal.SIGKILL]
# (command, copies of the sample as input): inputs just large enough that a kill can land mid-write
ATOMIC = [("negate", 6), ("from-text", 2), ("compose", 6), ("finetune predict", 1)]


def argv(name: str, folder: Path, output: str, model: Path | None = None) -> list[str]:
    return {
        "negate": command("augment", "negate", "in.jsonl", "-o", output),
        "from-text": command("augment", "from-text", "in.jsonl", "-o", output, "--passage", "sentence"),
        "compose": command("augment", "compose", "in.jsonl", "-g", "rule_based", "-o", output),
        "finetune predict": command("finetune", "predict", str(model), "in.jsonl", "-o", output),
        "ptune generate": command("augment", "ptune", "generate", str(model), "in.txt", "-o", output, "--labels",
                                  "yes", "--n", "1", "--max-new-tokens", "3", "--seed", "1", "--no-progress"),
    }[name]


def reference(arguments: list[str], folder: Path) -> tuple[bytes, float]:
    """The complete output of an uninterrupted run (to ref.jsonl), and how long the run took."""
    start = time.monotonic()
    subprocess.run(arguments, cwd=folder, env=env(), check=True, capture_output=True, timeout=600)
    return (folder / "ref.jsonl").read_bytes(), time.monotonic() - start


def kill_points(name: str, signum: int, count: int) -> list[float]:
    """Seeded fractions of a run at which to send the signal."""
    rng = random.Random(f"{name} {signum}")
    return [rng.random() for _ in range(count)]


def after(seconds: float):
    start = time.monotonic()
    return lambda: time.monotonic() - start >= seconds


def writing(folder: Path, before: set[str], at: float):
    size = new_temp_bytes(folder, "out.jsonl", before)
    return lambda: size() >= at


def appended(path: Path, at: float):
    return lambda: path.exists() and path.stat().st_size >= at


def check_ended(result: subprocess.CompletedProcess, signum: int, folder: Path) -> None:
    assert support.terminated_cleanly(result, signum), result.stderr
    if signum == signal.SIGTERM:
        assert temp_files(folder) == []  # cleaned up before exiting


@pytest.mark.parametrize(("name", "copies"), ATOMIC, ids=[a[0] for a in ATOMIC])
def test_an_atomic_output_is_old_or_complete_after_a_kill(tmp_path, name, copies, request):
    model = request.getfixturevalue("tiny_classifier") if name == "finetune predict" else None
    write_jsonl(many_examples(copies), tmp_path / "in.jsonl")
    complete, duration = reference(argv(name, tmp_path, "ref.jsonl", model), tmp_path)
    out = tmp_path / "out.jsonl"
    old = support.write_old(out)
    for signum in SIGNALS:  # SIGTERM first: it must leave no temp file; the rerun removes what SIGKILL leaves
        for k, fraction in enumerate(kill_points(name, signum, 2)):
            out.write_bytes(old)
            before = {p.name for p in tmp_path.iterdir()}
            # one point in time over the whole run (imports, loading, work, writing), one while writing
            ready = after(fraction * duration) if k == 0 else writing(tmp_path, before, fraction * len(complete))
            result = signal_when(argv(name, tmp_path, "out.jsonl", model), signum, ready, cwd=tmp_path)
            check_ended(result, signum, tmp_path)
            assert out.read_bytes() in (old, complete), f"signal {signum} at {fraction:.2f}"
    rerun = subprocess.run(argv(name, tmp_path, "out.jsonl", model), cwd=tmp_path, env=env(), capture_output=True,
                           text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert out.read_bytes() == complete
    assert temp_files(tmp_path) == []


def test_ptune_generate_resumes_to_the_complete_file_after_kills(tmp_path, tiny_prompt):
    passages = [e.passage.split(".")[0][:80] for e in many_examples(2)][:70]
    (tmp_path / "in.txt").write_text("\n".join(f"{p} {i}" for i, p in enumerate(passages)) + "\n", encoding="utf-8")
    complete, duration = reference(argv("ptune generate", tmp_path, "ref.jsonl", tiny_prompt), tmp_path)
    assert complete.count(b"\n") == len(passages) > 64  # more than one chunk: a kill can land between syncs
    out = tmp_path / "out.jsonl"
    for signum in SIGNALS:
        for k, fraction in enumerate(kill_points("ptune generate", signum, 2)):
            # one point in time over the whole run, one once part of the remaining rows is written
            done = out.stat().st_size if out.exists() else 0
            ready = after(fraction * duration) if k == 0 else appended(out, done + fraction * (len(complete) - done))
            result = signal_when(argv("ptune generate", tmp_path, "out.jsonl", tiny_prompt), signum, ready,
                                 cwd=tmp_path)
            check_ended(result, signum, tmp_path)
            if out.exists():  # each run continues the last one's file
                assert complete.startswith(out.read_bytes()) and manifest_path(out).is_file()
    rerun = subprocess.run(argv("ptune generate", tmp_path, "out.jsonl", tiny_prompt), cwd=tmp_path, env=env(),
                           capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert out.read_bytes() == complete
    assert temp_files(tmp_path) == []


# (command, copies of the sample as input, extra options): shard folders of several chunks, one run in parallel
FOLDER = [("negate", 6, ()), ("from-text", 2, ()), ("compose", 6, ("--num-proc", "2"))]


def listed(folder: Path, at: float):
    """Whether the manifest of ``folder`` lists at least ``at`` finished shards."""
    def ready() -> bool:
        try:
            return len(json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["shards"]) >= at
        except (FileNotFoundError, ValueError):
            return False
    return ready


def shard_bytes(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("part-*.jsonl.gz"))}


@pytest.mark.parametrize(("name", "copies", "options"), FOLDER, ids=[f[0] for f in FOLDER])
def test_a_folder_output_resumes_to_the_complete_run_after_kills(tmp_path, name, copies, options):
    write_jsonl(many_examples(copies), tmp_path / "in.jsonl")
    chunks = ["--chunk-size", "8", "--no-progress", *options]
    start = time.monotonic()
    subprocess.run(argv(name, tmp_path, "ref") + chunks, cwd=tmp_path, env=env(), check=True, capture_output=True,
                   timeout=600)
    duration = time.monotonic() - start
    complete = shard_bytes(tmp_path / "ref")
    assert len(complete) > 4
    out = tmp_path / "out"
    for signum in SIGNALS:
        for k, fraction in enumerate(kill_points(f"{name} folder", signum, 2)):
            # one point in time over the whole run, one once a share of the shards is written
            ready = after(fraction * duration) if k == 0 else listed(out, fraction * len(complete))
            result = signal_when(argv(name, tmp_path, "out") + chunks, signum, ready, cwd=tmp_path)
            check_ended(result, signum, tmp_path)
            if out.exists() and signum == signal.SIGTERM:
                assert temp_files(out) == []
            if (out / "manifest.json").exists():  # every shard the manifest lists is whole and final
                shards = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["shards"]
                assert {s["file"]: (out / s["file"]).read_bytes() for s in shards.values()}.items() \
                    <= complete.items(), f"signal {signum} at {fraction:.2f}"
    rerun = subprocess.run(argv(name, tmp_path, "out") + chunks, cwd=tmp_path, env=env(), capture_output=True,
                           text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert shard_bytes(out) == complete
    assert [e.to_record() for e in read_jsonl(out)] == [e.to_record() for e in read_jsonl(tmp_path / "ref")]
    assert temp_files(tmp_path) == temp_files(out) == []
