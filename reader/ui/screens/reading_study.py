"""The reading screen's study side: saving words, word statuses, and the study, drill and stats screens.

:class:`WordActions` is a plain object the reading screen holds (not a base
class of it). It owns the deck and the word statuses, each read once, and opens
the study screens, and saves the meanings the learner chooses; the screen hands
it the word under the cursor and whatever else an action needs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.ui.screens.reading_notes import report_error

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from reader.study.deck import Deck
    from reader.study.meanings import MeaningStore
    from reader.study.notes import Note
    from reader.study.status import WordStatuses
    from reader.text.document import Document, Section
    from reader.text.language_loader import LoadedLanguage
    from reader.text.tokens import Token
    from reader.ui.dialogs.meaning import MeaningChoice


class WordActions:
    """The deck and word statuses of the reading screen, and the screens opened on them."""

    def __init__(self, owner: DOMNode, document: Document, statuses_changed: Callable[[], None]) -> None:
        self.owner = owner
        self.document = document
        #: Called when word statuses are first read or change (the text redraws its colours).
        self.statuses_changed = statuses_changed
        self._deck: Deck | None = None
        self._statuses: WordStatuses | None = None
        self._meanings: MeaningStore | None = None

    def _error(self, message: str) -> None:
        """An error for the user: the screen's status line and a toast (a write error, a damaged file)."""
        report_error(self.owner, message)

    def unsaved(self) -> list[str]:
        """The deck, words and meanings files with changes held in memory because writing failed."""
        stores: list[Deck | WordStatuses | MeaningStore | None] = [self._deck, self._statuses, self._meanings]
        return [str(store.path) for store in stores if store is not None and store.unsaved]

    def deck(self) -> Deck:
        """The study deck, read once (raises :class:`ReaderError` if damaged)."""
        if self._deck is None:
            from reader.study.deck import load_deck

            self._deck = load_deck()
        return self._deck

    def statuses(self) -> WordStatuses:
        """Word statuses (unknown / learning / known), read the first time they are needed."""
        if self._statuses is None:
            from reader.study.status import load_word_statuses

            try:
                deck: Deck | None = self.deck()
            except ReaderError:
                deck = None
            self._statuses = load_word_statuses(deck)
            self.statuses_changed()
        return self._statuses

    def word_status(self, word: str) -> str:
        """A word's status, once statuses are read (``known`` until then: nothing is coloured)."""
        return self._statuses.status(word) if self._statuses is not None else "known"

    def save_word(self, token: Token | None, language: LoadedLanguage | None) -> None:
        """Save the word under the cursor to the deck, with its sentence (and its glossary entry)."""
        # Chinese words, and glossary terms written in Latin letters (OpenAI, GPT-5).
        if token is None or not (token.kind == "han" or token.glossary):
            self.owner.app.notify(
                "put the cursor on a Chinese word or a glossary term to save it", severity="warning", timeout=3
            )
            return
        if token.kind == "han" and not token.syllables:
            self.owner.app.notify("the dictionary is still loading; try again in a moment", timeout=3)
            return
        start, end = self.document.sentence_at(token.start)
        written = self.document.text[token.start : token.end]  # a traditional text's form; token.text is simplified
        entry = language.glossary.get(token.text) if language is not None else None
        try:
            known = self.deck().find(self.document.id, token.text)
            before = len(known.contexts) if known is not None else 0
            meaning = language.sense(token).gloss if language is not None else token.gloss
            card = self.deck().save_word(
                self.document.id,
                token.text,
                token.syllables,
                meaning or (entry.gloss if entry is not None else token.gloss),
                self.document.text[start:end],
                token.start - start,
                token.end - start,
                entry.explanation if entry is not None else "",
                written=written,
            )
        except ReaderError as exc:
            self._error(str(exc))
            return
        self.statuses()
        self.statuses_changed()
        if known is None:
            self.owner.app.notify(f"saved {written} to the deck", timeout=3)
        elif len(card.contexts) > before:
            count = len(card.contexts)
            self.owner.app.notify(f"{written} is in the deck already: added this sentence ({count} now)", timeout=4)
        else:
            self.owner.app.notify(f"{written} is in the deck already, with this sentence", timeout=3)

    def meanings(self) -> MeaningStore:
        """The learner's own meanings (``meanings.yaml``), read once."""
        if self._meanings is None:
            from reader.study.meanings import load_meanings

            self._meanings = load_meanings()
        return self._meanings

    def pick_meaning(self, token: Token, language: LoadedLanguage, shown: Callable[[], None]) -> None:
        """Open the meaning dialog for ``token``; save what the learner chooses there."""
        if language.stack is None:
            return
        from reader.text.senses import candidates
        from reader.text.tones import to_marks
        from reader.ui.dialogs.meaning import MeaningDialog

        sense = language.sense(token)
        book, entries = language.stack.chooser.book, language.dictionary.lookup(token.text)
        options = candidates(token.text, token.syllables, book, entries)
        if sense.gloss and sense.gloss not in options:
            options.insert(0, sense.gloss)
        reading = to_marks(" ".join(token.syllables))

        def chosen(choice: MeaningChoice | None) -> None:
            if choice is not None:
                self.choose_meaning(token, language, choice, shown)

        dialog = MeaningDialog(token.text, reading, sense.gloss, options, yours=sense.source == "yours")
        self.owner.app.push_screen(dialog, chosen)

    def choose_meaning(
        self, token: Token, language: LoadedLanguage, choice: MeaningChoice, shown: Callable[[], None]
    ) -> None:
        """Save the learner's meaning for ``token`` (or drop theirs), and make cards and the pop-up follow.

        ``shown`` is called once the choice is in force, to redraw the pop-up.
        """
        document = None if choice.everywhere else self.document.id
        store = self.meanings()
        try:
            if choice.gloss is None:
                store.forget(token.text, token.syllables, document)
                store.forget(token.text, token.syllables, self.document.id)
            else:
                store.choose(token.text, token.syllables, choice.gloss, document)
            language.choices = store.choices_for(self.document.id)
            meaning = language.sense(token).gloss
            cards = self.deck().set_meaning(token.text, meaning, document) if meaning else 0
        except (ReaderError, OSError) as exc:
            self._error(f"could not save the meaning: {exc}")
            return
        where = "every document" if choice.everywhere else "this document"
        told = (
            f"{token.text}: “{meaning}” in {where}"
            if choice.gloss is not None
            else f"{token.text}: the reader's meaning again"
        )
        self.owner.app.notify(
            told + (f" ({cards} card{'s' if cards != 1 else ''} updated)" if cards else ""), timeout=4
        )
        shown()

    def toggle_known(self, token: Token | None) -> None:
        """Mark the word known; pressing again undoes it."""
        if token is None:
            return
        try:
            status = self.statuses().toggle_known(token.text)
        except ReaderError as exc:
            self._error(str(exc))
            return
        self.statuses_changed()
        self.owner.app.notify(f"{token.text}: {status}", timeout=2)

    def set_level(self, token: Token | None, level: str) -> None:
        """Set the word's status level (``new``, ``learning-1`` … ``known``, ``ignored``; ``clear``)."""
        if token is None or token.kind == "punct" or token.kind == "space":
            return
        try:
            status = self.statuses().set_level(token.text, None if level == "clear" else level)
        except ReaderError as exc:
            self.owner.app.notify(str(exc), severity="error")
            return
        self.statuses_changed()
        self.owner.app.notify(f"{token.text}: {status.replace('-', ' ')}", timeout=2)

    def next_unknown(self, offset: int, delta: int, language: LoadedLanguage | None, skip_hsk1: bool) -> int | None:
        """Where the next (``delta`` > 0) or previous unknown word starts, or None (a toast says why)."""
        if language is None:
            self.owner.app.notify("unknown words can be found once the dictionary has loaded", timeout=3)
            return None
        from reader.study.walk import name_test, next_unknown, unknown_test
        from reader.text.glossary import source_label

        statuses = self.statuses()
        glossary = language.glossary
        is_unknown = unknown_test(
            statuses.status,
            name_test(language.dictionary, glossary),
            lambda word: source_label(glossary, word) == "yours",
            skip_hsk1=skip_hsk1,
        )
        token = next_unknown(language.tokens, offset, delta, is_unknown)
        if token is None:
            self.owner.app.notify(f"no unknown word {'after' if delta > 0 else 'before'} this one", timeout=2)
            return None
        return token.start

    def study(self, tone_scheme: str) -> None:
        """Review this document's due cards."""
        from reader.ui.screens.study import StudyScreen

        try:
            deck = self.deck()
        except ReaderError as exc:
            self._error(str(exc))
            return
        self.owner.app.push_screen(StudyScreen(self.document.id, deck=deck, tone_scheme=tone_scheme))

    def drill(self, section: Section, tone_scheme: str) -> None:
        """A quick drill on a section's terms and saved words."""
        from reader.ui.screens.drill import DrillScreen

        self.owner.app.push_screen(DrillScreen(self.document, section, tone_scheme=tone_scheme))

    def stats(self, language: LoadedLanguage | None) -> None:
        """Progress: reviews, due cards, retention, reading, HSK profile (graded from the loaded tokens)."""
        from reader.ui.screens.stats import StatsScreen

        self.owner.app.push_screen(StatsScreen(self.document, tokens=language.tokens if language else None))

    def difficulty(self, language: LoadedLanguage | None) -> None:
        """The article's difficulty profile: share of words at each HSK level, on a screen of its own."""
        if language is None:
            self.owner.app.notify("the language stack is still loading", timeout=3)
            return
        from reader.ui.screens.difficulty import DifficultyScreen

        self.owner.app.push_screen(DifficultyScreen(self.document, language.tokens))

    def export(self, fmt: str, notes: Sequence[Note], language: LoadedLanguage | None) -> None:
        """Export notes (and saved words) to the current folder; a toast says where.

        The loaded tokens and glossary are used, once loaded: nothing is segmented again.
        """
        from reader.study.deck import load_deck
        from reader.study.export import default_output, export

        try:
            out = export(
                self.document,
                list(notes),
                load_deck(),
                fmt,
                default_output(self.document.id, fmt),
                tokens=language.tokens if language else None,
                glossary=language.glossary if language else None,
            )
        except ReaderError as exc:
            self._error(str(exc))
            return
        self.owner.app.notify(f"exported {fmt} to {out.resolve()}", timeout=8)
