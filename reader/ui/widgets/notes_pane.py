"""The notes pane: notes of the current section (or of all), each with its quote, and orphans.

The screen owns the notes and binds them in::

    NotesPane(document).data_bind(
        notes=ReadingScreen.notes, section_id=ReadingScreen.section_id,
        show_all=ReadingScreen.show_all_notes, read_only=ReadingScreen.notes_read_only,
    )

The pane never writes files and never opens a screen. It posts
:class:`NotesPane.Chosen` (enter or click), :class:`NotesPane.EditRequested`
(``e``), :class:`NotesPane.DeleteRequested` (``d``: the screen asks for
confirmation) and :class:`NotesPane.ShowAllRequested` (``a``: the screen owns
``show_all`` and binds the new value back down).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.study.notes import Note, group_by_section, orphans_of
from reader.study.notes_model import one_line
from reader.text.document import Document
from reader.text.sanitise import sanitise, sanitise_line
from reader.ui.modes import Scope, bindings

#: Characters of a quote shown in the list before it is cut with an ellipsis.
QUOTE_CHARS = 48
#: Lines of a note's text shown in the list.
TEXT_LINES = 4


class NotesPane(Vertical, can_focus=False):
    """A list of notes with their quotes; ``a`` all / this section, ``e`` edit, ``d`` delete."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.NOTES)

    notes: reactive[list[Note]] = reactive(list, always_update=True)
    section_id: reactive[str] = reactive("")
    show_all: reactive[bool] = reactive(False)
    read_only: reactive[bool] = reactive(False)

    class Chosen(Message):
        """The user chose a note (to jump to its passage)."""

        def __init__(self, note_id: str) -> None:
            super().__init__()
            self.note_id = note_id

    class EditRequested(Message):
        """The user asked to edit a note."""

        def __init__(self, note_id: str) -> None:
            super().__init__()
            self.note_id = note_id

    class DeleteRequested(Message):
        """The user asked to delete a note (``quote``: the start of its passage, for the question)."""

        def __init__(self, note_id: str, quote: str) -> None:
            super().__init__()
            self.note_id = note_id
            self.quote = quote

    class ShowAllRequested(Message):
        """``a`` asked to switch between the current section (``show_all`` False) and all sections."""

        def __init__(self, show_all: bool) -> None:
            super().__init__()
            self.show_all = show_all

    def __init__(
        self,
        document: Document | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.document = document

    def compose(self) -> ComposeResult:
        """Show a title line, the list and a key hint."""
        yield Static(id="notes-pane-title", markup=False)
        yield OptionList(id="notes-pane-list")
        yield Static("a all/section · e edit · d delete", id="notes-pane-hint", markup=False)

    def on_mount(self) -> None:
        """Fill the list once the children are mounted too."""
        self.call_after_refresh(self._fill)

    # -- data ------------------------------------------------------------------------------

    def watch_notes(self) -> None:
        """Redraw with the new notes."""
        self._refill()

    def watch_section_id(self) -> None:
        """Follow the section being read."""
        self._refill()

    def watch_show_all(self) -> None:
        """Switch between this section and all sections."""
        self._refill()

    def watch_read_only(self, read_only: bool) -> None:
        """Mark the pane read-only."""
        self.set_class(read_only, "-read-only")
        self._refill()

    def catch_up(self) -> None:
        """Fill in changes made while the pane was hidden (call after showing it)."""
        if self._stale:
            self._fill()

    _stale = False

    def _refill(self) -> None:
        """Fill the list now if the pane is shown; a hidden pane fills when shown.

        Filling re-lays out the screen (tens of milliseconds): doing it for a
        hidden pane on every section change would slow down ``]``.
        """
        if self.display:
            self._fill()
        else:
            self._stale = True

    @property
    def option_list(self) -> OptionList:
        """The list of notes."""
        return self.query_one("#notes-pane-list", OptionList)

    @property
    def highlighted_note_id(self) -> str | None:
        """The id of the highlighted note, if any."""
        if not self.is_mounted:
            return None
        option = self.option_list.highlighted_option
        return option.id if option is not None and not option.disabled else None

    def _section_title(self, section_id: str) -> str:
        if self.document is not None:
            section = self.document.section_by_id(section_id)
            if section is not None:
                return section.heading
        return section_id or "(no section)"

    def _section_order(self, groups: dict[str, list[Note]]) -> list[str]:
        if self.document is None:
            return list(groups)
        known = [s.id for s in self.document.sections if s.id in groups]
        return known + [sid for sid in groups if sid not in known]

    def _groups(self) -> list[tuple[str, list[Note]]]:
        """``(heading, notes)`` groups as shown: sections, then ``Orphaned``."""
        groups = group_by_section(self.notes)
        shown: list[tuple[str, list[Note]]] = []
        if self.show_all:
            shown = [(self._section_title(sid), groups[sid]) for sid in self._section_order(groups)]
        elif groups.get(self.section_id):
            shown = [(self._section_title(self.section_id), groups[self.section_id])]
        orphans = orphans_of(self.notes)
        if orphans:
            shown.append(("Orphaned", orphans))
        return shown

    def _prompt(self, note: Note) -> Text:
        prompt = Text(no_wrap=False)
        # Sanitised here too (not only by the terminal guard) so that the rows are measured as drawn.
        prompt.append(sanitise(f"「{one_line(note.shown_quote, QUOTE_CHARS)}」"), style="bold")
        lines = [line for line in note.text.strip().splitlines() if line.strip()]
        if not lines:
            prompt.append("\n(no text)", style="dim italic")
        for line in lines[:TEXT_LINES]:
            prompt.append("\n" + sanitise_line(line.rstrip()))
        if len(lines) > TEXT_LINES:
            prompt.append(" …", style="dim")
        return prompt

    def _fill(self) -> None:
        """Rebuild the list from the notes now."""
        self._stale = False
        self._fill_list()

    def _fill_list(self) -> None:
        if not self.is_mounted:
            return
        option_list = self.option_list
        keep = self.highlighted_note_id
        groups = self._groups()
        count = sum(len(group) for _, group in groups)
        scope = "all sections" if self.show_all else self._section_title(self.section_id)
        title = f"Notes · {scope} ({count})"
        if self.read_only:
            title += " · read-only"
        self.query_one("#notes-pane-title", Static).update(sanitise_line(title))
        options: list[Option | None] = []
        for heading, group in groups:
            if options:
                options.append(None)
            options.append(Option(Text(sanitise_line(f"{heading} ({len(group)})"), style="italic"), disabled=True))
            options.extend(Option(self._prompt(note), id=note.id) for note in group)
        if not options:
            empty = "No notes in this section." if not self.show_all else "No notes yet."
            hint = (
                "The notes file could not be read: notes are read-only."
                if self.read_only
                else ("Press n on a word to add one.")
            )
            options.append(Option(Text(f"{empty}\n{hint}", style="dim italic"), disabled=True))
        option_list.clear_options()
        option_list.add_options(options)
        ids = [note.id for _, group in groups for note in group]
        if keep in ids:
            option_list.highlighted = option_list.get_option_index(keep)
        elif ids:
            option_list.highlighted = option_list.get_option_index(ids[0])

    def select_note(self, note_id: str) -> bool:
        """Highlight ``note_id`` if it is shown; True if it was."""
        if not self.is_mounted:
            return False
        try:
            index = self.option_list.get_option_index(note_id)
        except Exception:  # OptionDoesNotExist
            return False
        self.option_list.highlighted = index
        return True

    # -- keys and clicks -----------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or click on a note: ask the screen to jump to it."""
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))

    def action_cursor_down(self) -> None:
        """Next note."""
        self.option_list.action_cursor_down()

    def action_cursor_up(self) -> None:
        """Previous note."""
        self.option_list.action_cursor_up()

    def action_toggle_all(self) -> None:
        """Ask for the notes of all sections, or of the current one."""
        self.post_message(self.ShowAllRequested(not self.show_all))

    def _target(self, verb: str) -> str | None:
        note_id = self.highlighted_note_id
        if note_id is None:
            self.app.bell()
            return None
        if self.read_only:
            self.notify(f"Notes are read-only: cannot {verb} (the notes file is damaged).", severity="warning")
            return None
        return note_id

    def action_edit(self) -> None:
        """Ask the screen to open the editor on the highlighted note."""
        note_id = self._target("edit")
        if note_id is not None:
            self.post_message(self.EditRequested(note_id))

    def action_delete(self) -> None:
        """Ask the screen to delete the highlighted note (it asks the user first)."""
        note_id = self._target("delete")
        if note_id is None:
            return
        note = next((n for n in self.notes if n.id == note_id), None)
        self.post_message(
            self.DeleteRequested(note_id, one_line(note.shown_quote, 24) if note is not None else note_id)
        )
