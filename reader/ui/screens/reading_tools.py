"""The reading screen's tools: copying, hearing words, and named bookmarks.

:class:`ToolActions` is a plain object the reading screen holds; the screen
hands it what is under the cursor. Copies go through Textual's
``copy_to_clipboard`` (OSC 52) with a toast of what was copied; speech runs
espeak-ng in a thread worker; bookmarks are saved with the reading position.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from reader.storage.state import Position
    from reader.text.document import Document
    from reader.text.language_loader import LoadedLanguage
    from reader.text.token_index import TokenIndex

#: A second press of the same copy key within this many seconds copies the fuller variant.
_AGAIN = 2.0


class ToolActions:
    """Copy, speak and bookmark for the reading screen."""

    def __init__(self, owner: DOMNode, document: Document, tokens: TokenIndex) -> None:
        self.owner = owner
        self.document = document
        self.tokens = tokens
        self._last_copy: tuple[str, int, float] = ("", -1, 0.0)
        self._said_no_audio = False

    # -- copy --------------------------------------------------------------------------
    def copy(self, what: str, span: tuple[int, int], selecting: bool, language: LoadedLanguage | None) -> str:
        """Copy the word or selection (``word``) or its sentence (``sentence``); ``+``: with pinyin and meaning.

        Pressing the same key again at once copies the ``+`` variant. Returns what was copied.
        """
        start, end = span
        kind = what.rstrip("+")
        full = what.endswith("+")
        last_what, last_at, last_time = self._last_copy
        if not full and last_what == kind and last_at == start and time.monotonic() - last_time < _AGAIN:
            full = True
        if kind == "sentence":
            start, end = self.document.sentence_at(start)
        passage = self.document.text[start:end]
        if not passage.strip():
            self.owner.app.notify("nothing here to copy", timeout=2)
            return ""
        if full:
            text = self._with_readings(passage, start, end, selecting or kind == "sentence", language)
        else:
            text = passage
        self.owner.app.copy_to_clipboard(text)
        self._last_copy = (kind, span[0], 0.0 if full else time.monotonic())
        preview = text.replace("\n", " / ")
        preview = preview if len(preview) <= 60 else preview[:59] + "…"
        hint = "" if full else f" (press {'c' if kind == 'word' else 'C'} again for pinyin and meaning)"
        self.owner.app.notify(f"copied: {preview}{hint}", title="Clipboard", timeout=4)
        return text

    def _with_readings(self, passage: str, start: int, end: int, many: bool, language: LoadedLanguage | None) -> str:
        from reader.study.clip import passage_with_readings, word_with_reading

        def meaning(token: object) -> str:
            from reader.text.tokens import Token

            assert isinstance(token, Token)
            return language.sense(token).gloss if language is not None else token.gloss

        tokens = [t for t in self.tokens.in_range(start, end) if t.end <= end]
        if not many and len(tokens) == 1:
            return word_with_reading(tokens[0], meaning(tokens[0]))
        return passage_with_readings(passage, tokens, meaning)

    # -- hearing ----------------------------------------------------------------------------
    def speak(self, what: str, offset: int, message: Callable[[str], None]) -> None:
        """Speak the word at ``offset`` or its sentence in a worker; a missing player is said once."""
        token = self.tokens.word_at(offset)
        if what == "sentence" or token is None:
            start, end = self.document.sentence_at(offset)
        else:
            start, end = token.start, token.end
        text = self.document.text[start:end].strip()
        if not text:
            return

        def run() -> None:
            from reader.text.speech import speak

            problem = speak(text)
            if problem and not self._said_no_audio:
                self._said_no_audio = True
                self.owner.app.call_from_thread(message, f"speech: {problem}")

        self.owner.run_worker(run, thread=True, exclusive=True, group="speech", exit_on_error=False)

    # -- bookmarks --------------------------------------------------------------------------
    def suggest_name(self, offset: int) -> str:
        """A bookmark name to start from: the section and the next few characters."""
        section = self.document.section_at(offset)
        words = self.document.text[offset : offset + 8].split("\n", 1)[0]
        return f"{section.title} · {words}"

    def add_bookmark(self, position: Position, name: str, offset: int) -> None:
        """Add (or move) the bookmark ``name`` to ``offset``; the screen saves the position."""
        position.bookmarks = [(n, o) for n, o in position.bookmarks if n != name] + [(name, offset)]
        self.owner.app.notify(f"bookmark “{name}” added (B lists them)", timeout=3)
