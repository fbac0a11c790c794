"""An audit as files: ``report.md`` (tables with PNG plots beside them), ``audit.json``, form scores as JSONL."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from augment.audit import plots
from augment.audit.cues import Cue
from augment.audit.run import Audit, SetAudit
from augment.audit.verdict import MARGIN, ProbeResult
from augment.example import Example
from augment.jsonl import atomic_open, write_records
from augment.report import format_table

TOOL = "augment audit"
REPORT, RECORD = "report.md", "audit.json"
PNGS = ("probes.png", "cues.png", "form_scores.png", "cells.png")
OUTPUTS = (REPORT, RECORD, *PNGS)


def _probe_rows(name: str, audited: SetAudit) -> list[tuple[object, ...]]:
    def row(probe: str, result: ProbeResult) -> tuple[object, ...]:
        return (name, probe, result.accuracy, f"[{result.ci[0]:.3f}, {result.ci[1]:.3f}]", result.majority,
                "reads the labels" if result.readable else "-")

    probes = audited.probes
    return [row("question only", probes.question_only), row("length only", probes.length_only),
            row("question–passage overlap", probes.overlap)]


def _cue_rows(cues: Sequence[Cue]) -> list[tuple[object, ...]]:
    return [(c.kind, c.feature, c.label, c.count, f"{c.rate:.3f}", f"{c.z:+.2f}") for c in cues]


CUE_HEADERS = ("kind", "feature", "leans to", "questions", "yes-rate", "z")
PROBE_HEADERS = ("set", "probe", "accuracy", "95% interval", "majority", "")


def summary(audit: Audit) -> str:
    """The few lines the command prints: size, labels, verdict, question-only probe, top cues, findings."""
    data, q = audit.data, audit.data.probes.question_only
    lines = [
        f"{data.n} examples: {data.labels['yes']} yes / {data.labels['no']} no",
        f"verdict: {audit.verdict} (question-only probe {q.accuracy:.3f}, 95% interval "
        f"[{q.ci[0]:.3f}, {q.ci[1]:.3f}], majority {q.majority:.3f})",
        "top cues: " + "; ".join(f"{c.kind} «{c.feature}» → {c.label} (z {c.z:+.1f}, n={c.count})"
                                 for c in data.cues()[:5]),
        f"duplicates: {audit.duplicates.normalized} repeated question(s), "
        f"{audit.duplicates.conflicting} (question, passage) pair(s) with both labels",
    ]
    lines += [f"leak into {leak.name}: {leak.questions} question(s), {leak.passages} passage(s) shared"
              for leak in audit.leaks]
    if audit.reference is not None:
        lines.append(f"reference: {audit.reference.probes.verdict}; with the data: {audit.combined.probes.verdict}; "
                     f"cues the data added: {', '.join(c.feature for c in audit.added_cues()[:5]) or 'none'}")
    if audit.label_issues is not None:
        lines.append(f"likely label errors (cleanlab): {audit.label_issues['flagged']}")
    return "\n".join(lines)


def markdown(audit: Audit) -> str:
    """The text of ``report.md``."""
    data = audit.data
    parts = [
        "# Audit of a yes/no data set",
        f"{data.n} examples, {data.labels['yes']} yes / {data.labels['no']} no. "
        f"**Verdict: {audit.verdict}** — `readable` when the question-only probe's 95% interval lies above the "
        f"majority rate + {MARGIN}: a model can then score by reading the question's form, not the passage.",
        "## Probes",
        f"Out-of-fold accuracy ({audit.folds} folds grouped by origin, so a question and its rewrites never "
        "straddle folds); the interval is a bootstrap over origin groups.",
        format_table(PROBE_HEADERS, [row for name, audited in audit.sets() for row in _probe_rows(name, audited)]),
        "![probes](probes.png)",
        "## Cues",
        "Words, opening frames (the first two words) and word pairs whose yes-rate departs most from the base "
        "rate; z counts binomial standard errors.",
        format_table(CUE_HEADERS, _cue_rows(data.cues())),
        "![cues](cues.png)",
        "## Form scores",
        "Each example's out-of-fold probability of its own label under the question-only probe: near 1, the form "
        "gives the label away; near 0.5 or below, it does not. Quantiles: "
        + ", ".join(f"{k} {v:.3f}" for k, v in audit.form_score_quantiles().items()) + ".",
        "![form scores](form_scores.png)",
        "## Labels per provenance cell",
        format_table(("cell", "yes", "no", "yes-rate", "z"),
                     [(", ".join(f"{k}={v}" for k, v in c.cell.items()), c.yes, c.no, f"{c.rate:.3f}", f"{c.z:+.2f}")
                      for c in audit.cells]),
        "![cells](cells.png)",
        "## Duplicates and leaks",
        format_table(("finding", "count"), [
            ("questions repeating an earlier one exactly", audit.duplicates.exact),
            ("questions repeating an earlier one once normalized", audit.duplicates.normalized),
            ("(question, passage) pairs with both labels", audit.duplicates.conflicting),
            *((f"{leak.name}: shared questions / passages / pairs (of {leak.n})",
               f"{leak.questions} / {leak.passages} / {leak.pairs}") for leak in audit.leaks),
        ]),
    ]
    conflicting = audit.duplicates.examples.get("conflicting", [])
    if conflicting:
        parts += ["Pairs with both labels:", format_table(("question", "count", "idx"),
                                                         [(r["text"], r["count"], r["idx"]) for r in conflicting])]
    for leak in audit.leaks:
        if leak.examples:
            parts += [f"Shared with {leak.name}:",
                      format_table(("idx", "question", "shares"),
                                   [(r["idx"], r["question"], r["shares"]) for r in leak.examples])]
    if audit.reference is not None:
        added = audit.added_cues()
        parts += ["## Side by side with the reference",
                  "The probes above show the reference alone and the data plus the reference, as training would "
                  "see them. Cues the data added (significant with it, not in the reference alone):",
                  format_table(CUE_HEADERS, _cue_rows(added)) if added else "none.",
                  f"Questions of the data that nearly repeat a reference question (cosine ≥ 0.9): "
                  f"{len(audit.near_duplicates)}."]
        if audit.near_duplicates:
            parts.append(format_table(("idx", "question", "reference", "cosine"),
                                      [(r["idx"], r["question"], r["reference"], r["cosine"])
                                       for r in audit.near_duplicates[:10]]))
    if audit.label_issues is not None:
        parts += ["## Likely label errors",
                  f"cleanlab's `find_label_issues` flags {audit.label_issues['flagged']} label(s) given the "
                  "classifier's probabilities; most likely first:",
                  format_table(("idx", "question", "label", "P(label)"),
                               [(r["idx"], r["question"], "yes" if r["label"] else "no", r["p_label"])
                                for r in audit.label_issues["examples"]])]
    return "\n\n".join(parts) + "\n"


def is_audit_folder(folder: Path) -> bool:
    """Whether ``folder`` may take a report: missing, empty, or holding an earlier audit and nothing else."""
    if not folder.exists():
        return True
    if not folder.is_dir():
        return False
    names = {p.name for p in folder.iterdir() if not is_form_scores(p)}
    if not names:
        return True
    if not names <= set(OUTPUTS) or RECORD not in names:
        return False
    try:
        return json.loads((folder / RECORD).read_text(encoding="utf-8")).get("tool") == TOOL
    except (OSError, ValueError, AttributeError):
        return False


def is_form_scores(path: Path) -> bool:
    """Whether ``path`` is a form-score file this tool wrote (or an empty file)."""
    try:
        with path.open(encoding="utf-8") as handle:
            first = handle.readline()
        return not first.strip() or "form_score" in json.loads(first)
    except (OSError, ValueError, TypeError):
        return False


def write_report(audit: Audit, folder: str | os.PathLike[str]) -> list[Path]:
    """Write ``report.md``, ``audit.json`` and the plots into ``folder``; returns the files written."""
    folder = Path(folder)
    if not is_audit_folder(folder):
        raise FileExistsError(f"{folder} holds files that are not an earlier audit report; choose another folder")
    folder.mkdir(parents=True, exist_ok=True)
    written = [plots.plot_probes(audit.sets(), folder / "probes.png"),
               plots.plot_cues(audit.data.cues(), folder / "cues.png"),
               plots.plot_form_scores(audit.form_scores, folder / "form_scores.png"),
               plots.plot_cells(audit, folder / "cells.png")]
    with atomic_open(folder / REPORT) as handle:
        handle.write(markdown(audit))
    with atomic_open(folder / RECORD) as handle:
        json.dump(audit.to_dict(), handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    return [folder / REPORT, folder / RECORD, *written]


def write_form_scores(examples: Sequence[Example], scores: Sequence[float], path: str | os.PathLike[str]) -> int:
    """One ``{"idx", "label", "form_score"}`` line per example (atomically); returns the count."""
    return write_records(({"idx": example.idx, "label": example.label, "form_score": round(score, 6)}
                          for example, score in zip(examples, scores)), path)
