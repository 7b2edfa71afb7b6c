"""The lecture's Value: its graphs with their known numbers, backward semantics, and bad input."""

from __future__ import annotations

import gc
import math
import weakref

import numpy as np
import pytest

from minitorch_scalar import Value, numerical_grad
from minitorch_scalar.value import topological_order


def lecture_L() -> tuple[Value, ...]:
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
    return a, b, c, e, d, f, L


def tanh_neuron() -> dict[str, Value]:
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    x1w1 = x1 * w1
    x2w2 = x2 * w2
    x1w1x2w2 = x1w1 + x2w2
    n = x1w1x2w2 + b
    o = n.tanh()
    return dict(x1=x1, x2=x2, w1=w1, w2=w2, b=b, x1w1=x1w1, x2w2=x2w2, x1w1x2w2=x1w1x2w2, n=n, o=o)


def test_lecture_L_graph() -> None:
    a, b, c, e, d, f, L = lecture_L()
    assert L.data == -8.0
    L.backward()
    assert (a.grad, b.grad, c.grad, f.grad) == (6.0, -4.0, -2.0, 4.0)
    assert (e.grad, d.grad, L.grad) == (-2.0, -2.0, 1.0)


def test_tanh_neuron_backward() -> None:
    g = tanh_neuron()
    g["o"].backward()
    assert g["o"].data == pytest.approx(0.7071, abs=1e-4)
    assert g["x1"].grad == pytest.approx(-1.5)
    assert g["w1"].grad == pytest.approx(1.0)
    assert g["x2"].grad == pytest.approx(0.5)
    assert g["w2"].grad == 0.0
    assert g["n"].grad == pytest.approx(0.5)


def test_tanh_neuron_manual_backward_steps() -> None:
    """The lecture sets o.grad = 1 and calls _backward() node by node, in reverse topological order."""
    g = tanh_neuron()
    g["o"].grad = 1.0
    for name in ["o", "n", "b", "x1w1x2w2", "x2w2", "x1w1", "w2", "w1", "x2", "x1"]:
        g[name]._backward()
    assert g["n"].grad == pytest.approx(0.5)
    assert g["x1"].grad == pytest.approx(-1.5)
    assert g["w1"].grad == pytest.approx(1.0)
    assert g["x2"].grad == pytest.approx(0.5)
    assert g["w2"].grad == 0.0


def test_reused_node_accumulates() -> None:
    a = Value(3.0, label="a")
    b = a + a
    b.backward()
    assert a.grad == 2.0


def test_fan_out_graph() -> None:
    a, b = Value(-2.0, label="a"), Value(3.0, label="b")
    f = (a * b) * (a + b)
    f.backward()
    assert (a.grad, b.grad) == (-3.0, -8.0)


def test_backward_twice_matches_torch_retain_graph() -> None:
    """a=2, c=a*a, d=c*c: torch with retain_graph gives a.grad 32 then 64 (the lecture's engine gives 96)."""
    a = Value(2.0)
    c = a * a
    d = c * c
    d.backward()
    assert a.grad == 32.0
    assert c.grad == 8.0
    d.backward()
    assert a.grad == 64.0
    assert c.grad == 16.0
    assert d.grad == 2.0


def test_million_op_chain_has_no_recursion_limit() -> None:
    x = Value(1.0)
    leaf = x
    for _ in range(1_000_000):
        x = x * 1.0001 + 0.0001
    x.backward()
    assert leaf.grad == pytest.approx(1.0001**1_000_000, rel=1e-6)
    del x  # freeing a million-deep graph must not overflow the C stack either


def test_graph_is_freed_by_reference_counting() -> None:
    gc.collect()
    gc.disable()
    try:
        a = Value(1.5)
        out = (a * 2.0 + a).tanh() ** 2 / (a.exp() - 1.0)
        out.backward()
        ref = weakref.ref(out)
        del out
        assert ref() is None  # no reference cycle kept the output alive
    finally:
        gc.enable()


def test_requires_grad_false_leaf_collects_nothing() -> None:
    a = Value(2.0)
    k = Value(3.0, requires_grad=False)
    y = a * k
    y.backward()
    assert a.grad == 3.0
    assert k.grad == 0.0
    assert y.requires_grad and not k.requires_grad


def test_graph_without_grad_is_a_no_op() -> None:
    k = Value(3.0, requires_grad=False)
    y = k * 2
    assert not y.requires_grad
    y.backward()
    assert k.grad == 0.0


def test_numbers_on_either_side() -> None:
    x = Value(3.0)
    assert (2 * x).data == 6.0
    assert (x / 2).data == 1.5
    assert (2 / x).data == pytest.approx(2 / 3)
    assert (1 - x).data == -2.0
    assert (x - 1).data == 2.0
    assert (1 + x).data == 4.0
    assert (-x).data == -3.0
    assert (+x) is x
    assert (x**2).data == 9.0
    assert (2**x).data == 8.0
    assert (x**x).data == 27.0
    assert x.pow(2).data == 9.0
    y = 2**x
    y.backward()
    assert x.grad == pytest.approx(8 * math.log(2))


