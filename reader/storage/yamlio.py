"""YAML files that read well to a person and fail loudly but safely.

Reading uses ``safe_load``; any problem becomes a :class:`DataFileError` with
the path and reason, and the file is left untouched. Writing uses block style
for multi-line strings, keeps key order and allows Unicode.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from reader.errors import DataFileError
from reader.storage.atomic import atomic_write_text


class _Dumper(yaml.SafeDumper):
    """A safe dumper that writes multi-line strings as ``|`` blocks."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def dump_yaml(data: Any) -> str:
    """Serialise ``data`` as human-friendly YAML."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def parse_yaml(text: str, path: Path | str) -> Any:
    """Parse YAML text, turning every failure into a one-line :class:`DataFileError`."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataFileError(path, f"invalid YAML, {where}{problem}") from exc


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
    return parse_yaml(text, target)


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
    """Write ``data`` as YAML atomically."""
    atomic_write_text(path, dump_yaml(data))
