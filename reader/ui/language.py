"""Loading the language stack for the reading screen (run in a worker thread)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reader.text.document import Document
from reader.text.tokens import Token


@dataclass
class Language:
    """Everything the reading screen needs once segmentation has run."""

    tokens: Sequence[Token]
    dictionary: Any
    glossary: Any
    hsk_level: Callable[[str], int | None]
    sandhi: Callable[[Token], tuple[str, ...]]

    def spoken(self, token: Token) -> tuple[str, ...]:
        """The token's syllables with tone sandhi applied."""
        return self.sandhi(token)


def load_language(document: Document, progress: Callable[[str], None]) -> Language:
    """Glossary, dictionary (building its index on first run), tokens with pinyin."""
    from reader.text.annotate import annotate_document
    from reader.text.content import glossary_path
    from reader.text.dictionary import Dictionary
    from reader.text.glossary import load_glossaries, user_glossary_paths
    from reader.text.hsk import hsk_level
    from reader.text.pinyin import spoken_tones

    glossary = load_glossaries([glossary_path(), *user_glossary_paths(document.path)])

    def index_progress(done: int, total: int) -> None:
        width = 20
        filled = width * done // max(total, 1)
        progress(f"building the dictionary index [{'█' * filled}{'░' * (width - filled)}] {100 * done // max(total, 1)}%")

    progress("loading the dictionary…")
    dictionary = Dictionary.open(progress=index_progress)
    progress("segmenting the text…")
    tokens = annotate_document(document, glossary, dictionary)

    def sandhi(token: Token) -> tuple[str, ...]:
        return tuple(spoken_tones([token.syllables])[0])

    return Language(tokens, dictionary, glossary, hsk_level, sandhi)
