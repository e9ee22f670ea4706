"""Shell completion, in a real bash: the script from ``reader completion bash``, asked as the shell asks on TAB."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent

#: Asks the completion function for ``$1`` as bash does on TAB, and prints the candidates one a line.
ASK = r"""
source <(reader completion bash) || exit 3
line="$1"
COMP_LINE="$line"; COMP_POINT=${#line}
read -ra COMP_WORDS <<< "$line"
[[ "$line" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMPREPLY=()
_python_argcomplete reader
printf '%s\n' "${COMPREPLY[@]}"
"""

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")


def complete(line: str, cwd: Path) -> list[str]:
    if not (BIN / "reader").exists():
        pytest.skip(f"no reader script beside {sys.executable} (install the project)")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        ["bash", "-c", ASK, "ask", line], capture_output=True, text=True, cwd=cwd, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return [word.strip() for word in done.stdout.splitlines() if word.strip()]


def test_bash_completes_subcommands(tmp_path: Path) -> None:
    assert complete("reader op", tmp_path) == ["open"]
    words = complete("reader ", tmp_path)
    for command in ("open", "list", "export", "serve", "config", "completion", "study", "stats"):
        assert command in words


def test_bash_completes_bundled_names_and_text_files(tmp_path: Path) -> None:
    (tmp_path / "alpha.md").write_text("你好", encoding="utf-8")
    (tmp_path / "a.png").write_bytes(b"")
    assert complete("reader open ar", tmp_path) == ["article"]
    words = complete("reader open a", tmp_path)
    assert "article" in words and "alpha.md" in words and "a.png" not in words
    assert "article" in complete("reader export ", tmp_path)


def test_bash_completes_options_and_their_choices(tmp_path: Path) -> None:
    assert complete("reader export article --format anki", tmp_path) == ["anki", "anki-csv"]
    assert complete("reader completion ", tmp_path)[-3:] == ["bash", "zsh", "fish"]
    assert complete("reader serve --po", tmp_path) == ["--port"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_are_printed_and_parse(shell: str, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "reader.cli", "completion", shell], capture_output=True, text=True)
    assert done.returncode == 0 and "reader" in done.stdout
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed: the script is printed, not parsed")
    script = tmp_path / f"reader.{shell}"
    script.write_text(done.stdout, encoding="utf-8")
    check = [shell, "-n", str(script)]
    parsed = subprocess.run(check, capture_output=True, text=True)
    assert parsed.returncode == 0, parsed.stderr
