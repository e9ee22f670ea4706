"""The learner's own meanings: saved at once, per document or everywhere, never overwriting a damaged file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reader.errors import DataFileError
from reader.study.meanings import load_meanings


def test_a_choice_is_saved_at_once_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "meanings.yaml"
    store = load_meanings(path)
    store.choose("在", ("zai4",), "  at;   in ", "article")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["meanings"][0] | {"updated": ""} == {
        "word": "在",
        "reading": "zai4",
        "gloss": "at; in",
        "document": "article",
        "updated": "",
    }
    fresh = load_meanings(path)
    assert fresh.choices_for("article").get("在", ("zai4",)) == "at; in"
    assert fresh.choices_for("other").get("在", ("zai4",)) == ""


def test_a_documents_choice_beats_the_every_document_one(tmp_path: Path) -> None:
    store = load_meanings(tmp_path / "meanings.yaml")
    store.choose("行", ("hang2",), "line of business", None)
    store.choose("行", ("hang2",), "row", "book")
    assert store.choices_for("book").get("行", ("hang2",)) == "row"
    assert store.choices_for("article").get("行", ("hang2",)) == "line of business"
    assert store.choices_for("article").get("行", ("xing2",)) == ""
    assert store.forget("行", ("hang2",), "book")
    assert store.choices_for("book").get("行", ("hang2",)) == "line of business"


def test_two_instances_merge(tmp_path: Path) -> None:
    path = tmp_path / "meanings.yaml"
    first, second = load_meanings(path), load_meanings(path)
    first.choose("在", ("zai4",), "at", None)
    second.choose("被", ("bei4",), "by", None)
    words = {m.word for m in load_meanings(path).meanings}
    assert words == {"在", "被"}


def test_a_damaged_file_is_read_only_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "meanings.yaml"
    path.write_text("version: 1\nmeanings: [unclosed\n", encoding="utf-8")
    before = path.read_bytes()
    store = load_meanings(path)
    assert store.read_only
    with pytest.raises(DataFileError):
        store.choose("在", ("zai4",), "at", None)
    assert path.read_bytes() == before


def test_an_empty_meaning_is_refused(tmp_path: Path) -> None:
    store = load_meanings(tmp_path / "meanings.yaml")
    with pytest.raises(ValueError):
        store.choose("在", ("zai4",), "   ", None)
    assert not (tmp_path / "meanings.yaml").exists()
