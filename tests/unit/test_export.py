"""Exports read back: Markdown, YAML, Pleco TSV and the Anki package (a zip holding SQLite)."""

from __future__ import annotations

import os
import sqlite3
import zipfile
from pathlib import Path

import pytest
import yaml

from reader.errors import ReaderError
from reader.study.deck import load_deck
from reader.study.export import ANKI_MODEL_ID, anki_deck_id, default_output, export, render
from reader.study.notes import NoteStore
from reader.text.document import Document, DocumentBuilder
from reader.text.tokens import Token, basic_tokens

INTRO = "最新报道显示,OpenAI正面临严峻的技术挑战。技术瓶颈导致研发进程停滞,削弱了其领先优势。"
BODY = "预训练作为生成式AI的核心引擎,其停滞意味着整个技术链条的动力衰减。"

#: The readings a segmenter would give; the test tokenises with this table.
WORDS = {
    "技术": ("ji4", "shu4"),
    "瓶颈": ("ping2", "jing3"),
    "导致": ("dao3", "zhi4"),
    "研发": ("yan2", "fa1"),
    "进程": ("jin4", "cheng2"),
    "停滞": ("ting2", "zhi4"),
    "核心": ("he2", "xin1"),
    "引擎": ("yin3", "qing2"),
    "优势": ("you1", "shi4"),
    "领先": ("ling3", "xian1"),
}
GLOSS = {"瓶颈": "bottleneck", "引擎": "engine", "停滞": "stagnation", "技术": "technology"}


def make_doc(intro: str = INTRO) -> Document:
    builder = DocumentBuilder()
    builder.add_section("摘要", "Abstract", [intro], section_id="abstract")
    builder.add_section("预训练", "Pretraining", [BODY], section_id="pretraining")
    return builder.build(id="sample", title="样本文章", title_en="A sample article")


def tokenize(doc: Document) -> list[Token]:
    tokens: list[Token] = []
    for token in basic_tokens(doc.text):
        pair = doc.text[token.start : token.start + 2]
        if tokens and tokens[-1].end > token.start:
            continue
        if pair in WORDS:
            tokens.append(Token(pair, token.start, token.start + 2, "han", WORDS[pair], GLOSS.get(pair, "")))
        elif token.kind == "han":
            tokens.append(Token(token.text, token.start, token.end, "han", ("x1",)))
        else:
            tokens.append(token)
    return tokens


def span(doc: Document, quote: str) -> tuple[int, int]:
    start = doc.text.index(quote)
    return start, start + len(quote)


@pytest.fixture
def doc() -> Document:
    return make_doc()


@pytest.fixture
def store(doc: Document) -> NoteStore:
    store = NoteStore.open(doc)
    store.add(*span(doc, "瓶颈"), "bottleneck; 瓶 = bottle #词汇")
    store.add(*span(doc, "技术瓶颈导致研发进程停滞"), "The key sentence.\nSecond line.")
    store.add(*span(doc, "引擎"), "engine <b>not bold</b>")
    return store


def run(doc: Document, store: NoteStore, fmt: str, out: Path) -> Path:
    return export(doc, store.notes, load_deck(), fmt, out, tokens=tokenize(doc), glossary=None)


def test_default_output_names() -> None:
    assert default_output("article", "markdown", Path("/x")) == Path("/x/article-notes.md")
    assert default_output("article", "anki", Path("/x")).name == "article-notes.apkg"
    assert default_output("article", "tsv", Path("/x")).name == "article-notes.tsv"
    assert default_output("article", "yaml", Path("/x")).name == "article-notes.yaml"


