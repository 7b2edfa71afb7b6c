"""Every registry op on the Value engine against real torch: forward and gradient.

Generated from ``ops.REGISTRY``: a new entry is covered here by adding it. Each op is checked at
hypothesis-drawn points of its domain, at every kink of its table, and at special values
(0, -0.0, +-inf, nan, huge, tiny) in every input position.
"""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minitorch_scalar import ops
from minitorch_scalar.parity import check_graph, known
from minitorch_scalar.parity.coverage import SPECIAL_VALUES
from minitorch_scalar.value import Value

torch = pytest.importorskip("torch")

OPS = list(ops.REGISTRY.values())


def _apply(op: ops.Op, point: tuple[float, ...]) -> tuple[Value, list[Value]]:
    leaves = [Value(x, label=f"x{i}") for i, x in enumerate(point)]
    out = Value._apply(op, tuple(leaves))
    out.label = "out"
    return out, leaves


def _assert_op_parity(op: ops.Op, point: tuple[float, ...]) -> None:
    out, _ = _apply(op, point)
    report = check_graph(out, grads="fresh")
    assert report.ok, f"{op.name}{point}:\n{report.format()}"
    theirs = getattr(torch, op.name)(*[torch.tensor(x, dtype=torch.float64) for x in point]).item()
    if out.data == 0.0 and theirs == 0.0:
        assert math.copysign(1.0, out.data) == math.copysign(1.0, theirs), f"{op.name}{point}: sign of zero"


def _domain_point(op: ops.Op) -> st.SearchStrategy[tuple[float, ...]]:
    return st.tuples(*[st.floats(low, high, allow_nan=False) for low, high in op.domain])


@pytest.mark.parametrize("op", OPS, ids=[op.name for op in OPS])
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_op_matches_torch_on_its_domain(op: ops.Op, data: st.DataObject) -> None:
    _assert_op_parity(op, data.draw(_domain_point(op)))


KINKS = [(op, inputs) for op in OPS for inputs, _, _ in op.kinks]


@pytest.mark.parametrize("op, point", KINKS, ids=[f"{op.name}{p}" for op, p in KINKS])
def test_op_matches_torch_at_its_kinks(op: ops.Op, point: tuple[float, ...]) -> None:
    _assert_op_parity(op, point)


@pytest.mark.parametrize("op, point", KINKS, ids=[f"{op.name}{p}" for op, p in KINKS])
def test_kink_table_is_what_torch_computes(op: ops.Op, point: tuple[float, ...]) -> None:
    """The registry's pinned values are torch's values (so the table is evidence, not a guess)."""
    _, out_expected, grads_expected = next(k for k in op.kinks if k[0] == point)
    leaves = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in point]
    out = getattr(torch, op.name)(*leaves)
    out.backward()
    got = [out.item()] + [0.0 if t.grad is None else t.grad.item() for t in leaves]
    for g, e in zip(got, [out_expected, *grads_expected]):
        assert (math.isnan(g) and math.isnan(e)) or g == pytest.approx(e, rel=1e-12), f"{op.name}{point}: {got}"


def _special_points(op: ops.Op) -> list[tuple[str, tuple[float, ...]]]:
    """``(case id, point)``: one input at a special value, the others mid-domain (``<op>-input<i>=<value>``);
    for two-input ops also every pair of 0, -0.0, inf and nan (``<op>(<a>, <b>)``)."""
    middle = tuple((low + high) / 2 for low, high in op.domain)
    cases = []
    for i in range(op.arity):
        for s in SPECIAL_VALUES:
            cases.append((f"{op.name}-input{i}={s!r}", middle[:i] + (s,) + middle[i + 1 :]))
    if op.arity == 2:
        cases += [(f"{op.name}{p}", p) for p in itertools.product((0.0, -0.0, math.inf, math.nan), repeat=2)]
    return cases


def _case(op: ops.Op, case_id: str, point: tuple[float, ...]) -> object:
    reason = known.VALUE_SPECIAL.get(case_id)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(op, point, id=case_id, marks=marks)


SPECIAL_CASES = [_case(op, case_id, p) for op in OPS for case_id, p in _special_points(op)]


@pytest.mark.parametrize("op, point", SPECIAL_CASES)
def test_op_matches_torch_at_special_values(op: ops.Op, point: tuple[float, ...]) -> None:
    _assert_op_parity(op, point)
