"""Replay tapes: bit-identical to rebuilding the graph, on every registry op and on the lecture's MLP."""

from __future__ import annotations

import math
import random
from typing import Any, cast

import numpy as np
import pytest

import minitorch_scalar as ms
from minitorch_scalar import Value, ops
from minitorch_scalar.math_backends import FLOAT, FLOAT_ARRAY
from minitorch_scalar.nn import MLP
from minitorch_scalar.tape import Replayed, Tape, trace


def same_bits(a: float, b: float) -> bool:
    """Equal as IEEE doubles: nan matches nan, and 0.0 does not match -0.0."""
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def test_exports() -> None:
    assert ms.tape.trace is trace and ms.Tape is Tape
    assert ms.trace(ms.eye(3)).item() == 3.0  # torch.trace is the matrix trace; the recorder lives in ms.tape


# ---- the lecture's training loop -----------------------------------------------------------------
def moons(n: int) -> tuple[list[list[float]], list[float]]:
    rng = random.Random(3)
    xs = [[rng.uniform(-1.5, 2.5), rng.uniform(-1.0, 1.5)] for _ in range(n)]
    ys = [1.0 if x[1] > 0.5 * math.sin(3 * x[0]) else -1.0 for x in xs]
    return xs, ys


def train(steps: int, use_tape: bool) -> tuple[list[float], list[float], list[float]]:
    xs, ys = moons(12)
    model = MLP(2, [4, 4, 1], seed=0)

    def loss_fn() -> Any:
        return sum(((cast(Value, model(x)) - y) ** 2 for x, y in zip(xs, ys)), Value(0.0, requires_grad=False))

    if use_tape:
        loss_fn = trace(loss_fn)  # the one-line switch
    losses = []
    for _ in range(steps):
        loss = loss_fn()
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= 0.05 * p.grad
        losses.append(loss.data)
    params = model.parameters()
    return losses, [p.data for p in params], [p.grad for p in params]


def test_training_loop_is_bit_identical_to_rebuilding() -> None:
    rebuilt = train(4, use_tape=False)
    replayed = train(4, use_tape=True)
    for got, want in zip(replayed, rebuilt):
        assert len(got) == len(want)
        assert all(same_bits(g, w) for g, w in zip(got, want))
    assert rebuilt[0][-1] < rebuilt[0][0]  # it does train


# ---- every registry op, at ordinary points and at its kinks ----------------------------------------
def graph(op: ops.Op, *xs: Value) -> Value:
    """The op inside a small graph: inputs are reused and the output feeds two more ops."""
    pre = [x * 1.0 for x in xs]
    out = Value._apply(op, tuple(pre))
    return out * xs[0] + out


def points(op: ops.Op) -> list[tuple[float, ...]]:
    rng = random.Random(op.name)
    ordinary = [tuple(rng.uniform(lo, hi) for lo, hi in op.domain) for _ in range(5)]
    return ordinary + [k[0] for k in op.kinks]


@pytest.mark.parametrize("op", list(ops.REGISTRY.values()), ids=list(ops.REGISTRY))
def test_every_op_replays_bit_identically(op: ops.Op) -> None:
    pts = points(op)
    leaves = [Value(v) for v in pts[0]]
    tape = trace(lambda *xs: graph(op, *xs), tuple(leaves))
    for p in pts:
        fresh = [Value(v) for v in p]
        rebuilt = graph(op, *fresh)
        rebuilt.backward()
        again = [Value(v) for v in p]
        out = tape(*again)
        out.backward()
        assert same_bits(out.data, rebuilt.data), (p, out.data, rebuilt.data)
        for a, f in zip(again, fresh):
            assert same_bits(a.grad, f.grad), (p, a.grad, f.grad)


