"""The text exports: a Markdown study sheet, a YAML dump and a Pleco TSV flashcard file.

Each renderer takes the document, its notes and a
:class:`~reader.study.export_reading.PassageReader` and returns the whole file
as a string; :func:`reader.study.export.render` picks one and
:func:`reader.study.export.export` writes it atomically. Pinyin is shown with
tone marks in Markdown and YAML, and as numbers (``yu4xun4lian4``) for Pleco.
PyYAML is imported lazily, only by :func:`render_yaml`.

Pure module: no UI imports.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from reader.study.export_reading import PassageReader, QuoteInfo, collect_words

if TYPE_CHECKING:
    from reader.study.deck import Deck
    from reader.study.notes import Note
    from reader.text.document import Document

#: Schema version of the YAML export.
EXPORT_VERSION = 1


def _heading(title: str, subtitle: str) -> str:
    return f"{title} · {subtitle}" if subtitle else title


def _section_title(doc: Document, section_id: str) -> str:
    section = doc.section_by_id(section_id)
    return _heading(section.title, section.subtitle) if section is not None else section_id


def _md_escape_cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines() or [""])


def render_markdown(doc: Document, notes: Sequence[Note], reader: PassageReader) -> str:
    """Write a study sheet: title, notes by section with quotes and pinyin, glossary, orphans."""
    lines = [f"# {doc.title}", ""]
    if doc.title_en:
        lines += [f"*{doc.title_en}*", ""]
    anchored = sorted((n for n in notes if not n.orphan), key=lambda n: (n.start, n.end))
    orphans = [n for n in notes if n.orphan]
    count = len(anchored) + len(orphans)
    lines += [
        f"Study notes: {count} note{'s' if count != 1 else ''}. Each quote from the text comes with its "
        "pinyin, followed by the note.",
        "",
    ]
    terms: dict[str, tuple[str, str]] = {}

    def add_note(note: Note, info: QuoteInfo) -> None:
        lines.append(_md_quote(note.quote))
        if info.marks:
            lines.extend([">", f"> *{info.marks}*"])
        lines.append("")
        if note.text.strip():
            lines.extend([note.text.rstrip(), ""])

    by_section: dict[str, list[Note]] = {}
    for note in anchored:
        by_section.setdefault(doc.section_at(note.start).id if doc.sections else note.section_id, []).append(note)
    for section in doc.sections:
        items = by_section.get(section.id)
        if not items:
            continue
        lines += [f"## {_heading(section.title, section.subtitle)}", ""]
        for note in items:
            info = reader.quote(note.start, note.end, note.quote)
            add_note(note, info)
            if info.term:
                terms.setdefault(note.quote.strip(), (info.marks, info.meaning))
            for token in reader.glossary_terms(note.start, note.end):
                if token.text not in terms:
                    term_info = reader.quote(token.start, token.end, token.text)
                    terms[token.text] = (term_info.marks, term_info.meaning or token.gloss)
    if terms:
        lines += ["## Glossary", "", "| Term | Pinyin | Meaning |", "|---|---|---|"]
        for term, (marks, meaning) in terms.items():
            lines.append(f"| {_md_escape_cell(term)} | {_md_escape_cell(marks)} | {_md_escape_cell(meaning)} |")
        lines.append("")
    if orphans:
        lines += ["## Orphaned notes", "", "These passages are no longer in the text.", ""]
        for note in orphans:
            add_note(note, reader.quote(note.start, note.end, note.quote))
    return "\n".join(lines).rstrip() + "\n"


def render_yaml(doc: Document, notes: Sequence[Note], reader: PassageReader) -> str:
    """Dump the notes with anchors, quotes and pinyin as YAML."""
    from reader.storage.yamlio import dump_yaml

    items = []
    for note in notes:
        info = reader.quote(note.start, note.end, note.quote)
        items.append(
            {
                "id": note.id,
                "section": note.section_id,
                "section_title": _section_title(doc, note.section_id),
                "quote": note.quote,
                "pinyin": info.marks,
                "pinyin_numbers": info.numbered,
                "text": note.text,
                "tags": list(note.tags),
                "orphan": note.orphan,
                "created": note.created,
                "updated": note.updated,
                "anchor": note.anchor.to_dict(),
            }
        )
    data = {
        "version": EXPORT_VERSION,
        "document": {"id": doc.id, "title": doc.title, "title_en": doc.title_en, "hash": doc.content_hash},
        "notes": items,
    }
    return dump_yaml(data)


def _one_line(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def pleco_pinyin(syllables: Iterable[str]) -> str:
    """Pleco-style numbered pinyin without spaces: ``yu4xun4lian4`` (ü as ``u:``)."""
    return "".join(s.replace("v", "u:") for s in syllables)


def render_tsv(doc: Document, notes: Sequence[Note], deck: Deck | None, reader: PassageReader) -> str:
    """Pleco flashcards: a ``//<title>`` category line, then ``hanzi<TAB>pinyin<TAB>definition``."""
    category = _one_line(doc.title).replace("/", "／") or doc.id
    lines = [f"//{category}"]
    for word in collect_words(doc, notes, deck, reader):
        definition = _one_line(word.meaning)
        extra = _one_line(" / ".join(n for n in word.notes if _one_line(n) != _one_line(word.meaning)))
        if extra:
            definition = f"{definition} — {extra}" if definition else extra
        hanzi = _one_line(word.word)
        if doc.traditional:  # Pleco's simplified[traditional]: cards hold the simplified word, notes the written one
            from reader.text.script import to_simplified

            simplified = to_simplified(word.word)
            written = doc.written_form(simplified)
            if written != simplified:
                hanzi = f"{_one_line(simplified)}[{_one_line(written)}]"
        lines.append(f"{hanzi}\t{pleco_pinyin(word.syllables)}\t{definition}")
    return "\n".join(lines) + "\n"
