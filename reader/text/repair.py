"""Mending jieba's cuts that no dictionary backs.

jieba joins characters into words in two ways a learner should not be taught:
its HMM glues single characters into "new words" (他长 in 他长得很像, 很重,
更大, 中是), and its dictionary holds web-era compounds that swallow a
sentence-final particle (电影吧 "film forum" in 去看电影吧。). Shown as one
word, these get composed meanings ("he + to grow"), are saved as cards, and
pull a character away from the word it belongs to.

After segmentation, a Han token that neither CC-CEDICT, the glossary nor the
learner glosses know is mended:

- a final particle (吧, 吗, 呢, 啊, 呀, 嘛, 啦) before punctuation or the end
  of the text is cut off when the rest is a known word and the token is the
  object of a verb, an adverb or a pronoun before it (去看电影吧。 → 电影 | 吧;
  喝点水吧。 → 水 | 吧, with "a little" between),
  not the head of a noun phrase (开放式书吧 "open-plan reading bar" stays);
- a two-character token holding a function character (a pronoun, a degree
  or scope adverb, a preposition, a conjunction, a particle, 是, 有, 不, 没, 之) is cut into its
  two characters: 他长 → 他 | 长, 更大 → 更 | 大; when its second character
  and the single character after it make a known word, they join
  (他长 | 得 → 他 | 长得 "to look").

An unknown two-character token of a verb and 点 or 些 ("a little") is cut
in two: 喝点 → 喝 | 点. An unknown token of three or more characters holding an aspect or
structural particle (了, 着, 的, 得) is cut into its longest known words:
地走了 → 地 | 走 | 了. A last rule gives a classifier back to the demonstrative or numeral before
it: 这 | 篇文章 → 这 | 篇 | 文章, when 篇文章 is unknown and 文章 is known; after a
numeral the two make one count (三 | 封信 → 三封 | 信).

Known words are never touched, so 酒吧, 就是 and every glossary term stay
whole. Pure module: the caller supplies ``known``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

__all__ = ["FINAL_PARTICLES", "FUNCTION_CHARACTERS", "mend_spans"]

Span = tuple[int, int, str]

#: Sentence-final particles that a dictionary compound may swallow.
FINAL_PARTICLES = frozenset("吧吗呢啊呀嘛啦")
#: Characters that are words of their own in nearly every use; a two-character
#: token no dictionary knows that holds one is two words. Numerals, classifiers,
#: 给 (交给, 给出 are jieba words) and the final particles (书吧 "reading bar") are left out.
FUNCTION_CHARACTERS = frozenset("我你他她它您咱很太更最都也就才又再还却并被把对向从往在跟的了着过是有不没之因与及而或")
#: Aspect and structural particles: an unknown token of three or more characters holding one is cut up.
_PARTICLES = frozenset("了着的得")
#: A demonstrative or a numeral, after which a classifier is expected (这, 每, 三, 第二, 几).
_COUNTER = re.compile(r"(?:这|那|哪|每|几|第?[0-9二两三四五六七八九十百千万]+)")
#: A numeral alone (一, 三, 两, 几, 12).
_NUMERAL = re.compile(r"(?:[0-9]+|[一二两三四五六七八九十百千万几]+)")
#: Classifiers that are also a demonstrative prefix (本书 "this book", 一本书 "a book").
_DEMONSTRATIVE_CLASSIFIERS = frozenset("本")
#: jieba tags that do not start a predicate: nouns, pronouns, numerals, classifiers, particles,
#: prepositions, conjunctions, place words, punctuation.
_NOT_PREDICATE = frozenset("nrmqupcfx")
#: Words after which a noun phrase goes on (的把手, 之把柄).
_MODIFIER_ENDS = frozenset({"的", "之", "这", "那", "这个", "那个"})
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
#: An indefinite "a little" between a verb and its object (喝点水吧).
_A_LITTLE = frozenset({"点", "些", "一点", "一些", "点儿", "一点儿"})
#: Span kinds after which a particle ends its clause.
_CLAUSE_END = ("punct", "space")


def mend_spans(
    text: str,
    spans: Sequence[Span],
    known: Callable[[str], bool],
    tag: Callable[[str], str] | None = None,
    classifier: Callable[[str], bool] | None = None,
) -> list[Span]:
    """``spans`` of ``text`` with unbacked joins cut apart (see the module docstring); offsets stay exact.

    ``tag`` gives jieba's part-of-speech tag of a word (without it no particle
    is cut off); ``classifier`` tells whether a character is a classifier
    (without it no classifier is taken back).
    """
    out: list[Span] = []
    count = len(spans)
    index = 0
    while index < count:
        start, end, kind = spans[index]
        index += 1
        if kind != "han" or end - start < 2:
            out.append((start, end, kind))
            continue
        word = text[start:end]
        if (
            classifier is not None
            and classifier(word[0])
            and out
            and _COUNTER.fullmatch(text[out[-1][0] : out[-1][1]])
            and not known(word)
            and known(word[1:])
        ):
            if _NUMERAL.fullmatch(text[out[-1][0] : out[-1][1]]):
                out[-1] = (out[-1][0], start + 1, kind)  # 三 | 封信 → 三封 | 信: the count is one unit
            else:
                out.append((start, start + 1, kind))  # 这 | 篇文章 → 这 | 篇 | 文章
            out.append((start + 1, end, kind))
            continue
        if len(word) == 2 and known(word):
            if _known_but_free(text, spans, index - 1, out, known, tag, classifier):
                if word[0] in _DEMONSTRATIVE_CLASSIFIERS and _NUMERAL.fullmatch(text[out[-1][0] : out[-1][1]]):
                    out[-1] = (out[-1][0], start + 1, kind)  # 一 | 本书 → 一本 | 书: the count is one unit
                else:
                    out.append((start, start + 1, kind))
                out.append((start + 1, end, kind))
                continue
        if not _suspect(word) or known(word):
            out.append((start, end, kind))
            continue
        following = spans[index] if index < count else (end, end, "space")
        if (
            word[-1] in FINAL_PARTICLES
            and following[2] in _CLAUSE_END
            and known(word[:-1])
            and tag is not None
            and _after_predicate(text, spans, index - 1, tag)
        ):
            out.append((start, end - 1, kind))
            out.append((end - 1, end, kind))
        elif (
            _verb_and_a_little(word, tag)
            and following[2] == "han"  # an object follows: not 扣点。 "to deduct points"
            and not (out and text[out[-1][0] : out[-1][1]] in _MODIFIER_ENDS)  # not 的视点 "viewpoint"
        ):
            out.append((start, start + 1, kind))  # 喝点 → 喝 | 点: the verb and its "a little"
            out.append((start + 1, end, kind))
        elif len(word) > 2 and any(char in _PARTICLES for char in word):
            pos = start
            for part in _longest_known(word, known):
                out.append((pos, pos + len(part), kind))  # 慢慢 | 地走了 → 地 | 走 | 了
                pos += len(part)
        elif len(word) == 2 and (word[0] in FUNCTION_CHARACTERS or word[1] in FUNCTION_CHARACTERS):
            out.append((start, start + 1, kind))
            f_start, f_end, f_kind = following
            if (
                word[1] not in FUNCTION_CHARACTERS
                and f_kind == "han"
                and f_end - f_start == 1
                and known(word[1] + text[f_start:f_end])
            ):
                out.append((start + 1, f_end, kind))  # 他长 | 得 → 他 | 长得: the character goes back to its word
                index += 1
            else:
                out.append((start + 1, end, kind))
        else:
            out.append((start, end, kind))
    return out


def _known_but_free(
    text: str,
    spans: Sequence[Span],
    index: int,
    out: Sequence[Span],
    known: Callable[[str], bool],
    tag: Callable[[str], str] | None,
    classifier: Callable[[str], bool] | None,
) -> bool:
    """Tell whether the known two-character token at ``index`` is, here, two words.

    Four constructions a dictionary word can hide, each told by its neighbours:

    - 本 is a classifier after a numeral or a demonstrative, not "this":
      一 | 本书 → 一本 | 书, 这 | 本书 → 这 | 本 | 书 (本书 "this book");
    - 把 before a noun and then a verb marks the object: 把门 | 关上 → 把 | 门 | 关上
      (把门 "to keep goal");
    - a verb and 点 ("a little") before its object, after a verb, an adverb or a
      pronoun, are two words: 想 | 看点 | 书 → 想 | 看 | 点 | 书 (看点 "highlight"),
      我们 | 缺点 | 钱 (缺点 "flaw");
    - 既 before 有/是/要/能 with 又 or 也 later in the sentence is "both … and":
      既有 … 又有 → 既 | 有 (既有 "existing").
    """
    start, end, _ = spans[index]
    word = text[start:end]
    rest = word[1]
    before = text[out[-1][0] : out[-1][1]] if out else ""
    if word[0] in _DEMONSTRATIVE_CLASSIFIERS:
        return (
            classifier is not None
            and classifier(word[0])
            and known(rest)
            and (
                _NUMERAL.fullmatch(before) is not None
                # after 这/那/哪 only the demonstrative word (本书 "this book"), not 本来, 本质, 本身
                or (
                    _COUNTER.fullmatch(before) is not None and tag is not None and tag(word) == "r" and tag(rest) == "n"
                )
            )
        )
    if word[0] == "把":
        if tag is None or index + 1 >= len(spans) or spans[index + 1][2] != "han" or not known(rest):
            return False
        following = text[spans[index + 1][0] : spans[index + 1][1]]
        if before in _MODIFIER_ENDS or (before and tag(before)[:1] in ("m", "q")):
            return False  # 门的把手坏了: a noun after 的 or a count is the noun 把手 "handle"
        # jieba's tags of verb phrases vary (关上 s, 洗干净 a, 丢 zg): anything but a noun phrase,
        # a particle or a preposition after the object is its verb
        return tag(rest)[:1] == "n" and tag(following)[:1] not in _NOT_PREDICATE
    if rest == "点" and tag is not None and index + 1 < len(spans) and spans[index + 1][2] == "han":
        following = text[spans[index + 1][0] : spans[index + 1][1]]
        return (
            tag(word)[:1] == "n"
            and tag(word[0])[:1] == "v"
            and tag(following)[:1] == "n"
            and _after_predicate(text, spans, index, tag)
        )
    if word[0] == "既" and rest in "有是要能可会":
        sentence_rest = _SENTENCE_END.split(text[end : end + 80], maxsplit=1)[0]
        return "又" in sentence_rest or "也" in sentence_rest
    return False


def _longest_known(word: str, known: Callable[[str], bool]) -> list[str]:
    """``word`` cut left to right into its longest known words, unknown characters alone."""
    parts: list[str] = []
    pos = 0
    while pos < len(word):
        for size in range(min(4, len(word) - pos), 0, -1):
            if size == 1 or known(word[pos : pos + size]):
                parts.append(word[pos : pos + size])
                pos += size
                break
    return parts


def _suspect(word: str) -> bool:
    """Tell whether a mending rule could apply to ``word`` (cheap, before any dictionary lookup)."""
    if word[-1] in FINAL_PARTICLES:
        return True  # the particle rule; a final particle is not a function character for the other
    if len(word) > 2 and any(char in _PARTICLES for char in word):
        return True
    if len(word) == 2 and word[1] in "点些":
        return True  # a verb and its "a little" (喝点)
    return len(word) == 2 and (word[0] in FUNCTION_CHARACTERS or word[1] in FUNCTION_CHARACTERS)


def _after_predicate(text: str, spans: Sequence[Span], index: int, tag: Callable[[str], str]) -> bool:
    """Tell whether the span before ``index`` is a verb, an adverb or a pronoun (so the token ends a clause).

    A verb's "a little" (点, 些, 一点, 一些) may stand between: 喝 | 点 | 水吧。 is
    "have some water", never a "water bar".
    """
    if index == 0 or spans[index - 1][2] != "han":
        return False
    start, end, _ = spans[index - 1]
    before = text[start:end]
    if before in _A_LITTLE and index >= 2 and spans[index - 2][2] == "han":
        start, end, _ = spans[index - 2]
        return tag(text[start:end])[:1] == "v"
    if _verb_and_a_little(before, tag):
        return True  # the segmenter's own join: 喝点 | 水吧
    return tag(before)[:1] in ("v", "d", "r")


def _verb_and_a_little(word: str, tag: Callable[[str], str] | None) -> bool:
    """Tell whether ``word`` is a one-character verb and 点 or 些 joined (喝点, 吃些)."""
    return len(word) == 2 and word[1] in "点些" and tag is not None and tag(word[0])[:1] == "v"
