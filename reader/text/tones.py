"""Pinyin tones: numbered ↔ marked pinyin, syllable splitting, answer checking, tone colours.

Pure and stdlib only. Numbered pinyin is the form CC-CEDICT and
:class:`reader.text.tokens.Token` use (``yu4 xun4 lian4``, ``de5``, ``lu:4``);
marked pinyin is what people read (``yù xùn liàn``).

Conventions:

- tone ``5`` (or ``0``, or no digit) is the neutral tone and carries no mark;
- ``u:``, ``v`` and ``ü`` all spell ü; ``e^`` spells ê;
- the mark goes on ``a`` or ``e`` when there is one, on the ``o`` of ``ou``,
  and otherwise on the last vowel (``liù``, ``guǐ``); syllables without a vowel
  (``m2``, ``n3``, ``ng4``, ``hm5``) mark their ``m`` or ``n``;
- ``r5`` is the erhua suffix and stays ``r``.

The tone colour schemes live in :mod:`reader.text.tone_colors`; :data:`SCHEMES`
and :func:`tone_color` are re-exported here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from reader.text.tone_colors import SCHEMES, tone_color

__all__ = [
    "SCHEMES",
    "SYLLABLES",
    "answers_match",
    "apostrophes",
    "join_marks",
    "normalize_answer",
    "split_syllables",
    "to_marks",
    "to_numbers",
    "tone_color",
    "tone_of",
]

# --- marks --------------------------------------------------------------------------------

_COMBINING = {1: "\u0304", 2: "\u0301", 3: "\u030c", 4: "\u0300"}
_TONE_OF_COMBINING = {mark: tone for tone, mark in _COMBINING.items()}
_VOWELS = "aeiouüê"


def _mark(letter: str, tone: int) -> str:
    """``letter`` with the mark of ``tone`` (1–4), precomposed where Unicode has it."""
    return unicodedata.normalize("NFC", letter + _COMBINING[tone])


def _strip_marks(text: str) -> tuple[str, int]:
    """Remove tone marks from ``text``: ``("lü", 4)`` for ``"lǜ"``; tone 0 when there was none.

    The diaeresis of ü and the circumflex of ê are kept.
    """
    tone = 0
    out = []
    for ch in unicodedata.normalize("NFD", text):
        found = _TONE_OF_COMBINING.get(ch)
        if found is None:
            out.append(ch)
        elif tone == 0:
            tone = found
    return unicodedata.normalize("NFC", "".join(out)), tone


def _mark_index(lower: str) -> int:
    """Index of the letter that carries the tone mark in the lower-case, ü-spelled syllable ``lower``."""
    for target in ("a", "e", "ê"):
        pos = lower.find(target)
        if pos >= 0:
            return pos
    pos = lower.find("ou")
    if pos >= 0:
        return pos
    for pos in range(len(lower) - 1, -1, -1):
        if lower[pos] in _VOWELS:
            return pos
    # Syllabic nasals: m, n, ng, hm, hng.
    for pos, ch in enumerate(lower):
        if ch in "mn":
            return pos
    return -1


def _spell_umlaut(letters: str) -> str:
    """Spell ü and ê as themselves: ``u:``/``v`` → ``ü``, ``e^`` → ``ê``, keeping case."""
    letters = letters.replace("u:", "ü").replace("U:", "Ü").replace("e^", "ê").replace("E^", "Ê")
    return letters.replace("v", "ü").replace("V", "Ü")


def _marked_syllable(letters: str, tone: int) -> str:
    """One numbered syllable's letters plus tone → marked syllable; unchanged if no letter can carry it."""
    letters = _spell_umlaut(letters)
    if tone in (0, 5):
        return letters
    lower = letters.lower()
    if lower == "r":
        return letters
    pos = _mark_index(lower)
    if pos < 0:
        return f"{letters}{tone}"
    return letters[:pos] + _mark(letters[pos], tone) + letters[pos + 1 :]


# A numbered syllable: letters (with u:, e^ inside) and an optional tone digit.
_NUMBERED = re.compile(r"((?:[uU]:|[eE]\^|[A-Za-zÜüÊê])+)([0-5])?")


