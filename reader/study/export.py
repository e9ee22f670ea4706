"""Exports of a document's notes and saved words: Markdown, YAML, Anki ``.apkg`` and CSV, Pleco TSV.

Every format is written atomically: the bytes go to a temp file in the target
folder, are fsynced, and replace the target with ``os.replace``; genanki writes
its package to such a temp file too. An interrupted export leaves the old file
(or nothing), never half a file.

Pinyin comes from the annotate pipeline (:func:`reader.text.annotate.annotate_document`),
imported lazily: the tokens covering a quote give its numbered syllables,
shown with tone marks in Markdown and YAML, as coloured spans in Anki, and as
numbers (``yu4xun4lian4``) in the Pleco file.

The code is split by concern; every name is importable from here:

* :mod:`reader.study.export_reading` -- quote readings and the flashcard words;
* :mod:`reader.study.export_text` -- the Markdown, YAML and Pleco TSV renderers;
* :mod:`reader.study.export_anki` -- the Anki note type, deck and ``.apkg`` writer;
* this module -- the formats, default file names, :func:`render` and :func:`export`.

Pure module: no UI imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.storage.atomic import atomic_write_text
from reader.study.export_anki import (
    ANKI_MODEL_ID,
    ANKI_MODEL_NAME,
    ZHONGWEN_COLOURS,
    anki_deck_id,
    anki_model,
    context_html,
    pinyin_html,
    render_anki_csv,
    write_apkg,
)
from reader.study.export_reading import MAX_TERM_CHARS, PassageReader, QuoteInfo, Word
from reader.study.export_text import EXPORT_VERSION, pleco_pinyin, render_markdown, render_tsv, render_yaml

if TYPE_CHECKING:
    from reader.study.deck import Deck
    from reader.study.notes import Note
    from reader.text.document import Document
    from reader.text.glossary import Glossary
    from reader.text.tokens import Token

__all__ = [
    "ANKI_MODEL_ID",
    "ANKI_MODEL_NAME",
    "EXPORT_VERSION",
    "FORMATS",
    "MAX_TERM_CHARS",
    "ZHONGWEN_COLOURS",
    "PassageReader",
    "QuoteInfo",
    "Word",
    "anki_deck_id",
    "anki_model",
    "context_html",
    "default_output",
    "export",
    "pinyin_html",
    "pleco_pinyin",
    "render",
    "render_anki_csv",
    "render_markdown",
    "render_tsv",
    "render_yaml",
]

#: Formats ``reader export`` knows, with their file suffixes.
FORMATS: dict[str, str] = {"markdown": ".md", "yaml": ".yaml", "anki": ".apkg", "anki-csv": ".csv", "tsv": ".tsv"}


def default_output(doc_id: str, fmt: str, folder: Path | None = None) -> Path:
    """Return the default file of an export: ``<doc-id>-notes.<suffix>`` in ``folder`` (the cwd)."""
    base = folder if folder is not None else Path.cwd()
    return base / f"{doc_id}-notes{FORMATS[fmt]}"


def export(
    doc: Document,
    notes: Sequence[Note],
    deck: Deck | None,
    fmt: str,
    out_path: Path | str,
    *,
    tokens: Sequence[Token] | None = None,
    glossary: Glossary | None = None,
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
            write_apkg(doc, notes, deck, target, PassageReader(doc, tokens, glossary))
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
    glossary: Glossary | None = None,
) -> str:
    """Return the text of a ``markdown``, ``yaml`` or ``tsv`` export (for ``-o -`` and :func:`export`)."""
    reader = PassageReader(doc, tokens, glossary)
    if fmt == "markdown":
        return render_markdown(doc, notes, reader, deck)
    if fmt == "yaml":
        return render_yaml(doc, notes, reader)
    if fmt == "tsv":
        return render_tsv(doc, notes, deck, reader)
    if fmt == "anki-csv":
        return render_anki_csv(doc, notes, deck, reader)
    raise ReaderError(f"format {fmt!r} is not text; write it to a file")