def test_op_labels_follow_the_lecture() -> None:
    x = Value(3.0)
    assert (x + x)._op == "+"
    assert (x * x)._op == "*"
    assert (x**2)._op == "**2"
    assert x.tanh()._op == "tanh"
    assert (x**2)._prev == (x,)
    assert x._op == "" and x._prev == ()


def test_children_order_is_deterministic() -> None:
    a, b = Value(1.0), Value(2.0)
    assert (a * b)._prev == (a, b)
    assert (b * a)._prev == (b, a)


def test_torch_named_methods() -> None:
    x = Value(0.5)
    assert x.exp().data == pytest.approx(math.exp(0.5))
    assert x.log().data == pytest.approx(math.log(0.5))
    assert x.sigmoid().data == pytest.approx(1 / (1 + math.exp(-0.5)))
    assert x.relu().data == 0.5
    assert x.sqrt().data == pytest.approx(math.sqrt(0.5))
    assert Value(-2.0).abs().data == 2.0
    assert abs(Value(-2.0)).data == 2.0
    assert x.item() == 0.5 and float(x) == 0.5
    assert x.sin().data == pytest.approx(math.sin(0.5)) and x.cos().data == pytest.approx(math.cos(0.5))


def test_tanh_does_not_overflow() -> None:
    assert Value(1000.0).tanh().data == 1.0
    assert Value(-1000.0).tanh().data == -1.0


def test_special_points_never_raise() -> None:
    assert Value(1.0) / 0 > 1e308
    assert math.isnan((Value(0.0) / 0).data)
    assert math.isnan((Value(-8.0) ** (1 / 3)).data)
    assert Value(0.0).log().data == -math.inf
    assert Value(1000.0).exp().data == math.inf


def test_comparisons_bool_and_hash() -> None:
    a, b = Value(1.0), Value(2.0)
    assert a < b and b > a and a <= 1.0 and b >= 2 and not (a > 5)
    assert isinstance(a < b, bool)
    assert bool(Value(0.0)) is False and bool(Value(-0.5)) is True
    twin = Value(1.0)
    assert a != twin and a == a  # identity: equal data is not the same node
    assert len({a, twin, a}) == 2


def test_repr_shows_data_and_grad() -> None:
    a = Value(2.0)
    (a * a).backward()
    assert repr(a) == "Value(data=2.0, grad=4.0)"


def test_lecture_constructor_arguments() -> None:
    a = Value(2.0, label="a")
    b = Value(3.0, (a,), "+", label="b")
    assert b._prev == (a,) and b._op == "+" and b.label == "b"
    b.label = "renamed"
    assert b.label == "renamed"


@pytest.mark.parametrize("bad", ["abc", None, [1], {"a": 1}, 1 + 2j])
def test_bad_data_raises_type_error_naming_the_type(bad: object) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        Value(bad)


def test_numbers_are_accepted() -> None:
    assert Value(True).data == 1.0
    assert Value(np.float32(1.5)).data == 1.5
    assert Value(np.int64(3)).data == 3.0
    assert Value(np.bool_(False)).data == 0.0
    assert isinstance(Value(2).data, float)


def test_adding_a_string_raises_type_error() -> None:
    with pytest.raises(TypeError, match="'Value' and 'str'"):
        Value(1.0) + "x"
    with pytest.raises(TypeError, match="'str' and 'Value'"):
        "x" - Value(1.0)
    with pytest.raises(TypeError):
        Value(1.0) ** "x"
    with pytest.raises(TypeError, match="exponent"):
        Value(1.0).pow("x")


def test_topological_order_puts_inputs_first() -> None:
    a, b, c, e, d, f, L = lecture_L()
    order = topological_order(L)
    pos = {id(v): i for i, v in enumerate(order)}
    for v in order:
        for child in v._prev:
            assert pos[id(child)] < pos[id(v)]
    assert order[-1] is L and len(order) == 7


def test_topological_order_diamond_regression() -> None:
    """A node reached twice, once through a longer path, still comes before its users."""
    a = Value(1.0)
    b = a * 2.0
    r = b * (b + a)  # children (b, b+a), and b+a depends on b and a
    r.backward()
    assert a.grad == pytest.approx(numerical_grad(lambda x: (x * 2.0) * ((x * 2.0) + x), 1.0)[0], rel=1e-6)


def test_numerical_grad_on_floats_and_values() -> None:
    g = numerical_grad(lambda x, y: x * y + x**3, 2.0, Value(-1.0))
    assert g[0] == pytest.approx(-1.0 + 12.0, rel=1e-6)
    assert g[1] == pytest.approx(2.0, rel=1e-6)
    with pytest.raises(ValueError):
        numerical_grad(lambda x: x, 1.0, eps=0.0)
