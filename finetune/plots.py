"""PNG plots of the per-epoch curves of an experiment (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from augment.jsonl import atomic_open
from augment.optional import require
from finetune.report import figure_at

PANELS = (("accuracy", "dev accuracy"), ("macro_f1", "dev macro F1"), ("loss", "train loss"))


def slug(text: str) -> str:
    """A file-name-safe form of ``text``."""
    return re.sub(r"[^\w.+-]+", "_", text).strip("_") or "_"


def plot_curves(runs: Sequence[Mapping[str, Any]], folder: str | Path) -> list[Path]:
    """One PNG per (method, model): per-epoch dev accuracy, dev macro F1 and train loss, one line per training
    set (mean over seeds, shaded between the lowest and highest seed). Returns the files written."""
    matplotlib = require("matplotlib", "finetune")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    History = Sequence[Mapping[str, Any]]
    grouped: dict[tuple[str, str], dict[str, list[History]]] = defaultdict(lambda: defaultdict(list))
    for run in runs:
        grouped[run["method"], run["model"]][run["train_set"]].append(run["history"])
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for (method, model), by_set in grouped.items():
        figure, axes = plt.subplots(1, len(PANELS), figsize=(5 * len(PANELS), 3.8))
        for axis, (key, title) in zip(axes, PANELS):
            for train_set, histories in by_set.items():
                epochs = sorted({row["epoch"] for history in histories for row in history})
                values = [[row[key] for h in histories for row in h if row["epoch"] == e and row.get(key) is not None]
                          for e in epochs]
                points = [(e, v) for e, v in zip(epochs, values) if v]
                if not points:
                    continue
                xs = [e for e, _ in points]
                axis.plot(xs, [statistics.fmean(v) for _, v in points], marker="o", label=train_set)
                axis.fill_between(xs, [min(v) for _, v in points], [max(v) for _, v in points], alpha=0.2)
            axis.set(title=title, xlabel="epoch")
            axis.xaxis.set_major_locator(MaxNLocator(integer=True))
            axis.grid(alpha=0.3)
        axes[0].legend()
        figure.suptitle(f"{model} ({method})")
        written.append(_save(figure, folder / f"{slug(method)}-{slug(model)}.png"))
    return written


def _save(figure: Any, path: Path) -> Path:
    """Write ``figure`` to ``path`` as PNG and free it."""
    import matplotlib.pyplot as plt

    figure.tight_layout()
    with atomic_open(path, binary=True) as handle:
        figure.savefig(handle, format="png", dpi=100)
    plt.close(figure)
    return path


# bars of the evaluation plot: label -> path in a run's final record
ACCURACIES = (("val", ("val", "accuracy")), ("hard", ("evaluation", "hard", "accuracy")),
              ("contrast", ("evaluation", "contrast", "accuracy")))


def plot_evaluation(runs: Sequence[Mapping[str, Any]], folder: str | Path) -> list[Path]:
    """One PNG per (method, model) whose runs were evaluated: val, hard and contrast accuracy per training set
    (bars: mean over seeds; whiskers: lowest to highest seed). Returns the files written."""
    matplotlib = require("matplotlib", "finetune")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    grouped: dict[tuple[str, str], dict[str, list[Mapping[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for run in runs:
        if run.get("evaluation"):
            grouped[run["method"], run["model"]][run["train_set"]].append(run)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    width = 0.8 / len(ACCURACIES)
    for (method, model), by_set in grouped.items():
        figure, axis = plt.subplots(figsize=(max(5.0, 1.6 * len(by_set) + 2), 3.8))
        for k, (label, path) in enumerate(ACCURACIES):
            xs, means, low, high = [], [], [], []
            for x, set_runs in enumerate(by_set.values()):
                values = [v for v in (figure_at(run, path) for run in set_runs) if v is not None]
                if values:
                    mean = statistics.fmean(values)
                    xs.append(x + (k - (len(ACCURACIES) - 1) / 2) * width)
                    means.append(mean)
                    low.append(mean - min(values))
                    high.append(max(values) - mean)
            axis.bar(xs, means, width, yerr=[low, high], capsize=3, label=f"{label} accuracy")
        axis.set_xticks(range(len(by_set)), list(by_set))
        axis.set(ylim=(0, 1), ylabel="accuracy on val", title=f"{model} ({method}): val vs hard vs contrast")
        axis.grid(alpha=0.3, axis="y")
        axis.legend(fontsize="small")
        written.append(_save(figure, folder / f"{slug(method)}-{slug(model)}-evaluation.png"))
    return written
