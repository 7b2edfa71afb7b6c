"""Random chains of non-elementwise ops (reductions, matmul, views, indexing, softmax) against torch.

Hypothesis draws a float64 matrix and a chain of shape-aware steps; the chain runs in both engines,
then values, first derivatives (through ``backward`` with a random upstream gradient) and second
derivatives (``autograd.grad(..., create_graph=True)`` then a Hessian-vector product) are compared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import minitorch_scalar as mt

real_torch = pytest.importorskip("torch")

Step = Callable[[Any, Any], Any]

# Each step maps a 2-D tensor of shape (r, c) to a 2-D tensor, so steps compose freely.
STEPS: dict[str, Step] = {
    "sum0-outer": lambda torch, x: x.sum(0, keepdim=True) * x,
    "mean1": lambda torch, x: x - x.mean(1, keepdim=True),
    "matmul-T": lambda torch, x: (x @ x.T) @ x * 0.3,
    "T-matmul": lambda torch, x: x @ (x.T @ x) * 0.3,
    "t-view": lambda torch, x: x.t().reshape(x.shape[0], x.shape[1]) * x,
    "softmax": lambda torch, x: x.softmax(1) * 3.0,
    "log-softmax": lambda torch, x: x.log_softmax(0),
    "slice": lambda torch, x: x * x[:, :1] + x[:1, :],
    "select-stack": lambda torch, x: torch.stack([x[0], x[-1]], 0).sum(0, keepdim=True) + x,
    "index-list": lambda torch, x: x[[0, 0, x.shape[0] - 1]].sum(0) * x,
    "cat": lambda torch, x: torch.cat([x[:, 1:], x[:, :1]], 1) * x,
    "max-dim": lambda torch, x: x.max(dim=1, keepdim=True).values * x,
    "amax": lambda torch, x: x.amax(0, keepdim=True) - x,
    "expand": lambda torch, x: x[:, :1].expand(x.shape[0], x.shape[1]) * x.tanh(),
    "where": lambda torch, x: torch.where(x > 0, x * x, x.exp()),
    "norm": lambda torch, x: x / (x.norm() + 1.0),
    "std": lambda torch, x: x * x.std(1, keepdim=True),
    "prod": lambda torch, x: x * x.prod(0, keepdim=True).tanh(),
    "clamp-sq": lambda torch, x: x.clamp(-0.8, 0.9) * x,
    "unsqueeze": lambda torch, x: x.unsqueeze(0).squeeze(0).permute(1, 0).transpose(0, 1) * x.sigmoid(),
}


def run(torch: Any, data: np.ndarray, upstream: np.ndarray, names: list[str]) -> tuple[np.ndarray, ...]:
    """Values, gradient and Hessian-vector product of the chain in one engine."""
    x = torch.tensor(data, dtype=torch.float64, requires_grad=True)
    y = x
    for name in names:
        y = STEPS[name](torch, y)
    u = torch.tensor(upstream, dtype=torch.float64)
    (g,) = torch.autograd.grad((y * u).sum(), x, create_graph=True)
    if g.requires_grad:
        (hv,) = torch.autograd.grad((g * u[: g.shape[0], : g.shape[1]]).sum(), x, allow_unused=True,
                                    materialize_grads=True)
    else:
        hv = torch.zeros_like(x)
    x2 = torch.tensor(data, dtype=torch.float64, requires_grad=True)
    y2 = x2
    for name in names:
        y2 = STEPS[name](torch, y2)
    y2.backward(u)
    return (y.detach().numpy(), g.detach().numpy(), hv.detach().numpy(), x2.grad.numpy())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=hnp.arrays(np.float64, st.tuples(st.integers(2, 3), st.integers(2, 3)),
                    elements=st.floats(-1.5, 1.5).filter(lambda v: abs(v) > 0.05)),
    names=st.lists(st.sampled_from(sorted(STEPS)), min_size=1, max_size=3),
    seed=st.integers(0, 2**16),
)
def test_random_structural_chain_matches_torch(data: np.ndarray, names: list[str], seed: int) -> None:
    upstream = np.random.default_rng(seed).uniform(-1.0, 1.0, size=data.shape)
    ours = run(mt, data, upstream, names)
    theirs = run(real_torch, data, upstream, names)
    for what, a, b in zip(("value", "grad", "hessian-vector", "backward grad"), ours, theirs):
        assert a.shape == b.shape, (what, names)
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-9, err_msg=f"{what} of {names}")


def test_std_of_zero_variance_second_order() -> None:
    """Regression: std of a zero-variance row; torch's double backward is nan there, and amax's backward
    (a product with the tie mask, not a select) carries that nan into the other row, as torch's does."""
    data = np.array([[1.0, 1.0], [1.0, 0.5]])
    upstream = np.random.default_rng(0).uniform(-1.0, 1.0, size=data.shape)
    ours = run(mt, data, upstream, ["amax", "std"])
    theirs = run(real_torch, data, upstream, ["amax", "std"])
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-9)


def test_every_step_is_drawn() -> None:
    assert len(STEPS) >= 20
