"""Elementwise math, shape manipulation, selection and sorting on the Tensor engine (torch-free).

Hand-derived values and gradients; parity_tests/test_tensor_more_ops.py checks the same ops against torch.
"""

from __future__ import annotations

import math

import pytest

import minitorch_scalar as torch


def leaf(values: list[float] | list[list[float]]) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.float64, requires_grad=True)


def test_new_math_values_and_grad_fn_names() -> None:
    x = leaf([0.5])
    cases = {
        "tan": (math.tan(0.5), "TanBackward0"), "log1p": (math.log1p(0.5), "Log1PBackward0"),
        "expm1": (math.expm1(0.5), "Expm1Backward0"), "log2": (-1.0, "Log2Backward0"),
        "log10": (math.log10(0.5), "Log10Backward0"), "asin": (math.asin(0.5), "AsinBackward0"),
        "acos": (math.acos(0.5), "AcosBackward0"), "atan": (math.atan(0.5), "AtanBackward0"),
        "sinh": (math.sinh(0.5), "SinhBackward0"), "cosh": (math.cosh(0.5), "CoshBackward0"),
        "erf": (math.erf(0.5), "ErfBackward0"), "floor": (0.0, "FloorBackward0"), "ceil": (1.0, "CeilBackward0"),
        "trunc": (0.0, "TruncBackward0"), "frac": (0.5, "FracBackward0"),
    }
    for name, (value, node) in cases.items():
        y = getattr(torch, name)(x)
        assert y.item() == pytest.approx(value, rel=1e-12), name
        assert type(y.grad_fn).__name__ == node


def test_trig_of_integers_is_float_and_frac_of_integers_raises() -> None:
    assert torch.sin(torch.tensor([0, 1])).dtype is torch.float32
    assert torch.floor(torch.tensor([1, -2])).tolist() == [1, -2]
    with pytest.raises(NotImplementedError, match="frac_cpu"):
        torch.tensor([1]).frac()


def test_atan2_gradient_by_hand() -> None:
    y, x = leaf([1.0]), leaf([2.0])
    torch.atan2(y, x).backward()
    assert y.grad.item() == pytest.approx(2 / 5) and x.grad.item() == pytest.approx(-1 / 5)


def test_round_decimals() -> None:
    x = leaf([2.567, -1.255, 1234.5])
    y = x.round(decimals=2)
    assert y.tolist() == pytest.approx([2.57, -1.25, 1234.5])  # -1.255 * 100 is -125.4999... in binary
    assert type(y.grad_fn).__name__ == "RoundBackward1"
    y.sum().backward()
    assert x.grad.tolist() == [0.0, 0.0, 0.0]
    assert torch.tensor([1234.5]).round(decimals=-2).tolist() == [1200.0]


