"""Rule-based negation: the contract's examples, the hand-written case set, the generator and its balance."""

import pickle
import random
from collections import Counter
from pathlib import Path

import pytest

from augment import Example, Pipeline, RuleBasedGenerator, create
from augment.rules import Decline, negate_clause, negate_question
from augment.rules.evaluation import load_cases, load_known_failures, score
from augment.text import has_negation

CASES = Path(__file__).parent / "data" / "negation_cases.jsonl"
KNOWN_FAILURES = Path(__file__).parent / "data" / "negation_known_failures.jsonl"


@pytest.fixture(scope="module")
def generator():
    return RuleBasedGenerator()


@pytest.mark.parametrize(("question", "negation"), [
    ("Является ли кит рыбой?", "Правда ли, что кит не является рыбой?"),
    ("Вредна ли ртуть?", "Правда ли, что ртуть не вредна?"),
    ("Есть ли у зайца хвост?", "Правда ли, что у зайца нет хвоста?"),
    ("Были ли у цезаря враги?", "Правда ли, что у цезаря не было врагов?"),
    ("Был ли ленинград в блокаде?", "Правда ли, что ленинград не был в блокаде?"),
    ("Можно ли пить морскую воду?", "Правда ли, что нельзя пить морскую воду?"),
    ("Нужно ли поливать кактусы зимой?", "Правда ли, что не нужно поливать кактусы зимой?"),
    ("Надо ли получать визу?", "Правда ли, что не надо получать визу?"),
    ("Может ли страус летать?", "Правда ли, что страус не может летать?"),
    ("Правда ли, что у зайца нет хвоста?", "Правда ли, что у зайца есть хвост?"),
    ("Правда ли что у цезаря не было врагов?", "Правда ли что у цезаря были враги?"),
    ("Верно ли, что кит является рыбой?", "Верно ли, что кит не является рыбой?"),
    ("Вднх - это выставочный центр?", "Правда ли, что Вднх - это не выставочный центр?"),
    ("Москва - столица россии?", "Правда ли, что Москва - не столица россии?"),
    ("Все ли грибы съедобны?", "Правда ли, что не все грибы съедобны?"),
])
def test_contract_examples(generator, question, negation):
    assert generator.negate(question) == negation


def test_casing_lowers_only_the_moved_first_word(generator):
    assert generator.negate("Дельфин - это рыба?") == "Правда ли, что дельфин - это не рыба?"
    assert generator.negate("Является ли Apple компанией?") == "Правда ли, что Apple не является компанией?"
    assert generator.negate("Входит ли москва в ЕС?") == "Правда ли, что москва не входит в ЕС?"
    assert generator.negate("NASA - это агентство?").startswith("Правда ли, что NASA - ")
    assert generator.negate("Лев Толстой - писатель?") == "Правда ли, что Лев Толстой - не писатель?"


@pytest.mark.parametrize("marks", ["?", "??", "?????", "?!?", "?..", " ???"])
def test_one_question_mark_whatever_the_input_ends_with(generator, marks):
    assert generator.negate(f"Является ли кит рыбой{marks}") == "Правда ли, что кит не является рыбой?"
    assert generator.negate(f"Были ли римляне в Британии в I веке н. э.{marks}") == \
        "Правда ли, что римляне не были в Британии в I веке н. э.?"  # the abbreviation keeps its period


def test_yo_is_written_only_where_the_question_writes_it(generator):
    # pymorphy3 spells inflected forms with «ё»; a «ё» only negations had would be a label cue
    assert generator.negate("Есть ли у полицейского ребенок?") == "Правда ли, что у полицейского нет ребенка?"
    assert generator.negate("Существуют ли черные лебеди?") == "Правда ли, что не существует черных лебедей?"
    assert generator.negate("Есть ли у ёжика иголки?") == "Правда ли, что у ёжика нет иголок?"


