"""RuleBasedGenerator: negated and reframed questions with labels you can trust.

For each input question the generator can emit

- ``negate``: the logical negation in the frame «Правда ли, что …?», same passage, label flipped;
- ``reframe``: the same clause in the same frame without the negation, label kept, so that the frame
  itself says nothing about the label.

With ``balance=True`` it keeps each candidate output with a probability chosen so that, within each
cell of (rule, frame, polarity of the output question), "yes" and "no" come out equally often: the labels are close to
50/50 and so is P(label | the question contains «не»). The probabilities come from label counts over a
whole input (:meth:`RuleBasedGenerator.fit`); the draw for each example comes from its own random
stream (seed, generator name, idx), so the same input set gives the same output in any row order.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from augment.example import Example, LabelEffect, as_examples
from augment.generator import Generator
from augment.passages import DEFAULT_MAX_PASSAGE_CHARS, DEFAULT_PER_SENTENCE
from augment.report import format_table
from augment.rules.balance import LabelBalance, keep_rates, kept, share
from augment.rules.lexicon import DEFAULT_FRAME
from augment.rules.morphology import Morphology, shared_morphology
from augment.rules.negation import negate_clause
from augment.rules.questions import parse_question
from augment.rules.reasons import Decline, DeclineReason

if TYPE_CHECKING:
    from augment.rules.fromtext import FromText, TextFit, TextStats

OPERATIONS = ("negate", "reframe")
OUTCOME_CACHE = 100_000  # questions whose outcome a generator remembers
Cell = tuple[str, bool, bool]  # (rule, the input's own frame kept, output negative)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the rules make of one question.

    ``negation`` and ``reframing`` are the output questions (None when not produced); ``rule`` the rule
    family (the clause's kind); ``form`` how the question was read (li, li_focus, framed, intonation: the
    reader in :data:`~augment.rules.questions.FORMS` that fired); ``negative`` whether the input clause was
    negative; ``flip`` the flip rule that made the negation (:data:`~augment.rules.negation.FLIPS`);
    ``reason`` why the question was declined and ``declined_by`` the rule (function) that declined it.
    """

    question: str
    negation: str | None = None
    reframing: str | None = None
    rule: str | None = None
    form: str | None = None
    negative: bool | None = None
    reason: DeclineReason | None = None
    flip: str | None = None
    declined_by: str | None = None


def negate_question(question: str, frame: str = DEFAULT_FRAME, morph: Morphology | None = None) -> Outcome:
    """The :class:`Outcome` of the rules on ``question`` (never raises on any string; TypeError for a non-string)."""
    if not isinstance(question, str):
        raise TypeError(f"a question must be a string, got {type(question).__name__}")
    morph = morph or shared_morphology()
    try:
        parsed = parse_question(question, morph)
        negation = negate_clause(parsed.clause, morph)
    except Decline as decline:
        return Outcome(question, reason=decline.reason, declined_by=decline.rule)
    reframing = None if parsed.form == "framed" else parsed.text(parsed.clause.tokens, frame)
    return Outcome(question, parsed.text(negation.tokens, frame), reframing, negation.rule, parsed.form,
                   parsed.clause.negative, flip=negation.flip)


@dataclass
class GenerationStats:
    """Counts over everything a generator has seen: outputs per (operation, rule), declines per reason,
    candidates dropped to balance the labels, labels of the outputs (all, and those with «не/нет/ни»)."""

    produced: Counter[tuple[str, str]] = field(default_factory=Counter)
    declined: Counter[str] = field(default_factory=Counter)
    balanced_out: Counter[str] = field(default_factory=Counter)
    balance: LabelBalance = field(default_factory=LabelBalance)
    seen: int = 0

    def tables(self) -> str:
        """Produced per operation and rule, declined per reason, and the label balance, as tables."""
        declined_total = sum(self.declined.values())
        produced = [(op, rule, count) for (op, rule), count in sorted(self.produced.items())]
        declined = [(reason, count) for reason, count in self.declined.most_common()]
        balance = [
            ("inputs", self.seen),
            ("inputs declined", f"{declined_total} ({share(declined_total, self.seen)})"),
            ("outputs", sum(self.balance.labels.values())),
            *((f"outputs dropped to balance ({op})", n) for op, n in sorted(self.balanced_out.items())),
            *self.balance.rows("outputs"),
        ]
        return "\n\n".join([
            format_table(("operation", "rule", "produced"), produced or [("-", "-", 0)]),
            format_table(("declined because", "count"), declined or [("-", 0)]),
            format_table(("labels", "value"), balance),
        ])


