"""``finetune evaluate``: score a trained model on a labeled file, optionally where form cues cannot help."""

from __future__ import annotations

import argparse
from pathlib import Path

from augment.cli import add_progress, declare_paths
from augment.progress import quiet_transformers
from augment.report import format_table


def register(subparsers: argparse._SubParsersAction) -> None:
    from finetune.evaluation import DEFAULT_GENERATOR, EVALUATION_FILE, THRESHOLD, TOP_CUES

    parser = subparsers.add_parser(
        "evaluate", help="score a trained model on a labeled JSONL file (and on its hard part and contrast set)",
        description="Accuracy, per-class precision/recall/F1 (yes = positive), macro F1 and the confusion matrix "
                    "of a trained model; with --hard also on the examples a question-only probe cannot answer "
                    "(and the cue slices), with --contrast on the questions negated (label flipped) and reframed "
                    "(label kept) over the same passages, with consistency and negation sensitivity.")
    parser.add_argument("model", help="a model folder written by finetune train (OUTPUT/model)")
    parser.add_argument("input", help="labeled JSONL in DaNetQA format")
    parser.add_argument("--hard", action="store_true", help="split by a question-only probe into hard and easy "
                        "parts; also report accuracy on the examples carrying the top form cues")
    parser.add_argument("--threshold", type=float, default=THRESHOLD, help="an example is easy when the probe "
                        f"gives its own label at least this probability (default {THRESHOLD})")
    parser.add_argument("--probe-train", metavar="FILE", help="fit the probe on this labeled JSONL (the training "
                        "set) instead of out-of-fold on INPUT itself")
    parser.add_argument("--top-cues", type=int, default=TOP_CUES, help=f"cue slices to report (default {TOP_CUES})")
    parser.add_argument("--contrast", action="store_true", help="score the contrast set: each question the "
                        "rewriter covers, negated and reframed")
    parser.add_argument("--contrast-generator", default=DEFAULT_GENERATOR, metavar="NAME", help="registered "
                        "generator whose label-flipping and label-keeping operations rewrite (default "
                        f"{DEFAULT_GENERATOR})")
    parser.add_argument("-o", "--output", metavar="DIR", help=f"write DIR/{EVALUATION_FILE}")
    parser.add_argument("--batch-size", type=int, help="default: the model's evaluation batch size")
    add_progress(parser)
    declare_paths(parser, inputs=("input",))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from finetune.evaluation import EVALUATION_FILE, evaluate, writable_record
    from finetune.report import SCORE_HEADERS, score_cells

    quiet_transformers(args.progress)

    target = None if args.output is None else writable_record(Path(args.output) / EVALUATION_FILE)
    evaluation = evaluate(args.model, args.input, hard=args.hard, contrast=args.contrast,
                          batch_size=args.batch_size, progress=args.progress, threshold=args.threshold,
                          probe_train=args.probe_train, contrast_generator=args.contrast_generator,
                          top_cues=args.top_cues)
    metrics = evaluation.metrics
    print(format_table(("examples", *SCORE_HEADERS, "confusion [[tn, fp], [fn, tp]]"),
                       [(metrics.total, *score_cells([metrics.as_dict()]), metrics.confusion)]))
    if args.hard or args.contrast:
        print()
        print(evaluation.table())
    if target is not None:
        evaluation.write(target)
        print(f"\nwrote {target}")
    return 0
