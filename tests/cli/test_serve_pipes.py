"""``reader serve`` closes each tab process's pipes while its event loop still runs.

CI once printed "RuntimeError: Event loop is closed" with a traceback when
Ctrl+C stopped the server: textual-serve 1.1.3 left the stdin pipe of a tab's
reader open, and the pipe was garbage-collected after the loop had closed.
This reproduces that in one process, with a real child process that has closed
its output but is still running (as a reader is while it saves on the way out).
"""

from __future__ import annotations

import asyncio
import gc
import sys
import time
from types import SimpleNamespace

import pytest

from reader.commands.serve import close_pipes


def unraisable_after_loop_closes(*, close: bool) -> list[str]:
    """Run a child like a tab's reader, close the loop, collect garbage; what ``__del__`` raised."""
    raised: list[str] = []

    async def spawn() -> asyncio.subprocess.Process:
        process = await asyncio.create_subprocess_shell(
            "exec >&- 2>&-; sleep 0.3",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        assert process.stdout is not None and process.stderr is not None
        await process.stdout.read()  # textual-serve's run() ends here, at the end of the output
        await process.stderr.read()
        if close:
            await close_pipes(SimpleNamespace(_stdin=process.stdin, _process=process))  # type: ignore[arg-type]
        return process

    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: raised.append(repr(unraisable.exc_value))
    try:
        loop = asyncio.new_event_loop()
        processes = [loop.run_until_complete(spawn())]
        loop.close()
        del processes
        time.sleep(0.6)  # the child exits; its watcher lets go of the transport
        gc.collect()
    finally:
        sys.unraisablehook = hook
    return raised


@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_open_stdin_pipe_collected_after_the_loop_closes_raises() -> None:
    """Without closing, the failure CI saw: the check below can fail."""
    assert any("Event loop is closed" in text for text in unraisable_after_loop_closes(close=False))


@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_close_pipes_leaves_nothing_to_raise_after_the_loop_closes() -> None:
    assert unraisable_after_loop_closes(close=True) == []
