"""Drawings against real torch: the same Tensor graph drawn from both engines, and draw_parity."""

from __future__ import annotations

import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import minitorch_scalar as ours
from minitorch_scalar import Value, draw_dot, draw_parity
from minitorch_scalar.viz import render
from minitorch_scalar.viz.parity_view import MISMATCH_COLOR

torch = pytest.importorskip("torch")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot program is not installed")


def neuron() -> tuple[Value, dict[str, Value]]:
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    n = x1 * w1 + x2 * w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    return o, {"x1": x1, "x2": x2, "w1": w1, "w2": w2, "b": b}


def small_net(T: object) -> tuple[object, dict[str, object]]:
    """The same computation in either namespace (ours or torch's)."""
    W = T.tensor([[1.0, -2.0], [0.5, 3.0]], requires_grad=True)  # type: ignore[attr-defined]
    b = T.tensor([0.1, -0.2], requires_grad=True)  # type: ignore[attr-defined]
    x = T.tensor([2.0, 1.0])  # type: ignore[attr-defined]
    h = (W @ x + b).tanh()
    y = (h * h * 2 - h.sigmoid()).sum()
    y.backward()
    return y, {"W": W, "b": b}


@pytest.mark.parametrize("show_backprop", [False, True])
def test_tensor_graph_drawn_from_ours_equals_drawn_from_torch(show_backprop: bool) -> None:
    y_ours, p_ours = small_net(ours)
    y_torch, p_torch = small_net(torch)
    src_ours = draw_dot(y_ours, params=p_ours, show_backprop=show_backprop).source
    src_torch = draw_dot(y_torch, params=p_torch, show_backprop=show_backprop).source
    assert src_ours == src_torch
    for name in ("SumBackward0", "SubBackward0", "MulBackward0", "SigmoidBackward0", "TanhBackward0",
                 "AddBackward0", "MvBackward0"):
        assert f"label={name}" in src_torch
    assert "{ W | shape (2, 2) | data [[ 1.0000, -2.0000], [ 0.5000,  3.0000]] | grad [[" in src_torch


def test_unnamed_leaves_and_large_tensors() -> None:
    x = torch.ones(3, 4, requires_grad=True)
    y = (x * 2).sum()
    src = draw_dot(y).source
    assert "{ AccumulateGrad | shape (3, 4) | grad None }" in src  # 12 elements: no values shown
    y.backward()
    assert "{ AccumulateGrad | shape (3, 4) }" in draw_dot(y).source
    assert "{ AccumulateGrad | shape (3, 4) }" in draw_dot(y, show_grad=False).source
    assert "{ output | shape () | data 24.0000 }" in src


def test_tensor_without_grad_fn_is_just_the_output() -> None:
    src = draw_dot(torch.tensor([1.0, 2.0])).source
    assert "{ output | shape (2,) | data [1.0000, 2.0000] }" in src and "->" not in src


def test_tensor_graph_collapses_past_max_nodes() -> None:
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(300):
        y = y * 1.001
    src = draw_dot(y, max_nodes=20).source
    assert src.count("label=MulBackward0") == 20
    assert "more inputs not drawn" in src and "collapsed -> " in src


@needs_dot
def test_rendered_tensor_graph(tmp_path: Path) -> None:
    y, params = small_net(ours)
    svg = render(draw_dot(y, params=params), tmp_path / "net.svg").read_text()
    for text in ("MvBackward0", "TanhBackward0", "SumBackward0", "shape (2, 2)", "output"):
        assert f">{text}</text>" in svg
    titles = [t.text or "" for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}title")]
    # output <- Sum <- Sub; Sub <- Mul(*2) <- Mul(h*h) <- Tanh (twice); Sub <- Sigmoid <- Tanh;
    # Tanh <- Add <- Mv <- W; Add <- b: 12 edges.
    assert len([t for t in titles if "->" in t]) == 12


def test_draw_parity_agrees_on_the_lecture_neuron() -> None:
    o, leaves = neuron()
    src = draw_parity(o).source
    assert "{ x1 | data 2.0000 | ours -1.5000 | torch -1.5000 }" in src
    assert "{ w2 | data 1.0000 | ours 0.0000 | torch 0.0000 }" in src
    assert "{ o | data 0.7071 | ours 1.0000 | torch 1.0000 }" in src
    assert MISMATCH_COLOR not in src and ": OK:" in src
    assert all(v.grad == 0.0 for v in leaves.values())  # 'fresh' comparison leaves the graph as it was


def test_draw_parity_paints_a_wrong_gradient_red() -> None:
    o, leaves = neuron()
    o.backward()
    leaves["w1"].grad = 5.0  # a learner's wrong manual gradient
    src = draw_parity(o).source
    assert f'{{ w1 | data -3.0000 | ours 5.0000 | torch 1.0000 }}" fillcolor="{MISMATCH_COLOR}"' in src
    assert src.count(MISMATCH_COLOR) == 1 and "MISMATCH" in src


def test_draw_parity_without_torch_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)
    o, _ = neuron()
    with pytest.raises(ImportError, match=r"pip install 'minitorch-scalar\[parity\]'"):
        draw_parity(o)
