import os
import random
import subprocess
import sys

import pytest

from augment import Example, LengthFilter, Mix, Pipeline, Sequential, create, register, to_dataset
from augment.generator import available
from augment.hf import from_columns
from augment.seeding import derive_seed
from tests.toy_generators import Echo, Flip, Shout, Wrap


def examples(n):
    return [Example(f"Есть ли у зверя номер {i} хвост?", f"Текст {i}.", i % 2 == 0, i) for i in range(n)]


def test_sequential_feeds_each_generator_the_previous_output():
    [out] = Sequential(Wrap(), Flip()).generate(examples(1))
    assert out.question == "Правда ли, что Есть ли у зверя номер 0 хвост? (нет)"
    assert out.label is False  # kept by wrap, flipped by flip
    assert out.idx == "0/wrap.wrap/flip.flip"
    assert (out.meta["parent_idx"], out.meta["source_idx"]) == ("0/wrap.wrap", 0)


def test_mix_follows_the_weights_and_not_the_row_order():
    mix = Mix([(Wrap(), 3.0), (Flip(), 1.0)], seed=5)
    rows = examples(4000)
    chosen = {e.idx: mix.choose(e) for e in rows}
    share = sum(1 for c in chosen.values() if c == 0) / len(rows)
    assert 0.72 < share < 0.78
    shuffled = rows[:]
    random.Random(1).shuffle(shuffled)
    assert {e.idx: mix.choose(e) for e in shuffled} == chosen
    outputs = list(mix.generate(rows[:50]))
    assert [o.source_idx for o in outputs] == list(range(50))  # input order kept across generators
    assert all(o.meta["generator"] == ("wrap" if chosen[o.source_idx] == 0 else "flip") for o in outputs)


def test_mix_rejects_bad_weights():
    with pytest.raises(ValueError, match="weights"):
        Mix([(Wrap(), -1.0)])
    with pytest.raises(ValueError, match="weights"):
        Mix([(Wrap(), 0.0), (Flip(), 0.0)])


def test_pipeline_keeps_or_drops_originals_in_row_order():
    rows = examples(3)
    kept = list(Pipeline(Wrap()).run(rows))
    assert [e.idx for e in kept] == [0, "0/wrap.wrap", 1, "1/wrap.wrap", 2, "2/wrap.wrap"]
    dropped = list(Pipeline(Wrap(), keep_originals=False).run(rows))
    assert [e.idx for e in dropped] == ["0/wrap.wrap", "1/wrap.wrap", "2/wrap.wrap"]


def test_normalized_dedupe_drops_repeats_of_originals_and_outputs():
    rows = examples(2)
    pipeline = Pipeline(Echo())
    out = list(pipeline.run(rows))
    assert out == rows  # «X ?» normalizes to «X?», the original
    assert pipeline.stats["dropped: duplicate of an original"] == 4
    exact = Pipeline(Echo(), dedupe="exact")
    assert [e.idx for e in exact.run(rows)] == [0, "0/echo.echo0", 1, "1/echo.echo0"]
    assert exact.stats["dropped: duplicate output"] == 2
    assert len(list(Pipeline(Echo(), dedupe=None).run(rows))) == 6


def test_dedupe_among_outputs_of_different_rows():
    rows = [Example("Есть ли хвост?", "Один текст.", True, 0), Example("Есть ли хвост", "Один текст.", True, 1)]
    out = list(Pipeline(Wrap(), dedupe="normalized").run(rows))
    # the second original normalizes like the first, but originals are never dropped; its output is a repeat
    assert [e.idx for e in out] == [0, "0/wrap.wrap", 1]


def test_filters_run_on_outputs_only():
    rows = [Example("Короткий?", "Текст.", True, 0)]
    pipeline = Pipeline(Flip(), filters=[LengthFilter(min_chars=1, max_chars=12)])
    assert [e.idx for e in pipeline.run(rows)] == [0]
    assert pipeline.stats["dropped: length"] == 1


def test_seeds_give_reproducible_and_distinct_outputs():
    rows = examples(30)
    first = [e.question for e in Shout(seed=0).generate(rows)]
    assert first == [e.question for e in Shout(seed=0).generate(rows)]
    assert first != [e.question for e in Shout(seed=1).generate(rows)]
    assert [e.question for e in Shout(seed=0).generate(rows[::-1])] != first  # order reversed ...
    by_source = sorted(Shout(seed=0).generate(rows[::-1]), key=lambda e: e.source_idx)
    assert [e.question for e in by_source] == first  # ... but each row's outputs are the same


def test_derived_seeds_do_not_depend_on_the_process():
    code = "from augment.seeding import derive_seed; print(derive_seed(0, 'shout', 17))"
    outputs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": str(h)}).stdout.strip()
        for h in (1, 2)
    }
    assert outputs == {str(derive_seed(0, "shout", 17))}
    assert derive_seed(0, "shout", 17) != derive_seed(1, "shout", 17)


def test_map_callback_is_identical_under_one_and_four_processes():
    rows = examples(120)
    for i in range(1, 120, 10):  # repeated originals in other batches: their wrapped outputs collide
        rows[i] = Example(rows[i - 1].question, rows[i - 1].passage, True, i)
    pipeline = Pipeline(Mix([(Sequential(Shout(seed=3), Wrap()), 1.0), (Wrap(), 1.0), (Echo(), 1.0)], seed=3))
    expected = [e.to_record() for e in pipeline.run(rows)]
    dataset = to_dataset(rows)
    results = []
    for num_proc in (None, 4):
        augmented = Pipeline(pipeline.generator).augment_dataset(dataset, num_proc=num_proc, batch_size=16)
        results.append(augmented.to_list())
    assert results[0] == results[1]
    assert [e.to_record() for e in from_columns(augmented.to_dict())] == expected
    undeduplicated = dataset.map(pipeline.map_function(rows), batched=True, batch_size=16,
                                 remove_columns=dataset.column_names)
    assert len(undeduplicated) > len(augmented)  # the final pass removed repeats across rows


def test_registry_creates_generators_by_name():
    register("test_shout")(Shout)
    assert "test_shout" in available()
    generator = create("test_shout", seed=4)
    assert isinstance(generator, Shout) and generator.seed == 4
    with pytest.raises(KeyError, match=r"available: .*test_shout"):
        create("no_such_generator")
