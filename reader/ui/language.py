"""Loading the language stack for the reading screen (run in a worker thread).

The worker shares the GIL with the UI thread, so the reading screen starts it
only once the text view has painted (``ArticleView.FirstPaint``): parsing the
glossary, opening (or building) the dictionary and segmenting never sit in
front of the first screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.text.document import Document
from reader.text.token_index import TokenIndex
from reader.text.tokens import Token


@dataclass
class Language:
    """Everything the reading screen needs once segmentation has run."""

    document: Document
    tokens: Sequence[Token]
    dictionary: Any
    glossary: Any
    hsk_level: Callable[[str], int | None]
    problems: list[str] = field(default_factory=list)
    _spoken: dict[int, tuple[str, ...]] = field(default_factory=dict, repr=False)
    #: The tokens by range; the reading screen hands over its own, else built on first use.
    index: TokenIndex | None = field(default=None, repr=False)

    def spoken(self, token: Token) -> tuple[str, ...]:
        """The token's syllables as spoken: sandhi worked out over its whole paragraph."""
        cached = self._spoken.get(token.start)
        if cached is not None:
            return cached
        from reader.text.pinyin import spoken_tones

        paragraph = self.document.paragraph_at(token.start)
        if self.index is None:  # built once: it lists the start of every token
            self.index = TokenIndex(self.document, self.tokens)
        index = self.index
        words = [t for t in index.in_range(paragraph.start, paragraph.end) if t.kind != "space"]
        for word, syllables in zip(words, spoken_tones(words), strict=True):
            self._spoken[word.start] = tuple(syllables)
        return self._spoken.get(token.start, token.syllables)


def load_language(document: Document, progress: Callable[[str], None]) -> Language:
    """Glossary, dictionary (building its index on first run), tokens with pinyin."""
    from reader.text.annotate import annotate_document
    from reader.text.dictionary import Dictionary
    from reader.text.glossary import glossary_for
    from reader.text.hsk import hsk_level

    glossary = glossary_for(document.path)

    def index_progress(done: int, total: int) -> None:
        width = 20
        filled = width * done // max(total, 1)
        bar = "█" * filled + "░" * (width - filled)
        progress(f"building the dictionary index (first run only) {bar} {100 * done // max(total, 1)}%")

    progress("loading the dictionary…")
    dictionary = Dictionary.open(progress=index_progress)
    progress("segmenting the text…")
    tokens = annotate_document(document, glossary, dictionary)
    problems = [str(p) for p in glossary.problems]
    return Language(document, tokens, dictionary, glossary, hsk_level, problems)
