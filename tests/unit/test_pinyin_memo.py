"""The reader's memoised pypinyin gives ``lazy_pinyin``'s own readings (issue 14: annotate throughput).

:func:`reader.text.pinyin._memo_lazy_pinyin` keeps one converter and remembers
each segment's syllables; these tests read every Han run of the bundled texts
(and the pieces of them pypinyin segments differently) both ways.
"""

from __future__ import annotations

import re

import pytest

pypinyin = pytest.importorskip("pypinyin")

from reader.text.content import content_dir  # noqa: E402
from reader.text.pinyin import PinyinReader, _memo_lazy_pinyin  # noqa: E402

_HAN_RUN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]+")


def _unreadable(chars: str) -> list[str]:
    return ["?"] * len(chars)


def _bundled_runs() -> list[str]:
    """Han runs of the bundled texts, and every 1–4 character piece of the first runs."""
    folder = content_dir()
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.suffix in (".md", ".yaml"))
    runs = sorted(set(_HAN_RUN.findall(text)))
    pieces = {run[i : i + n] for run in runs[:300] for n in range(1, 5) for i in range(len(run) - n + 1)}
    return [*runs, *sorted(pieces)]


def test_memo_matches_lazy_pinyin_on_the_bundled_texts() -> None:
    words = _bundled_runs()
    assert len(words) > 1000
    memo = _memo_lazy_pinyin()
    style = pypinyin.Style.TONE3
    for _ in range(2):  # the second pass reads every segment from the memo
        for word in words:
            expected = pypinyin.lazy_pinyin(word, style=style, neutral_tone_with_five=True, errors=_unreadable)
            assert memo(word, style=style, errors=_unreadable) == expected, word


def test_a_caller_changing_the_result_does_not_change_the_memo() -> None:
    memo = _memo_lazy_pinyin()
    style = pypinyin.Style.TONE3
    first = memo("银行行长", style=style, errors=_unreadable)
    first[0] = "changed"
    assert memo("银行行长", style=style, errors=_unreadable) == ["yin2", "hang2", "hang2", "zhang3"]


def test_rare_characters_and_the_reader_word() -> None:
    """Characters of CJK Extension B (many without a reading) as lazy_pinyin reads them; the reader's words."""
    memo = _memo_lazy_pinyin()
    style = pypinyin.Style.TONE3
    for code in range(0x20000, 0x20400, 7):
        word = chr(code) + "好" + chr(code + 1)
        expected = pypinyin.lazy_pinyin(word, style=style, neutral_tone_with_five=True, errors=_unreadable)
        assert memo(word, style=style, errors=_unreadable) == expected, word
    reader = PinyinReader()
    assert reader.word("衣裳") == ("yi1", "shang5")
    assert reader.word("银行") == ("yin2", "hang2")
