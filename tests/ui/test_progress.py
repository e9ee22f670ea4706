"""Reading progress counts what was on screen long enough, not where the cursor jumped (issue 17, item 4)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from reader.ui.screens.stats import StatsScreen

from .helpers import make_app, ready, screen_rows

#: The dwell time of this test: shorter than the product's 2 s (reader.study.progress.DWELL_SECONDS), the same mechanism.
DWELL = 0.5

ROW = re.compile(r"^\s+(\S.*?)\s+[█·]+\s+(\d+)%( ✓)?$")


def _rows(text: str) -> list[tuple[str, int, bool]]:
    """``(title, percent, read)`` of each section row of ``reader stats``."""
    return [(m.group(1), int(m.group(2)), bool(m.group(3))) for m in map(ROW.match, text.splitlines()) if m]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_g_reads_only_what_stays_on_screen_and_the_figures_agree(size, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("reader.study.progress.DWELL_SECONDS", DWELL)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        await pilot.pause(DWELL + 0.4)  # the first screen is read
        await pilot.press("G")  # a jump: what it passes is not read
        await pilot.pause(DWELL + 0.4)  # the last screen is read
        await screen.run_action("stats")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        shown = "\n".join(screen_rows(app))
        await pilot.press("escape", "q")
    done = subprocess.run(
        [sys.executable, "-m", "reader", "stats", "article", "--no-hsk"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = _rows(done.stdout)
    assert len(rows) == 14
    read = [title for title, _, ok in rows if ok]
    # The first and the last sections were on screen; the middle ones never were.
    assert rows[0][2] and rows[-1][2]
    assert all(percent == 0 and not ok for _, percent, ok in rows[4:10]), rows
    # 100% only where the section is read, and the count says the same.
    assert all(ok for _, percent, ok in rows if percent == 100)
    assert f"{len(read)}/14 sections read" in done.stdout
    assert f"Reading progress · {len(read)}/14 sections read" in shown
    done = subprocess.run(
        [sys.executable, "-m", "reader", "stats"], capture_output=True, text=True, env=dict(os.environ), check=False
    )
    assert f"{len(read)}/14 sections read" in done.stdout
