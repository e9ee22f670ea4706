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
from typing import TYPE_CHECKING

from reader.storage.atomic import atomic_write_with
from reader.study.export_reading import PassageReader, collect_words

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


def write_apkg(doc: Document, notes: Sequence[Note], deck: Deck | None, target: Path, reader: PassageReader) -> None:
    """Write the Anki package of the document's words to ``target`` atomically."""
    import genanki

    model = anki_model()
    anki_deck = genanki.Deck(anki_deck_id(doc.id), f"reader::{doc.title}")
    for word in collect_words(doc, notes, deck, reader):
        fields = [
            html.escape(word.word),
            pinyin_html(word.syllables),
            html.escape(word.meaning),
            context_html(word.context, word.context_start, word.context_end),
            _note_html(word.notes),
        ]
        anki_deck.add_note(genanki.Note(model=model, fields=fields, guid=genanki.guid_for(doc.id, word.word)))
    atomic_write_with(target, genanki.Package(anki_deck).write_to_file)
