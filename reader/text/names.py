"""Telling a name from a free phrase: a word no dictionary knows, glossed as a name when it looks like one.

A word that CC-CEDICT, the glossary and the learner glosses all lack is
glossed part by part (很难 "very + difficult"). For a name that teaches
nonsense: 伊莱亚娜 "Iran + name of weed plant + sub- + (phonetic na)",
黄仁勋 "yellow + humane + medal". This module guesses when such a word is a
name, and says so with its romanisation instead:

- **a foreign name written for its sound** (伊莱亚娜 → "probably a foreign
  name, written for its sound: Yīláiyànà"): every character stands alone (no
  part of two or more characters is a known word) and the characters are the
  ones transliteration uses. Each character's score comes from CC-CEDICT
  (``content/name_chars.tsv``, written by ``scripts/name_chars.py``): the
  log-odds of the character in its foreign names against its Chinese words and
  names. The word's mean score must reach :data:`FOREIGN_MEAN` (three or more
  characters) or :data:`FOREIGN_MEAN_SHORT` (two, where chance is likelier);
- **a Chinese person's name** (黄仁勋 → "probably a person's name: Huáng
  Rénxūn"): three characters that stand alone, jieba tags the word a person's
  name (``nr``), the first character begins at least :data:`SURNAME_SHARE` per
  cent of jieba's person names, and the other two are given-name characters
  (their mean given-name score, from the same names, reaches
  :data:`GIVEN_MEAN`: 仁勋 2.6, but 古柳 0.9 and 崇死 1.0 in 杨古柳, 石崇死 of a
  poem).

:func:`join_names` also joins the pieces jieba cut a long name into when each
piece is unknown and the whole looks foreign (伊莱 | 亚娜 → 伊莱亚娜) or is a
known word (扎克 | 伯格 → 扎克伯格 "Zuckerberg").

The guess is a guess: the headline says "probably", the pop-up names where it
came from, and the characters' own meanings stay in its parts. Measured on
CPP dev and the Chinese fortunes in docs/accuracy.md. Pure module: the caller
supplies ``known`` and jieba's tag of the word.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.text.tones import join_marks, to_marks

__all__ = [
    "FOREIGN_MEAN",
    "FOREIGN_MEAN_SHORT",
    "FOREIGN_OVER_PERSON",
    "GIVEN_MEAN",
    "SURNAME_SHARE",
    "NameChars",
    "NameGuesser",
    "join_names",
    "load_name_chars",
    "name_chars_path",
]

Span = tuple[int, int, str]

#: The mean character score (``content/name_chars.tsv``) from which a word of three or more characters is foreign.
FOREIGN_MEAN = 1.5
#: The same for a two-character word.
FOREIGN_MEAN_SHORT = 2.5
#: The score of a character the file does not list.
_UNLISTED = -1.0
#: The mean given-name score of the second and third characters from which a three-character word is a name.
GIVEN_MEAN = 1.5
#: The least share (per cent of jieba's person names) of a surname that starts a guessed name.
SURNAME_SHARE = 0.15
#: The least mean foreign score of each piece joined into a foreign name (代伊 1.4 in 阿莫 | 代伊; 劳娶 0.3).
_PIECE_MEAN = 1.0
#: The least foreign score of a lone character joined to a name's piece beside it (曼 in 斯托 | 曼).
_SINGLE_MEAN = 2.5
#: Characters that are words of their own (之, 以, 而, 其 …): a three-character token holding one is a
#: phrase of classical prose that jieba took for a name (封侯之, 海之滨), not a name.
_FUNCTION = frozenset(
    "我你他她它您很太更最都也就才又再还却并被把对向从往在跟的了着过是有不没之因与及而或以其乃于者所兮"
)
#: jieba's tags for a person's name.
_PERSON_TAGS = frozenset({"nr", "nrfg"})
#: Characters after which a name goes on as a place or a group (萨默塞特郡 "Somerset + county"): not part of the
#: sound, and a name with one is left to be glossed by its parts.
_NOT_SOUND = frozenset("省州县市区郡镇村乡河江湖海山岛港湾城堡路街号队军国人族语派党教寺庙亭楼阁桥门宫殿园洞峰塔府院馆")
#: The mean foreign score from which a word that could be either is a foreign name, not a Chinese one
#: (萨利赫 2.4, 伊雷娜 1.9; 李弥逊 1.5, 吴文英 1.2).
FOREIGN_OVER_PERSON = 1.8


def name_chars_path() -> Path | None:
    """The bundled character scores (``content/name_chars.tsv``), or None without a content folder."""
    try:
        from reader.text.content import content_dir

        return content_dir() / "name_chars.tsv"
    except Exception:  # the content folder is optional for a bare stack
        return None


@dataclass(frozen=True)
class NameChars:
    """The three figures of ``content/name_chars.tsv`` per character (see ``scripts/name_chars.py``)."""

    #: log-odds of the character in CC-CEDICT's foreign names against its Chinese words.
    foreign: Mapping[str, float] = field(default_factory=dict)
    #: log-odds of the character in a Chinese given name against jieba's other words.
    given: Mapping[str, float] = field(default_factory=dict)
    #: per cent of jieba's person names that begin with the character.
    surname: Mapping[str, float] = field(default_factory=dict)


def load_name_chars(path: Path | None) -> NameChars:
    """The character figures of ``path`` (``character<TAB>foreign<TAB>given<TAB>surname``, ``#`` comments).

    A missing or unreadable file gives no figures (no word is then taken for a name).
    """
    columns: tuple[dict[str, float], dict[str, float], dict[str, float]] = ({}, {}, {})
    if path is None:
        return NameChars()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return NameChars()
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        char, *cells = line.split("\t")
        if len(char) != 1:
            continue
        for column, cell in zip(columns, cells, strict=False):
            try:
                column[char] = float(cell)
            except ValueError:
                continue  # a blank cell: no figure
    return NameChars(*columns)


class NameGuesser:
    """Guesses whether an unknown word is a name (see the module docstring)."""

    def __init__(self, chars: NameChars, known: Callable[[str], bool]) -> None:
        """``chars``: the character figures; ``known``: whether a word of two or more characters is a known word."""
        self._chars = chars
        self._known = known

    def stands_alone(self, word: str) -> bool:
        """Tell whether no part of ``word`` of two or more characters is a known word (伊莱亚娜 yes, 伦敦大学 no)."""
        size = len(word)
        return all(not self._known(word[start:end]) for start in range(size - 1) for end in range(start + 2, size + 1))

    def mean_score(self, word: str) -> float:
        """The mean foreign score of ``word``'s characters."""
        scores = self._chars.foreign
        return sum(scores.get(char, _UNLISTED) for char in word) / len(word) if word else _UNLISTED

    def given_score(self, word: str) -> float:
        """The mean given-name score of ``word``'s characters."""
        scores = self._chars.given
        return sum(scores.get(char, _UNLISTED) for char in word) / len(word) if word else _UNLISTED

    def sounds_foreign(self, word: str) -> bool:
        """Tell whether ``word``'s characters are those of a transliterated name (its parts not checked)."""
        if len(word) < 2 or not all("\u3400" <= c <= "\u9fff" and c not in _NOT_SOUND for c in word):
            return False
        return self.mean_score(word) >= (FOREIGN_MEAN if len(word) >= 3 else FOREIGN_MEAN_SHORT)

    def is_foreign(self, word: str) -> bool:
        """Tell whether unknown ``word`` is probably a foreign name written for its sound."""
        return self.sounds_foreign(word) and self.stands_alone(word)

    def is_person(self, word: str, tag: str) -> bool:
        """Tell whether unknown ``word`` is probably a Chinese person's name: surname + two-character given name.

        ``tag`` is jieba's tag of the word, which must be a person's name.
        """
        return (
            len(word) == 3
            and tag in _PERSON_TAGS
            and not any(char in _FUNCTION or char in _NOT_SOUND for char in word)
            and self._chars.surname.get(word[0], 0.0) >= SURNAME_SHARE
            and self.given_score(word[1:]) >= GIVEN_MEAN
            and self.stands_alone(word)
        )

    def gloss(self, word: str, syllables: Sequence[str], tag: str) -> str:
        """The headline of unknown ``word`` read as ``syllables`` when it is probably a name, else "".

        A word that sounds strongly foreign is a foreign name (萨利赫 Sàlìhè); else a
        Chinese person's name is tried first: 李弥逊 is Lǐ Míxùn, not a foreign sound.
        """
        if len(syllables) != len(word) or len(word) < 2:
            return ""
        foreign = self.is_foreign(word)
        if self.is_person(word, tag) and not (foreign and self.mean_score(word) >= FOREIGN_OVER_PERSON):
            family = to_marks(syllables[0]).capitalize()
            return f"probably a person's name: {family} {join_marks(syllables[1:]).capitalize()}"
        if foreign:
            return f"probably a foreign name, written for its sound: {join_marks(syllables).capitalize()}"
        return ""


def join_names(text: str, spans: Sequence[Span], known: Callable[[str], bool], guesser: NameGuesser) -> list[Span]:
    """``spans`` with neighbouring unknown Han tokens joined when together they are a known word or a foreign name.

    伊莱 | 亚娜 → 伊莱亚娜 (a name by its sound), 扎克 | 伯格 → 扎克伯格
    (CC-CEDICT's "Zuckerberg", which jieba's dictionary lacks). Each piece
    must be unknown, of two or more characters and stand alone, or be a lone
    character with a foreign score of at least 2.5 that is not a function
    character (斯托 | 曼 → 斯托曼); single characters alone are never joined.
    The whole must be a known word, or sound foreign and stand alone with
    every piece's mean foreign score at least 1 (拉迪斯 | 劳娶 "… to marry"
    stays apart). Of a run of such pieces, the longest stretch from its start
    that makes a word is joined. Known words of two or more characters are
    never joined to anything.
    """

    def piece(span: Span) -> bool:
        start, end, kind = span
        word = text[start:end]
        if kind != "han":
            return False
        if end - start == 1:  # a lone transliteration character jieba left over (斯托 | 曼)
            return word not in _FUNCTION and guesser.mean_score(word) >= _SINGLE_MEAN
        return not known(word) and guesser.stands_alone(word)

    def foreign_piece(span: Span) -> bool:
        return guesser.mean_score(text[span[0] : span[1]]) >= _PIECE_MEAN

    def whole_word(first: int, stop: int) -> bool:
        if all(spans[place][1] - spans[place][0] == 1 for place in range(first, stop)):
            return False  # single characters alone are jieba's own words (阿 | 斯): never joined
        whole = text[spans[first][0] : spans[stop - 1][1]]
        if known(whole):
            return True
        pieces = all(foreign_piece(spans[place]) for place in range(first, stop))
        return pieces and guesser.sounds_foreign(whole) and guesser.stands_alone(whole)

    out: list[Span] = []
    index = 0
    count = len(spans)
    while index < count:
        stop = index + 1  # the run of pieces from here: the longest stretch of it that makes a word is joined
        if piece(spans[index]):
            while stop < count and spans[stop][0] == spans[stop - 1][1] and piece(spans[stop]):
                stop += 1
        joined = next((end for end in range(stop, index + 1, -1) if whole_word(index, end)), None)
        if joined is None:
            out.append(spans[index])
            index += 1
            continue
        out.append((spans[index][0], spans[joined - 1][1], "han"))
        index = joined
    return out
