"""ruff, mypy and the import contracts stay clean: CI runs them with the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.skipif(not (ROOT / "pyproject.toml").exists(), reason="not running from a checkout")


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "reader", "tests", "scripts", "benchmarks"],
        ["ruff", "format", "--check", "reader", "tests", "scripts", "benchmarks"],
        ["mypy"],
        ["lint-imports"],
    ],
    ids=["ruff-check", "ruff-format", "mypy", "import-contracts"],
)
def test_clean(command: list[str]) -> None:
    result = subprocess.run([str(BIN / command[0]), *command[1:]], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
