"""Snapshots of the colour layers, alone and together, with keyword highlighting on, at both sizes.

Regenerate with ``pytest tests/ui/test_layer_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from reader.ui.widgets.article_view import ArticleView

from .helpers import make_app, ready

SIZES = [(120, 40), (80, 24)]
#: Word levels set before each picture: one of each, on words of the first paragraph.
LEVELS = (("报道", "2"), ("显示", "3"), ("严峻", "4"), ("技术", "5"), ("面临", "i"), ("突破", "2"))


async def _with_levels(pilot: Pilot[None]) -> None:
    screen = await ready(pilot)
    view = screen.query_one(ArticleView)
    for word, key in LEVELS:
        view.cursor = screen.document.text.index(word)
        await pilot.press(key)
    view.cursor = screen.document.text.index("OpenAI")
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
@pytest.mark.parametrize(
    "layers",
    [{"status_colours": True}, {"hsk_colours": True}, {"status_colours": True, "hsk_colours": True, "hsk_above": "3"}],
    ids=["status", "hsk", "status+hsk-above-3"],
)
def test_layers(snap_compare, size: tuple[int, int], layers: dict[str, object]) -> None:
    assert snap_compare(make_app(**layers), terminal_size=size, run_before=_with_levels)
