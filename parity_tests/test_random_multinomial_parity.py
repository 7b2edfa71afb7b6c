"""torch.multinomial reproduces torch's CPU draws index for index (both kernels), and its errors."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import minitorch_scalar as ms  # noqa: E402


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("replacement", [True, False])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_draws_match_torch(seed: int, replacement: bool, dtype: str) -> None:
    rng = np.random.default_rng(seed)
    k = int(rng.integers(2, 25))
    n = 1 if seed % 3 == 0 else int(rng.integers(1, k + 1))
    p = rng.random((int(rng.integers(1, 4)), k)) ** 3
    if seed % 2:
        p = p[0]
    theirs = torch.multinomial(torch.tensor(p, dtype=getattr(torch, dtype)), n, replacement=replacement,
                               generator=torch.Generator().manual_seed(seed))
    ours = ms.multinomial(ms.tensor(p, dtype=getattr(ms, dtype)), n, replacement=replacement,
                          generator=ms.Generator().manual_seed(seed))
    assert ours.tolist() == theirs.tolist()
    assert ours.dtype == ms.int64


def test_default_generator_stream_continues_like_torch() -> None:
    torch.manual_seed(0)
    ms.manual_seed(0)
    probs = [0.2, 0.5, 0.3]
    with_replacement = torch.multinomial(torch.tensor(probs), 5, True).tolist()
    assert ms.multinomial(ms.tensor(probs), 5, True).tolist() == with_replacement
    assert ms.multinomial(ms.tensor(probs), 1).tolist() == torch.multinomial(torch.tensor(probs), 1).tolist()
    assert ms.rand(3).tolist() == torch.rand(3).tolist()


@pytest.mark.parametrize("args", [
    ([[[1.0, 2.0]]], 1, False), ([1.0, 2.0], 3, False), ([0.0, 0.0], 1, False), ([-1.0, 2.0], 1, False),
    ([float("nan"), 2.0], 1, False), ([1.0, 2.0], 0, True), ([1, 2], 1, False),
])
def test_errors_match_torch(args: tuple) -> None:  # type: ignore[type-arg]
    data, n, replacement = args
    with pytest.raises(RuntimeError) as theirs:
        torch.multinomial(torch.tensor(data), n, replacement)
    with pytest.raises(RuntimeError) as ours:
        ms.multinomial(ms.tensor(data), n, replacement)
    assert str(ours.value) == str(theirs.value)
