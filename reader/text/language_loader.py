"""Loading what the reading screen needs once segmentation has run (in a worker thread).

The worker shares the GIL with the UI thread, so the reading screen starts it
only once the text view has painted: parsing the glossary, opening (or
building) the dictionary and segmenting never sit in front of the first screen.

Not to be confused with :class:`reader.text.annotate.LanguageStack`, the
segmenter and pinyin reader that :func:`load_language` drives: a
:class:`LoadedLanguage` is its result for one document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.text.document import Document
from reader.text.token_index import TokenIndex
from reader.text.tokens import Token

if TYPE_CHECKING:
    from reader.text.annotate import LanguageStack
    from reader.text.dictionary import Dictionary
    from reader.text.glossary import Glossary
    from reader.text.senses import Choices, Sense
    from reader.text.wordinfo import WordInfo

#: Characters of text on each side of a word that its meaning in context may look at.
_CONTEXT = 40


@dataclass
class LoadedLanguage:
    """A document's tokens, with the dictionary, glossary and HSK grades they were made with."""

    document: Document
    tokens: Sequence[Token]
    dictionary: Dictionary
    glossary: Glossary
    hsk_level: Callable[[str], int | None]
    problems: list[str] = field(default_factory=list)
    #: The segmenter, pinyin reader and sense chooser the tokens were made with.
    stack: LanguageStack | None = None
    #: The learner's own meanings in this document (``meanings.yaml``), or None until asked of ``_choices_of``.
    _choices: Choices | None = field(default=None, repr=False)
    #: Where :attr:`choices` come from when first asked (set by :meth:`choices_from`).
    _choices_of: Callable[[], Choices] | None = field(default=None, repr=False)
    _spoken: dict[int, tuple[str, ...]] = field(default_factory=dict, repr=False)
    #: The tokens by range; the reading screen hands over its own (:meth:`use_index`), else built on first use.
    _index: TokenIndex | None = field(default=None, repr=False)
    #: ``(start, end)`` when :attr:`tokens` are only those of the paragraphs on screen (a first stage).
    covered: tuple[int, int] | None = None

    @property
    def choices(self) -> Choices:
        """The learner's own meanings in this document: read on first use (see :meth:`choices_from`)."""
        if self._choices is None:
            load, self._choices_of = self._choices_of, None
            if load is not None:
                self._choices = load()
            else:
                from reader.text.senses import Choices

                self._choices = Choices()
        return self._choices

    @choices.setter
    def choices(self, choices: Choices) -> None:
        self._choices, self._choices_of = choices, None

    def choices_from(self, load: Callable[[], Choices]) -> None:
        """Read :attr:`choices` with ``load()`` when first asked: the screen's first frame with tokens does not wait for them."""
        self._choices, self._choices_of = None, load

    def use_index(self, index: TokenIndex) -> None:
        """Look tokens up in ``index`` (which holds these tokens) instead of building a second one."""
        self._index = index

    def spoken(self, token: Token) -> tuple[str, ...]:
        """The token's syllables as spoken: sandhi worked out over its whole paragraph."""
        cached = self._spoken.get(token.start)
        if cached is not None:
            return cached
        from reader.text.pinyin import spoken_tones

        paragraph = self.document.paragraph_at(token.start)
        if self._index is None:  # built once: it lists the start of every token
            self._index = TokenIndex(self.document)
            self._index.set_tokens(self.tokens, self.covered)
        words = [t for t in self._index.in_range(paragraph.start, paragraph.end) if t.kind != "space"]
        for word, syllables in zip(words, spoken_tones(words), strict=True):
            self._spoken[word.start] = tuple(syllables)
        return self._spoken.get(token.start, token.syllables)

    def sense(self, token: Token) -> Sense:
        """The meaning of ``token`` in its sentence, the learner's own choice first (see :mod:`reader.text.senses`)."""
        from reader.text.senses import Sense

        if self.stack is None:
            return Sense(token.gloss, "none" if not token.gloss else "glossary" if token.glossary else "learner")
        if self._index is None:
            self._index = TokenIndex(self.document)
            self._index.set_tokens(self.tokens, self.covered)
        around = list(self._index.in_range(max(0, token.start - _CONTEXT), token.end + _CONTEXT))
        index = next((i for i, t in enumerate(around) if t.start == token.start), None)
        if index is None:
            return Sense(token.gloss)
        return self.stack.sense_of(self.document.lookup_text, around, index, self.choices)


def reading_parts(
    token: Token, language: LoadedLanguage | None, *, sandhi: bool, numbers: bool
) -> list[tuple[str, int]]:
    """The pinyin shown above ``token`` as ``(text, tone)`` parts (tones as spoken with ``sandhi``)."""
    if not token.syllables:
        return []
    from reader.text.wordinfo import shown  # not at import time: keeps start-up short

    syllables = language.spoken(token) if sandhi and language is not None else token.syllables
    if language is not None and language.document.meta.get("given_readings"):
        from reader.text.ruby import GivenReadings  # the book's own ruby readings win in the pinyin row

        syllables = GivenReadings.of(language.document).apply(token.text, token.start, tuple(syllables))
    parts = [shown(s, numbers) for s in syllables]
    if numbers:  # tone numbers divide the syllables already
        return parts
    from reader.text.tones import apostrophes

    return list(zip(apostrophes([text for text, _ in parts]), [tone for _, tone in parts], strict=True))


