"""The Markdown export's position links open the reader at the note: ``reader open NAME --at OFFSET``."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

from reader.storage.config import Config
from reader.study.deck import load_deck
from reader.study.export import render
from reader.study.notes import NoteStore
from reader.text.content import resolve_document
from reader.ui.app import ReaderApp

from .helpers import ready, status_text, view_lines


async def test_the_position_link_of_a_note_opens_the_reader_there() -> None:
    doc = resolve_document("article")
    section = doc.sections[9]
    quote = "知识共享"
    start = doc.text.index(quote, section.start)
    store = NoteStore.open(doc)
    store.add(start, start + len(quote), "far down the article")
    markdown = render(doc, store.notes, load_deck(), "markdown")
    match = re.search(r"`reader open (\S+) --at (\d+)`", markdown)
    assert match is not None and match.group(1) == "article"
    offset = int(match.group(2))
    assert doc.text[offset : offset + len(quote)] == quote

    app = ReaderApp(doc, Config(), start_at=offset)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        assert screen.view.cursor == offset
        assert "§ 10/14" in status_text(pilot)
        assert any(quote in line.replace(" ", "") for line in view_lines(pilot))


def test_at_past_the_end_is_one_line_and_exit_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader.cli", *shlex.split("open article --at 99999999")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "--at 99999999" in result.stderr and "characters" in result.stderr
