"""Output safety, in one place: path checks before work starts, one writer per output (a ``filelock`` lock),
atomic replacement that keeps file modes, removal of temp files a killed run left, and signals turned into
clean exits.

Every writer of user outputs goes through here: :func:`atomic_open` (and so ``write_jsonl``) and the JSONL
appender take :func:`output_lock` for their path; the command line checks paths with :func:`check_output` /
:func:`check_input` and holds the lock for the whole run (see ``augment.cli.run_cli``).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from filelock import FileLock

PathLike = str | os.PathLike[str]


class OutputError(ValueError):
    """An output (or input) path that cannot be used; the message is one line naming the path."""


class OutputLocked(OutputError):
    """Another run is writing the same output."""


class Terminated(SystemExit):
    """Raised by the handler of SIGTERM/SIGHUP: unwinds like an exception (temp files are removed) and, when
    nobody catches it, ends the process with 128 + the signal number and no traceback."""

    def __init__(self, signum: int):
        super().__init__(128 + signum)
        self.signum = signum


# -- paths ------------------------------------------------------------------------------------------------


def same_file(a: PathLike, b: PathLike) -> bool:
    """Whether two paths name one file: the same inode when both exist (hard links, symlinks), else the same
    resolved path (relative paths, symlinked folders)."""
    with contextlib.suppress(OSError):
        return os.path.samefile(a, b)
    return os.path.realpath(a) == os.path.realpath(b)


def check_input(path: PathLike) -> Path:
    """An input that exists and is a file, or a folder of shards a scaled run wrote (:func:`augment.read_jsonl`
    reads it as one data set); else a one-line :class:`OutputError` (another folder, an empty path) or
    :class:`FileNotFoundError`."""
    from augment.scale.shards import is_shard_folder

    if not os.fspath(path).strip():
        raise OutputError("the input path is empty")
    source = Path(path)
    if source.is_dir() and not is_shard_folder(source):
        raise OutputError(f"{source} is a folder; give the input file")
    if not source.exists():
        raise FileNotFoundError(f"{source}: no such file")
    return source


def check_output(path: PathLike, inputs: Iterable[PathLike | None] = (), *, folder: bool = False) -> Path:
    """Refuse, in one line, an output that cannot or must not be written, before any work starts.

    Refused: an empty path, a folder where a file is expected (or a file where a folder is), a path under a
    regular file, a read-only parent folder, an output that is one of ``inputs`` (``None`` items are ignored)
    through symlinks, relative paths or hard links, an output folder that holds an input, and an output inside
    an input folder.
    """
    text = os.fspath(path)
    if not text.strip():
        raise OutputError("the output path is empty")
    target = Path(text)
    if not folder and target.is_dir():
        raise OutputError(f"{target} is a folder; give a file path for the output")
    if folder and target.exists() and not target.is_dir():
        raise OutputError(f"{target} is a file; give a folder path for the output")
    parent = target.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise OutputError(f"cannot write {target}: {parent} is a file, not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {target}: the folder {parent} is not writable")
    for source in inputs:
        if source is None or not os.fspath(source).strip():
            continue
        if same_file(target, source):
            raise OutputError(f"the output {target} is also the input {source}; write to another path")
        if folder and inside(source, target):
            raise OutputError(f"the output folder {target} holds the input {source}; write to another folder")
        if os.path.isdir(source) and inside(target, source):
            raise OutputError(f"the output {target} is inside the input folder {source}; write outside it")
    return target


def inside(path: PathLike, folder: PathLike) -> bool:
    """Whether ``path`` lies under ``folder`` (resolved: symlinks, relative paths)."""
    return os.path.realpath(path).startswith(os.path.join(os.path.realpath(folder), ""))


# -- one writer per output --------------------------------------------------------------------------------

_held: dict[str, tuple[FileLock, int]] = {}
_held_guard = threading.Lock()


def lock_path(path: PathLike) -> Path:
    """The lock file of an output: ``.NAME.lock`` beside it."""
    target = Path(path)
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def output_lock(path: PathLike) -> Iterator[Path]:
    """Hold the lock of ``path`` (re-entrant within a process) or raise :class:`OutputLocked` at once.

    The first hold also removes the temp files a killed run left for ``path`` (:func:`remove_stale_temps`):
    every writer holds this lock, so none of them is live.
    """
    from filelock import FileLock, Timeout  # imported on first use: `import augment` stays light

    target = Path(os.path.abspath(path))
    key = str(target)
    _hold_signals()  # a signal between taking the lock and the try below would leave its file behind
    try:
        with _held_guard:
            lock, depth = _held.get(key, (None, 0))
            if lock is None:
                lock = FileLock(str(lock_path(target)), timeout=0)
                try:
                    lock.acquire()
                except Timeout:
                    raise OutputLocked(f"{path} is being written by another run (lock {lock_path(path)}); "
                                       "wait for it to finish or choose another output") from None
                try:
                    remove_stale_temps(target)
                except BaseException:
                    _release(lock)
                    raise
            _held[key] = (lock, depth + 1)
    except BaseException:
        _release_signals()
        raise
    try:
        _release_signals()  # a signal held back is handled here, and the finally below releases the lock
        yield target
    finally:
        with _held_guard:
            lock, depth = _held.pop(key)
            if depth > 1:
                _held[key] = (lock, depth - 1)
            else:
                _release(lock)


def _release(lock: FileLock) -> None:
    # unlinked while held: filelock re-checks a lock file's inode after taking it, so no second holder appears
    try:
        with contextlib.suppress(OSError):
            os.unlink(lock.lock_file)
    finally:
        lock.release()


# -- temp files -------------------------------------------------------------------------------------------

_TEMP_SUFFIX = ".tmp"


def _temp_pattern(target: Path) -> re.Pattern[str]:
    # tempfile.mkstemp's names: the prefix, 8 characters of [a-z0-9_], the suffix
    return re.compile(rf"\.{re.escape(target.name)}\.[a-z0-9_]{{8}}{re.escape(_TEMP_SUFFIX)}")


def remove_stale_temps(path: PathLike) -> list[Path]:
    """Remove the temp files this tool's writers made for ``path`` (``.NAME.xxxxxxxx.tmp`` beside it) and a
    killed run left behind; returns them. Call it only while holding :func:`output_lock`."""
    target = Path(path)
    pattern = _temp_pattern(target)
    removed = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for entry in os.scandir(target.parent):
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def new_file_mode(path: PathLike) -> int:
    """The mode a file written to ``path`` gets: that of the file it replaces, else 0666 less the umask."""
    with contextlib.suppress(FileNotFoundError):
        return stat.S_IMODE(os.stat(path).st_mode)
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_open(path: PathLike, *, lock: bool = True, binary: bool = False) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path`` that replaces it only when the block ends without error.

    An interrupted write leaves the previous file (or none) in place, never a truncated one, and removes its
    temp file (a SIGKILL cannot be caught: the next write to ``path`` removes what it left). The new file keeps
    the mode of the one it replaces, or follows the umask. With ``lock`` (the default) the block holds
    :func:`output_lock`; ``lock=False`` is for a file that belongs to an output whose lock the caller holds (it
    removed the file's stale temp files, :func:`remove_stale_temps`, when it took the lock: not once a write).
    ``binary=True`` gives a bytes handle (e.g. for a figure), else UTF-8 text.
    """
    target = check_output(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with output_lock(target) if lock else contextlib.nullcontext(), _temp_beside(target) as (fd, tmp):
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)


