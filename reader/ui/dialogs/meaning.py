"""Choose the meaning of a word, or write your own, for this document or for every document.

Opened with ``tab`` from the pop-up. The list holds the meanings the reader
knows for the word (the learner glosses of its reading first, then
CC-CEDICT's senses); ``enter`` on one chooses it, and typing in the box below
and ``enter`` saves your own words. ``ctrl+e`` switches between this document
and every document; ``esc`` closes without a change. When a choice of yours is
in force, the list also offers to go back to the reader's own choice.

The dialog writes nothing: it dismisses with a :class:`MeaningChoice` and the
screen that opened it saves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.ui.modes import Scope, bindings
from reader.ui.styles import NOTES_CSS

#: The option that drops the learner's own choice.
_FORGET = "\0forget"


@dataclass(frozen=True)
class MeaningChoice:
    """What the learner chose: a meaning (``None``: back to the reader's own) and where it applies."""

    gloss: str | None
    everywhere: bool


class MeaningDialog(ModalScreen[MeaningChoice | None]):
    """Pick one of ``options`` or type a meaning for ``word``; dismiss with the choice, or ``None``."""

    CSS_PATH = NOTES_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.MEANING)

    def __init__(
        self, word: str, reading: str, current: str, options: Sequence[str], *, yours: bool, everywhere: bool = False
    ) -> None:
        super().__init__()
        self.word = word
        self.reading = reading
        self.current = current
        self.options = list(options)
        self.yours = yours
        self.everywhere = everywhere

    def compose(self) -> ComposeResult:
        """The word, the list of meanings, the box for your own, and where the choice applies."""
        with Vertical(id="meaning") as box:
            box.border_title = f"Meaning of {self.word} {self.reading}"
            items = [
                Option(("● " if gloss == self.current else "  ") + gloss, id=str(i))
                for i, gloss in enumerate(self.options)
            ]
            if self.yours:
                items.append(Option("↩ back to the reader's own meaning", id=_FORGET))
            yield OptionList(*items, id="meaning-options")
            yield Input(placeholder="or type your own meaning, then enter", id="meaning-own")
            yield Static(self._scope_text(), id="meaning-scope", markup=False)

    def on_mount(self) -> None:
        """Start on the meaning shown now."""
        options = self.query_one(OptionList)
        options.highlighted = self.options.index(self.current) if self.current in self.options else 0
        options.focus()

    def _scope_text(self) -> str:
        where = "every document" if self.everywhere else "this document"
        return f"for {where} (ctrl+e: {'this document' if self.everywhere else 'every document'}) · enter choose · esc close"

    def action_scope(self) -> None:
        """Switch between this document and every document."""
        self.everywhere = not self.everywhere
        self.query_one("#meaning-scope", Static).update(self._scope_text())

    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        ident = event.option.id or ""
        if ident == _FORGET:
            self.dismiss(MeaningChoice(None, self.everywhere))
        else:
            self.dismiss(MeaningChoice(self.options[int(ident)], self.everywhere))

    @on(Input.Submitted)
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        text = " ".join(event.value.split())
        if text:
            self.dismiss(MeaningChoice(text, self.everywhere))
