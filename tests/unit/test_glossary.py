"""The glossary: the bundled content/glossary.yaml and the validation of user files."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.text.glossary import (
    Glossary,
    GlossaryEntry,
    GlossaryProblem,
    load_glossaries,
    load_glossary,
    pinyin_problem,
    user_glossary_paths,
)
from reader.text.loader import load_path

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "content" / "glossary.yaml"
ARTICLE_TEXT = load_path(ROOT / "content" / "article.md").text
BUNDLED_GLOSSARY = load_glossary(BUNDLED)

# --- the bundled glossary ------------------------------------------------------------


def test_bundled_glossary_has_no_problems() -> None:
    assert [str(p) for p in BUNDLED_GLOSSARY.problems] == []


def test_bundled_glossary_has_at_least_fifty_entries() -> None:
    assert len(BUNDLED_GLOSSARY) >= 50


@pytest.mark.parametrize("term", BUNDLED_GLOSSARY.terms())
def test_bundled_term_occurs_in_the_article(term: str) -> None:
    assert term in ARTICLE_TEXT


@pytest.mark.parametrize(
    "term",
    [
        "预训练", "混合专家系统", "大模型", "多模态", "推理", "收敛", "梯度消失", "幻觉", "参数", "算力",
        "范式", "架构", "开源", "闭源", "微调", "调优", "神经符号系统", "自监督学习", "小样本学习",
        "因果推理", "模块化神经网络", "生成式AI", "通用人工智能", "边际效益", "护城河", "语料", "可解释性",
        "数据效率", "基础模型", "深度学习", "算法", "迭代", "商业化落地", "估值", "投资回报率", "万卡集群",
        "训练范式", "性能阈值", "技术路线图", "垂直场景", "开放核心", "增值服务",
        "OpenAI", "谷歌", "Anthropic", "Meta", "百度", "阿里", "阿里巴巴", "智谱AI", "通义千问",
        "Llama", "Qwen", "Gemini", "Claude", "GLM", "GLM-4", "GPT-4o", "GPT-5",
    ],
)  # fmt: skip
def test_bundled_glossary_covers_term(term: str) -> None:
    assert term in BUNDLED_GLOSSARY


@pytest.mark.parametrize(
    ("term", "pinyin"),
    [
        ("预训练", "yù xùn liàn"),
        ("调优", "tiáo yōu"),
        ("微调", "wēi tiáo"),
        ("参数", "cān shù"),
        ("收敛", "shōu liǎn"),
        ("供应商", "gōng yìng shāng"),
        ("迭代", "dié dài"),
        ("估值", "gū zhí"),
        ("性能阈值", "xìng néng yù zhí"),
        ("数据效率", "shù jù xiào lǜ"),
        ("智谱AI", "zhì pǔ"),
        ("OpenAI", ""),
    ],
)
def test_bundled_pinyin_is_hand_checked(term: str, pinyin: str) -> None:
    entry = BUNDLED_GLOSSARY.get(term)
    assert entry is not None and entry.pinyin == pinyin


@pytest.mark.parametrize("entry", BUNDLED_GLOSSARY.entries.values(), ids=lambda e: e.term)
def test_bundled_explanation_is_one_to_three_sentences(entry: GlossaryEntry) -> None:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"(])", entry.explanation) if s]
    assert 1 <= len(sentences) <= 3


# The finer AI categories (architecture ... hardware) are the AI glossary's: test_ai_glossary.py.
@pytest.mark.parametrize("category", ["ai-ml", "industry", "business", "company", "product", "general"])
def test_bundled_glossary_uses_category(category: str) -> None:
    assert any(e.category == category for e in BUNDLED_GLOSSARY.entries.values())


# --- the Glossary object ---------------------------------------------------------------


def test_terms_are_sorted_longest_first() -> None:
    lengths = [len(t) for t in BUNDLED_GLOSSARY.terms()]
    assert lengths == sorted(lengths, reverse=True)


@pytest.mark.parametrize(("term", "found"), [("预训练", True), ("训练", False), ("", False), (None, False)])
def test_contains(term: object, found: bool) -> None:
    assert (term in BUNDLED_GLOSSARY) is found


def test_get_unknown_term_is_none() -> None:
    assert BUNDLED_GLOSSARY.get("不存在的词") is None


def test_related_is_a_tuple() -> None:
    entry = BUNDLED_GLOSSARY.get("微调")
    assert entry is not None and isinstance(entry.related, tuple) and "预训练" in entry.related


def test_problem_prints_as_path_line_message() -> None:
    assert str(GlossaryProblem("g.yaml", 12, "field 'gloss' is empty")) == "g.yaml:12: field 'gloss' is empty"


# --- pinyin checks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pinyin", "term", "problem"),
    [
        ("yù xùn liàn", "预训练", None),
        ("lǜ", "率", None),
        ("nǚ", "女", None),
        ("Gǔ gē", "谷歌", None),
        ("zhì pǔ", "智谱AI", None),
        ("", "OpenAI", None),
        ("", "参数", "pinyin is empty but '参数' has Han characters"),
        ("can1 shu4", "参数", "pinyin 'can1 shu4' has digits: write tone marks (yù xùn liàn), not tone numbers"),
        ("cānshù", "参数", "pinyin 'cānshù' has 1 syllable but '参数' has 2 Han characters"),
        ("cān  shù", "参数", "pinyin 'cān  shù' must be syllables separated by single spaces"),
        ("cān 数", "参数", "pinyin 'cān 数' has non-pinyin characters in '数'"),
        ("cān-shù", "参数", "pinyin 'cān-shù' has non-pinyin characters in 'cān-shù'"),
        ("cān shxù", "参数", "pinyin 'cān shxù': 'shxù' is not a pinyin syllable"),
        ("cāán shù", "参数", "pinyin 'cāán shù': 'cāán' is not a pinyin syllable"),
        ("yù xùn", "预训练", "pinyin 'yù xùn' has 2 syllables but '预训练' has 3 Han characters"),
    ],
)
def test_pinyin_problem(pinyin: str, term: str, problem: str | None) -> None:
    assert pinyin_problem(pinyin, term) == problem


# --- validation of entries -------------------------------------------------------------

GOOD = """\
version: 1
terms:
  - term: 参数
    pinyin: cān shù
    gloss: parameter
    explanation: The learned weights of a model.
    definition_zh: 模型通过训练学到的数值。
    category: ai-ml