def test_batched_op_groups_replay_each_element_exactly() -> None:
    """Many nodes of one op at one level become one numpy call; every element must still match."""
    rng = random.Random(7)
    xs = [rng.uniform(-3.0, 3.0) for _ in range(64)]
    w = Value(0.7)

    def fn(*inputs: Value) -> Value:
        terms = [(w * x).tanh() * (x * w).exp() + (x**2 + 1.0).log() + (2.0**x) / (x - 5.0) for x in inputs]
        return sum(terms, Value(0.0, requires_grad=False))

    tape = trace(fn, tuple(xs))
    new = [rng.uniform(-3.0, 3.0) for _ in range(64)]
    w.grad = 0.0
    out = tape(*new)
    out.backward()
    replay_grad = w.grad
    w.grad = 0.0
    rebuilt = fn(*[Value(v, requires_grad=False) for v in new])
    rebuilt.backward()
    assert same_bits(out.data, rebuilt.data)
    assert same_bits(replay_grad, w.grad)


# ---- semantics ----------------------------------------------------------------------------------
def test_replay_reads_updated_parameters_and_new_inputs() -> None:
    w = Value(2.0)
    tape = trace(lambda x: (w * x).tanh(), (0.5,))
    assert tape(0.5).data == math.tanh(1.0)
    w.data = -1.0
    assert tape(0.25).data == math.tanh(-0.25)


def test_backward_accumulates_like_value_backward() -> None:
    w = Value(3.0)
    out = trace(lambda x: w * w * x, (2.0,))(2.0)
    assert isinstance(out, Replayed) and out.item() == 18.0 and float(out) == 18.0
    out.backward()
    assert w.grad == 12.0
    out.backward()  # a second call adds the same amount again, as Value.backward does
    assert w.grad == 24.0


def test_input_values_that_require_grad_get_grads() -> None:
    a, b = Value(2.0), Value(-3.0)
    tape = trace(lambda x, y: x * y + x, (a, b))
    c, d = Value(4.0), Value(5.0)
    out = tape(c, d)
    out.backward()
    assert (out.data, c.grad, d.grad) == (24.0, 6.0, 4.0)
    assert (a.grad, b.grad) == (0.0, 0.0)


def test_nested_lists_and_arrays_as_inputs() -> None:
    w = Value(1.5)

    def fn(batch: list[list[Value]], targets: list[Value]) -> Value:
        return sum(((w * row[0] + row[1] - t) ** 2 for row, t in zip(batch, targets)), Value(0.0, requires_grad=False))

    X = np.array([[1.0, 2.0], [3.0, -1.0]])
    tape = trace(fn, (X, [0.5, 1.0]))
    X2 = np.array([[0.5, 0.0], [-1.0, 2.0]])
    out = tape(X2, [1.0, 0.0])
    want = (1.5 * 0.5 + 0.0 - 1.0) ** 2 + (1.5 * -1.0 + 2.0 - 0.0) ** 2
    assert out.data == want
    out.backward()
    assert w.grad == pytest.approx(2 * (1.5 * 0.5 - 1.0) * 0.5 + 2 * (1.5 * -1.0 + 2.0) * -1.0)


def test_wrong_structure_raises_value_error() -> None:
    tape = trace(lambda x, y: x * y, (1.0, 2.0))
    with pytest.raises(ValueError, match="structure"):
        tape(1.0)
    with pytest.raises(ValueError, match="structure"):
        tape(1.0, [2.0])


