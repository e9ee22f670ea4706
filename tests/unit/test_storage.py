"""Storage: atomic writes, YAML io, config and reading state under READER_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from reader.errors import DataFileError
from reader.storage import atomic, paths
from reader.storage.atomic import atomic_write_text
from reader.storage.config import Config, load_config, save_config
from reader.storage.paths import config_path, state_path
from reader.storage.state import Position, ReadingState
from reader.storage.yamlio import dump_yaml, read_yaml_mapping, write_yaml

# -- paths -----------------------------------------------------------------------


def test_reader_home_follows_the_environment(reader_home: Path) -> None:
    assert paths.reader_home() == reader_home
    assert config_path() == reader_home / "config.yaml"
    assert state_path() == reader_home / "state.yaml"


# -- atomic writes ---------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder of its own (tmp_path also holds READER_HOME)."""
    path = tmp_path / "work"
    path.mkdir()
    return path


def test_atomic_write_creates_the_file_and_folders(folder: Path) -> None:
    target = folder / "a" / "b" / "file.txt"
    atomic_write_text(target, "中文\n")
    assert target.read_text(encoding="utf-8") == "中文\n"


def test_atomic_write_replaces_the_old_content(folder: Path) -> None:
    target = folder / "file.txt"
    target.write_text("old", encoding="utf-8")
    atomic_write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new"


def test_atomic_write_leaves_no_temp_files(folder: Path) -> None:
    target = folder / "file.txt"
    for text in ("one", "two", "three"):
        atomic_write_text(target, text)
    assert sorted(p.name for p in folder.iterdir()) == ["file.txt"]


def fail_replace(src: object, dst: object) -> None:
    raise OSError("disk on fire")


def test_old_file_survives_a_failed_replace(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = folder / "file.txt"
    target.write_text("old content", encoding="utf-8")
    monkeypatch.setattr(atomic.os, "replace", fail_replace)
    with pytest.raises(OSError):
        atomic_write_text(target, "new content")
    assert target.read_text(encoding="utf-8") == "old content"


def test_failed_replace_leaves_no_temp_files(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = folder / "file.txt"
    target.write_text("old content", encoding="utf-8")
    monkeypatch.setattr(atomic.os, "replace", fail_replace)
    with pytest.raises(OSError):
        atomic_write_text(target, "new content")
    assert sorted(p.name for p in folder.iterdir()) == ["file.txt"]


def test_failed_first_write_creates_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic.os, "replace", fail_replace)
    with pytest.raises(OSError):
        atomic_write_text(folder / "file.txt", "x")
    assert list(folder.iterdir()) == []


# -- YAML io ---------------------------------------------------------------------


def test_dump_yaml_multiline_strings_are_blocks() -> None:
    text = dump_yaml({"note": "第一行\n第二行\n"})
    assert text.startswith("note: |")
    assert yaml.safe_load(text) == {"note": "第一行\n第二行\n"}


def test_dump_yaml_single_line_strings_are_plain() -> None:
    assert dump_yaml({"word": "预训练"}) == "word: 预训练\n"


def test_dump_yaml_keeps_unicode() -> None:
    text = dump_yaml({"title": "OpenAI的技术瓶颈", "pinyin": "yù xùn liàn"})
    assert "OpenAI的技术瓶颈" in text and "yù xùn liàn" in text and "\\u" not in text


def test_dump_yaml_keeps_key_order() -> None:
    data = {"version": 1, "zeta": 1, "alpha": 2, "中": 3, "beta": 4}
    assert list(yaml.safe_load(dump_yaml(data))) == ["version", "zeta", "alpha", "中", "beta"]


@pytest.mark.parametrize(
    "data",
    [
        {"version": 1, "text": "a\nb", "n": 3, "list": ["x", "多行\n文本"], "nested": {"k": None, "b": True}},
        {"version": 1, "trailing": "line\n\n", "leading": "  indented\nnext"},
    ],
)
def test_write_then_read_round_trip(tmp_path: Path, data: dict[str, object]) -> None:
    path = tmp_path / "data.yaml"
    write_yaml(path, data)
    assert read_yaml_mapping(path, kind="test", version=1) == data


def test_missing_yaml_file_is_none(tmp_path: Path) -> None:
    assert read_yaml_mapping(tmp_path / "nope.yaml", kind="test", version=1) is None


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("version: 1\nok: yes\nbad: [unclosed\nmore: x\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"line \d+") as info:
        read_yaml_mapping(path, kind="test", version=1)
    assert info.value.path == str(path) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("", "empty"),
        ("   \n\n", "empty"),
        ("- a\n- b\n", "mapping"),
        ("just text\n", "mapping"),
        ("key: value\n", "version"),
        ("version: one\n", "version"),
        ("version: true\n", "version"),
        ("version: 99\n", "newer"),
    ],
)
def test_bad_yaml_mapping_is_an_error(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=reason):
        read_yaml_mapping(path, kind="test", version=1)


def test_non_utf8_yaml_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes("version: 1\nnote: 中文\n".encode("gbk"))
    with pytest.raises(DataFileError, match="UTF-8"):
        read_yaml_mapping(path, kind="test", version=1)


def test_yaml_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="directory"):
        read_yaml_mapping(tmp_path, kind="test", version=1)


# -- config ----------------------------------------------------------------------


def test_config_defaults_without_a_file() -> None:
    assert load_config() == Config()