class RuleBasedGenerator(Generator):
    """Negates and reframes Russian general questions by morphology-driven rules (see the module doc).

    ``operations``: which outputs to make per input («negate», «reframe»). ``frame``: the words that
    open every output question. ``balance``: keep outputs so that labels are balanced within each
    (rule, frame, polarity) cell; call :meth:`fit` on the whole input first when it arrives in batches
    (``Pipeline``, ``Dataset.map``), otherwise each :meth:`generate` call balances its own input.
    """

    name = "rule_based"
    version = "1"
    # from text (see :meth:`from_text`) the parent is the source sentence, a true statement: a reframing
    # keeps its truth, a negation or a substitution makes it false, a negated substitution true again
    label_effects = {"negate": LabelEffect.FLIP, "reframe": LabelEffect.KEEP, "substitute": LabelEffect.FLIP,
                     "substitute_negate": LabelEffect.KEEP}

    def __init__(self, seed: int = 0, *, operations: Sequence[str] = OPERATIONS, frame: str = DEFAULT_FRAME,
                 balance: bool = False):
        super().__init__(seed)
        if isinstance(operations, str):
            operations = [op.strip() for op in operations.split(",") if op.strip()]
        unknown = sorted(set(operations) - set(OPERATIONS))
        if unknown or not operations:
            raise ValueError(f"operations must be among {', '.join(OPERATIONS)}; got {list(operations)}")
        if not isinstance(frame, str):
            raise TypeError(f"frame must be a string (the words opening a question), got {frame!r}")
        if not frame.strip():
            raise ValueError("frame must not be empty")
        self.operations = tuple(op for op in OPERATIONS if op in operations)
        self.frame = frame.strip()
        self.balance = balance
        self.rates: dict[Cell, dict[bool, float]] | None = None
        self.morph = shared_morphology()
        self.stats = GenerationStats()
        self._outcomes: dict[str, Outcome] = {}
        self._text: FromText | None = None

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["morph"] = None
        state["_outcomes"] = {}
        state["_text"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.morph = shared_morphology()

    # --- single questions --------------------------------------------------------------------------

    def outcome(self, question: str) -> Outcome:
        """Everything the rules make of ``question``: outputs, rule, form, or the decline reason.

        Outcomes are cached per question text (fitting, generating, negate() and reframe() all ask).
        """
        found = self._outcomes.get(question)
        if found is None:
            if len(self._outcomes) >= OUTCOME_CACHE:
                self._outcomes.clear()
            found = self._outcomes[question] = negate_question(question, self.frame, self.morph)
        return found

    def negate(self, question: str) -> str | None:
        """The negation of ``question`` in the frame, or None when no rule applies with confidence."""
        return self.outcome(question).negation

    def reframe(self, question: str) -> str | None:
        """``question`` in the frame with its polarity kept, or None (declined, or already framed)."""
        return self.outcome(question).reframing

    # --- examples ----------------------------------------------------------------------------------

    def candidates(self, example: Example) -> tuple[Outcome, list[tuple[str, str, bool]]]:
        """The outcome for ``example`` and its candidate outputs: (operation, question, output negative)."""
        outcome = self.outcome(example.question)
        found = []
        if outcome.negation is not None:
            if "negate" in self.operations:
                found.append(("negate", outcome.negation, not outcome.negative))
            if "reframe" in self.operations and outcome.reframing is not None:
                found.append(("reframe", outcome.reframing, bool(outcome.negative)))
        return outcome, found

    def fit(self, examples: Iterable[Example]) -> RuleBasedGenerator:
        """Compute the balancing probabilities from the labels of all ``examples`` (returns self).

        In each cell (rule, input frame kept or not, output polarity), outputs of the rarer label are all
        kept and those of the commoner label with probability rarer/commoner. The cells are what a
        question-only classifier can see, so none of them tells the label.
        """
        self.rates = self._fit_rates(examples)
        return self

    def label_counts(self, examples: Iterable[Example]) -> dict[Cell, Counter[bool]]:
        """The output labels per balancing cell that :meth:`fit` counts; counts of shards of one input merge
        with :func:`~augment.rules.balance.merge_label_counts`, and :meth:`use_label_counts` applies them."""
        counts: dict[Cell, Counter[bool]] = {}
        for example in examples:
            outcome, found = self.candidates(example)
            for operation, _, negative in found:
                label = self.label_effects[operation].apply(example.label)
                if label is not None:
                    counts.setdefault(_cell(outcome, negative), Counter())[label] += 1
        return counts

    def use_label_counts(self, counts: dict[Cell, Counter[bool]]) -> RuleBasedGenerator:
        """Balance with the probabilities from ``counts`` (see :meth:`label_counts`); returns self."""
        self.rates = keep_rates(counts)
        return self

    def _fit_rates(self, examples: Iterable[Example]) -> dict[Cell, dict[bool, float]]:
        return keep_rates(self.label_counts(examples))

    def generate(self, examples: Iterable[Example]) -> Iterator[Example]:
        examples = as_examples(examples)  # rows of a datasets.Dataset (dicts) too
        rates = self.rates
        if self.balance and rates is None:
            warnings.warn("RuleBasedGenerator(balance=True) without fit(): balancing over this call's input "
                          "only; call fit() on the whole input when it comes in batches", stacklevel=2)
            examples = list(examples)
            rates = self._fit_rates(examples)
        for example in examples:
            yield from self._generate_one(example, rates)

    def _generate_one(self, example: Example, rates: dict[Cell, dict[bool, float]] | None) -> Iterator[Example]:
        stats = self.stats
        stats.seen += 1
        outcome, found = self.candidates(example)
        if outcome.reason is not None:
            stats.declined[outcome.reason] += 1
            return
        rng = self.rng(example)
        draws = {op: rng.random() for op in OPERATIONS}  # drawn for every operation: same stream whatever is asked
        for operation, question, negative in found:
            label = self.label_effects[operation].apply(example.label)
            if self.balance and rates is not None and label is not None \
                    and not kept(rates, _cell(outcome, negative), label, draws[operation]):
                stats.balanced_out[operation] += 1
                continue
            stats.produced[(operation, outcome.rule or "")] += 1
            stats.balance.add(label, question)
            flip = {"flip": outcome.flip} if operation == "negate" else {}
            yield self.derive(example, operation, question=question, rule=outcome.rule, form=outcome.form,
                              polarity="negative" if negative else "affirmative", **flip)


    # --- raw text -----------------------------------------------------------------------------------

    def fit_text(self, passages: Iterable[str | Example], *, passage: str = "paragraph",
                 per_sentence: int = DEFAULT_PER_SENTENCE, balance: bool = True,
                 max_passage_chars: int = DEFAULT_MAX_PASSAGE_CHARS) -> RuleBasedGenerator:
        """Read every passage once: the pool of substitutes (values of each type in the corpus) and the
        balancing probabilities for :meth:`from_text` with the same settings (returns self)."""
        run = self._text_run(passage, per_sentence, balance, max_passage_chars)
        self._text = run.use(run.count(text for text, _ in _passages(passages)))  # its analyses are kept for generating
        return self

    def text_fit(self, passages: Iterable[str | Example], *, passage: str = "paragraph",
                 per_sentence: int = DEFAULT_PER_SENTENCE, balance: bool = True,
                 max_passage_chars: int = DEFAULT_MAX_PASSAGE_CHARS) -> TextFit:
        """What :meth:`fit_text` learns from ``passages``, without using it: fits of shards of a corpus merge
        (``TextFit.merge``) into the corpus's fit, which :meth:`use_text_fit` then applies."""
        run = self._text_run(passage, per_sentence, balance, max_passage_chars)
        return run.count(text for text, _ in _passages(passages))

    def use_text_fit(self, fit: TextFit, *, passage: str = "paragraph", per_sentence: int = DEFAULT_PER_SENTENCE,
                     balance: bool = True, max_passage_chars: int = DEFAULT_MAX_PASSAGE_CHARS) -> RuleBasedGenerator:
        """Make :meth:`from_text` with these settings use ``fit`` (from :meth:`text_fit`); returns self."""
        self._text = self._text_run(passage, per_sentence, balance, max_passage_chars).use(fit)
        return self

    def from_text(self, passages: Iterable[str | Example], *, passage: str = "paragraph",
                  per_sentence: int = DEFAULT_PER_SENTENCE, balance: bool = True,
                  max_passage_chars: int = DEFAULT_MAX_PASSAGE_CHARS) -> Iterator[Example]:
        """Labeled yes/no questions from raw text (strings, or examples whose ``passage`` is read).

        Each kept sentence gives true questions (``reframe``) and false ones (``negate``, ``substitute``) in
        the forms «<predicate> ли …?» and «<frame> …?»; ``passage`` chooses what each question is paired
        with (the ``sentence``, a ``window`` of its neighbours, or its ``paragraph``, cut to whole sentences
        around the question's when longer than ``max_passage_chars``, counted in the stats); ``per_sentence``
        caps the questions per sentence; ``balance`` equalizes labels within each (form, «не», rule) cell.
        The pool of substitutes and the balance come from :meth:`fit_text` with the same settings, or,
        when it was not called, from a first pass over ``passages``. Counts: :attr:`text_stats`.
        """
        settings = (passage, per_sentence, balance, max_passage_chars)
        if self._text is None or self._text.settings() != settings:
            passages = list(passages)
            self._text_run(*settings)  # validates the settings before reading anything
            self.fit_text(passages, passage=passage, per_sentence=per_sentence, balance=balance,
                          max_passage_chars=max_passage_chars)
        assert self._text is not None
        yield from self._text.generate(_passages(passages))

    def _text_run(self, passage: str, per_sentence: int, balance: bool, max_passage_chars: int) -> FromText:
        """A :class:`FromText` run with this generator's morphology, frame, seed, name and provenance."""
        from augment.rules.fromtext import FromText

        return FromText(self.morph, self.frame, self.seed, self.name, self.derive, passage, per_sentence, balance,
                        max_passage_chars)

    @property
    def text_stats(self) -> TextStats:
        """Counts of :meth:`from_text` since the last :meth:`fit_text`: sentences seen and kept, declines
        by reason, options and outputs per operation, label balance (``.tables()`` prints them)."""
        from augment.rules.fromtext import TextStats

        return self._text.stats if self._text is not None else TextStats()


def _passages(passages: Iterable[str | Example]) -> Iterator[tuple[str, object]]:
    """(text, id) of each passage: an example's passage and idx, or a string and its position."""
    for position, item in enumerate(passages):
        if isinstance(item, Example):
            yield item.passage, position if item.idx is None else item.idx
        elif isinstance(item, str):
            yield item, position
        else:
            raise TypeError(f"passages must be strings or Examples, got {type(item).__name__}")


def _cell(outcome: Outcome, negative: bool) -> Cell:
    return (outcome.rule or "", outcome.form == "framed", negative)

