"""Toy PyTorch scripts in the style of tutorials and Q&A answers, run unmodified on both engines.

Each script in ``scripts/tutorials/`` is run by ``python -m minitorch_scalar parity``: once with real
torch, once with minitorch_scalar mapped onto the ``torch`` imports; every printed number must agree
(at the precision torch printed it, and within float32 rounding for full-precision ``item()`` prints).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")

SCRIPTS = sorted((Path(__file__).parent / "scripts" / "tutorials").glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_script_prints_what_torch_prints(script: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "minitorch_scalar", "parity", str(script)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "OK" in done.stdout
