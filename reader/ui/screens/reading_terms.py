"""The reading screen's term form (``+``): your glossary terms and word boundaries, saved and applied at once.

:func:`open_term_form` opens :class:`~reader.ui.dialogs.term_form.TermForm` on
the word or selection, prefilled from the text (pinyin as read here, the
meaning in context), writes what the learner asked for through
:mod:`reader.text.user_rules`, drops this document's token cache (the other
documents' caches stay; they are keyed by their own text) and asks the screen
to read the document again in its worker. Notes keep their anchors: they are
code-point offsets, which segmentation never moves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.errors import ReaderError

if TYPE_CHECKING:
    from textual.screen import Screen

    from reader.text.document import Document
    from reader.text.language_loader import LoadedLanguage
    from reader.text.token_index import TokenIndex
    from reader.ui.dialogs.term_form import TermRequest


def open_term_form(
    screen: Screen[None],
    document: Document,
    tokens: TokenIndex,
    span: tuple[int, int],
    language: LoadedLanguage | None,
    saved: Callable[[str], None],
) -> None:
    """Open the form on ``span``; ``saved(message)`` is called once a change is written."""
    from reader.text.tones import to_marks
    from reader.ui.dialogs.term_form import TermForm

    start, end = span
    text = document.text[start:end].strip()
    if not text or "\n" in text:
        screen.notify("put the cursor on a word, or select words with v, within one paragraph", timeout=3)
        return
    inside = [t for t in tokens.in_range(start, end) if t.kind != "space"]
    syllables = [s for t in inside for s in t.syllables]
    pinyin = " ".join(to_marks(s) for s in syllables)
    gloss = ""
    if len(inside) == 1:
        token = inside[0]
        gloss = language.sense(token).gloss if language is not None else token.gloss
    kind = "join" if len(inside) > 1 else "term"

    def done(request: TermRequest | None) -> None:
        if request is not None:
            message = apply(request)
            if message:
                saved(message)

    def apply(request: TermRequest) -> str:
        from reader.text import user_rules

        try:
            if request.kind == "term":
                path = user_rules.add_term(request.fields)
                return f"{request.fields.term}: added to your glossary ({path})"
            if request.kind == "split":
                path = user_rules.add_split(request.fields.term, list(request.parts))
                return f"{request.fields.term} is now read as {' + '.join(request.parts)} ({path})"
            path = user_rules.add_join(request.fields.term)
            return f"{request.fields.term} is now one word ({path})"
        except (ReaderError, OSError) as exc:
            screen.notify(f"not saved: {exc}", severity="error", timeout=8)
            return ""

    screen.app.push_screen(TermForm(text, pinyin, gloss, kind=kind), done)


def drop_token_cache(document: Document, language: LoadedLanguage | None) -> None:
    """Remove this document's token cache, so its next reading segments it afresh."""
    if language is None or language.stack is None:
        return
    from reader.text.annotate import token_cache_path

    try:
        token_cache_path(language.stack.cache_key(document)).unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache folder: the new key makes a new cache file anyway
