"""The Dask engine on a real local cluster (a scheduler and 2 worker processes): same output as one process,
and a worker killed mid-run loses nothing."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from augment import read_jsonl
from augment.cli import main
from augment.corpus import Corpus
from augment.scale.jobs import FromTextJob
from augment.scale.runner import Options, run
from tests.scale_support import passages, write_wiki

distributed = pytest.importorskip("distributed")
CORPUS = passages()


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as found:
        yield found


@pytest.fixture(scope="module")
def wiki(tmp_path_factory):
    return write_wiki(tmp_path_factory.mktemp("wiki") / "wiki_00", CORPUS)


@pytest.fixture(scope="module")
def reference(wiki, tmp_path_factory):
    out = tmp_path_factory.mktemp("ref") / "out"
    run(FromTextJob(), Corpus([wiki]), out, Options(chunk_size=4))
    return [e.to_record() for e in read_jsonl(out)]


class KillsItsWorker(FromTextJob):
    """Kills the worker process running the chunk that starts with ``a12``, once (``marker`` records it)."""

    marker = ""

    def generate(self, chunk, fit):
        if chunk[0].idx == "a12" and not Path(self.marker).exists():
            Path(self.marker).touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return super().generate(chunk, fit)


def test_dask_cluster_gives_the_one_process_output(cluster, wiki, reference, tmp_path):
    result = run(FromTextJob(), Corpus([wiki]), tmp_path / "out",
                 Options(chunk_size=4, engine="dask", scheduler=cluster.scheduler_address))
    assert [e.to_record() for e in read_jsonl(tmp_path / "out")] == reference and result.workers == 2


def test_a_worker_killed_mid_run_is_replaced_and_its_shards_redone(cluster, wiki, reference, tmp_path):
    job = KillsItsWorker()
    job.marker = str(tmp_path / "killed")
    out = tmp_path / "out"
    run(job, Corpus([wiki]), out, Options(chunk_size=4, engine="dask", scheduler=cluster.scheduler_address))
    assert Path(job.marker).exists()  # a worker did die
    assert [e.to_record() for e in read_jsonl(out)] == reference
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["complete"] and sorted(map(int, manifest["shards"])) == list(range(7))
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_cli_dask_engine_without_scheduler_starts_a_local_cluster(wiki, reference, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["from-text", str(wiki), "-o", str(out), "--engine", "dask", "--num-proc", "2",
                 "--chunk-size", "4"]) == 0
    assert "with 2 worker(s)" in capsys.readouterr().out
    assert [e.to_record() for e in read_jsonl(out)] == reference
