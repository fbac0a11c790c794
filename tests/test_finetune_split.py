import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from augment import Example, Pipeline
from finetune.split import hold_out, is_synthetic, remove_leaks
from tests.toy_generators import Flip, Wrap


def _originals(n=60):
    return [Example(f"Вопрос номер {i}?", f"Отрывок номер {i // 2}.", i % 3 != 0, idx=i) for i in range(n)]


def _augmented(originals):
    return list(Pipeline([Wrap()], dedupe=None).run(originals))


def test_dev_is_disjoint_stratified_and_passage_grouped():
    examples = _augmented(_originals())
    split = hold_out(examples, 0.2, seed=3)
    dev_idx = {e.idx for e in split.held_out}
    assert dev_idx and not dev_idx & {e.idx for e in split.train}
    assert not any(is_synthetic(e) for e in split.held_out)
    assert {e.passage for e in split.held_out}.isdisjoint(e.passage for e in split.train)
    labels = Counter(e.label for e in split.held_out)
    assert labels[True] and labels[False]
    assert abs(labels[True] / len(split.held_out) - 40 / 60) < 0.15
    assert 0.1 <= len(split.held_out) / 60 <= 0.3


def test_nothing_from_dev_leaks_into_training():
    examples = _augmented(_originals())
    split = hold_out(examples, 0.2, seed=3)
    dev_idx = {e.idx for e in split.held_out}
    assert all(e.source_idx not in dev_idx and e.meta.get("parent_idx") not in dev_idx for e in split.train)
    # every dev example had one Wrap child: all of them were removed, and only they
    assert split.removed == {"descends from a held-out example": len(split.held_out)}
    assert len(split.train) == len(examples) - 2 * len(split.held_out)
    # a chain of generators keeps the root: grandchildren of dev examples go too
    chained = list(Pipeline([Wrap(), Flip()], dedupe=None).run(_originals()))
    assert all(e.source_idx not in dev_idx for e in hold_out(chained, 0.2, seed=3).train)


def test_synthetic_examples_on_dev_passages_go_even_without_lineage():
    originals = _originals()
    split = hold_out(originals, 0.2, seed=3)
    orphan = Example("Новый вопрос?", split.held_out[0].passage, True, idx="wiki-1", meta={"generator": "from_text"})
    unrelated = Example("Другой вопрос?", "Отрывок, которого нет в dev.", False, idx=split.held_out[0].idx,
                        meta={"generator": "x", "parent_idx": "elsewhere-0", "source_idx": "elsewhere-0"})
    kept, removed = remove_leaks([orphan, unrelated], split.held_out, lineage=False)
    assert kept == [unrelated]  # same idx, but from another file: lineage is not used
    assert removed == {"uses a held-out passage": 1}


def test_split_is_seeded_and_independent_of_row_order():
    examples = _augmented(_originals())
    shuffled = examples[:]
    random.Random(0).shuffle(shuffled)
    first = {e.idx for e in hold_out(examples, 0.1, seed=1).held_out}
    assert first == {e.idx for e in hold_out(shuffled, 0.1, seed=1).held_out}
    assert first != {e.idx for e in hold_out(examples, 0.1, seed=2).held_out}


def test_bad_requests_fail_clearly():
    with pytest.raises(ValueError, match="strictly between"):
        hold_out(_originals(), 1.0, seed=0)
    with pytest.raises(ValueError, match="without labels"):
        hold_out([Example("Вопрос?", "Текст.", None, idx=0), *_originals()], 0.1, seed=0)
    with pytest.raises(ValueError, match="cannot hold out"):
        hold_out(_originals(2)[:1], 0.5, seed=0)


@settings(max_examples=40, deadline=None)
@given(labels=st.lists(st.booleans(), min_size=4, max_size=80), fraction=st.floats(0.05, 0.5), seed=st.integers(0, 9))
def test_split_property(labels, fraction, seed):
    examples = [Example(f"В{i}?", f"П{i}.", label, idx=i) for i, label in enumerate(labels)]
    split = hold_out(examples, fraction, seed)
    assert sorted(e.idx for e in split.train + split.held_out) == list(range(len(labels)))
    counts = Counter(labels)
    for label, count in counts.items():
        taken = sum(e.label == label for e in split.held_out)
        assert taken >= (1 if count > 1 else 0)
        assert taken <= max(round(fraction * count), 1)
