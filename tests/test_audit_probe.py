"""The audit's probes and cues: what the question form gives away, with folds grouped by origin."""

from __future__ import annotations

import math
import random

import pytest

from augment import Example
from augment.audit import Cue, QuestionProbe, cues, form_scores, origin_groups
from tests.audit_data import naive_negation, random_labels, twice
from tests.helpers import run_python


@pytest.fixture(scope="module")
def naive(sample_examples):
    return naive_negation(sample_examples)


def accuracy(scores):
    return sum(s > 0.5 for s in scores) / len(scores)


def majority(examples):
    yes = sum(e.label for e in examples)
    return max(yes, len(examples) - yes) / len(examples)


def test_import_augment_audit_stays_light():
    code = "import sys, augment, augment.audit; print(sorted(m for m in ('sklearn', 'cleanlab', 'matplotlib', " \
           "'torch') if m in sys.modules))"
    assert run_python("-c", code).stdout.strip() == "[]"


def test_origin_groups_keep_a_question_with_its_rewrites_and_its_passage():
    examples = [
        Example("Кит рыба?", "Про китов.", True, 0),
        Example("Не кит ли рыба?", "Про китов.", False, "0/x.negate", {"source_idx": 0, "parent_idx": 0}),
        Example("Кит ест?", "Другой текст.", True, "0/x.reframe", {"source_idx": 0}),
        Example("Дуб дерево?", "Про дубы.", True, 1),
        Example("Дуб — дерево?", "про  ДУБЫ", False, 2),
        Example("Ель дерево?", "Про ели.", True, 3),
    ]
    groups = origin_groups(examples)
    assert groups[0] == groups[1] == groups[2]
    assert groups[3] == groups[4]  # one passage once normalized
    assert len({groups[0], groups[3], groups[5]}) == 3
    reversed_groups = origin_groups(examples[::-1])[::-1]
    assert reversed_groups == groups


def test_form_scores_need_yes_no_labels(sample_examples):
    with pytest.raises(ValueError, match="yes/no labels"):
        form_scores([*sample_examples[:10], Example("Кит рыба?", "Про китов.", None, 99)])


def test_naive_negation_is_readable_and_random_labels_are_not(naive):
    assert len(naive) > 200 and majority(naive) < 0.55
    assert accuracy(form_scores(naive)) > majority(naive) + 0.3
    shuffled = random_labels(naive)
    assert accuracy(form_scores(shuffled)) < majority(shuffled) + 0.05


def test_duplicates_read_ungrouped_but_not_grouped(sample_examples):
    doubled = twice(random_labels(sample_examples))
    ungrouped = accuracy(form_scores(doubled, groups=[str(i) for i in range(len(doubled))]))
    grouped = accuracy(form_scores(doubled))
    assert ungrouped > majority(doubled) + 0.25  # the twin in another fold gives the label away
    assert grouped < majority(doubled) + 0.05  # grouped by origin, the probe knows no more than the base rate


def test_form_scores_do_not_depend_on_row_order(naive):
    scores = dict(zip((e.idx for e in naive), form_scores(naive, seed=3)))
    shuffled = naive[:]
    random.Random(1).shuffle(shuffled)
    again = dict(zip((e.idx for e in shuffled), form_scores(shuffled, seed=3)))
    assert again.keys() == scores.keys()
    assert all(math.isclose(again[k], scores[k], abs_tol=1e-9) for k in scores)
    assert form_scores(naive, seed=4) != form_scores(naive, seed=3)  # the seed chooses the folds


def test_question_probe_reads_the_negation(naive):
    probe = QuestionProbe.fit(naive)
    positive, negative = (Example(q, "", label) for q, label in
                          (("Правда ли, что река течёт на север?", True),
                           ("Правда ли, что река не течёт на север?", False)))
    yes_positive, yes_negative = probe.proba_yes([positive, negative])
    assert yes_positive > 0.5 > yes_negative
    assert probe.own_label_proba([positive, negative]) == pytest.approx([yes_positive, 1 - yes_negative])
    with pytest.raises(ValueError, match="both labels"):
        QuestionProbe.fit([e for e in naive if e.label])


def test_negation_is_the_top_cue_of_naive_negation(naive):
    found = cues(naive, top=10)
    assert (found[0].feature, found[0].kind, found[0].label) == ("не/нет/ни", "negation", "no")
    assert [abs(c.z) for c in found] == sorted((abs(c.z) for c in found), reverse=True)
    assert ("frame", "правда ли") in {(c.kind, c.feature) for c in found}


def test_cue_statistics_are_exact():
    # base rate 1/2; «кит» in 4 questions, all yes: z = (1 - 0.5) / sqrt(0.25 / 4) = 2
    questions = ["Кит плывёт?", "Кит ест?", "Кит спит?", "Кит поёт?",
                 "Пёс не лает?", "Пёс спит?", "Кот ест?", "Кот спит?"]
    labels = [True, True, True, True, False, False, False, False]
    found = cues([Example(q, "", label) for q, label in zip(questions, labels)], top=3, min_count=2)
    assert found[0] == Cue("кит", "yes", 4, 1.0, 2.0, "word")
    by_key = {(c.kind, c.feature): c for c in found}
    assert by_key["negation", "не/нет/ни"] == Cue("не/нет/ни", "no", 1, 0.0, -1.0, "negation")
    assert {f for k, f in by_key if k == "frame"} == {"кит плывет", "кит ест", "кит спит", "кит поет",
                                                          "пес не", "пес спит", "кот ест", "кот спит"}


def test_cues_always_have_a_negation_row():
    found = cues([Example("Кит рыба?", "", True), Example("Дуб дерево?", "", False)], top=5)
    assert ("не/нет/ни", 0) in {(c.feature, c.count) for c in found}
