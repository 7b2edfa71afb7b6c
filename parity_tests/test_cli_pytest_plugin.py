"""The pytest helpers as a user's CI runs them: decorators, the plugin's fixtures and options."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")

USER_TESTS = '''
import pytest
from minitorch_scalar import Value
from minitorch_scalar.parity import parity, parity_graph


@parity(x=[0.5, -1.0], w=[2.0, 3.0])
def test_neuron(x, w):
    return (x * w).sum().tanh()


@parity([0.5, -2.0])
def test_with_namespace(torch, x):
    return torch.sigmoid(x) * torch.relu(x)


@parity_graph(a=2.0, b=-3.0)
def test_lecture(a, b):
    return (a * b + a).tanh()


def _ours(x):
    import minitorch_scalar
    return isinstance(x, minitorch_scalar.Tensor)  # (our classes print as torch's, so not by module name)


def test_fixtures(parity_check, parity_graph_check):
    parity_check(lambda x: x.exp().sum(), [0.1, 0.2])
    parity_check(lambda x: x * 2.00001 if _ours(x) else x * 2, [1.0])  # passes only with --parity-rtol 1e-3
    parity_graph_check(Value(0.5) * Value(2.0))


@parity(x=[1.0, 2.0])
def test_planted_failure(x):
    return x * 2.0000001 if _ours(x) else x * 2
'''


ROOT = str(Path(__file__).resolve().parents[1])


def _pytest(tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """Run pytest on the user's file; the plugin is loaded by module (``no:`` skips the installed entry point)."""
    test_file = tmp_path / "test_user_parity.py"
    test_file.write_text(USER_TESTS)
    plugin = ["-p", "no:minitorch_scalar", "-p", "minitorch_scalar.parity.pytest_plugin", "-p", "no:cacheprovider"]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [ROOT, os.environ.get("PYTHONPATH")])))
    return subprocess.run(
        [sys.executable, "-m", "pytest", *plugin, "-q", str(test_file), *options],
        capture_output=True, text=True, check=False, cwd=tmp_path, env=env,
    )


def test_user_parity_tests_pass_and_a_planted_difference_fails_with_the_report(tmp_path: Path) -> None:
    """One pytest run: decorators and fixtures pass (the fixtures with the loosened --parity-rtol), the
    decorator keeps its own tight default and reports the planted difference."""
    proc = _pytest(tmp_path, "--parity-rtol", "1e-3")
    assert "1 failed, 4 passed" in proc.stdout, proc.stdout + proc.stderr
    assert "FAILED test_user_parity.py::test_planted_failure" in proc.stdout
    assert "ParityError: check_parity(test_planted_failure): MISMATCH" in proc.stdout
    assert "!! output out[1]" in proc.stdout
