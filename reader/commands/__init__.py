"""Subcommands of the ``reader`` CLI, one module each."""
