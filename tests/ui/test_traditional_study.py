"""A word saved from a text in traditional characters, at 120x40: the card keeps both forms, the drill shows it as read."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input

from reader.storage.paths import deck_path
from reader.text.content import content_dir, resolve_document
from reader.text.document import Document
from reader.text.script import to_traditional
from reader.ui.screens.drill import DrillScreen
from reader.ui.widgets.article_view import ArticleView

from .helpers import make_app, ready, screen_rows, status_text

SIZE = (120, 40)


def traditional_article(tmp_path: Path) -> Document:
    """The bundled article converted to traditional characters, as a file of its own."""
    path = tmp_path / "tw" / "article.md"
    path.parent.mkdir()
    path.write_text(to_traditional((content_dir() / "article.md").read_text(encoding="utf-8")), encoding="utf-8")
    return resolve_document(str(path))


async def test_s_on_a_traditional_word_saves_both_forms_and_the_drill_asks_it_as_written(tmp_path: Path) -> None:
    app = make_app(document=traditional_article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        view.cursor = screen.document.text.index("瓶頸")
        await pilot.press("s")
        await pilot.pause()
        cards = [
            json.loads(line[2:]) for line in deck_path().read_text(encoding="utf-8").splitlines() if line[:2] == "- "
        ]
        token = screen.tokens.at(view.cursor)
        assert token is not None
        written = screen.document.text[token.start : token.end]
        assert (token.text, written) == ("技术瓶颈", "技術瓶頸")  # the glossary term 瓶頸 is part of, here
        assert [(c["word"], c["written"]) for c in cards] == [(token.text, written)]
        await screen.run_action("drill")
        await pilot.pause()
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        questions = []
        while drill.drill.current is not None:
            if drill.drill.current.kind == "recognition":
                questions.append(screen_rows(app, drill.query_one("#drill-question").region)[0].strip())
                await pilot.press("space", "y")
            else:
                drill.query_one("#drill-input", Input).value = "x"
                await pilot.press("enter", "enter")
            await pilot.pause()
        assert "技術瓶頸" in questions and "技术瓶颈" not in questions  # asked as the learner read it
        assert len(questions) > 1 and all(q in screen.document.text for q in questions)  # the glossary's terms too


async def test_the_pop_up_and_status_line_name_a_traditional_word_as_the_text_writes_it(tmp_path: Path) -> None:
    app = make_app(document=traditional_article(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        view.cursor = screen.document.text.index("發展")
        await pilot.press("enter")
        await pilot.pause()
        popup = screen_rows(app, screen.popup.region)
        head = popup[1] if popup[0].strip().startswith("╭") else popup[0]
        assert "發展 〔发展〕" in head  # as written, then the simplified form it was looked up as
        assert not any("发展" in row and "〔" not in row for row in popup)  # nowhere else simplified
        assert "發展 fāzhǎn" in status_text(pilot)
        await pilot.press("escape", "t")  # show it simplified: the status line follows the text
        await pilot.pause()
        assert "发展 fāzhǎn" in status_text(pilot)
        await pilot.press("enter")
        await pilot.pause()
        head = "".join(screen_rows(app, screen.popup.region)[:2])
        assert "发展" in head and "發展" not in head and "〔" not in head
