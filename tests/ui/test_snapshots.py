"""Snapshot tests of the main views (pytest-textual-snapshot).

Regenerate after a deliberate UI change with ``pytest tests/ui/test_snapshots.py --snapshot-update``
and look at the SVGs in ``tests/ui/__snapshots__``.
"""

from __future__ import annotations

from textual.pilot import Pilot

from reader.ui.widgets.article_view import ArticleView

from .helpers import make_app, ready


async def _settle(pilot: Pilot[None]) -> None:
    await ready(pilot)


def test_main_screen_120x40(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_settle)


def test_main_screen_80x24(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_settle)


def test_interlinear_pinyin(snap_compare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _settle(pilot)
        await pilot.press("p")
        await pilot.press("right_square_bracket")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


def test_word_popup(snap_compare) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _settle(pilot)
        view = pilot.app.screen.query_one(ArticleView)
        view.cursor = view.document.text.index("混合专家系统")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


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
