"""The footer: as many key labels as fit, chosen by the mode table's ranks.

Textual's own footer lays every key out in a row and lets the ones past the
edge fall off, so a narrow terminal loses Quit and can show a key without its
label. :class:`KeyFooter` measures each label and keeps the lowest-ranked
ones (``Bind.rank`` in :mod:`reader.ui.modes`; ``? Help`` ranks first) that
fit beside the command-palette key, in table order, whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from reader.ui.modes import footer_ranks

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import Binding
    from textual.screen import Screen

#: Cells of the command-palette key on the right: its border, `` ^p `` and ``palette `` and its padding.
_PALETTE_EXTRA = 2
#: Cells a footer key takes besides its key and description: a space either side of the key, one after.
_KEY_EXTRA = 3


def choose(widths: Sequence[int], ranks: Sequence[int], room: int) -> list[int]:
    """Indexes of the labels to show, in their order: lowest rank first while they fit in ``room`` cells."""
    chosen: set[int] = set()
    used = 0
    for index in sorted(range(len(widths)), key=lambda i: ranks[i]):
        if used + widths[index] <= room:
            chosen.add(index)
            used += widths[index]
    return sorted(chosen)


@dataclass(frozen=True, slots=True)
class _Key:
    """One key as the footer shows it."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    palette: bool = False  #: the command-palette key, docked on the right


class KeyFooter(Footer):
    """A footer that shows whole labels only, the most useful first (see the module docstring).

    Textual's footer builds all its keys again (removes and mounts a widget a
    key) every time the bindings are announced: every pop-up, every mode, every
    drill question, though the keys shown mostly stay the same. This one works
    out the keys it would show and changes only what differs, in place: the
    same keys do nothing, a key enabled or disabled changes its class, other
    keys take over the widgets there are (one layout), and only a longer or
    shorter row mounts or removes widgets.
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: list[_Key] = []

    def compose(self) -> ComposeResult:
        """The chosen keys, then the command-palette key docked on the right."""
        self._shown = self._wanted() if self._bindings_ready else []
        for spec in self._shown:
            yield self._new_key(spec)

    def _new_key(self, spec: _Key) -> FooterKey:
        key = FooterKey(
            spec.key,
            spec.display,
            spec.description,
            spec.action,
            classes="-command-palette" if spec.palette else "",
            disabled=not spec.enabled,
            tooltip=spec.tooltip,
        )
        if not spec.palette:  # Textual's footer binds the others to its own ``compact``, not the palette key
            # Set, not bound: binding runs the key's watcher again, a class change and a style update, a key.
            key.set_reactive(FooterKey.compact, self.compact)
        return key

    def _wanted(self) -> list[_Key]:
        """The keys to show at the current width: the chosen ones in table order, then the palette key."""
        active = self.screen.active_bindings
        unique: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show:
                unique.setdefault(binding.action, (binding, enabled, tooltip))
        keys = list(unique.values())
        palette = self._palette(active.get(self.app.COMMAND_PALETTE_BINDING))
        room = self.size.width - (self._width(palette[0][0]) + _PALETTE_EXTRA if palette else 0)
        ranks = footer_ranks()
        order = {action: index for index, action in enumerate(unique)}
        widths = [self._width(binding) for binding, _, _ in keys]
        display = self.app.get_key_display
        wanted = [
            _Key(binding.key, display(binding), binding.description, binding.action, enabled, tooltip)
            for binding, enabled, tooltip in (
                keys[index]
                for index in choose(widths, [ranks.get(b.action, 10_000 + order[b.action]) for b, _, _ in keys], room)
            )
        ]
        wanted += [
            _Key(b.key, display(b), b.description, b.action, enabled, b.tooltip or b.description, palette=True)
            for b, enabled, _ in palette
        ]
        return wanted

    def _palette(self, entry: tuple[object, Binding, bool, str] | None) -> list[tuple[Binding, bool, str]]:
        if entry is None or not self.show_command_palette or not self.app.ENABLE_COMMAND_PALETTE:
            return []
        _, binding, enabled, tooltip = entry
        return [(binding, enabled, tooltip)]

    def _width(self, binding: Binding) -> int:
        """Cells a key's label takes in the footer."""
        return cell_len(self.app.get_key_display(binding)) + cell_len(binding.description) + _KEY_EXTRA

    def bindings_changed(self, screen: Screen) -> None:
        """The screen's bindings changed: show the keys that changed, after this frame (as Textual's footer does)."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._update_keys)

    def on_resize(self, event: events.Resize) -> None:
        """Another width: choose the labels again."""
        if self._bindings_ready:
            self.call_after_refresh(self._update_keys)

    async def _update_keys(self) -> None:
        """Change the key widgets into the keys wanted now, touching only those that differ."""
        if not self.is_attached or not self._bindings_ready:
            return
        wanted = self._wanted()
        if wanted == self._shown:
            return
        widgets = list(self.query_children(FooterKey))
        if len(widgets) != len(self._shown):  # not what this footer mounted: start again
            self._shown = wanted
            await self.recompose()
            return
        shown, self._shown = self._shown, wanted
        pairs = list(zip(shown, widgets, strict=True))
        old = [pair for pair in pairs if not pair[0].palette]
        old_palette = [pair for pair in pairs if pair[0].palette]
        new = [spec for spec in wanted if not spec.palette]
        new_palette = [spec for spec in wanted if spec.palette]
        layout = False
        for (spec, widget), target in [*zip(old, new, strict=False), *zip(old_palette, new_palette, strict=False)]:
            layout |= _change(widget, spec, target)
        removed = [widget for _, widget in old[len(new) :] + old_palette[len(new_palette) :]]
        # After each await the screen may have gone (q during start-up): nothing more is mounted then.
        if removed:
            await self.remove_children(removed)
        if (added := [self._new_key(spec) for spec in new[len(old) :]]) and self.is_attached:
            kept_palette = old_palette[: len(new_palette)]
            await self.mount(*added, before=kept_palette[0][1] if kept_palette else None)
        if (added_palette := [self._new_key(spec) for spec in new_palette[len(old_palette) :]]) and self.is_attached:
            await self.mount(*added_palette)
        if layout and self.is_attached:
            self.refresh(layout=True)


def _change(widget: FooterKey, shown: _Key, wanted: _Key) -> bool:
    """Make ``widget`` (showing ``shown``) show ``wanted``; True when its width may have changed."""
    if shown == wanted:
        return False
    widget.key, widget.key_display, widget.description, widget.action = (
        wanted.key,
        wanted.display,
        wanted.description,
        wanted.action,
    )
    widget._disabled = not wanted.enabled
    widget.set_class(not wanted.enabled, "-disabled")
    widget.tooltip = wanted.tooltip or None
    resized = (shown.display, shown.description) != (wanted.display, wanted.description)
    if resized:
        widget.clear_cached_dimensions()  # its width is its label's
    widget.refresh(layout=resized)
    return resized
