"""PromptTunedGenerator: questions from passages by a causal LM behind a trained soft prompt (ruGPT-3 + peft)."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import tempfile
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from augment.compose import batched
from augment.example import Example, LabelEffect
from augment.generator import Generator
from augment.jsonl import append_jsonl
from augment.optional import require
from augment.ptune.settings import GenerationSettings, TrainingSettings
from augment.ptune.storage import read_config, write_config
from augment.ptune.template import ANSWER_WORDS, TemplateError, encode
from augment.seeding import derive_seed

DEFAULT_BASE_MODEL = "ai-forever/rugpt3small_based_on_gpt2"
OPERATION = "ask"
Encoder = Literal["mlp", "lstm"]


def passage_idx(passage: str) -> str:
    """A stable idx for a bare passage (from its text, so it does not depend on its position in the input)."""
    return "p" + hashlib.blake2b(passage.strip().encode("utf-8"), digest_size=6).hexdigest()


def as_parent(item: Example | str) -> Example:
    """Inputs are examples (their passage is used) or bare passages."""
    if isinstance(item, Example):
        return item
    if not isinstance(item, str) or not item.strip():
        raise ValueError(f"expected an Example or a non-empty passage string, got {item!r}")
    return Example(question="", passage=item.strip(), label=None, idx=passage_idx(item))


@contextlib.contextmanager
def _quiet_peft() -> Iterator[None]:
    """Silence a deprecation warning peft triggers in transformers 5 (``is_gradient_checkpointing``)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing", category=FutureWarning)
        yield


def clean_question(text: str) -> str:
    """The generated text up to the first line break, without surrounding spaces."""
    return text.split("\n", 1)[0].strip()


@dataclass(frozen=True)
class _Request:
    """One decoding job: a parent's passage asked with one label; ``k`` is the sample number (or 0 for beams)."""

    parent: Example
    label: str
    k: int
    prompt: list[int]
    passage_cut: int


