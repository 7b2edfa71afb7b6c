"""draw_dot on Value graphs: the DOT source, and (with Graphviz's `dot`) the rendered SVG and PNG."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import minitorch_scalar
from minitorch_scalar import Value, draw_dot
from minitorch_scalar.viz import DotNotFoundError, Graph, render, trace
from minitorch_scalar.viz.draw import CONSTANT_COLOR, PARAMETER_COLOR

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot program is not installed")
SVG = "{http://www.w3.org/2000/svg}"


def lecture_L() -> dict[str, Value]:
    """The lecture's L = (a*b + c) * f, with its labels."""
    a = Value(2.0, label="a")
    b = Value(-3.0, label="b")
    c = Value(10.0, label="c")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    f = Value(-2.0, label="f")
    L = d * f
    L.label = "L"
    return {"a": a, "b": b, "c": c, "e": e, "d": d, "f": f, "L": L}


def svg_parts(svg: str) -> tuple[list[str], list[str]]:
    """(texts, titles) of a dot SVG: what is written in the nodes, and node/edge names."""
    tree = ET.fromstring(svg)
    texts = [t.text or "" for t in tree.iter(SVG + "text")]
    titles = [t.text or "" for t in tree.iter(SVG + "title")]
    return texts, titles


def test_records_show_label_data_and_grad_as_the_lecture() -> None:
    g = lecture_L()
    g["L"].backward()
    src = draw_dot(g["L"]).source
    assert "{ a | data 2.0000 | grad 6.0000 }" in src
    assert "{ b | data -3.0000 | grad -4.0000 }" in src
    assert "{ c | data 10.0000 | grad -2.0000 }" in src
    assert "{ f | data -2.0000 | grad 4.0000 }" in src
    assert "{ L | data -8.0000 | grad 1.0000 }" in src
    assert src.count("shape=record") == 7
    assert src.count("_op [label=") == 3


def test_edges_run_input_to_op_to_output() -> None:
    g = lecture_L()
    src = draw_dot(g["L"]).source
    # n0 is L; its op node gets d and f, in the order they were combined.
    assert "n0_op -> n0" in src
    lines = [ln.strip() for ln in src.splitlines() if "->" in ln]
    assert len(lines) == 3 + 6
    ids = {v: f"n{i}" for i, v in enumerate(trace_bfs(g["L"]))}
    assert f"{ids[g['d']]} -> n0_op" in src and f"{ids[g['f']]} -> n0_op" in src
    assert f"{ids[g['a']]} -> {ids[g['e']]}_op" in src


def trace_bfs(root: Value) -> list[Value]:
    from minitorch_scalar.viz.draw import bfs_order

    return bfs_order(root)


def test_same_graph_same_source() -> None:
    first = draw_dot(lecture_L()["L"]).source
    second = draw_dot(lecture_L()["L"]).source
    assert first == second


def test_show_grad_false_and_rankdir_tb() -> None:
    g = lecture_L()
    dot = draw_dot(g["L"], show_grad=False, rankdir="TB")
    assert "{ a | data 2.0000 }" in dot.source
    assert "| grad" not in dot.source
    assert "rankdir=TB" in dot.source


def test_bad_arguments() -> None:
    root = lecture_L()["L"]
    with pytest.raises(ValueError, match="rankdir"):
        draw_dot(root, rankdir="RL")
    with pytest.raises(ValueError, match="max_nodes"):
        draw_dot(root, max_nodes=0)
    with pytest.raises(TypeError, match="Value or a Tensor"):
        draw_dot(3.0)


def test_colors_distinguish_parameters_constants_and_intermediates() -> None:
    x = Value(3.0, label="x")
    y = 2 * x
    src = draw_dot(y).source
    assert f'{{ x | data 3.0000 | grad 0.0000 }}" fillcolor="{PARAMETER_COLOR}"' in src
    assert f'{{  | data 2.0000 | grad 0.0000 }}" fillcolor="{CONSTANT_COLOR}"' in src
    assert "blue: leaves with requires_grad" in src
    plain = draw_dot(y, colors=False).source
    assert "fillcolor" not in plain and "blue:" not in plain


