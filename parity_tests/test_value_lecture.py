"""The micrograd lecture's graphs, replayed node for node in torch with ``check_graph``."""

from __future__ import annotations

import pytest

from minitorch_scalar import Value
from minitorch_scalar.nn import MLP
from minitorch_scalar.parity import ParityError, assert_graph, check_graph, parity_graph
from minitorch_scalar.parity.replay import graph_nodes

pytest.importorskip("torch")


def lecture_L() -> Value:
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
    return L


def lecture_neuron(tanh_by_exp: bool) -> Value:
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    n = x1 * w1 + x2 * w2 + b
    n.label = "n"
    if tanh_by_exp:
        e = (2 * n).exp()
        o = (e - 1) / (e + 1)
    else:
        o = n.tanh()
    o.label = "o"
    return o


def test_L_graph_matches_torch_and_the_lecture_numbers() -> None:
    report = assert_graph(lecture_L())
    grads = {e.name: e.torch for e in report.entries if e.kind == "grad"}
    assert grads == {"a": 6.0, "b": -4.0, "c": -2.0, "e": -2.0, "d": -2.0, "f": 4.0, "L": 1.0}


@pytest.mark.parametrize("tanh_by_exp", [False, True], ids=["tanh", "exp-formula"])
def test_tanh_neuron_matches_torch(tanh_by_exp: bool) -> None:
    report = assert_graph(lecture_neuron(tanh_by_exp))
    grads = {e.name: e.ours for e in report.entries if e.kind == "grad"}
    assert grads["x1"] == pytest.approx(-1.5) and grads["w2"] == 0.0 and grads["x2"] == pytest.approx(0.5)


def test_b_equals_a_plus_a_accumulates_like_torch() -> None:
    a = Value(3.0, label="a")
    b = a + a
    b.label = "b"
    report = assert_graph(b)
    assert [e.ours for e in report.entries if e.kind == "grad" and e.name == "a"] == [2.0]


def test_fan_out_graph_matches_torch() -> None:
    a, b = Value(-2.0, label="a"), Value(3.0, label="b")
    d = a * b
    e = a + b
    f = d * e
    f.label = "f"
    report = assert_graph(f)
    grads = {e.name: e.ours for e in report.entries if e.kind == "grad"}
    assert grads["a"] == -3.0 and grads["b"] == -8.0


def test_mlp_loss_matches_torch() -> None:
    model = MLP(3, [4, 4, 1], seed=0)
    xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
    ys = [1.0, -1.0, -1.0, 1.0]
    preds = [model(x) for x in xs]
    loss = sum(((p - y) ** 2 for p, y in zip(preds, ys)), Value(0.0, requires_grad=False))
    loss.label = "loss"
    report = assert_graph(loss)
    assert sum(e.kind == "grad" for e in report.entries) > len(model.parameters())


def test_existing_grads_after_one_backward_match_and_after_two_do_not() -> None:
    L = lecture_L()
    L.backward()
    assert check_graph(L).ok  # 'auto' picks the grads backward() left
    L.backward()  # grads accumulate: now twice torch's single pass
    report = check_graph(L)
    assert not report.ok
    assert "root 'L'" in report.diagnosis[0]


def test_check_graph_leaves_grads_untouched() -> None:
    L = lecture_L()
    before = [n.grad for n in graph_nodes(L)]
    assert check_graph(L, grads="fresh").ok
    assert [n.grad for n in graph_nodes(L)] == before


def test_hand_set_grads_are_checked_like_the_lecture_does() -> None:
    """The lecture first fills in grads by hand; a wrong one is named."""
    L = lecture_L()
    nodes = {n.label: n for n in graph_nodes(L)}
    for name, g in {"L": 1.0, "f": 4.0, "d": -2.0, "e": -2.0, "c": -2.0, "a": 6.0, "b": 4.0}.items():
        nodes[name].grad = g  # b's grad is wrong: -4.0
    report = check_graph(L, grads="existing")
    assert [e.name for e in report.mismatches] == ["b"]
    assert "e (mul, input 1)" in report.diagnosis[0]


def test_deep_chain_is_replayed_without_recursion() -> None:
    x = Value(0.5, label="x")
    y = x
    for _ in range(20_000):
        y = y * 1.0 + 0.0
    report = assert_graph(y)
    assert len(report.entries) > 80_000


@parity_graph(a=2.0, b=-3.0)
def test_decorator_form(a: Value, b: Value) -> Value:
    return (a * b + a ** 2).tanh()


def test_decorator_reports_a_failure() -> None:
    @parity_graph(a=0.5)
    def broken(a: Value) -> Value:
        out = a.tanh()
        out.data += 1e-6  # a forward that is off
        return out * 2

    with pytest.raises(ParityError, match="the forward of tanh is wrong"):
        broken()
