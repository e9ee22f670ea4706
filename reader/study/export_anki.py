"""The Anki export: the ``.apkg`` package with one recognition card per word.

Owns the note type (fixed :data:`ANKI_MODEL_ID`, fields Hanzi, Pinyin,
English, Context, Note), its templates and CSS with the Zhongwen tone colours,
the per-document deck id, the HTML of the fields, and :func:`write_apkg`.
genanki is imported lazily, only when a package is built; it writes to a temp
file that replaces the target atomically.

Pure module: no UI imports.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.storage.atomic import atomic_write_with
from reader.study.export_reading import PassageReader, Word, collect_words

if TYPE_CHECKING:
    import genanki

    from reader.study.deck import Deck
    from reader.study.notes import Note
    from reader.text.document import Document

#: The Anki note type: a fixed id in [2**30, 2**31) so that re-imports find it again.
ANKI_MODEL_ID = 1_582_043_117
ANKI_MODEL_NAME = "reader: Chinese word (Hanzi, Pinyin, English, Context, Note)"
#: Zhongwen tone colours for tones 1–5 (neutral), used in the Anki card CSS.
ZHONGWEN_COLOURS = ("#ee363e", "#f47c36", "#73bb4f", "#649cd3", "#a0a0a0")


def anki_deck_id(doc_id: str) -> int:
    """Return the Anki deck id of a document: fixed for a given document id, in [2**30, 2**31)."""
    digest = int.from_bytes(hashlib.sha256(f"reader-deck\x1f{doc_id}".encode()).digest()[:4], "big")
    return (1 << 30) + digest % (1 << 30)


_FRONT = """<div class="hanzi">{{Hanzi}}</div>
{{#Context}}<div class="context">{{Context}}</div>{{/Context}}"""

_BACK = """{{FrontSide}}
<hr id="answer">
<div class="pinyin">{{Pinyin}}</div>
<div class="english">{{English}}</div>
{{#Note}}<div class="note">{{Note}}</div>{{/Note}}"""


def _anki_css() -> str:
    rules = [
        ".card { font-family: sans-serif; font-size: 20px; text-align: center; }",
        ".hanzi { font-size: 48px; margin: 12px; }",
        ".pinyin { font-size: 26px; margin: 8px; }",
        ".context { font-size: 20px; color: #555; margin: 12px; }",
        ".context b { color: #000; }",
        ".note { font-size: 16px; text-align: left; margin: 12px auto; max-width: 40em; white-space: normal; }",
        ".nightMode .context { color: #bbb; } .nightMode .context b { color: #fff; }",
    ]
    rules += [f".tone{n} {{ color: {colour}; }}" for n, colour in enumerate(ZHONGWEN_COLOURS, start=1)]
    return "\n".join(rules)


def pinyin_html(syllables: Iterable[str]) -> str:
    """Tone-marked pinyin, one ``<span class="toneN">`` per syllable."""
    from reader.text.tones import to_marks, tone_of

    spans = []
    for syllable in syllables:
        tone = tone_of(syllable) if syllable else 5
        spans.append(f'<span class="tone{tone}">{html.escape(to_marks(syllable))}</span>')
    return "".join(spans)


def context_html(sentence: str, start: int, end: int) -> str:
    """Return the sentence with the word in ``<b>…</b>``, HTML-escaped."""
    if not sentence:
        return ""
    if not 0 <= start < end <= len(sentence):
        return html.escape(sentence)
    return f"{html.escape(sentence[:start])}<b>{html.escape(sentence[start:end])}</b>{html.escape(sentence[end:])}"


def _note_html(texts: Sequence[str]) -> str:
    return "<br><br>".join(html.escape(t).replace("\n", "<br>") for t in texts)


def anki_model() -> genanki.Model:
    """Make the genanki note type (fixed id, fields Hanzi, Pinyin, English, Context, Note)."""
    import genanki

    return genanki.Model(
        ANKI_MODEL_ID,
        ANKI_MODEL_NAME,
        fields=[{"name": name} for name in ("Hanzi", "Pinyin", "English", "Context", "Note")],
        templates=[{"name": "Recognition", "qfmt": _FRONT, "afmt": _BACK}],
        css=_anki_css(),
    )


def anki_deck_name(doc: Document) -> str:
    """The Anki deck of a document: ``reader::<title>`` (``::`` inside the title would nest, so it is broken)."""
    title = " ".join(doc.title.split()).replace("::", ": :") or doc.id
    return f"reader::{title}"


def note_guid(doc_id: str, word: str) -> str:
    """The Anki GUID of a word's note: fixed for (document, word), so re-imports update it."""
    import genanki

    return str(genanki.guid_for(doc_id, word))


def anki_tags(word: Word) -> list[str]:
    """The note's Anki tags: the ``#tags`` of its notes (Anki tags cannot hold spaces)."""
    return ["_".join(tag.split()) for tag in word.tags if tag.strip()]


def modified_seconds(word: Word) -> int:
    """The note's modification time in Unix seconds: its latest change, never the export's time.

    Anki updates a note on import only when this is newer than its own copy,
    so an unchanged note never overwrites an edit made in Anki.
    """
    from reader.study.notes_model import parse_time

    try:
        return int(parse_time(word.updated).timestamp()) if word.updated else 0
    except ValueError:
        return 0


def anki_fields(word: Word) -> list[str]:
    """The five HTML fields of a word's note: Hanzi, Pinyin, English, Context (as displayed), Note."""
    from reader.text.linebreak import display_text

    return [
        html.escape(word.both),
        pinyin_html(word.syllables),
        html.escape(word.meaning),
        context_html(display_text(word.context), word.context_start, word.context_end),
        _note_html(word.notes),
    ]


def write_apkg(doc: Document, notes: Sequence[Note], deck: Deck | None, target: Path, reader: PassageReader) -> None:
    """Write the Anki package of the document's words to ``target`` atomically.

    Each note carries its own modification time (:func:`modified_seconds`)
    instead of genanki's one time for the whole package.
    """
    import genanki

    class TimedNote(genanki.Note):
        """A genanki note written with its own modification time."""

        mod = 0

        def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
            super().write_to_db(cursor, self.mod or timestamp, deck_id, id_gen)

    model = anki_model()
    anki_deck = genanki.Deck(anki_deck_id(doc.id), anki_deck_name(doc))
    for word in collect_words(doc, notes, deck, reader):
        note = TimedNote(model=model, fields=anki_fields(word), guid=note_guid(doc.id, word.word), tags=anki_tags(word))
        note.mod = modified_seconds(word)
        anki_deck.add_note(note)
    atomic_write_with(target, genanki.Package(anki_deck).write_to_file)


def basic_back_html(word: Word) -> str:
    """The back of a word's card in Anki's Basic note type: tone-coloured pinyin, meaning, context, notes.

    Basic has no stylesheet of ours, so the tone colours are inline.
    """
    from reader.text.linebreak import display_text
    from reader.text.tones import to_marks, tone_of

    pinyin = "".join(
        f'<span style="color: {ZHONGWEN_COLOURS[(tone_of(s) if s else 5) - 1]}">{html.escape(to_marks(s))}</span>'
        for s in word.syllables
    )
    parts = [pinyin, html.escape(word.meaning)]
    context = context_html(display_text(word.context), word.context_start, word.context_end)
    if context:
        parts.append(f'<span style="color: #777">{context}</span>')
    if word.notes:
        parts.append(_note_html(word.notes))
    return "<br>".join(part for part in parts if part)


def render_anki_csv(doc: Document, notes: Sequence[Note], deck: Deck | None, reader: PassageReader) -> str:
    """The words as Anki's own text-import file, with its header lines.

    Anki's Basic note type (in every collection): Front is the word, Back the
    pinyin, meaning, context and notes. The header names the note type, the
    deck, and which columns hold the tags and the GUID; the GUID is fixed per
    (document, word), so that a re-import finds the same notes instead of
    adding copies (it differs from the ``.apkg``'s, which uses its own note type).
    Anki's "Existing notes" choice decides a re-import: *Preserve* keeps edits
    made in Anki, *Update* takes the reader's current text.
    """
    lines = [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        f"#deck:{anki_deck_name(doc)}",
        "#columns:Front\tBack\tTags\tGUID",
        "#tags column:3",
        "#guid column:4",
    ]
    for word in collect_words(doc, notes, deck, reader):
        cells = [html.escape(word.both), basic_back_html(word), " ".join(anki_tags(word)), csv_guid(doc.id, word.word)]
        lines.append("\t".join(_csv_cell(cell) for cell in cells))
    return "\n".join(lines) + "\n"


def csv_guid(doc_id: str, word: str) -> str:
    """The GUID of a word's Basic note in the CSV export (apart from the ``.apkg``'s, whose note type differs)."""
    import genanki

    return str(genanki.guid_for(doc_id, word, "basic"))


def _csv_cell(value: str) -> str:
    """One tab-separated cell: quoted (doubling quotes) when it holds a tab, a quote or a line break.

    A cell starting with ``#`` is quoted too: a line starting with ``#`` is a comment to Anki.
    """
    if value.startswith("#") or any(ch in value for ch in '\t"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value
