"""F.unfold / F.fold without torch: a hand-worked example, the adjoint identity and the window counts."""

from __future__ import annotations

import numpy as np

import minitorch_scalar as mt
from minitorch_scalar.nn import functional as F


def test_unfold_hand_example() -> None:
    x = mt.arange(16.0).view(1, 1, 4, 4)
    cols = F.unfold(x, kernel_size=2, stride=2)
    # column l is the l-th 2x2 block, read row by row: blocks start at 0, 2, 8, 10
    assert cols.numpy()[0].T.tolist() == [[0, 1, 4, 5], [2, 3, 6, 7], [8, 9, 12, 13], [10, 11, 14, 15]]


def test_fold_counts_overlaps() -> None:
    # 3x3 windows with padding 1 over a 3x3 image: each pixel is covered by (number of in-range neighbours) windows
    ones = F.fold(F.unfold(mt.ones(1, 1, 3, 3), 3, padding=1), (3, 3), 3, padding=1)
    assert ones.numpy()[0, 0].tolist() == [[4, 6, 4], [6, 9, 6], [4, 6, 4]]


def test_fold_is_the_adjoint_of_unfold() -> None:
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 3, 5, 6))
    geometry = {"kernel_size": (2, 3), "dilation": (2, 1), "padding": 1, "stride": (1, 2)}
    cols = F.unfold(mt.tensor(x), **geometry)
    y = rng.standard_normal(tuple(cols.shape))
    folded = F.fold(mt.tensor(y), (5, 6), **geometry)
    # <unfold(x), y> = <x, fold(y)>
    assert np.isclose((cols.numpy() * y).sum(), (x * folded.numpy()).sum())
    xt = mt.tensor(x, requires_grad=True)
    F.unfold(xt, **geometry).backward(mt.tensor(y))
    assert xt.grad is not None
    np.testing.assert_allclose(xt.grad.numpy(), folded.numpy(), atol=1e-12)


def test_unbatched_shapes_and_module() -> None:
    assert tuple(F.unfold(mt.randn(3, 4, 5), 2).shape) == (12, 12)
    assert tuple(mt.nn.Fold(output_size=(3, 4), kernel_size=2)(mt.randn(8, 6)).shape) == (2, 3, 4)
    assert repr(mt.nn.Unfold(3, padding=1)) == "Unfold(kernel_size=3, dilation=1, padding=1, stride=1)"