@contextlib.contextmanager
def _temp_beside(target: Path) -> Iterator[tuple[int, str]]:
    _hold_signals()  # a signal between the temp file's creation and the try below would leave it behind
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=_TEMP_SUFFIX)
    except BaseException as error:  # any failure ends the section, else every later signal would be held
        _release_signals()
        if isinstance(error, OSError):  # name the output, not the temp file
            raise OutputError(f"cannot write {target}: {error.strerror}") from None
        raise
    try:
        _release_signals()  # a signal held back is handled here, where the temp file is removed
        os.fchmod(fd, new_file_mode(target))
        yield fd, tmp
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


# -- signals ----------------------------------------------------------------------------------------------


# per thread: how deep it is in sections a signal must not interrupt, and the signal that came meanwhile
_critical = threading.local()


def _hold_signals() -> None:
    """Start a section that the handlers of :func:`signals_as_exceptions` do not interrupt: a signal that comes
    in it is raised when it ends (:func:`_release_signals`)."""
    _critical.depth = getattr(_critical, "depth", 0) + 1


def _release_signals() -> None:
    """End the section :func:`_hold_signals` started; raise the signal that came meanwhile, if any."""
    _critical.depth -= 1
    pending = getattr(_critical, "pending", None)
    if _critical.depth == 0 and pending is not None:
        _critical.pending = None
        raise _signal_error(pending)


def _signal_error(signum: int) -> BaseException:
    return KeyboardInterrupt() if signum == signal.SIGINT else Terminated(signum)


@contextlib.contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`Terminated` and SIGINT KeyboardInterrupt, so
    ``finally`` blocks and :func:`atomic_open` clean up; in the moment a temp or lock file is made, the signal
    is raised once its clean-up is in place. Only the main thread can set handlers; elsewhere the block changes
    nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        for other in caught:  # a second signal must not interrupt the clean-up of the first
            signal.signal(other, signal.SIG_IGN)
        if getattr(_critical, "depth", 0):  # the handler runs in the main thread: its own section
            _critical.pending = signum
            return
        raise _signal_error(signum)

    caught = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {signum: signal.signal(signum, interrupt) for signum in caught}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
