"""Shared fixtures: every test gets its own READER_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis: a few hundred examples per property in the suite (fast), and a long run on
# demand: ``HYPOTHESIS_PROFILE=long pytest tests/unit -k propert`` (README, "Reliability").
settings.register_profile("suite", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder per test session, so the dictionary index is built once."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def reader_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_cache: Path) -> Path:
    """Point READER_HOME at a fresh temporary folder for every test.

    The rebuildable caches (dictionary index, token caches) are shared by the
    session through READER_CACHE_DIR; tests of the cache itself pass their own paths.
    """
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("READER_HOME", str(home))
    monkeypatch.setenv("READER_CACHE_DIR", str(shared_cache))
    return home


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The original article, exactly as the author wrote it."""
    return (DATA / "seed_article.txt").read_text(encoding="utf-8")
