r"""Line structure: which line breaks of a text file carry meaning, decided block by block.

A *block* is a run of non-blank lines. Hard-wrapped prose (every line but the
last filled to about the same width, breaking wherever the width ran out) is
joined into one paragraph, Chinese without a space and other scripts with one.
A block keeps its line breaks when they carry meaning:

- verse, dialogue and one-sentence-per-line text: every line but the last ends in
  clause punctuation (，。！？；：… and closing quotes) or is clearly shorter than the
  widest line (a title line followed by an author line, a short verse);
- short lines: no line wider than :data:`SHORT_CELLS`;
- lists: every line after the first starts with a list marker.

In Markdown a line ending in two spaces or a backslash is a hard break
(CommonMark), whatever the block is.

A kept break is a ``"\n"`` inside the returned paragraph string;
:class:`~reader.text.document.DocumentBuilder` makes each line a paragraph of
its own, marked ``tight`` (no blank row after it), so offsets stay code points
into the document text with ``"\n"`` between lines.
"""

from __future__ import annotations

import re

from reader.text.linebreak import text_cells

#: A block whose lines are all at most this wide keeps its breaks.
SHORT_CELLS = 24
#: A line narrower than this share of the block's widest line ends a unit (it was not wrapped).
SHORT_SHARE = 0.75
#: What a line ends in when its break ends a clause or a verse.
LINE_END = "，。！？；：、…—,.!?;:”’」』）)》〉"
_LIST = re.compile(
    r"^\s*(?:[-*+•·]\s|\d{1,3}[.)、．]\s*|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)"
)


def split_blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines (the lines as they are, trailing spaces included)."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def keeps_breaks(lines: list[str]) -> bool:
    """True when the block's line breaks carry meaning (see the module docstring)."""
    stripped = [line.strip() for line in lines]
    if len(stripped) < 2:
        return False
    widths = [text_cells(line) for line in stripped]
    widest = max(widths)
    if widest <= SHORT_CELLS:
        return True
    if all(_LIST.match(line) for line in stripped[1:]):
        return True
    return all(
        line[-1] in LINE_END or width < SHORT_SHARE * widest
        for line, width in zip(stripped[:-1], widths[:-1], strict=True)
    )


def join_block(lines: list[str], *, markdown: bool = False) -> str:
    r"""One paragraph string of a block: kept breaks as ``"\n"``, wrapped lines joined."""
    if len(lines) == 1:
        return lines[0].strip()
    keep = keeps_breaks(lines)
    chinese = not keep and _mostly_chinese(lines)
    out = ""
    for index, raw in enumerate(lines):
        line = raw.strip()
        if markdown and line.endswith("\\") and index < len(lines) - 1:
            line = line[:-1].rstrip()
        if not out:
            out = line
        elif keep or _hard_break(lines[index - 1], markdown):
            out += "\n" + line
        else:
            out += ("" if chinese or _is_cjk(out[-1]) or _is_cjk(line[0]) else " ") + line
    return out


def _hard_break(line: str, markdown: bool) -> bool:
    """A CommonMark hard line break at the end of ``line``: two spaces or a backslash."""
    if not markdown:
        return False
    body = line.rstrip("\n")
    return body.endswith("  ") or body.rstrip().endswith("\\")


def paragraphs(lines: list[str], *, markdown: bool = False) -> list[str]:
    """The paragraph strings of ``lines``, one per block."""
    return [text for text in (join_block(block, markdown=markdown) for block in split_blocks(lines)) if text]


def _mostly_chinese(lines: list[str]) -> bool:
    """True for a block of Chinese: its wrapping breaks anywhere, even inside a Latin word (GPT-4o)."""
    sample = "".join("".join(lines)[:2000].split())
    return sum(1 for ch in sample if _is_cjk(ch)) * 2 > len(sample)


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef" or ch >= "\U00020000"
