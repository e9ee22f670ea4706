"""The section drill from the reading screen: recognition, then typed pinyin."""

from __future__ import annotations

from textual.widgets import Input

from reader.text.tones import to_numbers
from reader.ui.screens.drill import DrillScreen

from .helpers import make_app, ready


async def test_drill_recognition_then_production_with_tone_numbers() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await screen.run_action("drill")
        await pilot.pause()
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        asked = len(drill.drill.items)
        assert asked > 0
        while drill.drill.current is not None and drill.drill.current.kind == "recognition":
            await pilot.press("space")
            await pilot.press("y")
            await pilot.pause()
        item = drill.drill.current
        assert item is not None and item.kind == "production"
        typed = to_numbers(" ".join(item.entry.syllables)).replace(" ", "")
        drill.query_one("#drill-input", Input).value = typed
        await pilot.press("enter")
        await pilot.pause()
        assert drill.checked is True
        # The footer offers enter to go on, and enter does.
        active = [b.binding.action for b in drill.active_bindings.values() if b.enabled and b.binding.show]
        assert "next" in active
        before = drill.drill.index
        await pilot.press("enter")
        await pilot.pause()
        assert drill.checked is None
        assert drill.drill.index == before + 1  # the checked answer is recorded and the drill moves on
        assert drill.drill.correct >= 1
