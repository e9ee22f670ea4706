"""The help screen: one description column for every group (issue 17, item 8)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.containers import VerticalScroll

from reader.ui.dialogs.help import HelpScreen
from reader.ui.modes import help_groups

from .helpers import make_app, ready, screen_rows


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_every_group_lines_its_descriptions_up(size) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body", VerticalScroll)
        rows: list[str] = []
        for y in range(0, body.max_scroll_y + body.size.height, max(1, body.size.height // 2)):
            body.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            rows += screen_rows(app, body.region)
        columns: dict[str, set[int]] = {}
        for group, entries in help_groups():
            assert any(group in row for row in rows), group
            for keys, does in entries:
                start = " ".join(does.split()[:2])
                row = next((r for r in rows if f"{keys} " in r and start in r), None)
                assert row is not None, (keys, does)
                columns.setdefault(group, set()).add(cell_len(row[: row.index(start)]))
        # One column for all: "Words and notes" was 2 cells out of line with the others.
        assert len(set().union(*columns.values())) == 1, columns
