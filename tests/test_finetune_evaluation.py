"""Every figure of the evaluation from hand-made predictions, against answers computed by hand."""

import pytest

from augment import Example, Generator, LabelEffect
from finetune.contrast import ContrastSet, Rewrite, contrast_set
from finetune.evaluation import (
    Evaluator,
    Part,
    contrast_scores,
    cue_slices,
    evaluation_from,
    hard_easy,
)
from finetune.form import CueCarriers
from tests.toy_generators import Flip, Wrap

T, F = True, False
LABELS = [T, F, T, F, T, F]
PREDICTED = [T, T, T, F, F, F]  # right at 0, 2, 3, 5
FORM = [0.9, 0.2, 0.75, 0.7, 0.5, 0.1]  # easy (>= 0.7): 0, 2, 3; hard: 1, 4, 5


def _example(label, question="Q?", passage="P."):
    return Example(question, passage, label)


def _contrast():
    """Rewrites of examples 0, 1, 3 and 4 (2 and 5 uncovered); predictions for them in REWRITTEN."""
    rewrites = [
        Rewrite(0, _example(F), flips=True),  # answered F: right, and the answer flipped (T -> F)
        Rewrite(0, _example(T), flips=False),  # answered T: right
        Rewrite(1, _example(T), flips=True),  # answered T: right, but the answer did not flip (T -> T)
        Rewrite(3, _example(T), flips=True),  # answered F: wrong, not flipped (F -> F)
        Rewrite(3, _example(F), flips=False),  # answered F: right
        Rewrite(4, _example(T), flips=False),  # answered T: right (its original was answered wrong)
    ]
    return ContrastSet("hand", len(LABELS), rewrites), [F, T, T, F, F, T]


def test_hard_and_easy_parts():
    hard, easy = hard_easy(LABELS, PREDICTED, FORM, threshold=0.7)
    assert easy == Part(3, 1.0, 1.0)
    # hard: labels F, T, F answered T, F, F -> only the last right; F1 yes 0, F1 no 0.5 (P 1/2, R 1/2)
    assert hard == Part(3, pytest.approx(1 / 3), pytest.approx(0.25))


def test_an_empty_hard_part_has_no_figures():
    hard, easy = hard_easy(LABELS, PREDICTED, [0.95] * 6)
    assert hard == Part(0, None, None)
    assert easy.n == 6 and easy.accuracy == pytest.approx(4 / 6)


def test_contrast_scores():
    contrast, rewritten = _contrast()
    scores = contrast_scores(contrast, LABELS, PREDICTED, rewritten)
    assert scores.n == 4 and scores.coverage == pytest.approx(4 / 6)
    assert scores.originals == 0.5  # 0 and 3 right, 1 and 4 wrong
    assert (scores.negations.n, scores.negations.accuracy) == (3, pytest.approx(2 / 3))
    assert (scores.reframes.n, scores.reframes.accuracy) == (3, 1.0)
    assert scores.accuracy == pytest.approx(5 / 6)
    assert scores.consistency == 0.25  # only example 0: original and both rewrites right
    assert scores.negation_sensitivity == pytest.approx(1 / 3)  # of 0, 1 and 3 (4 has no negation), 0 flips


def test_no_example_covered_gives_no_figures_but_a_count():
    scores = contrast_scores(ContrastSet("hand", 6, []), LABELS, PREDICTED, [])
    assert (scores.n, scores.coverage) == (0, 0.0)
    assert scores.originals is None and scores.accuracy is None
    assert scores.consistency is None and scores.negation_sensitivity is None
    assert scores.negations == scores.reframes == Part(0, None, None)


def test_predictions_must_match_the_contrast_set():
    contrast, rewritten = _contrast()
    with pytest.raises(ValueError, match="rewrite"):
        contrast_scores(contrast, LABELS, PREDICTED, rewritten[:-1])


def test_cue_slices():
    cues = [CueCarriers("не", "word", "no", (1, 3, 5)), CueCarriers("правда ли", "frame", "yes", (0, 1)),
            CueCarriers("входит ли", "frame", "no", ())]
    slices = cue_slices(cues, LABELS, PREDICTED)
    assert [(s.feature, s.n) for s in slices] == [("не", 3), ("правда ли", 2), ("входит ли", 0)]
    assert (slices[0].rate, slices[0].accuracy) == (1.0, pytest.approx(2 / 3))
    assert (slices[1].rate, slices[1].accuracy) == (0.5, 0.5)
    assert (slices[2].rate, slices[2].accuracy) == (None, None)


def test_the_record_has_the_documented_fields():
    contrast, rewritten = _contrast()
    record = evaluation_from(LABELS, PREDICTED, form_scores=FORM, contrast=contrast, rewritten=rewritten,
                             probe={"fitted_on": "train"}).as_dict()
    assert (record["accuracy"], record["n"]) == (pytest.approx(4 / 6), 6)
    assert (record["hard"]["n"], record["hard"]["accuracy"]) == (3, pytest.approx(1 / 3))
    assert (record["easy"]["n"], record["easy"]["accuracy"]) == (3, 1.0)
    assert record["probe"] == {"fitted_on": "train", "threshold": 0.7}
    assert {k: record["contrast"][k] for k in ("n", "consistency")} == {"n": 4, "consistency": 0.25}
    assert record["contrast"]["accuracy"] == pytest.approx(5 / 6)
    assert record["contrast"]["negation_sensitivity"] == pytest.approx(1 / 3)
    bare = evaluation_from(LABELS, PREDICTED).as_dict()
    assert bare["hard"] is bare["easy"] is bare["contrast"] is bare["probe"] is None


