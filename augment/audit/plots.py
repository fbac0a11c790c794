"""The PNG plots of an audit report (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from augment.audit import probe
from augment.audit.cues import Cue
from augment.audit.run import Audit, SetAudit
from augment.outputs import atomic_open

SHOWN_CUES = 15
SHOWN_CELLS = 15


def _pyplot():
    matplotlib = probe.require("matplotlib", probe.EXTRA)
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(figure, path: Path) -> Path:
    """Write the figure to ``path`` atomically (no torn PNG is ever left) and free it."""
    try:
        with atomic_open(path, binary=True) as handle:
            figure.savefig(handle, dpi=110, bbox_inches="tight", format="png")
    finally:
        _pyplot().close(figure)
    return path


def plot_probes(sets: Sequence[tuple[str, SetAudit]], path: Path) -> Path:
    """Accuracy of each probe with its 95% interval, the majority rate and the readable line, per set."""
    plt = _pyplot()
    names = ("question_only", "length_only", "overlap")
    figure, axes = plt.subplots(1, len(sets), figsize=(4.2 * len(sets), 3.6), squeeze=False)
    for axis, (title, audited) in zip(axes[0], sets):
        results = [getattr(audited.probes, name) for name in names]
        xs = range(len(names))
        errors = [[r.accuracy - r.ci[0] for r in results], [r.ci[1] - r.accuracy for r in results]]
        axis.bar(xs, [r.accuracy for r in results], yerr=errors, capsize=4,
                 color=["tab:red" if r.readable else "tab:blue" for r in results])
        majority = results[0].majority
        axis.axhline(majority, color="black", linestyle="--", linewidth=1, label="majority")
        axis.axhline(majority + 0.05, color="grey", linestyle=":", linewidth=1, label="readable above")
        axis.set(title=f"{title}: {audited.probes.verdict}", ylim=(0, 1), ylabel="out-of-fold accuracy")
        axis.set_xticks(list(xs), [n.replace("_", " ") for n in names])
        axis.legend(loc="lower right", fontsize=8)
    return _save(figure, path)


def plot_cues(cues: Sequence[Cue], path: Path) -> Path:
    """The strongest cues as bars of z (right: towards yes, left: towards no)."""
    plt = _pyplot()
    shown = list(cues[:SHOWN_CUES])[::-1]
    figure, axis = plt.subplots(figsize=(7, 0.35 * len(shown) + 1.2))
    axis.barh([f"{c.kind}: {c.feature} (n={c.count})" for c in shown], [c.z for c in shown],
              color=["tab:green" if c.z > 0 else "tab:red" for c in shown])
    axis.axvline(0, color="black", linewidth=1)
    axis.set(xlabel="z of the yes-rate against the base rate", title="cues")
    return _save(figure, path)


def plot_form_scores(scores: Sequence[float], path: Path) -> Path:
    """Histogram of the per-example form scores (the probability the form gives each own label)."""
    plt = _pyplot()
    figure, axis = plt.subplots(figsize=(6, 3.4))
    axis.hist(scores, bins=20, range=(0, 1), color="tab:purple")
    axis.axvline(0.5, color="black", linestyle="--", linewidth=1)
    axis.set(xlabel="form score: out-of-fold P(own label | question)", ylabel="examples", title="form scores")
    return _save(figure, path)


def plot_cells(audit: Audit, path: Path) -> Path:
    """The yes-rate of each provenance cell, the base rate as a line."""
    plt = _pyplot()
    cells = audit.cells[:SHOWN_CELLS][::-1]
    figure, axis = plt.subplots(figsize=(7, 0.35 * len(cells) + 1.2))
    axis.barh([", ".join(f"{v}" for v in c.cell.values()) + f" (n={c.yes + c.no})" for c in cells],
              [c.rate for c in cells], color="tab:blue")
    yes, no = audit.data.labels["yes"], audit.data.labels["no"]
    axis.axvline(yes / max(yes + no, 1), color="black", linestyle="--", linewidth=1, label="base rate")
    axis.set(xlim=(0, 1), xlabel="share of yes", title="labels per provenance cell")
    axis.legend(loc="lower right", fontsize=8)
    return _save(figure, path)
