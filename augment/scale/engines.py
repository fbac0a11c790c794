"""Where chunks run: in this process, in a pool of local processes, or on a Dask cluster.

Every engine maps ``function(shared, chunk)`` over ``(index, chunk)`` pairs and yields ``(index, result)`` as
results arrive (in any order), keeping at most a few chunks per worker in flight so that memory stays flat.
``shared`` is the job (and the merged fit).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any

from augment.optional import require

Task = tuple[int, Any]
IN_FLIGHT_PER_WORKER = 2
PARENT_CHECK_SECONDS = 0.2  # how often a pool worker looks whether its parent is still alive


class Engine:
    """Runs chunks one after the other in this process."""

    workers = 1

    def map(self, function: Callable[[Any, Any], Any], shared: Any, tasks: Iterable[Task]) -> Iterator[Task]:
        for index, chunk in tasks:
            yield index, function(shared, chunk)

    def close(self) -> None:
        """Release the workers."""


class ProcessEngine(Engine):
    """Runs chunks in ``workers`` local processes, one pool for every pass; ``shared`` travels with each chunk.

    Workers are forked where the system can (they start at once, sharing the loaded dictionaries, and a
    script needs no ``if __name__ == "__main__"`` guard), else spawned."""

    def __init__(self, workers: int):
        self.workers = workers
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                                         initializer=_leave_signals_to_the_parent)

    def map(self, function: Callable[[Any, Any], Any], shared: Any, tasks: Iterable[Task]) -> Iterator[Task]:
        pending: dict[Any, int] = {}
        tasks = iter(tasks)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < self.workers * IN_FLIGHT_PER_WORKER:
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                else:
                    pending[self._pool.submit(function, shared, task[1])] = task[0]
            if pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=pending.__getitem__):
                    yield pending.pop(future), future.result()

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


def _leave_signals_to_the_parent() -> None:
    """In a worker: Ctrl-C (sent to the whole process group) is the parent's to handle (it cancels the work and
    cleans up), SIGTERM ends the worker at once (no handler inherited from the parent), and the worker ends
    when its parent is gone (a SIGKILL of the parent would otherwise leave it waiting for work forever)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True, name="parent-watch").start()


def _exit_with_parent(parent: int) -> None:
    """End this process as soon as it is no longer the child of ``parent``."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


class DaskEngine(Engine):
    """Runs chunks on a dask.distributed cluster: the scheduler at ``address``, or else a local cluster of
    ``workers`` single-threaded worker processes. A task lost with a worker is run again elsewhere."""

    def __init__(self, workers: int, address: str | None = None):
        distributed = require("distributed", "scale")
        if address:
            self.client = distributed.Client(address)
            self._cluster = None
        else:
            self._cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                     dashboard_address=":0")
            self.client = distributed.Client(self._cluster)
        self.workers = max(len(self.client.scheduler_info()["workers"]), 1)

    def map(self, function: Callable[[Any, Any], Any], shared: Any, tasks: Iterable[Task]) -> Iterator[Task]:
        distributed = require("distributed", "scale")
        [shared_future] = self.client.scatter([shared], broadcast=True, hash=False)
        completed = distributed.as_completed()
        pending: dict[str, int] = {}
        tasks = iter(tasks)

        def submit() -> bool:
            task = next(tasks, None)
            if task is None:
                return False
            future = self.client.submit(function, shared_future, task[1], pure=False, retries=2)
            pending[future.key] = task[0]
            completed.add(future)
            return True

        for _ in range(self.workers * IN_FLIGHT_PER_WORKER):
            if not submit():
                break
        for future in completed:
            yield pending.pop(future.key), future.result()
            future.release()
            submit()
        shared_future.release()

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(engine: str, workers: int, scheduler: str | None = None) -> Engine:
    """The engine for ``--engine`` (``local`` or ``dask``), ``--num-proc`` and ``--scheduler``."""
    if workers < 1:
        raise ValueError(f"--num-proc must be >= 1, got {workers}")
    if engine == "dask":
        return DaskEngine(workers, scheduler)
    if scheduler:
        raise ValueError("--scheduler needs --engine dask")
    return ProcessEngine(workers) if workers > 1 else Engine()