def test_unlabeled_data_is_refused_before_anything_runs():
    with pytest.raises(ValueError, match="1 of 2 have no label"):
        Evaluator([_example(T), _example(None)], hard=False, contrast=False)


# --- contrast sets from generators -------------------------------------------------------------------------

def test_rule_based_contrast_set_flips_negations_and_keeps_reframes():
    examples = [Example("Есть ли у кита жабры?", "У кита нет жабр.", False, idx=7),
                Example("Что такое кит?", "Кит — животное.", True, idx=8),  # a wh-question: declined
                Example("Является ли кит млекопитающим?", "Кит — млекопитающее.", True, idx=9)]
    contrast = contrast_set(examples)
    assert contrast.generator == "rule_based" and contrast.covered == [0, 2]
    got = [(r.origin, r.flips, r.example.question, r.example.label, r.example.passage) for r in contrast.rewrites]
    assert got == [
        (0, True, "Правда ли, что у кита нет жабр?", True, "У кита нет жабр."),
        (0, False, "Правда ли, что у кита есть жабры?", False, "У кита нет жабр."),
        (2, True, "Правда ли, что кит не является млекопитающим?", False, "Кит — млекопитающее."),
        (2, False, "Правда ли, что кит является млекопитающим?", True, "Кит — млекопитающее."),
    ]


def test_rewrites_find_their_origin_when_idx_repeat():
    examples = [Example("Есть ли у кита жабры?", "A.", False, idx=1),
                Example("Есть ли у кита хвост?", "B.", True, idx=1)]
    contrast = contrast_set(examples, Flip())
    assert [(r.origin, r.example.passage, r.example.label) for r in contrast.rewrites] == [(0, "A.", True),
                                                                                          (1, "B.", False)]


class _Setter(Generator):
    name, version = "setter", "1"
    label_effects = {"guess": LabelEffect.SET}

    def generate(self, examples):
        yield from ()


class _Mixed(Generator):
    """Keeps the label (same passage), keeps it on another passage, and sets it: only the first is a rewrite."""

    name, version = "mixed", "1"
    label_effects = {"same": LabelEffect.KEEP, "moved": LabelEffect.KEEP, "guess": LabelEffect.SET}

    def generate(self, examples):
        for e in examples:
            yield self.derive(e, "same", question=e.question + "!")
            yield self.derive(e, "moved", passage=e.passage + " Ещё.")
            yield self.derive(e, "guess", label=True)


def test_only_label_flipping_or_keeping_rewrites_on_the_same_passage_count():
    contrast = contrast_set([_example(F)], _Mixed())
    assert [(r.example.question, r.flips) for r in contrast.rewrites] == [("Q?!", False)]
    assert contrast.skipped == {"moved: changes the passage": 1, "guess: sets the label": 1}
    assert contrast_set([_example(T)], Wrap()).rewrites[0].flips is False


def test_a_generator_that_only_sets_labels_cannot_make_contrast_sets():
    with pytest.raises(ValueError, match="none of its operations"):
        contrast_set([_example(T)], _Setter())


# --- the probe and the cues on data whose form gives part of the labels away ---------------------------------

ANIMALS = ["кит", "волк", "сова", "лиса", "корова", "олень", "бобр", "ёж", "утка", "тюлень", "заяц", "медведь"]


def _cued_set():
    """«Правда ли, что X не любит рыбу?» is always "no" (even positions); «Любит ли X рыбу?» alternates."""
    examples = []
    for i, animal in enumerate(ANIMALS):
        examples.append(Example(f"Правда ли, что {animal} не любит рыбу?", f"{animal}: {i}.", False, idx=2 * i))
        examples.append(Example(f"Любит ли {animal} рыбу?", f"{animal}: {i}.", i % 2 == 0, idx=2 * i + 1))
    return examples


def test_the_probe_splits_by_what_the_form_gives_away():
    audit = pytest.importorskip("augment.audit")
    examples = _cued_set()
    evaluator = Evaluator(examples, contrast=False)
    assert evaluator.form_scores == audit.form_scores(examples)  # out-of-fold, grouped by origin
    hard = [i for i, score in enumerate(evaluator.form_scores) if score < evaluator.threshold]
    assert set(hard) <= set(range(1, 24, 2)) and len(hard) >= 8  # only «Любит ли», most of them
    assert evaluator.hard_size == len(hard)
    # a model that reads the cue: «не» -> "no", else "yes"
    cue_reader = ["не" not in e.question.split() for e in examples]
    evaluation = evaluator.from_predictions(cue_reader)
    assert evaluation.probe["fitted_on"] == "eval" and evaluation.easy.n == 24 - len(hard)
    assert evaluation.hard.accuracy == sum(examples[i].label for i in hard) / len(hard)
    negation = next(cue for cue in evaluation.cues if cue.kind == "negation")
    assert (negation.feature, negation.label, negation.n, negation.rate, negation.accuracy) == (
        "не/нет/ни", "no", 12, 1.0, 1.0)


def test_the_probe_can_be_fitted_on_the_training_set_instead():
    audit = pytest.importorskip("augment.audit")
    examples = _cued_set()
    evaluator = Evaluator(examples[:6], contrast=False, probe_train=examples[6:])
    assert evaluator.form_scores == audit.QuestionProbe.fit(examples[6:]).own_label_proba(examples[:6])
    probe = evaluator.from_predictions([True] * 6).probe
    assert probe["fitted_on"] == "train" and "18 examples" in probe["description"]
