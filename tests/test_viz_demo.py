"""``python -m minitorch_scalar demo``: runs the lecture end to end and writes its pictures."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from minitorch_scalar.demo import main

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot program is not installed")


@needs_dot
def test_demo_writes_graphs_frames_and_plot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("matplotlib")
    assert main(["--out", str(tmp_path / "demo"), "--steps", "5"]) == 0
    out = capsys.readouterr().out
    assert "a.grad=6  b.grad=-4  c.grad=-2  e.grad=-2  d.grad=-2  f.grad=4" in out
    assert "x1w1      grad 0.5000 -> x1 += -1.5000, w1 += 1.0000" in out
    assert "step   4: loss" in out and "written to" in out
    for name in ("L_graph.svg", "neuron_graph.svg", "neuron_backward/index.html", "mlp_graph.svg", "mlp_loss.png"):
        assert (tmp_path / "demo" / name).is_file(), name
        assert str(tmp_path / "demo" / name) in out


def test_demo_without_torch_and_without_dot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["--out", str(tmp_path / "demo"), "--steps", "2"]) == 0
    out = capsys.readouterr().out
    assert "pip install 'minitorch-scalar[parity]'" in out
    assert "apt-get install graphviz" in out
    assert (tmp_path / "demo" / "L_graph.dot").read_text().startswith("digraph {")
    assert not (tmp_path / "demo" / "neuron_backward").exists()