def test_backprop_edges_carry_what_each_input_received() -> None:
    g = lecture_L()
    g["L"].backward()
    src = draw_dot(g["L"], show_backprop=True).source
    flows = [ln for ln in src.splitlines() if "style=dashed" in ln]
    assert len(flows) == 6
    ids = {v: f"n{i}" for i, v in enumerate(trace_bfs(g["L"]))}
    # L = d * f: d receives L.grad * f = -2, f receives L.grad * d = 4; a receives e.grad * b = -2 * -3 = 6.
    assert any(ln.strip().startswith(f"n0 -> {ids[g['d']]} [label=-2.0000") for ln in flows)
    assert any(ln.strip().startswith(f"n0 -> {ids[g['f']]} [label=4.0000") for ln in flows)
    assert any(ln.strip().startswith(f"{ids[g['e']]} -> {ids[g['a']]} [label=6.0000") for ln in flows)
    assert "style=dashed" not in draw_dot(g["L"]).source
    assert "style=dashed" not in draw_dot(lecture_L()["L"], show_backprop=True).source  # before backward


def test_reused_input_keeps_both_edges() -> None:
    a = Value(3.0, label="a")
    b = a + a
    src = draw_dot(b).source
    assert src.count("n1 -> n0_op") == 2
    nodes, edges = trace(b)
    assert nodes == [b, a] and edges == [(a, b), (a, b)]


def test_trace_is_depth_first_with_inputs_in_order() -> None:
    g = lecture_L()
    nodes, edges = trace(g["L"])
    assert [v.label for v in nodes] == ["L", "d", "e", "a", "b", "c", "f"]
    assert [(x.label, y.label) for x, y in edges] == [
        ("d", "L"), ("f", "L"), ("e", "d"), ("c", "d"), ("a", "e"), ("b", "e")
    ]


def test_record_specials_are_escaped() -> None:
    v = Value(1.0, label="a|b{c}<d>")
    assert r"{ a\|b\{c\}\<d\> | data 1.0000" in draw_dot(v).source


def test_large_graph_is_collapsed_with_a_note_and_no_recursion() -> None:
    x = Value(1.0, label="x")
    y = x
    for _ in range(20000):
        y = y * 1.0
    src = draw_dot(y, max_nodes=40).source
    assert src.count("shape=record") == 40
    assert "39961 more Values not drawn" in src and "graph has 40001" in src
    assert "collapsed -> " in src


def test_missing_dot_raises_with_install_instructions(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    dot = draw_dot(lecture_L()["L"])
    assert isinstance(dot, Graph)
    for attempt in (lambda: render(dot, tmp_path / "g.svg"), lambda: dot.pipe(), dot._repr_image_svg_xml,
                    lambda: dot.render(tmp_path / "g")):
        with pytest.raises(DotNotFoundError, match="apt-get install graphviz") as info:
            attempt()
        assert "brew install graphviz" in str(info.value) and "graphviz.org/download" in str(info.value)


def test_render_needs_a_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="suffix"):
        render(draw_dot(Value(1.0)), tmp_path / "graph")


@needs_dot
def test_rendered_svg_of_the_lecture_L(tmp_path: Path) -> None:
    g = lecture_L()
    g["L"].backward()
    path = render(draw_dot(g["L"]), tmp_path / "L.svg")
    texts, titles = svg_parts(path.read_text())
    for label, data, grad in [("a", "2.0000", "6.0000"), ("b", "-3.0000", "-4.0000"), ("c", "10.0000", "-2.0000"),
                              ("e", "-6.0000", "-2.0000"), ("d", "4.0000", "-2.0000"), ("f", "-2.0000", "4.0000"),
                              ("L", "-8.0000", "1.0000")]:
        i = texts.index(label)
        assert texts[i + 1: i + 3] == [f"data {data}", f"grad {grad}"]
    assert texts.count("*") == 2 and texts.count("+") == 1
    edges = [t for t in titles if "->" in t]
    assert len(edges) == 9 and "n0_op->n0" in edges


@needs_dot
def test_rendered_svg_of_the_tanh_neuron_and_png(tmp_path: Path) -> None:
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    n = x1 * w1 + x2 * w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    o.backward()
    texts, _ = svg_parts(draw_dot(o).pipe(format="svg", encoding="utf-8"))
    assert texts[texts.index("o") + 1: texts.index("o") + 3] == ["data 0.7071", "grad 1.0000"]
    assert texts[texts.index("x1") + 2] == "grad -1.5000"
    assert texts[texts.index("w1") + 2] == "grad 1.0000"
    assert "tanh" in texts
    png = render(draw_dot(o, format="png"), tmp_path / "o.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_top_level_exports() -> None:
    for name in ("draw_dot", "draw_parity", "backward_steps", "render_backward"):
        assert name in minitorch_scalar.__all__
        assert getattr(minitorch_scalar, name) is getattr(minitorch_scalar.viz, name)
