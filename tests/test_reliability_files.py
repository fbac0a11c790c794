"""Issue 15, data loss: a user's file is never lost, and every bad path is refused in one line before the work.

Each row of a table is an input situation, a command, and the expected one-line message or behaviour.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock

import augment.outputs
from augment import Example, read_jsonl, write_jsonl
from augment.cli import main as augment_main
from augment.jsonl import append_jsonl, drop_torn_tail, manifest_path
from augment.outputs import OutputError, check_output, lock_path
from finetune.cli import main as finetune_main
from tests import output_safety_support as support
from tests.conftest import SAMPLE
from tests.output_safety_support import command, env, many_examples, new_temp_bytes, signal_when, temp_files

tiny_prompt = support.tiny_prompt  # a fixture

MAINS = {"augment": augment_main, "finetune": finetune_main}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A working folder with in.jsonl (six sample examples), a sub-folder and an existing output."""
    monkeypatch.chdir(tmp_path)
    write_jsonl(list(read_jsonl(SAMPLE))[:6], tmp_path / "in.jsonl")
    (tmp_path / "folder").mkdir()
    (tmp_path / "existing.jsonl").write_text("мой файл\n", encoding="utf-8")
    return tmp_path


@dataclass(frozen=True)
class Refusal:
    name: str
    program: str
    argv: list[str]
    message: str  # the whole stderr, one line
    setup: str = ""  # "symlink", "hardlink", "lock", "submission", "foreign"


# Each command is given an option its work would reject ("--operations nothing", a missing model or prompt):
# the path message proves that the paths were checked first.
REFUSALS = [
    Refusal("negate: output = input", "augment", ["negate", "in.jsonl", "-o", "in.jsonl", "--operations", "x"],
            "augment: error: the output in.jsonl is also the input in.jsonl; write to another path"),
    Refusal("negate --balance: output = input by a relative path", "augment",
            ["negate", "in.jsonl", "--balance", "-o", "folder/../in.jsonl", "--operations", "x"],
            "augment: error: the output folder/../in.jsonl is also the input in.jsonl; write to another path"),
    Refusal("negate: input is a symlink to the output", "augment",
            ["negate", "link.jsonl", "-o", "in.jsonl", "--operations", "x"],
            "augment: error: the output in.jsonl is also the input link.jsonl; write to another path", "symlink"),
    Refusal("compose: output is a hard link of the input", "augment",
            ["compose", "in.jsonl", "-g", "no-such-generator", "-o", "hard.jsonl"],
            "augment: error: the output hard.jsonl is also the input in.jsonl; write to another path", "hardlink"),
    Refusal("from-text: output = input", "augment", ["from-text", "in.jsonl", "-o", "./in.jsonl", "--show", "-1"],
            "augment: error: the output in.jsonl is also the input in.jsonl; write to another path"),
    Refusal("ptune generate: output = input (was appended into)", "augment",
            ["ptune", "generate", "no-prompt", "in.jsonl", "-o", "in.jsonl"],
            "augment: error: the output in.jsonl is also the input in.jsonl; write to another path"),
    Refusal("ptune filter: output = --train", "augment",
            ["ptune", "filter", "existing.jsonl", "--train", "in.jsonl", "-o", "in.jsonl"],
            "augment: error: the output in.jsonl is also the input in.jsonl; write to another path"),
    Refusal("finetune predict: output = input", "finetune", ["predict", "no-model", "in.jsonl", "-o", "in.jsonl"],
            "finetune: error: the output in.jsonl is also the input in.jsonl; write to another path"),
    Refusal("finetune predict: the folder's DaNetQA.jsonl = input", "finetune",
            ["predict", "no-model", "folder/DaNetQA.jsonl", "-o", "folder"],
            "finetune: error: the output folder/DaNetQA.jsonl is also the input folder/DaNetQA.jsonl; "
            "write to another path", "submission"),
    Refusal("output is an existing folder", "augment", ["ptune", "generate", "no-prompt", "in.jsonl", "-o", "folder"],
            "augment: error: folder is a folder; give a file path for the output"),
    Refusal("negate: an output folder of shards holds files the tool did not write", "augment",
            ["negate", "in.jsonl", "-o", "folder"],
            "augment: error: folder holds files this tool did not write; choose an empty or new folder", "foreign"),
    Refusal("negate: the output folder holds the input", "augment",
            ["negate", "folder/DaNetQA.jsonl", "-o", "folder", "--operations", "x"],
            "augment: error: the output folder folder holds the input folder/DaNetQA.jsonl; write to another folder",
            "submission"),
    Refusal("compose: the output folder is the input folder", "augment",
            ["compose", "folder", "-g", "no-such-generator", "-o", "./folder"],
            "augment: error: the output folder is also the input folder; write to another path", "submission"),
    Refusal("from-text: the output is inside the input folder", "augment",
            ["from-text", "folder", "-o", "folder/out.jsonl", "--show", "-1"],
            "augment: error: the output folder/out.jsonl is inside the input folder folder; write outside it",
            "submission"),
    Refusal("empty output", "augment", ["negate", "in.jsonl", "-o", "", "--operations", "x"],
            "augment: error: the output path is empty"),
    Refusal("output under a regular file", "augment",
            ["from-text", "in.jsonl", "-o", "existing.jsonl/out.jsonl", "--show", "-1"],
            "augment: error: cannot write existing.jsonl/out.jsonl: existing.jsonl is a file, not a folder"),
    Refusal("input is a folder", "augment", ["ptune", "filter", "folder", "--train", "in.jsonl", "-o", "out.jsonl"],
            "augment: error: folder is a folder; give the input file"),
    Refusal("negate: input is an empty folder", "augment", ["negate", "folder", "-o", "out.jsonl", "--operations", "x"],
            "augment: error: folder: no files found"),
    Refusal("validate: input is a folder", "augment", ["validate", "folder"],
            "augment: error: folder is a folder; give the input file"),
    Refusal("finetune train -o EXISTING_FILE", "finetune",
            ["train", "no-model", "--train", "in.jsonl", "-o", "existing.jsonl"],
            "finetune: error: existing.jsonl is a file; give a folder path for the output"),
    Refusal("ptune train -o EXISTING_FILE", "augment", ["ptune", "train", "in.jsonl", "-o", "existing.jsonl"],
            "augment: error: existing.jsonl is a file; give a folder path for the output"),
    Refusal("a second writer of one output", "augment", ["negate", "in.jsonl", "-o", "out.jsonl", "--operations", "x"],
            "augment: error: out.jsonl is being written by another run (lock .out.jsonl.lock); wait for it to "
            "finish or choose another output", "lock"),
]


