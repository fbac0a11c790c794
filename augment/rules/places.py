"""Place names whose type is certain, for substitutions that must stay false: cities and countries.

Only one-word names that pymorphy3 knows as places (Geox) and that are neither contained in another
listed name nor ambiguous are listed («Англия» is in «Великобритания», «Львов» reads as «львов»).
Names of the same place (Петербург, Ленинград) form one class: one never replaces another.
"""

from __future__ import annotations

from augment.rules.lexicon import (
    CITIES,
    COUNTRIES,
    SAME_PLACE,
)

_CANONICAL = {name: group[0] for group in SAME_PLACE for name in group}


def place_type(lemma: str) -> str | None:
    """«city» or «country» for a listed name (a pymorphy3 normal form), None otherwise."""
    if lemma in CITIES:
        return "city"
    if lemma in COUNTRIES:
        return "country"
    return None


def same_place(a: str, b: str) -> bool:
    """Whether two listed names name the same place (Петербург and Ленинград do)."""
    return _CANONICAL.get(a, a) == _CANONICAL.get(b, b)
