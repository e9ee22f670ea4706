"""The section drill from the reading screen: recognition, then typed pinyin."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from reader.text.tones import to_numbers
from reader.ui.screens.drill import DrillScreen
from reader.ui.widgets.article_view import ArticleView

from .helpers import make_app, ready, screen_rows


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


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_names_are_not_drilled_unless_saved_and_then_asked_as_names(size) -> None:  # type: ignore[no-untyped-def]
    """The drill asked for the meaning of "GPT", "OpenAI", "GPT-5" (issue 17, item 6)."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)

        async def walk() -> list[tuple[str, str]]:
            """Every question of a drill of the first section, as ``(prompt, question)`` read off the screen."""
            await screen.run_action("drill")
            await pilot.pause()
            drill = app.screen
            assert isinstance(drill, DrillScreen)
            seen = []
            while drill.drill.current is not None:
                rows = screen_rows(app)
                prompt = screen_rows(app, drill.query_one("#drill-prompt").region)[0].strip()
                question = screen_rows(app, drill.query_one("#drill-question").region)[0].strip()
                assert prompt in "\n".join(rows) and question in "\n".join(rows)
                seen.append((prompt, question))
                if drill.drill.current.kind == "recognition":
                    await pilot.press("space", "y")
                else:
                    drill.query_one("#drill-input", Input).value = "x"
                    await pilot.press("enter", "enter")
                await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            return seen

        asked = await walk()
        assert asked and not any(q in ("GPT", "OpenAI", "GPT-5", "GPT-4o") for _, q in asked)
        # Saved on purpose, a name is drilled, asked as a name and never for its pinyin.
        view = screen.query_one(ArticleView)
        view.cursor = screen.document.text.index("OpenAI")
        await pilot.press("s")
        await pilot.pause()
        asked = await walk()
        about = [prompt for prompt, question in asked if question == "OpenAI"]
        assert about == ["What is this name?"]
        assert all(
            prompt == "What does this mean?"
            for prompt, question in asked
            if question != "OpenAI" and "pinyin" not in prompt
        )
