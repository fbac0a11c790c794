"""Whether a change to the rules changed their output: every outcome and output over DaNetQA, to compare.

    PYTHONPATH=. python benchmarks/rules_identity.py -o before.jsonl [--danetqa FOLDER]
    PYTHONPATH=. python benchmarks/rules_identity.py -o after.jsonl --compare before.jsonl

For each split (train, val, test) it writes one JSON line per

- question: ``negate_question``'s outcome (negation, reframing, rule, form, polarity, decline reason);
- output of ``RuleBasedGenerator(operations=negate,reframe, balance=True).generate`` on the split;
- output of ``from_text`` on the split's unique passages;
- count of the generators' stats (declines by reason, outputs per rule, sentences kept);

and prints a sha256 per section. ``--compare`` reads a file written before and lists every line that
differs (at most 20 shown). Decline reasons written before :class:`DeclineReason` existed are free text;
they are read through :data:`OLD_REASONS` (old text → stable name), and meta fields that did not exist then
(:data:`NEW_META`) are left out of the comparison: everything else must be byte-identical.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from _danetqa import DEFAULT

from augment.danetqa import load_danetqa
from augment.rules import RuleBasedGenerator, negate_question

SPLITS = ("train", "val", "test")
# meta fields added since f32b999: the flip rule that made a negation
NEW_META: tuple[str, ...] = ("flip",)
# the free-text reasons of the code before DeclineReason (f32b999), by the name that replaced each
OLD_REASONS: dict[str, str] = {
    'empty': 'empty',
    'no words': 'no_words',
    'too long': 'too_long',
    'too short': 'too_short',
    'alternative question': 'alternative_question',
    'tag question': 'tag_question',
    'several sentences': 'several_sentences',
    'rhetorical question': 'rhetorical_question',
    'wh-question': 'wh_question',
    'not a question': 'not_a_question',
    'several «ли»': 'several_li',
    'words before the focus of «ли»': 'words_before_li_focus',
    'nothing after «ли»': 'nothing_after_li',
    'unsupported focus of «ли»': 'unsupported_li_focus',
    'agreement error': 'agreement_error',
    'no agreeing subject': 'no_agreeing_subject',
    'no subject': 'no_subject',
    'punctuation next to the subject': 'punctuation_next_to_subject',
    'dash in the clause': 'dash_in_question',
    'unknown word as the subject': 'unknown_word_as_subject',
    'infinitive after the subject': 'infinitive_after_subject',
    'apposition after the subject': 'apposition_after_subject',
    'coordination after the subject': 'coordination_after_subject',
    'modifier detached from the subject': 'modifier_detached_from_subject',
    'no existent': 'no_existent',
    'epithet or predicate adjective': 'epithet_or_predicate_adjective',
    'words before the existent': 'words_before_existent',
    'focus on a negative clause': 'focus_on_negative_clause',
    'no predicate': 'no_predicate',
    'several predicates': 'several_predicates',
    'negative concord': 'negative_concord',
    'question inside the clause': 'question_inside_clause',
    'contrast («не X, а Y»)': 'contrast',
    'indefinite pronoun': 'indefinite_pronoun',
    'lexical negation': 'lexical_negation',
    'quantifier': 'quantifier',
    'negation elsewhere in the clause': 'negation_elsewhere',
    'scope adverb': 'scope_adverb',
    'genitive object under negation': 'genitive_object',
    'negated «есть»': 'negated_est',
    'coordinated existent': 'coordinated_existent',
    'modifiers of the existent after a comma': 'modifiers_of_existent_after_comma',
    'apposition after the existent': 'apposition_after_existent',
    'numeral in the existent': 'numeral_in_existent',
    'unknown word after the copula': 'unknown_word_after_copula',
    'cannot agree the verb': 'cannot_agree_verb',
    'cannot inflect the existent': 'cannot_inflect_existent',
    'ambiguous inflection of the existent': 'ambiguous_inflection_of_existent',
    'ambiguous number of the existent': 'ambiguous_number_of_existent',
    'ambiguous gender of the existent': 'ambiguous_gender_of_existent',
    'question': 'question',
    'exclamation': 'exclamation',
    'unfinished sentence': 'unfinished_sentence',
    'direct speech': 'direct_speech',
    'list': 'list',
    'unbalanced brackets or quotes': 'unbalanced_brackets_or_quotes',
    'foreign words': 'foreign_words',
    'broken sentence': 'broken_sentence',
    'predicate first (its subject may be in another sentence)': 'predicate_first',
    'predicate in a relative clause': 'predicate_in_relative_clause',
    'dash (apposition or ellipsis)': 'dash_in_statement',
    'pronoun subject without its referent': 'pronoun_subject_without_referent',
    'reference outside the passage': 'reference_outside_passage',
    'hedged': 'hedged',
    'first or second person': 'first_or_second_person',
    'frequency, quantity or approximation': 'frequency_quantity_or_approximation',
    'negative polarity word («вообще», «так и не»)': 'negative_polarity_word',
    'stated cause or consequence («из-за», «так как», «, что позволяет»)': 'stated_cause_or_consequence',
    'adverb before «не»': 'adverb_before_ne',
    'existent inside a prepositional phrase': 'existent_in_prepositional_phrase',
    'negative statement': 'negative_statement',
    'predicate not functional': 'predicate_not_functional',
    'indefinite subject after the predicate': 'indefinite_subject_after_predicate',
    'value inside the subject': 'value_inside_subject',
    'several values of a type': 'several_values_of_a_type',
    'value repeated in the passage': 'value_repeated_in_passage',
    'participle or gerund may govern the value': 'participle_or_gerund_may_govern_value',
    "number not the predicate's value": 'number_not_predicate_value',
    'range or approximation': 'range_or_approximation',
    'multi-word name': 'multi_word_name',
    'list of values': 'list_of_values',
    'year in another construction': 'year_in_another_construction',
    'no substitute': 'no_substitute',
    'no question form': 'no_question_form',
}


def reason_name(reason: str | None) -> str | None:
    """A decline reason by its stable name (free-form reasons of the old code mapped by :data:`OLD_REASONS`)."""
    if reason is None:
        return None
    reason = str(reason)
    operation, sep, rest = reason.partition(": ")
    if sep and operation in ("negate", "substitute", "substitute_negate"):
        return f"{operation}: {reason_name(rest)}"
    return OLD_REASONS.get(reason, reason)


def _record(example) -> dict:
    record = example.to_record()
    meta = {k: v for k, v in record.get("meta", {}).items() if k not in NEW_META}
    if "meta" in record:
        record["meta"] = meta
    return record


def _counter(counter) -> list:
    return sorted([[str(k) if not isinstance(k, tuple) else list(k), v] for k, v in counter.items()], key=str)


def lines(folder: str):
    """(section, JSON-ready item) for everything compared."""
    for split in SPLITS:
        examples = list(load_danetqa(split, folder, verify=False))
        for example in examples:
            o = negate_question(example.question)
            yield f"{split}/negate", [o.question, o.negation, o.reframing, o.rule, o.form, o.negative,
                                      reason_name(o.reason)]
        generator = RuleBasedGenerator(seed=0, operations=("negate", "reframe"), balance=True)
        generator.fit(examples)
        for output in generator.generate(examples):
            yield f"{split}/generate", _record(output)
        stats = generator.stats
        yield f"{split}/generate_stats", {"declined": _counter({reason_name(k): v for k, v in stats.declined.items()}),
                                          "produced": _counter(stats.produced), "seen": stats.seen,
                                          "balanced_out": _counter(stats.balanced_out)}
        passages = sorted({example.passage for example in examples})
        texts = RuleBasedGenerator(seed=0)
        for output in texts.from_text(passages):
            yield f"{split}/from_text", _record(output)
        ts = texts.text_stats
        yield f"{split}/from_text_stats", {
            "declined": _counter({reason_name(k): v for k, v in ts.declined.items()}),
            "declined_operations": _counter({reason_name(k): v for k, v in ts.declined_operations.items()}),
            "options": _counter(ts.options), "produced": _counter(ts.produced), "sentences": ts.sentences,
            "kept": ts.kept, "balanced_out": _counter(ts.balanced_out)}


def _normalized(line: str) -> str:
    """A line of an older file with its reasons read through :data:`OLD_REASONS` and new meta dropped."""
    section, item = json.loads(line)
    if section.endswith("/negate"):
        item[-1] = reason_name(item[-1])
    elif section.endswith("_stats"):
        for key in ("declined", "declined_operations"):
            if key in item:
                item[key] = sorted([[reason_name(k), v] for k, v in item[key]], key=str)
    elif "meta" in item:
        item["meta"] = {k: v for k, v in item["meta"].items() if k not in NEW_META}
    return json.dumps([section, item], ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--danetqa", default=DEFAULT)
    parser.add_argument("-o", "--output", required=True, help="JSONL to write (must not exist)")
    parser.add_argument("--compare", help="a file written before: report every difference")
    args = parser.parse_args()
    out = Path(args.output)
    if out.exists():
        sys.exit(f"{out} exists: not overwriting it")
    digests: dict[str, hashlib._Hash] = {}
    with out.open("x", encoding="utf-8") as handle:
        for section, item in lines(args.danetqa):
            text = json.dumps([section, item], ensure_ascii=False)
            handle.write(text + "\n")
            digests.setdefault(section, hashlib.sha256()).update(text.encode() + b"\n")
    for section, digest in digests.items():
        print(f"{section:<28} {digest.hexdigest()[:16]}")
    if args.compare:
        before = [_normalized(line) for line in Path(args.compare).read_text(encoding="utf-8").splitlines()]
        after = [_normalized(line) for line in out.read_text(encoding="utf-8").splitlines()]
        differing = [(i, a, b) for i, (a, b) in enumerate(zip(before, after)) if a != b]
        print(f"compared {len(before)} lines before with {len(after)} after: {len(differing)} differ")
        for i, a, b in differing[:20]:
            print(f"line {i + 1}:\n  before {a[:400]}\n  after  {b[:400]}")
        if differing or len(before) != len(after):
            sys.exit(1)
        print("identical")


if __name__ == "__main__":
    main()
