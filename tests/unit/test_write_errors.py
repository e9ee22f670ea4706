"""A write error is a message, not a crash, and nothing is lost (issue 15).

Faults are injected where the operating system reports them: ``os.replace`` (the
rename that commits an atomic write) or ``open`` raising ENOSPC / EROFS. Each store then
raises one :class:`WriteError` (a ``ReaderError``: one line), keeps the change in memory,
and writes it with the next change. Where the machine allows it (root), the same runs on
a real read-only bind mount and a real full tmpfs (``real_fault_dir``).
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from reader.errors import ReaderError, WriteError
from reader.storage.config import Config, save_config
from reader.storage.state import Position, ReadingState
from reader.study.deck import load_deck
from reader.study.meanings import load_meanings
from reader.study.status import load_word_statuses

FAULTS = [errno.ENOSPC, errno.EROFS]


@pytest.fixture(params=FAULTS, ids=["ENOSPC", "EROFS"])
def failing_disk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """While ``switch[0]`` is true, every atomic write fails at its rename with the fault."""
    switch = [True]
    real = os.replace

    def replace(src: str, dst: str) -> None:
        if switch[0]:
            raise OSError(request.param, os.strerror(request.param))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    yield switch


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*.tmp")]


def test_deck_keeps_an_unsaved_word_and_writes_it_with_the_next(failing_disk: list[bool], reader_home: Path) -> None:
    deck = load_deck()
    with pytest.raises(WriteError, match=r"deck\.yaml: cannot save \("):
        deck.save_word("doc", "技术", ["ji4", "shu4"], "technology", "技术很好。", 0, 2)
    assert deck.unsaved == 1 and deck.find("doc", "技术") is not None  # shown from memory
    assert not (reader_home / "deck.yaml").exists() and no_temp_files(reader_home)
    failing_disk[0] = False
    deck.save_word("doc", "挑战", ["tiao3", "zhan4"], "challenge", "挑战很大。", 0, 2)
    assert deck.unsaved == 0
    saved = yaml.safe_load((reader_home / "deck.yaml").read_text(encoding="utf-8"))
    assert sorted(c["word"] for c in saved["cards"]) == sorted(["挑战", "技术"])


def test_deck_retry_redoes_the_change_when_another_copy_wrote_meanwhile(
    failing_disk: list[bool], reader_home: Path
) -> None:
    failing_disk[0] = False
    other = load_deck()
    other.save_word("doc", "模型", ["mo2", "xing2"], "model", "模型。", 0, 2)
    mine = load_deck()
    failing_disk[0] = True
    with pytest.raises(WriteError):
        mine.save_word("doc", "技术", ["ji4", "shu4"], "technology", "技术。", 0, 2)
    failing_disk[0] = False
    other.save_word("doc", "训练", ["xun4", "lian4"], "training", "训练。", 0, 2)
    mine.save_word("doc", "挑战", ["tiao3", "zhan4"], "challenge", "挑战。", 0, 2)
    saved = yaml.safe_load((reader_home / "deck.yaml").read_text(encoding="utf-8"))
    assert sorted(c["word"] for c in saved["cards"]) == sorted(["挑战", "技术", "模型", "训练"])


def test_state_save_is_a_message_and_the_next_save_writes_it(failing_disk: list[bool], reader_home: Path) -> None:
    state = ReadingState()
    with pytest.raises(WriteError, match=r"state\.yaml: cannot save"):
        state.save("doc", Position(offset=42, furthest=42))
    assert state.unsaved
    failing_disk[0] = False
    state.save("doc", Position(offset=50, furthest=50))
    assert not state.unsaved
    assert ReadingState().position("doc").offset == 50


def test_config_save_is_a_message(failing_disk: list[bool], reader_home: Path) -> None:
    with pytest.raises(ReaderError, match=r"config\.yaml: cannot save"):
        save_config(Config())


def test_word_status_toggles_are_kept_and_replayed(failing_disk: list[bool], reader_home: Path) -> None:
    statuses = load_word_statuses()
    with pytest.raises(WriteError):
        statuses.toggle_known("市场")
    assert statuses.status("市场") == "known" and statuses.unsaved == 1
    failing_disk[0] = False
    statuses.toggle_known("技术")
    assert load_word_statuses().known == {"市场", "技术"}


def test_meaning_choices_are_kept_and_replayed(failing_disk: list[bool], reader_home: Path) -> None:
    store = load_meanings()
    with pytest.raises(WriteError):
        store.choose("在", ["zai4"], "at; in", "doc")
    assert store.get("在", ["zai4"], "doc") is not None
    failing_disk[0] = False
    store.choose("等", ["deng3"], "etc.", "doc")
    fresh = load_meanings()
    assert fresh.get("在", ["zai4"], "doc") is not None and fresh.get("等", ["deng3"], "doc") is not None


# -- real faults: a read-only mount and a full disk (root only; skipped elsewhere) -------------


@pytest.fixture(params=["read-only", "full"])
def real_fault_dir(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    """A folder on a real read-only bind mount, or on a real tmpfs that is already full."""
    folder = tmp_path / "mnt"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting needs root (.ci/run runs the suite as root)")
    if request.param == "read-only":
        (folder / "deck.yaml").write_text("version: 1\ncards: []\n", encoding="utf-8")
        command = ["mount", "-o", "bind,ro", str(folder), str(folder)]
    else:
        command = ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)]
    if subprocess.run(command, capture_output=True).returncode != 0:
        pytest.skip(f"cannot mount here: {' '.join(command)}")
    try:
        if request.param == "full":
            with (folder / "filler").open("wb") as handle:
                try:
                    handle.write(b"\0" * 128 * 1024)
                except OSError:
                    pass
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_a_real_read_only_or_full_home_gives_messages_not_crashes(
    real_fault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_HOME", str(real_fault_dir))
    from reader.storage.paths import home_is_writable

    deck = load_deck()
    with pytest.raises(WriteError) as raised:
        deck.save_word("doc", "技术", ["ji4", "shu4"], "technology", "技术。", 0, 2)
    assert "\n" not in raised.value.message
    with pytest.raises(WriteError):
        ReadingState().save("doc", Position(offset=1))
    with pytest.raises(ReaderError):
        save_config(Config())
    if not (real_fault_dir / "filler").exists():  # the read-only mount (a full tmpfs may still take an empty file)
        assert home_is_writable() is not None
