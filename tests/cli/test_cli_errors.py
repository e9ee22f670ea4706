"""The real ``reader`` command on bad inputs: one line on stderr, exit 2, no traceback.

Every ``open`` case here must fail before the full-screen app starts; the
timeout turns an app that starts by mistake into a failure instead of a hang.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.text.content import bundled_titles

ROOT = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"


def reader(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, READER_HOME=str(home), PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    path = tmp_path / "work"
    path.mkdir()
    return path


def missing(work: Path, home: Path) -> str:
    return str(work / "nope.md")


def missing_relative(work: Path, home: Path) -> str:
    return "nope.txt"


def directory(work: Path, home: Path) -> str:
    (work / "folder").mkdir()
    return str(work / "folder")


def directory_relative_without_suffix(work: Path, home: Path) -> str:
    (work / "book").mkdir()
    return "book"


def binary_png(work: Path, home: Path) -> str:
    (work / "picture.png").write_bytes(PNG + b"\x00" * 100)
    return str(work / "picture.png")


def binary_named_txt(work: Path, home: Path) -> str:
    (work / "fake.txt").write_bytes(PNG + b"\x00" * 100)
    return str(work / "fake.txt")


def empty_file(work: Path, home: Path) -> str:
    (work / "empty.txt").write_bytes(b"")
    return str(work / "empty.txt")


def whitespace_file(work: Path, home: Path) -> str:
    (work / "blank.md").write_bytes(b"\n  \n\t\r\n")
    return str(work / "blank.md")


def unknown_name(work: Path, home: Path) -> str:
    return "no-such-book"


def invalid_front_matter(work: Path, home: Path) -> str:
    (work / "bad.md").write_text("---\ntitle: [unclosed\n---\n正文。\n", encoding="utf-8")
    return str(work / "bad.md")


def impossible_date_in_front_matter(work: Path, home: Path) -> str:
    (work / "dated.md").write_text("---\ntitle: 日期\ndate: 2024-02-30\n---\n正文。\n", encoding="utf-8")
    return str(work / "dated.md")


def impossible_date_in_config(work: Path, home: Path) -> str:
    (home / "config.yaml").write_text("version: 1\nsince: 2024-02-30\n", encoding="utf-8")
    return "article"


def corrupt_config(work: Path, home: Path) -> str:
    (home / "config.yaml").write_text("version: 1\npinyin: [unclosed\n", encoding="utf-8")
    return "article"


def wrong_type_config(work: Path, home: Path) -> str:
    (home / "config.yaml").write_text("version: 1\npinyin: 'yes'\n", encoding="utf-8")
    return "article"


CASES: dict[str, Callable[[Path, Path], str]] = {
    f.__name__: f
    for f in (
        missing,
        missing_relative,
        directory,
        directory_relative_without_suffix,
        binary_png,
        binary_named_txt,
        empty_file,
        whitespace_file,
        unknown_name,
        invalid_front_matter,
        impossible_date_in_front_matter,
        impossible_date_in_config,
        corrupt_config,
        wrong_type_config,
    )
}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess[str]]:
    """Run every bad ``open`` once, all at the same time, each with its own READER_HOME."""
    running = {}
    for name, make in CASES.items():
        base = tmp_path_factory.mktemp(name)
        work, home = base / "work", base / "home"
        work.mkdir()
        home.mkdir()
        target = make(work, home)
        env = dict(os.environ, READER_HOME=str(home), PYTHONPATH=str(ROOT))
        running[name] = subprocess.Popen(
            [sys.executable, "-m", "reader", "open", target],
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    done = {}
    for name, process in running.items():
        try:
            out, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
        done[name] = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    return done


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_open_exits_2(results: dict[str, subprocess.CompletedProcess[str]], case: str) -> None:
    assert results[case].returncode == 2, results[case].stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_open_prints_one_line(results: dict[str, subprocess.CompletedProcess[str]], case: str) -> None:
    lines = results[case].stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: "), results[case].stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_open_shows_no_traceback(results: dict[str, subprocess.CompletedProcess[str]], case: str) -> None:
    assert "Traceback" not in results[case].stderr + results[case].stdout


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_open_prints_nothing_on_stdout(results: dict[str, subprocess.CompletedProcess[str]], case: str) -> None:
    assert results[case].stdout == ""


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("missing", "no such file"),
        ("directory", "directory"),
        ("binary_png", "binary"),
        ("empty_file", "empty"),
        ("unknown_name", "no-such-book"),
        ("corrupt_config", "config.yaml"),
        ("wrong_type_config", "pinyin"),
    ],
)
def test_bad_open_message_says_what_is_wrong(
    results: dict[str, subprocess.CompletedProcess[str]], case: str, words: str
) -> None:
    assert words in results[case].stderr


def test_corrupt_config_is_left_untouched(workdir: Path, reader_home: Path) -> None:
    corrupt_config(workdir, reader_home)
    before = (reader_home / "config.yaml").read_bytes()
    reader("open", "article", cwd=workdir, home=reader_home)
    assert (reader_home / "config.yaml").read_bytes() == before


def test_list_prints_the_article_with_its_title(workdir: Path, reader_home: Path) -> None:
    result = reader("list", cwd=workdir, home=reader_home)
    titles = {name: title for name, title, _ in bundled_titles()}
    assert result.returncode == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert ["article", titles["article"]] in [[name, rest.split("  (")[0]] for name, rest in rows]


def test_list_shows_the_english_title(workdir: Path, reader_home: Path) -> None:
    result = reader("list", cwd=workdir, home=reader_home)
    english = {name: en for name, _, en in bundled_titles()}["article"]
    assert english and english in result.stdout


@pytest.mark.parametrize("command", ["open", "list"])
def test_help_lists_the_subcommands(workdir: Path, reader_home: Path, command: str) -> None:
    result = reader("--help", cwd=workdir, home=reader_home)
    assert result.returncode == 0
    assert any(line.split()[:1] == [command] for line in result.stdout.splitlines())


def test_no_arguments_prints_help(workdir: Path, reader_home: Path) -> None:
    result = reader(cwd=workdir, home=reader_home)
    assert result.returncode == 0 and "open" in result.stdout


def test_open_without_a_target_is_a_usage_error(workdir: Path, reader_home: Path) -> None:
    result = reader("open", cwd=workdir, home=reader_home)
    assert result.returncode == 2 and "Traceback" not in result.stderr
