"""Fine-tuning ruBERT / ruRoBERTa on DaNetQA and augmented sets (needs the ``finetune`` extra)."""

__version__ = "0.1.0"
