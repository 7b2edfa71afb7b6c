"""torch.utils.data under `python -m minitorch_scalar run` prints exactly what real torch prints.

The script seeds, splits with random_split, shuffles with DataLoader over two epochs and then draws
from the default generator, so any difference in how many numbers shuffling consumes shows up.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")

SCRIPT = Path(__file__).parent / "scripts" / "dataloader_shuffle.py"


def _run(*args: str) -> str:
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def test_dataloader_script_prints_what_torch_prints() -> None:
    theirs = _run(str(SCRIPT))
    ours = _run("-m", "minitorch_scalar", "run", str(SCRIPT))
    assert ours == theirs
    assert "0 [" in ours  # the loop ran
