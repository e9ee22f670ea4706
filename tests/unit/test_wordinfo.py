"""What the pop-up shows, gathered from the real dictionary and glossary."""

from __future__ import annotations

import pytest

from reader.text.content import glossary_path
from reader.text.dictionary import Dictionary
from reader.text.glossary import load_glossary
from reader.text.hsk import hsk_level
from reader.text.wordinfo import describe


@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    return Dictionary.open()


def test_glossary_term_missing_from_cedict_is_described_by_parts(dictionary: Dictionary) -> None:
    info = describe(
        "预训练",
        0,
        ("yu4", "xun4", "lian4"),
        dictionary=dictionary,
        glossary=load_glossary(glossary_path()),
        hsk_level=hsk_level,
    )
    assert [s for s, _ in info.reading] == ["yù", "xùn", "liàn"]
    assert info.glossary is not None and info.glossary.gloss == "pretraining"
    assert info.entries == ()
    assert [part for part, _ in info.parts] == ["训练"]
    assert "to train" in info.parts[0][1].senses
    assert [c for c, *_ in info.characters] == ["预", "训", "练"]


def test_reading_in_context_comes_first(dictionary: Dictionary) -> None:
    info = describe("行业", 0, ("hang2", "ye4"), dictionary=dictionary, glossary=None, hsk_level=hsk_level)
    assert info.entries and [s for s, _ in info.entries[0].reading] == ["háng", "yè"]
    single = describe("行", 0, ("xing2",), dictionary=dictionary, glossary=None, hsk_level=hsk_level)
    assert [s for s, _ in single.entries[0].reading] == ["xíng"]
    assert {e.reading[0][0] for e in single.entries} >= {"xíng", "háng"}


def test_tone_numbers_for_the_none_scheme(dictionary: Dictionary) -> None:
    info = describe(
        "参数", 0, ("can1", "shu4"), dictionary=dictionary, glossary=None, hsk_level=hsk_level, numbers=True
    )
    assert [s for s, _ in info.reading] == ["can1", "shu4"]
    assert [t for _, t in info.reading] == [1, 4]


def test_before_the_dictionary_loads() -> None:
    info = describe("参数", 0, (), dictionary=None, glossary=None, hsk_level=None)
    assert not info.ready and info.entries == ()


def test_each_character_is_glossed_in_its_reading_here(dictionary: Dictionary) -> None:
    info = describe("混合", 0, ("hun4", "he2"), dictionary=dictionary, glossary=None, hsk_level=hsk_level)
    glosses = {char: gloss for char, _, _, gloss in info.characters}
    assert "100 ml" not in glosses["合"]
    assert glosses["合"]


@pytest.mark.parametrize(
    ("word", "syllables", "unwanted"),
    [
        ("正", ("zheng4",), "lunar"),
        ("更", ("geng4",), "change"),
        ("当", ("dang1",), "onom."),
        ("着", ("zhe5",), "chess"),
    ],
)
def test_gloss_follows_the_reading_in_context(
    dictionary: Dictionary, word: str, syllables: tuple[str, ...], unwanted: str
) -> None:
    gloss = dictionary.first_gloss(word, syllables)
    assert gloss and unwanted not in gloss


def test_latin_letters_of_a_term_are_not_explained_as_characters(dictionary: Dictionary) -> None:
    info = describe("GPT-5", 0, (), dictionary=dictionary, glossary=load_glossary(glossary_path()), hsk_level=hsk_level)
    assert info.glossary is not None
    assert info.characters == ()  # not G, P (CC-CEDICT slang), T, -, 5
    assert info.parts == ()


def test_characters_of_a_mixed_word_take_their_own_syllables(dictionary: Dictionary) -> None:
    info = describe("A股", 0, ("gu3",), dictionary=dictionary, glossary=None, hsk_level=hsk_level)
    assert [(char, reading) for char, reading, _, _ in info.characters] == [("股", "gǔ")]


