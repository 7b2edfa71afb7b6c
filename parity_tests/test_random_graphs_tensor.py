"""Random expression DAGs with broadcasting on the Tensor engine, against torch with ``check_parity``.

A hypothesis strategy writes a small program: leaves of broadcast-compatible shapes, then steps that
apply a registry op (``torch.<name>``, any entry) to earlier nodes or to constant tensors. The program
is dry-run with the registry's numpy forward while it is drawn, so a step is kept only when its inputs
lie in the op's ordinary domain and its output stays finite and moderate. The same program then runs
in both engines; every unused node is an output, so several outputs get seeded upstream gradients and
gradients are summed back over broadcast dimensions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from minitorch_scalar import ops
from minitorch_scalar.math_backends import ARRAY
from minitorch_scalar.parity import check_parity

pytest.importorskip("torch")

OPS = list(ops.REGISTRY.values())
SHAPES = [(), (3,), (1, 3), (2, 1), (2, 3)]
GRAPHS = 150


@dataclass(frozen=True)
class Program:
    """Leaves, then steps ``(op name, args)``; an arg is a node index or a constant array."""

    leaves: tuple[np.ndarray, ...]
    steps: tuple[tuple[str, tuple[int | np.ndarray, ...]], ...]
    outputs: tuple[int, ...]

    def function(self) -> Callable[..., Any]:
        """The program as ``fn(torch, *leaves)`` for the harness."""

        def fn(torch: Any, *leaves: Any) -> Any:
            nodes = list(leaves)
            for name, args in self.steps:
                real = [nodes[a] if isinstance(a, int) else torch.tensor(a, dtype=torch.float64) for a in args]
                nodes.append(getattr(torch, name)(*real))
            return tuple(nodes[k] for k in self.outputs)

        return fn


def _fits(op: ops.Op, values: list[np.ndarray]) -> bool:
    """Inputs in the op's domain, and shapes torch accepts (an op of 3+ inputs keeps its first input's shape)."""
    if not all(np.all((v >= low) & (v <= high)) for v, (low, high) in zip(values, op.domain)):
        return False
    shape = np.broadcast_shapes(*[v.shape for v in values])
    return op.arity <= 2 or shape == values[0].shape


@st.composite
def programs(draw: st.DrawFn) -> Program:
    def array(shape: tuple[int, ...], low: float, high: float) -> np.ndarray:
        return draw(hnp.arrays(np.float64, shape, elements=st.floats(low, high, allow_nan=False)))

    leaves = [array(draw(st.sampled_from(SHAPES)), -2.0, 2.0) for _ in range(draw(st.integers(1, 3)))]
    values = list(leaves)
    steps: list[tuple[str, tuple[int | np.ndarray, ...]]] = []
    used: set[int] = set()
    for _ in range(draw(st.integers(1, 12))):
        op = draw(st.sampled_from(OPS))
        args: list[int | np.ndarray] = []
        for low, high in op.domain:
            if draw(st.booleans()) or not args:
                args.append(draw(st.integers(0, len(values) - 1)))
            else:
                args.append(array(draw(st.sampled_from(SHAPES)), low, high))
        inputs = [values[a] if isinstance(a, int) else a for a in args]
        if not _fits(op, inputs):
            continue
        with np.errstate(all="ignore"):
            out = np.asarray(op.forward(ARRAY, *inputs), dtype=np.float64)
        if not np.all(np.isfinite(out)) or np.any(np.abs(out) > 1e3):
            continue
        used.update(a for a in args if isinstance(a, int))
        steps.append((op.name, tuple(args)))
        values.append(out)
    outputs = tuple(k for k in range(len(leaves), len(values)) if k not in used) or (0,)
    return Program(tuple(leaves), tuple(steps), outputs)


@settings(max_examples=GRAPHS, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(program=programs())
def test_random_tensor_graph_matches_torch(program: Program) -> None:
    report = check_parity(program.function(), *program.leaves, rtol=1e-9, atol=1e-12)
    assert report.ok, f"{program.steps}\n{report.format()}"
