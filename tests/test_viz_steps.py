"""backward_steps replays the lecture's manual backprop; render_backward writes frames and a page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from minitorch_scalar import Value, backward_steps, render_backward
from minitorch_scalar.viz.html import frames_page, inline_svg
from minitorch_scalar.viz.steps import MAX_FRAME_NODES, pass_steps

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot program is not installed")


def neuron() -> dict[str, Value]:
    """The lecture's tanh neuron, with the bias that makes the gradients nice."""
    v = {
        "x1": Value(2.0, label="x1"),
        "x2": Value(0.0, label="x2"),
        "w1": Value(-3.0, label="w1"),
        "w2": Value(1.0, label="w2"),
        "b": Value(6.8813735870195432, label="b"),
    }
    for name, expr in [
        ("x1w1", lambda: v["x1"] * v["w1"]),
        ("x2w2", lambda: v["x2"] * v["w2"]),
        ("x1w1x2w2", lambda: v["x1w1"] + v["x2w2"]),
        ("n", lambda: v["x1w1x2w2"] + v["b"]),
        ("o", lambda: v["n"].tanh()),
    ]:
        v[name] = expr()
        v[name].label = name
    return v


# The lecture's manual backprop: o.grad = 1; n.grad = 1 - o**2; then + routes, * swaps.
LECTURE_GRADS = {
    "o": 1.0, "n": 0.5, "b": 0.5, "x1w1x2w2": 0.5, "x2w2": 0.5, "x1w1": 0.5,
    "w2": 0.0, "x2": 0.5, "w1": 1.0, "x1": -1.5,
}


def test_steps_follow_the_lecture_order_and_numbers() -> None:
    steps = list(backward_steps(neuron()["o"]))
    order = [s.node.label for s in steps]
    # The lecture calls o._backward(), n._backward(), ...: any order where a node comes after every
    # node using it gives the same gradients (ours follows Value.backward(): reverse creation order).
    assert order[:2] == ["o", "n"] and sorted(order) == sorted(LECTURE_GRADS)
    position = {label: i for i, label in enumerate(order)}
    for s in steps:
        for child, _ in s.local:
            assert position[child.label] > position[s.node.label]
    assert [s.index for s in steps] == list(range(10)) and {s.total for s in steps} == {10}
    for s in steps:
        assert s.upstream == pytest.approx(LECTURE_GRADS[s.node.label], abs=1e-6)
        assert s.node.grad == s.upstream


def test_each_step_lists_local_derivatives_and_what_inputs_received() -> None:
    v = neuron()
    steps = {s.node.label: s for s in backward_steps(v["o"])}
    o, n, x1w1 = steps["o"], steps["n"], steps["x1w1"]
    assert [(c.label, round(lg, 6)) for c, lg in o.local] == [("n", 0.5)]  # 1 - tanh**2
    assert [(c.label, lg) for c, lg in n.local] == [("x1w1x2w2", 1.0), ("b", 1.0)]
    assert [(c.label, lg) for c, lg in x1w1.local] == [("x1", -3.0), ("w1", 2.0)]  # mul swaps
    assert [(c.label, round(r, 6)) for c, r in x1w1.received] == [("x1", -1.5), ("w1", 1.0)]
    assert steps["x1"].local == () and steps["x1"].received == ()


def test_describe_spells_out_the_chain_rule() -> None:
    steps = list(backward_steps(neuron()["o"]))
    first = steps[0].describe()
    assert first.startswith("step 1/10: o.grad = 1.0000 (d o / d o = 1, the seed); o = tanh(n)")
    assert "local derivatives of tanh: tanh x; d/dx = 1 - tanh(x)**2 = 1 - out**2" in first
    assert "n.grad += o.grad * do/dn = 1.0000 * 0.5000 = 0.5000" in first
    (x1w1,) = [s for s in steps if s.node.label == "x1w1"]
    assert "x1.grad += x1w1.grad * dx1w1/dx1 = 0.5000 * -3.0000 = -1.5000" in x1w1.describe()
    (x1,) = [s for s in steps if s.node.label == "x1"]
    assert x1.describe() == f"step {x1.index + 1}/10: x1.grad = -1.5000; x1 is a leaf: nothing more to pass back"


def test_finished_steps_leave_exactly_what_backward_leaves() -> None:
    def graph() -> tuple[Value, list[Value]]:
        a, b = Value(-2.0, label="a"), Value(3.0, label="b")
        d = a * b
        e = a + b
        f = (d * e).tanh() + (a ** 2) / b - e.exp() * 0.1 + (-a).sigmoid() + b.relu()
        return f, [a, b, d, e, f]

    f1, nodes1 = graph()
    f1.backward()
    f2, nodes2 = graph()
    for _ in backward_steps(f2):
        pass
    assert [n.grad for n in nodes2] == [n.grad for n in nodes1]  # bit for bit: same arithmetic, same order


def test_stopping_early_touches_only_the_steps_taken() -> None:
    v = neuron()
    it = backward_steps(v["o"])
    next(it)
    next(it)
    assert v["o"].grad == 1.0 and v["n"].grad == pytest.approx(0.5)
    assert v["b"].grad == 0.0 and v["x1"].grad == 0.0


def test_pass_steps_touch_no_grad_and_a_constant_graph_has_no_steps() -> None:
    v = neuron()
    assert len(list(pass_steps(v["o"]))) == 10
    assert all(v[k].grad == 0.0 for k in v)
    c = Value(2.0, requires_grad=False) * 3
    assert list(backward_steps(c)) == []


@needs_dot
def test_render_backward_writes_every_frame_and_a_self_contained_page(tmp_path: Path) -> None:
    v = neuron()
    page = render_backward(v["o"], tmp_path / "frames")
    assert page == tmp_path / "frames" / "index.html"
    svgs = sorted((tmp_path / "frames").glob("step_*.svg"))
    assert [p.name for p in svgs] == [f"step_{i:03d}.svg" for i in range(11)]
    html = page.read_text()
    assert html.count('<div class="frame"') == 11
    for p in svgs:
        assert inline_svg(p.read_text()) in html
    assert "<script src" not in html and "<link" not in html and "@import" not in html
    assert 'type="range"' in html and 'id="next"' in html and 'id="prev"' in html
    assert "n.grad += o.grad * do/dn = 1.0000 * 0.5000 = 0.5000" in html
    assert v["x1"].grad == pytest.approx(-1.5) and v["w1"].grad == pytest.approx(1.0)
    # Frame 0 is before backward (all grads 0); x1w1's frame outlines x1w1 and sends -1.5 to x1.
    assert "grad 0.5000" not in svgs[0].read_text()
    (step,) = [s for s in pass_steps(v["o"]) if s.node.label == "x1w1"]
    frame = svgs[step.index + 1].read_text()
    assert re.search(r'stroke="#d62728" stroke-width="3"', frame)
    assert "&#45;1.5000" in frame and frame.count('stroke-dasharray="5,2"') == 2


def test_render_backward_refuses_big_graphs(tmp_path: Path) -> None:
    y = Value(1.0)
    for _ in range(MAX_FRAME_NODES):
        y = y + 1.0
    with pytest.raises(ValueError, match="at most"):
        render_backward(y, tmp_path)


def test_frames_page_needs_frames() -> None:
    with pytest.raises(ValueError, match="at least one frame"):
        frames_page("t", [])
