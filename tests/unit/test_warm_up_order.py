"""The language warm-up loads what a pop-up needs first, then waits, then what only new text needs."""

from __future__ import annotations

from reader.text.annotate import LanguageStack
from reader.text.content import glossary_path
from reader.text.dictionary import Dictionary
from reader.text.glossary import load_glossary


def test_the_pop_up_parts_come_before_the_wait_and_the_rest_after_it() -> None:
    stack = LanguageStack(load_glossary(glossary_path()), Dictionary.open())
    seen: list[tuple[bool, bool]] = []

    def before_rest() -> None:
        # A pop-up's sense is chosen already (tagger and learner glosses loaded), with no pinyin reader yet.
        tagger = stack.chooser.tagger
        assert tagger is not None and tagger("在") == "p"
        seen.append((stack.reader._lazy is not None, stack.chooser.book.get("在") != ()))

    stack.warm_up(before_rest=before_rest)
    assert seen == [(False, True)]
    assert stack.reader._lazy is not None  # loaded after the wait
    assert stack.reader.word("银行") == ("yin2", "hang2")
