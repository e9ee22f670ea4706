"""``reader export`` and ``reader notes`` run as the user runs them: a subprocess with READER_HOME set."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reader.study.notes import NoteStore
from reader.text.content import resolve_document

ROOT = Path(__file__).resolve().parents[2]


def reader(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, READER_HOME=str(home), PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def noted(reader_home: Path) -> Path:
    """The bundled article with a note on 技术瓶颈."""
    doc = resolve_document("article")
    start = doc.text.index("技术瓶颈")
    NoteStore.open(doc).add(start, start + 4, "瓶颈 = bottleneck #词汇")
    return reader_home


def test_markdown_to_stdout(noted: Path, tmp_path: Path) -> None:
    done = reader("export", "article", "--format", "markdown", "-o", "-", cwd=tmp_path, home=noted)
    assert done.returncode == 0, done.stderr
    assert "> 技术瓶颈" in done.stdout
    assert "jìshù" in done.stdout and "píngjǐng" in done.stdout
    assert "瓶颈 = bottleneck #词汇" in done.stdout


def test_default_files_go_to_the_current_directory(noted: Path, tmp_path: Path) -> None:
    for fmt, name in [("yaml", "article-notes.yaml"), ("tsv", "article-notes.tsv"), ("anki", "article-notes.apkg")]:
        done = reader("export", "article", "--format", fmt, cwd=tmp_path, home=noted)
        assert done.returncode == 0, done.stderr
        assert name in done.stdout
        assert (tmp_path / name).is_file()
    tsv = (tmp_path / "article-notes.tsv").read_text(encoding="utf-8").splitlines()
    assert tsv[0].startswith("//") and tsv[1].split("\t")[:2] == ["技术瓶颈", "ji4shu4ping2jing3"]
    with zipfile.ZipFile(tmp_path / "article-notes.apkg") as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(tmp_path / "c.anki2") as conn:
        (fields,) = conn.execute("select flds from notes").fetchone()
    assert fields.split("\x1f")[0] == "技术瓶颈"


def test_output_file_and_anki_to_stdout_is_refused(noted: Path, tmp_path: Path) -> None:
    done = reader("export", "article", "--format", "markdown", "-o", "sheet.md", cwd=tmp_path, home=noted)
    assert done.returncode == 0 and "sheet.md" in done.stdout
    assert "> 技术瓶颈" in (tmp_path / "sheet.md").read_text(encoding="utf-8")
    done = reader("export", "article", "--format", "anki", "-o", "-", cwd=tmp_path, home=noted)
    assert done.returncode == 2 and done.stderr.startswith("reader: ") and len(done.stderr.splitlines()) == 1


def test_damaged_notes_file_is_reported_and_untouched(reader_home: Path, tmp_path: Path) -> None:
    path = reader_home / "notes" / "article.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"version: 1\nnotes: [oops\n")
    check = reader("notes", "check", cwd=tmp_path, home=reader_home)
    assert check.returncode == 2
    assert check.stdout.count("\n") == 1 and str(path) in check.stdout
    export = reader("export", "article", "--format", "markdown", cwd=tmp_path, home=reader_home)
    assert export.returncode == 2 and str(path) in export.stderr
    assert path.read_bytes() == b"version: 1\nnotes: [oops\n"


def test_notes_check_and_list(noted: Path, tmp_path: Path) -> None:
    check = reader("notes", "check", "article", cwd=tmp_path, home=noted)
    assert check.returncode == 0, check.stdout
    listing = reader("notes", "list", "article", cwd=tmp_path, home=noted)
    assert listing.returncode == 0 and "技术瓶颈" in listing.stdout and "bottleneck" in listing.stdout


def test_exports_use_the_users_own_glossary_as_the_reader_does(reader_home: Path, tmp_path: Path) -> None:
    (reader_home / "glossary.yaml").write_text(
        "version: 1\n"
        "terms:\n"
        "  - term: 严峻\n"
        "    pinyin: yán jùn\n"
        "    gloss: grim (my own gloss)\n"
        "    explanation: How hard the situation is.\n"
        "    definition_zh: 严厉而艰难。\n"
        "    category: general\n"
        "    related: []\n",
        encoding="utf-8",
    )
    doc = resolve_document("article")
    start = doc.text.index("严峻")
    NoteStore.open(doc).add(start, start + 2, "hard")
    done = reader("export", "article", "--format", "markdown", "-o", "-", cwd=tmp_path, home=reader_home)
    assert done.returncode == 0, done.stderr
    assert "| 严峻 | yánjùn | grim (my own gloss) |" in done.stdout
