"""Subcommands of the ``augment`` command line."""
