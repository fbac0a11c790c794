"""Corpus-scale runs: output independent of processes, chunking and input sharding; resumable shard folders."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest

from augment import read_jsonl
from augment.corpus import Corpus
from augment.rules.balance import merge_label_counts
from augment.rules.generator import RuleBasedGenerator
from augment.scale.jobs import FromTextJob, NegateJob
from augment.scale.merge import merge_stats
from augment.scale.runner import Options, run
from tests.helpers import ROOT
from tests.scale_support import passages, write_wiki

CORPUS = passages()


def rows(path) -> list[str]:
    return [json.dumps(e.to_record(), ensure_ascii=False) for e in read_jsonl(path)]


@pytest.fixture(scope="module")
def wiki(tmp_path_factory):
    """The corpus as a wikiextractor folder (AA/wiki_00, AA/wiki_01: 7 and 21 articles)."""
    root = tmp_path_factory.mktemp("wiki")
    write_wiki(root / "AA" / "wiki_00", CORPUS[:7])
    write_wiki(root / "AA" / "wiki_01", CORPUS[7:])
    return root


@pytest.fixture(scope="module")
def reference(wiki, tmp_path_factory):
    """One process, one chunk, one file: the output every other run must equal."""
    out = tmp_path_factory.mktemp("ref") / "out"
    result = run(FromTextJob(), Corpus([wiki]), out, Options(chunk_size=1000))
    assert len(json.loads((out / "manifest.json").read_text())["shards"]) == 1
    return out, result


def test_runner_equals_the_single_process_generator(reference):
    out, result = reference
    expected = [e.to_record() for e in RuleBasedGenerator(0).from_text(CORPUS)]
    found = [e.to_record() for e in read_jsonl(out)]
    assert found and [{**r, "meta": {k: v for k, v in r["meta"].items() if k not in ("title", "url")}}
                      for r in found] == expected
    assert result.stats.duplicates == 1 and result.stats.passages == len(CORPUS) == result.records + 1


def test_title_of_a_wikiextractor_article_kept_in_meta(reference):
    out, _ = reference
    titles = {e.meta["passage_id"]: e.meta["title"] for e in read_jsonl(out)}
    assert titles["a3"] == "Статья 3" and titles["a0"] == "Статья 0" and "a27" not in titles  # a27 repeats a0


def test_same_output_for_7_shards_7_input_files_and_2_processes(reference, tmp_path):
    out, _ = reference
    inputs = tmp_path / "in"
    for i in range(7):  # the same articles in 7 JSON-lines files
        write_wiki(inputs / f"part{i}.jsonl", CORPUS[4 * i:4 * i + 4])
    sharded = tmp_path / "sharded"
    run(FromTextJob(), Corpus([inputs]), sharded, Options(chunk_size=4, num_proc=2))
    assert len(list(sharded.glob("part-*.jsonl.gz"))) == 7
    assert rows(sharded) == rows(out)


def test_fits_of_shards_merge_exactly():
    generator = RuleBasedGenerator(0)
    whole = generator.text_fit(CORPUS[:20])
    merged = generator.text_fit(CORPUS[:9]).merge(generator.text_fit(CORPUS[9:20]))
    assert merged.counts == whole.counts and len(merged.pool) == len(whole.pool) > 0
    assert all(merged.pool.values(t) == whole.pool.values(t) for t in ("year", "city", "quantity"))
    assert whole.counts != generator.text_fit(CORPUS[:9]).counts  # the halves alone differ


def test_label_counts_and_stats_merge():
    a = {("r", False, True): Counter({True: 2}), ("s", True, False): Counter({False: 1})}
    b = {("r", False, True): Counter({True: 1, False: 3})}
    assert merge_label_counts(a, b) == {("r", False, True): Counter({True: 3, False: 3}),
                                        ("s", True, False): Counter({False: 1})}
    assert a[("r", False, True)] == Counter({True: 2})  # operands unchanged
    first, second = RuleBasedGenerator(0), RuleBasedGenerator(0)
    list(first.from_text(CORPUS[:5]))
    list(second.from_text(CORPUS[5:9]))
    merged = merge_stats(first.text_stats, second.text_stats)
    assert merged.sentences == first.text_stats.sentences + second.text_stats.sentences
    assert merged.produced == first.text_stats.produced + second.text_stats.produced
    assert merged.balance.labels == first.text_stats.balance.labels + second.text_stats.balance.labels
    with pytest.raises(TypeError):
        merge_stats(object(), object())


def test_negate_in_parallel_equals_one_process(sample_path, sample_examples, tmp_path):
    generator = RuleBasedGenerator(1, balance=True)
    expected = [e.to_record() for e in generator.fit(sample_examples).generate(sample_examples)]
    out = tmp_path / "neg.jsonl"
    result = run(NegateJob(seed=1, balance=True), Corpus([sample_path]), out, Options(chunk_size=3, num_proc=2))
    assert [e.to_record() for e in read_jsonl(out)] == expected and result.written == len(expected)
    assert result.stats.seen == len(sample_examples)


def test_resume_after_sigkill_gives_the_uninterrupted_output(reference, wiki, tmp_path):
    out, _ = reference
    folder = tmp_path / "killed"
    script = (
        "import os, signal, sys\n"
        "from augment.corpus import Corpus\n"
        "from augment.scale.jobs import FromTextJob\n"
        "from augment.scale.runner import Options, run\n"
        "class Killed(FromTextJob):\n"
        "    def generate(self, chunk, fit):\n"
        "        if chunk[0].idx == 'a12':\n"
        "            os.kill(os.getpid(), signal.SIGKILL)\n"
        "        return super().generate(chunk, fit)\n"
        "run(Killed(), Corpus([sys.argv[1]]), sys.argv[2], Options(chunk_size=4))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    killed = subprocess.run([sys.executable, "-c", script, str(wiki), str(folder)], env=env, capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    manifest = json.loads((folder / "manifest.json").read_text())
    assert not manifest["complete"] and sorted(manifest["shards"]) == ["0", "1", "2"]
    with pytest.raises(ValueError, match="has not finished"):
        list(read_jsonl(folder))
    before = (folder / "part-00001.jsonl.gz").stat().st_mtime_ns
    result = run(FromTextJob(), Corpus([wiki]), folder, Options(chunk_size=4))
    assert (folder / "part-00001.jsonl.gz").stat().st_mtime_ns == before  # finished shards kept
    assert rows(folder) == rows(out) and result.stats.duplicates == 1
    assert result.records == 27 - 3 * 4  # this run processed only the unfinished chunks


def test_changed_settings_refused_unless_overwrite(wiki, tmp_path):
    folder = tmp_path / "out"
    run(FromTextJob(), Corpus([wiki / "AA" / "wiki_00"]), folder, Options(chunk_size=4))
    with pytest.raises(ValueError, match="other settings; pass --overwrite"):
        run(FromTextJob(per_sentence=1), Corpus([wiki / "AA" / "wiki_00"]), folder, Options(chunk_size=4))
    with pytest.raises(ValueError, match="other chunk_size"):
        run(FromTextJob(), Corpus([wiki / "AA" / "wiki_00"]), folder, Options(chunk_size=3))
    run(FromTextJob(per_sentence=1), Corpus([wiki / "AA" / "wiki_00"]), folder,
        Options(chunk_size=3, overwrite=True))
    assert {e.meta["passage_id"] for e in read_jsonl(folder)} and len(list(folder.glob("part-*.jsonl.gz"))) == 3
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="did not write"):
        run(FromTextJob(), Corpus([wiki]), foreign, Options(overwrite=True))
    assert (foreign / "notes.txt").read_text() == "mine"


def test_changed_input_refused(tmp_path):
    text = tmp_path / "in.txt"
    text.write_text(CORPUS[1].passage + "\n", encoding="utf-8")
    run(FromTextJob(), Corpus([text]), tmp_path / "out", Options())
    text.write_text(CORPUS[2].passage + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="other inputs"):
        run(FromTextJob(), Corpus([text]), tmp_path / "out", Options())


def test_parquet_output_reads_as_the_jsonl_output(reference, wiki, tmp_path):
    out, _ = reference
    folder = tmp_path / "pq"
    run(FromTextJob(), Corpus([wiki]), folder, Options(chunk_size=10, format="parquet"))
    assert len(list(folder.glob("part-*.parquet"))) == 3 and rows(folder) == rows(out)


def test_word_caches_stay_bounded(monkeypatch):
    from augment.rules import morphology

    monkeypatch.setattr(morphology, "WORD_CACHE", 3)
    morph = morphology.Morphology()
    words = ["кит", "рыба", "собор", "озеро", "город"]
    found = [morph.word(word).top.parse.normal_form for word in words]
    assert morph.cache_size() <= 3 and found == ["кит", "рыба", "собор", "озеро", "город"]


def _compose_per_chunk(pipeline, examples, size):
    return [e.to_record() for start in range(0, len(examples), size)
            for e in pipeline.run(examples[start:start + size])]


@pytest.mark.parametrize("balance", [True, False], ids=["balanced", "unbalanced"])
def test_compose_in_parallel_equals_one_process_and_dedupes_within_chunks(sample_path, sample_examples, tmp_path,
                                                                         balance):
    from augment.compose import Pipeline
    from augment.filters import LengthFilter
    from augment.scale.jobs import ComposeJob

    job = ComposeJob(generators=("rule_based",), seed=2, balance=balance)
    one, two = tmp_path / "one.jsonl", tmp_path / "two"
    run(job, Corpus([sample_path]), one, Options(chunk_size=5))
    result = run(job, Corpus([sample_path]), two, Options(chunk_size=5, num_proc=2))
    assert rows(two) == rows(one) and result.stats["input"] == len(sample_examples)
    generator = RuleBasedGenerator(seed=2, balance=balance)
    if balance:  # fitted on the whole input, not on each chunk
        generator.fit(sample_examples)
    pipeline = Pipeline([generator], filters=[LengthFilter(8, 200)], dedupe="normalized")
    assert [e.to_record() for e in read_jsonl(one)] == _compose_per_chunk(pipeline, sample_examples, 5)


def test_compose_fits_each_balancing_generator_on_what_it_receives(sample_path, sample_examples, tmp_path):
    from augment.compose import Mix, Pipeline, Sequential
    from augment.filters import LengthFilter
    from augment.scale.jobs import ComposeJob

    chained, mixed = ComposeJob(("rule_based", "rule_based"), seed=2), ComposeJob(("rule_based", "rule_based"),
                                                                                  mix=(1.0, 1.0), seed=2)
    assert chained.fit_passes == mixed.fit_passes == 2
    first, second = (RuleBasedGenerator(seed=2, balance=True) for _ in range(2))
    first.fit(sample_examples)
    second.fit(Sequential(first).generate(sample_examples))  # the first one's outputs
    assert second.rates != RuleBasedGenerator(seed=2, balance=True).fit(sample_examples).rates
    chain = Pipeline([first, second], filters=[LengthFilter(8, 200)], dedupe="normalized")
    shares = [RuleBasedGenerator(seed=2, balance=True) for _ in range(2)]
    mix = Mix(list(zip(shares, (1.0, 1.0))), seed=2)
    for position, generator in enumerate(shares):  # each its share of the records
        generator.fit([e for e in sample_examples if mix.choose(e) == position])
    assert shares[0].rates != shares[1].rates
    mixture = Pipeline([mix], filters=[LengthFilter(8, 200)], dedupe="normalized")
    for job, pipeline in ((chained, chain), (mixed, mixture)):
        out, parallel = tmp_path / f"{len(job.mix or ())}.jsonl", tmp_path / f"{len(job.mix or ())}"
        run(job, Corpus([sample_path]), out, Options(chunk_size=4))
        run(job, Corpus([sample_path]), parallel, Options(chunk_size=4, num_proc=2))
        assert rows(out) == rows(parallel) == [json.dumps(r, ensure_ascii=False)
                                               for r in _compose_per_chunk(pipeline, sample_examples, 4)]


def test_passages_cut_count_merges_across_workers(wiki, tmp_path):
    generator = RuleBasedGenerator(0)
    expected = [e.to_record() for e in generator.from_text(CORPUS, max_passage_chars=100)]
    one = run(FromTextJob(max_passage_chars=100), Corpus([wiki]), tmp_path / "one.jsonl", Options())
    two = run(FromTextJob(max_passage_chars=100), Corpus([wiki]), tmp_path / "two",
              Options(chunk_size=3, num_proc=2))
    assert generator.text_stats.cut > 0 and one.stats.cut == two.stats.cut == generator.text_stats.cut
    assert f"| passages cut to --max-passage-chars | {two.stats.cut} " in FromTextJob().tables(two.stats)
    assert rows(tmp_path / "two") == rows(tmp_path / "one.jsonl")
    assert [{**r, "meta": {k: v for k, v in r["meta"].items() if k not in ("title", "url")}}
            for r in map(json.loads, rows(tmp_path / "two"))] == expected
    assert max(len(r["passage"]) for r in expected) <= 100


def test_a_folder_is_locked_for_the_run_and_its_stale_temps_removed(wiki, tmp_path):
    from filelock import FileLock

    from augment.outputs import OutputLocked, lock_path

    folder = tmp_path / "out"
    folder.mkdir()
    (folder / ".manifest.json.ab12cd34.tmp").write_text("{", encoding="utf-8")  # killed at its first save
    with FileLock(str(lock_path(folder)), timeout=0), pytest.raises(OutputLocked, match="another run"):
        run(FromTextJob(), Corpus([wiki]), folder, Options(chunk_size=10))
    assert sorted(p.name for p in folder.iterdir()) == [".manifest.json.ab12cd34.tmp"]  # untouched while locked
    run(FromTextJob(), Corpus([wiki]), folder, Options(chunk_size=10))
    stale = [folder / ".part-00001.jsonl.gz.zz99yy88.tmp", folder / ".fit.pickle.a1b2c3d4.tmp"]
    for path in stale:
        path.write_bytes(b"torn")
    run(FromTextJob(), Corpus([wiki]), folder, Options(chunk_size=10))  # resumes a finished run: nothing to do
    assert not any(p.exists() for p in stale) and not lock_path(folder).exists()
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
    (folder / ".notes.tmp").write_text("mine", encoding="utf-8")  # not a temp file name of this tool
    run(FromTextJob(), Corpus([wiki]), folder, Options(chunk_size=10))
    assert (folder / ".notes.tmp").read_text(encoding="utf-8") == "mine"


def test_a_finished_shard_folder_is_an_input_of_the_next_command(reference, tmp_path):
    from augment.cli import main

    out, _ = reference
    as_file = tmp_path / "questions.jsonl"
    as_file.write_text("".join(row + "\n" for row in rows(out)), encoding="utf-8")
    for source, target in ((out, tmp_path / "from-folder.jsonl"), (as_file, tmp_path / "from-file.jsonl")):
        assert main(["negate", str(source), "-o", str(target), "--no-progress"]) == 0
    assert rows(tmp_path / "from-folder.jsonl") == rows(tmp_path / "from-file.jsonl") != []
    manifest = json.loads((out / "manifest.json").read_text())
    (tmp_path / "unfinished").mkdir()
    (tmp_path / "unfinished" / "manifest.json").write_text(json.dumps({**manifest, "complete": False}))
    assert main(["negate", str(tmp_path / "unfinished"), "-o", str(tmp_path / "x.jsonl")]) == 2


ORPHAN_SCRIPT = """
import os, signal, time
from augment.scale.engines import ProcessEngine

engine = ProcessEngine(2)
list(engine.map(max, 0, [(0, 0), (1, 1)]))  # the workers are up
print(*engine._pool._processes, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc") or sys.platform != "linux", reason="reads /proc")
def test_pool_workers_end_when_the_parent_is_killed(tmp_path):
    """A SIGKILL of the command leaves no worker behind waiting for work (and holding its pipes open)."""
    out = tmp_path / "out.txt"
    with out.open("w") as handle:  # a file, not a pipe: a worker left behind would keep a pipe open
        code = subprocess.run([sys.executable, "-c", ORPHAN_SCRIPT], cwd=ROOT, stdout=handle,
                              stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                              timeout=120).returncode
    assert code == -signal.SIGKILL, out.read_text()
    workers = [int(pid) for pid in out.read_text().split()]
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = [pid for pid in workers if _alive(pid)]
    for pid in alive:  # leave nothing behind when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not alive
