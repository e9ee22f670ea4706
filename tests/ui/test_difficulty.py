"""The difficulty profile has a screen of its own, opened from the palette (issue 17, item 9)."""

from __future__ import annotations

import re

import pytest

from reader.text.hsk import difficulty_profile
from reader.ui.screens.difficulty import DifficultyScreen

from .helpers import make_app, ready, screen_rows


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_the_palette_entry_opens_a_chart_of_the_hsk_levels(size) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Difficulty profile")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DifficultyScreen)
        rows = [row.rstrip() for row in screen_rows(app)]
        profile = difficulty_profile(screen.language.tokens)
        for key, share in profile.items():
            name = f"HSK {'7-9' if key == 7 else key}" if isinstance(key, int) else "beyond HSK"
            row = next(r for r in rows if r.strip().startswith(name + " "))
            bar = re.search(r"[█░]+", row)
            assert bar is not None, row
            # The filled part is the share's part of the biggest share's bar.
            filled = bar.group(0).count("█") / len(bar.group(0))
            assert abs(filled - share / max(profile.values())) < 0.05, row
            assert f"{share:.0%}" in row[bar.end() :], (row, share)
        # Bars are scaled to the largest share: the biggest level fills its bar.
        biggest = max(profile, key=lambda k: profile[k])
        name = (
            f"HSK {biggest}"
            if isinstance(biggest, int) and biggest < 7
            else ("HSK 7-9" if biggest == 7 else "beyond HSK")
        )
        assert "░" not in next(r for r in rows if r.strip().startswith(name + " "))
        text = "\n".join(rows)
        assert "HSK 7-9 " in text and "Knowing every word up to a level covers:" in text
        assert "? Help" in rows[-1] and "esc Close" in rows[-1]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
