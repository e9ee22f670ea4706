"""The footer: as many key labels as fit, chosen by the mode table's ranks.

Textual's own footer lays every key out in a row and lets the ones past the
edge fall off, so a narrow terminal loses Quit and can show a key without its
label. :class:`KeyFooter` measures each label and keeps the lowest-ranked
ones (``Bind.rank`` in :mod:`reader.ui.modes`; ``? Help`` ranks first) that
fit beside the command-palette key, in table order, whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from reader.ui.modes import footer_ranks

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import Binding

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


class KeyFooter(Footer):
    """A footer that shows whole labels only, the most useful first (see the module docstring)."""

    _composed_width = -1  #: the width the labels were last chosen for

    def compose(self) -> ComposeResult:
        """The chosen keys, then the command-palette key docked on the right."""
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        unique: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show:
                unique.setdefault(binding.action, (binding, enabled, tooltip))
        keys = list(unique.values())
        palette = self._palette(active.get(self.app.COMMAND_PALETTE_BINDING))
        room = self.size.width - (self._width(palette[0][0]) + _PALETTE_EXTRA if palette else 0)
        self._composed_width = self.size.width
        ranks = footer_ranks()
        order = {action: index for index, action in enumerate(unique)}
        widths = [self._width(binding) for binding, _, _ in keys]
        for index in choose(widths, [ranks.get(b.action, 10_000 + order[b.action]) for b, _, _ in keys], room):
            binding, enabled, tooltip = keys[index]
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        for binding, enabled, _ in palette:
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )

    def _palette(self, entry: tuple[object, Binding, bool, str] | None) -> list[tuple[Binding, bool, str]]:
        if entry is None or not self.show_command_palette or not self.app.ENABLE_COMMAND_PALETTE:
            return []
        _, binding, enabled, tooltip = entry
        return [(binding, enabled, tooltip)]

    def _width(self, binding: Binding) -> int:
        """Cells a key's label takes in the footer."""
        return cell_len(self.app.get_key_display(binding)) + cell_len(binding.description) + _KEY_EXTRA

    def on_resize(self, event: events.Resize) -> None:
        """Another width: choose the labels again."""
        if self._bindings_ready and event.size.width != self._composed_width:
            self.call_after_refresh(self.recompose)
