"""YAML files that read well to a person and fail loudly but safely.

Reading uses ``safe_load``; any problem becomes a :class:`DataFileError` with
the path and reason, and the file is left untouched. Writing uses block style
for multi-line strings, keeps key order and allows Unicode.

PyYAML costs about 15 ms to import, which would sit in front of the first paint
of every start (the config, the reading state and the document's front matter
are all YAML). So YAML text that parsed once is remembered in a *parse memo*:
``cache_dir()/yaml/<name>.marshal`` holds the exact text and what it parsed to.
When the text read is the same, character for character, the memo answers and
``yaml`` is not imported at all; any difference (an edit by hand, a damaged
file) goes to the real parser. Files this module writes refresh their memo at
once, so the next start finds it current. The memo is a cache: a missing,
stale or broken memo only costs the import. Text in the plainest form of a
mapping (one-line strings and lists of them: most front matter) is read by
:func:`reader.storage.yaml_subset.plain_mapping` without PyYAML, memo or not,
so that a first run's front matter does not import it either.
"""

from __future__ import annotations

import functools
import marshal
import re
import zlib
from pathlib import Path
from typing import Any

from reader.errors import DataFileError
from reader.storage.atomic import atomic_write_bytes, atomic_write_text

#: Bumped when the memo layout changes; older memos are then ignored.
_MEMO_VERSION = 2  # 2: sealed with a checksum (storage/sealed.py)


class YAMLSyntaxError(ValueError):
    """YAML text that does not parse: ``line`` (0-based, or ``None``) and ``problem``."""

    def __init__(self, line: int | None, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


@functools.cache
def _dumper() -> Any:
    """A safe dumper that writes multi-line strings as ``|`` blocks (built on first use)."""
    import yaml

    class Dumper(yaml.SafeDumper):
        """Block style for multi-line strings."""

    def str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        # A block scalar cannot hold the characters YAML reads as line breaks other than
        # "\n" (U+0085, U+2028, U+2029, "\r") nor trailing spaces of a line: those strings are
        # double-quoted, with escapes, so that they read back exactly.
        if any(ch in value for ch in "\x85\u2028\u2029\r") or " \n" in value:
            style: str | None = '"'
        else:
            style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, str_representer)
    return Dumper


#: Characters on which libyaml's emitter and PyYAML's own differ (astral characters, which libyaml
#: escapes; U+0085, U+2028, U+2029 and other controls, which they quote differently): text with
#: any of them goes through the pure-Python dumper and loader, everything else through libyaml.
#: So does a line ending in a space: the pure dumper double-quotes it (see :func:`_dumper`).
_NOT_FOR_LIBYAML = "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]| \n"


@functools.cache
def _not_for_libyaml() -> re.Pattern[str]:
    """:data:`_NOT_FOR_LIBYAML` compiled on first use (3 ms, not in front of a start that reads only memos)."""
    return re.compile(_NOT_FOR_LIBYAML)


@functools.cache
def _c_dumper() -> Any:
    """The safe dumper of libyaml with the same multi-line rule as :func:`_dumper`, or None without libyaml."""
    import yaml

    base = getattr(yaml, "CSafeDumper", None)
    if base is None:
        return None

    class CDumper(base):  # type: ignore[misc, valid-type]
        """Block style for multi-line strings (libyaml's emitter)."""

    def str_representer(dumper: Any, value: str) -> Any:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    CDumper.add_representer(str, str_representer)
    return CDumper


def _libyaml_safe(data: Any) -> bool:
    """Tell whether every string in ``data`` is one both emitters write alike."""
    stack = [data]
    search = _not_for_libyaml().search
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if search(item):
                return False
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return True


def dump_yaml(data: Any) -> str:
    """Serialise ``data`` as human-friendly YAML.

    libyaml's ``CSafeDumper`` writes it where installed (5.7× faster), with
    the very bytes PyYAML's own dumper writes (``tests/unit/test_yaml_libyaml.py``):
    data holding a character the two emitters treat differently, or whose text
    would end in a ``...`` document-end marker (a last string ending in blank
    lines), is written by the pure-Python dumper.
    """
    import yaml

    fast = _c_dumper()
    if fast is not None and _libyaml_safe(data):
        text: str = yaml.dump(data, Dumper=fast, allow_unicode=True, sort_keys=False, width=100)
        if not text.endswith("...\n"):
            return text
    return yaml.dump(data, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=100)


