"""``nn.Flatten`` and ``nn.Identity``: shape plumbing without parameters."""

from __future__ import annotations

from typing import Any

from minitorch_scalar.nn.module import Module
from minitorch_scalar.tensor import Tensor


class Flatten(Module):
    """Merge dimensions ``start_dim..end_dim`` into one (``Tensor.flatten``); batch dim kept by default."""

    def __init__(self, start_dim: int = 1, end_dim: int = -1) -> None:
        super().__init__()
        self.start_dim = start_dim
        self.end_dim = end_dim

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002 - torch's argument name
        return input.flatten(self.start_dim, self.end_dim)

    def extra_repr(self) -> str:
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"


class Identity(Module):
    """Returns its input unchanged (any constructor arguments are ignored, as in torch)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__()

    def forward(self, input: Any) -> Any:  # noqa: A002
        return input
