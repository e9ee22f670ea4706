"""``reader open NAME|PATH``: read a document in the Textual app."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from reader.commands import COMMANDS

if TYPE_CHECKING:
    import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``open`` subcommand."""
    parser = sub.add_parser("open", help=COMMANDS["open"])
    parser.add_argument("target", metavar="NAME|PATH", help="bundled name (see 'reader list') or a file path")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """``reader open TARGET``."""
    return open_target(args.target)


def open_target(target: str) -> int:
    """Load the document (errors exit 2 before the screen opens) and run the app.

    Garbage collection waits until the text is on screen. Start-up (Textual, the
    document, the first frame) allocates tens of thousands of long-lived objects
    and little garbage, yet the collector would walk them again and again: about
    30 ms here, a tenth of the time to the first paint. Once the text is shown,
    one collection frees the garbage, what is left is frozen (``gc.freeze``:
    later collections skip it) and collection resumes.
    """
    gc.disable()
    try:
        from reader.storage.config import load_config
        from reader.text.content import resolve_document

        document = resolve_document(target)
        config = load_config()
        from reader.ui.app import ReaderApp

        app = ReaderApp(document, config, after_first_paint=_resume_collection)
        app.run()
    finally:
        gc.enable()
    unsaved = app.unsaved_check()
    if unsaved:
        import sys

        print(f"reader: not saved (a write failed): {', '.join(unsaved)}", file=sys.stderr)
    # Textual's own status is 1 when the app ended on an exception; unsaved changes are an error too.
    return app.return_code or (1 if unsaved else 0)


def _resume_collection() -> None:
    """Free start-up's garbage, keep what it built out of later collections, and collect from now on."""
    gc.collect()
    gc.freeze()
    gc.enable()