def test_a_traditional_word_is_named_as_written_and_looked_up_simplified(dictionary: Dictionary) -> None:
    info = describe(
        "预训练",
        0,
        ("yu4", "xun4", "lian4"),
        dictionary=dictionary,
        glossary=load_glossary(glossary_path()),
        hsk_level=hsk_level,
        written="預訓練",
    )
    assert (info.headword, info.word, info.written) == ("預訓練", "预训练", "預訓練")
    assert info.glossary is not None and info.glossary.gloss == "pretraining"  # found by its simplified form
    assert [part for part, _ in info.parts] == ["訓練"]
    assert "to train" in info.parts[0][1].senses
    assert [c for c, *_ in info.characters] == ["預", "訓", "練"]
    assert info.characters[1][3].startswith("to teach")  # each character glossed by its simplified form


def test_a_written_form_equal_to_the_word_or_of_another_length_is_dropped(dictionary: Dictionary) -> None:
    same = describe("发展", 0, ("fa1", "zhan3"), dictionary=dictionary, glossary=None, hsk_level=None, written="发展")
    other = describe("发展", 0, ("fa1", "zhan3"), dictionary=dictionary, glossary=None, hsk_level=None, written="發")
    assert same.written == other.written == "" and same.headword == other.headword == "发展"


@pytest.mark.parametrize(
    ("word", "syllables", "char", "wanted", "leading"),
    [
        ("注意", ("zhu4", "yi4"), "注", "attention", "to inject"),
        ("干活", ("gan4", "huo2"), "干", "work", "tree trunk"),
        ("请客", ("qing3", "ke4"), "请", "invite", "to ask"),
        ("正月", ("zheng1", "yue4"), "月", "month", "moon"),
    ],
)
def test_a_character_is_glossed_by_the_sense_its_word_draws_on(
    dictionary: Dictionary, word: str, syllables: tuple[str, ...], char: str, wanted: str, leading: str
) -> None:
    """干 in 干活 "to work" is "to work", not its leading sense "tree trunk"."""
    info = describe(word, 0, syllables, dictionary=dictionary, glossary=None, hsk_level=hsk_level)
    glosses = {c: gloss for c, _, _, gloss in info.characters}
    assert wanted in glosses[char] and leading not in glosses[char]
    alone = describe(
        char,
        0,
        syllables[word.index(char) : word.index(char) + 1],
        dictionary=dictionary,
        glossary=None,
        hsk_level=hsk_level,
    )
    assert leading in alone.entries[0].senses[0]  # the character's own leading sense is another


def test_a_character_sharing_nothing_with_its_word_keeps_its_leading_sense(dictionary: Dictionary) -> None:
    from reader.text.char_sense import sense_in_word
    from reader.text.senses import leading_sense

    entries = dictionary.lookup("电")
    same = [e for e in entries if e.pinyin == "dian4"]
    assert sense_in_word(entries, "dian4", ["computer"]) == leading_sense(same, ("dian4",))
    assert sense_in_word(entries, "dian4", []) == leading_sense(same, ("dian4",))


def test_light_verbs_and_quoted_examples_do_not_choose_a_sense(dictionary: Dictionary) -> None:
    """打赌 "to make a bet" does not make 打 "to make"; 之所以's example "…dislike him" does not make 之 "him"."""
    from reader.text.char_sense import content_words

    assert content_words("to make a bet") == frozenset({"bet"})
    assert content_words("to take (a picture); to shoot (a film)") == frozenset({"shoot"})
    bet = describe("打赌", 0, ("da3", "du3"), dictionary=dictionary, glossary=None, hsk_level=hsk_level)
    assert "make" not in dict((c, g) for c, _, _, g in bet.characters)["打"]
    why = describe("之所以", 0, ("zhi1", "suo3", "yi3"), dictionary=dictionary, glossary=None, hsk_level=hsk_level)
    assert dict((c, g) for c, _, _, g in why.characters)["之"] != "him"