@pytest.mark.parametrize(("question", "reason"), [
    ("Кто написал войну и мир?", "wh_question"),
    ("В каком году основана москва?", "wh_question"),
    ("Является ли кит рыбой или млекопитающим?", "alternative_question"),
    ("Не является ли кит рыбой?", "rhetorical_question"),
    ("Правда ли, что никто не был на марсе?", "negative_concord"),
    ("Кит является рыбой.", "not_a_question"),
    ("", "empty"),
    ("Является ли кит fish?", "latin_complement"),
    ("Правда ли, что Толстой терпеть не мог оперу?", "negative_idiom"),
    ("Правда ли, что в пустыне не растёт деревьев?", "genitive_of_negation"),
    ("Будет ли школа детей учить?", "words_before_infinitive"),  # «детей»: the subject's or the object?
    ("Любит ли анна паулья?", "apposition_after_subject"),  # a surname, or the object of «любит»?
    ("Считается ли томат vegetable?", "latin_complement"),
])
def test_declines_with_a_reason(generator, question, reason):
    outcome = generator.outcome(question)
    assert outcome.negation is None and outcome.reason == reason


def test_every_gold_case_is_answered_or_a_known_failure():
    """Exact: a case that starts failing fails the test, and so does a known failure that starts to pass
    (take it out of the known-failures file, with the rule change that fixed it)."""
    misses = score(load_cases(CASES)).misses()
    known = load_known_failures(KNOWN_FAILURES)
    new = {key: misses[key] for key in misses.keys() - known.keys()}
    fixed = sorted(known.keys() - misses.keys())
    assert not new and not fixed, f"new failures: {new}; known failures that now pass: {fixed}"


def test_case_file_covers_every_rule():
    rules = {negate_question(case.question).rule for case in load_cases(CASES)}
    assert {"verb", "short_form", "copula", "existential", "modal", "null_copula", "predicative"} <= rules


def test_round_trip_restores_agreement(generator):
    negation = generator.negate("Были ли у цезаря враги?")
    assert generator.negate(negation) == "Правда ли, что у цезаря были враги?"
    assert generator.negate("Правда ли, что у славян не было письменности?") == \
        "Правда ли, что у славян была письменность?"


def test_configured_frame(generator):
    verno = RuleBasedGenerator(frame="Верно ли, что")
    assert verno.negate("Является ли кит рыбой?") == "Верно ли, что кит не является рыбой?"
    assert verno.reframe("Является ли кит рыбой?") == "Верно ли, что кит является рыбой?"
    # an input's own frame is kept, punctuation included
    assert verno.negate("Правда ли что кит дышит воздухом?") == "Правда ли что кит не дышит воздухом?"


def test_negate_clause_works_on_declarative_sentences():
    assert negate_clause("Кит является рыбой").text == "Кит не является рыбой"
    assert negate_clause("у зайца есть хвост").text == "у зайца нет хвоста"
    assert negate_clause("в древней руси не было бумаги").text == "в древней руси была бумага"
    with pytest.raises(Decline):
        negate_clause("никто не знает")


def _examples(count=240, yes_share=0.7):
    """Labeled examples from the case file's answerable questions, labels drawn with a fixed seed."""
    rng = random.Random(7)
    questions = [c.question for c in load_cases(CASES) if c.accepted]
    return [Example(questions[i % len(questions)], f"passage {i}", rng.random() < yes_share, idx=i)
            for i in range(count)]


def test_generate_flips_and_keeps_labels_with_provenance():
    generator = RuleBasedGenerator(seed=3)
    example = Example("Является ли кит рыбой?", "Кит — млекопитающее.", False, idx="q1")
    negated, reframed = generator.generate([example])
    assert (negated.question, negated.label) == ("Правда ли, что кит не является рыбой?", True)
    assert (reframed.question, reframed.label) == ("Правда ли, что кит является рыбой?", False)
    assert negated.passage == example.passage
    assert negated.meta["operation"] == "negate" and negated.meta["rule"] == "verb"
    assert negated.meta["parent_idx"] == "q1" and negated.meta["version"] == generator.version
    assert reframed.meta["label_effect"] == "keep" and negated.idx != reframed.idx
    only = RuleBasedGenerator(operations="negate")
    assert [e.meta["operation"] for e in only.generate([example])] == ["negate"]
    with pytest.raises(ValueError, match="operations"):
        RuleBasedGenerator(operations=("negate", "shout"))


