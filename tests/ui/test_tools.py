"""Copy, hear and bookmarks from the keyboard: the clipboard, the toasts and the saved state."""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import pytest
import yaml

from reader.storage.paths import state_path
from reader.text import speech
from reader.ui.modes import Scope, bindings, help_groups, palette_rows
from reader.ui.screens.palette_screen import PaletteScreen
from reader.ui.widgets.article_view import ArticleView

from .helpers import make_app, ready

SIZE = (120, 40)


def _toasts(app) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


async def test_c_copies_the_word_then_with_pinyin_and_meaning_and_C_the_sentence() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        text = screen.document.text
        view.cursor = text.index("预训练")
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == "预训练"
        assert "copied: 预训练" in _toasts(app)
        await pilot.press("c")  # again: the fuller variant
        await pilot.pause()
        assert app.clipboard == "预训练 yùxùnliàn — pretraining"
        await pilot.press("C")
        await pilot.pause()
        start, end = screen.document.sentence_at(view.cursor)
        assert app.clipboard == text[start:end]
        await pilot.press("C")
        await pilot.pause()
        lines = app.clipboard.splitlines()
        assert lines[0] == text[start:end]
        assert "yùxùnliàn" in lines[1]
        assert "预训练 yùxùnliàn — pretraining" in lines[2:]
        # A selection is copied as it is.
        view.cursor = text.index("大规模")
        await pilot.press("v", "l", "c")
        await pilot.pause()
        assert app.clipboard.startswith("大规模") and len(app.clipboard) > 3


async def test_bookmarks_are_saved_with_the_reading_state_and_listed_in_the_palette(reader_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        place = screen.document.text.index("预训练的寒冬") if "预训练的寒冬" in screen.document.text else 2000
        view.cursor = screen.tokens.word_at_or_after(place).start
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"winter", "enter")
        await pilot.pause()
        saved = yaml.safe_load(state_path().read_text(encoding="utf-8"))
        assert saved["documents"]["article"]["bookmarks"] == [{"name": "winter", "offset": view.cursor}]
        mark = view.cursor
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, PaletteScreen)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert view.cursor == mark
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.bookmark_list() == [("winter", mark)]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed (apt-get install espeak-ng)")
def test_espeak_ng_writes_a_mandarin_wav(tmp_path: Path) -> None:
    wav = tmp_path / "yuxunlian.wav"
    speech.write_wav("预训练", wav)
    with wave.open(str(wav)) as sound:
        frames, rate = sound.getnframes(), sound.getframerate()
        assert sound.getnchannels() == 1 and sound.getsampwidth() == 2
    assert rate > 8000 and 0.3 < frames / rate < 5  # about a second of speech
    assert speech.synthesis_command("-x")[-2:] == ["--", "-x"]  # text is never an option


def test_without_espeak_ng_no_speech_key_is_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.ui.modes import row as modes_row  # the table's rows and ``_installed``

    modes_row._installed.cache_clear()
    monkeypatch.setattr(modes_row.shutil, "which", lambda name: None)
    try:
        keys = {b.key for b in bindings(Scope.SCREEN)}  # type: ignore[union-attr]
        assert "a" not in keys and "A" not in keys
        assert not any("hear" in does for _, lines in help_groups() for _, does in lines)
        assert not any(row.palette.startswith("Hear") for row in palette_rows())
    finally:
        monkeypatch.undo()
        modes_row._installed.cache_clear()
    with_espeak = {row.palette for row in palette_rows()}
    assert ("Hear the word" in with_espeak) == (shutil.which("espeak-ng") is not None)


def test_speak_says_why_when_it_cannot(monkeypatch: pytest.MonkeyPatch) -> None:
    speech.espeak.cache_clear()
    monkeypatch.setattr(speech.shutil, "which", lambda name: None)
    try:
        assert speech.speak("你好") == "espeak-ng is not installed"
    finally:
        monkeypatch.undo()
        speech.espeak.cache_clear()


@pytest.mark.skipif(
    speech.espeak() is None or speech.player() is not None,
    reason="needs espeak-ng without an audio player (to see the one-time message)",
)
async def test_a_without_an_audio_player_says_so_once_in_the_status_line() -> None:
    from .helpers import status_text

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "speech: no audio player found" in status_text(pilot)
        screen.status_message = ""
        await pilot.press("A")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "speech" not in status_text(pilot)  # once is enough