@pytest.mark.parametrize("case", REFUSALS, ids=lambda case: case.name)
def test_refused_in_one_line_before_the_work(case, folder, capsys):
    if case.setup == "symlink":
        (folder / "link.jsonl").symlink_to(folder / "in.jsonl")
    if case.setup == "hardlink":
        os.link(folder / "in.jsonl", folder / "hard.jsonl")
    if case.setup == "submission":
        write_jsonl(list(read_jsonl(SAMPLE))[:2], folder / "folder" / "DaNetQA.jsonl")
    if case.setup == "foreign":
        (folder / "folder" / "notes.txt").write_text("мои заметки\n", encoding="utf-8")
    before = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    held = FileLock(str(lock_path(folder / "out.jsonl")), timeout=0)
    if case.setup == "lock":
        held.acquire()
    try:
        assert MAINS[case.program](case.argv) == 2
    finally:
        held.release()
        lock_path(folder / "out.jsonl").unlink(missing_ok=True)  # the test's own lock file
    err = capsys.readouterr().err
    assert err == case.message + "\n"
    assert {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()} == before  # nothing touched


def test_a_read_only_folder_is_named_with_the_output(folder, monkeypatch, capsys):
    # the tests may run as root, who can write anywhere: the check itself is what is tested
    real = os.access
    monkeypatch.setattr(augment.outputs.os, "access", lambda path, mode: Path(path).name != "folder"
                        and real(path, mode))
    assert augment_main(["negate", "in.jsonl", "-o", "folder/out.jsonl", "--operations", "x"]) == 2
    assert capsys.readouterr().err == ("augment: error: cannot write folder/out.jsonl: the folder folder is not "
                                       "writable\n")
    with pytest.raises(OutputError, match=r"^cannot write folder/sub/x\.json: the folder folder is not writable$"):
        check_output("folder/sub/x.json")


# -- ptune generate resumes only its own file ---------------------------------------------------------------

ROW = '{"question": "Есть ли файл?", "passage": "Файл есть.", "label": true, "idx": 7}'
FOREIGN = {
    "a JSON object": '{"a": 1}\n',
    "text without a final newline": "первая строка\nпоследняя строка",
    "a DaNetQA file without a final newline": ROW,
}


