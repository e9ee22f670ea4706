"""User settings in ``READER_HOME/config.yaml``: the one owner of that file.

Unknown keys are kept; a value of the wrong type is an error that names the
key. A damaged file is reported and never overwritten. The study settings
(``study: {new_cards_per_day: N}``) are read here too (:func:`load_study_settings`),
leniently: a missing or bad value is the default, and the reader never writes them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from reader.errors import DataFileError
from reader.storage.paths import config_path
from reader.storage.yamlio import read_yaml_mapping, write_yaml

VERSION = 1
TONE_SCHEMES = ("zhongwen", "pleco", "none")
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
    #: The HSK colour layer (``H``), and the learner's level: with "1"–"6" only words above it are marked.
    hsk_colours: bool = False
    hsk_above: str = "all"
    #: ``u`` / ``U`` (next / previous unknown word) skip HSK 1 words too.
    unknown_skips_hsk1: bool = False


def load_config() -> Config:
    """Read the config file (defaults if absent). Raises :class:`DataFileError`."""
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
            raise DataFileError(path, f"{item.name!r} must be {type(default).__name__}, not {value!r}")
        setattr(config, item.name, value)
    if config.tone_scheme not in TONE_SCHEMES:
        raise DataFileError(path, f"tone_scheme must be one of {', '.join(TONE_SCHEMES)}")
    return config


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
