"""``augment audit``: label artifacts, leaks and label noise of a yes/no data set, as a report."""

from __future__ import annotations

import argparse
from pathlib import Path

from augment.cli import add_input, add_seed
from augment.jsonl import read_jsonl


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "audit", help="find label artifacts, leaks and label noise in a yes/no data set",
        description="Probe whether the labels can be read off the question form (question-only, length-only "
                    "and question–passage overlap classifiers, out of fold, grouped by origin), list the cues, "
                    "duplicates and leaks into evaluation files, compare with a reference set, and rank likely "
                    "label errors from a classifier's probabilities. Writes OUTPUT/report.md (with PNG plots) "
                    "and OUTPUT/audit.json.",
    )
    add_input(parser, help="JSONL in DaNetQA format, every example labeled")
    parser.add_argument("-o", "--output", required=True, metavar="FOLDER",
                        help="folder for report.md, audit.json and the plots (new, empty, or an earlier report)")
    parser.add_argument("--reference", metavar="JSONL", help="a set to compare with (e.g. the training set the "
                                                             "data augments); the report says which cues the data adds")
    parser.add_argument("--eval", dest="evaluations", nargs="+", action="extend", default=[], metavar="JSONL",
                        help="evaluation files to check for leaks (shared questions or passages)")
    parser.add_argument("--probabilities", metavar="JSONL",
                        help='a classifier\'s P(yes) per example, lines {"idx": ..., "probability": p}: rank '
                             "likely label errors with cleanlab")
    parser.add_argument("--form-scores", metavar="JSONL",
                        help='write each example\'s form score, lines {"idx", "label", "form_score"}')
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    parser.add_argument("--fail-on-artifacts", action="store_true",
                        help="exit with status 1 when the verdict is readable (for data pipelines)")
    add_seed(parser)
    parser.set_defaults(run=run)


def _check_paths(args: argparse.Namespace) -> None:
    """Refuse, before any work, missing inputs and outputs that would overwrite something not ours."""
    from augment.audit.report import is_audit_folder, is_form_scores
    from augment.outputs import same_file

    inputs = [Path(p) for p in (args.input, args.reference, args.probabilities, *args.evaluations) if p]
    for path in inputs:
        if not path.is_file():
            raise FileNotFoundError(f"no such file: {path}")
    if args.folds < 2:
        raise ValueError(f"--folds must be at least 2, got {args.folds}")
    if not is_audit_folder(Path(args.output)):
        raise ValueError(f"{args.output} exists and holds files that are not an earlier audit report; "
                         "choose a new or empty folder")
    if args.form_scores:
        target = Path(args.form_scores)
        if any(same_file(target, path) for path in inputs):
            raise ValueError(f"--form-scores {target} is an input file; it would be overwritten")
        if target.exists() and not is_form_scores(target):
            raise ValueError(f"{target} exists and is not a form-score file written by augment audit")


def _read(path: str, errors: str) -> list:
    reader = read_jsonl(path, errors=errors)
    examples = list(reader)
    if reader.skipped:
        print(reader.report())
    return examples


def run(args: argparse.Namespace) -> int:
    from augment.audit import noise
    from augment.audit.report import summary, write_form_scores, write_report
    from augment.audit.run import audit

    _check_paths(args)
    examples = _read(args.input, args.on_error)
    unlabeled = sum(e.label is None for e in examples)
    if unlabeled:
        raise ValueError(f"{args.input}: {unlabeled} example(s) have no label; the audit needs yes/no labels")
    result = audit(
        examples,
        reference=_read(args.reference, args.on_error) if args.reference else None,
        evaluations={path: _read(path, args.on_error) for path in args.evaluations},
        probabilities=noise.read_probabilities(args.probabilities) if args.probabilities else None,
        folds=args.folds, seed=args.seed,
    )
    written = write_report(result, args.output)
    if args.form_scores:
        write_form_scores(examples, result.form_scores, args.form_scores)
        written.append(Path(args.form_scores))
    print(summary(result))
    print(f"wrote {', '.join(str(p) for p in written[:2])} and {len(written) - 2} more file(s)")
    return 1 if args.fail_on_artifacts and result.verdict == "readable" else 0
