"""Quotes in the notes pane and the edit dialog show the text's display form (issue 17, item 7)."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from reader.ui.dialogs.note_editor import NoteEditor
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.notes_pane import NotesPane

from .helpers import make_app, ready, screen_rows


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_the_notes_pane_and_the_editor_show_the_full_width_comma(size) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        text = screen.document.text
        at = text.index("发布以来,公司")  # stored with an ASCII comma; the text shows "，"
        view = screen.query_one(ArticleView)
        view.cursor = at + 2
        await pilot.press("v", "l", "l", "l", "n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert "以来，公司" in "\n".join(screen_rows(app))  # the new-note dialog already did
        editor.query_one(TextArea).insert("since its release")
        await pilot.press("ctrl+s")
        await pilot.pause()
        pane = screen.query_one(NotesPane)
        assert pane.display and pane.notes[0].quote.startswith("以来,公司")  # stored as written
        rows = "\n".join(screen_rows(app))
        assert "「以来，公司" in rows and "以来,公司" not in rows
        pane.query_one("OptionList").focus()
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        rows = "\n".join(screen_rows(app))
        assert "「以来，公司" in rows and "以来,公司" not in rows
