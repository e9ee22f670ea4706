"""Pilot tests of the notes pane, the note editor and the confirmation."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.reactive import reactive
from textual.widgets import OptionList, TextArea

from reader.study.notes import Note, NoteStore
from reader.text.document import Document, DocumentBuilder
from reader.ui.dialogs.confirm import ConfirmScreen
from reader.ui.dialogs.note_editor import NoteEditor
from reader.ui.widgets.notes_pane import NotesPane

CSS = Path(__file__).resolve().parents[2] / "reader" / "ui" / "notes.tcss"


def make_doc() -> Document:
    builder = DocumentBuilder()
    builder.add_section("摘要", "Abstract", ["技术瓶颈导致研发进程停滞,削弱了其领先优势。"], section_id="abstract")
    builder.add_section(
        "预训练", "Pretraining", ["预训练作为生成式AI的核心引擎,其停滞意味着动力衰减。"], section_id="pretraining"
    )
    return builder.build(id="sample", title="样本")


class PaneApp(App[None]):
    """A stand-in for the reading screen: owns the notes and binds them into the pane."""

    CSS_PATH = str(CSS)
    notes: reactive[list[Note]] = reactive(list, always_update=True)
    section_id: reactive[str] = reactive("abstract")
    show_all: reactive[bool] = reactive(False)
    read_only: reactive[bool] = reactive(False)

    def __init__(self, doc: Document, notes: list[Note]) -> None:
        super().__init__()
        self.doc = doc
        self.initial = notes
        self.messages: list[tuple[str, object]] = []

    def compose(self) -> ComposeResult:
        yield NotesPane(self.doc, id="pane").data_bind(
            PaneApp.notes, PaneApp.section_id, PaneApp.show_all, PaneApp.read_only
        )

    def on_mount(self) -> None:
        self.notes = self.initial
        self.query_one("#notes-pane-list", OptionList).focus()

    def on_notes_pane_chosen(self, message: NotesPane.Chosen) -> None:
        self.messages.append(("chosen", message.note_id))

    def on_notes_pane_edit_requested(self, message: NotesPane.EditRequested) -> None:
        self.messages.append(("edit", message.note_id))

    def on_notes_pane_delete_requested(self, message: NotesPane.DeleteRequested) -> None:
        self.messages.append(("delete", message.note_id))

    def on_notes_pane_show_all_requested(self, message: NotesPane.ShowAllRequested) -> None:
        self.messages.append(("show_all", message.show_all))
        self.show_all = message.show_all  # the owner decides, and binds the choice back down


def sample_notes() -> tuple[Document, list[Note]]:
    doc = make_doc()
    store = NoteStore.open(doc)
    for quote, text in [("技术瓶颈", "bottleneck #词汇"), ("领先优势", "lead"), ("核心引擎", "core engine")]:
        start = doc.text.index(quote)
        store.add(start, start + len(quote), text)
    return doc, store.notes


def shown(app: PaneApp) -> list[str | None]:
    option_list = app.query_one("#notes-pane-list", OptionList)
    return [option_list.get_option_at_index(i).id for i in range(option_list.option_count)]


async def test_pane_lists_the_section_and_toggles_to_all() -> None:
    doc, notes = sample_notes()
    app = PaneApp(doc, notes)
    async with app.run_test(size=(100, 40)) as pilot:
        pane = app.query_one(NotesPane)
        ids = [n.id for n in notes]
        assert [i for i in shown(app) if i] == ids[:2]
        assert pane.highlighted_note_id == ids[0]
        await pilot.press("a")
        assert pane.show_all and ("show_all", True) in app.messages
        assert [i for i in shown(app) if i] == ids
        app.show_all = False
        app.section_id = "pretraining"
        await pilot.pause()
        assert [i for i in shown(app) if i] == ids[2:]


async def test_pane_shows_orphans_in_their_own_group() -> None:
    doc, notes = sample_notes()
    from dataclasses import replace

    notes = [notes[0], replace(notes[1], orphan=True), notes[2]]
    app = PaneApp(doc, notes)
    async with app.run_test(size=(100, 40)):
        option_list = app.query_one("#notes-pane-list", OptionList)
        prompts = [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]
        assert any(p.startswith("Orphaned") for p in prompts)
        assert shown(app)[-1] == notes[1].id
        assert shown(app).count(notes[1].id) == 1


async def test_pane_posts_chosen_edit_and_delete_and_opens_no_screen() -> None:
    doc, notes = sample_notes()
    app = PaneApp(doc, notes)
    async with app.run_test(size=(100, 40)) as pilot:
        first, second = notes[0].id, notes[1].id
        await pilot.press("enter")
        await pilot.press("e")
        await pilot.press("j")
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)  # asking is the reading screen's job
        assert app.messages == [("chosen", first), ("edit", first), ("delete", second)]


async def test_read_only_pane_refuses_edit_and_delete() -> None:
    doc, notes = sample_notes()
    app = PaneApp(doc, notes)
    async with app.run_test(size=(100, 40)) as pilot:
        app.read_only = True
        await pilot.pause()
        await pilot.press("e", "d")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert app.messages == []
        assert app.query_one(NotesPane).has_class("-read-only")


class EditorApp(App[None]):
    CSS_PATH = str(CSS)

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.text = text
        self.results: list[str | None] = []

    def on_mount(self) -> None:
        self.push_screen(NoteEditor("技术瓶颈", self.text), self.results.append)


async def test_editor_saves_with_ctrl_s() -> None:
    app = EditorApp()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"ok ", "enter")
        app.screen.query_one(TextArea).insert("瓶颈 #词汇")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == ["ok \n瓶颈 #词汇"]


async def test_editor_escape_without_changes_cancels_at_once() -> None:
    app = EditorApp("old text")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_editor_escape_with_changes_asks_first() -> None:
    app = EditorApp("old")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # no: keep editing
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor) and app.results == []
        assert app.screen.text == "oldx"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.results == [None]
