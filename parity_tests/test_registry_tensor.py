"""Every registry op on the Tensor engine against real torch, through ``check_parity``.

Generated from ``ops.REGISTRY`` (a new entry is covered by adding it): each op is called as
``torch.<name>(*inputs)`` in both namespaces on float64 tensors of broadcast-compatible shapes drawn
by hypothesis from its domain, at its kinks, and at special values; the second derivative is checked
by differentiating ``autograd.grad(..., create_graph=True)`` in both engines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from minitorch_scalar import ops
from minitorch_scalar.parity import check_parity, known
from minitorch_scalar.parity.coverage import SPECIAL_VALUES

pytest.importorskip("torch")

OPS = list(ops.REGISTRY.values())
BROADCASTS_TO = {(): [()], (3,): [(), (1,), (3,)], (2, 3): [(), (3,), (1, 3), (2, 1), (2, 3)]}
"""Input 0's shape, and the shapes the other inputs may take (they broadcast to input 0's shape:
torch's clamp, unlike add, cannot grow its first input to the bounds' shape)."""
SPECIALS = np.array(SPECIAL_VALUES)


def call(op: ops.Op) -> Callable[..., Any]:
    """``torch.<op.name>(*xs)`` in whichever namespace the harness passes, named after the op."""

    def fn(torch: Any, *xs: Any) -> Any:
        return getattr(torch, op.name)(*xs)

    fn.__name__ = op.name
    return fn


def second_order(op: ops.Op) -> Callable[..., Any]:
    """The op's first gradients with ``create_graph=True``: the harness backpropagates through them."""

    def fn(torch: Any, *xs: Any) -> Any:
        return torch.autograd.grad(getattr(torch, op.name)(*xs).sum(), xs, create_graph=True)

    fn.__name__ = f"d_{op.name}"
    return fn


@st.composite
def _inputs(draw: st.DrawFn, op: ops.Op) -> list[np.ndarray]:
    first = draw(st.sampled_from(sorted(BROADCASTS_TO)))
    shapes = [first] + [draw(st.sampled_from(BROADCASTS_TO[first])) for _ in range(op.arity - 1)]
    return [
        draw(hnp.arrays(np.float64, shape, elements=st.floats(low, high, allow_nan=False)))
        for shape, (low, high) in zip(shapes, op.domain)
    ]


@pytest.mark.parametrize("op", OPS, ids=[op.name for op in OPS])
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_op_forward_and_grad_match_torch(op: ops.Op, data: st.DataObject) -> None:
    report = check_parity(call(op), *data.draw(_inputs(op)))
    assert report.ok, report.format()


def _second_order_case(op: ops.Op) -> Any:
    reason = known.TENSOR_SECOND_ORDER.get(op.name)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(op, id=op.name, marks=marks)


@pytest.mark.parametrize("op", [_second_order_case(op) for op in OPS])
@settings(max_examples=8, deadline=None)
@given(data=st.data())
def test_op_second_derivative_matches_torch(op: ops.Op, data: st.DataObject) -> None:
    # The derivative graph's grad_fn names are torch implementation detail (DivBackward0 vs our MulBackward0).
    report = check_parity(second_order(op), *data.draw(_inputs(op)), check_grad_fn=False)
    assert report.ok, report.format()


@pytest.mark.parametrize("op", [op for op in OPS if op.kinks], ids=[op.name for op in OPS if op.kinks])
def test_op_matches_torch_at_its_kinks(op: ops.Op) -> None:
    columns = [np.array([k[0][i] for k in op.kinks]) for i in range(op.arity)]
    report = check_parity(call(op), *columns)
    assert report.ok, report.format()


def _special_case(op: ops.Op, i: int) -> Any:
    case_id = f"{op.name}-input{i}"
    reason = known.TENSOR_SPECIAL.get(case_id)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(op, i, id=case_id, marks=marks)


SPECIAL_CASES = [_special_case(op, i) for op in OPS for i in range(op.arity)]


@pytest.mark.parametrize("op, position", SPECIAL_CASES)
def test_op_matches_torch_at_special_values(op: ops.Op, position: int) -> None:
    """One input runs through 0, -0.0, +-inf, nan, huge and tiny values; the others sit mid-domain."""
    columns = [
        SPECIALS if i == position else np.full(SPECIALS.shape, (low + high) / 2)
        for i, (low, high) in enumerate(op.domain)
    ]
    report = check_parity(call(op), *columns)
    assert report.ok, report.format()
