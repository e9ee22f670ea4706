"""The Study screen: a keyboard-driven review of the deck's due cards.

``StudyScreen(doc_id=None)`` reviews every due card, or one document's. It owns
the :class:`~reader.study.review.ReviewSession`; each answer is saved to the deck
at once. Keys: ``space`` reveals, ``1``–``4`` rate Again/Hard/Good/Easy, ``esc``
or ``q`` leaves. The screen dismisses with the session's
:class:`~reader.study.review.Summary` (or ``None`` when the deck could not be read).
"""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from reader.errors import ReaderError
from reader.study.deck import RATING_NAMES, Deck, load_deck, utc_now
from reader.study.review import Clock, ReviewItem, ReviewSession, Summary
from reader.study.timefmt import format_duration, format_when
from reader.text.linebreak import display_text
from reader.ui.modes import Scope, bindings
from reader.ui.styles import STUDY_CSS
from reader.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from fsrs import Scheduler

HIGHLIGHT = "bold $accent underline"


def pinyin_content(syllables: tuple[str, ...] | list[str], scheme: str = "zhongwen") -> Content:
    """Return marked pinyin with each syllable in its tone colour (``scheme`` from ``tones.SCHEMES``)."""
    from reader.text.tones import to_marks, tone_color, tone_of

    parts: list[str | tuple[str, str]] = []
    for index, syllable in enumerate(syllables):
        if index:
            parts.append(" ")
        try:
            colour = tone_color(scheme, tone_of(syllable))
        except ValueError:
            colour = None
        shown = syllable if colour is None and scheme == "none" else to_marks(syllable)
        parts.append((shown, f"bold {colour}") if colour else shown)
    return Content.assemble(*parts)


