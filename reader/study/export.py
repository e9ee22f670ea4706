"""Exports of a document's notes and saved words: Markdown, YAML, Anki ``.apkg``, Pleco TSV.

Every format is written atomically: the bytes go to a temp file in the target
folder, are fsynced, and replace the target with ``os.replace``; genanki writes
its package to such a temp file too. An interrupted export leaves the old file
(or nothing), never half a file.

Pinyin comes from the annotate pipeline (:func:`reader.text.annotate.annotate_document`),
imported lazily: the tokens covering a quote give its numbered syllables,
shown with tone marks in Markdown and YAML, as coloured spans in Anki, and as
numbers (``yu4xun4lian4``) in the Pleco file. Pure module: no UI imports.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import ReaderError
from reader.storage.atomic import atomic_write_text, atomic_write_with

if TYPE_CHECKING:
    from reader.study.deck import Deck
    from reader.study.notes import Note
    from reader.text.document import Document
    from reader.text.tokens import Token

#: Formats ``reader export`` knows, with their file suffixes.
FORMATS: dict[str, str] = {"markdown": ".md", "yaml": ".yaml", "anki": ".apkg", "tsv": ".tsv"}
#: Schema version of the YAML export.
EXPORT_VERSION = 1
#: The Anki note type: a fixed id in [2**30, 2**31) so that re-imports find it again.
ANKI_MODEL_ID = 1_582_043_117
ANKI_MODEL_NAME = "reader: Chinese word (Hanzi, Pinyin, English, Context, Note)"
#: Zhongwen tone colours for tones 1–5 (neutral), used in the Anki card CSS.
ZHONGWEN_COLOURS = ("#ee363e", "#f47c36", "#73bb4f", "#649cd3", "#a0a0a0")
#: Longest quote still treated as a single term when it is a dictionary or glossary word.
MAX_TERM_CHARS = 12


def default_output(doc_id: str, fmt: str, folder: Path | None = None) -> Path:
    """Return the default file of an export: ``<doc-id>-notes.<suffix>`` in ``folder`` (the cwd)."""
    base = folder if folder is not None else Path.cwd()
    return base / f"{doc_id}-notes{FORMATS[fmt]}"


def anki_deck_id(doc_id: str) -> int:
    """Return the Anki deck id of a document: fixed for a given document id, in [2**30, 2**31)."""
    digest = int.from_bytes(hashlib.sha256(f"reader-deck\x1f{doc_id}".encode()).digest()[:4], "big")
    return (1 << 30) + digest % (1 << 30)


# -- what is exported ------------------------------------------------------------------------


@dataclass
class QuoteInfo:
    """A note's quote with its reading: numbered syllables grouped by word."""

    words: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    term: bool = False
    meaning: str = ""

    @property
    def marks(self) -> str:
        """Pinyin with tone marks, one space between words: ``jìshù píngjǐng``."""
        from reader.text.tones import to_marks

        return " ".join("".join(to_marks(s) for s in syllables) for _, syllables in self.words if syllables)

    @property
    def numbered(self) -> str:
        """Numbered pinyin, one space between syllables: ``ji4 shu4 ping2 jing3``."""
        return " ".join(s for _, syllables in self.words for s in syllables)

    @property
    def syllables(self) -> tuple[str, ...]:
        """All numbered syllables in order."""
        return tuple(s for _, syllables in self.words for s in syllables)


@dataclass
class Word:
    """One flashcard: a noted term or a saved word."""

    word: str
    syllables: tuple[str, ...]
    meaning: str
    context: str = ""
    context_start: int = 0
    context_end: int = 0
    notes: list[str] = field(default_factory=list)


