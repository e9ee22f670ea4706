"""The outline sidebar: section headings, the current one highlighted, note counts, search match counts."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.text.document import Document
from reader.ui.modes import Scope, bindings


class Outline(OptionList):
    """Lists the sections; choosing one posts :class:`Outline.SectionChosen`."""

    BINDINGS = bindings(Scope.OUTLINE)

    current: reactive[int] = reactive(0)
    note_counts: reactive[dict[str, int]] = reactive(dict)
    #: Search matches per section index (``/3`` beside the heading).
    match_counts: reactive[dict[int, int]] = reactive(dict)

    class SectionChosen(Message):
        """The user chose section ``index`` in the outline."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, document: Document, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        self.border_title = "Contents"

    def on_mount(self) -> None:
        """Fill the list once the first frame is out: its labels cost more to draw than the text's rows.

        The reading screen fills it earlier, with the footer, in one layout pass
        (:meth:`fill`); this is for an outline used on its own.
        """
        self.call_after_refresh(self.fill)

    def fill(self) -> None:
        """List the sections, unless they are listed already."""
        if not self.option_count:
            self._fill()

    def _fill(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options([self._option(section.index) for section in self.document.sections])
        self.highlighted = highlighted if highlighted is not None else self.current

    def _option(self, index: int) -> Option:
        section = self.document.sections[index]
        label = Text(no_wrap=True, overflow="ellipsis")
        label.append(f"{index + 1:>2} ", style="dim")
        label.append(section.title)
        count = self.note_counts.get(section.id, 0)
        if count:
            label.append(f" ✎{count}", style="bold")
        matches = self.match_counts.get(index, 0)
        if matches:
            label.append(f" /{matches}", style="bold reverse")
        if section.subtitle:
            label.append(f"\n   {section.subtitle}", style="dim italic")
        return Option(label, id=section.id)

    def watch_current(self, index: int) -> None:
        """Follow the section being read."""
        if self.option_count and self.highlighted != index:
            self.highlighted = index

    def watch_note_counts(self, old: dict[str, int], new: dict[str, int]) -> None:
        """Redraw the labels with the new counts (only when they changed)."""
        if self.is_mounted and old != new:
            self._fill()

    def watch_match_counts(self, old: dict[int, int], new: dict[int, int]) -> None:
        """Mark the sections that hold search matches."""
        if self.is_mounted and old != new:
            self._fill()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Jump to the chosen section."""
        event.stop()
        self.post_message(self.SectionChosen(event.option_index))