def test_balance_evens_labels_and_the_negation_shortcut():
    examples = _examples()
    skew = Counter(e.label for e in RuleBasedGenerator().generate(examples))
    assert abs(skew[True] / sum(skew.values()) - 0.5) > 0.02  # without balancing the labels follow the input
    generator = RuleBasedGenerator(balance=True).fit(examples)
    outputs = list(generator.generate(examples))
    labels = Counter(e.label for e in outputs)
    assert abs(labels[True] / len(outputs) - 0.5) < 0.1
    negated = [e.label for e in outputs if has_negation(e.question)]
    assert abs(sum(negated) / len(negated) - 0.5) < 0.15
    assert generator.stats.balanced_out


def test_balance_does_not_depend_on_row_order():
    examples = _examples()
    first = RuleBasedGenerator(balance=True, seed=5).fit(examples)
    shuffled = examples[:]
    random.Random(1).shuffle(shuffled)
    second = RuleBasedGenerator(balance=True, seed=5).fit(shuffled)
    key = lambda e: (e.idx, e.question, e.label)  # noqa: E731
    assert sorted(map(key, first.generate(examples))) == sorted(map(key, second.generate(shuffled)))
    other_seed = RuleBasedGenerator(balance=True, seed=6).fit(examples)
    assert sorted(map(key, other_seed.generate(examples))) != sorted(map(key, first.generate(examples)))


def test_unfitted_balance_warns_and_balances_the_call(recwarn):
    outputs = list(RuleBasedGenerator(balance=True).generate(_examples()))
    assert any("fit()" in str(w.message) for w in recwarn.list)
    labels = Counter(e.label for e in outputs)
    assert abs(labels[True] / len(outputs) - 0.5) < 0.1


def test_registered_picklable_and_row_pure_under_dataset_map():
    generator = create("rule_based", seed=2, balance=True)
    examples = _examples(60)
    generator.fit(examples)
    clone = pickle.loads(pickle.dumps(generator))
    assert clone.negate("Является ли кит рыбой?") == generator.negate("Является ли кит рыбой?")
    from augment import to_dataset

    listed = [e.question for e in Pipeline(generator, keep_originals=False, dedupe=None).run(examples)]
    mapped = Pipeline(generator, keep_originals=False, dedupe=None).augment_dataset(
        to_dataset(examples), num_proc=2, batch_size=16)
    assert mapped["question"] == listed


def test_negate_command_writes_outputs_and_a_summary(tmp_path, sample_path, capsys):
    import json

    from augment.cli import main

    out = tmp_path / "negated.jsonl"
    assert main(["negate", str(sample_path), "-o", str(out), "--show", "2", "--seed", "1",
                 "--no-progress"]) == 0
    printed = capsys.readouterr().out
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and {r["meta"]["operation"] for r in records} == {"negate", "reframe"}
    assert all(r["question"].endswith("?") for r in records)
    assert printed.count("  → ") == 2
    assert "declined because" in printed and "P(yes | «не/нет/ни»)" in printed and "| negate    | verb" in printed
    assert main(["negate", str(sample_path), "-o", str(out), "--operations", "shout"]) == 2


def test_negate_command_balances_by_default(tmp_path, sample_path):
    from augment.cli import main

    paths = {option: tmp_path / f"{option or 'default'}.jsonl" for option in ("", "--balance", "--no-balance")}
    for option, path in paths.items():
        assert main(["negate", str(sample_path), "-o", str(path), "--no-progress", *([option] if option else [])]) == 0
    default, balanced, everything = (paths[o].read_text(encoding="utf-8") for o in ("", "--balance", "--no-balance"))
    assert default == balanced
    assert len(default.splitlines()) < len(everything.splitlines())


def test_the_rule_that_fired_or_declined_is_named(generator):
    negated, reframed = generator.generate([Example("Есть ли у зайца хвост?", "p", True, 7)])
    assert negated.meta["flip"] == "flip_existential" and "flip" not in reframed.meta
    assert generator.outcome("Можно ли пить морскую воду?").flip == "swap_modal"
    assert generator.outcome("Правда ли, что кит не является рыбой?").flip == "drop_ne"
    declined = generator.outcome("Был ли эдуард суровый?")
    assert (declined.reason, declined.declined_by) == ("epithet_or_predicate_adjective", "_inverted_be")
    assert generator.outcome("Кто написал войну и мир?").declined_by == "no_rhetorical_or_wh"
    texts = list(RuleBasedGenerator().from_text(["Кит является млекопитающим."], balance=False))
    assert {e.meta.get("flip") for e in texts if e.meta["operation"] == "negate"} == {"insert_ne"}
