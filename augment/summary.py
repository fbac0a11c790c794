"""What a set of examples looks like: size, labels, question forms, the «не» shortcut, lengths."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from augment.example import Example
from augment.report import format_table
from augment.text import first_word, has_negation, normalize_text


@dataclass
class Summary:
    """Counts gathered in one pass over examples (see :func:`summarize`)."""

    total: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    first_words: Counter[str] = field(default_factory=Counter)
    negated: Counter[str] = field(default_factory=Counter)
    operations: Counter[str] = field(default_factory=Counter)
    question_chars: int = 0
    passage_chars: int = 0
    longest_passage: int = 0
    repeated_questions: int = 0

    def table(self, top: int = 8) -> str:
        """The summary as a Markdown table."""
        n = max(self.total, 1)
        rows: list[tuple[str, object]] = [
            ("examples", self.total),
            *((f"label {name}", f"{count} ({count / n:.1%})") for name, count in sorted(self.labels.items())),
            ("questions with «не/нет/ни»", f"{sum(self.negated.values())} ({sum(self.negated.values()) / n:.1%})"),
            *((f"  of which label {name}", count) for name, count in sorted(self.negated.items())),
            ("repeated questions", self.repeated_questions),
            ("mean question length (chars)", f"{self.question_chars / n:.1f}"),
            ("mean passage length (chars)", f"{self.passage_chars / n:.1f}"),
            ("longest passage (chars)", self.longest_passage),
            *((f"first word «{word}»", count) for word, count in self.first_words.most_common(top)),
            *((f"operation {op}", count) for op, count in sorted(self.operations.items())),
        ]
        return format_table(("", "value"), rows)


def label_name(label: bool | None) -> str:
    """"yes", "no" or "unknown"."""
    return "unknown" if label is None else ("yes" if label else "no")


def summarize(examples: Iterable[Example]) -> Summary:
    """One pass over ``examples`` collecting a :class:`Summary`."""
    summary = Summary()
    seen: set[str] = set()
    for example in examples:
        summary.total += 1
        name = label_name(example.label)
        summary.labels[name] += 1
        summary.first_words[first_word(example.question)] += 1
        if has_negation(example.question):
            summary.negated[name] += 1
        summary.operations[example.meta.get("operation", "original")] += 1
        summary.question_chars += len(example.question)
        summary.passage_chars += len(example.passage)
        summary.longest_passage = max(summary.longest_passage, len(example.passage))
        key = normalize_text(example.question)
        summary.repeated_questions += key in seen
        seen.add(key)
    return summary
