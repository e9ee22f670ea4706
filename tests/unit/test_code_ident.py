"""The token cache is keyed by the language code too: an upgraded reader never shows tokens an older one stored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import reader.text.code_ident as code_ident_module
from reader.text.annotate import LanguageStack
from reader.text.code_ident import code_ident
from reader.text.content import glossary_path, resolve_document
from reader.text.glossary import load_glossary


def test_the_ident_is_a_hash_of_the_modules_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here = code_ident()
    assert len(here) == 16 and int(here, 16) >= 0
    assert code_ident() == here  # once per process
    copy = tmp_path / "text"
    shutil.copytree(Path(code_ident_module.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(code_ident_module, "__file__", str(copy / "code_ident.py"))
    code_ident.cache_clear()
    assert code_ident() == here  # the same bytes elsewhere: the same ident
    senses = copy / "senses.py"
    senses.write_bytes(senses.read_bytes() + b"\n# a changed rule\n")
    code_ident.cache_clear()
    changed = code_ident()
    assert changed != here
    monkeypatch.undo()
    code_ident.cache_clear()
    assert code_ident() == here


def test_the_token_cache_key_changes_with_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    stack = LanguageStack(load_glossary(glossary_path()))
    article = resolve_document("article")
    before = stack.cache_key(article)
    assert LanguageStack(load_glossary(glossary_path())).cache_key(article) == before
    monkeypatch.setattr(code_ident_module, "code_ident", lambda: "0123456789abcdef")
    assert LanguageStack(load_glossary(glossary_path())).cache_key(article) != before
