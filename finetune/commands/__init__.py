"""Subcommands of the ``finetune`` command line."""