def word_info(token: Token, language: LoadedLanguage | None, *, numbers: bool, script: str = "as written") -> WordInfo:
    """What the pop-up shows for ``token`` (marked not ready while the language stack loads).

    ``script`` is the text view's display mode: the headword is the word as the
    reader sees it there (a traditional text's 讓, looked up as 让).
    """
    from dataclasses import replace

    from reader.text.script import shown_word
    from reader.text.wordinfo import describe

    info = describe(
        token.text,
        token.start,
        token.syllables,
        dictionary=language.dictionary if language else None,
        glossary=language.glossary if language else None,
        hsk_level=language.hsk_level if language else None,
        numbers=numbers,
        sense=language.sense(token) if language else None,
        written=shown_word(language.document.text, token.start, token.text, script) if language else "",
    )
    if info.glossary is not None and language is not None:
        from reader.text.glossary import source_label

        info = replace(info, glossary_source=source_label(language.glossary, info.word))
    if language is not None and language.document.meta.get("given_readings"):
        from reader.text.ruby import GivenReadings

        given = GivenReadings.of(language.document).label(token.start, token.end, numbers=numbers)
        info = replace(info, given=given) if given else info
    return info


def looked_up_info(word: str, offset: int, language: LoadedLanguage, *, numbers: bool) -> WordInfo:
    """The pop-up content of a word looked up by hand (not a token of the text): its first reading."""
    from dataclasses import replace

    from reader.text.glossary import source_label
    from reader.text.pinyin import split_reading
    from reader.text.tones import to_numbers
    from reader.text.wordinfo import describe

    entry = language.glossary.get(word)
    found = language.dictionary.lookup(word)
    if entry is not None and entry.pinyin:
        syllables: Sequence[str] = split_reading(to_numbers(entry.pinyin))
    else:
        syllables = found[0].pinyin.split() if found else ()
    info = describe(
        word,
        offset,
        syllables,
        dictionary=language.dictionary,
        glossary=language.glossary,
        hsk_level=language.hsk_level,
        numbers=numbers,
    )
    return replace(info, glossary_source=source_label(language.glossary, word)) if entry is not None else info


def load_language(
    document: Document,
    progress: Callable[[str], None],
    ready: Callable[[LoadedLanguage], None] | None = None,
    pause: Callable[[], object] | None = None,
    screen: tuple[int, int] | None = None,
    first_screen: Callable[[LoadedLanguage], None] | None = None,
    before_rest: Callable[[], object] | None = None,
) -> LoadedLanguage:
    """Glossary, dictionary (building its index on first run), tokens with pinyin; then the rest, warmed up.

    In two stages: first what the screen's tokens need (from the token cache
    when the document was read before with the same glossary, rules and
    dictionary: no segmenter, pinyin reader or learner glosses are loaded for
    that), handed to ``ready`` as soon as they are there; then the parts a
    pop-up asks for (:meth:`~reader.text.annotate.LanguageStack.warm_up`), so
    that the first ``enter`` finds them loaded. ``pause()`` is called before
    the first heavy step (building the index, segmenting, the warm-up): the
    screen lets the worker wait there until it has drawn itself; ``before_rest``
    is the warm-up's own wait, before the parts only new text needs.

    When the text has to be segmented and ``screen`` (the offsets on screen)
    is a small part of it, the paragraphs on screen are segmented first and
    handed to ``first_screen`` (a :class:`LoadedLanguage` whose
    :attr:`~LoadedLanguage.covered` says which span its tokens are), before the
    whole text is segmented (by the same pass as ever: the tokens ``ready``
    gets, and the token cache, are those of a single stage).
    """
    from reader.text.annotate import LanguageStack, shared_stack
    from reader.text.dictionary import Dictionary, index_is_current
    from reader.text.hsk import hsk_level
    from reader.text.language_cache import glossary_for, settle_script

    paused = False

    def heavy() -> None:
        nonlocal paused
        if pause is not None and not paused:
            paused = True
            pause()

    from reader.text.index_process import start_default_build, start_first_run, take_first_run, while_building

    start_first_run()  # no index file at all: the index and priming children, from now, on the other core
    child, priming = take_first_run()
    current = child is None and index_is_current()
    if child is None and not current:
        child = start_default_build()  # on another core, from now: see index_process
    glossary = glossary_for(document.path, on_miss=heavy)

    def index_progress(done: int, total: int) -> None:
        width = 20
        filled = width * done // max(total, 1)
        bar = "█" * filled + "░" * (width - filled)
        progress(f"building the dictionary index (first run only) {bar} {100 * done // max(total, 1)}%")

    if current:
        dictionary = Dictionary.open(progress=index_progress)
        stack = shared_stack(glossary, dictionary)
        stack.add_keywords(document.keywords)
    else:  # a first run: the index is built in a child process while the rest of the stack loads
        heavy()
        progress("building the dictionary index (first run only)…")
        stack = LanguageStack(glossary)
        stack.add_keywords(document.keywords)

        def build() -> Dictionary:
            if child is not None:
                from reader.text.index_process import wait_build

                wait_build(child, index_progress)
            return Dictionary.open(progress=index_progress)  # builds here if the child did not

        dictionary = while_building(build, stack, document, priming)
        stack.use_dictionary(dictionary)
    problems = [str(p) for p in glossary.problems]
    if not token_cache_current(stack, document):
        heavy()
        progress("segmenting the text…")
        settle_script(document)
        span = screen_span(document, screen) if first_screen is not None else None
        if span is not None and first_screen is not None:
            if document.meta.get("given_readings"):
                from reader.text.ruby import GivenReadings

                GivenReadings.of(document)  # as below: not on the screen's thread
            start, end = span
            part = stack.annotate_text(document.lookup_text[start:end], start)
            first_screen(LoadedLanguage(document, part, dictionary, glossary, hsk_level, problems, stack, covered=span))
    settle_script(document)
    tokens = stack.annotate_document(document)
    if document.meta.get("given_readings"):
        from reader.text.ruby import GivenReadings

        GivenReadings.of(document)  # the book's ruby readings, indexed here rather than on the first paint
    language = LoadedLanguage(document, tokens, dictionary, glossary, hsk_level, problems, stack)
    if ready is not None:
        ready(language)
    heavy()
    stack.warm_up(before_rest=before_rest)
    return language


