"""``reader serve [NAME|PATH] [--port N] [--host H]``: the reader in a web browser, through textual-serve.

textual-serve runs ``reader open`` once per browser tab, with Textual's web
driver, and relays it over a websocket to xterm.js in the page. The server
listens on 127.0.0.1 unless ``--host`` says otherwise, and says so; Ctrl+C
(or SIGTERM) closes every tab's reader, saving its position, and exits 0.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from reader.commands import COMMANDS

if TYPE_CHECKING:
    import argparse

    from textual_serve.app_service import AppService

DEFAULT_PORT = 8000
LOCAL_HOST = "127.0.0.1"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``serve`` subcommand."""
    parser = sub.add_parser(
        "serve",
        help=COMMANDS["serve"],
        description="Serve the reader to a web browser (textual-serve). Each browser tab gets its own reader.",
    )
    parser.add_argument(
        "document",
        metavar="NAME|PATH",
        nargs="?",
        default="article",
        help="a bundled document name or a file (default: article)",
    )
    parser.add_argument("--port", "-p", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})")
    parser.add_argument(
        "--host",
        default=LOCAL_HOST,
        help=f"address to listen on (default: {LOCAL_HOST}, this machine only; 0.0.0.0 shares it with your network)",
    )
    parser.set_defaults(run=run)


def open_command(document: str) -> str:
    """The shell command each browser tab runs: this Python's ``reader open`` on the document."""
    import shlex
    from pathlib import Path

    from reader.text.content import bundled_names

    target = document if document in bundled_names() else str(Path(document).expanduser().resolve())
    return f"{shlex.quote(sys.executable)} -m reader.cli open {shlex.quote(target)}"


async def close_pipes(service: AppService) -> None:
    """Close a finished tab process's stdin and wait for the process to exit (killed after 10 s)."""
    import asyncio
    import contextlib

    stdin = service._stdin  # textual-serve keeps the pipe private
    if stdin is not None and not stdin.is_closing():
        stdin.close()
        with contextlib.suppress(OSError):
            await stdin.wait_closed()
    process = service._process
    if process is not None and process.returncode is None:
        try:
            await asyncio.wait_for(process.wait(), 10)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()


def run(args: argparse.Namespace) -> int:
    """Check the document, then serve it until Ctrl+C."""
    import socket

    from reader.errors import ReaderError
    from reader.text.content import resolve_document

    doc = resolve_document(args.document)  # a bad name or file: one line, exit 2, before any server starts
    if not 0 < args.port < 65536:
        raise ReaderError(f"--port {args.port}: choose a port between 1 and 65535")
    try:  # a taken port is a message, not aiohttp's traceback
        with socket.create_server((args.host, args.port)):
            pass
    except OSError as exc:
        import os

        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise ReaderError(f"cannot listen on {args.host}:{args.port}: {reason}") from exc
    try:
        import textual_serve.server
        from textual_serve.app_service import AppService
        from textual_serve.server import Server
    except ImportError as exc:
        raise ReaderError("reader serve needs textual-serve: pip install textual-serve") from exc

    class ReaderAppService(AppService):
        """textual-serve's tab process, whose pipes are closed as soon as the tab's reader ends.

        textual-serve 1.1.3 leaves each tab process's stdin pipe open after the
        reader exits. If the pipe is garbage-collected after Ctrl+C has closed
        the event loop, asyncio's transport ``__del__`` prints "RuntimeError:
        Event loop is closed" with a traceback. Here the pipe is closed and
        the process reaped while the loop still runs.
        """

        async def run(self) -> None:
            try:
                await super().run()
            finally:
                await close_pipes(self)

    textual_serve.server.AppService = ReaderAppService  # type: ignore[misc]  # the name handle_websocket builds

    where = "this machine only" if args.host in (LOCAL_HOST, "localhost", "::1") else "every machine that can reach it"
    url = f"http://{args.host}:{args.port}"

    class ReaderServer(Server):
        """textual-serve with the reader's own start-up line instead of its banner."""

        async def on_startup(self, app: object) -> None:
            print(f"reader: serving {doc.title} ({doc.id}) at {url} ({where}); Ctrl+C stops", flush=True)

    ReaderServer(open_command(args.document), host=args.host, port=args.port, title=f"reader: {doc.title}").serve()
    print("reader: stopped", flush=True)
    return 0