def to_marks(text: str) -> str:
    """Numbered pinyin → tone marks: ``"yu4 xun4 lian4"`` → ``"yù xùn liàn"``.

    Handles ``u:``/``v`` for ü, capitals (``Zhong1`` → ``Zhōng``), neutral tone as
    5, 0 or no digit, erhua ``r5`` → ``r``, and run-together input
    (``yu4xun4lian4`` → ``yùxùnliàn``, ``ran2er2`` → ``rán'ér`` with the
    syllable-dividing apostrophe of :func:`apostrophes`). Anything that is not pinyin (hanzi,
    punctuation, ``·``, ``GPT4``) passes through unchanged: only letter runs that
    are one pinyin syllable are rewritten, so English words survive.
    """
    after = -1  # where the last numbered syllable ended: a syllable right after it is run together

    def replace(match: re.Match[str]) -> str:
        nonlocal after
        letters, digit = match.group(1), match.group(2)
        if not is_syllable(letters):
            return match.group(0)
        if digit is None:
            return _spell_umlaut(letters)
        run_together, after = match.start() == after, match.end()
        marked = _marked_syllable(letters, int(digit))
        return f"'{marked}" if run_together and _opens_with_vowel(marked) else marked

    return _NUMBERED.sub(replace, text)


def _opens_with_vowel(marked: str) -> bool:
    """True for a syllable starting with a, o or e (marked or not): the ones the apostrophe divides."""
    return bool(marked) and _strip_marks(marked[0])[0].lower() in ("a", "o", "e")


def apostrophes(marked: Sequence[str]) -> list[str]:
    """The syllables of one written word, with the syllable-dividing apostrophe where the standard puts it.

    Every syllable after the first that starts with a, o or e is led by an
    apostrophe, so that the word reads one way only: ``rán'ér``, ``qí'èr``,
    ``zì'ěrwèi``, ``Xī'ān`` (not ``xiān``). Syllables written apart need none.
    """
    return [
        f"'{s}" if index and _opens_with_vowel(s) and not s.startswith("'") else s for index, s in enumerate(marked)
    ]


def join_marks(numbered: Iterable[str]) -> str:
    """Numbered syllables as one written word in tone marks: ``["ran2", "er2"]`` → ``rán'ér``."""
    return "".join(apostrophes([to_marks(s) for s in numbered]))


# --- the syllable inventory ---------------------------------------------------------------

# Standard Mandarin syllables by initial, plus the rarities CC-CEDICT uses (biang, fiao, ...).
_INVENTORY = {
    "": "a o e ê ai ei ao ou an en ang eng er yi ya yo ye yai yao you yan yin yang ying yong "
    "wu wa wo wai wei wan wen wang weng yu yue yuan yun",
    "b": "a o ai ei ao an en ang eng i ia ie iao iu ian in iang ing u",
    "p": "a o ai ei ao ou an en ang eng i ie iao ian in ing u",
    "m": "a o e ai ei ao ou an en ang eng i ie iao iu ian in ing u",
    "f": "a o ei ou an en ang eng iao u",
    "d": "a e ai ei ao ou an en ang eng ong i ia ie iao iu ian ing u uo ui uan un",
    "t": "a e ai ei ao ou an ang eng ong i ie iao ian ing u uo ui uan un",
    "n": "a e ai ei ao ou an en ang eng ong i ie iao iu ian in iang ing u uo uan un ü üe",
    "l": "a o e ai ei ao ou an ang eng ong i ia ie iao iu ian in iang ing u uo uan un ü üe üan",
    "g": "a e ai ei ao ou an en ang eng ong ing u ua uo uai ui uan un uang",
    "k": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "h": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "j": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "q": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "x": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "zh": "a e ai ei ao ou an en ang eng ong i u ua uo uai ui uan un uang",
    "ch": "a e ai ao ou an en ang eng ong i u ua uo uai ui uan un uang",
    "sh": "a e ai ei ao ou an en ang eng i u ua uo uai ui uan un uang",
    "r": "e ao ou an en ang eng ong i u ua uo ui uan un",
    "z": "a e ai ei ao ou an en ang eng ong i u uo ui uan un",
    "c": "a e ai ao ou an en ang eng ong i u uo ui uan un",
    "s": "a e ai ei ao ou an en ang eng ong i u uo ui uan un",
}

#: Every pinyin syllable, lower case, without tone, ü spelled ``ü`` (``ju``, ``lü``, ``nüe``).
SYLLABLES: frozenset[str] = frozenset(
    initial + final for initial, finals in _INVENTORY.items() for final in finals.split()
)
# Syllables that stand alone only: interjections and the erhua suffix.
_SPECIAL = frozenset({"m", "n", "ng", "hm", "hng", "r"})
_VOWEL_INITIAL = frozenset("aoeê")
_MAX_SYLLABLE = max(len(s) for s in SYLLABLES)


