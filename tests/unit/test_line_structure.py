"""Line structure on real text: Tang and Song poems from Debian's fortunes-zh, the article hard-wrapped, Markdown breaks."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from reader.text.blocks import join_block, keeps_breaks
from reader.text.content import resolve_document
from reader.text.loader import load_path, parse_markdown, parse_plain

FORTUNES = Path("/usr/share/games/fortunes")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def poems(name: str, count: int) -> list[list[str]]:
    """The first ``count`` poems of a fortunes-zh file, as a learner copies them (no colour escapes)."""
    path = FORTUNES / name
    if not path.is_file():
        pytest.skip(f"{path} is absent: install Debian's fortunes-zh (apt-get install fortunes-zh; .ci/run does)")
    text = _ANSI.sub("", path.read_text(encoding="utf-8"))
    found = [[line.strip() for line in chunk.strip("\n").split("\n")] for chunk in text.split("\n%\n")]
    plain = [p for p in found if p and all(line for line in p)]  # poems without inner blank lines
    return plain[:count]


def lines_of(doc_text: str) -> list[str]:
    return doc_text.split("\n")


def test_tang_poems_keep_one_verse_per_line(tmp_path: Path) -> None:
    chosen = poems("tang300", 12)
    path = tmp_path / "tang.txt"
    path.write_text("\n\n".join("\n".join(p) for p in chosen) + "\n", encoding="utf-8")
    doc = load_path(path)
    assert lines_of(doc.text) == [line for p in chosen for line in p]
    # title, author and every verse are lines of one block: no blank row inside a poem
    first = doc.paragraphs[: len(chosen[0])]
    assert [p.tight for p in first] == [True] * (len(first) - 1) + [False]


def test_the_issue_s_poem_is_not_run_together(tmp_path: Path) -> None:
    first = poems("tang300", 1)[0]
    assert first[0].startswith("《感遇")  # the poem the issue quotes, joined into one paragraph before
    doc = parse_plain("\n".join(first) + "\n", "p")
    assert lines_of(doc.text) == first


def test_song_poems_in_markdown_keep_their_lines(tmp_path: Path) -> None:
    chosen = poems("song100", 6)
    body = "\n\n".join(f"## {p[0]}\n\n" + "\n".join(p[1:]) for p in chosen)
    doc = parse_markdown(f"# 宋诗（选）\n\n{body}\n", "song")
    assert lines_of(doc.text) == [line for p in chosen for line in p[1:]]
    assert [s.title for s in doc.sections] == [p[0] for p in chosen]


def test_hard_wrapped_article_prose_is_joined_back() -> None:
    article = resolve_document("article")
    paragraphs = [article.text[p.start : p.end] for p in article.paragraphs]
    # wrapped as an editor wraps Chinese at 36 characters (no spaces to break at)
    wrapped = "\n\n".join("\n".join(textwrap.wrap(p, 36, break_on_hyphens=False)) for p in paragraphs)
    doc = parse_plain(wrapped, "wrapped")
    assert lines_of(doc.text) == paragraphs


@pytest.mark.parametrize(
    ("lines", "keep"),
    [
        (["静夜思", "李白", "床前明月光", "疑是地上霜"], True),  # short lines: verse without punctuation
        (["- 预训练", "- 强化学习", "- 推理模型"], True),  # a list
        (["“你来了？”他问。", "“来了。”我说。"], True),  # dialogue lines, each ending a sentence
        (["这是一段被硬换行的中文文章，作者在固定的宽度换", "行，句子还没有说完就到了下一行。"], False),
        (["English prose that was wrapped at a fixed width so", "its lines run on into the next one."], False),
    ],
)
def test_which_blocks_keep_their_breaks(lines: list[str], keep: bool) -> None:
    assert keeps_breaks(lines) is keep


@pytest.mark.parametrize("end", ["  ", "\\"])
def test_markdown_hard_break_keeps_the_line(end: str) -> None:
    lines = [
        f"这是一段被硬换行的中文文章，作者在这里要求换行，按照CommonMark的规则{end}",
        "所以这一行另起一行，虽然上一行并不短。",
    ]
    assert join_block(lines, markdown=True) == lines[0].rstrip(" \\") + "\n" + lines[1]
    assert "\n" not in join_block(lines, markdown=False).rstrip("\\")


def test_kept_lines_are_offsets_with_newlines_between() -> None:
    doc = parse_plain("床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。\n", "p")
    for paragraph in doc.paragraphs:
        assert "\n" not in doc.text[paragraph.start : paragraph.end]
        assert paragraph.end == len(doc.text) or doc.text[paragraph.end] == "\n"