class PromptTunedGenerator(Generator):
    """Asks a causal LM (ruGPT-3 by default) for a question about a passage whose answer is «да» or «нет».

    The LM is frozen; a soft prompt of ``num_virtual_tokens`` embeddings, produced by peft's p-tuning
    encoder (``"mlp"`` or ``"lstm"``), is trained with :meth:`fit`. Each output is labeled with the answer
    word it was asked for (``LabelEffect.SET``): run the filters of :mod:`augment.ptune.filters`, above all
    the consistency filter, before trusting those labels.

    ``base_model`` is a hub id, a local folder, or ``"tiny-gpt2"`` (built offline from the training texts).
    The study used ``ai-forever/rugpt3large_based_on_gpt2`` with 30 virtual tokens and an LSTM encoder
    (see :meth:`TrainingSettings.study`). The model loads on first use.
    """

    name = "prompt_tuned"
    version = "1"
    label_effects = {OPERATION: LabelEffect.SET}

    def __init__(
        self,
        base_model: str = DEFAULT_BASE_MODEL,
        *,
        num_virtual_tokens: int = 20,
        encoder: Encoder = "mlp",
        encoder_hidden_size: int | None = None,
        encoder_layers: int = 2,
        max_length: int = 512,
        generation: GenerationSettings | dict[str, Any] | None = None,
        device: str | None = None,
        seed: int = 0,
    ):
        super().__init__(seed)
        if encoder not in ("mlp", "lstm"):
            raise ValueError(f"encoder must be 'mlp' or 'lstm', got {encoder!r}")
        if num_virtual_tokens < 1:
            raise ValueError(f"num_virtual_tokens must be positive, got {num_virtual_tokens}")
        self.base_model = base_model
        self.num_virtual_tokens = num_virtual_tokens
        self.encoder = encoder
        self.encoder_hidden_size = encoder_hidden_size
        self.encoder_layers = encoder_layers
        self.max_length = max_length
        if isinstance(generation, dict):
            generation = GenerationSettings(**generation)
        self.generation = generation or GenerationSettings()
        self.device = device
        self.prompt_dir: str | None = None  # where the prompt was saved or loaded from
        self.training: dict[str, Any] | None = None  # summary of the fit that produced the prompt
        self.stats: Counter[str] = Counter()
        self._tokenizer: Any = None
        self._peft: Any = None
        self._prompt: Any = None  # (num_virtual_tokens, hidden) embeddings used for generation
        self._saved_prompt = False

    # -- loading -------------------------------------------------------------------------------------------

    def _load_backbone(self, texts: Iterable[str] | None) -> Any:
        torch = require("torch", "gen")
        transformers = require("transformers", "gen")
        from augment.tiny_models import resolve_model

        self.base_model = resolve_model(self.base_model, texts)
        self.device = self.device or ("cuda" if torch.cuda.is_available() else "cpu")
        tokenizer = transformers.AutoTokenizer.from_pretrained(self.base_model)
        if tokenizer.pad_token_id is None:
            tokenizer.pad_token = tokenizer.eos_token
        if tokenizer.eos_token_id is None:
            raise ValueError(f"{self.base_model}: the tokenizer has no end-of-text token to end questions with")
        with torch.random.fork_rng(devices=[]):  # whatever loading draws, the global state stays as it was
            backbone = transformers.AutoModelForCausalLM.from_pretrained(self.base_model).to(self.device).eval()
        self._tokenizer = tokenizer
        return backbone

    def _ensure_model(self, texts: Iterable[str] | None = None) -> None:
        """Load the backbone and create an untrained prompt encoder (seeded), unless already there."""
        if self._peft is not None:
            return
        torch = require("torch", "gen")
        peft = require("peft", "gen")
        backbone = self._load_backbone(texts)
        config = peft.PromptEncoderConfig(
            task_type="CAUSAL_LM",
            num_virtual_tokens=self.num_virtual_tokens,
            encoder_reparameterization_type=self.encoder.upper(),
            encoder_hidden_size=self.encoder_hidden_size or backbone.config.get_text_config().hidden_size,
            encoder_num_layers=self.encoder_layers,
        )
        with torch.random.fork_rng(devices=[]), _quiet_peft():
            torch.manual_seed(derive_seed(self.seed, self.name, "prompt encoder"))
            self._peft = peft.get_peft_model(backbone, config).to(self.device)

    def _load_saved(self, directory: str) -> None:
        peft = require("peft", "gen")
        backbone = self._load_backbone(None)
        torch = require("torch", "gen")
        with _quiet_peft(), torch.random.fork_rng(devices=[]):  # the encoder is initialised, then overwritten
            self._peft = peft.PeftModel.from_pretrained(backbone, directory).to(self.device).eval()
        self._saved_prompt = True

    @property
    def tokenizer(self) -> Any:
        self._ensure_model()
        return self._tokenizer

    @property
    def model(self) -> Any:
        """The frozen backbone (a ``transformers`` causal LM)."""
        self._ensure_model()
        return self._peft.get_base_model()

    def prompt_embeddings(self) -> Any:
        """The virtual-token embeddings, ``(num_virtual_tokens, hidden)``: exactly what peft saves (computed
        by peft's own saving code), so a reloaded prompt gives bit-identical outputs."""
        if self._prompt is None:
            torch = require("torch", "gen")
            self._ensure_model()
            if self._saved_prompt:  # a loaded adapter holds the final embeddings, no encoder
                prompt = self._peft.get_prompt(batch_size=1)[0]
            else:  # with grad on, as when saving: an LSTM's no-grad kernel differs in the last bits
                with torch.enable_grad():
                    prompt = self._peft.get_prompt_embedding_to_save("default")
            self._prompt = prompt.detach().to(self.model.device)
        return self._prompt

    # -- training ------------------------------------------------------------------------------------------

    def fit(
        self,
        train_examples: Iterable[Example],
        eval_examples: Iterable[Example] | None = None,
        *,
        output_dir: str | os.PathLike[str] | None = None,
        settings: TrainingSettings | None = None,
        resume: bool = True,
        progress: bool | None = None,
        **overrides: Any,
    ) -> Any:
        """Train the prompt on (answer word of the label + passage -> question) pairs; returns a FitResult.

        Unlabeled examples are skipped. ``settings`` (default :class:`TrainingSettings`) can be adjusted by
        keyword, e.g. ``fit(train, val, learning_rate=3e-3, max_steps=500)``. Checkpoints go to
        ``output_dir`` (a temporary folder when None); with ``resume`` a run continues from the last
        checkpoint there. With ``eval_examples`` the eval loss is reported each epoch, the best epoch is
        kept and training stops early when it no longer improves.
        """
        from augment.ptune.training import build_rows, train_prompt

        if self._saved_prompt:
            raise ValueError("a saved prompt cannot be trained further (peft saves only the final embeddings, "
                             "not the encoder); resume from the Trainer checkpoints in fit's output_dir instead")
        train = list(train_examples)
        evaluation = None if eval_examples is None else list(eval_examples)
        self._ensure_model(text for e in train for text in (e.question, e.passage))
        settings = (settings or TrainingSettings()).replace(**overrides)
        shape = {"max_length": self.max_length, "num_virtual_tokens": self.num_virtual_tokens}
        train_rows = build_rows(train, self._tokenizer, **shape)
        eval_rows = None if evaluation is None else build_rows(evaluation, self._tokenizer, **shape)
        with tempfile.TemporaryDirectory(prefix="ptune-") as scratch:
            result = train_prompt(
                self._peft, self._tokenizer, train_rows, eval_rows, settings, output_dir or scratch,
                resume=resume, use_cpu=self.device == "cpu", progress=progress,
            )
        self._prompt = None
        self.prompt_dir = None
        self.training = {"train_rows": result.train_rows, "global_step": result.global_step,
                         "initial_eval_loss": result.initial_eval_loss, "best_eval_loss": result.best_eval_loss,
                         "settings": dataclasses.asdict(settings)}
        return result

    # -- generation ----------------------------------------------------------------------------------------

    def generate(
        self,
        passages: Iterable[Example | str],
        labels: Sequence[str | bool] | None = None,
        n: int | None = None,
        *,
        batch_size: int | None = None,
        do_sample: bool | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
        num_beams: int | None = None,
        max_new_tokens: int | None = None,
        seed: int | None = None,
    ) -> Iterator[Example]:
        """Yield ``n`` questions per passage and label, in input order (label by label, sample by sample).

        ``passages`` are examples (children keep them as parents) or bare strings (their idx comes from the
        text: see :func:`passage_idx`). Unset options take the generator's defaults (:attr:`generation`).
        Each output's randomness derives from (seed, name, passage idx, label, sample number), so the same
        seed gives the same questions whatever the batch size, order or neighbours. ``meta`` records the
        answer word, the prompt folder, the decoding parameters, the seed and the sequence log-probability
        (at temperature 1, the end token included; rounded to 4 decimals, so that float noise of another
        batch composition does not show).
        """
        settings, seed = self._settings(
            labels=labels, n=n, batch_size=batch_size, do_sample=do_sample, temperature=temperature, top_p=top_p,
            num_beams=num_beams, max_new_tokens=max_new_tokens, seed=seed,
        )
        for chunk in batched((as_parent(item) for item in passages), self._chunk_size(settings)):
            yield from self._generate_chunk(chunk, settings, seed)

    @staticmethod
    def _chunk_size(settings: GenerationSettings) -> int:
        """Inputs decoded together (then sorted by length into batches)."""
        return max(64, 4 * settings.batch_size)

    def _settings(self, labels: Sequence[str | bool] | None = None, seed: int | None = None,
                  **options: Any) -> tuple[GenerationSettings, int]:
        """The generation defaults with ``options`` applied, and the seed to use."""
        settings = self.generation.replace(labels=None if labels is None else tuple(labels), **options)
        return settings, self.seed if seed is None else seed

    def _requests(self, parents: Sequence[Example], settings: GenerationSettings) -> list[_Request]:
        requests = []
        samples = settings.n if settings.do_sample else 1
        for parent in parents:
            for label in settings.labels:
                try:
                    encoded = encode(self.tokenizer, parent.passage, ANSWER_WORDS[label],
                                     max_length=self.max_length, num_virtual_tokens=self.num_virtual_tokens,
                                     reserve=settings.max_new_tokens)
                except TemplateError:
                    self.stats["skipped: no room for the passage"] += 1
                    continue
                requests.extend(_Request(parent, label, k, encoded.prompt, encoded.passage_cut)
                                for k in range(samples))
        return requests

    def _decode(self, requests: list[_Request], settings: GenerationSettings, seed: int) -> list[list[Any]]:
        """Decoded continuations per request (one, or ``n`` beams), batched by prompt length."""
        torch = require("torch", "gen")
        from augment.ptune.decoding import beam_search, decode

        prompt = self.prompt_embeddings()
        model, tokenizer = self.model, self.tokenizer
        ids = {"eos_id": tokenizer.eos_token_id, "pad_id": tokenizer.pad_token_id,
               "max_new_tokens": settings.max_new_tokens}
        order = sorted(range(len(requests)), key=lambda i: -len(requests[i].prompt))
        results: list[list[Any]] = [[] for _ in requests]
        for batch in batched(order, settings.batch_size):
            rows = [requests[i].prompt for i in batch]
            if settings.num_beams > 1:
                outputs = beam_search(model, prompt, rows, num_beams=settings.num_beams, n=settings.n, **ids)
            else:
                generators = None
                if settings.do_sample:
                    generators = [
                        torch.Generator().manual_seed(derive_seed(
                            seed, self.name, requests[i].parent.idx, requests[i].label, requests[i].k))
                        for i in batch
                    ]
                decoded = decode(model, prompt, rows, do_sample=settings.do_sample, temperature=settings.temperature,
                                 top_p=settings.top_p, generators=generators, **ids)
                outputs = [[d] for d in decoded]
            for i, output in zip(batch, outputs):
                results[i] = output
        return results

    def _generate_chunk(self, parents: Sequence[Example], settings: GenerationSettings, seed: int) -> Iterator[Example]:
        requests = self._requests(parents, settings)
        if not requests:
            return
        decoding = settings.decoding()
        for request, outputs in zip(requests, self._decode(requests, settings, seed)):
            for beam, decoded in enumerate(outputs):
                k = request.k + beam
                question = clean_question(self.tokenizer.decode(decoded.ids, skip_special_tokens=True))
                self.stats["generated"] += 1
                self.stats["generated tokens"] += len(decoded.ids)
                if not question:
                    self.stats["dropped: empty question"] += 1
                    continue
                yield self.derive(
                    request.parent, OPERATION, question=question, label=request.label == "yes",
                    tag=f"{request.label}{k}", answer_word=ANSWER_WORDS[request.label], prompt=self.prompt_dir,
                    decoding=decoding, seed=seed, sample=k, logprob=round(decoded.logprob, 4),
                    tokens=len(decoded.ids), finished=decoded.finished, passage_cut=request.passage_cut,
                )

    def generate_to_jsonl(
        self,
        passages: Iterable[Example | str],
        path: str | os.PathLike[str],
        *,
        resume: bool = True,
        manifest: dict[str, Any] | None = None,
        **options: Any,
    ) -> dict[str, int]:
        """Stream :meth:`generate` into a JSONL file, one flushed line per example.

        With ``resume`` (the default) an existing file is continued, but only one this method wrote with the
        same prompt, base model, decoding settings, seed and ``manifest`` entries (e.g. an input fingerprint),
        as its run manifest (``NAME.manifest.json``, see :class:`~augment.jsonl.JsonlAppender`) proves;
        anything else is refused with :class:`~augment.outputs.OutputError`. Inputs whose outputs are all in
        the file are skipped, a torn last line left by a kill is discarded, and the outputs missing from a
        partly done chunk of inputs are generated with that whole chunk again, so that every batch is the same
        as in an uninterrupted run and the file ends up byte for byte the same. ``resume=False`` starts the
        file over. ``options`` are those of :meth:`generate`. Returns counts: inputs, inputs skipped, written,
        already done, torn bytes dropped.
        """
        settings, seed = self._settings(**options)
        prompt = self.prompt_embeddings().detach().float().cpu().numpy().tobytes()
        run = {"generator": f"{self.name} {self.version}", "base_model": self.base_model, "prompt": self.prompt_dir,
               "prompt_sha256": hashlib.sha256(prompt).hexdigest(), "generation": settings.to_dict(),
               "seed": seed, **(manifest or {})}
        counts = Counter(dict.fromkeys(("inputs", "inputs skipped", "written", "already done"), 0))
        with append_jsonl(path, run, overwrite=not resume) as out:
            counts["torn bytes dropped"] = out.dropped_bytes
            counts["already done"] = len(out.done)
            for chunk in batched((as_parent(item) for item in passages), self._chunk_size(settings)):
                counts["inputs"] += len(chunk)
                planned = {self.derive(parent, OPERATION, question="", tag=f"{label}{k}").idx
                           for parent in chunk for label in settings.labels for k in range(settings.n)}
                if planned <= out.done:
                    counts["inputs skipped"] += len(chunk)
                    continue
                for example in self._generate_chunk(chunk, settings, seed):
                    if example.idx not in out.done:
                        out.write(example)
                out.sync()
            counts["written"] = out.written
        return dict(counts)

    # -- saving --------------------------------------------------------------------------------------------

    def save_pretrained(self, directory: str | os.PathLike[str]) -> Path:
        """Save the prompt as a peft adapter plus ``prompt_tuned.json`` (base model, template, answer words,
        generation defaults); :meth:`from_pretrained` gives a generator with identical outputs."""
        self._ensure_model()
        torch = require("torch", "gen")
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        with torch.enable_grad():  # the same kernels as prompt_embeddings()
            self._peft.save_pretrained(str(target))
        from augment import __version__

        write_config(target, {
            "base_model": self.base_model,
            "num_virtual_tokens": self.num_virtual_tokens,
            "encoder": self.encoder,
            "encoder_hidden_size": self.encoder_hidden_size,
            "encoder_layers": self.encoder_layers,
            "max_length": self.max_length,
            "generation": self.generation.to_dict(),
            "seed": self.seed,
            "training": self.training,
            "library_version": __version__,
        })
        self.prompt_dir = str(target)
        return target

    @classmethod
    def from_pretrained(
        cls, directory: str | os.PathLike[str], *, base_model: str | None = None, device: str | None = None
    ) -> PromptTunedGenerator:
        """A generator with the prompt saved in ``directory``; ``base_model`` overrides the saved base model
        id (e.g. a local copy of it)."""
        config = read_config(directory)
        generator = cls(
            base_model or config["base_model"], num_virtual_tokens=config["num_virtual_tokens"],
            encoder=config["encoder"], encoder_hidden_size=config["encoder_hidden_size"],
            encoder_layers=config["encoder_layers"], max_length=config["max_length"],
            generation=GenerationSettings(**config["generation"]),
            device=device, seed=config["seed"],
        )
        generator._load_saved(str(directory))
        generator.training = config.get("training")
        generator.prompt_dir = str(directory)
        return generator
