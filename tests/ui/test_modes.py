"""The mode table: every key is declared once, and shows up in the help, the palette and the footer."""

from __future__ import annotations

from dataclasses import fields

import pytest
from textual.geometry import Region
from textual.widgets import Static

from reader.storage.config import Config, load_config
from reader.ui.app import ReaderApp
from reader.ui.dialogs.help import HelpScreen
from reader.ui.dialogs.meaning import MeaningDialog
from reader.ui.modes import ROWS, Scope, bindings, mode_fields, next_value, palette_rows, status_labels
from reader.ui.screens.palette_screen import PaletteScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.notes_pane import NotesPane
from reader.ui.widgets.palette_list import PaletteList

from .helpers import make_app, ready, status_text

SIZE = (120, 40)
#: The keys of the reading screen and the widgets on it: the help must list each one.
READING_SCOPES = (Scope.APP, Scope.SCREEN, Scope.TEXT, Scope.NOTES, Scope.POPUP)
#: Keys that move the cursor or scroll: in the help, never in the palette.
MOTION = {"scroll_lines", "scroll_page", "word", "select", "cursor_down", "cursor_up"}
#: How the help writes a Textual key name.
SHOWN = {
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "pagedown": "PageDown",
    "pageup": "PageUp",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "question_mark": "?",
    "escape": "esc",
    "home": "Home",
    "end": "End",
    "slash": "/",
    "backslash": "\\",
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "plus": "+",
}


def test_every_mode_is_a_config_field_and_a_screen_var() -> None:
    config = {f.name for f in fields(Config)}
    for field in mode_fields():
        assert field in config, field
        assert field in ReadingScreen._reactives, field


def test_the_widgets_bindings_are_the_tables() -> None:
    tables = [
        (ReaderApp, Scope.APP),
        (ArticleView, Scope.TEXT),
        (MeaningDialog, Scope.MEANING),
        (PaletteScreen, Scope.PALETTE),
    ]
    for cls, scope in tables:
        assert [(b.key, b.action) for b in cls.BINDINGS] == [(b.key, b.action) for b in bindings(scope)]  # type: ignore[union-attr]
    screen = bindings(Scope.SCREEN) + bindings(Scope.POPUP)  # the pop-up's keys are bound on the screen
    assert [(b.key, b.action) for b in ReadingScreen.BINDINGS] == [(b.key, b.action) for b in screen]  # type: ignore[union-attr]
    assert [(b.key, b.action) for b in NotesPane.BINDINGS] == [(b.key, b.action) for b in bindings(Scope.NOTES)]  # type: ignore[union-attr]


def test_every_row_action_has_its_method() -> None:
    owners = {
        Scope.APP: ReaderApp,
        Scope.SCREEN: ReadingScreen,
        Scope.POPUP: ReadingScreen,
        Scope.TEXT: ArticleView,
        Scope.NOTES: NotesPane,
        Scope.MEANING: MeaningDialog,
        Scope.PALETTE: PaletteScreen,
    }
    for row in ROWS:
        owner = owners.get(row.scope)
        if owner is None:
            continue
        actions = [b.action for b in row.binds] + ([row.palette_action] if row.palette else [])
        for action in actions:
            name = action.partition("(")[0]
            assert hasattr(owner, f"action_{name}"), (row, name)


def test_a_toggle_flips_a_flag_and_cycles_a_choice() -> None:
    assert next_value("pinyin", False) is True
    assert next_value("tone_scheme", "zhongwen") == "pleco"
    assert next_value("tone_scheme", "none") == "zhongwen"


def test_status_labels_follow_the_table() -> None:
    assert status_labels({"pinyin": True, "highlight": False, "status_colours": False, "sandhi": True}) == (
        "pinyin no highlight tones as spoken"
    )
    assert status_labels({"pinyin": False, "highlight": True}) == ""


async def test_every_key_is_in_the_help_screen() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(_plain(static) for static in app.screen.query(Static))
        for scope in READING_SCOPES:
            for binding in bindings(scope):
                for key in binding.key.split(","):  # type: ignore[union-attr]
                    assert SHOWN.get(key, key) in shown, (scope, key)


async def test_every_command_key_is_in_the_palette() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, PaletteScreen)
        labels = [row.label for row in app.screen.query_one(PaletteList).rows]  # the whole list, as scrolled through
        offered = labels[: len(palette_rows())]  # the commands come first, in table order
        assert offered == [row.palette for row in palette_rows()]
        actions = {row.palette_action for row in palette_rows()}
        for scope in (Scope.APP, Scope.SCREEN, Scope.TEXT):
            for binding in bindings(scope):
                if binding.action.partition("(")[0] not in MOTION | {"close_popup"}:  # type: ignore[union-attr]
                    assert binding.action in actions, binding  # type: ignore[union-attr]


async def _run_from_palette(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PaletteScreen)
    await pilot.press(*words)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_a_palette_entry_does_what_its_key_does(reader_home) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await _run_from_palette(pilot, "interlinear pinyin")  # a mode, on the screen
        assert "pinyin" in status_text(pilot)
        await _run_from_palette(pilot, "go to the bottom")  # a move, on the text
        assert "§ 14/14" in status_text(pilot)
        await _run_from_palette(pilot, "keys (help)")  # the app's
        assert isinstance(app.screen, HelpScreen)
    assert load_config().pinyin


@pytest.mark.parametrize("key, field", [("p", "pinyin"), ("K", "highlight"), ("o", "outline"), ("N", "notes_pane")])
async def test_each_mode_key_is_saved(reader_home, key: str, field: str) -> None:
    app = make_app()
    before = getattr(Config(), field)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press(key)
        await pilot.pause()
    assert getattr(load_config(), field) is not before


async def test_the_notes_pane_stays_open_across_sessions(reader_home) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("N")
        await pilot.pause()
    again = ReaderApp(make_app().document, load_config())
    async with again.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.pause()
        assert screen.query_one(NotesPane).display
        assert screen.has_class("-notes-open")


def _plain(static: Static) -> str:
    """A widget's text as drawn, row by row."""
    region = Region(0, 0, static.size.width, static.size.height)
    return "\n".join(strip.text for strip in static.render_lines(region))
