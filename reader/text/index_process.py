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

On a first run proper (no index file at all) ``reader open`` starts the child
itself, before the screen is drawn (:func:`start_first_run`: a stat and a fork,
nothing imported), as ``python -m reader.text.index_process --first-run``. The
child starts its interpreter and imports its modules meanwhile, then waits for
a line on its stdin, written when the worker takes it over
(:func:`take_first_run`, at the reader's first frame): its work never takes the
CPU from the first paint. It then works out the default index and source
itself, and first parses the learner glosses (``content/senses/*.yaml``, a fifth
of a second of YAML) and the pinyin rules into the YAML parse memo, saying
``senses`` on stdout when done; the worker loads the other parts meanwhile and
then finds the glosses parsed (:func:`wait_build`'s ``senses`` callback).

A child whose reader quits meanwhile finishes its build on its own (the index
is written to a temp file and moved into place: never half-written).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

__all__ = ["main", "start_build", "start_first_run", "take_first_run", "wait_build"]

#: The index's file name in the cache folder (``reader.text.cedict_build.INDEX_NAME``, which imports sqlite3).
_INDEX_NAME = "cedict.sqlite3"
#: What the child prints once the learner glosses are in the parse memo.
SENSES_LINE = "senses"
#: The child :func:`start_first_run` started, until :func:`take_first_run` takes it.
_first_run: subprocess.Popen[str] | None = None


def start_build(path: Path, source: Path) -> subprocess.Popen[str] | None:
    """Start building the index of ``source`` at ``path`` in a child process; None when it cannot start."""
    return _spawn([str(path), str(source)])


def start_first_run() -> None:
    """On a first run (no index file in the cache folder), start the child now: see the module docstring."""
    global _first_run
    from reader.storage.paths import cache_dir

    if _first_run is not None or os.path.lexists(cache_dir() / _INDEX_NAME):
        return
    _first_run = _spawn(["--first-run"], told=True)


def take_first_run() -> subprocess.Popen[str] | None:
    """The child :func:`start_first_run` started, told to go on (once: later calls give None)."""
    global _first_run
    child, _first_run = _first_run, None
    if child is not None and child.stdin is not None:
        try:
            child.stdin.write("go\n")
            child.stdin.close()
        except OSError:  # it ended already: wait_build says how
            pass
    return child


def _spawn(args: list[str], told: bool = False) -> subprocess.Popen[str] | None:
    """``python -m reader.text.index_process ARGS``, detached from the terminal; None when it cannot start.

    ``told``: its stdin is a pipe, on which the child waits for a line (or the end) before its work.
    """
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "reader.text.index_process", *args],
            stdin=subprocess.PIPE if told else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
            start_new_session=True,  # not the terminal's: a reader quitting or a ctrl+c leaves the build whole
        )
    except OSError:
        return None


def wait_build(
    child: subprocess.Popen[str],
    progress: Callable[[int, int], None] | None,
    senses: Callable[[], None] | None = None,
) -> bool:
    """Pass the child's progress on until it ends; True when it built the index.

    ``senses()`` is called once, when the child says the learner glosses are in
    the parse memo or, at the latest, when it ends (whatever it did).
    """
    assert child.stdout is not None
    try:
        for line in child.stdout:
            parts = line.split()
            if parts == [SENSES_LINE]:
                if senses is not None:
                    senses()
                    senses = None
            elif progress is not None and len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
                progress(int(parts[0]), int(parts[1]))
        return child.wait() == 0
    finally:
        if senses is not None:
            senses()


def sense_files() -> list[Path]:
    """:func:`reader.text.annotate.sense_files` (a test checks), without importing the annotate pass."""
    from reader.text.content import content_dir

    folder = content_dir() / "senses"
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def _prime_senses() -> None:
    """Parse the learner glosses (and the pinyin rules) into the YAML parse memo, as the reader's worker reads them."""
    from reader.text.content import content_dir
    from reader.text.pinyin_rules import load_pinyin_rules
    from reader.text.senses import sense_file_data

    for path in sense_files():
        try:
            sense_file_data(path)
        except Exception:  # the reader reads the file again, and says what is wrong with it
            pass
    try:
        load_pinyin_rules(content_dir() / "pinyin_rules.yaml")  # as LanguageStack.reader reads it
    except Exception:
        pass


def main(argv: list[str]) -> int:
    """The child: build the index of ``argv[1]`` at ``argv[0]``, printing ``done total`` lines; 0 when built.

    ``--first-run`` instead: the learner glosses into the parse memo (then a
    ``senses`` line), and the default index of the default source.
    """

    def say(*words: object) -> None:
        try:
            print(*words, flush=True)
        except OSError:  # the reader quit: build on, quietly
            pass

    if argv == ["--first-run"]:
        import yaml  # noqa: F401  (all three imported while the reader draws its first screen)

        import reader.text.dictionary
        import reader.text.senses  # noqa: F401

        sys.stdin.readline()  # "go" once the reader's first frame is out (or the end: the reader is gone)
        try:
            _prime_senses()
        finally:
            say(SENSES_LINE)
    elif len(argv) != 2:
        print("usage: python -m reader.text.index_process INDEX SOURCE | --first-run", file=sys.stderr)
        return 2
    from reader.text.cedict_build import write_index
    from reader.text.dictionary import FORMAT_VERSION, default_index_path, default_source

    def progress(done: int, total: int) -> None:
        say(done, total)

    try:
        index, source = (default_index_path(), default_source()) if len(argv) == 1 else map(Path, argv)
        write_index(progress, index, source, FORMAT_VERSION)
    except Exception:  # the reader builds again in-process, and reports what goes wrong there
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