def _safe_load(text: str) -> Any:
    """``yaml.safe_load``, through libyaml's parser where installed and the text has no character they differ on."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", None)
    if loader is not None and not _not_for_libyaml().search(text):
        try:
            return yaml.load(text, Loader=loader)
        except yaml.YAMLError:
            pass  # the pure parser says what is wrong, with its own line numbers
    return yaml.safe_load(text)


def load_yaml_text(text: str, memo: str | None = None) -> Any:
    """``yaml.safe_load(text)``, answered by the parse memo named ``memo`` when it is current.

    Raises :class:`YAMLSyntaxError` for text that does not parse.
    """
    if memo is not None:
        found = _memo_lookup(memo, text)
        if found is not _MISS:
            return found
    from reader.storage.yaml_subset import plain_mapping  # here: a warm start's memo answers without it

    plain = plain_mapping(text)  # the plainest front matter, without importing PyYAML
    if plain is not None:
        if memo is not None:
            _memo_store(memo, text, plain)
        return plain
    import yaml

    try:
        data = _safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise YAMLSyntaxError(mark.line if mark is not None else None, problem) from exc
    except (ValueError, TypeError, OverflowError) as exc:  # a value that parses but cannot be built: 2024-02-30
        raise YAMLSyntaxError(None, f"bad value: {exc}") from exc
    if memo is not None:
        _memo_store(memo, text, data)
    return data


def parse_yaml(text: str, path: Path | str, memo: bool = False) -> Any:
    """Parse YAML text, turning every failure into a one-line :class:`DataFileError`.

    With ``memo``, the parse memo of ``path`` may answer (see the module docstring).
    """
    try:
        return load_yaml_text(text, str(path) if memo else None)
    except YAMLSyntaxError as exc:
        where = f"line {exc.line + 1}: " if exc.line is not None else ""
        raise DataFileError(path, f"invalid YAML, {where}{exc.problem}") from exc


def read_bytes_or_none(path: Path | str) -> bytes | None:
    """A data file's bytes; ``None`` if it does not exist. Raises :class:`DataFileError`."""
    target = Path(path)
    try:
        return target.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError as exc:
        raise DataFileError(target, "is a directory") from exc
    except OSError as exc:
        raise DataFileError(target, exc.strerror or "cannot be read") from exc


def read_yaml(path: Path | str) -> Any:
    """Read a YAML file; ``None`` if it does not exist. Raises :class:`DataFileError`."""
    target = Path(path)
    raw = read_bytes_or_none(target)
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(target, "not UTF-8 text") from exc
    return parse_yaml(text, target, memo=True)


def read_yaml_mapping(path: Path | str, *, kind: str, version: int) -> dict[str, Any] | None:
    """Read a versioned YAML mapping; ``None`` if the file does not exist.

    The file must be a mapping whose ``version`` is at most ``version``. An empty
    file is an error, not an empty mapping: an empty file usually means a crash or
    a truncation, and must not be silently replaced.
    """
    target = Path(path)
    data = read_yaml(target)
    if data is None:
        if target.exists():
            raise DataFileError(target, f"empty {kind} file")
        return None
    if not isinstance(data, dict):
        raise DataFileError(target, f"{kind} file must be a mapping, not {type(data).__name__}")
    found = data.get("version")
    if not isinstance(found, int) or isinstance(found, bool):
        raise DataFileError(target, f"{kind} file has no integer 'version'")
    if found > version:
        raise DataFileError(target, f"{kind} file version {found} is newer than this reader ({version})")
    return data


def write_yaml(path: Path | str, data: Any) -> None:
    """Write ``data`` as YAML atomically, and refresh the file's parse memo.

    The memo holds what the written text parses back to, not ``data`` itself:
    a dump does not give back every string unchanged (a U+0085 in a block
    scalar comes back as a line break), and the memo must answer exactly as
    the parser would. So the written text goes through :func:`load_yaml_text`
    with the file's memo, which parses and stores it (or finds it current
    already, when the file was written with the same text before).
    """
    text = dump_yaml(data)
    atomic_write_text(path, text)
    try:
        load_yaml_text(text, memo=str(path))
    except YAMLSyntaxError:
        pass  # cannot happen for a dump; the next read parses the file then


# -- the parse memo ---------------------------------------------------------------------------

_MISS = object()


def memo_path(name: str) -> Path:
    """The memo file for ``name`` (a path or another key) under ``cache_dir()/yaml``."""
    from reader.storage.paths import cache_dir

    stem = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in Path(name).stem)[:40] or "yaml"
    return cache_dir() / "yaml" / f"{stem}-{zlib.crc32(name.encode('utf-8')):08x}.marshal"


def _memo_lookup(name: str, text: str) -> Any:
    """What ``text`` parsed to, if the memo holds exactly this text; else ``_MISS``."""
    from reader.storage.sealed import unseal

    try:
        body = unseal(memo_path(name).read_bytes())
        if body is None:  # damaged, or not ours: the parser answers
            return _MISS
        version, key, remembered, data = marshal.loads(body)
    except (OSError, ValueError, EOFError, TypeError):
        return _MISS
    if version != _MEMO_VERSION or key != name or remembered != text:
        return _MISS
    return data


def _memo_store(name: str, text: str, data: Any) -> None:
    """Remember that ``text`` parses to ``data`` (best effort: a cache that cannot be written is skipped)."""
    from reader.storage.sealed import seal

    try:
        payload = seal(marshal.dumps((_MEMO_VERSION, name, text, data)))
    except ValueError:  # a type marshal cannot hold (a YAML timestamp): no memo
        return
    try:
        atomic_write_bytes(memo_path(name), payload, sync=False)  # a cache: no fsync on the UI thread
    except OSError:
        pass