@pytest.mark.parametrize("content", FOREIGN.values(), ids=FOREIGN.keys())
def test_the_appender_refuses_a_file_it_did_not_write(tmp_path, content):
    path = tmp_path / "out.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(OutputError, match=r"out.jsonl exists and was not written by this command \(no "
                                          r"out.jsonl.manifest.json beside it\); choose another output, or start "
                                          r"it over \(--overwrite\)$"), append_jsonl(path, {"seed": 1}):
        pass
    assert path.read_text(encoding="utf-8") == content  # no torn-tail repair on it
    with append_jsonl(path, {"seed": 1}, overwrite=True) as out:
        out.write(Example("Новый?", "Текст.", True, 1))
    assert [e.idx for e in read_jsonl(path)] == [1]


def examples(start, stop):
    return [Example(f"Вопрос {i}?", "Текст.", i % 2 == 0, i) for i in range(start, stop)]


def written(path, settings):
    with append_jsonl(path, settings) as out:
        for example in examples(0, 2):
            out.write(example)
    return path.read_bytes()


RESUMES = [
    # (what happens to the file or the settings, expected message; None: resumed)
    ("same settings", None),
    ("different seed", r"out.jsonl was written with other settings \(seed: 1 -> 2\); choose another output, or "
                       r"start it over \(--overwrite\)$"),
    ("different temperature and n", r"other settings \(generation.n: 2 -> 3, generation.temperature: 1.0 -> 0.7\)"),
    ("a row edited", r"out.jsonl changed since this command wrote it \(it no longer matches out.jsonl.manifest.json\)"),
    ("the file cut short", r"out.jsonl changed since this command wrote it"),
    ("the manifest broken", r"out.jsonl.manifest.json is not a run manifest this version can read"),
]


@pytest.mark.parametrize(("change", "message"), RESUMES, ids=[r[0] for r in RESUMES])
def test_a_resume_needs_the_same_settings_and_an_unchanged_file(tmp_path, change, message):
    path = tmp_path / "out.jsonl"
    settings = {"seed": 1, "generation": {"n": 2, "temperature": 1.0}}
    content = written(path, settings)
    again = dict(settings)
    if change == "different seed":
        again["seed"] = 2
    if change == "different temperature and n":
        again["generation"] = {"n": 3, "temperature": 0.7}
    if change == "a row edited":
        path.write_bytes(content.replace("Вопрос 1".encode(), "Вопрос 9".encode()))
    if change == "the file cut short":
        path.write_bytes(content[:-5])
    if change == "the manifest broken":
        manifest_path(path).write_text("{", encoding="utf-8")
    before = path.read_bytes()
    if message is None:
        with append_jsonl(path, again) as out:
            assert out.done == {0, 1}
            out.write(examples(2, 3)[0])
        assert [e.idx for e in read_jsonl(path)] == [0, 1, 2]
        return
    with pytest.raises(OutputError, match=message), append_jsonl(path, again):
        pass
    assert path.read_bytes() == before


def test_a_torn_tail_is_cut_only_after_what_the_manifest_vouches_for(tmp_path):
    path = tmp_path / "out.jsonl"
    content = written(path, {})
    with open(path, "ab") as handle:  # a kill between a write and the next manifest update
        handle.write(b'{"question": "\xd0\x9e\xd0\xb1')
    with append_jsonl(path, {}) as out:
        assert out.dropped_bytes == 18 and out.done == {0, 1}
    assert path.read_bytes() == content


def test_an_empty_file_is_taken_over(tmp_path):
    path = tmp_path / "out.jsonl"
    path.touch()
    assert written(path, {}).count(b"\n") == 2


