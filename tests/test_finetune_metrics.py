import re

import numpy as np
import pytest

from finetune.metrics import Metrics
from finetune.report import experiment_table, mean_std, score_cells
from finetune.trainer import compute_metrics


def test_metrics_match_hand_computed_values():
    labels = [True, True, True, True, False, False]
    predicted = [True, True, True, False, True, False]
    m = Metrics.from_labels(labels, predicted)
    assert (m.tp, m.fn, m.fp, m.tn) == (3, 1, 1, 1)
    assert m.accuracy == pytest.approx(4 / 6)
    assert (m.precision_yes, m.recall_yes, m.f1_yes) == pytest.approx((3 / 4, 3 / 4, 3 / 4))
    assert (m.precision_no, m.recall_no, m.f1_no) == pytest.approx((1 / 2, 1 / 2, 1 / 2))
    assert m.macro_f1 == pytest.approx(0.625)
    assert m.confusion == [[1, 1], [1, 3]]


def test_undefined_scores_are_zero_not_errors():
    m = Metrics.from_labels([True, False, False], [True, True, True])  # never says no
    assert (m.precision_no, m.recall_no, m.f1_no) == (0.0, 0.0, 0.0)
    assert m.precision_yes == pytest.approx(1 / 3) and m.recall_yes == 1.0
    assert m.f1_yes == pytest.approx(2 * (1 / 3) / (1 / 3 + 1))
    with pytest.raises(ValueError, match=re.escape("1 label(s) but 2 prediction(s)")):
        Metrics.from_labels([True], [True, False])


def test_record_round_trip_and_trainer_hook():
    m = Metrics.from_labels([True, False, True, False, True], [True, False, False, True, True])
    assert Metrics.from_dict(m.as_dict()) == m
    logits = np.array([[0.1, 0.9], [0.8, 0.2], [0.7, 0.3], [0.2, 0.6], [-1.0, 2.0]])
    prediction = type("EvalPrediction", (), {"predictions": logits, "label_ids": np.array([1, 0, 1, 0, 1])})()
    scores = compute_metrics(prediction)
    assert Metrics.from_dict(scores) == m
    assert scores["accuracy"] == pytest.approx(0.6)


def test_tables_show_mean_and_std_next_to_the_study():
    assert mean_std([0.5, 0.7]) == "0.600 ± 0.141"
    assert mean_std([0.5]) == "0.500"
    a = Metrics.from_labels([True, False], [True, True]).as_dict()
    b = Metrics.from_labels([True, False], [True, False]).as_dict()
    assert score_cells([a, b])[0] == "0.750 ± 0.354"
    runs = [{"val": a, "test": None, "best_epoch": 2}, {"val": b, "test": None, "best_epoch": 3}]
    table = experiment_table([{"method": "finetune", "model": "rubert", "train_set": "danetqa+pt", "runs": runs}],
                             show_method=False)
    row = table.splitlines()[2]
    assert "| rubert" in row and "0.750 ± 0.354" in row and "0.630" in row and "0.523" in row  # study: 0.63, 0.523
    assert "submit" in row and "2.5 ± 0.7" in row
