"""The term form (``+``): add the word or selection to your glossary, or split / join words there.

Three choices, one form:

* **glossary term**: the term, its pinyin (prefilled from how the text reads it),
  English, 释义 and a category: one token everywhere, with its own meaning;
* **split here**: the parts the word is cut into (spaces between them);
* **join these**: the selected words become one token everywhere.

``ctrl+s`` (or enter in a field) checks the form and closes with a
:class:`TermRequest`; ``esc`` closes with ``None``. The form never writes
files: the reading screen does, and re-reads the document at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from reader.text.glossary_schema import CATEGORIES
from reader.text.user_rules import TermFields, check_term
from reader.ui.modes import Scope, bindings

#: The form's choices: (label, kind).
KINDS = (("glossary term", "term"), ("split here", "split"), ("join these", "join"))


@dataclass(frozen=True)
class TermRequest:
    """What the learner asked for."""

    kind: str  #: ``term``, ``split`` or ``join``
    fields: TermFields
    parts: tuple[str, ...] = ()


class TermForm(ModalScreen[TermRequest | None]):
    """Add a glossary term, or split or join words, for ``text`` (the word or selection)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Scope.TERM)
    DEFAULT_CSS = """
    TermForm { align: center middle; }
    #term-form { width: 76; height: auto; max-height: 95%; border: round $accent; background: $surface;
                 padding: 0 1; }
    #term-form Horizontal { height: auto; }
    #term-form Label { width: 12; padding: 1 1 0 0; color: $text-muted; }
    #term-form Input, #term-form Select { width: 1fr; }
    #term-form-error { color: $error; height: auto; }
    #term-form-hint { color: $text-muted; }
    TermForm.-split .term-only, TermForm.-join .term-only, TermForm.-term .split-only,
    TermForm.-join .split-only { display: none; }
    """

    def __init__(self, text: str, pinyin: str, gloss: str, *, kind: str = "term") -> None:
        super().__init__()
        self.text = text
        self.pinyin = pinyin
        self.gloss = gloss
        self.kind = kind
        #: The parts a split starts from: the first character, then the rest.
        self.parts = f"{text[:1]} {text[1:]}" if len(text) > 1 else text

    def compose(self) -> ComposeResult:
        """The choice, then the fields of that choice."""
        with Vertical(id="term-form") as box:
            box.border_title = f"Your glossary and word boundaries · {self.text}"
            yield self._row("do", Select([(label, kind) for label, kind in KINDS], value=self.kind, allow_blank=False,
                                         id="term-kind"))  # fmt: skip
            yield self._row("term", Input(self.text, id="term-term"), "term-only")
            yield self._row("pinyin", Input(self.pinyin, placeholder="yù xùn liàn", id="term-pinyin"), "term-only")
            yield self._row("English", Input(self.gloss, placeholder="pretraining", id="term-gloss"), "term-only")
            yield self._row("释义", Input("", placeholder="在海量数据上预先训练模型", id="term-zh"), "term-only")
            yield self._row(
                "category",
                Select([(c, c) for c in CATEGORIES], value="general", allow_blank=False, id="term-category"),
                "term-only",
            )
            yield self._row("parts", Input(self.parts, placeholder="预 训练", id="term-parts"), "split-only")
            yield Static("", id="term-form-error", markup=False)
            yield Static(
                "ctrl+s save · esc cancel · saved to READER_HOME, the text is read again at once",
                id="term-form-hint",
                markup=False,
            )

    @staticmethod
    def _row(label: str, field: Input | Select[str], classes: str = "") -> Horizontal:
        return Horizontal(Label(label), field, classes=classes)

    def on_mount(self) -> None:
        """Show the fields of the first choice; the cursor in the first empty field."""
        self._show_kind(self.kind)
        first = "#term-gloss" if not self.gloss else "#term-zh"
        self.query_one(first if self.kind == "term" else "#term-kind").focus()

    @on(Select.Changed, "#term-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self._show_kind(str(event.value))

    def _show_kind(self, kind: str) -> None:
        self.kind = kind
        for name in ("term", "split", "join"):
            self.set_class(name == kind, f"-{name}")

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def request(self) -> TermRequest | str:
        """The request the form holds, or what is wrong with it (one line)."""
        category = self.query_one("#term-category", Select).value
        fields = TermFields(
            term=self._value("#term-term").strip(),
            pinyin=self._value("#term-pinyin").strip(),
            gloss=self._value("#term-gloss").strip(),
            definition_zh=self._value("#term-zh").strip(),
            category=str(category),
        )
        if self.kind == "term":
            problem = check_term(fields)
            return problem if problem is not None else TermRequest("term", fields)
        if self.kind == "split":
            parts = tuple(self._value("#term-parts").split())
            if len(parts) < 2 or "".join(parts) != self.text:
                return f"put spaces where {self.text} is cut: the parts must spell it (预 训练)"
            return TermRequest("split", TermFields(self.text, "", "", ""), parts)
        return TermRequest("join", TermFields(self.text, "", "", ""))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        """Close with the request, or say what is wrong."""
        request = self.request()
        if isinstance(request, str):
            self.query_one("#term-form-error", Static).update(request)
            return
        self.dismiss(request)

    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)
