"""The language warm-up gives way to keys, and still finishes: what only new text needs loads once they rest."""

from __future__ import annotations

import asyncio
import time

from .helpers import make_app, ready, status_text

SIZE = (120, 40)


async def test_the_pinyin_reader_loads_once_the_keys_rest() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert app.last_key == 0.0  # no key yet
        before = status_text(pilot)
        await pilot.press("l", "l", "l")
        await pilot.pause()
        assert app.last_key > 0.0
        assert status_text(pilot) != before  # the keys moved the cursor while the warm-up waited
        language = screen.language
        assert language is not None and language.stack is not None
        deadline = time.monotonic() + 30
        while language.stack.reader._lazy is None and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        assert language.stack.reader._lazy is not None  # loaded after the keys rested
        assert language.stack.reader.word("银行") == ("yin2", "hang2")
