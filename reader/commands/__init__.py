"""Subcommands of the ``reader`` CLI, one module each.

Each module exposes ``register(subparsers)`` (cheap: no heavy imports) and
``run(args) -> int``; :data:`COMMANDS` lists them for ``reader --help``.
"""

#: Subcommands in the order ``reader --help`` lists them, with their one-line help.
COMMANDS = {
    "open": "read a bundled document (e.g. 'article') or a .md/.txt file",
    "list": "list the bundled documents",
    "annotate": "print a document's tokens with pinyin, gloss and HSK level",
    "lookup": "look a word up in CC-CEDICT, the glossary and the HSK list",
    "search": "find hanzi, pinyin or English in a document, with section and context",
    "export": "export notes and saved words (markdown, yaml, anki, anki-csv, tsv)",
    "notes": "check notes files or list a document's notes",
    "study": "review the saved words that are due (spaced repetition)",
    "stats": "print study and reading progress",
    "serve": "serve the reader to a web browser (textual-serve, 127.0.0.1 by default)",
    "config": "print the settings in force and where each came from",
    "completion": "print a shell completion script (bash, zsh or fish)",
}
