"""The section drill: the current section's glossary terms and saved words.

``DrillScreen(doc, section)`` asks every entry twice: *recognition* (the hanzi;
``space`` shows the meaning, then ``y`` knew it / ``n`` did not) and
*production* (the meaning; type the pinyin, tone numbers like ``yu4xun4lian4``
or marks, and press enter). ``esc`` leaves. The drill does not touch the deck's
schedule: it is practice, not review.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from reader.errors import ReaderError
from reader.study.drill import DrillSession, build_drill, section_entries
from reader.ui.modes import Scope, bindings
from reader.ui.screens.study import pinyin_content
from reader.ui.styles import STUDY_CSS
from reader.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from reader.study.deck import Deck
    from reader.text.document import Document, Section
    from reader.text.glossary import Glossary


class DrillScreen(Screen[tuple[int, int]]):
    """Drill one section; dismisses with ``(correct, asked)``.

    Args:
        doc: the document.
        section: the section whose terms and saved words to drill.
        deck: a loaded deck (default: load it; an unreadable deck means glossary terms only).
        glossary: a loaded glossary (default: the bundled one).
        seed: shuffle the questions reproducibly (default: document order).
        tone_scheme: ``zhongwen``, ``pleco`` or ``none``.

    """

    CSS_PATH = STUDY_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.DRILL)

    def __init__(
        self,
        doc: Document,
        section: Section,
        *,
        deck: Deck | None = None,
        glossary: Glossary | None = None,
        seed: int | None = None,
        tone_scheme: str = "zhongwen",
    ) -> None:
        super().__init__()
        self.doc = doc
        self.section = section
        self.tone_scheme = tone_scheme
        self._deck = deck
        self._glossary = glossary
        self._seed = seed
        self.drill = DrillSession([])
        self.revealed = False
        #: After a typed answer: whether it was right (shown until enter moves on).
        self.checked: bool | None = None

    def compose(self) -> ComposeResult:
        """Lay out the progress line, the question, the answer and the pinyin input."""
        yield Static("", id="drill-progress")
        with VerticalScroll(id="drill-body"):
            with Vertical(id="drill-card"):
                yield Static("", id="drill-prompt")
                yield Static("", id="drill-question")
                yield Input(placeholder="pinyin, e.g. yu4xun4lian4", id="drill-input")
                yield Static("", id="drill-answer")
            yield Static("", id="drill-summary")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Gather the section's entries and start."""
        deck = self._deck
        if deck is None:
            from reader.study.deck import load_deck

            try:
                deck = load_deck()
            except ReaderError as exc:
                self.notify(exc.message, title="Deck not read", severity="warning")
        glossary = self._glossary
        if glossary is None:
            from reader.text.glossary import glossary_for

            try:
                glossary = glossary_for(self.doc.path)
            except ReaderError as exc:
                self.notify(exc.message, title="Glossary not read", severity="warning")
        entries = section_entries(self.doc, self.section, deck, glossary)
        self.drill = DrillSession(build_drill(entries, seed=self._seed))
        self.refresh_item()

    # -- drawing -----------------------------------------------------------

    def refresh_item(self) -> None:
        """Redraw from the drill state."""
        drill = self.drill
        item = drill.current
        total = len(drill.items)
        self.query_one("#drill-progress", Static).update(
            f"Drill · {self.section.heading} · {min(drill.index + 1, total)}/{total} · {drill.correct} right"
        )
        card = self.query_one("#drill-card", Vertical)
        summary = self.query_one("#drill-summary", Static)
        box = self.query_one("#drill-input", Input)
        if item is None:
            card.display = False
            summary.display = True
            if total == 0:
                summary.update("Nothing to drill here: this section has no glossary terms or saved words.")
            else:
                share = round(drill.correct / total * 100)
                summary.update(
                    Content.assemble(
                        ("Drill complete.", "bold $success"), f"\n\n{drill.correct} of {total} right ({share}%)."
                    )
                )
            self.refresh_bindings()
            return
        card.display = True
        summary.display = False
        entry = item.entry
        prompt = self.query_one("#drill-prompt", Static)
        question = self.query_one("#drill-question", Static)
        answer = self.query_one("#drill-answer", Static)
        if item.kind == "recognition":
            ask = "What is this name?" if entry.is_name else "What does this mean?"
            prompt.update(Content.assemble((ask, "$text-muted")))
            question.update(Content.assemble((entry.shown, "bold $accent")))
            box.display = False
            answer.display = self.revealed
        else:
            prompt.update(Content.assemble(("Type the pinyin (tone numbers or marks), then enter", "$text-muted")))
            question.update(Content.assemble((entry.meaning, "bold")))
            box.display = True
            box.disabled = self.checked is not None
            if self.checked is None:
                box.focus()
            answer.display = self.checked is not None
        if answer.display:
            answer.update(self._answer_content())
        self.refresh_bindings()

    def _answer_content(self) -> Content:
        item = self.drill.current
        assert item is not None
        entry = item.entry
        parts: list[str | Content | tuple[str, str]] = []
        if self.checked is not None:
            parts += [
                ("Right! " if self.checked else "Not quite. ", "bold $success" if self.checked else "bold $error")
            ]
        parts += [(entry.shown, "bold")]
        if entry.syllables and not entry.is_name:
            parts += ["  ", pinyin_content(entry.syllables, self.tone_scheme)]
        parts += ["\n", entry.meaning]
        if entry.explanation:
            parts += ["\n\n", (entry.explanation, "$text-muted")]
        if self.checked is not None:
            parts += ["\n\n", ("enter: next", "$text-muted")]
        return Content.assemble(*parts)

    # -- actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer ``space`` then ``y``/``n`` on recognition questions only."""
        item = self.drill.current
        recognition = item is not None and item.kind == "recognition"
        if action == "reveal":
            return recognition and not self.revealed
        if action == "grade":
            return recognition and self.revealed
        if action == "next":
            return self.checked is not None
        return True

    def action_reveal(self) -> None:
        """Show the meaning and pinyin of the recognition question."""
        self.revealed = True
        self.refresh_item()

    def action_grade(self, knew: bool) -> None:
        """Record a recognition answer and move on."""
        self.drill.grade(knew)
        self.revealed = False
        self.refresh_item()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Check typed pinyin; a second enter moves on."""
        event.stop()
        self._submit(event.value)

    def action_next(self) -> None:
        """After a typed answer was checked, go on to the next question."""
        self._submit("")

    def _submit(self, typed: str) -> None:
        item = self.drill.current
        if item is None or item.kind != "production":
            return
        box = self.query_one("#drill-input", Input)
        if self.checked is None:
            if not typed.strip():
                return
            self.checked = item.check(typed)
            self.refresh_item()
            return
        self.drill.grade(self.checked)
        self.checked = None
        box.value = ""
        box.disabled = False
        self.refresh_item()

    def action_leave(self) -> None:
        """Close the drill with ``(correct, asked)``."""
        self.dismiss((self.drill.correct, len(self.drill.results)))
