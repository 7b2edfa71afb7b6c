"""Random expression DAGs on the Value engine, replayed node for node in torch by ``check_graph``.

A hypothesis strategy grows a graph from a few leaves: each step applies a registry op (any entry,
so new ops join automatically) to earlier nodes, constant leaves or pow's constant numbers, keeping an
op only when its inputs lie in the op's ordinary domain and its output stays moderate, so the two
engines' last-ulp differences in exp/log/tanh cannot be amplified into false alarms. Nodes are
reused (fan-out), so gradients accumulate across paths.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minitorch_scalar import ops
from minitorch_scalar.parity import check_graph
from minitorch_scalar.value import Value

pytest.importorskip("torch")

OPS = list(ops.REGISTRY.values())
GRAPHS = 400


def _in_domain(op: ops.Op, args: list[Value | float]) -> bool:
    return all(
        low <= (a.data if isinstance(a, Value) else a) <= high for a, (low, high) in zip(args, op.domain)
    )


@st.composite
def value_graphs(draw: st.DrawFn) -> Value:
    """A random DAG of registry ops over 1-4 labelled leaves, summed into one root."""
    small = st.floats(-2.0, 2.0, allow_nan=False)
    nodes: list[Value] = [Value(draw(small), label=f"x{i}") for i in range(draw(st.integers(1, 4)))]
    used: set[Value] = set()
    for _ in range(draw(st.integers(1, 12))):
        op = draw(st.sampled_from(OPS))
        args: list[Value | float] = []
        for low, high in op.domain:
            # Raw numbers occur in Value graphs only as pow's constant base/exponent (x**2, 2**x).
            kind = draw(st.sampled_from(["node", "node", "const", "number"] if op is ops.POW else ["node", "const"]))
            if kind == "node":
                args.append(draw(st.sampled_from(nodes)))
            elif kind == "const":
                args.append(Value(draw(st.floats(low, high, allow_nan=False)), requires_grad=False))
            else:
                args.append(draw(st.floats(low, high, allow_nan=False)))
        if not any(isinstance(a, Value) and a.requires_grad for a in args) or not _in_domain(op, args):
            continue
        out = Value._apply(op, tuple(args))
        if not math.isfinite(out.data) or abs(out.data) > 1e3:
            continue
        used.update(a for a in args if isinstance(a, Value))
        nodes.append(out)
    sinks = [n for n in nodes if n not in used]
    root = sinks[0]
    for n in sinks[1:]:
        root = root + n
    return root


@settings(max_examples=GRAPHS, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(root=value_graphs())
def test_random_value_graph_matches_torch(root: Value) -> None:
    report = check_graph(root, rtol=1e-9, atol=1e-12)
    assert report.ok, report.format()


def test_random_graphs_are_not_trivial() -> None:
    """The strategy really builds multi-op graphs that reuse nodes (else the test above proves little)."""
    sizes = []
    reused = 0

    @settings(max_examples=60, deadline=None, database=None, derandomize=True)
    @given(root=value_graphs())
    def collect(root: Value) -> None:
        nonlocal reused
        from minitorch_scalar.parity.replay import graph_nodes

        nodes = graph_nodes(root)
        sizes.append(len(nodes))
        counts: dict[Value, int] = {}
        for n in nodes:
            for p in n._prev:
                counts[p] = counts.get(p, 0) + 1
        reused += any(c > 1 for c in counts.values())

    collect()
    assert max(sizes) >= 15
    assert reused >= 10
