"""The one table of keys and modes.

Every key the reader answers to, and every mode it can switch, is one
:class:`Row` of :data:`ROWS`. The widgets' and screens' ``BINDINGS``, the
footer labels, the help screen (``?``), the command palette (``ctrl+p``) and
the status line's mode labels are all generated from it (:func:`bindings`,
:func:`help_groups`, :func:`palette_rows`, :func:`status_labels`); nothing
else declares a key.

A new key is one row plus the action that does the work, on the widget or
screen of the row's :class:`Scope`. A new mode is one row with a ``field``
(a :class:`~reader.storage.config.Config` field, and a ``var`` of that name
on the reading screen) and what must be redrawn when it changes.

The table is one tuple, assembled in order from its three parts
(:mod:`~reader.ui.modes.table_reading`, :mod:`~reader.ui.modes.table_words`,
:mod:`~reader.ui.modes.table_screens`); what a row is, is in
:mod:`~reader.ui.modes.row`. This module answers the questions asked of it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from textual.binding import Binding, BindingType

from reader.ui.modes.row import HELP_GROUPS, PALETTE_KEY, READING, SCREEN, WORDS, Bind, Redraw, Row, Scope
from reader.ui.modes.table_reading import READING_ROWS
from reader.ui.modes.table_screens import SCREEN_ROWS
from reader.ui.modes.table_words import WORD_ROWS

__all__ = [
    "HELP_GROUPS",
    "PALETTE_KEY",
    "READING",
    "ROWS",
    "SCREEN",
    "WORDS",
    "Bind",
    "Redraw",
    "Row",
    "Scope",
    "actions",
    "bindings",
    "footer_ranks",
    "help_groups",
    "mode_fields",
    "mode_rows",
    "next_value",
    "palette_rows",
    "redraw_of",
    "rows",
    "status_labels",
]

#: Every key and mode. Modes appear in the status line in this order.
ROWS: tuple[Row, ...] = (*READING_ROWS, *WORD_ROWS, *SCREEN_ROWS)


def rows(scope: Scope | None = None) -> Iterator[Row]:
    """The rows of ``scope`` (every row if ``None``), in table order (rows whose program is missing left out)."""
    return (row for row in ROWS if (scope is None or row.scope is scope) and row.available)


def bindings(scope: Scope) -> list[BindingType]:
    """The Textual ``BINDINGS`` of ``scope``."""
    return [
        Binding(bind.keys, bind.action, bind.footer or bind.action, show=bool(bind.footer), priority=bind.priority)
        for row in rows(scope)
        for bind in row.binds
    ]


def footer_ranks() -> dict[str, int]:
    """Each footer action's rank (lower stays longer when the footer is narrow), and its place in the table."""
    ranked = [(bind.action, bind.rank) for row in ROWS for bind in row.binds if bind.footer]
    return {action: rank * len(ranked) + index for index, (action, rank) in enumerate(ranked)}


def actions(scope: Scope) -> frozenset[str]:
    """The names of the actions bound in ``scope`` (without their arguments)."""
    return frozenset(bind.action.partition("(")[0] for row in rows(scope) for bind in row.binds)


def help_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """``[(group, [(keys, does), ...]), ...]`` for the help screen."""
    return [
        (group, [(row.shown, row.help) for row in rows() if row.group == group and row.help]) for group in HELP_GROUPS
    ]


def palette_rows() -> list[Row]:
    """The rows offered in the command palette, in table order."""
    return [row for row in rows() if row.palette]


def mode_rows() -> list[Row]:
    """The rows that switch a mode."""
    return [row for row in ROWS if row.field]


def mode_fields() -> list[str]:
    """The config fields that are modes, each once, in table order."""
    return list(dict.fromkeys(row.field for row in ROWS if row.field))


def next_value(field: str, current: object) -> object:
    """What ``mode_toggle`` switches the mode ``field`` to: a flag flips, a choice moves to its next value."""
    choices = [row.value for row in ROWS if row.field == field and row.value is not None]
    if not choices:
        return not current
    return choices[(choices.index(current) + 1) % len(choices)] if current in choices else choices[0]


def redraw_of(field: str) -> Redraw:
    """What must be redrawn when the mode ``field`` changes."""
    return next(row.redraw for row in ROWS if row.field == field)


def status_labels(values: Mapping[str, object]) -> str:
    """The status line's mode labels for the modes' current ``values`` (by field)."""
    labels = []
    for row in ROWS:
        if row.field and row.value is None and row.field in values:
            label = row.status[1] if values[row.field] else row.status[0]
            if label:
                labels.append(label)
        elif row.value is not None and row.status[1] and values.get(row.field) == row.value:  # a choice's label
            labels.append(row.status[1])
    return " ".join(labels)
