"""Scoring negation rules against hand-written cases: precision, recall, declines, round trips.

A case file is JSONL with one question per line: ``{"question": ..., "accepted": [...], "kind": ...}``.
``accepted`` lists every correct negation (empty when the rules must decline); ``kind`` names the
construction the case exercises. A produced negation counts as correct only when it is one of the
accepted answers, compared after :func:`canonical` (spacing around punctuation and «ё»/«е» folded).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from augment.rules.generator import Outcome, RuleBasedGenerator
from augment.rules.morphology import without_yo

_SPACES = re.compile(r"\s+")
_BEFORE_PUNCT = re.compile(r"\s+([?!.,;:])")


def canonical(text: str) -> str:
    """``text`` with runs of spaces folded, no space before punctuation and «ё» read as «е»."""
    return without_yo(_BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", text.strip())))


@dataclass(frozen=True)
class Case:
    question: str
    accepted: tuple[str, ...]
    kind: str

    @property
    def should_decline(self) -> bool:
        return not self.accepted


def load_cases(path: str | Path) -> list[Case]:
    """The cases of a JSONL file (see the module docstring)."""
    cases = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                record = json.loads(line)
                if not isinstance(record.get("accepted"), list):
                    raise ValueError(f"{path}:{number}: 'accepted' must be a list")
                cases.append(Case(record["question"], tuple(record["accepted"]), record.get("kind", "")))
    return cases


@dataclass
class CaseResult:
    case: Case
    outcome: Outcome
    round_trip: str | None = None

    @property
    def produced(self) -> bool:
        return self.outcome.negation is not None

    @property
    def correct(self) -> bool:
        return self.produced and canonical(self.outcome.negation) in {canonical(a) for a in self.case.accepted}

    @property
    def round_trip_ok(self) -> bool | None:
        """Whether negating the negation gives back the question's clause (None when nothing was produced)."""
        if not self.produced:
            return None
        original = self.case.question if self.outcome.form == "framed" else self.outcome.reframing
        return self.round_trip is not None and original is not None and \
            canonical(self.round_trip).rstrip("?") == canonical(original).rstrip("?")


@dataclass
class Scores:
    results: list[CaseResult] = field(default_factory=list)

    def _count(self, predicate) -> int:
        return sum(1 for r in self.results if predicate(r))

    @property
    def produced(self) -> int:
        return self._count(lambda r: r.produced)

    @property
    def correct(self) -> int:
        return self._count(lambda r: r.correct)

    @property
    def precision(self) -> float:
        return self.correct / self.produced if self.produced else 0.0

    @property
    def answerable(self) -> int:
        return self._count(lambda r: not r.case.should_decline)

    @property
    def recall(self) -> float:
        return self.correct / self.answerable if self.answerable else 0.0

    @property
    def must_decline(self) -> int:
        return self._count(lambda r: r.case.should_decline)

    @property
    def declined_correctly(self) -> int:
        return self._count(lambda r: r.case.should_decline and not r.produced)

    @property
    def round_trips(self) -> tuple[int, int]:
        """(round trips that give the clause back, negations produced)."""
        return self._count(lambda r: r.round_trip_ok is True), self.produced

    def by_kind(self) -> dict[str, Counter[str]]:
        """Per kind: cases, produced, correct, should-decline and declined-correctly counts."""
        table: dict[str, Counter[str]] = {}
        for r in self.results:
            row = table.setdefault(r.case.kind.split(":")[0], Counter())
            row["cases"] += 1
            row["produced"] += r.produced
            row["correct"] += r.correct
            row["must decline"] += r.case.should_decline
            row["declined ok"] += r.case.should_decline and not r.produced
            row["round trip ok"] += r.round_trip_ok is True
        return table

    def failures(self) -> list[CaseResult]:
        """Produced but not accepted."""
        return [r for r in self.results if r.produced and not r.correct]

    def misses(self) -> dict[tuple[str, str], str]:
        """Every check a case fails, as (question, check) → what happened. ``answer``: the case is not
        answered as the file says (a negation not accepted, a decline of an answerable case, or a negation
        where the rules must decline); ``round_trip``: negating the negation does not give the clause back."""
        found = {}
        for r in self.results:
            if r.case.should_decline and r.produced:
                found[(r.case.question, "answer")] = f"produced {r.outcome.negation!r}, must decline"
            elif not r.case.should_decline and not r.correct:
                found[(r.case.question, "answer")] = f"produced {r.outcome.negation!r}" if r.produced \
                    else f"declined: {r.outcome.reason}"
            if r.round_trip_ok is False:
                found[(r.case.question, "round_trip")] = f"negated back to {r.round_trip!r}"
        return found


def load_known_failures(path: str | Path) -> dict[tuple[str, str], str]:
    """(question, check) → why, from a JSONL file of ``{"question", "check", "reason"}`` lines: the checks
    of :meth:`Scores.misses` that a case is known to fail (``check`` is ``answer`` or ``round_trip``)."""
    known = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                record = json.loads(line)
                if record.get("check") not in ("answer", "round_trip") or not record.get("reason"):
                    raise ValueError(f"{path}:{number}: needs 'check' (answer or round_trip) and a 'reason'")
                known[(record["question"], record["check"])] = record["reason"]
    return known


def score(cases: Iterable[Case], generator: RuleBasedGenerator | None = None) -> Scores:
    """Run ``generator`` (a default one if None) on every case, with the round trip of each negation."""
    generator = generator or RuleBasedGenerator()
    scores = Scores()
    for case in cases:
        outcome = generator.outcome(case.question)
        back = generator.negate(outcome.negation) if outcome.negation is not None else None
        scores.results.append(CaseResult(case, outcome, back))
    return scores
