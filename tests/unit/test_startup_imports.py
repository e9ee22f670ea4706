"""What ``reader open`` imports before its first paint: nothing slow, checked in a fresh interpreter.

The benchmarks (``benchmarks/run.py``) measure start-up; this keeps the cheap
path from silently growing again. Each module named here was once on it, or
would cost milliseconds to tens of milliseconds there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Loaded later (the language worker, the notes pane, the pop-up, exports) or never by ``open``.
NOT_BEFORE_FIRST_PAINT = (
    "yaml",  # 15 ms: answered by the parse memo (reader.storage.yamlio)
    "argparse",  # `reader open TARGET` skips the parser
    "hashlib",  # OpenSSL: only when a content hash is needed
    "jieba",
    "pypinyin",
    "sqlite3",
    "fsrs",
    "genanki",
    "reader.text.dictionary",
    "reader.text.annotate",
    "reader.text.wordinfo",
    "reader.study.notes",
    "reader.study.deck",
    "reader.ui.widgets.notes_pane",
    "reader.ui.widgets.footer",  # mounted once the text is on screen
    "reader.text.search",  # the first `/` imports it
)


def test_the_start_up_path_imports_nothing_slow(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from reader.cli import main\n"
        "from reader.commands.open import open_target\n"
        "from reader.storage.config import load_config\n"
        "from reader.storage.state import ReadingState\n"
        "from reader.text.content import resolve_document\n"
        "doc = resolve_document('article'); load_config(); ReadingState()\n"
        "from reader.ui.app import ReaderApp\n"
        "app = ReaderApp(doc, load_config())\n"
        "screen = app.get_default_screen()\n"
        f"print(' '.join(m for m in {NOT_BEFORE_FIRST_PAINT!r} if m in sys.modules))\n"
    )
    env = dict(os.environ, READER_HOME=str(tmp_path / "home"), READER_CACHE_DIR=str(tmp_path / "cache"))
    # Twice: the first run writes the YAML parse memo (front matter), as a first start does.
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