class _Reader:
    """Readings and meanings of a document's passages, from the annotate pipeline."""

    def __init__(self, doc: Document, tokens: Sequence[Token] | None, glossary: Any) -> None:
        self.doc = doc
        self._tokens = list(tokens) if tokens is not None else None
        self._glossary = glossary
        self._loaded_glossary = glossary is not None

    @property
    def glossary(self) -> Any:
        if not self._loaded_glossary:
            self._loaded_glossary = True
            try:
                from reader.text.content import glossary_path
                from reader.text.glossary import load_glossary

                self._glossary = load_glossary(glossary_path())
            except ReaderError:
                self._glossary = None
        return self._glossary

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            from reader.text.annotate import annotate_document
            from reader.text.dictionary import Dictionary

            # With the dictionary, every word has an English gloss (not only glossary terms),
            # and the token cache is the one the reader itself uses.
            self._tokens = list(annotate_document(self.doc, self.glossary, Dictionary.open()))
        return self._tokens

    def glossary_entry(self, term: str) -> Any:
        glossary = self.glossary
        return glossary.get(term) if glossary is not None else None

    def quote(self, start: int, end: int, exact: str) -> QuoteInfo:
        """Read ``doc.text[start:end]``; for an orphan only the glossary can help."""
        info = QuoteInfo()
        entry = self.glossary_entry(exact.strip())
        inside: list[Token] = []
        if self.doc.text[start:end] == exact:
            inside = [t for t in self.tokens if t.end > start and t.start < end]
        for token in inside:
            lo, hi = max(start, token.start), min(end, token.end)
            syllables = _syllables_between(token, lo, hi)
            if token.is_word or syllables:
                info.words.append((self.doc.text[lo:hi], syllables))
        words = [t for t in inside if t.is_word]
        whole = len(words) == 1 and words[0].start == start and words[0].end == end
        if whole:
            info.term = True
            info.meaning = words[0].gloss
        if entry is not None:
            info.term = info.term or len(exact.strip()) <= MAX_TERM_CHARS
            info.meaning = _entry_text(entry, "gloss") or info.meaning
            pinyin = _entry_text(entry, "pinyin")
            if pinyin and not info.words:
                info.words = [(exact, tuple(pinyin.split()))]
        return info

    def glossary_terms(self, start: int, end: int) -> list[Token]:
        """Glossary tokens inside a passage."""
        return [t for t in self.tokens if t.glossary and t.start >= start and t.end <= end]


def _syllables_between(token: Token, lo: int, hi: int) -> tuple[str, ...]:
    """Return the token's syllables for the Han characters in ``[lo, hi)`` (one syllable per Han character)."""
    from reader.text.tokens import is_han

    if not token.syllables:
        return ()
    han = [token.start + i for i, ch in enumerate(token.text) if is_han(ch)]
    if len(han) != len(token.syllables):
        return ()
    return tuple(s for pos, s in zip(han, token.syllables, strict=True) if lo <= pos < hi)


def _entry_text(entry: Any, name: str) -> str:
    value = getattr(entry, name, None)
    if value is None and isinstance(entry, dict):
        value = entry.get(name)
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value) if value else ""


def _heading(title: str, subtitle: str) -> str:
    return f"{title} · {subtitle}" if subtitle else title


def _section_title(doc: Document, section_id: str) -> str:
    section = doc.section_by_id(section_id)
    return _heading(section.title, section.subtitle) if section is not None else section_id


def _sentence(doc: Document, start: int, end: int) -> tuple[str, int, int]:
    """Return the sentence around a passage and the passage's offsets inside it."""
    s_start, s_end = doc.sentence_at(start)
    s_end = max(s_end, doc.sentence_at(max(start, end - 1))[1])
    return doc.text[s_start:s_end], start - s_start, end - s_start


def _words(doc: Document, notes: Sequence[Note], deck: Deck | None, reader: _Reader) -> list[Word]:
    """Collect noted single terms and the deck's words saved from this document, one per word."""
    found: dict[str, Word] = {}
    for note in notes:
        if note.orphan:
            continue
        info = reader.quote(note.start, note.end, note.quote)
        if not info.term:
            continue
        word = note.quote.strip()
        entry = found.get(word)
        if entry is None:
            sentence, a, b = _sentence(doc, note.start, note.end)
            entry = Word(word, info.syllables, info.meaning, sentence, a, b)
            found[word] = entry
        if note.text.strip() and note.text.strip() not in entry.notes:
            entry.notes.append(note.text.strip())
    if deck is not None:
        for card in deck.cards_for(doc.id):
            entry = found.get(card.word)
            context = card.contexts[-1] if card.contexts else None
            if entry is None:
                entry = Word(card.word, tuple(card.syllables), card.meaning)
                found[card.word] = entry
            else:
                entry.meaning = card.meaning or entry.meaning
                entry.syllables = tuple(card.syllables) or entry.syllables
            if context is not None and not entry.context:
                entry.context, entry.context_start, entry.context_end = context.sentence, context.start, context.end
            explanation = getattr(card, "explanation", "")
            if explanation and explanation not in entry.notes:
                entry.notes.append(explanation)
    return list(found.values())


