"""The platform's folders (XDG on Linux) for data, settings and caches; READER_HOME as one folder; the move."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.storage.paths import cache_dir, config_path, reader_home


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """No READER_HOME: each XDG folder points at its own temporary folder."""
    monkeypatch.delenv("READER_HOME", raising=False)
    monkeypatch.delenv("READER_CACHE_DIR", raising=False)
    folders = {name: tmp_path / name.lower() for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    for name, folder in folders.items():
        monkeypatch.setenv(name, str(folder))
    return folders


def run_reader(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", *args], capture_output=True, text=True, timeout=120, env=dict(os.environ)
    )


def test_each_kind_of_file_goes_to_its_xdg_folder(xdg: dict[str, Path]) -> None:
    assert reader_home() == xdg["XDG_DATA_HOME"] / "reader"
    assert config_path() == xdg["XDG_CONFIG_HOME"] / "reader" / "config.yaml"
    assert cache_dir() == xdg["XDG_CACHE_HOME"] / "reader"


def test_reader_home_keeps_everything_in_one_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "elsewhere"))
    home = tmp_path / "one"
    monkeypatch.setenv("READER_HOME", str(home))
    assert reader_home() == home
    assert config_path() == home / "config.yaml"
    assert cache_dir() == home / "cache"


def test_saving_leaves_no_lock_file_in_the_data_folder(xdg: dict[str, Path]) -> None:
    from reader.study.deck import load_deck
    from reader.study.meanings import load_meanings

    load_deck().save_word("article", "瓶颈", ("ping2", "jing3"), "bottleneck", "技术瓶颈。", 2, 4)
    load_meanings().choose("瓶颈", ("ping2", "jing3"), "bottleneck", "article")
    data = xdg["XDG_DATA_HOME"] / "reader"
    assert (data / "deck.yaml").is_file() and (data / "meanings.yaml").is_file()
    # The lock is an flock on the data folder itself: no lock file anywhere.
    assert not [p for p in data.rglob("*") if p.suffix == ".lock"]
    assert not [p for p in xdg["XDG_CACHE_HOME"].rglob("*") if p.suffix == ".lock"]


def test_old_files_are_moved_on_the_first_run_and_announced_once(xdg: dict[str, Path]) -> None:
    data = xdg["XDG_DATA_HOME"] / "reader"
    (data / "cache" / "tokens").mkdir(parents=True)
    (data / "cache" / "tokens" / "abc.marshal").write_bytes(b"tokens")
    (data / "notes").mkdir()
    (data / "notes" / "article.yaml").write_text("version: 1\n", encoding="utf-8")
    (data / "notes" / "article.yaml.lock").write_bytes(b"")
    (data / "deck.yaml.lock").write_bytes(b"")
    (data / "config.yaml").write_text("version: 1\npinyin: true\n", encoding="utf-8")

    first = run_reader("list")
    assert first.returncode == 0, first.stderr
    said = first.stderr.strip().splitlines()
    config = xdg["XDG_CONFIG_HOME"] / "reader" / "config.yaml"
    assert any("moved config.yaml to" in line and "reader/config.yaml" in line for line in said), said
    assert any("moved the caches" in line for line in said), said
    assert any("removed 2 old lock files" in line for line in said), said
    assert all(line.startswith("reader: ") for line in said)
    assert config.read_text(encoding="utf-8") == "version: 1\npinyin: true\n"
    assert (xdg["XDG_CACHE_HOME"] / "reader" / "tokens" / "abc.marshal").read_bytes() == b"tokens"
    assert sorted(p.relative_to(data).as_posix() for p in data.rglob("*")) == ["notes", "notes/article.yaml"]

    second = run_reader("list")
    assert second.returncode == 0 and second.stderr == ""


def test_an_existing_new_config_is_never_overwritten(xdg: dict[str, Path]) -> None:
    data = xdg["XDG_DATA_HOME"] / "reader"
    data.mkdir(parents=True)
    (data / "config.yaml").write_text("version: 1\npinyin: true\n", encoding="utf-8")
    new = xdg["XDG_CONFIG_HOME"] / "reader" / "config.yaml"
    new.parent.mkdir(parents=True)
    new.write_text("version: 1\npinyin: false\n", encoding="utf-8")
    result = run_reader("list")
    assert "left in place" in result.stderr
    assert new.read_text(encoding="utf-8") == "version: 1\npinyin: false\n"
    assert (data / "config.yaml").is_file()
