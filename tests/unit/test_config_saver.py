"""The settings saver: newest copy wins, one write at a time, failures reported, flush leaves nothing pending."""

from __future__ import annotations

import threading
import time

from reader.errors import ReaderError
from reader.storage.config import Config, load_config, save_config
from reader.ui.config_saver import ConfigSaver


def _wait(condition: object, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.01)
    return False


def test_a_change_is_written_off_the_calling_thread(reader_home) -> None:  # type: ignore[no-untyped-def]
    writers: list[str] = []

    def save(config: Config) -> None:
        writers.append(threading.current_thread().name)
        save_config(config)

    saver = ConfigSaver(lambda problem: None, save)
    saver.save(Config(pinyin=True))
    assert _wait(lambda: load_config().pinyin)
    assert writers == ["reader-config-save"] and saver.flush()


def test_the_newest_copy_wins_and_a_burst_is_few_writes(reader_home) -> None:  # type: ignore[no-untyped-def]
    started, release = threading.Event(), threading.Event()
    written: list[bool] = []

    def slow(config: Config) -> None:
        started.set()
        release.wait(5)
        written.append(config.pinyin)
        save_config(config)

    saver = ConfigSaver(lambda problem: None, slow)
    config = Config(pinyin=False)
    saver.save(config)
    assert started.wait(5)  # the first write is under way
    for value in (True, False, True):  # three more changes while it writes; the object changes after each save
        config.pinyin = value
        saver.save(config)
    config.pinyin = False  # a change not handed to the saver is not written
    release.set()
    assert saver.flush()
    assert written == [False, True]  # the one in flight, then only the newest copy
    assert load_config().pinyin


def test_a_failure_is_reported_and_kept_unsaved_until_a_write_succeeds(reader_home) -> None:  # type: ignore[no-untyped-def]
    problems: list[str] = []
    fail = True

    def save(config: Config) -> None:
        if fail:
            raise ReaderError("config.yaml: cannot save (No space left on device)")
        save_config(config)

    saver = ConfigSaver(problems.append, save)
    saver.save(Config(pinyin=True))
    assert _wait(lambda: bool(problems))
    assert problems == ["config.yaml: cannot save (No space left on device)"]
    assert saver.unsaved and not saver.flush()
    fail = False
    saver.save(Config(pinyin=True))
    assert saver.flush() and not saver.unsaved and load_config().pinyin


def test_an_unexpected_error_is_a_message_not_a_traceback(reader_home) -> None:  # type: ignore[no-untyped-def]
    problems: list[str] = []

    def broken(config: Config) -> None:
        raise ValueError("boom")

    saver = ConfigSaver(problems.append, broken)
    saver.save(Config())
    assert _wait(lambda: bool(problems)) and problems == ["could not save the settings: boom"]
