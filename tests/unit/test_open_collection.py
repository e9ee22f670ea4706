"""``reader open``'s garbage collection: survivors of a slow full collection are frozen, of a quick one not."""

from __future__ import annotations

import gc

import pytest

from reader.commands import open as open_command


@pytest.mark.parametrize(("slow", "frozen"), [(-1.0, True), (3600.0, False)], ids=["slow", "quick"])
def test_a_slow_full_collection_freezes_what_survived_it(
    monkeypatch: pytest.MonkeyPatch, slow: float, frozen: bool
) -> None:
    monkeypatch.setattr(open_command, "_SLOW_COLLECTION", slow)
    gc.unfreeze()
    try:
        open_command._freeze_after_slow_collection("start", {"generation": 2})
        open_command._freeze_after_slow_collection("stop", {"generation": 2, "collected": 0})
        assert (gc.get_freeze_count() > 0) is frozen
        gc.unfreeze()
        open_command._freeze_after_slow_collection("start", {"generation": 1})
        open_command._freeze_after_slow_collection("stop", {"generation": 1, "collected": 0})
        assert gc.get_freeze_count() == 0  # a young generation's collection never freezes
    finally:
        gc.unfreeze()
