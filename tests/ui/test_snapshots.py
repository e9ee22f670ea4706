"""Snapshot tests of the main views (pytest-textual-snapshot).

Regenerate after a deliberate UI change with ``pytest tests/ui/test_snapshots.py --snapshot-update``
and look at the SVGs in ``tests/ui/__snapshots__``.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from reader.ui.widgets.article_view import ArticleView

from .helpers import make_app, ready


async def _settle(pilot: Pilot[None]) -> None:
    await ready(pilot)


def test_main_screen_120x40(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_settle)


def test_main_screen_80x24(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_settle)


def test_notes_pane_open(snap_compare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _settle(pilot)
        await pilot.press("l", "n")
        await pilot.pause()
        await pilot.press(*"bao4dao4: report")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("l", "l", "v", "l", "l", "n")
        await pilot.pause()
        await pilot.press(*"a phrase #vocab")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Toasts fade after a few seconds: clear them so the picture never depends on timing.
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


# -- the main states at both sizes ---------------------------------------------------

SIZES = [(120, 40), (80, 24)]


async def _pinyin_on(pilot: Pilot[None]) -> None:
    await _settle(pilot)
    await pilot.press("p")
    await pilot.press("right_square_bracket")
    await pilot.pause()


async def _popup(pilot: Pilot[None]) -> None:
    await _settle(pilot)
    view = pilot.app.screen.query_one(ArticleView)
    view.cursor = view.document.text.index("混合专家系统")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def _notes_pane(pilot: Pilot[None]) -> None:
    await _settle(pilot)
    await pilot.press("l", "n")
    await pilot.pause()
    await pilot.press(*"bao4dao4: report")
    await pilot.press("ctrl+s")
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


async def _study_card(pilot: Pilot[None]) -> None:
    await _settle(pilot)
    view = pilot.app.screen.query_one(ArticleView)
    view.cursor = view.document.text.index("技术")
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()
    await pilot.press("S")
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


async def _help(pilot: Pilot[None]) -> None:
    await _settle(pilot)
    await pilot.press("question_mark")
    await pilot.pause()


async def _palette(pilot: Pilot[None]) -> None:
    await _settle(pilot)
    await pilot.press("ctrl+p")
    await pilot.pause()
    from textual.widgets import Input

    pilot.app.screen.query_one(Input).cursor_blink = False
    await pilot.press(*"toggle")
    await pilot.pause(0.5)
    await pilot.pause()


STATES = {
    "pinyin": _pinyin_on,
    "popup": _popup,
    "notes-pane": _notes_pane,
    "study-card": _study_card,
    "help": _help,
    "palette": _palette,
}


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("state", list(STATES))
def test_main_states(snap_compare, state: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=STATES[state])
