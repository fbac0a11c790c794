"""Counts an audit reports beside the probes: labels per provenance cell, duplicates, leaks into evaluation."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from augment.audit import probe
from augment.audit.cues import z_score
from augment.example import Example
from augment.summary import label_name
from augment.text import normalize_text

# the provenance fields of ``meta`` whose values make the cells (generators write them; originals have none)
PROVENANCE = ("generator", "operation", "rule", "form")
NEAR = 0.9  # cosine of character n-gram TF-IDF vectors above which two questions are near-duplicates
SHOWN = 10  # examples listed per finding


def label_counts(examples: Sequence[Example]) -> dict[str, int]:
    """Examples per label: "yes", "no" (and "unknown" when some have none)."""
    counts = Counter(label_name(e.label) for e in examples)
    return {"yes": counts["yes"], "no": counts["no"], **({"unknown": counts["unknown"]} if counts["unknown"] else {})}


@dataclass(frozen=True)
class Cell:
    """The labels of one provenance cell: the values of the ``PROVENANCE`` fields its examples share."""

    cell: dict[str, str]
    yes: int
    no: int
    rate: float
    z: float


def label_cells(examples: Sequence[Example]) -> list[Cell]:
    """Labels per provenance cell (only the fields ``meta`` has), those farthest from the base rate first.

    Examples without any provenance field form the cell {"operation": "original"}.
    """
    counts: dict[tuple[tuple[str, str], ...], Counter[bool]] = defaultdict(Counter)
    for example in examples:
        if example.label is None:
            continue
        key = tuple((name, str(example.meta[name])) for name in PROVENANCE if name in example.meta)
        counts[key or (("operation", "original"),)][example.label] += 1
    total = sum(sum(c.values()) for c in counts.values())
    base = sum(c[True] for c in counts.values()) / total if total else 0.0
    cells = []
    for key, counter in counts.items():
        n = counter[True] + counter[False]
        cells.append(Cell(dict(key), counter[True], counter[False], round(counter[True] / n, 4),
                          round(z_score(counter[True], n, base), 3)))
    return sorted(cells, key=lambda c: (-abs(c.z), sorted(c.cell.items())))


def _listed(groups: dict[str, list[Example]]) -> list[dict[str, object]]:
    rows = [{"text": examples[0].question, "count": len(examples), "idx": [e.idx for e in examples]}
            for examples in groups.values()]
    return sorted(rows, key=lambda r: (-r["count"], r["text"]))[:SHOWN]


@dataclass
class Duplicates:
    """Repeated questions (exactly and once normalized) and (question, passage) pairs with both labels."""

    exact: int = 0
    normalized: int = 0
    conflicting: int = 0
    examples: dict[str, list[dict[str, object]]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def duplicates(examples: Sequence[Example]) -> Duplicates:
    """Questions that repeat an earlier one (``exact``, ``normalized``) and normalized (question, passage)
    pairs that carry both labels (``conflicting``, counted once per pair)."""
    exact: dict[str, list[Example]] = defaultdict(list)
    normalized: dict[str, list[Example]] = defaultdict(list)
    pairs: dict[tuple[str, str], list[Example]] = defaultdict(list)
    for example in examples:
        exact[example.question].append(example)
        key = normalize_text(example.question)
        normalized[key].append(example)
        pairs[key, normalize_text(example.passage)].append(example)
    conflicting = {key[0]: group for key, group in pairs.items()
                   if {e.label for e in group} >= {True, False}}
    return Duplicates(
        exact=sum(len(g) - 1 for g in exact.values()),
        normalized=sum(len(g) - 1 for g in normalized.values()),
        conflicting=len(conflicting),
        examples={"normalized": _listed({k: g for k, g in normalized.items() if len(g) > 1}),
                  "conflicting": _listed(conflicting)},
    )


@dataclass
class Leak:
    """What one evaluation file shares with the data: questions, passages and (question, passage) pairs."""

    name: str
    n: int
    questions: int
    passages: int
    pairs: int
    examples: list[dict[str, object]]

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def leaks(examples: Sequence[Example], evaluation: Sequence[Example], name: str) -> Leak:
    """The evaluation examples whose normalized question, passage or both also occur in ``examples``."""
    questions = {normalize_text(e.question) for e in examples}
    passages = {normalize_text(e.passage) for e in examples}
    pairs = {(normalize_text(e.question), normalize_text(e.passage)) for e in examples}
    shared_q = shared_p = shared_pair = 0
    shown = []
    for example in evaluation:
        question, passage = normalize_text(example.question), normalize_text(example.passage)
        in_q, in_p = question in questions, passage in passages
        shared_q += in_q
        shared_p += in_p
        shared_pair += (question, passage) in pairs
        if (in_q or in_p) and len(shown) < SHOWN:
            shown.append({"idx": example.idx, "question": example.question,
                          "shares": "question and passage" if in_q and in_p else "question" if in_q else "passage"})
    return Leak(name, len(evaluation), shared_q, shared_p, shared_pair, shown)


def near_duplicates(examples: Sequence[Example], reference: Sequence[Example], *,
                    threshold: float = NEAR) -> list[dict[str, object]]:
    """Questions of ``examples`` whose closest ``reference`` question has a cosine of ``threshold`` or more
    (character 1–4-gram TF-IDF, fitted on the reference), closest first."""
    if not examples or not reference:
        return []
    feature_extraction = probe.require("sklearn.feature_extraction.text", probe.EXTRA)
    reference_matrix = probe.question_features([e.question for e in reference])
    tfidf = feature_extraction.TfidfTransformer().fit(reference_matrix)
    known = tfidf.transform(reference_matrix).T.tocsr()
    found = []
    chunk = 500  # rows of the dense similarity block at a time
    for start in range(0, len(examples), chunk):
        part = examples[start:start + chunk]
        similarity = (tfidf.transform(probe.question_features([e.question for e in part])) @ known).toarray()
        best = similarity.argmax(axis=1)
        for offset, (example, column) in enumerate(zip(part, best)):
            score = float(similarity[offset, column])
            if score >= threshold:
                found.append({"idx": example.idx, "question": example.question, "reference_idx": reference[column].idx,
                              "reference": reference[column].question, "cosine": round(score, 4)})
    return sorted(found, key=lambda r: (-r["cosine"], str(r["idx"])))
