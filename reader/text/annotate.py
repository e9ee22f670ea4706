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

The parts of the stack, and the keys of both caches, are
:mod:`reader.text.stack_parts` (what they are made from:
:mod:`reader.text.stack_sources`); the token cache's file format is
:mod:`reader.text.token_cache`. Their public names are re-exported here.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reader.text.document import Document
from reader.text.stack_parts import Progress, StackParts
from reader.text.stack_sources import (
    glossary_entry,
    glossary_fingerprint,
    glossary_overrides,
    glossary_terms,
    sense_files,
)
from reader.text.token_cache import FORMAT_VERSION, load_token_cache, save_token_cache, token_cache_path

if TYPE_CHECKING:
    from reader.text.senses import Choices, Sense
from reader.text.tokens import KIND_CODES, Token, TokenStore, is_han

__all__ = [
    "FORMAT_VERSION",
    "LanguageStack",
    "Progress",
    "annotate_document",
    "glossary_fingerprint",
    "glossary_overrides",
    "glossary_terms",
    "load_token_cache",
    "save_token_cache",
    "sense_files",
    "shared_stack",
    "token_cache_path",
]

_CHUNK = 20_000
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


def _sense(gloss: str, source: str) -> Sense:
    from reader.text.senses import Sense

    return Sense(gloss, source)


def _context_memo_safe() -> bool:
    """Tell whether a :class:`~reader.text.senses.Context` holds only what the gloss memo keys on.

    The memo keys a gloss in context on the word, its reading, its neighbours and
    its clause; a context that grew another field would need it in the key.
    """
    from reader.text.senses import Context

    return set(Context.__slots__) <= {"_tags", "after", "before", "next", "prev", "sentence_before", "tagger"}


class LanguageStack(StackParts):
    """The annotate pass over the stack's parts (:class:`~reader.text.stack_parts.StackParts`).

    Thread-safe to build and use from a worker. ``dictionary`` may be passed in
    (an open :class:`reader.text.dictionary.Dictionary`), or opened by
    :meth:`open_dictionary`; without one, glosses come from the glossary only.
    """

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
            entry = glossary_entry(self.glossary, token.text) if self.glossary is not None else None
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

            curated = self.glossary is not None and glossary_entry(self.glossary, word) is not None
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
                    entry = glossary_entry(glossary, word)
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
