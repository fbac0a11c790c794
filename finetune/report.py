"""Markdown reports in the study's layout: per run (per epoch, then the chosen checkpoint) and per experiment."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from augment.jsonl import atomic_open
from augment.report import format_table
from finetune.presets import METHOD_SETTINGS
from finetune.study import reported

if TYPE_CHECKING:
    from finetune.results import TrainResult

SCORE_HEADERS = ("accuracy", "P yes / P no", "R yes / R no", "F1 yes / F1 no", "macro F1")
REPORT_FILE = "report.md"
NO_FIGURE = "—"


def mean_std(values: Sequence[float], digits: int = 3) -> str:
    """``0.523`` for one value, ``0.523 ± 0.012`` (sample standard deviation) for several."""
    if not values:
        return NO_FIGURE
    mean = statistics.fmean(values)
    if len(values) == 1:
        return f"{mean:.{digits}f}"
    return f"{mean:.{digits}f} ± {statistics.stdev(values):.{digits}f}"


def score_cells(records: Sequence[Mapping[str, Any]]) -> list[str]:
    """The study's score columns over one or several metric records (mean ± std across them)."""
    def column(name: str) -> str:
        return mean_std([record[name] for record in records])

    return [column("accuracy"), f"{column('precision_yes')} / {column('precision_no')}",
            f"{column('recall_yes')} / {column('recall_no')}", f"{column('f1_yes')} / {column('f1_no')}",
            column("macro_f1")]


def _removed(removed: Mapping[str, int]) -> str:
    if not removed:
        return "none"
    return ", ".join(f"{count} {reason}" for reason, count in sorted(removed.items()))


def run_report(result: TrainResult, final: Mapping[str, Any] | None = None) -> str:
    """The report of one run: per-epoch dev metrics, then the chosen checkpoint on dev, val and test."""
    config = result.config
    own = ", ".join(f"{name} `{getattr(config, name)}`" for name, method in METHOD_SETTINGS.items()
                    if method == config.method)
    lines = [
        f"# {config.model} ({config.method}), seed {config.seed}",
        "",
        f"- training examples: {result.train_size} (removed so the dev split stays unseen: "
        f"{_removed(result.removed)})",
        f"- dev examples: {result.dev_size}; optimizer steps: {result.total_steps} (the schedule spans the "
        f"actual training set); best epoch: {result.best_epoch} by dev {config.select_metric}",
        *([f"- {config.method} settings: {own}"] if own else []),
        "",
        "## Dev metrics per epoch",
        "",
        format_table(
            ("epoch", "train loss", "learning rate", *SCORE_HEADERS, "confusion [[tn, fp], [fn, tp]]"),
            [(row["epoch"], row.get("loss", NO_FIGURE), f"{row.get('learning_rate') or 0:.2e}", *score_cells([row]),
              row["confusion"]) for row in result.history],
        ),
    ]
    if final is not None:
        rows = [(split, final[split]["total"], *score_cells([final[split]]), final[split]["confusion"])
                for split in ("dev", "val", "test") if final.get(split)]
        lines += ["", f"## The chosen checkpoint (epoch {result.best_epoch})", "",
                  format_table(("split", "examples", *SCORE_HEADERS, "confusion"), rows)]
        if final.get("evaluation"):
            from finetune.evaluation import evaluation_table  # it imports training, which imports this module

            lines += ["", "## Val where the question form cannot help", "", evaluation_table(final["evaluation"])]
        if final.get("submission"):
            lines += ["", f"Test predictions: `{final['submission']}` (Russian SuperGLUE submission format)."]
    return "\n".join(lines) + "\n"


def write_run_report(result: TrainResult, final: Mapping[str, Any] | None = None) -> Path:
    path = result.output_dir / REPORT_FILE
    with atomic_open(path) as handle:
        handle.write(run_report(result, final))
    return path


def _figure(value: float | None) -> str:
    return NO_FIGURE if value is None else f"{value:.3f}"


# columns of the experiment's table from each run's val evaluation: header -> path in the record
EVALUATION_COLUMNS = {"hard accuracy": ("hard", "accuracy"), "contrast accuracy": ("contrast", "accuracy"),
                      "consistency": ("contrast", "consistency")}


def figure_at(record: Mapping[str, Any] | None, path: Sequence[str]) -> Any:
    """The value at ``path`` (keys) in nested mappings, or None where the path breaks off."""
    value: Any = record
    for key in path:
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def evaluation_cell(runs: Sequence[Mapping[str, Any]], path: Sequence[str]) -> str:
    """Mean ± std over the runs that have the figure at ``path`` in their ``evaluation`` record."""
    return mean_std([v for v in (figure_at(run.get("evaluation"), path) for run in runs) if v is not None])


def experiment_table(cells: Sequence[Mapping[str, Any]], show_method: bool) -> str:
    """The study's table over the grid: mean ± std across seeds, the study's accuracies alongside.

    Each cell has ``method``, ``model``, ``train_set`` and ``runs`` (the final records of its seeds).
    P/R/F1 are on val, and so are the hard accuracy, contrast accuracy and consistency (see
    :mod:`finetune.evaluation`).
    """
    headers = ("model", "train set", "seeds", "val accuracy", "study val", "test accuracy", "study test",
               *EVALUATION_COLUMNS, *SCORE_HEADERS[1:], "best epoch")
    rows = []
    for cell in cells:
        runs = cell["runs"]
        study = reported(cell["method"], cell["model"], cell["train_set"]) or {}
        val = score_cells([run["val"] for run in runs])
        tests = [run["test"]["accuracy"] for run in runs if run.get("test")]
        row = [cell["model"], cell["train_set"], len(runs), val[0], _figure(study.get("val")),
               mean_std(tests) if tests else "submit", _figure(study.get("test")),
               *(evaluation_cell(runs, path) for path in EVALUATION_COLUMNS.values()), *val[1:],
               mean_std([run["best_epoch"] for run in runs], digits=1)]
        rows.append([cell["method"], *row] if show_method else row)
    return format_table(("method", *headers) if show_method else headers, rows)


def study_table(cells: Sequence[Mapping[str, Any]]) -> str | None:
    """The study's own rows for the grid's cells (None when it reported none of them)."""
    rows = []
    for cell in cells:
        study = reported(cell["method"], cell["model"], cell["train_set"])
        if study:
            pairs = [" / ".join(f"{v:.2f}" for v in study[k]) if k in study else NO_FIGURE for k in ("P", "R", "F1")]
            rows.append((cell["method"], cell["model"], cell["train_set"], f"{study['val']:.3f}",
                         f"{study['test']:.3f}", *pairs))
    if not rows:
        return None
    return format_table(("method", "model", "train set", "val accuracy", "test accuracy", "P yes / P no",
                         "R yes / R no", "F1 yes / F1 no"), rows)