#: Texts up to this many characters may be read from the caches on the screen's own thread (see :func:`load_cached`).
_CACHED_MAX = 400_000


def load_cached(document: Document) -> LoadedLanguage | None:
    """The document's tokens, dictionary and glossary when every cache answers for them; else None.

    The warm start of :func:`load_language` without a thread: the parsed
    glossary, a current index (opened, its headwords from their file), the
    script verdict of a simplified text and the token cache, all read back in a
    few milliseconds, so that the screen can show the tokens in the very next
    frame, with no thread to schedule and no interpreter lock to hand over. Nothing
    is parsed, built or segmented here: a miss of any kind (or a text longer than
    :data:`_CACHED_MAX`, whose token columns take longer to read, or with ruby
    readings to index) is None, and :func:`load_language` does the rest in the
    worker as ever. The parts a pop-up asks for are loaded later
    (:meth:`~reader.text.annotate.LanguageStack.warm_up`).
    """
    if len(document.text) > _CACHED_MAX or document.meta.get("given_readings"):
        return None
    from reader.text.annotate import load_token_cache, shared_stack, token_cache_path
    from reader.text.dictionary import Dictionary, index_is_current
    from reader.text.hsk import hsk_level
    from reader.text.index_process import first_run_started
    from reader.text.language_cache import cached_glossary, settled_simplified

    if first_run_started() or not settled_simplified(document):
        return None
    glossary = cached_glossary(document.path)
    if glossary is None or not index_is_current():
        return None
    dictionary = Dictionary.open()
    stack = shared_stack(glossary, dictionary)
    stack.add_keywords(document.keywords)
    key = stack.cache_key(document)
    tokens = load_token_cache(token_cache_path(key), document.lookup_text, key)
    if tokens is None:
        return None
    problems = [str(p) for p in glossary.problems]
    return LoadedLanguage(document, tokens, dictionary, glossary, hsk_level, problems, stack)


#: A first stage for the paragraphs on screen only when the whole text is this many times longer.
_FIRST_STAGE_SHARE = 2
#: ... and when they are at most this many characters (one pass of the annotate pass's size).
_FIRST_STAGE_MAX = 20_000


def screen_span(document: Document, screen: tuple[int, int] | None) -> tuple[int, int] | None:
    """The whole paragraphs holding ``screen`` (offsets), and the next one; None when not worth a stage of its own.

    That is when they are more than half the text (segmenting the rest is then
    little more) or longer than :data:`_FIRST_STAGE_MAX` (a line of a million
    characters), or nothing is on screen.
    """
    if screen is None or not document.paragraphs:
        return None
    first = document.paragraph_index_at(screen[0])
    last = min(document.paragraph_index_at(max(screen[0], screen[1] - 1)) + 1, len(document.paragraphs) - 1)
    start, end = document.paragraphs[first].start, document.paragraphs[last].end
    if (end - start) * _FIRST_STAGE_SHARE > len(document.text) or end - start > _FIRST_STAGE_MAX:
        return None
    return start, end


def token_cache_current(stack: LanguageStack, document: Document) -> bool:
    """Tell whether ``document``'s tokens under ``stack`` are in the token cache (the file exists)."""
    from reader.text.annotate import token_cache_path

    return token_cache_path(stack.cache_key(document)).is_file()
