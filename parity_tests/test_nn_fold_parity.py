"""F.unfold / F.fold and nn.Unfold / nn.Fold against real torch: values, grad_fn names, gradients
(including second order), reprs and the error messages of the usual mistakes."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import minitorch_scalar as mt  # noqa: E402

RNG = np.random.default_rng(12)

GEOMETRIES = [
    {"kernel_size": 2, "stride": 2},
    {"kernel_size": (2, 3)},
    {"kernel_size": 3, "padding": 1},
    {"kernel_size": (3, 2), "dilation": (2, 1), "padding": (1, 2), "stride": (2, 1)},
]


def _both(fn: Any) -> tuple[Any, Any]:
    return fn(torch), fn(mt)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("geometry", GEOMETRIES, ids=str)
@pytest.mark.parametrize("batched", [True, False])
def test_unfold_then_fold_values_and_grads(geometry: dict[str, Any], dtype: str, batched: bool) -> None:
    image = RNG.standard_normal((2, 3, 6, 7) if batched else (3, 6, 7)).astype(dtype)

    def run(lib: Any) -> list[np.ndarray | str]:
        x = lib.tensor(image, requires_grad=True)
        cols = lib.nn.functional.unfold(x, **geometry)
        back = lib.nn.functional.fold(cols * 1.5, (6, 7), **geometry)
        up = lib.tensor(np.linspace(-1, 2, back.numel()).reshape(tuple(back.shape)).astype(dtype))
        (gx,) = lib.autograd.grad((back * back * up).sum(), x, create_graph=True)
        (ggx,) = lib.autograd.grad((gx * gx).sum(), x)
        names = f"{type(cols.grad_fn).__name__} {type(back.grad_fn).__name__}" if batched else ""
        return [cols.detach().numpy(), back.detach().numpy(), gx.detach().numpy(), ggx.numpy(), names]

    theirs, ours = _both(run)
    for a, b in zip(theirs, ours, strict=True):
        if isinstance(a, str):
            assert a == b
        else:
            assert a.shape == b.shape and a.dtype == b.dtype
            np.testing.assert_allclose(b, a, rtol=1e-5, atol=1e-5)


def test_module_reprs_and_outputs() -> None:
    def run(lib: Any) -> list[Any]:
        unfold = lib.nn.Unfold(kernel_size=(2, 3), dilation=1, padding=1, stride=1)
        fold = lib.nn.Fold(output_size=4, kernel_size=2)
        x = lib.arange(32.0).view(1, 2, 4, 4)
        return [repr(unfold), repr(fold), unfold(x).numpy(), fold(lib.ones(1, 8, 9)).numpy()]

    theirs, ours = _both(run)
    assert theirs[:2] == ours[:2]
    for a, b in zip(theirs[2:], ours[2:], strict=True):
        np.testing.assert_array_equal(b, a)


MISTAKES = [
    lambda lib: lib.nn.functional.unfold(lib.randn(3, 4), 2),
    lambda lib: lib.nn.functional.unfold(lib.randn(1, 1, 1, 3, 4), 2),
    lambda lib: lib.nn.functional.unfold(lib.randn(1, 1, 2, 2), 3),
    lambda lib: lib.nn.functional.unfold(lib.randn(1, 1, 4, 4), 2, stride=0),
    lambda lib: lib.nn.functional.unfold(lib.randn(1, 1, 4, 4), 2, padding=-1),
    lambda lib: lib.nn.functional.unfold(lib.arange(16).view(1, 1, 4, 4), 2),
    lambda lib: lib.nn.functional.fold(lib.randn(1, 8, 5), (4, 4), 2),
    lambda lib: lib.nn.functional.fold(lib.randn(1, 7, 4), (4, 4), 2, stride=2),
    lambda lib: lib.nn.functional.fold(lib.randn(1, 1, 4, 4), (4, 4), 2),
]


@pytest.mark.parametrize("index", range(len(MISTAKES)))
def test_usual_mistakes_raise_torchs_errors(index: int) -> None:
    caught = []
    for lib in (torch, mt):
        with pytest.raises(Exception) as info:  # noqa: PT011 - the type is compared below
            MISTAKES[index](lib)
        caught.append((type(info.value), str(info.value)))
    assert caught[0] == caught[1]