# -- writing -------------------------------------------------------------------------------


def export(
    doc: Document,
    notes: Sequence[Note],
    deck: Deck | None,
    fmt: str,
    out_path: Path | str,
    *,
    tokens: Sequence[Token] | None = None,
    glossary: Any = None,
) -> Path:
    """Write the export of ``doc`` in ``fmt`` to ``out_path`` atomically; return the path.

    ``tokens`` (annotated tokens of ``doc``) and ``glossary`` are loaded lazily
    when not given. Raises :class:`~reader.errors.ReaderError` for an unknown
    format or a file that cannot be written.
    """
    if fmt not in FORMATS:
        raise ReaderError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    target = Path(out_path)
    if target.is_dir():
        raise ReaderError(f"{target}: is a directory; give a file name")
    try:
        if fmt == "anki":
            _write_apkg(doc, notes, deck, target, _Reader(doc, tokens, glossary))
        else:
            atomic_write_text(target, render(doc, notes, deck, fmt, tokens=tokens, glossary=glossary))
    except OSError as exc:
        raise ReaderError(f"{target}: cannot write the export ({exc.strerror or exc})") from exc
    return target


def render(
    doc: Document,
    notes: Sequence[Note],
    deck: Deck | None,
    fmt: str,
    *,
    tokens: Sequence[Token] | None = None,
    glossary: Any = None,
) -> str:
    """Return the text of a ``markdown``, ``yaml`` or ``tsv`` export (for ``-o -`` and :func:`export`)."""
    reader = _Reader(doc, tokens, glossary)
    if fmt == "markdown":
        return render_markdown(doc, notes, reader)
    if fmt == "yaml":
        return render_yaml(doc, notes, reader)
    if fmt == "tsv":
        return render_tsv(doc, notes, deck, reader)
    raise ReaderError(f"format {fmt!r} is not text; write it to a file")


def _md_escape_cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines() or [""])


def render_markdown(doc: Document, notes: Sequence[Note], reader: _Reader) -> str:
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


def render_yaml(doc: Document, notes: Sequence[Note], reader: _Reader) -> str:
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


def render_tsv(doc: Document, notes: Sequence[Note], deck: Deck | None, reader: _Reader) -> str:
    """Pleco flashcards: a ``//<title>`` category line, then ``hanzi<TAB>pinyin<TAB>definition``."""
    category = _one_line(doc.title).replace("/", "／") or doc.id
    lines = [f"//{category}"]
    for word in _words(doc, notes, deck, reader):
        definition = _one_line(word.meaning)
        extra = _one_line(" / ".join(n for n in word.notes if _one_line(n) != _one_line(word.meaning)))
        if extra:
            definition = f"{definition} — {extra}" if definition else extra
        lines.append(f"{_one_line(word.word)}\t{pleco_pinyin(word.syllables)}\t{definition}")
    return "\n".join(lines) + "\n"


# -- Anki ------------------------------------------------------------------------------------

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


def anki_model() -> Any:
    """Make the genanki note type (fixed id, fields Hanzi, Pinyin, English, Context, Note)."""
    import genanki

    return genanki.Model(
        ANKI_MODEL_ID,
        ANKI_MODEL_NAME,
        fields=[{"name": name} for name in ("Hanzi", "Pinyin", "English", "Context", "Note")],
        templates=[{"name": "Recognition", "qfmt": _FRONT, "afmt": _BACK}],
        css=_anki_css(),
    )


def _write_apkg(doc: Document, notes: Sequence[Note], deck: Deck | None, target: Path, reader: _Reader) -> None:
    import genanki

    model = anki_model()
    anki_deck = genanki.Deck(anki_deck_id(doc.id), f"reader::{doc.title}")
    for word in _words(doc, notes, deck, reader):
        fields = [
            html.escape(word.word),
            pinyin_html(word.syllables),
            html.escape(word.meaning),
            context_html(word.context, word.context_start, word.context_end),
            _note_html(word.notes),
        ]
        anki_deck.add_note(genanki.Note(model=model, fields=fields, guid=genanki.guid_for(doc.id, word.word)))
    atomic_write_with(target, genanki.Package(anki_deck).write_to_file)
