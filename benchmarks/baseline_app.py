"""The baseline: a bare Textual app that shows a text file in one widget.

``python benchmarks/baseline_app.py TEXT_FILE`` shows the file's text in a
:class:`~textual.widgets.Static` inside a :class:`~textual.containers.VerticalScroll`,
nothing else. ``benchmarks/run.py`` times it in tmux exactly as it times
``reader open``, and reports the reader's start-up as a ratio to it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class BaselineApp(App[None]):
    """One scrolling widget with the text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        """The text in a Static in a VerticalScroll."""
        with VerticalScroll():
            yield Static(self.text, markup=False)


def main() -> None:
    """Run the app on the file named on the command line."""
    BaselineApp(Path(sys.argv[1]).read_text(encoding="utf-8")).run()


if __name__ == "__main__":
    main()
