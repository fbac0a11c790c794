"""Build tiny offline stand-ins for ruBERT, ruRoBERTa and ruGPT-3 and load them like hub models.

    python examples/03_tiny_models.py
"""

import tempfile
from pathlib import Path

from transformers import AutoModelForCausalLM, AutoModelForMaskedLM, AutoTokenizer
from transformers.utils import logging

from augment import read_jsonl
from augment.tiny_models import build_tiny_model

logging.disable_progress_bar()
texts = [t for e in read_jsonl(Path(__file__).parent / "data" / "sample.jsonl") for t in (e.question, e.passage)]
folder = Path(tempfile.mkdtemp())
for kind, auto in (("bert", AutoModelForMaskedLM), ("roberta", AutoModelForMaskedLM), ("gpt2", AutoModelForCausalLM)):
    path = build_tiny_model(kind, texts, folder / kind)
    tokenizer, model = AutoTokenizer.from_pretrained(path), auto.from_pretrained(path)
    ids = tokenizer("Есть ли у зайца хвост?", add_special_tokens=False)["input_ids"]
    print(f"{kind:8} {model.num_parameters():>8,} parameters  {[tokenizer.decode([i]) for i in ids]}")
