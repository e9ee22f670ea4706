"""Word segmentation: jieba, primed with the glossary and the article keywords.

The text is first cut into runs by :func:`reader.text.tokens.split_runs`
(Latin words, model names and numbers stay single runs: ``GPT-4o``, ``12%``).
Curated terms (the glossary) are then forced: every occurrence becomes one
token, whatever jieba's dictionary would prefer, longest term first. What
is left of each Han run is cut by a private :class:`jieba.Tokenizer` (never the
global one), whose dictionary cache lives under :func:`cache_dir` and whose
logging is silenced. Split rules from ``content/segmentation.yaml`` then break
the few words jieba keeps together that read better apart.

The cutter is rjieba (jieba-rs, the same dictionary, DAG and HMM as jieba,
20–40× faster, loading in about 0.1 s), with jieba itself as the fallback
where rjieba is not installed (or ``READER_SEGMENTER=jieba`` asks for it).
Both give the same tokens: ``tests/unit/test_segment_backends.py`` and
``scripts/compare_segmenters.py`` check it on the article, the sentence tables
and the CPP dev set. jieba's ``cut`` hands a character outside U+4E00–U+9FD5
back alone, while jieba-rs knows wider ranges; :func:`_rjieba_cut` splits
there first, as jieba does, so that both agree on rare characters too.

Either is imported lazily, inside :meth:`Segmenter.load`: importing jieba and
building its prefix dictionary costs about a second.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.text.tokens import Token, is_han, split_runs

#: Runs of Han text longer than this are not memoised (they rarely repeat).
_MEMO_MAX_RUN = 64
#: Memo entries kept before the memo is cleared.
_MEMO_MAX_ENTRIES = 200_000

_LATIN_EDGE = re.compile(r"[A-Za-z0-9]")
#: What jieba's ``cut`` hands to its dictionary (``re_han_default`` without the Latin part).
_JIEBA_HAN = re.compile("[\u4e00-\u9fd5]+")
#: ``READER_SEGMENTER=jieba`` forces the pure-Python jieba (for comparisons and as a way out).
SEGMENTER_ENV = "READER_SEGMENTER"


def rjieba_available() -> bool:
    """Tell whether rjieba (jieba-rs) can be imported."""
    import importlib.util

    try:
        return importlib.util.find_spec("rjieba") is not None
    except (ImportError, ValueError):
        return False


def backend_name() -> str:
    """The cutter :meth:`Segmenter.load` will use: ``"rjieba"`` or ``"jieba"``."""
    if os.environ.get(SEGMENTER_ENV, "").strip().lower() == "jieba" or not rjieba_available():
        return "jieba"
    return "rjieba"


def _rjieba_cut(cutter: Any, run: str, hmm: bool) -> list[str]:
    """jieba-rs's words of a Han run, with jieba's own handling of characters outside U+4E00–U+9FD5."""
    if _JIEBA_HAN.fullmatch(run):
        words: list[str] = cutter.cut(run, hmm)
        return words
    out: list[str] = []
    pos = 0
    for match in _JIEBA_HAN.finditer(run):
        out.extend(run[pos : match.start()])  # one token per other character, as jieba yields them
        out.extend(cutter.cut(match.group(), hmm))
        pos = match.end()
    out.extend(run[pos:])
    return out


@dataclass(frozen=True)
class SegmentationRules:
    """Extra words and split rules, as read from ``content/segmentation.yaml``.

    ``words`` are added to jieba's dictionary (they may still lose to a longer
    word). ``splits`` maps a word jieba produces to the parts it is cut into.
    ``regroup`` names words that jieba's cut crosses: where a token ends with
    the first character of one of them and the next token is the rest, the
    character moves right (门外|头 → 门|外头, 屋里|头 → 屋|里头).
    """

    words: tuple[str, ...] = ()
    splits: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    regroup: frozenset[str] = frozenset()


def load_segmentation_rules(path: Path | str | None) -> SegmentationRules:
    """Read a segmentation rules file; a missing file gives empty rules.

    Accepted shape (every key optional)::

        version: 1
        words: [大模型, 闭源, ...]          # or mappings with a ``word`` key
        splits:                              # word -> parts, or a list of {text, into}
          - {text: 非技术, into: [非, 技术]}

    Entries whose parts do not join back into the word are ignored.
    """
    if path is None:
        return SegmentationRules()
    file = Path(path)
    if not file.is_file():
        return SegmentationRules()
    import yaml

    data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    if not isinstance(data, Mapping):
        return SegmentationRules()
    regroup = data.get("regroup") or []
    return SegmentationRules(
        words=tuple(_words_of(data)),
        splits=_splits_of(data),
        regroup=frozenset(w for w in regroup if isinstance(w, str) and len(w) >= 2)
        if isinstance(regroup, list)
        else frozenset(),
    )


def _words_of(data: Mapping[str, Any]) -> list[str]:
    """The extra words of a rules mapping, whatever list shape they come in."""
    words: list[str] = []
    for key in ("words", "extra_words", "add"):
        raw = data.get(key) or []
        if isinstance(raw, Mapping):
            raw = list(raw)
        for item in raw if isinstance(raw, list) else []:
            word = item.get("word") if isinstance(item, Mapping) else item
            if isinstance(word, str) and word.strip():
                words.append(word.strip())
    return words


def _splits_of(data: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """The split rules of a rules mapping (mapping or list of ``{word, parts}``)."""
    raw = data.get("splits", data.get("split")) or {}
    pairs: list[tuple[Any, Any]] = []
    if isinstance(raw, Mapping):
        pairs = list(raw.items())
    elif isinstance(raw, list):
        for item in raw:
            if isinstance(item, Mapping):
                word = item.get("word", item.get("text"))
                pairs.append((word, item.get("parts", item.get("into"))))
            elif isinstance(item, str) and "|" in item:
                pairs.append((item.replace("|", ""), item))
    splits: dict[str, tuple[str, ...]] = {}
    for word, parts in pairs:
        if not isinstance(word, str):
            continue
        if isinstance(parts, str):
            parts = [p for p in re.split(r"[|\s/]+", parts) if p]
        if not isinstance(parts, list):
            continue
        clean = tuple(str(p) for p in parts if str(p))
        if len(clean) > 1 and "".join(clean) == word:
            splits[word] = clean
    return splits


def _import_jieba() -> Any:
    """Import jieba without letting it import ``pkg_resources``.

    jieba 0.42 tries ``import pkg_resources`` only to open its own data files,
    and falls back to plain ``open`` without it. Importing ``pkg_resources``
    costs about 80 ms (measured here) and warns that it is deprecated, so it
    is hidden while jieba is imported.
    """
    import sys

    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


class Segmenter:
    """Cuts text into :class:`Token` objects (kind, start, end; no pinyin yet).

    ``forced`` terms (glossary terms) are always single tokens; ``extra_words``
    (article keywords, rules words) are added to jieba's dictionary. The jieba
    dictionary loads on first use, or explicitly with :meth:`load`.
    """

    def __init__(
        self,
        forced: Iterable[str] = (),
        extra_words: Iterable[str] = (),
        rules: SegmentationRules | None = None,
        *,
        hmm: bool = True,
        cache_dir: Path | None = None,
        backend: str | None = None,
    ) -> None:
        self.rules = rules or SegmentationRules()
        self.forced = tuple(sorted({t.strip() for t in forced if t and t.strip()}, key=lambda t: (-len(t), t)))
        words = {w.strip() for w in extra_words if w and w.strip()}
        words.update(self.rules.words)
        words.update(self.forced)
        self.extra_words = tuple(sorted(w for w in words if any(is_han(c) for c in w)))
        self.hmm = hmm
        self._cache_dir = cache_dir
        self.backend = backend or backend_name()
        self._tokenizer: Any = None
        self._cut: Any = None
        self._lock = threading.Lock()
        self._memo: dict[str, tuple[int, ...]] = {}
        self._forced_re = _forced_pattern(self.forced)

    # -- loading -----------------------------------------------------------------

    def load(self) -> None:
        """Load the cutter: rjieba, or jieba (building or loading its cached prefix dictionary)."""
        if self._tokenizer is not None:
            return
        with self._lock:
            if self._tokenizer is not None:
                return
            if self.backend == "rjieba":
                import rjieba

                cutter = rjieba.Jieba()
                for word in self.extra_words:
                    cutter.add_word(word, None, None)
                self._cut = lambda run, hmm: _rjieba_cut(cutter, run, hmm)
                self._tokenizer = cutter
                return
            jieba = _import_jieba()
            jieba.setLogLevel(logging.WARNING)
            logging.getLogger("jieba").setLevel(logging.WARNING)
            folder = self._cache_dir
            if folder is None:
                from reader.storage.paths import cache_dir

                folder = cache_dir()
            folder.mkdir(parents=True, exist_ok=True)
            tokenizer = jieba.Tokenizer()
            tokenizer.tmp_dir = str(folder)
            tokenizer.cache_file = "jieba.cache"
            tokenizer.initialize()
            for word in self.extra_words:
                tokenizer.add_word(word)
            self._cut = lambda run, hmm: list(tokenizer.cut(run, HMM=hmm))
            self._tokenizer = tokenizer

    def add_words(self, words: Iterable[str]) -> None:
        """Add more dictionary words (a document's keywords); clears the memo."""
        new = sorted(
            {w.strip() for w in words if w and w.strip() and any(is_han(c) for c in w)} - set(self.extra_words)
        )
        if not new:
            return
        with self._lock:
            self.extra_words = tuple(sorted((*self.extra_words, *new)))
            if self._tokenizer is not None:
                for word in new:
                    if self.backend == "rjieba":
                        self._tokenizer.add_word(word, None, None)
                    else:
                        self._tokenizer.add_word(word)
            self._memo.clear()

    @property
    def loaded(self) -> bool:
        """True once the cutter's dictionary is in memory."""
        return self._tokenizer is not None

    # -- cutting -----------------------------------------------------------------

    def _cut_lengths(self, run: str) -> tuple[int, ...]:
        """Word lengths of a Han run, memoised for short runs."""
        memo = self._memo
        lengths = memo.get(run)
        if lengths is not None:
            return lengths
        if self._tokenizer is None:
            self.load()
        splits = self.rules.splits
        words: list[str] = []
        for word in self._cut(run, self.hmm):
            parts = splits.get(word)
            if parts:
                words.extend(parts)
            else:
                words.append(word)
        regroup = self.rules.regroup
        if regroup:
            for i in range(len(words) - 1):
                left, right = words[i], words[i + 1]
                if len(left) > 1 and left[-1] + right in regroup:
                    words[i], words[i + 1] = left[:-1], left[-1] + right
        out = [len(w) for w in words]
        if sum(out) != len(run):  # never expected; keep offsets exact regardless
            out = [1] * len(run)
        lengths = tuple(out)
        if len(run) <= _MEMO_MAX_RUN:
            if len(memo) >= _MEMO_MAX_ENTRIES:
                memo.clear()
            memo[run] = lengths
        return lengths

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, kind)`` spans covering ``text`` exactly, in order."""
        out: list[tuple[int, int, str]] = []
        pos = 0
        pattern = self._forced_re
        if pattern is not None:
            for match in pattern.finditer(text):
                start, end = match.span()
                if not _latin_edges_ok(text, start, end):
                    continue
                self._plain_spans(text, pos, start, out)
                out.append((start, end, "han" if any(is_han(c) for c in match.group()) else _kind_of(match.group())))
                pos = end
        self._plain_spans(text, pos, len(text), out)
        return out

    def _plain_spans(self, text: str, start: int, end: int, out: list[tuple[int, int, str]]) -> None:
        """Append the spans of ``text[start:end]`` (no forced terms inside)."""
        if start >= end:
            return
        for a, b, kind in split_runs(text[start:end], start):
            if kind == "han" and b - a > 1:
                pos = a
                for length in self._cut_lengths(text[a:b]):
                    out.append((pos, pos + length, "han"))
                    pos += length
            else:
                out.append((a, b, kind))

    def segment(self, text: str, offset: int = 0) -> list[Token]:
        """Tokens of ``text`` with kind and offsets (shifted by ``offset``); no pinyin."""
        return [Token(text[a:b], a + offset, b + offset, kind) for a, b, kind in self.spans(text)]

    def words(self, text: str) -> list[str]:
        """Just the token texts, spaces and punctuation included."""
        return [text[a:b] for a, b, _ in self.spans(text)]


def _forced_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    """One alternation of the forced terms, longest first (leftmost-longest match)."""
    if not terms:
        return None
    return re.compile("|".join(re.escape(t) for t in terms))


def _latin_edges_ok(text: str, start: int, end: int) -> bool:
    """A term that begins or ends with a Latin letter/digit must not cut a Latin word.

    ``GLM`` is not forced inside ``GLM-4``, nor ``AI`` inside ``OpenAI``.
    """
    if _LATIN_EDGE.match(text[start]) and start > 0 and re.match(r"[A-Za-z0-9\-.]", text[start - 1]):
        return False
    if (
        _LATIN_EDGE.match(text[end - 1])
        and end < len(text)
        and re.match(r"[A-Za-z0-9]|-[A-Za-z0-9]", text[end : end + 2])
    ):
        return False
    return True


def _kind_of(text: str) -> str:
    """The kind of a forced term without Han characters."""
    runs = split_runs(text)
    if len(runs) == 1:
        return runs[0][2]
    return "latin"