def test_range_index_get_and_set() -> None:
    x = leaf([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    picked = x[range(2), [2, 0]]
    assert picked.tolist() == [3.0, 4.0]
    picked.sum().backward()
    assert x.grad.tolist() == [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    y = torch.zeros(5, dtype=torch.long)
    y[range(1, 3)] = 7
    assert y.tolist() == [0, 7, 7, 0, 0]


def test_repeat_gradient_sums_the_copies() -> None:
    x = leaf([1.0, 2.0])
    y = x.repeat(3, 2)
    assert y.shape == (3, 4) and type(y.grad_fn).__name__ == "RepeatBackward0"
    y.sum().backward()
    assert x.grad.tolist() == [6.0, 6.0]


def test_split_chunk_unbind_are_views_with_gradients() -> None:
    x = leaf([1.0, 2.0, 3.0, 4.0, 5.0])
    parts = torch.chunk(x, 2)
    assert [p.tolist() for p in parts] == [[1.0, 2.0, 3.0], [4.0, 5.0]]
    assert [type(p.grad_fn).__name__ for p in x.split([1, 4])] == ["SplitWithSizesBackward0"] * 2
    (parts[1] * 2).sum().backward()
    assert x.grad.tolist() == [0.0, 0.0, 0.0, 2.0, 2.0]
    rows = torch.arange(6).reshape(2, 3).unbind(1)
    assert [r.tolist() for r in rows] == [[0, 3], [1, 4], [2, 5]]


def test_flip_and_roll_gradients_follow_the_elements() -> None:
    x = leaf([1.0, 2.0, 3.0])
    (x.flip(0) * torch.tensor([1.0, 10.0, 100.0], dtype=torch.float64)).sum().backward()
    assert x.grad.tolist() == [100.0, 10.0, 1.0]
    x.grad = None
    (x.roll(1) * torch.tensor([1.0, 10.0, 100.0], dtype=torch.float64)).sum().backward()
    assert x.grad.tolist() == [10.0, 100.0, 1.0]


def test_stacking_helpers_and_meshgrid() -> None:
    a, b = torch.tensor([1, 2]), torch.tensor([3, 4])
    assert torch.hstack([a, b]).tolist() == [1, 2, 3, 4]
    assert torch.vstack([a, b]).tolist() == [[1, 2], [3, 4]]
    assert torch.column_stack([a, b]).tolist() == [[1, 3], [2, 4]]
    gx, gy = torch.meshgrid(a, torch.tensor([5, 6, 7]), indexing="xy")
    assert gx.tolist() == [[1, 2], [1, 2], [1, 2]] and gy.tolist() == [[5, 5], [6, 6], [7, 7]]
    assert torch.cat([a, b], axis=0).tolist() == [1, 2, 3, 4] and a.sum(axis=0).item() == 3


def test_cumsum_and_cumprod_gradients_by_hand() -> None:
    x = leaf([2.0, 0.0, 3.0])
    x.cumsum(0).sum().backward()
    assert x.grad.tolist() == [3.0, 2.0, 1.0]
    x.grad = None
    # out = [a, ab, abc]; d/da = 1 + b + bc = 1, d/db = a + ac = 8, d/dc = ab = 0 at (2, 0, 3)
    x.cumprod(0).sum().backward()
    assert x.grad.tolist() == [1.0, 8.0, 0.0]


def test_median_shares_the_gradient_between_ties_and_kthvalue_uses_quickselect() -> None:
    x = leaf([1.0, 2.0, 1.0, 2.0])
    x.median().backward()
    assert x.grad.tolist() == [0.5, 0.0, 0.5, 0.0]
    ones = torch.ones(4)
    assert [ones.kthvalue(k).indices.item() for k in range(1, 5)] == [1, 0, 2, 3]


def test_gather_scatter_and_masked_fill_gradients() -> None:
    x = leaf([[1.0, 2.0], [3.0, 4.0]])
    x.gather(1, torch.tensor([[1, 1], [0, 1]])).sum().backward()
    assert x.grad.tolist() == [[0.0, 2.0], [1.0, 1.0]]
    x.grad = None
    x.masked_fill(x > 2, 0.0).sum().backward()
    assert x.grad.tolist() == [[1.0, 1.0], [0.0, 0.0]]
    src = leaf([[10.0, 20.0]])
    out = torch.zeros(2, 2, dtype=torch.float64).scatter_add(0, torch.tensor([[1, 1]]), src)
    assert out.tolist() == [[0.0, 0.0], [10.0, 20.0]]


def test_sort_topk_unique() -> None:
    x = torch.tensor([3.0, 1.0, 2.0])
    assert x.sort().indices.tolist() == [1, 2, 0] and x.topk(2).values.tolist() == [3.0, 2.0]
    vals, inverse, counts = torch.unique(torch.tensor([3, 1, 3]), return_inverse=True, return_counts=True)
    assert (vals.tolist(), inverse.tolist(), counts.tolist()) == ([1, 3], [1, 0, 1], [1, 2])


def test_jacobian_and_hessian() -> None:
    x = torch.tensor([1.0, 2.0])
    assert torch.autograd.functional.jacobian(lambda t: t**2, x).tolist() == [[2.0, 0.0], [0.0, 4.0]]
    assert torch.autograd.functional.hessian(lambda t: (t**3).sum(), x).tolist() == [[6.0, 0.0], [0.0, 12.0]]
