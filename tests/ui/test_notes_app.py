"""Notes in the running app: add, edit, delete, persistence, a damaged file."""

from __future__ import annotations

from pathlib import Path

import yaml
from textual.widgets import TextArea

from reader.ui.dialogs.confirm import ConfirmScreen
from reader.ui.dialogs.note_editor import NoteEditor
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.notes_pane import NotesPane
from reader.ui.widgets.outline import Outline

from .helpers import make_app, ready

SIZE = (120, 40)


async def _write_note(pilot, text: str) -> None:
    assert isinstance(pilot.app.screen, NoteEditor)
    pilot.app.screen.query_one(TextArea).insert(text)
    await pilot.press("ctrl+s")
    await pilot.pause()


def _notes_file(home: Path) -> dict:
    return yaml.safe_load((home / "notes" / "article.yaml").read_text(encoding="utf-8"))


async def test_add_a_note_on_a_word_and_reopen(reader_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        view.cursor = screen.document.text.index("预训练")
        await pilot.press("n")
        await pilot.pause()
        await _write_note(pilot, "预训练 = pretraining，先在海量数据上训练 #术语")
        pane = screen.query_one(NotesPane)
        assert pane.display
        assert any("预训练" in str(note.quote) for note in pane.notes)
        assert screen.query_one(Outline).note_counts == {"abstract": 1}
        assert view.notes.contains(view.cursor)
    data = _notes_file(reader_home)
    note = data["notes"][0]
    assert note["anchor"]["quote"]["exact"] == "预训练"
    assert note["anchor"]["quote"]["prefix"].endswith("公司在大规模")
    assert note["anchor"]["quote"]["suffix"].startswith("方面屡次受挫")
    assert note["tags"] == ["术语"]
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert [n.quote for n in screen.notes] == ["预训练"]


async def test_note_on_a_selection() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        view.cursor = screen.document.text.index("技术瓶颈")
        await pilot.press("v", "l", "l", "n")
        await pilot.pause()
        await _write_note(pilot, "a whole phrase")
        quote = screen.notes[0].quote
        assert quote.startswith("技术瓶颈") and len(quote) > 4
        assert view.selection_anchor is None


async def test_edit_and_delete_from_the_pane(reader_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("l", "n")
        await pilot.pause()
        await _write_note(pilot, "first text")
        pane = screen.query_one(NotesPane)
        pane.query_one("OptionList").focus()
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        area = app.screen.query_one(TextArea)
        area.text = "edited text"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.notes[0].text == "edited text"
        assert _notes_file(reader_home)["notes"][0]["text"] == "edited text"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert screen.notes == []
        assert _notes_file(reader_home)["notes"] == []


async def test_a_damaged_notes_file_is_reported_and_left_alone(reader_home: Path) -> None:
    notes = reader_home / "notes"
    notes.mkdir()
    damaged = notes / "article.yaml"
    damaged.write_bytes(b"version: 1\nnotes: [unclosed\n")
    before = damaged.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.notes_read_only
        assert screen.notes_read_only
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
        await pilot.press("q")
    assert damaged.read_bytes() == before
