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

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.study.export_reading import PassageReader, QuoteInfo, both_forms, collect_words

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


def _md_escape(text: str) -> str:
    """Text with HTML escaped, so that ``<b>&</b>`` in a note shows as written, never as markup."""
    return html.escape(text, quote=False)


def _md_escape_cell(value: str) -> str:
    return _md_escape(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_quote(text: str) -> str:
    return "\n".join(f"> {_md_escape(line)}" if line else ">" for line in text.splitlines() or [""])


def _yaml_scalar(value: str) -> str:
    """One front-matter value as a double-quoted YAML string (JSON's escaping is valid YAML)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def open_name(doc: Document) -> str:
    """How ``reader open`` names ``doc``: its bundled name, or its file's path (shell-quoted)."""
    import shlex

    from reader.text.content import content_dir

    if doc.path is None:
        return doc.id
    try:
        if doc.path.resolve().parent == content_dir().resolve() and doc.path.stem == doc.id:
            return doc.id
    except ReaderError:
        pass
    return shlex.quote(str(doc.path.resolve()))


def _front_matter(doc: Document, source: str, exported: str, notes: int, words: int) -> list[str]:
    lines = ["---", f"title: {_yaml_scalar(doc.title)}"]
    if doc.title_en:
        lines.append(f"title_en: {_yaml_scalar(doc.title_en)}")
    lines += [
        f"source: {_yaml_scalar(source)}",
        f"document_id: {_yaml_scalar(doc.id)}",
        f"exported: {_yaml_scalar(exported)}",
        f"notes: {notes}",
        f"saved_words: {words}",
        "tags: [reader]",
        "---",
        "",
    ]
    return lines


def _day(stamp: str) -> str:
    """The date of an ISO 8601 time, ``2026-12-01`` (the text itself if it is not one)."""
    from reader.study.notes_model import parse_time

    try:
        return parse_time(stamp).date().isoformat()
    except ValueError:
        return stamp


def render_markdown(
    doc: Document, notes: Sequence[Note], reader: PassageReader, deck: Deck | None = None, *, now: str | None = None
) -> str:
    """Write a study sheet for a Markdown notes vault.

    Front matter (title, source, export time), then the notes by section: the
    quote with its pinyin, the note, its date and a position link
    (``reader open NAME --at OFFSET``); the vocabulary table of the words
    saved from this document (pinyin, meaning in context, HSK level); the
    glossary terms of the quotes; orphaned notes last. All text is
    HTML-escaped.
    """
    from reader.study.notes_model import utc_now
    from reader.text.hsk import hsk_level, label

    name = open_name(doc)
    cards = deck.cards_for(doc.id) if deck is not None else []
    lines = _front_matter(doc, name, now or utc_now(), len(notes), len(cards))
    lines += [f"# {_md_escape(doc.title)}", ""]
    if doc.title_en:
        lines += [f"*{_md_escape(doc.title_en)}*", ""]
    anchored = sorted((n for n in notes if not n.orphan), key=lambda n: (n.start, n.end))
    orphans = [n for n in notes if n.orphan]
    count = len(anchored) + len(orphans)
    lines += [
        f"Study notes: {count} note{'s' if count != 1 else ''}. Each quote from the text comes with its "
        "pinyin, followed by the note, its date and the command that opens the reader there.",
        "",
    ]
    terms: dict[str, tuple[str, str]] = {}

    def add_note(note: Note, info: QuoteInfo, *, link: bool) -> None:
        lines.append(_md_quote(note.quote))
        if info.marks:
            lines.extend([">", f"> *{_md_escape(info.marks)}*"])
        lines.append("")
        if note.text.strip():
            lines.extend([_md_escape(note.text.rstrip()), ""])
        where = f" · `reader open {name} --at {note.start}`" if link else ""
        lines.extend([f"*{_day(note.updated)}*{where}", ""])

    by_section: dict[str, list[Note]] = {}
    for note in anchored:
        by_section.setdefault(doc.section_at(note.start).id if doc.sections else note.section_id, []).append(note)
    for section in doc.sections:
        items = by_section.get(section.id)
        if not items:
            continue
        lines += [f"## {_md_escape(_heading(section.title, section.subtitle))}", ""]
        for note in items:
            info = reader.quote(note.start, note.end, note.quote)
            add_note(note, info, link=True)
            if info.term:
                terms.setdefault(note.quote.strip(), (info.marks, info.meaning))
            for token in reader.glossary_terms(note.start, note.end):
                if token.text not in terms:
                    term_info = reader.quote(token.start, token.end, token.text)
                    terms[token.text] = (term_info.marks, term_info.meaning or token.gloss)
    if cards:
        from reader.text.tones import to_marks

        lines += [
            "## Vocabulary",
            "",
            "The words saved from this text, with the meaning they have in it.",
            "",
            "| Word | Pinyin | Meaning in context | HSK | Sentence |",
            "|---|---|---|---|---|",
        ]
        for card in sorted(cards, key=lambda c: c.created):
            meaning = reader.choices.get(card.word, card.syllables) or card.meaning
            context = card.context()
            sentence = ""
            if context is not None:
                sentence = f"{context.before}**{context.sentence[context.start : context.end]}**{context.after}"
            written = card.written or (doc.written_form(card.word) if doc.traditional else "")
            shown = both_forms(card.word, written)  # a traditional text's form, and its simplified one
            cells = [shown, "".join(to_marks(s) for s in card.syllables), meaning, label(hsk_level(card.word))]
            row = " | ".join(_md_escape_cell(c) for c in cells)
            lines.append(f"| {row} | {_md_escape_cell(sentence)} |")
        lines.append("")
    if terms:
        lines += ["## Glossary", "", "| Term | Pinyin | Meaning |", "|---|---|---|"]
        for term, (marks, meaning) in terms.items():
            lines.append(f"| {_md_escape_cell(term)} | {_md_escape_cell(marks)} | {_md_escape_cell(meaning)} |")
        lines.append("")
    if orphans:
        lines += ["## Orphaned notes", "", "These passages are no longer in the text.", ""]
        for note in orphans:
            add_note(note, reader.quote(note.start, note.end, note.quote), link=False)
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


#: Pleco's own line break inside a field (a private-use character its import and export use).
PLECO_NEWLINE = "\ueab1"


def _pleco_lines(text: str) -> str:
    """A multi-line text as one Pleco field: each line tidied, lines joined by :data:`PLECO_NEWLINE`."""
    return PLECO_NEWLINE.join(line for line in (_one_line(raw) for raw in text.splitlines()) if line)


def pleco_pinyin(syllables: Iterable[str]) -> str:
    """Pleco-style numbered pinyin without spaces, ü written out as Pleco does: ``yu4xun4lian4``, ``lü4``."""
    return "".join(s.replace("u:", "ü").replace("U:", "Ü").replace("v", "ü").replace("V", "Ü") for s in syllables)


def pleco_headword(simplified: str, traditional: str) -> str:
    """Pleco's headword: ``简[繁]`` when the scripts differ, else the one form."""
    return simplified if simplified == traditional else f"{simplified}[{traditional}]"


def render_tsv(doc: Document, notes: Sequence[Note], deck: Deck | None, reader: PassageReader) -> str:
    """Pleco flashcards in Pleco's own export format, line by line.

    A ``//reader/<title>`` category line, then ``简[繁]<TAB>pinyin<TAB>definition``
    per word: both scripts from the dictionary index, numbered pinyin with ü,
    and the meaning followed by the learner's notes, line breaks as U+EAB1.
    """
    category = _one_line(doc.title).replace("/", "／") or doc.id
    lines = [f"//reader/{category}"]
    for word in collect_words(doc, notes, deck, reader):
        parts = [_pleco_lines(word.meaning)]
        parts += [_pleco_lines(n) for n in word.notes if _one_line(n) != _one_line(word.meaning)]
        definition = PLECO_NEWLINE.join(part for part in parts if part)
        simplified, traditional = reader.headword_forms(_one_line(word.word), word.syllables)
        if doc.traditional:  # the learner read the traditional form the document is written in
            from reader.text.script import to_simplified

            simplified = _one_line(to_simplified(word.word))
            written = _one_line(word.written or doc.written_form(simplified))
            if written != simplified:
                traditional = written
        lines.append(f"{pleco_headword(simplified, traditional)}\t{pleco_pinyin(word.syllables)}\t{definition}")
    return "\n".join(lines) + "\n"