def _key(syllable: str) -> str:
    """Lower case, no tone mark or digit, ü spelled ``ü``, and ``ju``/``qu``/``xu``/``yu`` for jü etc."""
    base, _ = _strip_marks(syllable)
    base = _spell_umlaut(base.rstrip("012345")).lower()
    if len(base) >= 2 and base[0] in "jqxy" and base[1] == "ü":
        base = base[0] + "u" + base[2:]
    return base


def is_syllable(syllable: str) -> bool:
    """Tell whether ``syllable`` (marked or numbered, any case) is a Mandarin syllable or r/m/n/ng/hm/hng."""
    key = _key(syllable)
    return key in SYLLABLES or key in _SPECIAL


# --- splitting ----------------------------------------------------------------------------

# Separators between words: whitespace, apostrophes, hyphens, middle dots and punctuation.
_SEPARATORS = re.compile(r"[\s'’`\-·.,;/|]+")
# A chunk ends after its tone digit.
_CHUNK = re.compile(r"[^0-9]+[0-9]?|[0-9]")


def _units(word: str) -> list[tuple[str, str]]:
    """Split ``word`` into (original text, key letter) units: ``u:`` is one unit, marks stay on their letter."""
    units: list[tuple[str, str]] = []
    nfc = unicodedata.normalize("NFC", word)
    i = 0
    while i < len(nfc):
        ch = nfc[i]
        if ch in "uU" and i + 1 < len(nfc) and nfc[i + 1] == ":":
            units.append((nfc[i : i + 2], "ü"))
            i += 2
            continue
        if ch in "eE" and i + 1 < len(nfc) and nfc[i + 1] == "^":
            units.append((nfc[i : i + 2], "ê"))
            i += 2
            continue
        if unicodedata.combining(ch) and units:
            text, key = units[-1]
            units[-1] = (text + ch, key)
            i += 1
            continue
        base, _ = _strip_marks(ch)
        key = base.lower()
        units.append((ch, "ü" if key == "v" else key))
        i += 1
    return units


def _parse(keys: str) -> list[int] | None:
    """Split the key string into syllables; return the lengths, or None when it is not pinyin.

    Tries a strict reading first (no syllable after the first may start with a, o
    or e, as the apostrophe rule demands), then a lenient one; in each, longer
    syllables win (``xian`` stays one syllable, ``fangan`` is ``fan gan``).
    """
    if keys in _SPECIAL:
        return [len(keys)]
    for strict in (True, False):
        found = _parse_from(keys, 0, strict)
        if found is not None:
            return list(found)
    return None


@lru_cache(maxsize=4096)
def _parse_cached(keys: str) -> tuple[int, ...] | None:
    found = _parse(keys)
    return None if found is None else tuple(found)


def _parse_from(keys: str, start: int, strict: bool) -> tuple[int, ...] | None:
    if start == len(keys):
        return ()
    for length in range(min(_MAX_SYLLABLE, len(keys) - start), 0, -1):
        piece = keys[start : start + length]
        candidate = piece
        if len(piece) >= 2 and piece[0] in "jqxy" and piece[1] == "ü":
            candidate = piece[0] + "u" + piece[2:]
        ok = candidate in SYLLABLES or (start > 0 and candidate == "r")
        if not ok:
            continue
        if strict and start > 0 and piece[0] in _VOWEL_INITIAL:
            continue
        rest = _parse_from(keys, start + length, strict)
        if rest is not None:
            return (length, *rest)
    return None


def _split_chunk(chunk: str) -> list[str]:
    """Split one chunk (letters plus at most one trailing digit) into syllables."""
    digit = chunk[-1] if chunk[-1].isdigit() else ""
    letters = chunk[:-1] if digit else chunk
    if not letters:
        return [chunk]
    units = _units(letters)
    keys = "".join(key for _, key in units)
    lengths = _parse_cached(keys)
    if lengths is None or len(lengths) == 1:
        return [chunk]
    pieces: list[str] = []
    pos = 0
    for length in lengths:
        pieces.append("".join(text for text, _ in units[pos : pos + length]))
        pos += length
    if digit:
        if pieces[-1].lower() == "r" and len(pieces) >= 2:
            # Erhua: the tone belongs to the syllable before the r (xiar4 → xia4 r5).
            pieces[-2] += digit
            pieces[-1] += "5"
        else:
            pieces[-1] += digit
    return pieces


