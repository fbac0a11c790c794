"""Yes/no questions from raw text, labeled by construction, in frames that do not tell the label.

Every kept sentence is a true statement about its passage. From it come

- ``reframe`` (yes): the statement as a question, «Является ли кит млекопитающим?» (``li``: the predicate
  first with «ли») or «Правда ли, что кит является млекопитающим?» (``framed``);
- ``negate`` (no): the statement with its polarity flipped, «Правда ли, что кит не является
  млекопитающим?»; a negative statement is affirmed instead, in either form («Кит не является рыбой» →
  «Является ли кит рыбой?»). «Не является ли …» is a rhetorical form, so a negation never opens with «не»;
- ``substitute`` (no): a year, day, city, country or measured number replaced by another of its type
  (:mod:`augment.rules.substitution`), in either form, with no «не»;
- ``substitute_negate`` (yes): that false statement negated, «Правда ли, что Пушкин не родился в
  Казани?», true because the relation allows one value only; framed only.

Each sentence offers these as options; up to ``per_sentence`` are chosen, pairs first (a yes and a no in
the same form from the same sentence, which differ only in the substituted value). Then, within each
cell (form, whether the question has «не/нет/ни», the clause's rule, paired or not), the commoner label is
kept with probability rarer/commoner, so that no cell, and hence neither the frame nor «не», tells the
label. The probabilities and the pool of substitutes come from a first pass over the whole input
(:meth:`FromText.fit`); each draw comes from the sentence's own random stream (seed, the passage text,
the sentence's offset), so the same input gives the same output in any row order.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from augment.example import Example
from augment.passages import DEFAULT_MAX_PASSAGE_CHARS, DEFAULT_PER_SENTENCE, capped_span
from augment.report import format_table
from augment.rules.balance import LabelBalance, keep_rates, kept, merge_label_counts, share
from augment.rules.morphology import Morphology
from augment.rules.negation import analyze, negate_clause
from augment.rules.reasons import Decline, DeclineReason
from augment.rules.sentences import PASSAGE_MODES, Sentence, has_context_before, passage_bounds, screen, split_text
from augment.rules.statements import (
    LI_KINDS,
    Statement,
    affirmation_block,
    capitalized_lemmas,
    framed_question,
    li_question,
    negation_block,
    read_statement,
)
from augment.rules.substitution import SourceFacts, Substitution, Value, ValuePool, find_slots, find_values, substitute
from augment.rules.tokens import Token, tokenize
from augment.text import has_negation

FORMS = ("li", "framed")
TEXT_OPERATIONS = ("reframe", "negate", "substitute", "substitute_negate")
SUBSTITUTIONS = ("substitute", "substitute_negate")
ANALYSIS_CACHE = 20_000  # passages whose analysis a run keeps between its fitting and generating passes
Cell = tuple[str, bool, str, bool]  # (form, question has «не/нет/ни», rule, paired)


@dataclass(frozen=True, slots=True)
class Option:
    """One question a sentence can give: operation, form, label, rule, whether it has «не/нет/ни», its
    text (None for a substitution until the substitute is chosen) and the flip rule of a negation."""

    operation: str
    form: str
    label: bool
    rule: str
    negative: bool
    question: str | None = None
    flip: str | None = None

    def key(self) -> tuple[str, bool, str]:
        return self.form, self.negative, self.rule


@dataclass(frozen=True, slots=True)
class SentenceReading:
    """What the rules make of one sentence: why it was declined, or its statement, options and slots."""

    sentence: Sentence
    reason: str | None = None
    statement: Statement | None = None
    options: tuple[Option, ...] = ()
    slots: tuple[Value, ...] = ()
    declined_operations: tuple[str, ...] = ()  # «negate: …», «substitute: …»
    values: tuple[Value, ...] = ()  # every value found, for the pool of substitutes


@dataclass(frozen=True, slots=True)
class PassageReading:
    text: str
    digest: str
    paragraphs: list[list[Sentence]]
    sentences: tuple[SentenceReading, ...]
    values: tuple[Value, ...]
    facts: SourceFacts


@dataclass
class TextFit:
    """What the fitting pass learns from a corpus: label counts per cell and the pool of substitutes."""

    counts: dict[Cell, Counter[bool]] = field(default_factory=dict)
    pool: ValuePool = field(default_factory=ValuePool)

    def merge(self, other: TextFit) -> TextFit:
        """The fit of both inputs (exact for disjoint shards of one corpus; neither operand changes)."""
        pool = ValuePool()
        pool.update(self.pool)
        pool.update(other.pool)
        return TextFit(merge_label_counts(self.counts, other.counts), pool)


class TextStats:
    """Counts of one run: passages, sentences seen and kept, declines by reason, options, outputs."""

    def __init__(self) -> None:
        self.passages = 0
        self.duplicates = 0
        self.cut = 0
        self.sentences = 0
        self.kept = 0
        self.declined: Counter[str] = Counter()
        self.declined_operations: Counter[str] = Counter()
        self.options: Counter[tuple[str, str]] = Counter()
        self.produced: Counter[tuple[str, str]] = Counter()
        self.balanced_out: Counter[str] = Counter()
        self.balance = LabelBalance()
        self.sources: Counter[str] = Counter()

    def tables(self) -> str:
        """Yield, declines by reason, and the label balance, as tables."""
        overview = [
            ("passages", self.passages), ("duplicate passages skipped", self.duplicates),
            ("sentences seen", self.sentences),
            ("sentences kept", f"{self.kept} ({share(self.kept, self.sentences)})"),
            ("passages cut to --max-passage-chars", self.cut),
            ("questions", sum(self.balance.labels.values())),
            *self.balance.rows("questions"),
            *((f"substitutes from {source}", n) for source, n in sorted(self.sources.items())),
        ]
        operations = [(op, form, self.options[(op, form)], self.produced[(op, form)])
                      for op in TEXT_OPERATIONS for form in FORMS if self.options[(op, form)]]
        return "\n\n".join([
            format_table(("run", "value"), overview),
            format_table(("operation", "form", "options", "produced"), operations or [("-", "-", 0, 0)]),
            format_table(("sentence declined because", "count"), self.declined.most_common() or [("-", 0)]),
            format_table(("operation declined because", "count"), self.declined_operations.most_common()
                         or [("-", 0)]),
            format_table(("dropped to balance", "count"), sorted(self.balanced_out.items()) or [("-", 0)]),
        ])


class FromText:
    """One configuration of question generation from text (see the module docstring).

    ``passage``: the passage each question is paired with (``sentence``, ``window`` or ``paragraph``);
    ``per_sentence``: how many questions one sentence may give at most; ``balance``: drop outputs so that
    labels are equal within each cell; ``max_passage_chars``: a longer passage is cut to whole sentences
    around the question's (:func:`augment.passages.capped_span`), counted in ``stats.cut``.
    """

    def __init__(self, morph: Morphology, frame: str, seed: int, name: str, derive: Callable[..., Example],
                 passage: str = "paragraph", per_sentence: int = DEFAULT_PER_SENTENCE, balance: bool = True,
                 max_passage_chars: int = DEFAULT_MAX_PASSAGE_CHARS):
        if passage not in PASSAGE_MODES:
            raise ValueError(f"passage must be one of {', '.join(PASSAGE_MODES)}; got {passage!r}")
        if per_sentence < 1:
            raise ValueError(f"per_sentence must be >= 1, got {per_sentence}")
        if max_passage_chars < 1:
            raise ValueError(f"max_passage_chars must be >= 1, got {max_passage_chars}")
        self.morph = morph
        self.frame = frame
        self.seed = seed
        self.name = name
        self.derive = derive
        self.mode = passage
        self.per_sentence = per_sentence
        self.balance = balance
        self.max_passage_chars = max_passage_chars
        self.pool = ValuePool()
        self.rates: dict[Cell, dict[bool, float]] = {}
        self.fitted = False
        self.stats = TextStats()
        self._readings: dict[str, PassageReading] = {}

    def settings(self) -> tuple[str, int, bool, int]:
        return self.mode, self.per_sentence, self.balance, self.max_passage_chars

    # --- reading --------------------------------------------------------------------------------------

    def read(self, text: str) -> PassageReading:
        """The analysis of one passage (cached between the fitting and generating passes)."""
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()
        found = self._readings.get(digest)
        if found is None:
            found = self._read(text, digest)
            if len(self._readings) >= ANALYSIS_CACHE:
                self._readings.clear()
            self._readings[digest] = found
        return found

    def _read(self, text: str, digest: str) -> PassageReading:
        morph = self.morph
        paragraphs = split_text(text)
        facts = SourceFacts(text)
        names = capitalized_lemmas(text, morph)
        sentences = []
        values: list[Value] = []
        for paragraph in paragraphs:
            for sentence in paragraph:
                reason = screen(sentence.text)
                if reason is not None:  # (its values stay out of the pool: too long, a list, …)
                    sentences.append(SentenceReading(sentence, reason))
                    continue
                reading = self._read_sentence(sentence, tokenize(sentence.text), facts, names)
                values.extend(reading.values)
                sentences.append(reading)
        return PassageReading(text, digest, paragraphs, tuple(sentences), tuple(values), facts)

    def _read_sentence(self, sentence: Sentence, tokens: list[Token], facts: SourceFacts,
                       names: frozenset[str]) -> SentenceReading:
        """The statement of ``sentence`` and its options: reframings, negations, then substitutions of
        each of them; an operation that cannot apply is named, with its reason, in ``declined_operations``."""
        morph = self.morph
        try:
            statement = read_statement(tokens, morph, context=has_context_before(sentence, self.mode), names=names)
        except Decline as decline:
            return SentenceReading(sentence, decline.reason, values=tuple(find_values(tokens, morph)))
        values = tuple(find_values(statement.tokens, morph))
        declined: list[str] = []
        options = [*self._reframings(statement), *self._negations(statement, declined)]
        slots = self._slots(statement, facts, values, declined)
        if slots:
            for option in list(options):
                if option.operation == "reframe":
                    options.append(Option("substitute", option.form, False, option.rule, option.negative))
                if option.operation == "negate":  # «не родился в Казани»: true again
                    options.append(Option("substitute_negate", option.form, True, option.rule, option.negative,
                                          flip=option.flip))
        return SentenceReading(sentence, None, statement, tuple(options), tuple(slots), tuple(declined), values)

    def _reframings(self, statement: Statement) -> list[Option]:
        """The statement as a yes question: framed, and in the «ли» form when it has one."""
        clause, tokens, rule = statement.clause, statement.tokens, statement.clause.kind
        framed = framed_question(tokens, self.frame, statement.opens_dependent)
        options = [Option("reframe", "framed", True, rule, has_negation(framed), framed)]
        li = li_question(tokens, clause.pred, self.morph) if clause.kind in LI_KINDS and not clause.negative else None
        if li is not None:
            options.append(Option("reframe", "li", True, rule, has_negation(li), li))
        return options

    def _negations(self, statement: Statement, declined: list[str]) -> list[Option]:
        """The statement with its polarity flipped, framed (and in the «ли» form when a negative statement
        is affirmed), or why not (appended to ``declined``)."""
        clause, rule = statement.clause, statement.clause.kind
        if statement.negation_block is not None:
            declined.append(f"negate: {statement.negation_block}")
            return []
        if clause.negative and clause.negation and statement.syntax.words[clause.negation - 1].pos == "ADVB":
            # «очень долго не могла» → «очень долго могла»: the adverb was about the negation
            declined.append(f"negate: {DeclineReason.ADVERB_BEFORE_NE}")
            return []
        if clause.phrase is not None and statement.syntax.in_pp[clause.phrase.head]:
            # «во время написания этих произведений такого адреса не существовало»: the genitive chain
            # after a preposition hides which phrase is the existent
            declined.append(f"negate: {DeclineReason.EXISTENT_IN_PREPOSITIONAL_PHRASE}")
            return []
        blocked = affirmation_block(statement) if clause.negative else negation_block(statement)
        if blocked is not None:
            declined.append(f"negate: {blocked}")
            return []
        try:
            negation = negate_clause(clause, self.morph)
        except Decline as decline:
            declined.append(f"negate: {decline.reason}")
            return []
        question = framed_question(negation.tokens, self.frame, statement.opens_dependent)
        options = [Option("negate", "framed", False, rule, has_negation(question), question, negation.flip)]
        if clause.negative and clause.kind in LI_KINDS:
            pred = clause.pred - (clause.negation is not None and clause.negation < clause.pred)
            li_negated = li_question(negation.tokens, pred, self.morph)
            if li_negated is not None and not has_negation(li_negated):
                options.append(Option("negate", "li", False, rule, False, li_negated, negation.flip))
        return options

    def _slots(self, statement: Statement, facts: SourceFacts, values: tuple[Value, ...],
               declined: list[str]) -> list[Value]:
        """The values a substitution may replace, or none and why (appended to ``declined``)."""
        if statement.clause.negative:
            declined.append(f"substitute: {DeclineReason.NEGATIVE_STATEMENT}")
            return []
        if statement.negation_block is not None:
            declined.append(f"substitute: {statement.negation_block}")
            return []
        slots, reason = find_slots(statement, facts, self.morph, list(values))
        if reason is not None:
            declined.append(f"substitute: {reason}")
        return slots

    # --- choosing -------------------------------------------------------------------------------------

    def _rng(self, reading: PassageReading, sentence: Sentence) -> random.Random:
        from augment.seeding import derive_rng

        return derive_rng(self.seed, self.name, "text", reading.digest, sentence.start)

    def choose(self, options: tuple[Option, ...], rng: random.Random) -> list[tuple[Option, bool]]:
        """Up to ``per_sentence`` options, pairs (a yes and a no with the same form, «не» and rule) first;
        each with whether its pair was chosen with it."""
        yes = [o for o in options if o.label]
        no = [o for o in options if not o.label]
        pairs = [(a, b) for a in yes for b in no if a.key() == b.key()]
        rng.shuffle(pairs)
        chosen: list[tuple[Option, bool]] = []
        used: set[Option] = set()
        for a, b in pairs:
            if len(chosen) + 2 <= self.per_sentence and a not in used and b not in used:
                chosen += [(a, True), (b, True)]
                used |= {a, b}
        singles = [o for o in options if o not in used]
        rng.shuffle(singles)
        for option in singles[:max(self.per_sentence - len(chosen), 0)]:
            chosen.append((option, False))
        return chosen

    # --- fitting and generating -----------------------------------------------------------------------

    def fit(self, passages: Iterable[str]) -> FromText:
        """Collect the corpus's values (the substitutes' pool) and the balancing probabilities."""
        return self.use(self.count(passages))

    def count(self, passages: Iterable[str]) -> TextFit:
        """The fit statistics of ``passages`` (repeated texts once); fits of shards merge (:meth:`TextFit.merge`)."""
        fit = TextFit()
        seen: set[str] = set()
        for text in passages:
            reading = self.read(text)
            if reading.digest in seen:
                continue
            seen.add(reading.digest)
            for value in reading.values:
                fit.pool.add(value)
            for sentence in reading.sentences:
                if sentence.statement is None:
                    continue
                for option, paired in self.choose(sentence.options, self._rng(reading, sentence.sentence)):
                    fit.counts.setdefault(_cell(option, paired), Counter())[option.label] += 1
        return fit

    def use(self, fit: TextFit) -> FromText:
        """Generate with the pool and balancing probabilities of ``fit`` (returns self)."""
        self.pool = fit.pool
        self.rates = keep_rates(fit.counts)
        self.fitted = True
        return self

    def generate(self, passages: Iterable[tuple[str, object]]) -> Iterator[Example]:
        """The questions of each (text, id) passage, in input order; repeated texts are skipped."""
        seen: set[str] = set()
        for text, pid in passages:
            reading = self.read(text)
            self.stats.passages += 1
            if reading.digest in seen:
                self.stats.duplicates += 1
                continue
            seen.add(reading.digest)
            yield from self._generate_passage(reading, pid)

    def _generate_passage(self, reading: PassageReading, pid: object) -> Iterator[Example]:
        stats = self.stats
        for sentence_reading in reading.sentences:
            stats.sentences += 1
            sentence = sentence_reading.sentence
            if sentence_reading.statement is None:
                stats.declined[sentence_reading.reason or "unknown"] += 1
                continue
            stats.kept += 1
            stats.declined_operations.update(sentence_reading.declined_operations)
            for option in sentence_reading.options:
                stats.options[(option.operation, option.form)] += 1
            rng = self._rng(reading, sentence)
            chosen = self.choose(sentence_reading.options, rng)
            draws = [rng.random() for _ in chosen]
            substitution = self._substitution(reading, sentence_reading, rng)
            start, stop = passage_bounds(reading.paragraphs, sentence, self.mode)
            if stop - start > self.max_passage_chars:
                stats.cut += 1
                start, stop = capped_span(reading.paragraphs[sentence.paragraph], sentence.position, start, stop,
                                          self.max_passage_chars)
            parent = Example(question=reading.text[sentence.start:sentence.stop], passage=reading.text[start:stop],
                             label=True, idx=f"{pid}/{sentence.start}-{sentence.stop}", meta={"source_idx": pid})
            for (option, paired), draw in zip(chosen, draws):
                if self.balance and not kept(self.rates, _cell(option, paired), option.label, draw):
                    stats.balanced_out[option.operation] += 1
                    continue
                question = option.question
                meta = {} if option.flip is None else {"flip": option.flip}
                if option.operation in SUBSTITUTIONS:
                    if substitution is None:
                        stats.declined_operations[f"{option.operation}: {DeclineReason.NO_SUBSTITUTE}"] += 1
                        continue
                    question = self._substituted_question(sentence_reading, substitution, option)
                    if question is None:
                        stats.declined_operations[f"{option.operation}: {DeclineReason.NO_QUESTION_FORM}"] += 1
                        continue
                    meta["substitution"] = _substitution_meta(sentence_reading.statement, substitution)
                    stats.sources[substitution.source] += 1
                stats.produced[(option.operation, option.form)] += 1
                stats.balance.add(option.label, question)
                yield self.derive(
                    parent, option.operation, question=question, tag=f"{option.operation}.{option.form}",
                    form=option.form, rule=_rule(option, substitution), polarity="negative" if option.negative
                    else "affirmative", passage_id=pid, passage_mode=self.mode, passage_start=start,
                    passage_stop=stop, sentence_start=sentence.start, sentence_stop=sentence.stop, **meta)

    def _substitution(self, reading: PassageReading, sentence: SentenceReading,
                      rng: random.Random) -> Substitution | None:
        if not sentence.slots or sentence.statement is None:
            return None
        slot = sentence.slots[rng.randrange(len(sentence.slots))]
        return substitute(sentence.statement, slot, self.pool, reading.facts, rng, self.morph)

    def _substituted_question(self, sentence: SentenceReading, substitution: Substitution,
                              option: Option) -> str | None:
        statement = sentence.statement
        assert statement is not None
        morph = self.morph
        tokens = substitution.tokens
        if option.operation == "substitute_negate":
            try:
                clause = analyze(list(tokens), morph)
                if clause.kind != statement.clause.kind or clause.negative or clause.site != clause.pred:
                    # «не полностью отменил», «не все …»: the «не» of a degree adverb or quantifier presupposes
                    # part of the false statement
                    return None
                tokens = negate_clause(clause, morph).tokens
            except Decline:
                return None
        if option.form == "framed":
            return framed_question(tokens, self.frame, statement.opens_dependent)
        pred = statement.clause.pred
        if substitution.value.start < pred:
            pred += substitution.shift
        return li_question(tokens, pred, morph)


def _cell(option: Option, paired: bool) -> Cell:
    return option.form, option.negative, option.rule, paired


def _rule(option: Option, substitution: Substitution | None) -> str:
    if option.operation in SUBSTITUTIONS and substitution is not None:
        return f"{substitution.value.type}"
    return option.rule


def _substitution_meta(statement: Statement | None, substitution: Substitution) -> dict:
    from augment.rules.substitution import functional_types

    lemma = functional_types(statement)[0] if statement is not None else None
    return {"type": substitution.value.kind, "from": substitution.old, "to": substitution.new,
            "value_from": substitution.value.value, "value_to": substitution.new_value,
            "source": substitution.source, "predicate": lemma}
