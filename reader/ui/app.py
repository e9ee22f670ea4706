"""The Textual application and its factory."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

from textual import events
from textual.app import App, ScreenStackError

from reader.storage.config import Config
from reader.text.document import Document
from reader.ui.modes import PALETTE_KEY, Scope, bindings
from reader.ui.styles import READER_CSS

if TYPE_CHECKING:
    from reader.ui.screens.reading import ReadingScreen


@runtime_checkable
class ArrivalKeys(Protocol):
    """A screen whose keys the app handles as they arrive, in order (see :meth:`ReaderApp.on_event`)."""

    def arrival_keys(self) -> Literal["bindings", "keep"] | None:
        """How keys are handled on arrival now.

        ``"bindings"``: look the key up in the bindings at once; ``"keep"``: the
        priority bindings, else :meth:`keep_key`; None: Textual's usual way.
        """

    def keep_key(self, event: events.Key) -> bool:
        """Keep ``event`` for later (True), or let it go Textual's usual way (False)."""


#: The reading screen's stylesheet; the others load when first needed (see ``reader.ui.styles``).
CSS_FILES: list[str | PurePath] = [READER_CSS]


class ReaderApp(App[None]):
    """The reader: one document, its reading screen and the screens pushed from it."""

    CSS_PATH = CSS_FILES
    TITLE = "reader"
    BINDINGS = bindings(Scope.APP)
    COMMAND_PALETTE_BINDING = PALETTE_KEY

    def __init__(
        self,
        document: Document,
        config: Config,
        *,
        after_first_paint: Callable[[], None] | None = None,
        start_at: int | None = None,
    ) -> None:
        super().__init__()
        from reader.ui.terminal_guard import install

        install()
        self.document = document
        self.config = config
        #: A code-point offset to open at instead of the saved position (``reader open --at``).
        self.start_at = start_at
        #: Called once, when the text is first on screen (``reader open`` resumes garbage collection).
        self.after_first_paint = after_first_paint
        #: The files with changes that could not be written (set by the reading screen; ``reader open``
        #: asks it on exit and then exits with status 1).
        self.unsaved_check: Callable[[], list[str]] = list
        #: ``time.monotonic()`` of the last key that arrived (0.0: none yet): the language warm-up
        #: waits for the keys to rest before its later parts (``ReadingScreen._keys_rested``).
        self.last_key = 0.0
        if config.theme in self.available_themes:
            self.theme = config.theme

    def get_default_screen(self) -> ReadingScreen:
        """The reading screen is the app's first screen (no blank screen before it)."""
        from reader.ui.screens.reading import ReadingScreen

        self.sub_title = self.document.title
        return ReadingScreen(self.document, self.config, self.start_at)

    def on_mount(self) -> None:
        """Make sure ``after_first_paint`` runs even if no text is ever drawn (a zero-height terminal)."""
        if self.after_first_paint is not None:
            self.set_timer(3.0, self.first_painted)

    async def on_event(self, event: events.Event) -> None:
        """Keys typed ahead go where the learner now is, in the order typed, never nowhere.

        Textual sends a key to the focused widget first and looks for a
        (non-priority) binding only when it has come back up through each parent's
        queue; a priority binding (the note editor's ``ctrl+s``) runs at once, on
        arrival. Typed fast on a busy machine (``n``, a note, ``ctrl+s`` while the
        reader loads), the note's letters were still on their way up through the
        reading screen when ``ctrl+s`` arrived and saved the editor empty; the
        letters then came back to the reading screen as commands. So a screen can
        ask for its keys to be handled here, on arrival and in order
        (:class:`ArrivalKeys`): the reading screen while its text view (which has
        only bindings) or nothing has focus, the note editor while its text area
        is not up yet. A key that went the long way and finds another screen on
        top when it comes back is sent again, in order, to the screen on top.
        """
        if isinstance(event, events.Key):
            self.last_key = time.monotonic()
            try:
                top = self.screen
            except ScreenStackError:
                top = None
            if not event.is_forwarded:
                event.__dict__["_reader_screen"] = top
                if isinstance(top, ArrivalKeys) and await self._on_arrival(top, event):
                    event.stop()
                    return
            else:
                sent_to = event.__dict__.get("_reader_screen")
                if sent_to is not None and top is not None and sent_to is not top:
                    event.stop()
                    self.post_message(events.Key(event.key, event.character))
                    return
        await super().on_event(event)

    async def _on_arrival(self, screen: ArrivalKeys, event: events.Key) -> bool:
        """Handle a key as it arrives, for a screen that asks (True when it is done with)."""
        way = screen.arrival_keys()
        if way is None:
            return False
        if not self.app_focus:
            self.app_focus = True
        # Textual's own order: priority bindings from the app down, then bindings from the focus up.
        if await self._check_bindings(event.key, priority=True):
            return True
        if way == "bindings":
            return await self._check_bindings(event.key)
        return screen.keep_key(event)

    def first_painted(self) -> None:
        """The reading screen's text is on the terminal for the first time."""
        callback, self.after_first_paint = self.after_first_paint, None
        if callback is not None:
            callback()

    def watch_theme(self, theme: str) -> None:
        """Remember a theme chosen in the command palette."""
        if theme != self.config.theme:
            from reader.storage.config import save_config

            self.config.theme = theme
            from reader.errors import ReaderError

            try:
                save_config(self.config)
            except ReaderError as exc:
                self.notify(exc.message, severity="error", timeout=8)

    def action_command_palette(self) -> None:
        """Open the reader's command palette (:class:`~reader.ui.screens.palette_screen.PaletteScreen`)."""
        from reader.ui.palette import reading_entries
        from reader.ui.screens.palette_screen import PaletteScreen

        if self.use_command_palette and not isinstance(self.screen, PaletteScreen):
            self.push_screen(PaletteScreen(reading_entries(self.screen, self), id="--command-palette"))

    def action_change_theme(self) -> None:
        """The palette, listing the themes (Textual's own theme palette is the slow one)."""
        from reader.ui.palette import theme_entries
        from reader.ui.screens.palette_screen import PaletteScreen

        palette = PaletteScreen(theme_entries(self), "Search for themes…")
        self.push_screen(palette)

    def action_help(self) -> None:
        """Show every key."""
        from reader.ui.dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def create_app(document: Document, home: Path | None = None, config: Config | None = None) -> ReaderApp:
    """Build the app for ``document``; ``home`` overrides ``READER_HOME`` (tests use a tmp dir)."""
    if home is not None:
        os.environ["READER_HOME"] = str(home)
    if config is None:
        from reader.storage.config import load_config

        config = load_config()
    return ReaderApp(document, config)
