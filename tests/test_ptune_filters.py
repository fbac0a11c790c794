"""Filters for generated questions: form, passage copies, duplicates, and a classifier's consistency."""

import pytest

from augment import Example, Pipeline
from augment.ptune.filters import (
    ConsistencyFilter,
    DuplicateFilter,
    PassageCopyFilter,
    QuestionFormFilter,
    filter_report,
    yes_index,
)
from tests.torch_threads import one_torch_thread  # noqa: F401 (an autouse fixture)
from tests.toy_generators import Wrap

SEED = 0
PASSAGE = "Киты дышат атмосферным воздухом с помощью лёгких. Под водой кит задерживает дыхание."


def ask(question, label=True, passage=PASSAGE, idx=0):
    return Example(question, passage, label, idx)


@pytest.mark.parametrize(("question", "reason"), [
    ("Дышат ли киты воздухом?", None),
    ("Океан солёный?", None),
    ("Дышат ли киты воздухом", "no question mark at the end"),
    ("Дышат ли киты? Есть ли у них жабры?", "more than one question"),
    ("Киты?", "too short"),
    ("Кит рыба или млекопитающее?", "alternative question («или»)"),
    ("Когда кит задерживает дыхание?", "wh-question"),
    ("Сколько живут киты?", "wh-question"),
    (" ".join(["очень"] * 31) + "?", "too long"),
])
def test_question_form(question, reason):
    assert QuestionFormFilter().rejection(ask(question)) == reason


def test_question_form_keeps_real_questions(sample_examples):
    form = QuestionFormFilter()
    assert form.select(sample_examples) == [True] * len(sample_examples)
    assert form.acceptance_rate == 1.0 and form.seen == len(sample_examples)


@pytest.mark.parametrize(("question", "kept"), [
    ("Киты дышат атмосферным воздухом с помощью лёгких?", False),  # the first sentence, with «?»
    ("Под водой кит задерживает дыхание?", False),
    ("Дышат ли киты атмосферным воздухом с помощью лёгких?", True),  # made into a question
    ("Киты дышат воздухом?", True),  # a shorter claim, not the sentence
])
def test_passage_copy(question, kept):
    assert PassageCopyFilter().accepts(ask(question)) is kept


def test_passage_copy_keeps_real_questions(sample_examples):
    copies = PassageCopyFilter()
    assert sum(copies.select(sample_examples)) >= 0.95 * len(sample_examples)


def test_duplicates_against_training_questions_and_among_outputs():
    dupes = DuplicateFilter(train_questions=["Дышат ли киты воздухом?"])
    batch = [
        ask("дышат ли киты  воздухом", idx=0),           # a training question, folded
        ask("Есть ли у кита жабры?", False, idx=1),
        ask("Есть ли у кита жабры?!", False, idx=2),      # repeats the previous output
        ask("Задерживает ли кит дыхание?", True, idx=3),
        ask("Задерживает ли кит дыхание?", False, idx=4),  # the same question asked with both labels
        ask("Есть ли у кита жабры?", False, "Другой текст.", idx=5),  # same question, other passage
    ]
    assert dupes.select(batch) == [False, True, False, False, False, True]
    assert dupes.reasons == {"copy of a training question": 1, "duplicate output": 1, "conflicting labels": 2}
    assert dupes.select([ask("Есть ли у кита жабры?", True, idx=6)]) == [False]  # across batches too
    assert dupes.select([ask("Есть ли у кита жабры?", False, idx=7)]) == [False]
    assert dupes.reasons["conflicting labels"] == 3 and dupes.reasons["duplicate output"] == 2


