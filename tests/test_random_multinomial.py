"""torch.multinomial without torch: frequencies, zero-probability categories, shapes."""

from __future__ import annotations

import minitorch_scalar as torch


def test_frequencies_follow_the_weights() -> None:
    torch.manual_seed(0)
    draws = torch.multinomial(torch.tensor([1.0, 3.0]), 4000, replacement=True)
    share = (draws == 1).float().mean().item()
    assert abs(share - 0.75) < 0.03


def test_zero_weight_is_never_drawn_with_replacement_and_last_without() -> None:
    torch.manual_seed(1)
    assert 1 not in torch.multinomial(torch.tensor([1.0, 0.0, 2.0]), 50, replacement=True).tolist()
    assert torch.multinomial(torch.tensor([1.0, 0.0, 2.0]), 3).tolist()[-1] == 1


def test_shapes_and_dtype() -> None:
    out = torch.multinomial(torch.ones(4, 5), 2)
    assert tuple(out.shape) == (4, 2) and out.dtype == torch.int64
    assert all(len(set(row)) == 2 for row in out.tolist())  # without replacement: distinct per row
    assert tuple(torch.multinomial(torch.ones(5), 1).shape) == (1,)
