"""The outline sidebar: the sections as a tree (parts, chapters, sections), the current one highlighted, note counts, search match counts.

A section with sections under it (by heading level, ``Document.parent``) shows
``▾`` when expanded and ``▸`` when collapsed; ``←`` / ``h`` collapses it (or, on
a leaf, moves to its parent), ``→`` / ``l`` expands it, ``space`` toggles. The
options are the visible sections; their ids are the sections' ids.
"""

from __future__ import annotations

from rich.text import Text
from textual.css.styles import RenderStyles
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
        self.collapsed: set[int] = set()
        count = len(document.sections)
        self._parents = document.parents()
        self._depths = document.depths()
        self._has_children = [False] * count
        for parent in self._parents:
            if parent is not None:
                self._has_children[parent] = True
        self._visible: list[int] = list(range(count))
        self._position: dict[int, int] = {i: i for i in range(count)}
        #: Component styles asked for, with the styles they were merged from (see :meth:`get_component_styles`).
        self._component_cache: dict[tuple[str, ...], tuple[tuple[RenderStyles | None, ...], RenderStyles]] = {}

    def get_component_styles(self, *names: str) -> RenderStyles:
        """A component's styles, remembered while the stylesheet keeps the same ones.

        Textual merges a new styles object at every call, and the option list asks
        for its options' padding once a row it draws: three quarters of the
        outline's drawing, which a ``]`` or a ``G`` does in full (the list scrolls).
        The stylesheet replaces the component styles when they change (a theme,
        focus): the cache holds while they are the same objects.
        """
        sources = tuple(self._component_styles.get(name) for name in names)
        cached = self._component_cache.get(names)
        if cached is not None and all(a is b for a, b in zip(cached[0], sources, strict=True)):
            return cached[1]
        styles = super().get_component_styles(*names)
        self._component_cache[names] = (sources, styles)
        return styles

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
        chosen = self.section_highlighted
        self._visible = [i for i in range(len(self.document.sections)) if not self._hidden(i)]
        self._position = {section: option for option, section in enumerate(self._visible)}
        self.clear_options()
        self.add_options([self._option(index) for index in self._visible])
        self.highlighted = self._option_of(chosen if chosen is not None else self.current)

    def _hidden(self, index: int) -> bool:
        parent = self._parents[index]
        while parent is not None:
            if parent in self.collapsed:
                return True
            parent = self._parents[parent]
        return False

    def _option_of(self, section: int) -> int:
        """The option showing ``section``, or its nearest visible ancestor."""
        current: int | None = section
        while current is not None and current not in self._position:
            current = self._parents[current]
        return self._position[current] if current is not None else 0

    @property
    def section_highlighted(self) -> int | None:
        """The section index of the highlighted option."""
        if self.highlighted is None or not (0 <= self.highlighted < len(self._visible)):
            return None
        return self._visible[self.highlighted]

    def _option(self, index: int) -> Option:
        section = self.document.sections[index]
        label = Text(no_wrap=True, overflow="ellipsis")
        if any(self._has_children):
            label.append("  " * self._depths[index])
            marker = ("▸ " if index in self.collapsed else "▾ ") if self._has_children[index] else "  "
            label.append(marker, style="dim")
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
        """Follow the section being read (or its visible ancestor, inside a collapsed part)."""
        option = self._option_of(index)
        if self.option_count and self.highlighted != option:
            self.highlighted = option

    def action_collapse(self) -> None:
        """Collapse the highlighted section, or on a leaf (or collapsed one) go up to its parent."""
        index = self.section_highlighted
        if index is None:
            return
        if self._has_children[index] and index not in self.collapsed:
            self.collapsed.add(index)
            self._fill()
        elif (parent := self._parents[index]) is not None:
            self.highlighted = self._option_of(parent)

    def action_expand(self) -> None:
        """Expand the highlighted section."""
        index = self.section_highlighted
        if index is not None and index in self.collapsed:
            self.collapsed.discard(index)
            self._fill()

    def action_toggle_node(self) -> None:
        """Collapse or expand the highlighted section."""
        index = self.section_highlighted
        if index is not None and index in self.collapsed:
            self.action_expand()
        else:
            self.action_collapse()

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
        self.post_message(self.SectionChosen(self._visible[event.option_index]))
