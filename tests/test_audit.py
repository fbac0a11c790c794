"""``augment audit``: the issue's acceptance cases, each on data built here from the embedded sample."""

from __future__ import annotations

import json
import random

import pytest

from augment import Example, write_jsonl
from augment.audit.checks import label_cells
from augment.audit.run import audit
from augment.cli import main
from tests.audit_data import naive_negation, random_labels, twice


@pytest.fixture(scope="module")
def naive(sample_examples):
    return naive_negation(sample_examples)


def run_audit(tmp_path, examples, *options, name="data.jsonl"):
    data = tmp_path / name
    write_jsonl(examples, data)
    status = main(["audit", str(data), "-o", str(tmp_path / "report"), *options])
    return status, json.loads((tmp_path / "report" / "audit.json").read_text(encoding="utf-8"))


def test_naive_negation_is_readable_with_negation_the_top_cue(tmp_path, naive, capsys):
    status, record = run_audit(tmp_path, naive, "--fail-on-artifacts")
    assert status == 1
    assert record["verdict"] == "readable" and record["n"] == len(naive)
    assert record["labels"] == {"yes": len(naive) // 2, "no": len(naive) // 2}
    q = record["question_only"]
    assert q["ci"][0] > q["majority"] + 0.05 and q["ci"][0] <= q["accuracy"] <= q["ci"][1]
    top = record["cues"][0]
    assert (top["feature"], top["label"]) == ("не/нет/ни", "no")
    assert [abs(c["z"]) for c in record["cues"]] == sorted((abs(c["z"]) for c in record["cues"]), reverse=True)
    report = (tmp_path / "report" / "report.md").read_text(encoding="utf-8")
    assert "**Verdict: readable**" in report
    for png in ("probes.png", "cues.png", "form_scores.png", "cells.png"):
        assert f"]({png})" in report
        assert (tmp_path / "report" / png).read_bytes().startswith(b"\x89PNG")
    assert "verdict: readable" in capsys.readouterr().out


def test_labels_drawn_independently_are_clean(tmp_path, naive):
    status, record = run_audit(tmp_path, random_labels(naive), "--fail-on-artifacts")
    assert (status, record["verdict"]) == (0, "clean")
    assert record["question_only"]["ci"][0] <= record["question_only"]["majority"] + 0.05


def test_duplicates_are_counted(sample_examples):
    doubled = twice(sample_examples)
    doubled.append(Example(doubled[0].question, doubled[0].passage, not doubled[0].label, "flipped"))
    found = audit(doubled).duplicates
    assert (found.exact, found.normalized, found.conflicting) == (57, 57, 1)
    assert found.examples["conflicting"][0]["idx"] == [doubled[0].idx, doubled[1].idx, "flipped"]


def test_a_leak_planted_into_an_eval_file_is_found(tmp_path, sample_examples):
    data, held_out = sample_examples[:40], sample_examples[40:]
    planted = Example(data[7].question.upper(), "Совсем другой текст.", data[7].label, "planted")
    write_jsonl([*held_out, planted], tmp_path / "val.jsonl")
    write_jsonl(held_out, tmp_path / "clean_val.jsonl")
    _, record = run_audit(tmp_path, data, "--eval", str(tmp_path / "val.jsonl"), str(tmp_path / "clean_val.jsonl"))
    leak, clean = record["leaks"]
    assert (leak["questions"], leak["passages"], leak["pairs"], leak["n"]) == (1, 0, 0, len(held_out) + 1)
    assert leak["examples"] == [{"idx": "planted", "question": planted.question, "shares": "question"}]
    assert (clean["questions"], clean["passages"]) == (0, 0)


def test_a_flipped_label_ranks_first_given_probabilities(tmp_path, sample_examples):
    rng = random.Random(0)
    # a classifier that knows the true labels, confidently for most and unsure for a few
    probabilities = {e.idx: (0.8 if e.label else 0.2) + rng.uniform(-0.1, 0.1) for e in sample_examples}
    for e in sample_examples[:8]:
        probabilities[e.idx] = 0.45 if e.label else 0.55
    data = [Example(e.question, e.passage, not e.label if e.idx == 30 else e.label, e.idx) for e in sample_examples]
    with (tmp_path / "p.jsonl").open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps({"idx": idx, "probability": p}) + "\n" for idx, p in probabilities.items())
    _, record = run_audit(tmp_path, data, "--probabilities", str(tmp_path / "p.jsonl"))
    issues = record["label_issues"]
    assert issues["examples"][0]["idx"] == 30
    assert issues["flagged"] == 1


def test_side_by_side_says_which_cues_the_data_added(tmp_path, naive, sample_path):
    _, record = run_audit(tmp_path, naive, "--reference", str(sample_path))
    reference = record["reference"]
    assert reference["verdict"] == "clean" and reference["combined"]["verdict"] == "readable"
    assert reference["n"] == 56 and reference["combined"]["n"] == len(naive) + 56
    assert reference["added_cues"][0]["feature"] == "не/нет/ни"
    assert all(abs(c["z"]) >= 3 for c in reference["added_cues"])


def test_labels_per_provenance_cell():
    examples = [
        *(Example(f"Вопрос {i}?", "", i < 3, i, {"generator": "g", "operation": "negate"}) for i in range(4)),
        *(Example(f"Другой {i}?", "", i < 1, 10 + i) for i in range(4)),
    ]
    cells = {tuple(c.cell.items()): (c.yes, c.no, c.rate, c.z) for c in label_cells(examples)}
    # base rate 4/8: z = (0.75 - 0.5) / sqrt(0.25 / 4) = 1
    assert cells == {(("generator", "g"), ("operation", "negate")): (3, 1, 0.75, 1.0),
                     (("operation", "original"),): (1, 3, 0.25, -1.0)}


def test_form_scores_file_and_row_order(tmp_path, naive):
    _, record = run_audit(tmp_path, naive, "--form-scores", str(tmp_path / "scores.jsonl"))
    lines = [json.loads(line) for line in (tmp_path / "scores.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [line["idx"] for line in lines] == [e.idx for e in naive]
    assert all(0 <= line["form_score"] <= 1 for line in lines)
    shuffled = naive[:]
    random.Random(2).shuffle(shuffled)
    again = audit(shuffled).to_dict()
    for key in ("verdict", "question_only", "length_only", "overlap", "cues", "form_scores", "cells"):
        assert again[key] == record[key], key


def test_refuses_to_write_over_what_is_not_its_own(tmp_path, sample_examples, capsys):
    data = tmp_path / "data.jsonl"
    write_jsonl(sample_examples, data)
    foreign = tmp_path / "taken"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["audit", str(data), "-o", str(foreign)]) == 2
    assert "not an earlier audit report" in capsys.readouterr().err
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]
    assert main(["audit", str(data), "-o", str(tmp_path / "r"), "--form-scores", str(data)]) == 2
    assert "is an input file" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()
    assert main(["audit", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "r")]) == 2
    assert main(["audit", str(data), "-o", str(tmp_path / "r")]) == 0
    assert main(["audit", str(data), "-o", str(tmp_path / "r")]) == 0  # an earlier report is replaced


def test_unlabeled_examples_are_refused(tmp_path, sample_examples, capsys):
    data = tmp_path / "data.jsonl"
    write_jsonl([*sample_examples, Example("Кит рыба?", "Про китов.", None, "x")], data)
    assert main(["audit", str(data), "-o", str(tmp_path / "r")]) == 2
    assert "1 example(s) have no label" in capsys.readouterr().err