def split_syllables(text: str) -> list[str]:
    """Split pinyin into syllables, keeping each one's spelling, digit and marks.

    ``"yu4xun4lian4"`` → ``["yu4", "xun4", "lian4"]``; ``"yùxùnliàn"`` and
    ``"yu xun lian"`` split the same way; ``"Xi'an"`` → ``["Xi", "an"]``;
    ``"yidianr"`` → ``["yi", "dian", "r"]``. A piece that is not pinyin is kept whole.
    """
    out: list[str] = []
    for word in _SEPARATORS.split(text.strip()):
        if not word:
            continue
        for chunk in _CHUNK.findall(word):
            out.extend(_split_chunk(chunk))
    return out


# --- numbers ------------------------------------------------------------------------------


def _numbered_syllable(syllable: str, umlaut: str) -> str:
    """One syllable (marked or numbered) → numbered, keeping case; non-pinyin passes through."""
    if syllable[-1:].isdigit():
        letters, tone = syllable[:-1], int(syllable[-1]) or 5
    else:
        letters, tone = _strip_marks(syllable)
        if tone == 0:
            if not is_syllable(letters):
                return syllable
            tone = 5
    letters = _spell_umlaut(letters)
    if umlaut != "ü":
        letters = letters.replace("ü", umlaut).replace("Ü", umlaut.upper())
    letters = letters.replace("ê", "e^").replace("Ê", "E^")
    return f"{letters}{tone}"


def to_numbers(text: str, umlaut: str = "u:") -> str:
    """Convert marked pinyin to numbered: ``"yù xùn liàn"`` → ``"yu4 xun4 lian4"``.

    Run-together words are split (``"Zhōngguó"`` → ``"Zhong1 guo2"``); an
    unmarked pinyin syllable gets tone 5; ü is written ``umlaut`` (``"u:"`` as in
    CC-CEDICT, or ``"v"``, or ``"ü"``). Already numbered input is kept.
    """
    return " ".join(_numbered_syllable(s, umlaut) for s in split_syllables(text))


def tone_of(syllable: str) -> int:
    """Return the tone (1–5) of one syllable, marked (``"xùn"``) or numbered (``"xun4"``); 5 when unmarked."""
    syllable = syllable.strip()
    if syllable[-1:].isdigit():
        return int(syllable[-1]) or 5
    _, tone = _strip_marks(syllable)
    return tone or 5


# --- answers ------------------------------------------------------------------------------


def _canonical(syllable: str) -> str:
    """Lower-case numbered form with ü as ``v`` and j/q/x/y + ü as ``u``; erhua as ``r5``."""
    numbered = _numbered_syllable(syllable, "v").lower()
    if not numbered[-1:].isdigit():
        return numbered
    letters, tone = numbered[:-1], numbered[-1]
    if len(letters) >= 2 and letters[0] in "jqxy" and letters[1] == "v":
        letters = letters[0] + "u" + letters[2:]
    if letters == "r":
        tone = "5"
    return letters + tone


def normalize_answer(text: str) -> tuple[str, ...]:
    """Normalise a typed (or expected) pinyin answer to canonical numbered syllables.

    Accepts tone numbers or marks, any case and spacing, ``v``/``u:``/``ü``:
    ``"Yù xùn liàn"``, ``"yu4xun4lian4"`` and ``"YU4 XUN4 LIAN4"`` all give
    ``("yu4", "xun4", "lian4")``; ``"lv4"`` and ``"lǜ"`` give ``("lv4",)``.
    A syllable typed without a tone counts as neutral (5).
    """
    return tuple(_canonical(s) for s in split_syllables(text))


def answers_match(
    typed: str, expected_syllables: tuple[str, ...] | list[str] | str, ignore_tones: bool = False
) -> bool:
    """Tell whether ``typed`` spells the same syllables and tones as ``expected_syllables``.

    ``expected_syllables`` is numbered or marked pinyin, one string per syllable
    or one string. An erhua ``r5`` matches ``er5``. With ``ignore_tones`` only
    the letters are compared.
    """
    expected_text = expected_syllables if isinstance(expected_syllables, str) else " ".join(expected_syllables)
    got, want = normalize_answer(typed), normalize_answer(expected_text)
    if ignore_tones:
        got = tuple(s.rstrip("012345") for s in got)
        want = tuple(s.rstrip("012345") for s in want)
    if len(got) != len(want):
        return False
    return all(a == b or {a, b} == {"r5", "er5"} for a, b in zip(got, want, strict=True))
