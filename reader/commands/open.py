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
    parser.add_argument(
        "--at",
        metavar="OFFSET",
        type=_offset,
        help="open with the cursor at this character offset (as in annotate and exports), not the saved position",
    )
    parser.add_argument("--encoding", metavar="NAME", help="the file's text encoding (default: told from its bytes)")
    parser.set_defaults(run=run)


def _offset(value: str) -> int:
    """An ``--at`` value: a whole number of characters, 0 or more."""
    import argparse

    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a character offset: {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"a character offset is 0 or more, not {number}")
    return number


def run(args: argparse.Namespace) -> int:
    """``reader open TARGET [--at OFFSET] [--encoding NAME]``."""
    return open_target(args.target, args.at, getattr(args, "encoding", None))


def open_target(target: str, at: int | None = None, encoding: str | None = None) -> int:
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

        document = resolve_document(target, encoding)
        if at is not None and at > len(document.text):
            from reader.errors import ReaderError

            raise ReaderError(f"--at {at}: {document.id} has {len(document.text)} characters")
        config = load_config()
        _check_chosen_dictionary()
        from reader.ui.app import ReaderApp

        app = ReaderApp(document, config, after_first_paint=_resume_collection, start_at=at)
        app.run()
    finally:
        gc.enable()
    unsaved = app.unsaved_check()
    if unsaved:
        import sys

        print(f"reader: not saved (a write failed): {', '.join(unsaved)}", file=sys.stderr)
    # Textual's own status is 1 when the app ended on an exception; unsaved changes are an error too.
    code = app.return_code or (1 if unsaved else 0)
    if app.return_code is not None:  # the app ran and quit (not a test's stand-in run): leave at once
        _exit_now(code)
    return code


def _check_chosen_dictionary() -> None:
    """A CC-CEDICT file named by ``READER_CEDICT`` or ``cedict:`` must exist and be CC-CEDICT (before the screen)."""
    import os

    if os.environ.get("READER_CEDICT") or _config_names_cedict():
        from reader.text.cedict_build import user_source

        user_source()


def _config_names_cedict() -> bool:
    """Whether the config file sets ``cedict`` (read through the parse memo: no YAML import when unchanged)."""
    from reader.storage.config import cedict_setting

    return cedict_setting() is not None


def _exit_now(code: int) -> None:
    """Leave at once: the position is saved, and freeing a big book's tokens one by one takes seconds.

    The language stack may still be loading in its daemon thread; the process
    ends without waiting for it or tearing the heap down.
    """
    import os
    import sys

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _resume_collection() -> None:
    """Free start-up's garbage, keep what it built out of later collections, and collect from now on."""
    gc.collect()
    gc.freeze()
    gc.enable()
