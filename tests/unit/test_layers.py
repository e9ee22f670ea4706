"""The language and data core knows nothing of Textual or Rich."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import reader

CORE = ("reader.text", "reader.study", "reader.storage")


def _core_modules() -> list[str]:
    root = Path(reader.__file__).parent
    names = []
    for package in CORE:
        folder = root / package.split(".")[1]
        names.append(package)
        names.extend(f"{package}.{m.name}" for m in pkgutil.iter_modules([str(folder)]))
    return names


def test_core_modules_exist() -> None:
    names = _core_modules()
    assert "reader.text.document" in names
    assert "reader.storage.atomic" in names
    assert len(names) > 10


def test_core_imports_no_ui() -> None:
    """Import every core module in a fresh interpreter: textual and rich must stay out."""
    code = (
        "import importlib, sys\n"
        f"for name in {_core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') or m.startswith('reader.ui'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"core pulled in UI modules: {result.stdout.strip()}"


def test_import_linter_contract() -> None:
    """The same rule, statically, with import-linter (as harlequin does)."""
    root = Path(__file__).resolve().parents[2]
    lint = Path(sys.executable).with_name("lint-imports")
    if not (root / "pyproject.toml").exists():
        import pytest

        pytest.skip("not running from a checkout")
    result = subprocess.run([str(lint)], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
