"""A fault-injection run of the real ``reader`` command (issue 15), as the README's "Reliability" describes.

Three parts, each on a fresh ``READER_HOME``:

1. **hostile documents**: generated files (control sequences, bidi overrides, binary, broken
   encodings, hostile YAML front matter, huge lines) through every text command. Counted:
   tracebacks, hangs (a timeout), exit codes other than 0/1/2, and control characters on
   stdout/stderr of the commands whose output is text for people;
2. **SIGKILL during saves**: a writer adding notes is killed at random moments; every note
   it reported as saved must be in the file, the file must parse, and no temp file may be
   left once the clean-up on start has run;
3. **a damaged index**: 200 blocks of 4 KB overwritten in the middle of the dictionary index,
   then ``annotate``: it must succeed (the index is rebuilt).

    python scripts/fault_injection.py [--documents 20] [--kills 20]

Prints one line per part and exits 1 if anything was found.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = [
    "\x1b]2;pwned\x07",
    "\x1b]52;c;aGVsbG8=\x07",
    "\x1b[2J\x1b[H",
    "\x9b31m",
    "\x9d0;title\x9c",
    "\x07\x08\x0b\x0c\r\x7f",
    "\u202eevil\u202c",
    "\u2066iso\u2069",
    "\x85",
]
PROSE = "最新报道显示，OpenAI正面临严峻的技术挑战。技术瓶颈导致研发进程停滞，削弱了其领先优势。"
#: Commands whose stdout is text for people (it must hold no control character).
TEXT_COMMANDS = [
    ["annotate", "{doc}", "--format", "text"],
    ["notes", "list", "{doc}"],
    ["notes", "check", "{doc}"],
    ["stats", "{doc}", "--no-hsk"],
]
DATA_COMMANDS = [
    ["annotate", "{doc}"],
    ["export", "{doc}", "-o", "-"],
    ["export", "{doc}", "--format", "tsv", "-o", "-"],
]


def forbidden(text: str) -> int:
    """How many characters a terminal would obey."""
    return sum(
        1
        for c in text
        if (ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0 or c in "\u202e\u202c\u2066\u2069"
    )


def reader(args: list[str], home: Path, cwd: Path, timeout: float = 120) -> tuple[int | None, str, str]:
    env = dict(os.environ, READER_HOME=str(home), PYTHONPATH=str(ROOT))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reader", *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None, "", ""
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


def hostile_document(rng: random.Random) -> bytes:
    kind = rng.choice(["controls", "controls", "front matter", "binary", "gbk", "long line", "headings"])
    evil = "".join(rng.choice(HOSTILE) for _ in range(rng.randint(1, 4)))
    if kind == "binary":
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 400)))
    if kind == "gbk":
        return (PROSE + evil).encode("gb18030", "replace")[: rng.randint(5, 200)]
    if kind == "front matter":
        return f"---\ntitle: {evil!r}\nkeywords: [!!python/object/apply:os.system ['echo x']]\n---\n{PROSE}\n".encode()
    if kind == "long line":
        return (PROSE * 400 + evil).encode()
    if kind == "headings":
        return f"# 标题{evil}\n\n{PROSE}{evil}\n\n## 二{evil}\n\n{PROSE * 3}\n".encode()
    return f"# 测试\n\n{PROSE}{evil}{PROSE}\n\n{PROSE * 5}\n".encode()


def part_documents(count: int, rng: random.Random, work: Path) -> list[str]:
    problems: list[str] = []
    home = work / "home-docs"
    home.mkdir()
    for n in range(count):
        doc = work / f"doc{n}.md"
        doc.write_bytes(hostile_document(rng))
        if n % 3 == 0:  # a note full of control characters on it, when it loads
            add = (
                "from reader.text.content import resolve_document\n"
                "from reader.study.notes import NoteStore\n"
                f"d = resolve_document({str(doc)!r})\n"
                f"NoteStore.open(d).add(0, min(2, len(d.text)), {rng.choice(HOSTILE) + 'note'!r})\n"
            )
            subprocess.run(
                [sys.executable, "-c", add],
                env=dict(os.environ, READER_HOME=str(home), PYTHONPATH=str(ROOT)),
                capture_output=True,
                timeout=120,
            )
        for command in TEXT_COMMANDS + DATA_COMMANDS:
            args = [a.replace("{doc}", str(doc)) for a in command]
            code, out, err = reader(args, home, work)
            where = f"{' '.join(command)} on doc{n}"
            if code is None:
                problems.append(f"hang: {where}")
                continue
            if "Traceback" in err or code not in (0, 1, 2):
                problems.append(f"traceback or exit {code}: {where}: {err.strip().splitlines()[-1:]}")
            if forbidden(err) or (command in TEXT_COMMANDS and forbidden(out)):
                problems.append(f"control characters reached the terminal: {where}")
    return problems


def part_kills(kills: int, rng: random.Random, work: Path) -> list[str]:
    home = work / "home-kills"
    home.mkdir()
    doc = work / "kill.md"
    doc.write_text(f"# 测试\n\n{PROSE * 20}\n", encoding="utf-8")
    writer = (
        "import sys\n"
        "from reader.text.content import resolve_document\n"
        "from reader.study.notes import NoteStore\n"
        f"d = resolve_document({str(doc)!r})\n"
        "s = NoteStore.open(d)\n"
        "for i in range(10_000):\n"
        "    n = s.add(i % 100, i % 100 + 2, f'note {sys.argv[1]}-{i}')\n"
        "    print(n.text, flush=True)\n"
    )
    saved: list[str] = []
    env = dict(os.environ, READER_HOME=str(home), PYTHONPATH=str(ROOT))
    for round_ in range(kills):
        proc = subprocess.Popen([sys.executable, "-c", writer, str(round_)], env=env, stdout=subprocess.PIPE)
        time.sleep(rng.uniform(0.6, 1.5))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        saved += out.decode().splitlines()
    check = (
        "from reader.text.content import resolve_document\n"
        "from reader.study.notes import NoteStore\n"
        f"s = NoteStore.open(resolve_document({str(doc)!r}))\n"
        "print(s.problem or 'ok')\n"
        "for n in s.notes: print(n.text)\n"
    )
    done = subprocess.run([sys.executable, "-c", check], env=env, capture_output=True, text=True, timeout=120)
    lines = done.stdout.splitlines()
    problems = [] if lines[:1] == ["ok"] else [f"the notes file does not parse: {lines[:1]} {done.stderr[-300:]}"]
    lost = set(saved) - set(lines[1:])
    if lost:
        problems.append(f"{len(lost)} of {len(saved)} saved notes lost")
    temps = list(home.rglob("*.tmp"))
    for temp in temps:  # what the clean-up on start removes once they are a minute old
        os.utime(temp, (time.time() - 3600, time.time() - 3600))
    subprocess.run(
        [sys.executable, "-c", "from reader.storage.cleanup import clean_on_start; clean_on_start()"],
        env=env,
        timeout=60,
    )
    if list(home.rglob("*.tmp")) or list(home.rglob("*.lock")):
        problems.append("temp or lock files left after the clean-up on start")
    print(f"  kills: {kills} rounds, {len(saved)} notes saved, {len(temps)} temp files left by kills (cleaned)")
    return problems


def part_index(work: Path) -> list[str]:
    home = work / "home-index"
    home.mkdir()
    env = dict(os.environ, READER_HOME=str(home), PYTHONPATH=str(ROOT))
    env.pop("READER_CACHE_DIR", None)
    subprocess.run([sys.executable, "-m", "reader", "lookup", "技术"], env=env, capture_output=True, timeout=300)
    index = home / "cache" / "cedict.sqlite3"
    size = index.stat().st_size
    with index.open("r+b") as handle:
        step = (size // 2) // 200 // 4096 * 4096
        for n in range(200):
            handle.seek(size // 4 // 4096 * 4096 + n * step)
            handle.write(b"\xa5" * 4096)
    code, out, err = reader(["annotate", "article"], home, work, timeout=300)
    if code != 0 or "Traceback" in err or '"text": "技术"' not in out:
        return [f"annotate on a damaged index: exit {code}: {err.strip()[-300:]}"]
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="reader-faults-"))
    found = 0
    try:
        for name, run in (
            (
                f"hostile documents ({args.documents} x {len(TEXT_COMMANDS) + len(DATA_COMMANDS)} commands)",
                lambda: part_documents(args.documents, rng, work),
            ),
            (f"SIGKILL during saves ({args.kills} rounds)", lambda: part_kills(args.kills, rng, work)),
            ("a damaged dictionary index", lambda: part_index(work)),
        ):
            problems = run()
            found += len(problems)
            print(f"{name}: {len(problems)} problems")
            for problem in problems[:20]:
                print(f"  {problem}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
