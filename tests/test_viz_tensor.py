"""draw_dot on our Tensor engine's graphs (torch-free)."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import minitorch_scalar as torch
from minitorch_scalar import draw_dot
from minitorch_scalar.viz import render

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot program is not installed")


def lecture_neuron() -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
    """The lecture's torch cell: the tanh neuron in float64 tensors."""
    leaves = {
        "x1": torch.tensor([2.0], dtype=torch.float64, requires_grad=True),
        "x2": torch.tensor([0.0], dtype=torch.float64, requires_grad=True),
        "w1": torch.tensor([-3.0], dtype=torch.float64, requires_grad=True),
        "w2": torch.tensor([1.0], dtype=torch.float64, requires_grad=True),
        "b": torch.tensor([6.8813735870195432], dtype=torch.float64, requires_grad=True),
    }
    n = leaves["x1"] * leaves["w1"] + leaves["x2"] * leaves["w2"] + leaves["b"]
    return torch.tanh(n), leaves


def test_one_node_per_grad_fn_and_leaves_as_records() -> None:
    o, leaves = lecture_neuron()
    o.backward()
    src = draw_dot(o, params=leaves).source
    assert src.count("label=MulBackward0") == 2 and src.count("label=AddBackward0") == 2
    assert src.count("label=TanhBackward0") == 1
    assert "{ x1 | shape (1,) | data [2.0000] | grad [-1.5000] }" in src
    assert "{ w1 | shape (1,) | data [-3.0000] | grad [1.0000] }" in src
    assert "{ w2 | shape (1,) | data [1.0000] | grad [0.0000] }" in src
    assert "{ output | shape (1,) | data [0.7071] }" in src
    assert src.count("->") == 1 + 1 + 2 + 2 + 2 + 2  # o, tanh, add(add, b), add(mul, mul), two muls


def test_same_tensor_graph_same_source() -> None:
    assert draw_dot(lecture_neuron()[0]).source == draw_dot(lecture_neuron()[0]).source


def test_backprop_edges_on_tensor_graphs() -> None:
    o, _ = lecture_neuron()
    src = draw_dot(o, show_backprop=True, rankdir="TB").source
    assert src.count("style=dashed") == 10 and "rankdir=TB" in src


@needs_dot
def test_rendered_tensor_svg(tmp_path: Path) -> None:
    o, leaves = lecture_neuron()
    o.backward()
    svg = render(draw_dot(o, params=leaves), tmp_path / "neuron.svg").read_text()
    texts = [t.text for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert texts.count("MulBackward0") == 2 and "TanhBackward0" in texts
    i = texts.index("x1")
    assert texts[i + 1: i + 4] == ["shape (1,)", "data [2.0000]", "grad [-1.5000]"]
