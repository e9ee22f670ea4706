"""The plainest YAML read without PyYAML (reader.storage.yaml_subset): never a different answer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.storage.yaml_subset import plain_mapping

ROOT = Path(__file__).resolve().parents[2]

#: Keys, tricky ones included: YAML 1.1 booleans and nulls, which PyYAML reads as True/False/None.
KEYS = st.sampled_from(["title", "keywords", "source", "a", "_x", "on", "yes", "No", "null", "True", "y", "Off", "k1"])
#: Value characters: letters, CJK, spaces and every indicator or character YAML treats specially.
CHARS = st.sampled_from(list("aZ9 预训练-:#'\",.[]{}&*!|>%@`~+<=?\\\t\u0085\u2028\ufeff\u00a0\U0001f600x"))
#: Characters the subset allows inside a value, some of them only in some places (``:``, ``-``, quotes).
SAFE = st.sampled_from(list("aZ9 预训练-:'\",.?!x"))
NEAR_VALUES = st.one_of(
    st.text(SAFE, min_size=1, max_size=12).filter(lambda s: s[0] not in " -:'\"?!,.9" and s[-1] != " "),
    st.text(SAFE, min_size=0, max_size=12),
    st.text(SAFE, max_size=8).map(lambda s: f'"{s}"'),
)
VALUES = st.one_of(
    NEAR_VALUES,
    st.text(CHARS, min_size=0, max_size=12),
    st.sampled_from(["yes", "NO", "null", "~", "1.5", "2024-01-02", "0x1F", ".inf", "<<", "=", "1_000", "-1"]),
    st.text(CHARS, max_size=8).map(lambda s: f'"{s}"'),
    st.text(CHARS, max_size=8).map(lambda s: f"'{s}'"),
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A YAML-like text: pairs, keys with lists (any indentation), blank and stray lines."""
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["pair", "list", "blank", "stray"]))
        key = draw(KEYS)
        if kind == "pair":
            lines.append(f"{key}:{draw(st.sampled_from([' ', '  ', '']))}{draw(VALUES)}")
        elif kind == "list":
            lines.append(f"{key}:")
            indent = " " * draw(st.integers(0, 3))
            for _ in range(draw(st.integers(0, 3))):
                lines.append(f"{indent}-{draw(st.sampled_from([' ', '  ']))}{draw(VALUES)}")
        elif kind == "blank":
            lines.append(draw(st.sampled_from(["", " "])))
        else:
            lines.append(
                draw(st.sampled_from(["---", "# note", "  key: v", "- a", "key:value", "a: b: c", "...", "x: [1, 2]"]))
            )
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))


@st.composite
def near_plain_documents(draw: st.DrawFn) -> str:
    """Mostly the subset: ordinary keys, values of the allowed characters, lists, blank lines."""
    keys = draw(
        st.lists(st.sampled_from(["title", "tags", "source", "a", "_x", "k1", "y", "yes"]), max_size=4, unique=True)
    )
    lines: list[str] = []
    for key in keys:
        if draw(st.booleans()):
            lines.append(f"{key}: {draw(NEAR_VALUES)}")
        else:
            lines.append(f"{key}:")
            indent = " " * draw(st.integers(0, 2))
            lines += [f"{indent}- {draw(NEAR_VALUES)}" for _ in range(draw(st.integers(1, 3)))]
        if draw(st.integers(0, 5)) == 0:
            lines.append("")
    return "\n".join(lines) + "\n"


def _pyyaml(text: str) -> object:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return "<error>"


@settings(max_examples=3000, deadline=None)
@given(st.one_of(documents(), near_plain_documents()))
def test_an_accepted_text_reads_exactly_as_pyyaml_reads_it(text: str) -> None:
    plain = plain_mapping(text)
    if plain is not None:
        assert plain == _pyyaml(text), text


def test_typical_front_matter_is_accepted() -> None:
    text = (ROOT / "content" / "article.md").read_text(encoding="utf-8").split("---\n")[1]
    assert plain_mapping(text) == yaml.safe_load(text)
    assert plain_mapping("title: 三体\nauthor: 刘慈欣\ntags:\n- 科幻\n- 小说\n") == {
        "title": "三体",
        "author": "刘慈欣",
        "tags": ["科幻", "小说"],
    }


def test_anything_else_goes_to_pyyaml() -> None:
    for text in (
        "",
        "year: 2024",
        "draft: yes",
        "a: b # comment",
        "a: |\n  block",
        "a: [x, y]",
        "a: &x b",
        "a:\n",
        "a: b\na: c",
        "a: b\n  continued",
        'a: "esc\\n"',
        "a: 'it''s'",
        "a:\n - x\n  - y",
        "a: b\r\n",
        "on: x",
    ):
        assert plain_mapping(text) is None, text


def test_a_first_run_reads_the_bundled_article_without_pyyaml(tmp_path: Path) -> None:
    env = dict(os.environ, READER_HOME=str(tmp_path / "home"), READER_CACHE_DIR=str(tmp_path / "cache"))
    script = (
        "import sys\n"
        "from reader.text.content import resolve_document\n"
        "doc = resolve_document('article')\n"
        "print(doc.meta['keywords'][0], 'yaml' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["OpenAI", "False"]
    assert list((tmp_path / "cache" / "yaml").iterdir())  # remembered as any parse is
