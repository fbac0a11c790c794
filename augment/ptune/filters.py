"""Filters for generated questions, each counting what it kept and why it dropped the rest.

All are :class:`augment.filters.Filter` subclasses, so they compose in a :class:`augment.Pipeline` or run
alone (``select``). A generated question is labeled with the answer word it was asked for; these filters
drop outputs whose form or label cannot be trusted: not a general question, a copied passage sentence, a
repeat, or (with a classifier) a label the classifier does not believe.
"""

from __future__ import annotations

import os
from abc import abstractmethod
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from razdel import sentenize

from augment.example import Example
from augment.filters import DedupeMode, Filter, duplicate_key
from augment.report import format_table
from augment.text import WH_WORDS, normalize_text


class CountingFilter(Filter):
    """A filter that counts its verdicts: ``seen``, ``kept``, ``reasons`` (why it dropped) and
    ``acceptance_rate`` describe everything it has judged so far. Subclasses call :meth:`count`."""

    def __init__(self) -> None:
        self.seen = 0
        self.kept = 0
        self.reasons: Counter[str] = Counter()

    def count(self, reason: str | None) -> bool:
        """Record one verdict; returns whether the example is kept."""
        self.seen += 1
        if reason is None:
            self.kept += 1
        else:
            self.reasons[reason] += 1
        return reason is None

    @property
    def acceptance_rate(self) -> float | None:
        return self.kept / self.seen if self.seen else None


class RuleFilter(CountingFilter):
    """A counting filter that judges one example at a time by a rule that names its reason."""

    @abstractmethod
    def rejection(self, example: Example) -> str | None:
        """Why ``example`` is dropped, or None when it is kept."""

    def accepts(self, example: Example) -> bool:
        return self.count(self.rejection(example))


class BatchFilter(CountingFilter):
    """A counting filter that judges whole batches (``select``); ``accepts`` is a batch of one."""

    def accepts(self, example: Example) -> bool:
        return self.select([example])[0]


def filter_report(filters: Iterable[CountingFilter]) -> str:
    """A table of each filter's acceptance rate and its most common reasons to drop."""
    rows = []
    for f in filters:
        rate = "-" if f.acceptance_rate is None else f"{f.acceptance_rate:.1%}"
        reasons = "; ".join(f"{reason}: {n}" for reason, n in f.reasons.most_common(3))
        rows.append((f.name, f.seen, f.kept, rate, reasons))
    return format_table(("filter", "seen", "kept", "accepted", "dropped because"), rows)


class QuestionFormFilter(RuleFilter):
    """Keeps general (yes/no) questions: one question ending in «?», ``min_words``..``max_words`` words,
    not an alternative («… или …?») and not a wh-question («Когда …?»)."""

    name = "question form"

    def __init__(self, min_words: int = 2, max_words: int = 30):
        super().__init__()
        if not 1 <= min_words <= max_words:
            raise ValueError(f"need 1 <= min_words <= max_words, got {min_words} and {max_words}")
        self.min_words, self.max_words = min_words, max_words

    def rejection(self, example: Example) -> str | None:
        question = example.question.strip()
        words = normalize_text(question).split()
        if not question.endswith("?"):
            return "no question mark at the end"
        if "?" in question[:-1].rstrip("?"):
            return "more than one question"
        if len(words) < self.min_words:
            return "too short"
        if len(words) > self.max_words:
            return "too long"
        if "или" in words:
            return "alternative question («или»)"
        if words[0] in WH_WORDS:
            return "wh-question"
        return None


def _contains(words: Sequence[str], run: Sequence[str]) -> bool:
    width = len(run)
    return any(list(words[i:i + width]) == list(run) for i in range(len(words) - width + 1))


class PassageCopyFilter(RuleFilter):
    """Drops a "question" that is a passage sentence (or most of one) copied word for word.

    Its words, in order and without a gap, must not cover ``min_coverage`` or more of one passage sentence.
    A question made from a sentence by changing it («Киты дышат воздухом» -> «Дышат ли киты воздухом?»)
    is kept.
    """

    name = "passage copy"

    def __init__(self, min_coverage: float = 0.8):
        super().__init__()
        if not 0 < min_coverage <= 1:
            raise ValueError(f"min_coverage must be in (0, 1], got {min_coverage}")
        self.min_coverage = min_coverage

    def rejection(self, example: Example) -> str | None:
        question = normalize_text(example.question).split()
        if not question:
            return "empty question"
        for sentence in sentenize(example.passage):
            words = normalize_text(sentence.text).split()
            if words and len(question) >= self.min_coverage * len(words) and _contains(words, question):
                return "copy of a passage sentence"
        return None


