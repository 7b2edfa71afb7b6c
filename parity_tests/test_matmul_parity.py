"""torch.matmul for every rank combination against real torch: values, gradients, grad_fn names, and
the second derivatives of a create_graph pass (batched products fold to one node, named as torch's top node)."""

from __future__ import annotations

import numpy as np
import pytest

from minitorch_scalar.parity import check_parity

pytest.importorskip("torch")

SHAPES = [
    ((2, 3, 4), (2, 4, 5)), ((2, 3, 4), (4, 5)), ((3, 4), (2, 4, 5)), ((2, 3, 4), (4,)), ((3,), (2, 3, 4)),
    ((2, 2, 3, 4), (2, 2, 4, 5)), ((2, 3, 4), (1, 4, 5)), ((2, 2, 3, 4), (4, 5)), ((3, 4), (2, 2, 4, 5)),
    ((2, 2, 3, 4), (2, 4, 5)), ((3,), (3, 4)), ((3, 4), (4,)), ((4,), (4,)), ((3, 4), (4, 5)),
]


@pytest.mark.parametrize(("sa", "sb"), SHAPES, ids=[f"{a}@{b}" for a, b in SHAPES])
def test_matmul_matches_torch(sa: tuple[int, ...], sb: tuple[int, ...]) -> None:
    rng = np.random.default_rng(len(sa) * 10 + len(sb))
    a, b = rng.standard_normal(sa), rng.standard_normal(sb)
    report = check_parity(lambda torch, x, y: x @ y, a, b)
    assert report.ok, report.summary()


@pytest.mark.parametrize(("sa", "sb"), SHAPES[:10], ids=[f"{a}@{b}" for a, b in SHAPES[:10]])
def test_matmul_second_derivatives_match_torch(sa: tuple[int, ...], sb: tuple[int, ...]) -> None:
    rng = np.random.default_rng(7)
    a, b = rng.standard_normal(sa), rng.standard_normal(sb)

    def fn(torch, x, y):  # type: ignore[no-untyped-def]
        out = x @ y
        ga, gb = torch.autograd.grad((out * out).sum(), (x, y), create_graph=True)
        return (ga * ga).sum() + (gb * gb).sum()

    report = check_parity(fn, a, b, check_grad_fn=False)
    assert report.ok, report.summary()
