"""Unknown words that are names: glossed as a name with their romanisation, not character by character.

The sentences are written for this test. Each name is a word no dictionary
the reader uses lists; before :mod:`reader.text.names`, 黄仁勋 read
"yellow + humane + medal" and 伊莱亚娜 "Iran + name of weed plant + …".
"""

from __future__ import annotations

import pytest

from reader.text.annotate import LanguageStack
from reader.text.dictionary import Dictionary
from reader.text.glossary import glossary_for
from reader.text.names import NameChars, NameGuesser, join_names, load_name_chars, name_chars_path


@pytest.fixture(scope="module")
def stack() -> LanguageStack:
    return LanguageStack(glossary_for(None), Dictionary.open()).load()


def _token(stack: LanguageStack, sentence: str, word: str) -> tuple[str, str]:
    start = sentence.index(word)
    token = next(t for t in stack.annotate_text(sentence) if t.start <= start < t.end)
    return token.text, token.gloss


@pytest.mark.parametrize(
    ("sentence", "word", "said"),
    [
        ("昨天黄仁勋在台北发表了演讲。", "黄仁勋", "probably a person's name: Huáng Rénxūn"),
        ("我的同事陈树庆下个月结婚。", "陈树庆", "probably a person's name: Chén Shùqìng"),
        ("飓风伊莱亚娜正在向北移动。", "伊莱亚娜", "probably a foreign name, written for its sound: Yīláiyànà"),
        ("苏茨克维离开了那家公司。", "苏茨克维", "probably a foreign name, written for its sound: Sūcíkèwéi"),
        ("阿莫代伊认为模型还会变强。", "阿莫代伊", "probably a foreign name, written for its sound: Āmòdàiyī"),
        # jieba cuts 斯托 | 曼: the lone 曼 joins the piece beside it
        ("这句话出自理查德·斯托曼。", "斯托曼", "probably a foreign name, written for its sound: Sītuōmàn"),
    ],
)
def test_a_name_no_dictionary_lists_is_glossed_as_a_name(
    stack: LanguageStack, sentence: str, word: str, said: str
) -> None:
    assert _token(stack, sentence, word) == (word, said)


def test_pieces_of_a_known_word_jieba_cut_apart_are_joined(stack: LanguageStack) -> None:
    # jieba cuts 扎克 | 伯格; CC-CEDICT lists 扎克伯格 "Zuckerberg"
    text, gloss = _token(stack, "扎克伯格说开源会赢。", "扎克伯格")
    assert text == "扎克伯格"
    assert "Zuckerberg" in gloss


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("这个县市的人口不多。", "县市"),  # "county + city": Chinese words, not a foreign sound
        ("这个问题很难回答。", "很难"),
        ("他向德军投降了。", "向"),  # 向 | 德军, never the name "Xiàng Déjūn"
    ],
)
def test_a_free_phrase_is_not_taken_for_a_name(stack: LanguageStack, sentence: str, word: str) -> None:
    _, gloss = _token(stack, sentence, word)
    assert "name" not in gloss


def test_the_bundled_figures_load_and_rank_transliteration_characters_first() -> None:
    chars = load_name_chars(name_chars_path())
    assert chars.foreign["斯"] > 3 > chars.foreign["的"]
    assert chars.given["昌"] > 1.5 > chars.given.get("死", -1.0)
    assert chars.surname["王"] > chars.surname["向"] > 0


def test_a_missing_or_damaged_figures_file_guesses_no_names(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    bad = folder / "name_chars.tsv"
    bad.write_bytes(b"\xff\xfe not utf-8")
    assert load_name_chars(bad) == NameChars()
    assert load_name_chars(folder / "absent.tsv") == NameChars()
    guesser = NameGuesser(NameChars(), lambda word: False)
    assert guesser.gloss("伊莱亚娜", ("yi1", "lai2", "ya4", "na4"), "nr") == ""


def test_join_names_keeps_known_words_and_verbs_apart() -> None:
    chars = NameChars(foreign={"拉": 2.0, "迪": 2.5, "斯": 3.6, "劳": 1.5, "伊": 2.6, "莱": 2.6, "亚": 2.5, "娜": 1.5})
    known = {"劳动"}.__contains__
    guesser = NameGuesser(chars, known)
    text = "伊莱亚娜拉迪斯劳娶"
    spans = [(0, 2, "han"), (2, 4, "han"), (4, 7, "han"), (7, 9, "han")]
    # 伊莱 | 亚娜 | 拉迪斯 join; 劳娶 "… to marry" (娶 has no figure) does not sound foreign and stays apart
    assert join_names(text, spans, known, guesser) == [(0, 7, "han"), (7, 9, "han")]


def test_the_characters_of_a_guessed_name_keep_their_leading_senses(stack: LanguageStack) -> None:
    from reader.text.hsk import hsk_level
    from reader.text.senses import Sense
    from reader.text.wordinfo import describe

    gloss = "probably a foreign name, written for its sound: Sūdūnnísī"
    info = describe(
        "苏敦尼斯",
        0,
        ("su1", "dun1", "ni2", "si1"),
        dictionary=stack.dictionary,
        glossary=None,
        hsk_level=hsk_level,
        sense=Sense(gloss, "name", ("su1", "dun1", "ni2", "si1")),
    )
    bare = describe(
        "苏敦尼斯", 0, ("su1", "dun1", "ni2", "si1"), dictionary=stack.dictionary, glossary=None, hsk_level=hsk_level
    )
    # the headline's words do not steer a character to a sense that shares them (苏 "place name", 敦 "place name")
    assert info.characters == bare.characters
    assert all(text for _, _, _, text in info.characters)
