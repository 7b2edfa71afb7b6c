"""``nn.Dropout``, ``nn.Dropout1d``, ``nn.Dropout2d``: zero activations (or whole channels) at random in training."""

from __future__ import annotations

from minitorch_scalar.nn import functional as F
from minitorch_scalar.nn.module import Module
from minitorch_scalar.tensor import Tensor


class Dropout(Module):
    """In training mode, zero each element with probability ``p`` and scale the rest by ``1 / (1 - p)``;
    in eval mode (``model.eval()``), return the input unchanged.

    Raises:
        ValueError: for ``p`` outside [0, 1] (torch's message).
    """

    def __init__(self, p: float = 0.5, inplace: bool = False) -> None:
        super().__init__()
        if p < 0 or p > 1:
            raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
        self.p = p
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002 - torch's argument name
        return F.dropout(input, self.p, self.training, self.inplace)

    def extra_repr(self) -> str:
        return f"p={self.p}, inplace={self.inplace}"


class Dropout1d(Dropout):
    """In training mode, zero whole channels of ``(N, C, L)`` / ``(C, L)`` input with probability ``p``
    (scaling the rest by ``1 / (1 - p)``); identity in eval mode."""

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.dropout1d(input, self.p, self.training, self.inplace)


class Dropout2d(Dropout):
    """In training mode, zero whole channels (feature maps) of ``(N, C, H, W)`` input with probability ``p``
    (scaling the rest by ``1 / (1 - p)``); identity in eval mode."""

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.dropout2d(input, self.p, self.training, self.inplace)
