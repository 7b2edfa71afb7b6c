"""Toy PyTorch scripts in the style of tutorials and Q&A answers, run unmodified on both engines.

Each script in ``scripts/tutorials/`` is run by ``python -m minitorch_scalar parity``: once with real
torch, once with minitorch_scalar mapped onto the ``torch`` imports; every printed number must agree
(at the precision torch printed it, and within float32 rounding for full-precision ``item()`` prints),
and so must how each run ended. The scripts run two at a time (each run is two fresh processes).
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("torch")

SCRIPTS = sorted((Path(__file__).parent / "scripts" / "tutorials").glob("*.py"))


def _parity(script: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "minitorch_scalar", "parity", str(script)],
        capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="module")
def results() -> dict[Path, subprocess.CompletedProcess[str]]:
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip(SCRIPTS, pool.map(_parity, SCRIPTS)))


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_script_prints_what_torch_prints(
    script: Path, results: dict[Path, subprocess.CompletedProcess[str]]
) -> None:
    done = results[script]
    assert done.returncode == 0, done.stdout + done.stderr
    assert "OK" in done.stdout
