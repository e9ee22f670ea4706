"""Regenerate screenshots/ from the real app: run after every UI change.

    python scripts/screenshots.py

Each view is driven with Textual's Pilot at 120×40 against a throw-away
READER_HOME, saved as SVG, and converted to PNG when ``rsvg-convert`` (Debian
librsvg2-bin) is available. Han characters need a CJK font for the PNGs
(Debian fonts-noto-cjk).
"""

from __future__ import annotations

import asyncio
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screenshots"
SIZE = (120, 40)

sys.path.insert(0, str(ROOT))
os.environ["READER_HOME"] = tempfile.mkdtemp(prefix="reader-shots-")

from rich.cells import cell_len  # noqa: E402
from textual.pilot import Pilot  # noqa: E402

from reader.ui.widgets.article_view import ArticleView  # noqa: E402
from tests.ui.helpers import make_app, ready  # noqa: E402

Step = Callable[[Pilot[None]], Awaitable[None]]


async def reading(pilot: Pilot[None]) -> None:
    """The article with the outline and highlighted keywords and terms."""
    await pilot.press("right_square_bracket", "right_square_bracket", "l", "l", "l")


async def pinyin(pilot: Pilot[None]) -> None:
    """Interlinear pinyin in tone colours."""
    await pilot.press(
        "p", "right_square_bracket", "right_square_bracket", "right_square_bracket", "right_square_bracket"
    )


async def popup(pilot: Pilot[None]) -> None:
    """The pop-up on a glossary term."""
    view = pilot.app.screen.query_one(ArticleView)
    view.cursor = view.document.text.index("混合专家系统")
    await pilot.pause()
    await pilot.press("enter")


async def meaning(pilot: Pilot[None]) -> None:
    """The pop-up on a common word: its meaning here first, marked, then the dictionary's."""
    view = pilot.app.screen.query_one(ArticleView)
    phrase = "公司在大规模预训练方面屡次受挫"
    view.cursor = view.document.text.index(phrase) + 2
    await pilot.pause()
    await pilot.press("enter")


async def choose(pilot: Pilot[None]) -> None:
    """tab in the pop-up: choose another meaning, or write your own."""
    await meaning(pilot)
    await pilot.pause()
    await pilot.press("tab")


async def notes(pilot: Pilot[None]) -> None:
    """The notes pane with two notes."""
    from textual.widgets import TextArea

    view = pilot.app.screen.query_one(ArticleView)
    for word, text in (("预训练", "pretraining: 先在海量数据上训练 #术语"), ("几近", "jījìn: nearly, all but #读音")):
        view.cursor = view.document.text.index(word)
        await pilot.press("n")
        await pilot.pause()
        pilot.app.screen.query_one(TextArea).insert(text)
        await pilot.press("ctrl+s")
        await pilot.pause()
    await asyncio.sleep(3.5)  # let the toasts go


async def study(pilot: Pilot[None]) -> None:
    """A review card after space."""
    view = pilot.app.screen.query_one(ArticleView)
    for word in ("框架", "收敛", "瓶颈"):
        view.cursor = view.document.text.index(word)
        await pilot.press("s")
    await asyncio.sleep(3.5)
    await pilot.press("S")
    await pilot.pause()
    await pilot.press("space")


async def stats(pilot: Pilot[None]) -> None:
    """The stats screen."""
    view = pilot.app.screen.query_one(ArticleView)
    view.cursor = view.document.text.index("框架")
    await pilot.press("s")
    await asyncio.sleep(3.5)
    await pilot.app.screen.run_action("stats")
    await pilot.pause()
    await asyncio.sleep(1.0)
    await pilot.app.workers.wait_for_complete()


async def search(pilot: Pilot[None]) -> None:
    """/ with toneless pinyin: every 预训练 highlighted, "1/12" in the status line, sections marked."""
    await pilot.press("slash", *"yuxunlian")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter", "greater_than_sign", "greater_than_sign")


async def hsk(pilot: Pilot[None]) -> None:
    """The HSK layer (H) with its legend, over the word-status layer, a few words given levels."""
    view = pilot.app.screen.query_one(ArticleView)
    for word, key in (("报道", "2"), ("显示", "3"), ("严峻", "4"), ("技术", "5"), ("突破", "2")):
        view.cursor = view.document.text.index(word)
        await pilot.press(key)
    await pilot.app.screen.run_action("mode_toggle('status_colours')")
    await pilot.press("H")
    view.cursor = view.document.text.index("OpenAI")
    await asyncio.sleep(3.5)  # let the toasts go


async def term_form(pilot: Pilot[None]) -> None:
    """+ on a selection: your own glossary term, pinyin prefilled from the text."""
    view = pilot.app.screen.query_one(ArticleView)
    view.cursor = view.document.text.index("技术挑战")
    await pilot.press("v", "l", "plus")
    await pilot.pause()
    from textual.widgets import Input, Select

    form = pilot.app.screen
    form.query_one("#term-kind", Select).value = "term"
    form.query_one("#term-gloss", Input).value = "technical challenge"
    form.query_one("#term-zh", Input).value = "技术方面的难题"
    await pilot.pause()


VIEWS: dict[str, Step] = {
    "reading": reading,
    "pinyin": pinyin,
    "popup": popup,
    "meaning": meaning,
    "choose": choose,
    "notes": notes,
    "study": study,
    "stats": stats,
    "search": search,
    "hsk": hsk,
    "term-form": term_form,
}


_TEXT = re.compile(r'<text ([^>]*?)x="([\d.]+)"([^>]*?)textLength="([\d.]+)"([^>]*)>([^<]*)</text>')


def fix_wide_text(svg: str) -> str:
    """Place every wide character of the SVG at its own terminal cell.

    Rich's SVG export gives each run one ``textLength`` of a cell per code point,
    and renderers such as librsvg ignore ``textLength`` anyway, so runs of Han
    characters (two cells each, but narrower glyphs in most fonts) drift and
    leave gaps. Runs with wide characters are split into one ``<text>`` per
    character, each at the x of its own cells.
    """

    def split(match: re.Match[str]) -> str:
        before, x, middle, length, after, body = match.groups()
        text = html.unescape(body)
        if not text or len(text) == cell_len(text):
            return match.group(0)
        per_cell = float(length) / len(text)
        left = float(x)
        parts = []
        for char in text:
            width = cell_len(char)
            parts.append(
                f'<text {before}x="{left:.1f}"{middle}textLength="{per_cell * width:.1f}"{after}>'
                f"{html.escape(char).replace(' ', '&#160;')}</text>"
            )
            left += per_cell * width
        return "".join(parts)

    return _TEXT.sub(split, svg)


async def shoot(name: str, step: Step) -> Path:
    """Run one view and save its SVG."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await step(pilot)
        await pilot.pause()
        path = OUT / f"{name}.svg"
        path.write_text(fix_wide_text(app.export_screenshot(title=f"reader — {name}")), encoding="utf-8")
    return path


def main() -> int:
    """Shoot every view; convert to PNG where possible."""
    OUT.mkdir(exist_ok=True)
    converter = shutil.which("rsvg-convert")
    for name, step in VIEWS.items():
        svg = asyncio.run(shoot(name, step))
        print(svg.relative_to(ROOT))
        if converter:
            png = svg.with_suffix(".png")
            subprocess.run([converter, "-w", "1400", str(svg), "-o", str(png)], check=True)
            print(png.relative_to(ROOT))
    if not converter:
        print("rsvg-convert not found: SVGs only (apt-get install librsvg2-bin fonts-noto-cjk)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
