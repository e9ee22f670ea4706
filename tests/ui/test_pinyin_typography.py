"""Interlinear pinyin as typeset on screen, at 120x40 and 80x24 (issue 17, item 3)."""

from __future__ import annotations

import re

import pytest

from reader.ui.widgets.article_view import ArticleView

from .helpers import make_app, ready, status_text, view_lines

SIZES = [(120, 40), (80, 24)]
#: Closing punctuation with blank cells before it: the comma or quote that stuck to the next word.
DETACHED = re.compile(r"[^\s]\s+[，。、；：！？”’）》」]")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_punctuation_hangs_quotes_close_and_syllables_divide(size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(pinyin=True)
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        seen: list[str] = []
        for phrase in ("最新报道显示", "“智能”", "然而"):
            view.jump_to(screen.document.text.index(phrase))
            await pilot.pause()
            await pilot.pause()
            lines = view_lines(pilot)
            seen += lines
            for line in lines:
                assert not DETACHED.search(line), line
        hanzi = "\n".join(seen)
        assert "显示，" in hanzi  # was "显示    ，OpenAI正"
        assert "“智能”，" in hanzi  # was "“智能    ”，依然"
        assert "rán'ér" in hanzi  # was "ránér"
        assert status_text(pilot).count("然而 rán'ér") == 1
