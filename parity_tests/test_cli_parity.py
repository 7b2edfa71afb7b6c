"""``python -m minitorch_scalar parity`` on the toy scripts in parity_tests/scripts/.

Each script runs twice in fresh processes (real torch, then ours through ``run``). Every script
must agree, except the ``planted_*.py`` ones, whose planted difference must be reported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from minitorch_scalar.parity.cli import compare_script

pytest.importorskip("torch")

SCRIPTS = Path(__file__).parent / "scripts"
AGREEING = sorted(p.name for p in SCRIPTS.glob("*.py") if not p.name.startswith("planted_"))


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "minitorch_scalar", "parity", *args], capture_output=True, text=True, check=False
    )


def test_planted_number_difference_is_reported(tmp_path: Path) -> None:
    out_json = tmp_path / "report.json"
    proc = _cli(str(SCRIPTS / "planted_engine_difference.py"), "--json", str(out_json))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "line 2: number 1: ours 1.5 vs torch 1.0" in proc.stdout
    assert "line 1" not in proc.stdout
    data = json.loads(out_json.read_text())
    assert data["ok"] is False and [d["line"] for d in data["diffs"]] == [2]


def test_planted_exception_difference_is_reported() -> None:
    result = compare_script(str(SCRIPTS / "planted_exception.py"))
    assert not result.ok and result.output.ok
    assert result.problems == [
        "the runs ended differently: torch raised ValueError: raised under real torch; "
        "ours raised TypeError: raised under minitorch_scalar"
    ]


def test_unseeded_random_numbers_are_reported() -> None:
    result = compare_script(str(SCRIPTS / "planted_unseeded_random.py"))
    assert not result.ok
    assert [d.line for d in result.output.diffs] == [1]


@pytest.mark.parametrize("script", AGREEING)
def test_agreeing_scripts_pass(script: str) -> None:
    result = compare_script(str(SCRIPTS / script))
    assert result.ok, result.format()
    assert result.output.numbers >= 2
    if script == "same_error.py":
        assert result.torch.exception == "RuntimeError: a Tensor with 2 elements cannot be converted to Scalar"


def test_cli_errors_exit_2(tmp_path: Path) -> None:
    proc = _cli(str(tmp_path / "missing.py"))
    assert proc.returncode == 2 and "no such script" in proc.stderr


def test_script_arguments_after_double_dash(tmp_path: Path) -> None:
    script = tmp_path / "args.py"
    script.write_text("import sys\nimport torch\nprint(sys.argv[1:])\n")
    proc = _cli(str(script), "--rtol", "1e-3", "--", "--epochs", "2")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "rtol=0.001" in proc.stdout