"""  # the entry under test starts on line 9

FIELDS = ("term", "pinyin", "gloss", "explanation", "definition_zh", "category", "related")
DEFAULTS = {
    "term": "模型",
    "pinyin": "mó xíng",
    "gloss": "model",
    "explanation": "A trained system.",
    "definition_zh": "经过训练的系统。",
    "category": "ai-ml",
    "related": "[参数]",
}


def entry_yaml(extra: str = "", **fields: str | None) -> str:
    """The YAML of one entry (line 9 on): defaults overridden by ``fields``; None drops a field."""
    values = {name: DEFAULTS[name] for name in FIELDS} | fields
    lines = [f"{name}: {value}" for name, value in values.items() if value is not None]
    text = "  - " + "\n    ".join(lines) + "\n"
    return text + (f"    {extra}\n" if extra else "")


BAD_ENTRIES = [
    ("missing field", entry_yaml(gloss=None), 9, "term '模型': missing field 'gloss'"),
    ("empty field", entry_yaml(explanation="''"), 12, "term '模型': field 'explanation' is empty"),
    ("blank field", entry_yaml(definition_zh="'   '"), 13, "term '模型': field 'definition_zh' is empty"),
    ("null field", entry_yaml(gloss="null"), 11, "term '模型': field 'gloss' must be a string, not null"),
    ("number field", entry_yaml(gloss="12"), 11, "term '模型': field 'gloss' must be a string, not number"),
    ("list field", entry_yaml(category="[ai-ml]"), 14, "term '模型': field 'category' must be a string, not list"),
    ("empty term", entry_yaml(term="''"), 9, "entry: field 'term' is empty"),
    ("term not a string", entry_yaml(term="42"), 9, "entry: field 'term' must be a string, not number"),
    (
        "tone numbers",
        entry_yaml(pinyin="mo2 xing2"),
        10,
        "term '模型': pinyin 'mo2 xing2' has digits: write tone marks (yù xùn liàn), not tone numbers",
    ),
    (
        "too few syllables",
        entry_yaml(pinyin="mó"),
        10,
        "term '模型': pinyin 'mó' has 1 syllable but '模型' has 2 Han characters",
    ),
    (
        "hanzi in pinyin",
        entry_yaml(pinyin="模 xíng"),
        10,
        "term '模型': pinyin '模 xíng' has non-pinyin characters in '模'",
    ),
    (
        "not a syllable",
        entry_yaml(pinyin="mó xyng"),
        10,
        "term '模型': pinyin 'mó xyng': 'xyng' is not a pinyin syllable",
    ),
    ("empty pinyin", entry_yaml(pinyin="''"), 10, "term '模型': pinyin is empty but '模型' has Han characters"),
    (
        "unknown category",
        entry_yaml(category="tech"),
        14,
        "term '模型': unknown category 'tech' (one of: ai-ml, industry, business, company, product, general, "
        "architecture, training, evaluation, data, inference, hardware)",
    ),
    (
        "unknown field",
        entry_yaml(extra="glosss: model"),
        16,
        "term '模型': unknown field 'glosss' (fields: term, pinyin, gloss, explanation, definition_zh, category, related)",
    ),
    (
        "related not a list",
        entry_yaml(related="参数"),
        15,
        "term '模型': field 'related' must be a list of terms, not string",
    ),
    (
        "related holds a number",
        entry_yaml(related="[参数, 3]"),
        15,
        "term '模型': 'related' must list terms (strings), found number 3",
    ),
    (
        "related names an unknown term",
        entry_yaml(related="[参数, 神经网络]"),
        15,
        "term '模型': related term '神经网络' is not in the glossary",
    ),
    ("related names itself", entry_yaml(related="[模型]"), 15, "term '模型': lists itself in 'related'"),
    (
        "related on its own line",
        entry_yaml(related="\n      - 参数\n      - 语料"),
        17,
        "term '模型': related term '语料' is not in the glossary",
    ),
    (
        "duplicate term",
        entry_yaml(term="参数", pinyin="cān shù", related="[]"),
        9,
        "duplicate term '参数' (first defined at line 3)",
    ),
    ("entry is a string", "  - 模型\n", 9, "an entry must be a mapping of fields, not a string"),
    ("entry is a list", "  - [模型, mó xíng]\n", 9, "an entry must be a mapping of fields, not a list"),
]


Writer = Callable[..., Path]


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    """Write a glossary file and return its path."""

    def _write(text: str | bytes, name: str = "glossary.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.mark.parametrize(("case", "text", "line", "message"), BAD_ENTRIES, ids=[c[0] for c in BAD_ENTRIES])
def test_bad_entry_is_reported_with_file_line_and_reason(
    write: Writer, case: str, text: str, line: int, message: str
) -> None:
    path = write(GOOD + text)
    assert [str(p) for p in load_glossary(path).problems] == [f"{path}:{line}: {message}"]


@pytest.mark.parametrize(("case", "text", "line", "message"), BAD_ENTRIES, ids=[c[0] for c in BAD_ENTRIES])
def test_bad_entry_is_skipped_and_the_rest_loads(write: Writer, case: str, text: str, line: int, message: str) -> None:
    glossary = load_glossary(write(GOOD + text))
    assert list(glossary.entries) == ["参数"]


def test_good_entry_loads_with_every_field(write: Writer) -> None:
    glossary = load_glossary(write(GOOD + entry_yaml()))
    assert glossary.get("模型") == GlossaryEntry(
        term="模型",
        pinyin="mó xíng",
        gloss="model",
        explanation="A trained system.",
        definition_zh="经过训练的系统。",
        category="ai-ml",
        related=("参数",),
    )


def test_related_is_optional(write: Writer) -> None:
    glossary = load_glossary(write(GOOD + entry_yaml(related=None)))
    assert glossary.problems == [] and glossary.entries["模型"].related == ()


def test_every_problem_of_an_entry_is_reported(write: Writer) -> None:
    path = write(GOOD + entry_yaml(gloss=None, category="tech"))
    assert [p.line for p in load_glossary(path).problems] == [9, 13]


def test_related_to_a_broken_entry_says_so(write: Writer) -> None:
    path = write(GOOD + entry_yaml(term="语料", pinyin="yǔ", related=None) + entry_yaml(related="[语料]"))
    assert [str(p) for p in load_glossary(path).problems] == [
        f"{path}:10: term '语料': pinyin 'yǔ' has 1 syllable but '语料' has 2 Han characters",
        f"{path}:21: term '模型': related term '语料' is an entry with problems of its own",
    ]


def test_dropping_an_entry_drops_the_entries_that_relate_to_it(write: Writer) -> None:
    text = GOOD + entry_yaml(related="[参数, 未知]") + entry_yaml(term="算法", pinyin="suàn fǎ", related="[模型]")
    assert list(load_glossary(write(text)).entries) == ["参数"]


def test_missing_version_is_reported_but_entries_load(write: Writer) -> None:
    path = write(GOOD.replace("version: 1\n", "") + entry_yaml())
    glossary = load_glossary(path)
    assert [str(p) for p in glossary.problems] == [f"{path}:1: missing 'version' (expected version: 1)"]
    assert len(glossary) == 2


# --- files that cannot be used at all ------------------------------------------------------

CORRUPT = [
    (
        "unclosed list",
        "version: 1\nterms: [\n",
        3,
        "invalid YAML: while parsing a flow node",
    ),
    ("bad mapping", "version: 1\nterms: a: b\n", 2, "invalid YAML: mapping values are not allowed"),
    ("python tag", "version: 1\nterms: !!python/object:os.system {}\n", 2, "invalid YAML: could not determine"),
    ("two documents", "version: 1\n---\nterms: []\n", 2, "invalid YAML: expected a single document"),
    ("empty file", "", 1, "a glossary file must be a mapping with 'version' and 'terms', not an empty file"),
    (
        "top-level list",
        "- 参数\n- 模型\n",
        1,
        "a glossary file must be a mapping with 'version' and 'terms', not a list",
    ),
    ("top-level string", "参数\n", 1, "a glossary file must be a mapping with 'version' and 'terms', not a string"),
    ("terms missing", "version: 1\n", 1, "missing 'terms' (a list of entries)"),
    ("terms a number", "version: 1\nterms: 3\n", 2, "'terms' must be a list of entries, not number"),
    ("terms a mapping", "version: 1\nterms:\n  参数: cān shù\n", 3, "'terms' must be a list of entries, not mapping"),
    ("newer version", "version: 2\nterms: []\n", 1, "glossary version 2 is newer than this reader understands (1)"),
    ("not UTF-8", "参数 cān shù".encode("gb18030") + b"\xff\xfe", 1, "not UTF-8 text"),
]


@pytest.mark.parametrize(("case", "text", "line", "start"), CORRUPT, ids=[c[0] for c in CORRUPT])
def test_unusable_file_gives_one_problem_and_no_entries(
    write: Writer, case: str, text: str | bytes, line: int, start: str
) -> None:
    path = write(text)
    glossary = load_glossary(path)
    assert len(glossary) == 0 and len(glossary.problems) == 1
    assert str(glossary.problems[0]).startswith(f"{path}:{line}: {start}")


def test_version_that_is_not_a_number_is_reported(write: Writer) -> None:
    path = write(GOOD.replace("version: 1", "version: one"))
    assert [str(p) for p in load_glossary(path).problems] == [f"{path}:1: 'version' must be an integer, not string"]


def test_directory_gives_one_problem(tmp_path: Path) -> None:
    glossary = load_glossary(tmp_path)
    assert [str(p) for p in glossary.problems] == [f"{tmp_path}:1: is a directory, not a glossary file"]


def test_missing_file_raises_reader_error(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no such glossary file"):
        load_glossary(tmp_path / "absent.yaml")


# --- merging ---------------------------------------------------------------------------------

SECOND = """\
version: 1
terms:
  - term: 参数
    pinyin: cān shù
    gloss: parameter (user's own)
    explanation: My own note.
    definition_zh: 我的释义。
    category: general
  - term: 权重
    pinyin: quán zhòng
    gloss: weight
    explanation: A number learned in training.
    definition_zh: 训练学到的数值。
    category: ai-ml
    related: [参数, 模型]
"""


def test_later_glossary_overrides_earlier(write: Writer) -> None:
    merged = load_glossaries([write(GOOD + entry_yaml(), "a.yaml"), write(SECOND, "b.yaml")])
    entry = merged.get("参数")
    assert entry is not None and entry.gloss == "parameter (user's own)"


def test_earlier_glossary_does_not_override_later(write: Writer) -> None:
    merged = load_glossaries([write(SECOND, "b.yaml"), write(GOOD + entry_yaml(), "a.yaml")])
    entry = merged.get("参数")
    assert entry is not None and entry.gloss == "parameter"


def test_merge_keeps_terms_of_every_file(write: Writer) -> None:
    merged = load_glossaries([write(GOOD + entry_yaml(), "a.yaml"), write(SECOND, "b.yaml")])
    assert sorted(merged.entries) == sorted(["参数", "模型", "权重"])


def test_later_file_may_relate_to_earlier_terms(write: Writer) -> None:
    merged = load_glossaries([write(GOOD + entry_yaml(), "a.yaml"), write(SECOND, "b.yaml")])
    assert merged.problems == []


def test_related_to_a_term_of_no_file_is_reported(write: Writer) -> None:
    merged = load_glossaries([write(SECOND, "b.yaml")])
    assert [p.message for p in merged.problems] == ["term '权重': related term '模型' is not in the glossary"]


def test_merge_skips_missing_files(write: Writer, tmp_path: Path) -> None:
    merged = load_glossaries([tmp_path / "absent.yaml", write(SECOND, "b.yaml"), tmp_path / "gone.yaml"])
    assert "权重" not in merged and "参数" in merged


def test_merge_keeps_problems_of_every_file_in_order(write: Writer) -> None:
    first = write(GOOD + entry_yaml(gloss=None), "a.yaml")
    second = write("- not a mapping\n", "b.yaml")
    assert [p.path for p in load_glossaries([first, second]).problems] == [str(first), str(second)]


def test_bad_user_file_leaves_the_bundled_glossary_whole(write: Writer) -> None:
    merged = load_glossaries([BUNDLED, write("terms: [\n", "user.yaml")])
    assert len(merged) == len(BUNDLED_GLOSSARY) and len(merged.problems) == 1


def test_merge_of_nothing_is_empty() -> None:
    assert load_glossaries([]) == Glossary()


# --- where user glossaries live --------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "beside"),
    [
        ("books/三体.txt", "books/三体.glossary.yaml"),
        ("notes/article.md", "notes/article.glossary.yaml"),
        ("a.b.md", "a.b.glossary.yaml"),
    ],
)
def test_user_glossary_paths(reader_home: Path, tmp_path: Path, doc: str, beside: str) -> None:
    assert user_glossary_paths(tmp_path / doc) == [reader_home / "glossary.yaml", tmp_path / beside]


def test_user_glossary_paths_without_a_document(reader_home: Path) -> None:
    assert user_glossary_paths() == [reader_home / "glossary.yaml"]