def test_config_reads_values() -> None:
    config_path().write_text("version: 1\npinyin: true\ntone_scheme: pleco\noutline: false\n", encoding="utf-8")
    config = load_config()
    assert (config.pinyin, config.tone_scheme, config.outline) == (True, "pleco", False)


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("pinyin: 'yes'", "pinyin"),
        ("pinyin: 1", "pinyin"),
        ("outline: 0", "outline"),
        ("tone_scheme: 2", "tone_scheme"),
        ("theme: 3", "theme"),
        ("tone_scheme: rainbow", "tone_scheme"),
    ],
)
def test_config_wrong_value_names_the_key(line: str, key: str) -> None:
    config_path().write_text(f"version: 1\n{line}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=key):
        load_config()


def test_save_config_round_trip() -> None:
    save_config(Config(pinyin=True, theme="textual-light"))
    assert load_config() == Config(pinyin=True, theme="textual-light")


def test_save_config_writes_a_version() -> None:
    save_config(Config())
    assert yaml.safe_load(config_path().read_text(encoding="utf-8"))["version"] == 1


def test_save_config_keeps_unknown_keys() -> None:
    config_path().write_text("version: 1\nfuture_option: 中文\nplugins: [a, b]\n", encoding="utf-8")
    save_config(Config(pinyin=True))
    data = yaml.safe_load(config_path().read_text(encoding="utf-8"))
    assert (data["future_option"], data["plugins"], data["pinyin"]) == ("中文", ["a", "b"], True)


@pytest.mark.parametrize(
    "content",
    [b"version: 1\npinyin: [unclosed\n", b"", b"- a list\n", b"version: 99\n", "version: 1\n# 中\n".encode("gbk")],
)
def test_save_config_never_overwrites_a_corrupt_file(content: bytes) -> None:
    config_path().write_bytes(content)
    save_config(Config(pinyin=True))
    assert config_path().read_bytes() == content


def test_corrupt_config_load_is_an_error() -> None:
    config_path().write_text("version: 1\npinyin: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        load_config()


# -- reading state ---------------------------------------------------------------


def test_state_default_position() -> None:
    assert ReadingState().position("article") == Position()


def test_state_position_round_trip() -> None:
    ReadingState().save("article", Position(offset=120, furthest=300, sections_read=["abstract", "expectations"]))
    position = ReadingState().position("article")
    assert position == Position(offset=120, furthest=300, sections_read=["abstract", "expectations"])


def test_state_furthest_is_at_least_the_offset() -> None:
    ReadingState().save("article", Position(offset=500, furthest=10))
    assert ReadingState().position("article").furthest == 500


def test_state_file_has_a_version() -> None:
    ReadingState().save("article", Position(offset=1))
    assert yaml.safe_load(state_path().read_text(encoding="utf-8"))["version"] == 1


def test_two_states_writing_different_documents_both_survive() -> None:
    first, second = ReadingState(), ReadingState()
    first.save("one", Position(offset=11))
    second.save("two", Position(offset=22))
    fresh = ReadingState()
    assert (fresh.position("one").offset, fresh.position("two").offset) == (11, 22)


def test_state_saving_again_keeps_the_other_document() -> None:
    first, second = ReadingState(), ReadingState()
    first.save("one", Position(offset=11))
    second.save("two", Position(offset=22))
    first.save("one", Position(offset=33))
    fresh = ReadingState()
    assert (fresh.position("one").offset, fresh.position("two").offset) == (33, 22)


CORRUPT_STATE = [
    b"version: 1\ndocuments: {article: [unclosed\n",
    b"",
    b"version: 99\ndocuments: {}\n",
    b"version: 1\ndocuments: [a, b]\n",
    b"\x89PNG\r\n\x1a\n\x00\x00",
]


@pytest.mark.parametrize("content", CORRUPT_STATE)
def test_corrupt_state_is_read_only(content: bytes) -> None:
    state_path().write_bytes(content)
    state = ReadingState()
    assert state.read_only and state.error and "\n" not in state.error


@pytest.mark.parametrize("content", CORRUPT_STATE)
def test_corrupt_state_is_never_written(content: bytes) -> None:
    state_path().write_bytes(content)
    ReadingState().save("article", Position(offset=10))
    assert state_path().read_bytes() == content


def test_state_that_becomes_corrupt_is_left_alone() -> None:
    state = ReadingState()
    state.save("article", Position(offset=1))
    damaged = b"version: 1\ndocuments: {oops\n"
    state_path().write_bytes(damaged)
    state.save("article", Position(offset=2))
    assert state_path().read_bytes() == damaged and state.read_only


def test_state_ignores_bad_entries() -> None:
    state_path().write_text("version: 1\ndocuments:\n  a: 5\n  b: {offset: x, sections_read: 3}\n", encoding="utf-8")
    state = ReadingState()
    assert state.position("a") == Position() and state.position("b") == Position()


def test_state_write_leaves_no_temp_files(reader_home: Path) -> None:
    ReadingState().save("article", Position(offset=1))
    assert sorted(p.name for p in reader_home.iterdir()) == ["state.yaml"]


def test_state_respects_reader_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "other-home"
    monkeypatch.setenv("READER_HOME", str(other))
    ReadingState().save("article", Position(offset=7))
    assert (other / "state.yaml").is_file()
    assert os.path.samefile(state_path(), other / "state.yaml")


def test_atomic_write_gives_a_new_file_the_usual_mode_and_keeps_an_old_ones(tmp_path: Path) -> None:
    import os
    import stat

    fresh = tmp_path / "fresh.txt"
    atomic_write_text(fresh, "a")
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    kept = tmp_path / "kept.txt"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    atomic_write_text(kept, "new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
