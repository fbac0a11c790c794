"""``augment ptune``: train a soft prompt for ruGPT-3, generate questions from passages, filter them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from augment.cli import add_input, add_progress, add_seed, declare_paths
from augment.danetqa import sha256_of
from augment.example import Example
from augment.jsonl import read_jsonl, write_jsonl
from augment.progress import progress, quiet_transformers
from augment.report import format_table


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ptune", help="prompt-tuned question generation (ruGPT-3 + peft)",
        description="Train a p-tuned prompt for a causal LM (ruGPT-3), generate yes/no questions from passages "
                    "with it, and filter what it generated. Needs the gen extra.",
    )
    commands = parser.add_subparsers(dest="ptune_command", required=True, metavar="STEP")
    _register_train(commands)
    _register_generate(commands)
    _register_filter(commands)


def _register_train(commands: argparse._SubParsersAction) -> None:
    from augment.ptune.generator import DEFAULT_BASE_MODEL

    parser = commands.add_parser(
        "train", help="train a prompt on (passage, label, question) examples",
        description="Train a soft prompt (backbone frozen) to ask the question of each example from its passage "
                    "and the answer word of its label; save it as a peft adapter plus prompt_tuned.json.",
    )
    add_input(parser, help="training examples (DaNetQA JSONL)")
    parser.add_argument("--eval", metavar="JSONL", help="eval examples: eval loss each epoch, best epoch kept, "
                                                        "early stopping")
    parser.add_argument("-o", "--output", required=True, help="folder to save the trained prompt in")
    parser.add_argument("--checkpoints", help="Trainer checkpoint folder (default: OUTPUT-checkpoints); "
                                              "a rerun resumes from its last checkpoint")
    parser.add_argument("--no-resume", action="store_true", help="start over even if checkpoints exist")
    parser.add_argument("--base-model", default=DEFAULT_BASE_MODEL,
                        help=f"causal LM id or folder, or tiny-gpt2 (default {DEFAULT_BASE_MODEL})")
    parser.add_argument("--preset", choices=("default", "study"), default="default",
                        help="study: 30 virtual tokens, LSTM encoder, lr 0.1, cosine, 500 warmup steps, "
                             "2,500 steps, batch 4 x accumulation 4")
    parser.add_argument("--virtual-tokens", type=int, help="number of virtual tokens (default 20; study 30)")
    parser.add_argument("--encoder", choices=("mlp", "lstm"), help="prompt encoder (default mlp; study lstm)")
    parser.add_argument("--encoder-hidden-size", type=int, help="encoder width (default: the model's)")
    parser.add_argument("--max-length", type=int, default=512, help="tokens per example; passages are cut")
    parser.add_argument("--lr", type=float, help="learning rate (default 1e-3; study 0.1)")
    parser.add_argument("--epochs", type=float, help="epochs (default 10)")
    parser.add_argument("--max-steps", type=int, help="optimizer steps, overriding --epochs (study 2500)")
    parser.add_argument("--batch-size", type=int, help="examples per step (default 8; study 4)")
    parser.add_argument("--grad-accum", type=int, help="gradient accumulation steps (default 1; study 4)")
    parser.add_argument("--warmup-steps", type=int, help="warmup steps (default 100; study 500)")
    parser.add_argument("--scheduler", choices=("linear", "cosine", "constant_with_warmup"), help="lr schedule")
    parser.add_argument("--patience", type=int, help="evals without improvement before stopping (default 3)")
    parser.add_argument("--device", help="cpu, cuda, cuda:1, ... (default: cuda when available)")
    add_seed(parser)
    add_progress(parser)
    declare_paths(parser, inputs=("input", "eval"), output="output", folder=True)
    parser.set_defaults(run=run_train)


def run_train(args: argparse.Namespace) -> int:
    from augment.ptune.generator import PromptTunedGenerator
    from augment.ptune.settings import TrainingSettings

    quiet_transformers(args.progress)
    study = args.preset == "study"
    settings = TrainingSettings.study() if study else TrainingSettings()
    overrides = {"learning_rate": args.lr, "num_epochs": args.epochs, "max_steps": args.max_steps,
                 "batch_size": args.batch_size, "gradient_accumulation_steps": args.grad_accum,
                 "warmup_steps": args.warmup_steps, "scheduler": args.scheduler,
                 "early_stopping_patience": args.patience, "seed": args.seed}
    settings = settings.replace(**{k: v for k, v in overrides.items() if v is not None})
    generator = PromptTunedGenerator(
        args.base_model, num_virtual_tokens=args.virtual_tokens or (30 if study else 20),
        encoder=args.encoder or ("lstm" if study else "mlp"), encoder_hidden_size=args.encoder_hidden_size,
        max_length=args.max_length, device=args.device, seed=args.seed,
    )
    train = read_jsonl(args.input, errors=args.on_error)
    evaluation = None if args.eval is None else list(read_jsonl(args.eval, errors=args.on_error))
    result = generator.fit(list(train), evaluation, settings=settings, resume=not args.no_resume,
                           output_dir=args.checkpoints or f"{args.output}-checkpoints", progress=args.progress)
    generator.save_pretrained(args.output)
    if train.skipped:
        print(train.report())
    print(f"trained on {result.train_rows} example(s) for {result.global_step} step(s)"
          + (f", resumed from {result.resumed_from}" if result.resumed_from else ""))
    for reason, count in result.skipped.items():
        print(f"skipped {count} example(s): {reason}")
    if result.eval_losses:
        rows = [("before training", f"{result.initial_eval_loss:.4f}")] if result.initial_eval_loss else []
        rows += [(f"epoch {epoch:g}", f"{loss:.4f}") for epoch, loss in result.eval_losses]
        print(format_table(("", "eval loss"), rows))
    print(f"saved the prompt to {args.output}")
    return 0


def _register_generate(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "generate", help="generate questions from passages with a trained prompt",
        description="Ask the trained prompt for questions about each passage, streaming them to a JSONL file; "
                    "a rerun continues where an interrupted one stopped. Unset decoding options take the "
                    "defaults saved with the prompt.",
    )
    parser.add_argument("prompt", help="folder of a prompt saved by 'augment ptune train'")
    add_input(parser, help="passages: a DaNetQA JSONL (each distinct passage once) or a text file, one per line")
    parser.add_argument("-o", "--output", required=True,
                        help="output JSONL (appended to, flushed per line; its run manifest goes to "
                             "OUTPUT.manifest.json)")
    parser.add_argument("--labels", help="answer words to ask for: yes, no or yes,no")
    parser.add_argument("--n", type=int, help="questions per passage and label")
    parser.add_argument("--sample", action=argparse.BooleanOptionalAction, default=None,
                        help="sample (--sample) or decode greedily / by beams (--no-sample)")
    parser.add_argument("--temperature", type=float)
    parser.add_argument("--top-p", type=float)
    parser.add_argument("--num-beams", type=int)
    parser.add_argument("--max-new-tokens", type=int)
    parser.add_argument("--batch-size", type=int)
    parser.add_argument("--overwrite", "--restart", dest="overwrite", action="store_true",
                        help="start OUTPUT over instead of continuing it (a rerun continues only a file this "
                             "command wrote with the same prompt, input and settings)")
    parser.add_argument("--base-model", help="use this copy of the base model instead of the saved id")
    parser.add_argument("--device", help="cpu, cuda, ... (default: cuda when available)")
    parser.add_argument("--seed", type=int, help="random seed (default: the one saved with the prompt)")
    add_progress(parser)
    declare_paths(parser, inputs=("input",), output="output")
    parser.set_defaults(run=run_generate)


def _passages(args: argparse.Namespace) -> list[Example | str]:
    if Path(args.input).suffix != ".jsonl":
        from augment.passages import read_passages

        return [e.passage.strip() for e in read_passages(args.input, errors=args.on_error)]
    distinct: dict[str, Example] = {}
    for example in read_jsonl(args.input, errors=args.on_error):
        distinct.setdefault(example.passage, example)
    return list(distinct.values())


def run_generate(args: argparse.Namespace) -> int:
    from augment.ptune.generator import PromptTunedGenerator

    quiet_transformers(args.progress)
    generator = PromptTunedGenerator.from_pretrained(args.prompt, base_model=args.base_model, device=args.device)
    passages = _passages(args)
    options: dict[str, Any] = {
        "labels": None if args.labels is None else [label.strip() for label in args.labels.split(",")],
        "n": args.n, "do_sample": args.sample, "temperature": args.temperature, "top_p": args.top_p,
        "num_beams": args.num_beams, "max_new_tokens": args.max_new_tokens, "batch_size": args.batch_size,
        "seed": args.seed,
    }
    counts = generator.generate_to_jsonl(progress(passages, args.progress, desc="generate", total=len(passages)),
                                         args.output, resume=not args.overwrite, **options,
                                         manifest={"input_sha256": sha256_of(args.input), "on_error": args.on_error})
    print(f"{len(passages)} passage(s): wrote {counts['written']} question(s) to {args.output}"
          + (f" ({counts['already done']} already there)" if counts["already done"] else ""))
    if counts["torn bytes dropped"]:
        print(f"dropped a torn last line ({counts['torn bytes dropped']} bytes) left by an interrupted run")
    for reason, count in sorted(generator.stats.items()):
        if reason.startswith(("dropped", "skipped")):
            print(f"{reason}: {count}")
    return 0


def _register_filter(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "filter", help="keep generated questions that pass the filters",
        description="Keep general questions («?», no «или», no wh-word, length bounds) that copy no passage "
                    "sentence and repeat no training question or other output; with --classifier, only those "
                    "whose label the classifier gives probability >= --tau.",
    )
    add_input(parser, help="generated examples (JSONL)")
    parser.add_argument("-o", "--output", required=True, help="output JSONL (written atomically)")
    parser.add_argument("--train", metavar="JSONL", help="training examples whose questions must not be copied")
    parser.add_argument("--classifier", help="a yes/no sequence classifier (folder or hub id) for consistency")
    parser.add_argument("--tau", type=float, default=0.5, help="least classifier probability of the label")
    parser.add_argument("--min-words", type=int, default=2)
    parser.add_argument("--max-words", type=int, default=30)
    parser.add_argument("--copy-coverage", type=float, default=0.8,
                        help="share of a passage sentence a copied run of words may not reach")
    declare_paths(parser, inputs=("input", "train"), output="output")
    parser.set_defaults(run=run_filter)


def run_filter(args: argparse.Namespace) -> int:
    from augment.ptune.filters import (
        ConsistencyFilter,
        DuplicateFilter,
        PassageCopyFilter,
        QuestionFormFilter,
        filter_report,
    )

    train_questions = [] if args.train is None else [e.question for e in read_jsonl(args.train)]
    filters = [QuestionFormFilter(args.min_words, args.max_words), PassageCopyFilter(args.copy_coverage),
               DuplicateFilter(train_questions)]
    if args.classifier:
        filters.append(ConsistencyFilter(args.classifier, args.tau))
    reader = read_jsonl(args.input, errors=args.on_error)
    examples = list(reader)
    for filter_ in filters:
        examples = [e for e, keep in zip(examples, filter_.select(examples)) if keep]
    written = write_jsonl(examples, args.output)
    if reader.skipped:
        print(reader.report())
    print(filter_report(filters))
    print(f"kept {written} of {reader.read} example(s); wrote {args.output}")
    return 0
