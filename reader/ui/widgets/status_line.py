"""The status line under the text: section n/N, progress, modes and messages."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from reader.text.tokens import Token


class StatusLine(Static):
    """Shows where the reader is and which modes are on (the reading screen binds each field)."""

    section: reactive[int] = reactive(0)
    sections: reactive[int] = reactive(1)
    progress: reactive[int] = reactive(0)
    modes: reactive[str] = reactive("")
    message: reactive[str] = reactive("")
    word: reactive[str] = reactive("")
    search: reactive[str] = reactive("")  #: ``/预训练 3/12`` while a search is on

    def __init__(self, sections: int = 1, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(StatusLine.sections, sections)

    def render(self) -> str:
        """``§ 3/14 · 21% · 预训练 yùxùnliàn · pinyin on``."""
        parts = [f"§ {self.section + 1}/{self.sections}", f"{self.progress}%"]
        if self.word:
            parts.append(self.word)
        if self.search:
            parts.append(self.search)
        if self.modes:
            parts.append(self.modes)
        if self.message:
            parts.append(self.message)
        return "  ·  ".join(parts)


def word_label(token: Token | None, shown: str = "") -> str:
    """The word under the cursor as the status line shows it: ``预训练 yùxùnliàn``.

    ``shown`` is the word as the text view shows it, when known (a traditional
    text's 讓, where the token, read from the simplified form, has 让).
    """
    if token is None:
        return ""
    written = shown or token.text
    if token.syllables:
        from reader.text.tones import join_marks  # not at import time: keeps start-up short

        return f"{written} {join_marks(token.syllables)}"
    return written if token.is_word else ""
