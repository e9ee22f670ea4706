"""``StudyApp``: the small full-screen app behind ``reader study``."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from textual.app import App

from reader.study.review import Clock, Summary
from reader.ui.screens.study import StudyScreen

if TYPE_CHECKING:
    from fsrs import Scheduler

    from reader.study.deck import Deck


class StudyApp(App[Summary | None]):
    """Push a :class:`StudyScreen` and quit with its summary when it closes."""

    TITLE = "reader study"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        doc_id: str | None = None,
        *,
        deck: Deck | None = None,
        clock: Clock | None = None,
        limit_new: int | None = None,
        scheduler: Scheduler | None = None,
        tz: tzinfo | None = None,
        tone_scheme: str = "zhongwen",
    ) -> None:
        super().__init__()
        from reader.ui.terminal_guard import install

        install()
        self._tone_scheme = tone_scheme
        self.doc_id = doc_id
        self._deck = deck
        self._clock = clock
        self._limit_new = limit_new
        self._scheduler = scheduler
        self._tz = tz

    def on_mount(self) -> None:
        """Open the study screen; its result ends the app."""
        screen = StudyScreen(
            self.doc_id,
            deck=self._deck,
            clock=self._clock,
            limit_new=self._limit_new,
            scheduler=self._scheduler,
            tz=self._tz,
            tone_scheme=self._tone_scheme,
        )
        self.push_screen(screen, callback=self.exit)
