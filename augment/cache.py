"""The library's cache folder (downloads, tiny models)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """``$AUGMENT_CACHE`` if set, else ``$XDG_CACHE_HOME/danetqa-augment`` (``~/.cache`` by default)."""
    if os.environ.get("AUGMENT_CACHE"):
        return Path(os.environ["AUGMENT_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "danetqa-augment"
