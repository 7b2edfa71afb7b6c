"""The op registry, checked op by op on the Value engine (torch-free).

Every entry's value and local derivatives are checked three ways: against hand-derived numbers at an
ordinary point, against central differences over the entry's domain (hypothesis), and at its kink /
special-point table, which pins torch's conventions.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from minitorch_scalar import Value, numerical_grad, ops
from minitorch_scalar.math_backends import ARRAY, FLOAT

OPS = list(ops.REGISTRY.values())
IDS = [op.name for op in OPS]


def apply_value(op: ops.Op, *xs: float) -> tuple[Value, list[Value]]:
    """Build ``op(*xs)`` on fresh Value leaves and backprop through it."""
    leaves = [Value(x) for x in xs]
    out = Value._apply(op, tuple(leaves))
    out.backward()
    return out, leaves


def same(a: float, b: float) -> bool:
    """Equal, treating nan as equal to nan and keeping the sign of infinities."""
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == pytest.approx(b, rel=1e-12, abs=1e-300)


# Hand-derived value and local derivatives at an ordinary point.
HAND = {
    "add": ((2.0, -3.0), -1.0, (1.0, 1.0)),
    "sub": ((2.0, -3.0), 5.0, (1.0, -1.0)),
    "mul": ((2.0, -3.0), -6.0, (-3.0, 2.0)),
    "div": ((3.0, 2.0), 1.5, (0.5, -0.75)),
    "neg": ((3.0,), -3.0, (-1.0,)),
    "pow": ((3.0, 2.0), 9.0, (6.0, 9.0 * math.log(3.0))),
    "exp": ((1.0,), math.e, (math.e,)),
    "log": ((0.5,), math.log(0.5), (2.0,)),
    "tanh": ((0.5,), math.tanh(0.5), (1.0 - math.tanh(0.5) ** 2,)),
    "sigmoid": ((0.0,), 0.5, (0.25,)),
    "relu": ((-2.0,), 0.0, (0.0,)),
    "sqrt": ((4.0,), 2.0, (0.25,)),
    "abs": ((-2.5,), 2.5, (-1.0,)),
    "reciprocal": ((2.0,), 0.5, (-0.25,)),
    "clamp": ((0.5, 0.0, 1.0), 0.5, (1.0, 0.0, 0.0)),
    "sign": ((-2.0,), -1.0, (0.0,)),
    "maximum": ((2.0, 1.0), 2.0, (1.0, 0.0)),
    "minimum": ((2.0, 1.0), 1.0, (0.0, 1.0)),
    "round": ((2.5,), 2.0, (0.0,)),
    "sin": ((math.pi / 2,), 1.0, (math.cos(math.pi / 2),)),
    "cos": ((0.0,), 1.0, (-0.0,)),
    "tan": ((math.pi / 4,), math.tan(math.pi / 4), (1.0 + math.tan(math.pi / 4) ** 2,)),
    "log1p": ((1.0,), math.log(2.0), (0.5,)),
    "expm1": ((1.0,), math.e - 1.0, (math.e,)),
    "log2": ((8.0,), 3.0, (1.0 / (8.0 * math.log(2.0)),)),
    "log10": ((100.0,), 2.0, (1.0 / (100.0 * math.log(10.0)),)),
    "floor": ((-1.5,), -2.0, (0.0,)),
    "ceil": ((-1.5,), -1.0, (0.0,)),
    "trunc": ((-1.5,), -1.0, (0.0,)),
    "frac": ((2.25,), 0.25, (1.0,)),
    "asin": ((0.5,), math.pi / 6, (1.0 / math.sqrt(0.75),)),
    "acos": ((0.5,), math.pi / 3, (-1.0 / math.sqrt(0.75),)),
    "atan": ((1.0,), math.pi / 4, (0.5,)),
    "sinh": ((1.0,), (math.e - 1.0 / math.e) / 2, ((math.e + 1.0 / math.e) / 2,)),
    "cosh": ((1.0,), (math.e + 1.0 / math.e) / 2, ((math.e - 1.0 / math.e) / 2,)),
    "erf": ((0.0,), 0.0, (2.0 / math.sqrt(math.pi),)),
    "atan2": ((1.0, 1.0), math.pi / 4, (0.5, -0.5)),
    "lerp": ((1.0, 5.0, 0.25), 2.0, (0.75, 0.25, 4.0)),
    "remainder": ((-7.0, 3.0), 2.0, (1.0, 3.0)),
    "fmod": ((-7.0, 3.0), -1.0, (1.0, 2.0)),
}


def test_every_op_has_a_hand_derived_case() -> None:
    assert set(HAND) == set(ops.REGISTRY)


@pytest.mark.parametrize("op", OPS, ids=IDS)
def test_hand_derived(op: ops.Op) -> None:
    xs, value, grads = HAND[op.name]
    out, leaves = apply_value(op, *xs)
    assert same(out.data, value)
    for leaf, g in zip(leaves, grads):
        assert same(leaf.grad, g)


@pytest.mark.parametrize("op", OPS, ids=IDS)
def test_kink_table(op: ops.Op) -> None:
    for xs, value, grads in op.kinks:
        out, leaves = apply_value(op, *xs)
        assert same(out.data, value), (op.name, xs, out.data, value)
        for i, (leaf, g) in enumerate(zip(leaves, grads)):
            assert same(leaf.grad, g), (op.name, xs, i, leaf.grad, g)


@pytest.mark.parametrize("op", OPS, ids=IDS)
def test_entry_is_well_formed(op: ops.Op) -> None:
    assert op.arity == len(op.local) == len(op.domain)
    assert op.doc and op.symbol
    assert ops.get(op.name) is op


def test_unknown_op_names_the_registered_ones() -> None:
    with pytest.raises(NotImplementedError, match="registered ops: add"):
        ops.get("frobnicate")


def _point(op: ops.Op) -> st.SearchStrategy[tuple[float, ...]]:
    return st.tuples(
        *[st.floats(lo, hi, allow_nan=False, allow_infinity=False) for lo, hi in op.domain]
    )


def _one_sided_slopes_agree(op: ops.Op, xs: tuple[float, ...], i: int) -> bool:
    """True where op is smooth around xs along input i: left and right slopes agree at two scales."""

    def f(delta: float) -> float:
        moved = list(xs)
        moved[i] += delta
        return op.forward(FLOAT, *moved)

    slopes = []
    for eps in (1e-4, 1e-6):
        slopes += [(f(0.0) - f(-eps)) / eps, (f(eps) - f(0.0)) / eps]
    return max(slopes) - min(slopes) < 1e-3


@pytest.mark.parametrize("op", OPS, ids=IDS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_gradient_matches_central_differences(op: ops.Op, data: st.DataObject) -> None:
    xs = data.draw(_point(op))
    numeric = numerical_grad(lambda *a: Value._apply(op, a), *xs, eps=1e-6)
    if not op.smooth:  # at or near a kink the one-sided slopes differ: such points belong to the kink table
        assume(all(_one_sided_slopes_agree(op, xs, i) for i in range(op.arity)))
    _, leaves = apply_value(op, *xs)
    for leaf, n in zip(leaves, numeric):
        assert leaf.grad == pytest.approx(n, rel=1e-5, abs=1e-5)


@pytest.mark.parametrize("op", OPS, ids=IDS)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_float_and_array_backends_agree(op: ops.Op, data: st.DataObject) -> None:
    """The same formula on a float and on a float64 array gives the same number."""
    xs = data.draw(_point(op))
    out_f = op.forward(FLOAT, *xs)
    arrays = [np.float64(x) for x in xs]
    out_a = op.forward(ARRAY, *arrays)
    assert same(out_f, float(out_a))
    for local in op.local:
        assert same(float(local(FLOAT, out_f, *xs)), float(local(ARRAY, out_a, *arrays)))


SPECIAL = [0.0, -0.0, 1.0, -1.0, 2.5, math.inf, -math.inf, math.nan, 1e300, -1e300, 1e-300]


@pytest.mark.parametrize("op", OPS, ids=IDS)
def test_special_values_never_raise_and_backends_agree(op: ops.Op) -> None:
    """Poles, overflow and nan give inf/nan as torch does: never an exception, never a complex number."""
    import itertools

    for xs in itertools.product(SPECIAL, repeat=op.arity):
        out_f = op.forward(FLOAT, *xs)
        assert isinstance(out_f, float)
        with np.errstate(all="ignore"):
            out_a = float(op.forward(ARRAY, *[np.float64(x) for x in xs]))
        assert same(out_f, out_a), (op.name, xs, out_f, out_a)
        for local in op.local:
            g = local(FLOAT, out_f, *xs)
            assert isinstance(g, float)
            with np.errstate(all="ignore"):
                ga = float(local(ARRAY, np.float64(out_a), *[np.float64(x) for x in xs]))
            assert same(g, ga), (op.name, xs, g, ga)