class DuplicateFilter(BatchFilter):
    """Drops copies of training questions and repeats among the outputs.

    A question equal to a training question (after ``mode`` folding, see :func:`augment.filters.duplicate_key`)
    is a memorized copy. Two outputs with the same question and passage are repeats: the first is kept,
    unless they carry different labels, in which case none of those judged together is kept (a question
    cannot be both «да» and «нет»), and a later one with a label other than the kept one's is dropped too.
    """

    name = "duplicates"

    def __init__(self, train_questions: Iterable[str] = (), mode: DedupeMode = "normalized"):
        super().__init__()
        self.mode = mode
        self.train_keys = frozenset(self._question_key(q) for q in train_questions)
        self.kept_labels: dict[bytes, bool | None] = {}

    def _question_key(self, question: str) -> str:
        return normalize_text(question) if self.mode == "normalized" else question.strip()

    def select(self, examples: Sequence[Example]) -> list[bool]:
        keys = [duplicate_key(e, self.mode) for e in examples]
        labels: dict[bytes, set[bool | None]] = defaultdict(set)
        for key, example in zip(keys, examples):
            labels[key].add(example.label)
        verdicts = []
        for key, example in zip(keys, examples):
            reason = None
            if self._question_key(example.question) in self.train_keys:
                reason = "copy of a training question"
            elif len(labels[key]) > 1 or self.kept_labels.get(key, example.label) != example.label:
                reason = "conflicting labels"
            elif key in self.kept_labels:
                reason = "duplicate output"
            else:
                self.kept_labels[key] = example.label
            verdicts.append(self.count(reason))
        return verdicts


def yes_index(id2label: dict[int, str] | None) -> int:
    """Which output of a binary classifier means «yes»: a label named yes/true/да, else index 1 (label 1 =
    True, the DaNetQA convention)."""
    for index, name in (id2label or {}).items():
        if str(name).strip().lower() in ("yes", "true", "да"):
            return int(index)
    return 1


class ConsistencyFilter(BatchFilter):
    """Keeps an example only if a yes/no classifier gives its label a probability >= ``tau``.

    ``model`` is any ``AutoModelForSequenceClassification`` folder or hub id with two outputs (e.g. what
    ``finetune`` trains on DaNetQA), read as (question, passage) pairs in batches. The probability is added
    to ``meta["consistency"]``.
    """

    name = "consistency"

    def __init__(
        self,
        model: str | os.PathLike[str],
        tau: float = 0.5,
        *,
        batch_size: int = 32,
        max_length: int = 512,
        device: str | None = None,
    ):
        super().__init__()
        if not 0 <= tau <= 1:
            raise ValueError(f"tau must be in [0, 1], got {tau}")
        self.model_path = str(model)
        self.tau, self.batch_size, self.max_length, self.device = tau, batch_size, max_length, device
        self._model: Any = None
        self._tokenizer: Any = None

    def _load(self) -> None:
        if self._model is not None:
            return
        from augment.optional import require

        torch = require("torch", "gen")
        transformers = require("transformers", "gen")
        self.device = self.device or ("cuda" if torch.cuda.is_available() else "cpu")
        self._tokenizer = transformers.AutoTokenizer.from_pretrained(self.model_path)
        model = transformers.AutoModelForSequenceClassification.from_pretrained(self.model_path)
        if model.config.num_labels != 2:
            raise ValueError(f"{self.model_path}: expected a yes/no classifier with 2 outputs, "
                             f"got {model.config.num_labels}")
        self._model = model.to(self.device).eval()
        self._yes = yes_index(model.config.id2label)

    def probabilities(self, examples: Sequence[Example]) -> list[float]:
        """The classifier's probability of «yes» for each (question, passage)."""
        import torch

        self._load()
        result: list[float] = []
        for start in range(0, len(examples), self.batch_size):
            batch = examples[start:start + self.batch_size]
            inputs = self._tokenizer([e.question for e in batch], [e.passage for e in batch], padding=True,
                                     truncation="only_second", max_length=self.max_length, return_tensors="pt")
            with torch.no_grad():
                logits = self._model(**inputs.to(self.device)).logits.float()
            result.extend(torch.softmax(logits, dim=-1)[:, self._yes].tolist())
        return result

    def select(self, examples: Sequence[Example]) -> list[bool]:
        labeled = [e for e in examples if e.label is not None]
        p_yes = iter(self.probabilities(labeled) if labeled else [])
        verdicts = []
        for example in examples:
            if example.label is None:
                verdicts.append(self.count("no label"))
                continue
            p = next(p_yes)
            p_label = p if example.label else 1 - p
            example.meta["consistency"] = round(p_label, 6)
            verdicts.append(self.count(None if p_label >= self.tau else f"classifier disagrees (p < {self.tau})"))
        return verdicts
