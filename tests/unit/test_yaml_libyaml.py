"""libyaml's dumper and loader, where installed, give byte for byte what PyYAML's own give."""

from __future__ import annotations

import random

import pytest
import yaml

from reader.storage import yamlio

pytestmark = pytest.mark.skipif(not hasattr(yaml, "CSafeDumper"), reason="PyYAML was built without libyaml")

_CHARS = "训练模型数据ab Z09 \n\t:-#'\"\\é。，！？&*%@`|>{}[],~\u3000\xa0\ufeff\r\x7f\x01\x85\u2028𠀀"


def _pure(data: object) -> str:
    return yaml.dump(data, Dumper=yamlio._dumper(), allow_unicode=True, sort_keys=False, width=100)


def _strings(rnd: random.Random) -> str:
    return "".join(rnd.choice(_CHARS) for _ in range(rnd.randint(0, 40)))


def test_dumps_are_byte_identical_to_the_pure_dumper() -> None:
    rnd = random.Random(14)
    fast_used = 0
    for _ in range(3000):
        s = _strings(rnd)
        data = {"version": 1, "notes": [{"id": "a1", "text": s, "start": 3, "score": 0.5, "tags": [s, None, True]}]}
        assert yamlio.dump_yaml(data) == _pure(data), repr(s)
        fast_used += yamlio._libyaml_safe(data)
    assert fast_used > 300  # the fast path really ran (this alphabet is dense in the characters it avoids)


@pytest.mark.parametrize(
    "data",
    [
        {"version": 1, "positions": {"article": {"offset": 1234, "updated": "2025-01-02T03:04:05+00:00"}}},
        {"version": 1, "known": ["模型", "训练"], "ignored": []},
        {"version": 1, "theme": "textual-dark", "pinyin": True, "study": {"new_cards_per_day": 20}},
        {"version": 1, "k": "long line " * 30, "z": "中文，" * 60 + "\n第二行\n\n"},
        {"version": 1, "k": "x\n\n"},
        {"version": 1, "k": "𠀀 astral"},
    ],
)
def test_real_shapes_are_byte_identical(data: dict[str, object]) -> None:
    assert yamlio.dump_yaml(data) == _pure(data)


def test_loads_give_what_the_pure_parser_gives() -> None:
    rnd = random.Random(15)
    for _ in range(1000):
        data = {"version": 1, "text": _strings(rnd), "list": [_strings(rnd), 1, 2.5]}
        text = yamlio.dump_yaml(data)
        assert yamlio.load_yaml_text(text) == yaml.safe_load(text)


def test_a_syntax_error_keeps_the_pure_parsers_line() -> None:
    with pytest.raises(yamlio.YAMLSyntaxError) as info:
        yamlio.load_yaml_text("version: 1\nnotes: [\n  - a\n")
    with pytest.raises(yaml.YAMLError) as pure:
        yaml.safe_load("version: 1\nnotes: [\n  - a\n")
    assert info.value.line == pure.value.problem_mark.line  # type: ignore[attr-defined]