def test_ptune_generate_cli_refuses_foreign_files_and_other_settings(tmp_path, tiny_prompt, capsys):
    passages = tmp_path / "passages.txt"
    passages.write_text("Кот спит на окне.\nСобака лает во дворе.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text(ROW, encoding="utf-8")
    generate = ["ptune", "generate", str(tiny_prompt), str(passages), "-o", str(out), "--labels", "yes", "--n",
                "1", "--max-new-tokens", "3", "--no-progress"]
    assert augment_main(generate) == 2
    assert capsys.readouterr().err == (f"augment: error: {out} exists and was not written by this command (no "
                                       "out.jsonl.manifest.json beside it); choose another output, or start it "
                                       "over (--overwrite)\n")
    assert out.read_text(encoding="utf-8") == ROW
    assert augment_main([*generate, "--overwrite"]) == 0
    first = out.read_bytes()
    assert len(first.splitlines()) == 2 and manifest_path(out).is_file()
    assert augment_main([*generate, "--seed", "5"]) == 2
    assert capsys.readouterr().err.endswith(f"{out} was written with other settings (seed: 0 -> 5); choose "
                                            "another output, or start it over (--overwrite)\n")
    passages.write_text("Кот спит на окне.\n", encoding="utf-8")
    assert augment_main(generate) == 2
    assert "other settings (input_sha256: " in capsys.readouterr().err
    assert out.read_bytes() == first


# -- temp files, permissions ------------------------------------------------------------------------------

STALE = [
    # (file beside out.jsonl, removed by the next write of out.jsonl)
    (".out.jsonl.ab12_x9z.tmp", True),
    (".out.jsonl.AB12CDEF.tmp", False),  # not mkstemp's alphabet
    (".out.jsonl.ab12cdef.tmp.keep", False),
    (".other.jsonl.ab12cdef.tmp", False),  # another output's
    ("out.jsonl.ab12cdef.tmp", False),  # not hidden
]


@pytest.mark.parametrize(("name", "removed"), STALE, ids=[s[0] for s in STALE])
def test_stale_temp_files_of_the_output_only_are_removed(folder, name, removed):
    (folder / name).write_text("left by a killed run", encoding="utf-8")
    assert augment_main(["negate", "in.jsonl", "-o", "out.jsonl"]) == 0
    assert (folder / name).exists() is not removed


def test_stale_temp_files_stay_while_another_run_holds_the_lock(folder):
    stale = folder / ".out.jsonl.ab12cdef.tmp"
    stale.write_text("being written", encoding="utf-8")
    with FileLock(str(lock_path(folder / "out.jsonl")), timeout=0):
        assert augment_main(["negate", "in.jsonl", "-o", "out.jsonl"]) == 2
    assert stale.exists()


MODES = [
    # (umask, mode of the file replaced or None, expected mode)
    (0o022, None, 0o644),
    (0o077, None, 0o600),
    (0o027, None, 0o640),
    (0o077, 0o644, 0o644),  # replacing keeps the mode
    (0o022, 0o604, 0o604),
]


@pytest.mark.parametrize(("umask", "existing", "expected"), MODES)
def test_written_files_follow_the_umask_and_keep_a_replaced_mode(folder, umask, existing, expected):
    out = folder / "out.jsonl"
    if existing is not None:
        out.write_text("old\n", encoding="utf-8")
        out.chmod(existing)
    previous = os.umask(umask)
    try:
        assert augment_main(["negate", "in.jsonl", "-o", "out.jsonl"]) == 0
    finally:
        os.umask(previous)
    assert out.stat().st_mode & 0o777 == expected


def test_the_appender_and_the_manifest_follow_the_umask(tmp_path):
    previous = os.umask(0o027)
    try:
        written(tmp_path / "out.jsonl", {})
    finally:
        os.umask(previous)
    assert (tmp_path / "out.jsonl").stat().st_mode & 0o777 == 0o640
    assert manifest_path(tmp_path / "out.jsonl").stat().st_mode & 0o777 == 0o640
    assert temp_files(tmp_path) == []


# -- signals and pipes ------------------------------------------------------------------------------------

SIGNALS = [(signal.SIGINT, 130, "augment: interrupted"), (signal.SIGTERM, 143, "augment: terminated by signal 15")]


@pytest.mark.parametrize(("signum", "code", "message"), SIGNALS, ids=["SIGINT", "SIGTERM"])
def test_a_signal_mid_write_ends_cleanly(tmp_path, signum, code, message):
    write_jsonl(many_examples(12), tmp_path / "in.jsonl")
    old = tmp_path / "out.jsonl"
    old.write_text("old\n", encoding="utf-8")
    started = new_temp_bytes(tmp_path, "out.jsonl", set())
    result = signal_when(command("augment", "negate", "in.jsonl", "-o", "out.jsonl"), signum,
                         lambda: started() > 0, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (code, message + "\n")  # one line, no traceback
    assert old.read_text(encoding="utf-8") == "old\n"
    assert temp_files(tmp_path) == []  # the temp file was removed, the lock released


def test_a_closed_stdout_ends_quietly(tmp_path):
    write_jsonl(many_examples(30), tmp_path / "in.jsonl")  # --show prints far more than a pipe holds (64 KB)
    process = subprocess.Popen(command("augment", "negate", "in.jsonl", "-o", "out.jsonl", "--show", "1500"),
                               cwd=tmp_path, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    stderr = process.stderr.read().decode()
    assert first and process.wait(timeout=120) == 141 and stderr == ""
    assert len(list(read_jsonl(tmp_path / "out.jsonl"))) > 1500  # the output was complete before printing


def test_run_cli_turns_a_signal_into_an_exit_code_in_process(folder, monkeypatch, capsys):
    import augment.commands.negate

    def interrupted(args):
        os.kill(os.getpid(), signal.SIGTERM)
        raise AssertionError("the signal did not stop the command")

    monkeypatch.setattr(augment.commands.negate, "run", interrupted)
    handler = signal.getsignal(signal.SIGTERM)
    assert augment_main(["negate", "in.jsonl", "-o", "out.jsonl"]) == 143
    assert capsys.readouterr().err == "augment: terminated by signal 15\n"
    assert signal.getsignal(signal.SIGTERM) == handler  # restored


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
@pytest.mark.parametrize("making", ["temp file", "lock file"])
def test_a_signal_as_a_temp_or_lock_file_is_made_leaves_neither(tmp_path, monkeypatch, signum, making):
    import filelock

    owner, name = (augment.outputs.tempfile, "mkstemp") if making == "temp file" else (filelock.FileLock, "acquire")
    made = getattr(owner, name)

    def signalled(*args, **kwargs):  # the signal comes after the file exists and before the call returns
        created = made(*args, **kwargs)
        os.kill(os.getpid(), signum)
        return created

    monkeypatch.setattr(owner, name, signalled)
    with pytest.raises((augment.outputs.Terminated, KeyboardInterrupt)), augment.outputs.signals_as_exceptions():
        write_jsonl(many_examples(1), tmp_path / "out.jsonl")
    assert list(tmp_path.iterdir()) == []


def test_a_failure_to_make_the_temp_file_does_not_hold_later_signals(tmp_path, monkeypatch):
    def failing(*args, **kwargs):  # not an OSError: e.g. a name with a NUL byte
        raise ValueError("embedded null byte")

    monkeypatch.setattr(augment.outputs.tempfile, "mkstemp", failing)
    with augment.outputs.signals_as_exceptions():
        with pytest.raises(ValueError, match="embedded null byte"):
            write_jsonl(many_examples(1), tmp_path / "out.jsonl")
        with pytest.raises(augment.outputs.Terminated):
            os.kill(os.getpid(), signal.SIGTERM)  # raised at once, not held by a section left open


def test_drop_torn_tail_never_cuts_below_start(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b"line\nvouched, no newline" + b"torn")
    assert drop_torn_tail(path, start=len(b"line\nvouched, no newline")) == 4
    assert path.read_bytes() == b"line\nvouched, no newline"


def test_a_failed_temp_file_is_reported_with_the_output_name(folder, monkeypatch, capsys):
    def refused(**kwargs):
        raise PermissionError(13, "Permission denied", f"{kwargs['dir']}/.out.jsonl.abcdefgh.tmp")

    monkeypatch.setattr(augment.outputs.tempfile, "mkstemp", refused)
    assert augment_main(["negate", "in.jsonl", "-o", "out.jsonl"]) == 2
    assert capsys.readouterr().err == "augment: error: cannot write out.jsonl: Permission denied\n"


def test_only_the_main_process_of_a_distributed_launch_locks_the_output(folder, monkeypatch):
    from augment.cli import PathRoles, checked_paths

    args = argparse.Namespace(path_roles=PathRoles(output="output", folder=True), output="run")
    with FileLock(str(lock_path(folder / "run")), timeout=0):
        monkeypatch.setenv("RANK", "1")
        with checked_paths(args):  # rank 1 runs the same command line as rank 0, which holds the lock
            pass
        monkeypatch.setenv("RANK", "0")
        with pytest.raises(OutputError, match="being written by another run"), checked_paths(args):
            pass


CONTENDER = """
import os, sys, time
from augment.outputs import OutputLocked, output_lock
target, marker, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
held = refused = overlaps = 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    try:
        with output_lock(target):
            held += 1
            try:
                os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                overlaps += 1
                continue
            os.unlink(marker)
    except OutputLocked:
        refused += 1
print(held, refused, overlaps)
"""


def test_contending_writers_never_hold_one_output_together(tmp_path):
    # the lock file is unlinked on release: a writer must never take a lock on an unlinked file
    processes = [subprocess.Popen([sys.executable, "-c", CONTENDER, str(tmp_path / "out.jsonl"),
                                   str(tmp_path / "holder"), "1.5"], env=env(), stdout=subprocess.PIPE, text=True)
                 for _ in range(3)]
    counts = [list(map(int, p.communicate(timeout=120)[0].split())) for p in processes]
    held, refused, overlaps = (sum(column) for column in zip(*counts))
    assert overlaps == 0 and held > 0 and refused > 0
    assert temp_files(tmp_path) == []
