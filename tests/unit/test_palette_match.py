"""The palette's fuzzy matcher: a query's characters in order, the better matches first, the matched characters given."""

from __future__ import annotations

from reader.ui.palette_match import Narrowing, match


def best(query: str, names: list[str]) -> list[str]:
    """``names`` that match ``query``, best first (ties in the given order)."""
    found = Narrowing(len(names), names.__getitem__).run(query)
    return [names[index] for _, index, _ in sorted(found, key=lambda item: (-item[0], item[1]))]


def marked(query: str, name: str) -> str:
    """``name`` with its matched characters in brackets."""
    found = match(query, name)
    assert found is not None
    return "".join(f"[{c}]" if i in found.positions else c for i, c in enumerate(name))


def test_a_name_matches_when_it_holds_the_query_in_order() -> None:
    assert match("gtb", "Go to the bottom") is not None
    assert match("btg", "Go to the bottom") is None  # the same letters, out of order
    assert match("gox", "Go to the bottom") is None
    assert match("GO", "go to the bottom") is None  # the caller lower-cases the query
    assert match("go", "GO TO THE BOTTOM") is not None  # the name's case is ignored


def test_word_starts_and_runs_are_the_ones_highlighted() -> None:
    assert marked("pin", "Toggle interlinear pinyin") == "Toggle interlinear [p][i][n]yin"
    assert marked("gtb", "Go to the bottom") == "[G]o [t]o the [b]ottom"
    assert marked("117.2", "§ 900  第117章第2节  Chapter 117.2").endswith("Chapter [1][1][7][.][2]")


def test_chinese_characters_match_like_any_other() -> None:
    assert marked("结论", "§ 14  结论  Conclusion") == "§ 14  [结][论]  Conclusion"
    assert marked("第章", "§ 3  第1章  Chapter 1") == "§ 3  [第]1[章]  Chapter 1"
    assert match("论结", "§ 14  结论  Conclusion") is None


def test_the_better_match_comes_first() -> None:
    names = ["Previous unknown word", "Toggle outline", "Copy the word with pinyin", "Toggle pinyin"]
    assert best("tog", names)[:2] == ["Toggle outline", "Toggle pinyin"]  # a prefix; ties keep their order
    assert best("pinyin", names) == ["Toggle pinyin", "Copy the word with pinyin"]  # a whole word beats a spread
    assert best("pin", names)[0] == "Toggle pinyin"
    assert best("pin", names)[-1] == "Previous unknown word"  # scattered letters last


def test_a_longer_query_narrows_what_the_last_one_matched() -> None:
    names = [f"§ {i}  第{i}章  Chapter {i}" for i in range(1, 200)]
    asked: list[int] = []

    def name(index: int) -> str:
        asked.append(index)
        return names[index]

    narrowing = Narrowing(len(names), name)
    wide = [names[i] for _, i, _ in narrowing.run("chapter 1")]
    assert {n for n in names if "Chapter 1" in n} <= set(wide)  # every name holding it as a run, and more
    assert sorted(asked) == list(range(len(names)))  # each name made once, on the first query
    narrow = [names[i] for _, i, _ in narrowing.run("chapter 19")]
    assert narrow and set(narrow) < set(wide)
    assert narrow == [n for n in wide if match("chapter 19", n) is not None]
    assert narrowing.run("chapter 1") and len(asked) == len(names)  # a shorter query again: never made twice