class StudyScreen(Screen[Summary | None]):
    """Review due cards: the word in its sentence (or a cloze), reveal, rate.

    Args:
        doc_id: review only this document's cards (``None``: every card).
        deck: a loaded deck (default: :func:`~reader.study.deck.load_deck`).
        clock: returns the current UTC-aware time (tests fix it).
        limit_new: new cards per day (default: config, 20).
        scheduler: an ``fsrs.Scheduler`` (default ``Scheduler()``).
        tz: the time zone of "today" (default: local).
        tone_scheme: ``zhongwen``, ``pleco`` or ``none``.

    """

    CSS_PATH = STUDY_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.STUDY)

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
        self.doc_id = doc_id
        self.clock: Clock = clock or utc_now
        self.tz = tz
        self.tone_scheme = tone_scheme
        self._deck = deck
        self._limit_new = limit_new
        self._scheduler = scheduler
        self.session: ReviewSession | None = None
        self.problem = ""
        self.revealed = False

    def compose(self) -> ComposeResult:
        """Lay out the progress line, the card, the answer and the key hints."""
        yield Static("", id="study-progress")
        with VerticalScroll(id="study-body"):
            with Vertical(id="study-card"):
                yield Static("", id="study-prompt")
                yield Static("", id="study-sentence")
                yield Static("", id="study-answer")
            yield Static("", id="study-summary")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Load the deck and start the session."""
        try:
            deck = self._deck if self._deck is not None else load_deck()
            self.session = ReviewSession(
                deck,
                doc_id=self.doc_id,
                clock=self.clock,
                limit_new=self._limit_new,
                scheduler=self._scheduler,
                tz=self.tz,
            )
        except ReaderError as exc:
            self.problem = exc.message
        self.refresh_card()

    # -- drawing -----------------------------------------------------------

    def refresh_card(self) -> None:
        """Redraw everything from the session state."""
        session = self.session
        card_box = self.query_one("#study-card", Vertical)
        summary = self.query_one("#study-summary", Static)
        progress = self.query_one("#study-progress", Static)
        if session is None:
            card_box.display = False
            summary.display = True
            summary.update(Content.assemble(("The deck cannot be read: ", "bold $error"), self.problem))
            progress.update("Study")
            return
        item = session.current
        progress.update(self._progress_text(session))
        if item is None:
            card_box.display = False
            summary.display = True
            summary.update(self._summary_content(session.summary()))
            self.refresh_bindings()
            return
        card_box.display = True
        summary.display = False
        self._draw_item(item)
        self.refresh_bindings()

    def _progress_text(self, session: ReviewSession) -> str:
        scope = f" · {self.doc_id}" if self.doc_id else ""
        return (
            f"Study{scope} · {session.remaining} left ({session.remaining_new} new, "
            f"{session.remaining_review} review) · {session.reviewed} answered"
        )

    def _draw_item(self, item: ReviewItem) -> None:
        card = item.card
        prompt = self.query_one("#study-prompt", Static)
        sentence = self.query_one("#study-sentence", Static)
        answer = self.query_one("#study-answer", Static)
        cloze = item.direction == "reverse" and not self.revealed
        label = "New card · " if item.is_new else ""
        if item.direction == "reverse":
            prompt.update(
                Content.assemble((f"{label}Which word fits?  ", "$text-muted"), ("Meaning: ", "bold"), card.meaning)
            )
        else:
            prompt.update(Content.assemble((f"{label}What does the highlighted word mean?", "$text-muted")))
        context = item.context
        if context is None:
            word_part: tuple[str, str] = ("＿" * len(card.word) if cloze else card.shown, HIGHLIGHT)
            sentence.update(Content.assemble(word_part))
        else:
            shown = "＿" * len(card.word) if cloze else context.sentence[context.start : context.end]
            # As in the reader: ASCII punctuation between Han characters shows full width
            # (one character for one, so the word's position does not move).
            display = display_text(context.sentence)
            sentence.update(Content.assemble(display[: context.start], (shown, HIGHLIGHT), display[context.end :]))
        answer.display = self.revealed
        if self.revealed:
            answer.update(self._answer_content(item))

    def _answer_content(self, item: ReviewItem) -> Content:
        card = item.card
        parts: list[str | Content | tuple[str, str]] = [
            (card.shown, "bold"),
            "  ",
            pinyin_content(card.syllables, self.tone_scheme),
        ]
        parts += ["\n", (card.meaning or "(no meaning saved)", "")]
        if card.explanation:
            parts += ["\n\n", (card.explanation, "$text-muted")]
        if len(card.contexts) > 1:
            parts += ["\n\n", (f"Seen in {len(card.contexts)} sentences", "$text-muted")]
        return Content.assemble(*parts)

    def _summary_content(self, summary: Summary) -> Content:
        now = self.clock()
        if summary.reviewed == 0:
            head = "Nothing to review now."
        else:
            head = "Session complete."
        accuracy = "–" if summary.accuracy is None else f"{round(summary.accuracy * 100)}%"
        lines: list[str | Content | tuple[str, str]] = [
            (head, "bold $success"),
            "\n\n",
            f"Cards reviewed: {summary.reviewed} ({summary.new} new)\n",
            f"Accuracy:       {accuracy} (not Again)\n",
            f"Time spent:     {format_duration(summary.time_spent)}\n",
            f"Next due:       {format_when(summary.next_due, now, self.tz)}",
        ]
        return Content.assemble(*lines)

    # -- actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show ``space`` before the answer is revealed and ``1``–``4`` after it."""
        on_card = self.session is not None and self.session.current is not None
        if action == "reveal":
            return on_card and not self.revealed
        if action == "rate":
            return on_card and self.revealed
        return True

    def action_reveal(self) -> None:
        """Show the pinyin, meaning and explanation of the card on screen."""
        if self.session is None or self.session.current is None or self.revealed:
            return
        self.revealed = True
        self.refresh_card()

    def action_rate(self, rating: int) -> None:
        """Rate the card on screen; only after it has been revealed."""
        session = self.session
        if session is None or session.current is None:
            return
        if not self.revealed:
            return
        item = session.current
        try:
            session.answer(item.card, rating)
        except ReaderError as exc:
            self.notify(exc.message, title="Not saved", severity="error")
            return
        self.revealed = False
        session.show()
        self.refresh_card()
        self.query_one("#study-body", VerticalScroll).scroll_home(animate=False)
        if session.current is None:
            self.notify(f"Last answer: {RATING_NAMES[rating]}. Session complete.", timeout=2)

    def action_leave(self) -> None:
        """Close the screen with the session's summary."""
        self.dismiss(self.session.summary() if self.session is not None else None)
