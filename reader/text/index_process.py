"""Building the dictionary index in a child process, beside the reader's own start-up.

On a first run the reader needs the CC-CEDICT index (about 1.2 s of parsing and
inserting rows) and the rest of its language stack (the segmenter, the pinyin
reader, the learner glosses: about 2 s more). In threads of one process they
share the interpreter lock and take the sum; here the index is built by
``python -m reader.text.index_process INDEX SOURCE`` on another core while the
reader's worker loads the rest. The child reports its progress on stdout, one
``done total`` line at a time, and nothing on the terminal; the reader then opens
the index as always (:meth:`reader.text.dictionary.Dictionary.open`), which
builds it in-process if the child failed for any reason, so that every error is
still reported there, in one line.

On a first run proper (no index file at all) the worker starts two children
(:func:`start_first_run`: a stat and two forks) as it begins, before reading the
glossary: ``--first-run``, which builds the default index of the default source
(worked out in the child), and ``--prime``, which parses the learner glosses
(``content/senses/*.yaml``, 800 KB: about 0.3 s with libyaml on a quiet machine, the
child's start-up included, three times that on a loaded one) and the pinyin rules
into the YAML parse memo, where the worker then finds them. Each waits (before
any import) for a line on its stdin, written when the worker takes them over
(:func:`take_first_run`, at once): a caller that starts them sooner (before its
screen) keeps their work off its first paint. When the worker comes to the
learner glosses it stops a ``--prime`` child still at work
(:func:`stop_priming`) and parses the rest itself: on a busy machine that child
may lag, and the files it did prime are read from the memo either way (each
memo file is written atomically). Started before the screen by ``reader open``,
their interpreters' start-up alone cost the first paint a tenth on a busy machine.

A child whose reader quits meanwhile finishes its build on its own (the index
is written to a temp file and moved into place: never half-written).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.text.annotate import LanguageStack
    from reader.text.dictionary import Dictionary
    from reader.text.document import Document

__all__ = [
    "first_run_started",
    "main",
    "start_build",
    "start_first_run",
    "stop_priming",
    "take_first_run",
    "wait_build",
]

#: The index's file name in the cache folder (``reader.text.cedict_build.INDEX_NAME``, which imports sqlite3).
_INDEX_NAME = "cedict.sqlite3"
#: The children :func:`start_first_run` started (index, priming), until :func:`take_first_run` takes them.
_first_run: tuple[subprocess.Popen[str] | None, subprocess.Popen[str] | None] | None = None


def start_build(path: Path, source: Path) -> subprocess.Popen[str] | None:
    """Start building the index of ``source`` at ``path`` in a child process; None when it cannot start."""
    return _spawn([str(path), str(source)])


def start_first_run() -> None:
    """On a first run (no index file in the cache folder), start both children now: see the module docstring."""
    global _first_run
    from reader.storage.paths import cache_dir

    if _first_run is not None or os.path.lexists(cache_dir() / _INDEX_NAME):
        return
    _first_run = (_spawn(["--first-run"], told=True), _spawn(["--prime"], told=True))


def first_run_started() -> bool:
    """Tell whether :func:`start_first_run` started children that no worker took over yet."""
    return _first_run is not None


def take_first_run() -> tuple[subprocess.Popen[str] | None, subprocess.Popen[str] | None]:
    """The index and priming children :func:`start_first_run` started, told to go on (once; later ``(None, None)``)."""
    global _first_run
    children, _first_run = _first_run or (None, None), None
    for child in children:
        if child is not None and child.stdin is not None:
            try:
                child.stdin.write("go\n")
                child.stdin.close()
            except OSError:  # it ended already: its outcome says how
                pass
    return children


def stop_priming(child: subprocess.Popen[str] | None) -> None:
    """End the priming child if it is still at work (the worker reads the rest itself), and reap it."""
    if child is None:
        return
    if child.poll() is None:
        child.kill()
    child.wait()
    if child.stdout is not None:
        child.stdout.close()


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


def start_default_build() -> subprocess.Popen[str] | None:
    """Start building the dictionary index in a child process (None when its paths or the child fail)."""
    from reader.errors import ReaderError
    from reader.text.dictionary import default_index_path, default_source

    try:
        path, source = default_index_path(), default_source()
    except (ReaderError, OSError):  # reported when the index is opened
        return None
    return start_build(path, source)


def while_building(
    build: Callable[[], Dictionary],
    stack: LanguageStack,
    document: Document,
    priming: subprocess.Popen[str] | None = None,
) -> Dictionary:
    """Run ``build`` in a thread while ``stack`` loads every part that needs no dictionary; its result.

    ``build`` mostly waits for the child process that builds the index
    (see the module docstring), which needs no interpreter lock of ours: the segmenter, the pinyin reader, the polyphone model and the
    text's script are worked out meanwhile, then the learner glosses (from the
    parse memo, where the ``priming`` child put them on a first run: stopped
    here if still at work). An error of the build is raised here, as if it had
    run in this thread.
    """
    import threading

    from reader.text.language_cache import settle_script

    outcome: list[Dictionary] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(build())
        except BaseException as error:  # handed to the worker, which reports it
            failure.append(error)

    builder = threading.Thread(target=run, name="reader-index", daemon=True)
    builder.start()
    for part in (lambda: stack.segmenter.load(), lambda: stack.reader.load(), lambda: stack.polyphone_model):
        try:
            part()
        except Exception:  # reported where the part is used, in its context
            pass
    settle_script(document)
    stop_priming(priming)
    stack.warm_up(segmenter=True)  # the learner glosses, the tagger and the HSK list (the rest is loaded)
    builder.join()
    if failure:
        raise failure[0]
    return outcome[0]


def wait_build(child: subprocess.Popen[str], progress: Callable[[int, int], None] | None) -> bool:
    """Pass the child's progress on until it ends; True when it built the index."""
    assert child.stdout is not None
    for line in child.stdout:
        parts = line.split()
        if progress is not None and len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
            progress(int(parts[0]), int(parts[1]))
    return child.wait() == 0


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

    ``--first-run``: the default index of the default source; ``--prime``: the
    learner glosses and pinyin rules into the parse memo. Both first wait for a
    line on stdin (see the module docstring).
    """

    def say(*words: object) -> None:
        try:
            print(*words, flush=True)
        except OSError:  # the reader quit: build on, quietly
            pass

    if argv in (["--prime"], ["--first-run"]):
        # "go" once the reader's first frame is out (or the end: the reader is gone). The imports wait
        # too: on a busy machine their tenth of a second of CPU was taken from the first paint.
        sys.stdin.readline()
        if argv == ["--prime"]:
            _prime_senses()
            return 0
    elif len(argv) != 2:
        print("usage: python -m reader.text.index_process INDEX SOURCE | --first-run | --prime", file=sys.stderr)
        return 2
    from reader.text.cedict_build import write_index
    from reader.text.dictionary import FORMAT_VERSION, default_index_path, default_source

    def progress(done: int, total: int) -> None:
        say(done, total)

    import gc

    # The build makes some 440,000 tuples (rows, headwords) and no cycles: the collector's
    # 650 passes over them took 0.08 s of the child's 1.2. This process ends with the build.
    gc.disable()
    try:
        index, source = (default_index_path(), default_source()) if len(argv) == 1 else map(Path, argv)
        write_index(progress, index, source, FORMAT_VERSION)
    except Exception:  # the reader builds again in-process, and reports what goes wrong there
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
