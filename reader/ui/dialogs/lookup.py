"""The lookup box (``L``): any word by hanzi, pinyin (``yuxunlian``, ``yu4xun4lian4``) or English.

Typing and enter runs the lookup in a worker (:func:`reader.text.reverse.reverse_lookup`:
ranked, glossary terms first); choosing a result closes the box with the word,
and the reading screen shows its pop-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.ui.modes import Scope, bindings

if TYPE_CHECKING:
    from reader.text.language_loader import LoadedLanguage


class LookupBox(ModalScreen[str | None]):
    """Look a word up; dismiss with the word chosen, or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.LOOKUP)
    DEFAULT_CSS = """
    LookupBox { align: center middle; }
    #lookup-body { width: 70; height: auto; max-height: 80%; border: round $accent; background: $surface;
                   padding: 0 1; }
    #lookup-results { height: auto; max-height: 16; }
    #lookup-status { color: $text-muted; }
    """

    def __init__(self, language: LoadedLanguage) -> None:
        super().__init__()
        self.language = language

    def compose(self) -> ComposeResult:
        """The query, a status line and the results."""
        with Vertical(id="lookup-body") as box:
            box.border_title = "Look up: hanzi, pinyin (yuxunlian) or English (pretraining)"
            yield Input(placeholder="yuxunlian", id="lookup-query")
            yield Static("enter: look up · esc: close", id="lookup-status", markup=False)
            yield OptionList(id="lookup-results")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.query_one("#lookup-status", Static).update("looking up…")
        self.find(event.value.strip())

    @work(thread=True, exclusive=True, group="lookup")
    def find(self, query: str) -> None:
        """Look ``query`` up off the event loop."""
        from reader.text.hsk import hsk_level
        from reader.text.reverse import reverse_lookup
        from reader.text.tokens import is_han

        language = self.language
        if any(is_han(ch) for ch in query):
            known = language.dictionary.lookup(query) or language.glossary.get(query)
            words = [(query, "glossary" if language.glossary.get(query) else "dictionary")] if known else []
        else:
            words = [
                (f.word, f.source) for f in reverse_lookup(query, language.glossary, language.dictionary, hsk_level)
            ]
        rows = [(word, self._label(word, source)) for word, source in words]
        self.app.call_from_thread(self._show, query, rows)

    def _label(self, word: str, source: str) -> str:
        from reader.text.tones import to_marks

        entry = self.language.glossary.get(word)
        if entry is not None:
            return f"{word}  {entry.pinyin}  {entry.gloss}  (glossary)"
        found = self.language.dictionary.lookup(word)
        if not found:
            return word
        first = found[0]
        return f"{word}  {to_marks(first.pinyin)}  {'; '.join(first.senses[:2])}"

    def _show(self, query: str, rows: list[tuple[str, str]]) -> None:
        results = self.query_one("#lookup-results", OptionList)
        results.clear_options()
        results.add_options([Option(label, id=word) for word, label in rows])
        count = len(rows)
        status = f"{count} word{'s' if count != 1 else ''} for {query!r}" if rows else f"nothing found for {query!r}"
        self.query_one("#lookup-status", Static).update(status + " · enter on one: its pop-up · esc: close")
        if rows:
            results.highlighted = 0
            results.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without a word."""
        self.dismiss(None)