def test_bad_arguments_raise_type_error() -> None:
    with pytest.raises(TypeError, match="callable"):
        trace(3.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must return a Value"):
        trace(lambda x: 2.0, (1.0,))
    with pytest.raises(TypeError, match="str"):
        trace(lambda x: x, ("a",))
    with pytest.raises(TypeError, match="tuple"):
        trace(lambda x: x, 1.0)  # type: ignore[arg-type]
    v = Value(1.0)
    with pytest.raises(ValueError, match="twice"):
        trace(lambda x, y: x * y, (v, v))


def test_output_without_grad_makes_backward_a_no_op() -> None:
    c = Value(2.0, requires_grad=False)
    out = trace(lambda x: c * x, (3.0,))(4.0)
    out.backward()
    assert out.data == 8.0 and c.grad == 0.0


def test_leaf_output_and_deep_chain() -> None:
    w = Value(1.0)
    out = trace(lambda: w)()
    out.backward()
    assert w.grad == 1.0
    w.grad = 0.0

    def chain() -> Value:
        x = w
        for _ in range(5000):
            x = x * 1.0001 + 0.0001
        return x

    tape = trace(chain)
    assert len(tape) > 10_000
    rebuilt = chain()
    rebuilt.backward()
    want = w.grad
    w.grad = 0.0
    replayed = tape()
    replayed.backward()
    assert same_bits(replayed.data, rebuilt.data) and same_bits(w.grad, want)
    assert "levels=10001" in repr(tape)


# ---- the backend that makes replay exact -----------------------------------------------------------
@pytest.mark.parametrize("name", ["exp", "log", "tanh", "sigmoid", "sqrt", "relu", "abs", "sign", "step"])
def test_float_array_backend_matches_float_bit_for_bit(name: str) -> None:
    xs = np.random.default_rng(0).normal(0.0, 3.0, size=2000)
    xs = np.concatenate([xs, [0.0, -0.0, math.inf, -math.inf, math.nan, 800.0, -800.0]])
    got = getattr(FLOAT_ARRAY, name)(xs)
    want = [getattr(FLOAT, name)(float(x)) for x in xs]
    assert all(same_bits(float(g), w) for g, w in zip(got, want))


def test_float_array_pow_and_div_match_float() -> None:
    rng = np.random.default_rng(1)
    x = np.concatenate([rng.uniform(-3, 3, 500), [0.0, 0.0, -8.0, 2.0]])
    y = np.concatenate([rng.uniform(-3, 3, 500), [-1.0, 0.0, 1.5, 0.0]])
    for name in ("pow", "div"):
        got = getattr(FLOAT_ARRAY, name)(x, y)
        want = [getattr(FLOAT, name)(float(a), float(b)) for a, b in zip(x, y)]
        assert all(same_bits(float(g), w) for g, w in zip(got, want)), name


# ---- Value engine internals the tape relies on ----------------------------------------------------
def test_number_operands_become_constant_leaves_on_request() -> None:
    """``x * 2.0`` keeps 2.0 as a float until ``_prev``/``_args`` is read, then it is one stable Value."""
    x = Value(3.0)
    y = x * 2.0
    z = 1.0 - x
    c = y._prev[1]
    assert isinstance(c, Value) and c.data == 2.0 and not c.requires_grad and c.is_leaf
    assert y._prev[1] is c and y._args == (x, c)
    c.label = "two"
    assert y._prev[1].label == "two"
    assert z._prev[0].data == 1.0 and z._prev[1] is x
    y.backward()
    assert x.grad == 2.0 and c.grad == 0.0  # backward works the same before and after the request
    assert (x**2)._args == (x, 2.0) and (x**2)._prev == (x,)  # an exponent stays a plain number


def test_creation_order_is_a_topological_order_after_constants_appear() -> None:
    x = Value(0.5)
    y = (x * 3.0).tanh() + x
    _ = y._prev[0]._prev[0]._prev  # materialise the constant 3.0 after y exists
    order = topological_order_of_all(y)
    position = {id(v): i for i, v in enumerate(order)}
    assert all(position[id(c)] < position[id(v)] for v in order for c in v._prev)


def topological_order_of_all(root: Value) -> list[Value]:
    from minitorch_scalar.tape import _all_nodes

    return _all_nodes(root)


def test_clamp_with_plain_number_bounds_replays_exactly() -> None:
    w = Value(0.3)

    def fn(x: Value) -> Value:
        return Value._apply(ops.CLAMP, (w * x, -0.5, 0.5)) * x

    tape = trace(fn, (1.0,))
    for x in (1.0, -3.0, 0.2, 5.0):
        w.grad = 0.0
        out = tape(x)
        out.backward()
        got = (out.data, w.grad)
        w.grad = 0.0
        rebuilt = fn(Value(x, requires_grad=False))
        rebuilt.backward()
        assert same_bits(got[0], rebuilt.data) and same_bits(got[1], w.grad)
