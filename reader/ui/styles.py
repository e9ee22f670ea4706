"""The app's stylesheets, and loading one when the widget it styles first appears.

The reading screen's own rules (``reader.tcss``) are the app's ``CSS_PATH``.
The rest are parsed only when needed, which keeps them off the start-up path:
screens name theirs in ``CSS_PATH`` (Textual loads it when the screen is first
shown) and a widget mounted later calls :func:`load_stylesheet` first.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App

_UI = Path(__file__).resolve().parent
#: The reading screen (outline, text, status line, pop-up).
READER_CSS = _UI / "reader.tcss"
#: The notes pane, the note editor, the confirmation and the meaning dialogs.
NOTES_CSS = _UI / "notes.tcss"
#: The study, drill and stats screens.
STUDY_CSS = _UI / "study.tcss"
#: The command palette.
PALETTE_CSS = _UI / "palette.tcss"


def load_stylesheet(app: App[object], path: Path) -> None:
    """Add ``path`` to the app's stylesheet, once, and restyle the app (as Textual does for a screen's CSS)."""
    stylesheet = app.stylesheet
    if stylesheet.has_source(str(path), ""):
        return
    stylesheet.read(path)
    stylesheet.reparse()
    stylesheet.update(app)
