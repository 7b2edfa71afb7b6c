"""Numerical derivatives: the lecture's "nudge by h", done with central differences.

``(f(x + eps) - f(x - eps)) / (2 * eps)`` has error O(eps**2), where the lecture's one-sided
``(f(x + h) - f(x)) / h`` has error O(h); both lose digits to rounding when the step is too small.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from minitorch_scalar.value import Value, as_float


def _scalar(result: Any) -> float:
    if isinstance(result, Value):
        return result.data
    return as_float(result, "numerical_grad: f(...) result")


def numerical_grad(f: Callable[..., Any], *xs: Any, eps: float = 1e-6) -> tuple[float, ...]:
    """Central-difference estimate of ``d f / d x_i`` for every argument.

    Args:
        f: a function of scalars returning a Value or a number.
        *xs: the point, as Values or numbers; ``f`` is called with the same kinds (fresh Values
            for Value arguments, so the caller's graph is untouched).
        eps: the step.

    Returns:
        One float per argument.
    """
    if eps <= 0:
        raise ValueError(f"numerical_grad: eps must be positive, got {eps}")
    points = [x.data if isinstance(x, Value) else as_float(x, "numerical_grad argument") for x in xs]

    def call(i: int, delta: float) -> float:
        args = []
        for j, (x, p) in enumerate(zip(xs, points)):
            v = p + delta if j == i else p
            args.append(Value(v) if isinstance(x, Value) else v)
        return _scalar(f(*args))

    return tuple((call(i, eps) - call(i, -eps)) / (2 * eps) for i in range(len(xs)))
