"""CC-CEDICT entries and their cross-references, independent of any storage.

Owns :class:`Entry` (one CC-CEDICT line, with the entries its pointer senses
lead to), the recognition of pointer senses such as "see 未可厚非[wei4 ke3 hou4
fei1]" or "variant of 瞭|了[liao3]" (:func:`pointer_refs`,
:func:`is_pointer_only`) and :func:`reading_key`, the loose form of a numbered
reading used to match references. :mod:`reader.text.dictionary` re-exports the
public names; the SQLite index that produces entries lives there.

Pure module: the standard library and :mod:`reader.text.tones` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from reader.text.tones import to_marks

__all__ = ["Entry", "is_pointer_only", "pointer_refs", "reading_key"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One CC-CEDICT line.

    ``pinyin`` is numbered, exactly as in the file (``"yu4 xun4 lian4"``,
    ``"Lu:3 Wang4"``). ``see_also`` holds the entries that this entry's
    cross-reference senses point at (each may have its own ``see_also``, up to
    two hops), in the order the senses name them.
    """

    traditional: str
    simplified: str
    pinyin: str
    senses: tuple[str, ...]
    see_also: tuple[Entry, ...] = ()

    @property
    def pinyin_marks(self) -> str:
        """The reading with tone marks: ``"yù xùn liàn"``."""
        return to_marks(self.pinyin)

    def headword(self, traditional: bool = False) -> str:
        """Return the simplified headword, or the traditional one when asked."""
        return self.traditional if traditional else self.simplified

    def gloss_senses(self) -> tuple[str, ...]:
        """Return the senses that say what the word means.

        Leaves out cross-references (``see …``, ``variant of …``, ``abbr. for …``),
        ``CL:`` classifier lists and pronunciation notes (``Taiwan pr. […]``).
        """
        return tuple(s for s in self.senses if not _NOT_GLOSS.match(s) and not pointer_refs(s))

    def expanded_senses(self) -> list[str]:
        """Senses for display: this entry's own, then one ``→ 目标 mù biāo: sense; sense`` line per target.

        Targets of targets are indented one more step.
        """
        lines = list(self.senses)
        lines.extend(_target_lines(self.see_also, depth=1))
        return lines


def _target_lines(targets: Iterable[Entry], depth: int) -> list[str]:
    lines: list[str] = []
    for target in targets:
        head = (
            target.simplified
            if target.simplified == target.traditional
            else f"{target.simplified}|{target.traditional}"
        )
        own = "; ".join(target.gloss_senses() or target.senses)
        lines.append(f"{'  ' * (depth - 1)}→ {head} {target.pinyin_marks}: {own}")
        lines.extend(_target_lines(target.see_also, depth + 1))
    return lines


# A sense that points elsewhere starts with one of these.
_POINTER = re.compile(
    r"^(?:\([^)]*\)\s*)?(?:see(?: also)?:?|(?:(?:old|archaic|ancient|erroneous|erhua|euphemistic|less common|"
    r"popular|Japanese|non-standard|dialectal|\(old\)) )?variant of|abbr\. (?:for|to|of)|(?:bound form )?used in|"
    r"same as|also written|now written|another name for|also called|cf\.?|dialectal equivalent of)(?=[\s:])",
    re.IGNORECASE,
)
# A reference: 繁|简[pin1 yin1] or 字[zi4]; the headword needs at least one non-ASCII character.
_REF = re.compile(r"([^\s\[\]|/,;:()（）\"“”]+)(?:\|([^\s\[\]|/,;:()（）\"“”]+))?\[([^\]]+)\]")
_NOT_GLOSS = re.compile(r"^(?:CL:|(?:Taiwan |also |old |Beijing )?pr\. )")
_LEFTOVER = re.compile(r"^(?:\s|[,;:.()]|\band\b|\bor\b|\betc\b)*$", re.IGNORECASE)


def pointer_refs(sense: str) -> list[tuple[str, str | None, str]]:
    """Return the cross-references of a pointer sense as ``(first, second_or_None, pinyin)``; [] for other senses.

    ``"variant of 瞭|了[liao3]"`` → ``[("瞭", "了", "liao3")]`` (traditional, then simplified).
    """
    match = _POINTER.match(sense)
    if not match:
        return []
    refs = []
    for ref in _REF.finditer(sense, match.end()):
        first, second, pinyin = ref.group(1), ref.group(2), ref.group(3)
        if any(ord(ch) > 0x2E7F for ch in first):
            refs.append((first, second, pinyin))
    return refs


def is_pointer_only(sense: str) -> bool:
    """Tell whether a sense is nothing but a cross-reference, as ``"see 未可厚非[wei4 ke3 hou4 fei1]"``."""
    match = _POINTER.match(sense)
    if not match:
        return False
    rest = sense[match.end() :]
    if not _REF.search(rest):
        return False
    return bool(_LEFTOVER.match(_REF.sub(" ", rest)))


def reading_key(pinyin: str) -> str:
    """Case- and spacing-insensitive form of a numbered reading, for matching references."""
    return " ".join(pinyin.lower().replace("u:", "v").split())
