"""The reading screen's study side: save words, word status, study, drill, stats.

A base class of :class:`~reader.ui.screens.reading.ReadingScreen`, above the
notes base, so that each concern keeps a file of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.errors import ReaderError
from reader.ui.screens.reading_notes import NotesMixin

if TYPE_CHECKING:
    from reader.storage.config import Config
    from reader.study.deck import Deck
    from reader.study.status import WordStatuses
    from reader.text.tokens import Token


class StudyMixin(NotesMixin):
    """Saving words, marking them known, and the study, drill and stats screens."""

    config: Config
    language: Any | None
    _deck: Deck | None = None
    _statuses: WordStatuses | None = None

    def token_under_cursor(self) -> Token | None:
        """The word under the cursor, if the cursor is on a word."""
        token = self.view.tokens.at(self.view.cursor)
        return token if token is not None and token.is_word else None

    def deck(self) -> Deck:
        """The study deck, read once (raises :class:`ReaderError` if damaged)."""
        if self._deck is None:
            from reader.study.deck import load_deck

            self._deck = load_deck()
        return self._deck

    def statuses(self) -> WordStatuses:
        """Word statuses (unknown / learning / known)."""
        if self._statuses is None:
            from reader.study.status import load_word_statuses

            try:
                deck: Deck | None = self.deck()
            except ReaderError:
                deck = None
            self._statuses = load_word_statuses(deck)
            self.view.word_status = self._statuses.status
        return self._statuses

    def action_save_word(self) -> None:
        """Save the word under the cursor to the deck, with its sentence."""
        token = self.token_under_cursor()
        # Chinese words, and glossary terms written in Latin letters (OpenAI, GPT-5).
        if token is None or not (token.kind == "han" or token.glossary):
            self.notify("put the cursor on a Chinese word or a glossary term to save it", severity="warning", timeout=3)
            return
        if token.kind == "han" and not token.syllables:
            self.notify("the dictionary is still loading; try again in a moment", timeout=3)
            return
        start, end = self.document.sentence_at(token.start)
        sentence = self.document.text[start:end]
        entry = self.language.glossary.get(token.text) if self.language is not None else None
        meaning = entry.gloss if entry is not None else token.gloss
        explanation = entry.explanation if entry is not None else ""
        try:
            known = self.deck().find(self.document.id, token.text)
            before = len(known.contexts) if known is not None else 0
            card = self.deck().save_word(
                self.document.id,
                token.text,
                token.syllables,
                meaning,
                sentence,
                token.start - start,
                token.end - start,
                explanation,
            )
        except ReaderError as exc:
            self.notify(str(exc), severity="error")
            return
        self.statuses()
        self.view.refresh()
        if known is None:
            self.notify(f"saved {token.text} to the deck", timeout=3)
        elif len(card.contexts) > before:
            self.notify(
                f"{token.text} is in the deck already: added this sentence ({len(card.contexts)} now)", timeout=4
            )
        else:
            self.notify(f"{token.text} is in the deck already, with this sentence", timeout=3)

    def action_toggle_known(self) -> None:
        """Mark the word under the cursor known; pressing again undoes it."""
        token = self.token_under_cursor()
        if token is None:
            return
        try:
            status = self.statuses().toggle_known(token.text)
        except ReaderError as exc:
            self.notify(str(exc), severity="error")
            return
        self.view.refresh()
        self.notify(f"{token.text}: {status}", timeout=2)

    def action_study(self) -> None:
        """Review this document's due cards."""
        from reader.ui.screens.study import StudyScreen

        try:
            deck = self.deck()
        except ReaderError as exc:
            self.notify(str(exc), severity="error")
            return
        self.app.push_screen(StudyScreen(self.document.id, deck=deck, tone_scheme=self.config.tone_scheme))

    def action_drill(self) -> None:
        """A quick drill on the current section's terms and saved words."""
        from reader.ui.screens.drill import DrillScreen

        section = self.document.section_at(self.view.cursor)
        self.app.push_screen(DrillScreen(self.document, section, tone_scheme=self.config.tone_scheme))

    def action_stats(self) -> None:
        """Progress: reviews, due cards, retention, reading, HSK profile."""
        from reader.ui.screens.stats import StatsScreen

        tokens = self.language.tokens if self.language is not None else None
        self.app.push_screen(StatsScreen(self.document, tokens=tokens))

    def action_difficulty(self) -> None:
        """The article's difficulty profile: share of words at each HSK level."""
        if self.language is None:
            self.notify("the language stack is still loading", timeout=3)
            return
        from reader.text.hsk import difficulty_profile, label

        profile = difficulty_profile(self.language.tokens)
        parts = [f"HSK {label(k) if isinstance(k, int) else k}: {v:.0%}" for k, v in profile.items() if v]
        self.notify(" · ".join(parts), title="Difficulty (HSK 3.0, 2021 standard)", timeout=12)
