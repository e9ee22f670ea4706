"""The footer: whole labels, chosen by rank for the width, ``? Help`` always (issue 17, item 5)."""

from __future__ import annotations

import itertools

import pytest
from textual.widgets._footer import FooterKey

from reader.ui.widgets.footer import KeyFooter, choose

from .helpers import make_app, ready, screen_rows


def _check_whole(app) -> str:  # type: ignore[no-untyped-def]
    """Every label on the footer row is whole and inside the screen; returns the row."""
    footer = app.screen.query_one(KeyFooter)
    row = screen_rows(app, footer.region)[0]
    keys = list(footer.query(FooterKey))
    palette = [key for key in keys if key.has_class("-command-palette")]
    for key in keys:
        assert footer.region.contains_region(key.region), (key.description, key.region)
        if key not in palette:
            assert not any(key.region.overlaps(p.region) for p in palette), key.description
            assert f"{key.key_display} {key.description}" in row, (key.description, row)
    return row


@pytest.mark.parametrize(
    ("size", "must"),
    [
        ((120, 40), ["? Help", "q Quit", "n Note", "N Notes", "s Save", "S Study", "p Pinyin", "⏎ Look up"]),
        ((80, 24), ["? Help", "q Quit", "n Note", "s Save", "S Study", "p Pinyin", "⏎ Look up"]),
    ],
    ids=["120x40", "80x24"],
)
async def test_the_footer_keeps_the_keys_that_matter(size, must) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.pause()
        row = _check_whole(app)
        for label in must:
            assert label in row, (label, row)


#: Widths from 60 to 200: every tenth, and both sides of where the screen's layout changes (72, 100).
WIDTHS = sorted({*range(60, 201, 10), 61, 67, 71, 72, 73, 79, 81, 99, 101, 119, 121, 155, 199})


async def test_no_dangling_key_at_any_width_from_60_to_200() -> None:
    app = make_app()
    async with app.run_test(size=(60, 24)) as pilot:
        await ready(pilot)
        shown_at: dict[int, int] = {}
        for width in WIDTHS:
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            await pilot.pause()
            row = _check_whole(app)
            assert "? Help" in row, width
            shown_at[width] = len(app.screen.query_one(KeyFooter).query(FooterKey))
        # Wider never shows fewer.
        widths = sorted(shown_at)
        assert all(shown_at[a] <= shown_at[b] for a, b in itertools.pairwise(widths))
        assert shown_at[200] > shown_at[60]


def test_choose_keeps_the_lowest_ranks_that_fit_in_table_order() -> None:
    widths, ranks = [10, 8, 8, 12], [3, 0, 1, 2]
    assert choose(widths, ranks, 16) == [1, 2]
    assert choose(widths, ranks, 28) == [1, 2, 3]
    assert choose(widths, ranks, 40) == [0, 1, 2, 3]
    assert choose(widths, ranks, 7) == []


async def test_the_footer_changes_its_keys_in_place_as_the_focus_moves() -> None:
    """The outline's keys replace the text's when it takes the focus, and back: whole labels, the same widgets."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        widgets = list(footer.query(FooterKey))
        assert "] Next §" in _check_whole(app)
        await pilot.press("tab")  # the outline
        await pilot.pause()
        await pilot.pause()
        row = _check_whole(app)
        assert "← Collapse" in row and "] Next §" not in row, row
        await pilot.press("tab")  # the text again
        await pilot.pause()
        await pilot.pause()
        row = _check_whole(app)
        assert "] Next §" in row and "← Collapse" not in row, row
        assert list(footer.query(FooterKey)) == widgets  # as many keys: the same widgets, relabelled


async def test_the_footer_keeps_its_widgets_when_the_keys_shown_stay_the_same() -> None:
    """Bindings announced again (a pop-up, a mode) with the same keys to show: no key is built again."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        widgets = list(footer.query(FooterKey))
        row = _check_whole(app)
        await pilot.press("enter")
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert app.screen.popup.display  # type: ignore[attr-defined]
        assert list(footer.query(FooterKey)) == widgets
        assert _check_whole(app) == row


async def test_clicking_a_footer_key_runs_its_key() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.pause()
        footer = screen.query_one(KeyFooter)
        pinyin = next(key for key in footer.query(FooterKey) if key.description == "Pinyin")
        assert not screen.pinyin
        await pilot.click(pinyin)
        await pilot.pause()
        assert screen.pinyin