def test_filters_compose_in_a_pipeline_and_report(sample_examples):
    filters = [QuestionFormFilter(), DuplicateFilter([e.question for e in sample_examples[:10]])]
    pipeline = Pipeline(Wrap(), filters=filters, keep_originals=False)
    kept = list(pipeline.run(sample_examples))
    assert kept and all(e.question.startswith("Правда ли, что") for e in kept)
    assert filters[0].seen == len(sample_examples) and filters[1].seen == filters[0].kept
    report = filter_report(filters)
    assert "question form" in report and "duplicates" in report and "%" in report


def test_yes_index():
    assert yes_index({0: "LABEL_0", 1: "LABEL_1"}) == 1
    assert yes_index({0: "yes", 1: "no"}) == 0
    assert yes_index({0: "False", 1: "True"}) == 1
    assert yes_index(None) == 1


@pytest.fixture(scope="module")
def classifier(sample_examples, tmp_path_factory):
    """A tiny BERT trained for a few seconds to read the answer word «Да»/«Нет» at the end of a question."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from augment.tiny_models import build_tiny_model

    texts = [t for e in sample_examples for t in (e.question, e.passage)] + ["Да.", "Нет."]
    path = build_tiny_model("bert", texts, tmp_path_factory.mktemp("clf") / "bert")
    tokenizer = transformers.AutoTokenizer.from_pretrained(path)
    pairs = [(f"{e.question} {word}", e.passage[:80], label)
             for e in sample_examples for word, label in (("Да.", 1), ("Нет.", 0))]
    generator = torch.Generator().manual_seed(SEED)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(SEED)  # the new classification head is drawn from the global generator
        model = transformers.AutoModelForSequenceClassification.from_pretrained(path, num_labels=2)
        optimizer = torch.optim.AdamW(model.parameters(), lr=2e-3)
        model.train()
        for _ in range(100):
            batch = [pairs[i] for i in torch.randint(len(pairs), (16,), generator=generator).tolist()]
            inputs = tokenizer([q for q, _, _ in batch], [p for _, p, _ in batch], padding=True,
                               truncation="only_second", max_length=48, return_tensors="pt")
            loss = model(**inputs, labels=torch.tensor([y for _, _, y in batch])).loss
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
    model.save_pretrained(path)
    return path


def test_consistency_keeps_labels_the_classifier_believes(classifier, sample_examples):
    candidates = [Example(f"{e.question} {word}", e.passage[:80], label, i)
                  for i, e in enumerate(sample_examples[:20]) for word, label in (("Да.", True), ("Нет.", False))]
    flipped = [Example(e.question, e.passage, not e.label, e.idx) for e in candidates]
    consistency = ConsistencyFilter(classifier, tau=0.5, batch_size=8, max_length=48)
    kept, dropped = consistency.select(candidates), consistency.select(flipped)
    assert sum(kept) >= 0.9 * len(candidates) and sum(dropped) <= 0.1 * len(flipped)
    assert consistency.seen == 80 and consistency.acceptance_rate == pytest.approx(0.5, abs=0.1)
    assert all(c.meta["consistency"] == pytest.approx(1 - f.meta["consistency"], abs=1e-5)
               for c, f in zip(candidates, flipped))
    unbatched = ConsistencyFilter(classifier, tau=0.5, batch_size=40, max_length=48)
    assert unbatched.probabilities(candidates) == pytest.approx(consistency.probabilities(candidates), abs=1e-5)


def test_consistency_threshold_and_unlabeled(classifier, sample_examples):
    example = Example(f"{sample_examples[0].question} Да.", sample_examples[0].passage[:80], True, 0)
    p = ConsistencyFilter(classifier, max_length=48).probabilities([example])[0]
    assert ConsistencyFilter(classifier, tau=min(1.0, p + 0.01), max_length=48).accepts(example) is False
    assert ConsistencyFilter(classifier, tau=p - 0.01, max_length=48).accepts(example) is True
    unlabeled = ConsistencyFilter(classifier, max_length=48)
    assert unlabeled.select([Example("Есть ли?", "Текст.", None, 1)]) == [False]
    assert unlabeled.reasons == {"no label": 1}
