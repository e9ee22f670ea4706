"""The app on a disk that refuses writes: messages on the status line, never a crash (issue 15)."""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.ui.widgets.article_view import ArticleView

from .helpers import make_app, ready, status_text

SIZE = (120, 40)


def _disk_full_for(name: str) -> Callable[[str, str], None]:
    """``os.replace`` as on a full disk for files called ``name``, and as usual for the others."""
    real = os.replace

    def replace(src: str, dst: str) -> None:
        if Path(dst).name == name:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(src, dst)

    return replace


async def test_a_home_that_cannot_be_written_opens_read_only_with_a_banner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("READER_HOME", str(blocker / "home"))  # mkdir fails: ENOTDIR, as on a read-only disk
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert "READ-ONLY" in status_text(pilot)
        view = screen.query_one(ArticleView)
        view.cursor = screen.document.text.index("技术")
        await pilot.press("l", "s")  # move (the position is not written) and save a word (fails)
        await pilot.pause()
        assert app.is_running and re.search(
            r"deck\.yaml: (cannot save \()?Not a directory", status_text(pilot)
        )  # one line, no crash
        await pilot.press("m")  # mark known: fails too, and the app goes on
        await pilot.pause()
        assert app.is_running and "words.yaml" in status_text(pilot)


async def test_a_full_disk_during_reading_is_a_status_line_message(
    reader_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        real = os.replace
        monkeypatch.setattr(os, "replace", _disk_full_for("state.yaml"))
        await pilot.press("j", "j")
        screen.save_position()
        await pilot.pause()
        assert "state.yaml: cannot save (No space left on device)" in status_text(pilot)
        assert app.is_running
        assert app.unsaved_check() == [str(reader_home / "state.yaml")]
        monkeypatch.setattr(os, "replace", real)
        screen.save_position()  # the retry: the position held in memory is written
        assert app.unsaved_check() == []
        assert (reader_home / "state.yaml").exists()


async def test_a_mode_key_whose_settings_cannot_be_written_says_so_and_retries(
    reader_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The settings are written on a thread of their own: a failure still reaches the status line, and is retried."""
    import asyncio

    from reader.storage.config import load_config

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        real = os.replace
        monkeypatch.setattr(os, "replace", _disk_full_for("config.yaml"))
        await pilot.press("p")
        for _ in range(100):  # the saver's thread, then its message on the app's
            await asyncio.sleep(0.05)
            if "config.yaml" in status_text(pilot):
                break
        assert "config.yaml: cannot save (No space left on device)" in status_text(pilot)
        assert app.is_running and app.unsaved_check() == [str(reader_home / "config.yaml")]
        monkeypatch.setattr(os, "replace", real)
        await pilot.press("K")  # the next change writes both
        await pilot.pause()
        assert app.unsaved_check() == []  # flushed: what was pending is on disk
    saved = load_config()
    assert saved.pinyin and not saved.highlight
