"""The meaning in the pop-up: the sense it has here, marked first; choosing another or writing your own (tab)."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import yaml

from reader.ui.dialogs.meaning import MeaningDialog
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.word_popup import WordPopup

from .helpers import make_app, ready

SIZE = (120, 40)
#: 在 here is "at; in" (a place or situation), never CC-CEDICT's first "to exist; to be alive".
LOCATIVE = "公司在大规模预训练方面屡次受挫"


def popup_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    popup = app.screen.query_one(WordPopup)
    return [line.text.rstrip() for line in popup.render_lines(popup.region.reset_offset)]


async def open_popup_on(pilot, screen, phrase: str, char: str) -> None:  # type: ignore[no-untyped-def]
    view = screen.query_one(ArticleView)
    view.cursor = screen.document.text.index(phrase) + phrase.index(char)
    await pilot.press("enter")
    await pilot.pause()


async def test_the_headline_is_the_meaning_here_and_comes_first() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await open_popup_on(pilot, screen, LOCATIVE, "在")
        lines = popup_lines(app)
        headline = next(line for line in lines if "▸" in line)
        assert "at" in headline and "exist" not in headline and "alive" not in headline
        # The dictionary's senses follow, below the headline.
        text = "\n".join(lines)
        assert text.index("▸") < text.index("to exist")
        assert "tab: choose or write your own" in text


async def test_choosing_another_meaning_is_saved_and_shown(reader_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await open_popup_on(pilot, screen, LOCATIVE, "在")
        await pilot.press("tab")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MeaningDialog)
        wanted = next(o for o in dialog.options if "exist" in o)  # pick a different sense on purpose
        await pilot.press("home", *(["down"] * dialog.options.index(wanted)), "enter")
        await pilot.pause()
        assert not isinstance(app.screen, MeaningDialog)
        saved = yaml.safe_load((reader_home / "meanings.yaml").read_text(encoding="utf-8"))
        assert saved["version"] == 1
        [meaning] = saved["meanings"]
        assert meaning["word"] == "在" and meaning["gloss"] == wanted and meaning["document"] == "article"
        headline = next(line for line in popup_lines(app) if "▸" in line)
        assert wanted[:20] in headline and "your meaning" in headline


async def test_your_own_meaning_goes_on_the_card_and_into_the_anki_export(reader_home: Path, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await open_popup_on(pilot, screen, "推出具备强大多模态", "推")
        await pilot.press("s")  # saved first with the reader's meaning ...
        await pilot.pause()
        deck = yaml.safe_load((reader_home / "deck.yaml").read_text(encoding="utf-8"))
        assert "launch" in deck["cards"][0]["meaning"]
        await pilot.press("tab")  # ... then the learner writes their own, for every document
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.click("#meaning-own")
        await pilot.press(*"to roll out", "enter")
        await pilot.pause()
        saved = yaml.safe_load((reader_home / "meanings.yaml").read_text(encoding="utf-8"))
        assert saved["meanings"] == [
            {"word": "推出", "reading": "tui1 chu1", "gloss": "to roll out", "updated": saved["meanings"][0]["updated"]}
        ]
        deck = yaml.safe_load((reader_home / "deck.yaml").read_text(encoding="utf-8"))
        assert deck["cards"][0]["meaning"] == "to roll out"
        assert any("to roll out" in line and "your meaning" in line for line in popup_lines(app))

    from reader.study.deck import load_deck
    from reader.study.export import export
    from reader.text.content import resolve_document

    target = tmp_path / "article.apkg"
    export(resolve_document("article"), [], load_deck(), "anki", target)
    with zipfile.ZipFile(target) as package:
        (tmp_path / "collection").write_bytes(package.read("collection.anki2"))
    fields = [row[0] for row in sqlite3.connect(tmp_path / "collection").execute("SELECT flds FROM notes")]
    assert any(f.startswith("推出") and "to roll out" in f for f in fields), fields


async def test_escape_closes_the_dialog_without_a_change(reader_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await open_popup_on(pilot, screen, LOCATIVE, "在")
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.screen, MeaningDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MeaningDialog)
        assert not (reader_home / "meanings.yaml").exists()


async def test_tab_still_moves_focus_when_the_popup_is_closed() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        before = app.focused
        await pilot.press("tab")
        await pilot.pause()
        assert not isinstance(app.screen, MeaningDialog)
        assert app.focused is not before
        del screen
