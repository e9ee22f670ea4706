"""Building the dictionary index in a child process, beside the reader's own start-up.

On a first run the reader needs the CC-CEDICT index (about 2 s of parsing and
inserting rows) and the rest of its language stack (the segmenter, the pinyin
reader, the learner glosses: about 2 s more). In threads of one process they
share the interpreter lock and take the sum; here the index is built by
``python -m reader.text.index_process INDEX SOURCE`` on another core while the
reader's worker loads the rest. The child reports its progress on stdout, one
``done total`` line at a time, and nothing on the terminal; the reader then opens
the index as always (:meth:`reader.text.dictionary.Dictionary.open`), which
builds it in-process if the child failed for any reason, so that every error is
still reported there, in one line.

A child whose reader quits meanwhile finishes its build on its own (the index
is written to a temp file and moved into place: never half-written).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

__all__ = ["main", "start_build", "wait_build"]


def start_build(path: Path, source: Path) -> subprocess.Popen[str] | None:
    """Start building the index of ``source`` at ``path`` in a child process; None when it cannot start."""
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "reader.text.index_process", str(path), str(source)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
            start_new_session=True,  # not the terminal's: a reader quitting or a ctrl+c leaves the build whole
        )
    except OSError:
        return None


def wait_build(child: subprocess.Popen[str], progress: Callable[[int, int], None] | None) -> bool:
    """Pass the child's progress on until it ends; True when it built the index."""
    assert child.stdout is not None
    for line in child.stdout:
        parts = line.split()
        if progress is not None and len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
            progress(int(parts[0]), int(parts[1]))
    return child.wait() == 0


def main(argv: list[str]) -> int:
    """The child: build the index of ``argv[1]`` at ``argv[0]``, printing ``done total`` lines; 0 when built."""
    if len(argv) != 2:
        print("usage: python -m reader.text.index_process INDEX SOURCE", file=sys.stderr)
        return 2
    from reader.text.cedict_build import write_index
    from reader.text.dictionary import FORMAT_VERSION

    def progress(done: int, total: int) -> None:
        try:
            print(done, total, flush=True)
        except OSError:  # the reader quit: build on, quietly
            pass

    try:
        write_index(progress, Path(argv[0]), Path(argv[1]), FORMAT_VERSION)
    except Exception:  # the reader builds again in-process, and reports what goes wrong there
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
