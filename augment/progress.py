"""Progress bars for long work: on when stderr is a terminal, or as asked; library code and commands share them."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress_enabled(progress: bool | None) -> bool:
    """Whether progress bars show: as asked (``--progress/--no-progress``), else when stderr is a terminal."""
    return sys.stderr.isatty() if progress is None else progress


def progress(items: Iterable[T], enabled: bool | None, desc: str, total: int | None = None) -> Iterable[T]:
    """``items`` wrapped in a tqdm bar unless progress is off (see :func:`progress_enabled`)."""
    from tqdm.auto import tqdm

    return tqdm(items, desc=desc, total=total, unit="ex", disable=not progress_enabled(enabled))


@contextlib.contextmanager
def transformers_bars(progress: bool | None) -> Iterator[None]:
    """Inside the block, transformers' own bars (loading weights) show when progress is on (see
    :func:`progress_enabled`) and only then; the previous setting is restored after."""
    from transformers.utils import logging

    def show(enabled: bool) -> None:
        if enabled != logging.is_progress_bar_enabled():
            (logging.enable_progress_bar if enabled else logging.disable_progress_bar)()

    before = logging.is_progress_bar_enabled()
    show(progress_enabled(progress))
    try:
        yield
    finally:
        show(before)


def quiet_transformers(progress: bool | None) -> None:
    """Hide transformers' own bars (loading and saving weights) when ours are off."""
    if not progress_enabled(progress):
        from transformers.utils import logging

        logging.disable_progress_bar()
