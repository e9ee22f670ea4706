"""The YAML parse memo: same text, same data, no PyYAML import; any change goes to the parser."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.errors import DataFileError, ReaderError
from reader.storage import yamlio
from reader.storage.config import Config, load_config, save_config
from reader.storage.state import Position, ReadingState
from reader.storage.yamlio import load_yaml_text, memo_path, read_yaml, read_yaml_mapping, write_yaml
from reader.text.loader import parse_markdown


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text PyYAML is asked to parse, in order."""
    seen: list[str] = []
    real = yamlio._safe_load  # PyYAML's parser, through libyaml where installed

    def counting(text: str) -> object:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(yamlio, "_safe_load", counting)
    return seen


def test_a_file_read_again_unchanged_is_answered_by_the_memo(tmp_path: Path, parses: list[str]) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("version: 1\nitems: [a, b]\nname: 预训练\n", encoding="utf-8")
    first = read_yaml_mapping(path, kind="test", version=1)
    second = read_yaml_mapping(path, kind="test", version=1)
    assert first == second == {"version": 1, "items": ["a", "b"], "name": "预训练"}
    assert len(parses) == 1
    assert memo_path(str(path)).exists()


def test_an_edited_file_is_parsed_again(tmp_path: Path, parses: list[str]) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("version: 1\nvalue: 1\n", encoding="utf-8")
    assert read_yaml(path) == {"version": 1, "value": 1}
    path.write_text("version: 1\nvalue: 2\n", encoding="utf-8")
    assert read_yaml(path) == {"version": 1, "value": 2}
    assert len(parses) == 2


def test_a_file_damaged_after_a_good_read_is_an_error_and_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("version: 1\npinyin: true\n", encoding="utf-8")
    read_yaml(path)
    damaged = "version: 1\npinyin: [true\n"
    path.write_text(damaged, encoding="utf-8")
    with pytest.raises(DataFileError, match="invalid YAML, line"):
        read_yaml(path)
    assert path.read_text(encoding="utf-8") == damaged


def test_a_broken_memo_only_costs_a_parse(tmp_path: Path, parses: list[str]) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("version: 1\n", encoding="utf-8")
    read_yaml(path)
    memo_path(str(path)).write_bytes(b"\x00not a memo")
    assert read_yaml(path) == {"version": 1}
    assert len(parses) == 2
    assert read_yaml(path) == {"version": 1}  # the memo was rewritten
    assert len(parses) == 2


def test_a_memo_of_another_text_is_not_used(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("value: a\n", encoding="utf-8")
    b.write_text("value: b\n", encoding="utf-8")
    read_yaml(a)
    memo_path(str(b)).write_bytes(memo_path(str(a)).read_bytes())  # a memo in the wrong place
    assert read_yaml(b) == {"value": "b"}


def test_writing_refreshes_the_memo(tmp_path: Path, parses: list[str]) -> None:
    path = tmp_path / "state.yaml"
    data = {"version": 1, "documents": {"article": {"offset": 12, "updated": "2026-11-29T08:00:00+00:00"}}}
    write_yaml(path, data)
    written = len(parses)
    assert read_yaml(path) == data
    assert len(parses) == written  # the read was answered by the memo


def test_the_memo_of_a_write_answers_what_the_parser_would(tmp_path: Path) -> None:
    """A dump does not give every string back (U+0085 in a block scalar becomes a line break)."""
    path = tmp_path / "words.yaml"
    write_yaml(path, {"version": 1, "known": ["a\x85b", "line\r\nbreak\nand more", "\u2028"]})
    from_memo = read_yaml(path)
    memo_path(str(path)).unlink()
    assert from_memo == read_yaml(path)


def test_values_a_memo_cannot_hold_are_parsed_every_time(tmp_path: Path, parses: list[str]) -> None:
    path = tmp_path / "dates.yaml"
    path.write_text("when: 2026-11-29 08:00:00\n", encoding="utf-8")
    assert read_yaml(path) == {"when": dt.datetime(2026, 11, 29, 8, 0)}
    assert read_yaml(path) == {"when": dt.datetime(2026, 11, 29, 8, 0)}
    assert len(parses) == 2


def test_a_value_that_cannot_be_built_is_a_data_error_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "state.yaml"
    path.write_text("version: 1\nwhen: 2024-02-30\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="bad value"):
        read_yaml(path)
    with pytest.raises(ReaderError, match="invalid front matter"):
        parse_markdown("---\ndate: 2024-02-30\n---\n\n正文。\n", "doc", "doc.md")


def test_load_yaml_text_reports_the_line_of_a_syntax_error() -> None:
    with pytest.raises(ValueError) as caught:
        load_yaml_text("a: 1\nb: [\n", memo="t")
    assert getattr(caught.value, "line", None) == 2


def test_config_and_state_round_trip_through_the_memo(reader_home: Path, parses: list[str]) -> None:
    save_config(Config(pinyin=True, theme="nord"))
    state = ReadingState()
    state.save("article", Position(offset=40, furthest=90, sections_read=["abstract"]))
    written = len(parses)
    assert load_config().pinyin is True
    assert ReadingState().position("article").furthest == 90
    assert len(parses) == written
    (reader_home / "config.yaml").write_text("version: 1\npinyin: false\n", encoding="utf-8")
    assert load_config().pinyin is False  # an edit by hand is seen


def test_front_matter_changes_are_seen() -> None:
    before = parse_markdown("---\ntitle: 一\n---\n\n正文。\n", "doc", "doc.md")
    after = parse_markdown("---\ntitle: 二\n---\n\n正文。\n", "doc", "doc.md")
    assert (before.title, after.title) == ("一", "二")
    with pytest.raises(ReaderError, match="invalid front matter at line 2"):
        parse_markdown("---\ntitle: [\n---\n\n正文。\n", "doc", "doc.md")


def test_a_warm_start_does_not_import_pyyaml(reader_home: Path, tmp_path: Path) -> None:
    """What ``reader open article`` reads before its first paint, in a fresh interpreter."""
    script = (
        "import sys\n"
        "from reader.storage.config import load_config, save_config\n"
        "from reader.storage.state import Position, ReadingState\n"
        "from reader.text.content import resolve_document\n"
        "doc = resolve_document('article'); config = load_config(); state = ReadingState()\n"
        "if sys.argv[1] == 'write':\n"
        "    config.pinyin = True; save_config(config)\n"
        "    state.save(doc.id, Position(offset=10))\n"
        "else:\n"
        "    assert config.pinyin and state.position(doc.id).offset == 10\n"
        "    print('yaml' in sys.modules)\n"
    )
    env = {**os.environ, "READER_HOME": str(reader_home), "READER_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run([sys.executable, "-c", script, "write"], env=env, check=True)
    done = subprocess.run([sys.executable, "-c", script, "read"], env=env, check=True, capture_output=True, text=True)
    assert done.stdout.strip() == "False"