def test_markdown_has_title_sections_quotes_pinyin_notes_and_glossary(
    doc: Document, store: NoteStore, tmp_path: Path
) -> None:
    text = run(doc, store, "markdown", tmp_path / "out.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "---"
    lines = lines[lines.index("---", 1) + 1 :]
    assert lines[1] == "# 样本文章"
    assert "*A sample article*" in lines
    assert "## 摘要 · Abstract" in lines and "## 预训练 · Pretraining" in lines
    assert "> 技术瓶颈导致研发进程停滞" in lines
    assert "> *jìshù píngjǐng dǎozhì yánfā jìnchéng tíngzhì*" in lines
    assert "> *píngjǐng*" in lines
    assert "The key sentence." in lines and "Second line." in lines
    assert "bottleneck; 瓶 = bottle #词汇" in lines
    assert (
        lines.index("## 摘要 · Abstract")
        < lines.index("> 瓶颈")
        < lines.index("## 预训练 · Pretraining")
        < lines.index("> 引擎")
    )
    table = lines[lines.index("## Glossary") :]
    assert "| 瓶颈 | píngjǐng | bottleneck |" in table
    assert "| 引擎 | yǐnqíng | engine |" in table
    assert not any("技术瓶颈导致" in row for row in table)  # sentences are not terms


def test_markdown_front_matter_dates_positions_vocabulary_and_escaping(
    doc: Document, store: NoteStore, tmp_path: Path
) -> None:
    deck = load_deck()
    s_start, s_end = doc.sentence_at(doc.text.index("优势"))
    sentence = doc.text[s_start:s_end]
    at = sentence.index("优势")
    deck.save_word("sample", "优势", ("you1", "shi4"), "advantage", sentence, at, at + 2)
    deck.save_word("sample", "瓶颈", ("ping2", "jing3"), "bottleneck (in this text)", sentence, 0, 1)
    deck.save_word("other-doc", "苹果", ("ping2", "guo3"), "apple", "", 0, 0)
    text = export(doc, store.notes, deck, "markdown", tmp_path / "out.md", tokens=tokenize(doc)).read_text("utf-8")
    head, body = text.split("\n---\n", 1)
    front = yaml.safe_load(head.removeprefix("---\n"))
    assert front["title"] == "样本文章" and front["title_en"] == "A sample article"
    assert front["document_id"] == "sample" and front["notes"] == 3 and front["saved_words"] == 2
    assert front["exported"].endswith("Z")
    lines = body.splitlines()
    engine = next(n for n in store.notes if n.quote == "引擎")
    day = engine.updated[:10]
    after_quote = lines[lines.index("> 引擎") :]
    assert "engine &lt;b&gt;not bold&lt;/b&gt;" in after_quote  # HTML shown as written, never rendered
    assert f"*{day}* · `reader open {front['source']} --at {engine.start}`" in after_quote
    assert doc.text[engine.start : engine.end] == "引擎"
    vocab = lines[lines.index("## Vocabulary") :]
    assert "| Word | Pinyin | Meaning in context | HSK | Sentence |" in vocab
    row = next(line for line in vocab if line.startswith("| 优势 |"))
    assert row.startswith("| 优势 | yōushì | advantage | 3 |") and "**优势**" in row
    assert any(line.startswith("| 瓶颈 | píngjǐng | bottleneck (in this text) | 7-9 |") for line in vocab)
    assert not any("苹果" in line for line in vocab)


def test_markdown_lists_orphans_at_the_end(doc: Document, store: NoteStore, tmp_path: Path) -> None:
    changed = make_doc(INTRO.replace("技术瓶颈导致研发进程停滞,", ""))
    reopened = NoteStore.open(changed)
    assert {n.quote for n in reopened.orphans} == {
        "瓶颈",
        "技术瓶颈导致研发进程停滞",
    }  # both lived in the deleted passage
    text = export(changed, reopened.notes, None, "markdown", tmp_path / "o.md", tokens=tokenize(changed)).read_text(
        encoding="utf-8"
    )
    tail = text[text.index("## Orphaned notes") :]
    assert "> 技术瓶颈导致研发进程停滞" in tail and "The key sentence." in tail and "> 瓶颈" in tail
    assert "## 预训练 · Pretraining" in text[: text.index("## Orphaned notes")]


def test_yaml_round_trip(doc: Document, store: NoteStore, tmp_path: Path) -> None:
    data = yaml.safe_load(run(doc, store, "yaml", tmp_path / "out.yaml").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["document"]["id"] == "sample" and data["document"]["hash"] == doc.content_hash
    by_quote = {n["quote"]: n for n in data["notes"]}
    assert set(by_quote) == {"瓶颈", "技术瓶颈导致研发进程停滞", "引擎"}
    note = by_quote["瓶颈"]
    assert note["pinyin"] == "píngjǐng" and note["pinyin_numbers"] == "ping2 jing3"
    assert note["tags"] == ["词汇"] and note["section"] == "abstract" and note["orphan"] is False
    original = store.get(note["id"])
    assert original is not None and note["anchor"] == original.anchor.to_dict()
    assert by_quote["技术瓶颈导致研发进程停滞"]["text"] == "The key sentence.\nSecond line."


def test_tsv_is_pleco_flashcards(doc: Document, store: NoteStore, tmp_path: Path) -> None:
    """Pleco's own export: //category, 简[繁] from the dictionary, numbered pinyin with ü, U+EAB1 line breaks."""
    deck = load_deck()
    sentence_start, sentence_end = doc.sentence_at(doc.text.index("优势"))
    sentence = doc.text[sentence_start:sentence_end]
    deck.save_word(
        "sample", "优势", ("you1", "shi4"), "advantage", sentence, sentence.index("优势"), sentence.index("优势") + 2
    )
    store.add(*span(doc, "优势"), "an edge\nover rivals")
    deck.save_word("other-doc", "苹果", ("ping2", "guo3"), "apple", "", 0, 0)
    path = export(doc, store.notes, deck, "tsv", tmp_path / "out.tsv", tokens=tokenize(doc))
    raw = path.read_bytes()
    lines = raw.decode("utf-8").split("\n")
    assert lines[0] == "//reader/样本文章" and lines[-1] == ""
    rows = [line.split("\t") for line in lines[1:-1]]
    assert all(len(row) == 3 for row in rows)
    assert ["瓶颈[瓶頸]", "ping2jing3", "bottleneck\ueab1bottleneck; 瓶 = bottle #词汇"] in rows
    assert ["引擎", "yin3qing2", "engine\ueab1engine <b>not bold</b>"] in rows  # same in both scripts
    assert ["优势[優勢]", "you1shi4", "advantage\ueab1an edge\ueab1over rivals"] in rows
    assert len(rows) == 3  # no sentence, no word of another document


def test_pleco_pinyin_writes_u_umlaut() -> None:
    from reader.study.export import pleco_pinyin

    assert pleco_pinyin(("lv4", "se4")) == "lü4se4"
    assert pleco_pinyin(("Lu:3", "Xun4")) == "Lü3Xun4"
    assert pleco_pinyin(("nu:3", "er2")) == "nü3er2"


def test_unknown_format_and_binary_to_text_are_refused(doc: Document, store: NoteStore, tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="unknown export format"):
        export(doc, store.notes, None, "pdf", tmp_path / "x.pdf", tokens=tokenize(doc))
    with pytest.raises(ReaderError, match="not text"):
        render(doc, store.notes, None, "anki", tokens=tokenize(doc))


def test_interrupted_export_leaves_the_old_file(
    doc: Document, store: NoteStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    target.write_text("old export\n", encoding="utf-8")
    apkg = tmp_path / "out.apkg"
    apkg.write_bytes(b"old package")

    def fail(*args: object) -> None:
        raise OSError(5, "I/O error")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ReaderError, match="cannot write the export"):
        run(doc, store, "markdown", target)
    with pytest.raises(ReaderError, match="cannot write the export"):
        run(doc, store, "anki", apkg)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old export\n"
    assert apkg.read_bytes() == b"old package"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["out.apkg", "out.md"]


def read_apkg(path: Path, tmp_path: Path) -> tuple[list[tuple[str, int, list[str]]], dict[str, object]]:
    with zipfile.ZipFile(path) as archive:
        assert "collection.anki2" in archive.namelist()
        db = tmp_path / f"{path.stem}.anki2"
        db.write_bytes(archive.read("collection.anki2"))
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("select guid, mid, flds from notes order by sfld").fetchall()
        models_json, decks_json = conn.execute("select models, decks from col").fetchone()
    finally:
        conn.close()
    import json

    return [(guid, mid, flds.split("\x1f")) for guid, mid, flds in rows], {
        "models": json.loads(models_json),
        "decks": json.loads(decks_json),
    }


def test_anki_package_holds_noted_and_saved_words(doc: Document, store: NoteStore, tmp_path: Path) -> None:
    deck = load_deck()
    sentence_start, sentence_end = doc.sentence_at(doc.text.index("优势"))
    sentence = doc.text[sentence_start:sentence_end]
    deck.save_word(
        "sample", "优势", ("you1", "shi4"), "advantage", sentence, sentence.index("优势"), sentence.index("优势") + 2
    )
    first = export(doc, store.notes, deck, "anki", tmp_path / "one.apkg", tokens=tokenize(doc))
    notes, col = read_apkg(first, tmp_path)
    by_word = {fields[0]: (guid, mid, fields) for guid, mid, fields in notes}
    assert set(by_word) == {"瓶颈", "引擎", "优势"}
    guid, mid, fields = by_word["瓶颈"]
    assert mid == ANKI_MODEL_ID and (1 << 30) <= mid < (1 << 31)
    _hanzi, pinyin, english, context, note = fields
    assert pinyin == '<span class="tone2">píng</span><span class="tone3">jǐng</span>'
    assert english == "bottleneck"
    assert context == "技术<b>瓶颈</b>导致研发进程停滞，削弱了其领先优势。"  # as displayed
    assert note == "bottleneck; 瓶 = bottle #词汇"
    assert "&lt;b&gt;not bold&lt;/b&gt;" in by_word["引擎"][2][4]
    assert by_word["优势"][2][2] == "advantage" and "<b>优势</b>" in by_word["优势"][2][3]
    model = col["models"][str(ANKI_MODEL_ID)]  # type: ignore[index]
    assert [f["name"] for f in model["flds"]] == ["Hanzi", "Pinyin", "English", "Context", "Note"]
    assert ".tone1 { color: #ee363e; }" in model["css"] and ".tone5 { color: #a0a0a0; }" in model["css"]
    assert "{{Hanzi}}" in model["tmpls"][0]["qfmt"] and "{{Pinyin}}" in model["tmpls"][0]["afmt"]
    assert str(anki_deck_id("sample")) in col["decks"]  # type: ignore[operator]
    # a second export gives the same GUIDs
    second = export(doc, store.notes, deck, "anki", tmp_path / "two.apkg", tokens=tokenize(doc))
    again, _ = read_apkg(second, tmp_path)
    assert sorted(g for g, _, _ in again) == sorted(g for g, _, _ in notes)
    import genanki

    assert guid == genanki.guid_for("sample", "瓶颈")
