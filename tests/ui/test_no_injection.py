"""No control sequence from a document or a user file reaches the terminal (issue 15).

A document whose text, headings and title hold ESC, OSC (window title, clipboard), CSI,
C1, BEL and bidi controls, with a note and a saved card carrying the same, goes through
every main screen: what each screen sends to the terminal (its strips rendered as
terminal sequences) holds no ESC except Textual's own style sequences, no BEL and no C1
character; the hostile sequences show as placeholders (``␛``).
"""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import App

from reader.study.deck import load_deck
from reader.study.notes import NoteStore
from reader.text.content import resolve_document
from reader.ui.screens.study import StudyScreen
from reader.ui.widgets.article_view import ArticleView

from .helpers import make_app, ready

EVIL = "\x1b]2;pwned\x07\x1b]52;c;aGk=\x07\x1b[2J\x9b31m\x9d0;t\x9c\u202e"
EVIL_MD = (
    f"# 标题{EVIL}\n\n"
    f"最新报道显示，OpenAI正面临{EVIL}严峻的技术挑战。\n\n"
    f"## 第二节{EVIL}\n\n"
    f"技术瓶颈导致研发进程停滞\x07，削弱了其领先优势{EVIL}。\n\n"
    + "面对日益激烈的全球竞争，模型架构与训练方法亟需取得实质性突破。" * 30
    + "\n"
)
#: Textual's own style sequences (SGR); anything else starting with ESC came from the content.
_SGR = re.compile(r"\x1b\[[0-9;:]*m")


def write_evil(folder: Path) -> Path:
    path = folder / "evil.md"
    path.write_text(EVIL_MD, encoding="utf-8")
    return path


def terminal_output(app: App[None]) -> str:
    """What the current screen sends to the terminal: every strip rendered as sequences."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.render(app.console) for strip in strips)


def assert_clean(output: str) -> None:
    rest = _SGR.sub("", output)
    bad = [c for c in rest if c in "\x1b\x07" or 0x80 <= ord(c) < 0xA0 or c == "\u202e"]
    assert bad == [], sorted(set(bad))


async def test_every_main_screen_shows_hostile_text_as_placeholders(tmp_path: Path) -> None:
    doc = resolve_document(str(write_evil(tmp_path)))
    at = doc.text.index("技术")
    NoteStore.open(doc).add(at, at + 2, f"note {EVIL} #tag")
    load_deck().save_word(doc.id, "技术", ["ji4", "shu4"], f"technology{EVIL}", doc.text, at, at + 2)
    app = make_app(document=doc, outline=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        shown = terminal_output(app)
        assert_clean(shown)
        assert "␛]52;c;" in _SGR.sub("", shown)  # the sequence is shown, not obeyed
        view = screen.query_one(ArticleView)
        view.cursor = at
        await pilot.press("enter")  # the pop-up
        await pilot.pause()
        assert_clean(terminal_output(app))
        await pilot.press("escape", "N")  # the notes pane
        await pilot.pause()
        shown = terminal_output(app)
        assert_clean(shown)
        assert "#tag" in _SGR.sub("", shown)  # the note is shown (only it has #tag), with no raw control character
        await pilot.press("S")  # study the card
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("space")
        await pilot.pause()
        shown = terminal_output(app)
        assert_clean(shown)
        assert "technology␛" in _SGR.sub("", shown)
