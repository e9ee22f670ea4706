"""The polyphone model keeps numpy's BLAS to one thread (issue 14: a second thread made it six times slower)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from reader.text.polyphone import BLAS_THREAD_VARIABLES, available

pytestmark = pytest.mark.skipif(not available(), reason="g2pM or numpy is not installed")

_SCRIPT = """
import os, sys
from reader.text.polyphone import PolyphoneModel
model = PolyphoneModel()
print(os.environ.get("OPENBLAS_NUM_THREADS"), "numpy" in sys.modules)
print(model.predict(["银行行长"], [[1]])[0][0].reading)
"""


def _run(env: dict[str, str]) -> list[str]:
    done = subprocess.run([sys.executable, "-c", _SCRIPT], env=env, capture_output=True, text=True, check=True)
    return done.stdout.split("\n")


def test_one_thread_unless_the_environment_says_otherwise() -> None:
    clean = {k: v for k, v in os.environ.items() if k not in BLAS_THREAD_VARIABLES}
    assert _run(clean)[:2] == ["1 True", "hang2"]
    assert _run({**clean, "OPENBLAS_NUM_THREADS": "2"})[:2] == ["2 True", "hang2"]
