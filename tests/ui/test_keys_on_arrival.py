"""Keys typed ahead while the reader starts: handled in the order typed, none lost, none turned into commands.

The keys are posted to the app in one burst, as a terminal delivers them when
the learner types faster than the reader draws: ``n``, a note and ``ctrl+s``
before the note editor is even mounted, right as the reading screen comes up
(the language stack still loading). What is checked is what the learner sees
afterwards, and that the reader still answers keys after the editor closed
(``ctrl+s`` in the same burst once left the editor's removal unfinished, and
every later key, ``q`` included, went nowhere).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import events
from textual.widgets import TextArea

from reader.ui.dialogs.note_editor import NoteEditor
from reader.ui.screens.reading import ReadingScreen

from .helpers import make_app, ready, screen_rows

SIZE = (120, 40)
NOTE = "typed while loading"


def _burst(app: object, keys: list[tuple[str, str | None]]) -> None:
    for key, character in keys:
        app.post_message(events.Key(key, character))  # type: ignore[attr-defined]


def _letters(text: str) -> list[tuple[str, str | None]]:
    return [("space" if c == " " else c, c) for c in text]


async def _until(pilot, condition, timeout: float = 30) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "timed out"
        await pilot.pause(0.02)


async def _first_paint(pilot) -> None:
    """Until the article's first words are on the terminal (as the tmux test waits for them)."""
    await _until(pilot, lambda: any("最新报道显示" in row for row in screen_rows(pilot.app)), timeout=60)


async def test_n_and_a_note_typed_in_one_burst_at_first_paint_all_land_in_the_editor(reader_home: Path) -> None:
    """``n`` and the note's letters arrive before the editor exists: every letter is in its text area, in order."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _first_paint(pilot)
        _burst(app, [("n", "n"), *_letters(NOTE)])
        await _until(pilot, lambda: isinstance(app.focused, TextArea))
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert editor.query_one(TextArea).text == NOTE
        reading = app.screen_stack[0]
        assert isinstance(reading, ReadingScreen)
        # none of the note's letters reached the reading screen as a command (p, i, l, h, ...)
        assert reading.pinyin is False and reading.highlight is True and not reading.search.active


async def test_keys_typed_ahead_on_the_text_run_in_order(reader_home: Path) -> None:
    """Mode keys typed in one burst at start each act once, in order (``p`` on, ``p`` off, ``p`` on)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _first_paint(pilot)
        _burst(app, [("p", "p"), ("p", "p"), ("p", "p")])
        screen = await ready(pilot)
        await pilot.pause()
        assert screen.pinyin is True


async def test_a_note_saved_in_the_same_burst_leaves_the_reader_answering_keys(reader_home: Path) -> None:
    """``n``, a note and ``ctrl+s`` in one burst: the note is saved, the editor is gone, and ``q`` quits."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _first_paint(pilot)
        _burst(app, [("n", "n"), *_letters(NOTE), ("ctrl+s", None)])
        notes = reader_home / "notes" / "article.yaml"
        await _until(pilot, lambda: notes.exists() and NOTE in notes.read_text(encoding="utf-8"))
        await _until(pilot, lambda: len(app.screen_stack) == 1)
        await _until(pilot, lambda: not app.query(TextArea))  # the editor's widgets have left the app
        assert f"text: {NOTE}" in notes.read_text(encoding="utf-8")
        await pilot.press("q")
        await _until(pilot, lambda: app._exit)
    assert app.return_code == 0
