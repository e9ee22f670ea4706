"""The mode table's rows for words and notes: notes, the deck, word status, lookup, copy, speech, terms, bookmarks.

The second part of :data:`reader.ui.modes.ROWS`, in table order; the notes
pane's and the outline's own keys are here too.
"""

from __future__ import annotations

from reader.ui.modes.row import READING, WORDS, Bind, Row, Scope, toggle

#: The word-status keys: ``(key, level, palette label)``.
_LEVEL_KEYS = (
    ("1", "new", "new"),
    ("2", "learning-1", "learning 1"),
    ("3", "learning-2", "learning 2"),
    ("4", "learning-3", "learning 3"),
    ("5", "known", "known"),
    ("0", "clear", "clear (back to the deck's)"),
    ("i", "ignored", "ignore"),
)

#: Words and notes (and the notes pane's and outline's keys).
WORD_ROWS: tuple[Row, ...] = (
    # -- words and notes ------------------------------------------------------------------
    Row(
        Scope.SCREEN,
        "note on the word or selection",
        "n",
        (Bind("n", "add_note", "Note", rank=4),),
        WORDS,
        palette="Note on the word or selection",
    ),
    Row(
        Scope.SCREEN,
        "show / hide the notes pane",
        "N",
        toggle("N", "notes_pane", "Notes", rank=7),
        WORDS,
        palette="Toggle notes pane",
        field="notes_pane",
    ),
    Row(
        Scope.SCREEN,
        "save the word to the study deck",
        "s",
        (Bind("s", "save_word", "Save", rank=5),),
        WORDS,
        palette="Save the word to the deck",
        palette_help="s",
    ),
    Row(
        Scope.SCREEN,
        "mark the word known / unknown",
        "m",
        (Bind("m", "toggle_known"),),
        WORDS,
        palette="Mark the word known / unknown",
        palette_help="m",
    ),
    Row(
        Scope.SCREEN,
        "word status: 1 new, 2–4 learning 1–3, 5 known; 0 clears; i ignores",
        "1–5, 0, i",
        tuple(Bind(key, f"set_level('{level}')") for key, level, _ in _LEVEL_KEYS),
        WORDS,
    ),
    *(
        Row(Scope.SCREEN, palette=f"Word status: {label}", palette_help=key, action=f"set_level('{level}')")
        for key, level, label in _LEVEL_KEYS
    ),
    Row(
        Scope.SCREEN,
        "look up any word: hanzi, pinyin (yuxunlian) or English (pretraining)",
        "L",
        (Bind("L", "lookup_box"),),
        WORDS,
        palette="Look up a word by hanzi, pinyin or English",
        palette_help="L",
    ),
    Row(
        Scope.SCREEN,
        "copy the word or selection / its sentence (twice: with pinyin and meaning)",
        "c / C",
        (Bind("c", "copy('word')"), Bind("C", "copy('sentence')")),
        WORDS,
        palette="Copy the word or selection",
        palette_help="c",
    ),
    Row(Scope.SCREEN, palette="Copy the sentence", palette_help="C", action="copy('sentence')"),
    Row(Scope.SCREEN, palette="Copy the word with pinyin and meaning", palette_help="c c", action="copy('word+')"),
    Row(
        Scope.SCREEN,
        palette="Copy the sentence with pinyin and meanings",
        palette_help="C C",
        action="copy('sentence+')",
    ),
    Row(
        Scope.SCREEN,
        "hear the word / its sentence (espeak-ng, Mandarin)",
        "a / A",
        (Bind("a", "speak('word')"), Bind("A", "speak('sentence')")),
        WORDS,
        palette="Hear the word",
        palette_help="a",
        needs="espeak-ng",
    ),
    Row(Scope.SCREEN, palette="Hear the sentence", palette_help="A", action="speak('sentence')", needs="espeak-ng"),
    Row(
        Scope.SCREEN,
        "your glossary term, or split / join words (word or selection)",
        "+",
        (Bind("plus", "term_form"),),
        WORDS,
        palette="Add a glossary term, or split / join words",
        palette_help="+",
    ),
    Row(
        Scope.SCREEN,
        "add a bookmark / list bookmarks",
        "b / B",
        (Bind("b", "add_bookmark"), Bind("B", "bookmarks")),
        WORDS,
        palette="Add a bookmark here",
        palette_help="b",
    ),
    Row(Scope.SCREEN, palette="Bookmarks: jump to one", palette_help="B", action="bookmarks"),
    Row(
        Scope.POPUP,
        "another meaning for the word, or your own (pop-up open)",
        "tab",
        # tab is also the screen's "move focus": the action moves focus while the pop-up is closed.
        (Bind("tab", "choose_meaning"),),
        WORDS,
    ),
    Row(
        Scope.NOTES,
        "edit / delete a note (notes pane)",
        "e / d",
        (Bind("e", "edit", "Edit note", rank=2), Bind("d", "delete", "Delete note", rank=3)),
        WORDS,
    ),
    Row(
        Scope.NOTES,
        "notes of all sections / this section (notes pane)",
        "a",
        (Bind("a", "toggle_all", "All sections", rank=4),),
        WORDS,
    ),
    Row(Scope.NOTES, binds=(Bind("j", "cursor_down"), Bind("k", "cursor_up"))),
    Row(Scope.OUTLINE, binds=(Bind("j", "cursor_down"), Bind("k", "cursor_up"))),
    Row(
        Scope.OUTLINE,
        "collapse / expand a part in the outline (space toggles)",
        "← / →, h / l",
        (Bind("left,h", "collapse", "Collapse"), Bind("right,l", "expand", "Expand"), Bind("space", "toggle_node")),
        READING,
    ),
)
