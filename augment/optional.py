"""Clear errors for optional dependencies that live in extras."""

from __future__ import annotations

import importlib
from types import ModuleType

DIST = "danetqa-augment"


def require(module: str, extra: str) -> ModuleType:
    """Import ``module`` or fail with a message that names the extra providing it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(
            f"{module!r} is needed here but is not installed; install the extra {extra!r}: pip install '.[{extra}]' "
            f"in a clone of {DIST}"
        ) from error
