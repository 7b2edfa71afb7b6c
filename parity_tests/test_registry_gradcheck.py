"""Our gradcheck / gradgradcheck against torch's, over the registry and on a wrong backward."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import minitorch_scalar
from minitorch_scalar import ops
from minitorch_scalar.gradcheck import GradcheckError, gradcheck, gradgradcheck

torch = pytest.importorskip("torch")

OPS = list(ops.REGISTRY.values())


def _points(op: ops.Op) -> list[np.ndarray]:
    """Three points per input, inside the domain, clear of 0 and of ties between inputs (the kinks)."""
    fractions = np.array([0.21, 0.53, 0.87])
    return [low + (fractions + 0.07 * i) * (high - low) for i, (low, high) in enumerate(op.domain)]


def _leaves(ns: Any, columns: list[np.ndarray]) -> tuple[Any, ...]:
    return tuple(ns.tensor(c, dtype=ns.float64, requires_grad=True) for c in columns)


def _op(ns: Any, name: str) -> Any:
    return lambda *xs: getattr(ns, name)(*xs)


@pytest.mark.parametrize("op", OPS, ids=[op.name for op in OPS])
def test_registry_op_passes_gradcheck_and_gradgradcheck(op: ops.Op) -> None:
    inputs = _leaves(minitorch_scalar, _points(op))
    assert gradcheck(_op(minitorch_scalar, op.name), inputs)
    assert gradgradcheck(_op(minitorch_scalar, op.name), inputs)


KINK_CASES = [(op, inputs) for op in OPS for inputs, _, _ in op.kinks]


@pytest.mark.parametrize("op, point", KINK_CASES, ids=[f"{op.name}{p}" for op, p in KINK_CASES])
def test_gradcheck_verdict_at_kinks_is_torchs(op: ops.Op, point: tuple[float, ...]) -> None:
    columns = [np.array([x]) for x in point]
    ours = gradcheck(_op(minitorch_scalar, op.name), _leaves(minitorch_scalar, columns), raise_exception=False)
    theirs = torch.autograd.gradcheck(_op(torch, op.name), _leaves(torch, columns), raise_exception=False)
    assert ours == theirs


def _wrong_square(ns: Any) -> Any:
    class WrongSquare(ns.autograd.Function):
        @staticmethod
        def forward(ctx: Any, a: Any) -> Any:
            ctx.save_for_backward(a)
            return a * a

        @staticmethod
        def backward(ctx: Any, g: Any) -> Any:
            (a,) = ctx.saved_tensors
            return g * a

    return WrongSquare.apply


def test_failure_message_starts_with_torchs_exact_text() -> None:
    with pytest.raises(RuntimeError) as theirs:
        torch.autograd.gradcheck(_wrong_square(torch), _leaves(torch, [np.array([1.5, 2.0])]))
    with pytest.raises(GradcheckError) as ours:
        gradcheck(_wrong_square(minitorch_scalar), _leaves(minitorch_scalar, [np.array([1.5, 2.0])]))
    assert str(ours.value).startswith(str(theirs.value))
    assert len(str(ours.value)) > len(str(theirs.value))
