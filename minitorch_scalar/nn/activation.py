"""Activation modules: ``Tanh``, ``ReLU``, ``LeakyReLU``, ``Sigmoid``, ``GELU``, ``Softmax``, ``LogSoftmax``.

Each is a parameter-free Module whose forward calls :mod:`minitorch_scalar.nn.functional`; the
elementwise ones apply the same math as the registry ops the lecture's ``Value`` uses
(``tanh``, ``relu``, ``sigmoid``).
"""

from __future__ import annotations

from minitorch_scalar.nn import functional as F
from minitorch_scalar.nn.module import Module
from minitorch_scalar.tensor import Tensor


class Tanh(Module):
    """``tanh(x)``; d/dx = 1 - tanh(x)**2 (the lecture's neuron activation)."""

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002 - torch's argument name
        return F.tanh(input)


class Sigmoid(Module):
    """``1 / (1 + exp(-x))``; d/dx = out * (1 - out)."""

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.sigmoid(input)


class ReLU(Module):
    """``max(x, 0)``; d/dx = 1 for x > 0 else 0 (0 at the kink, as torch).

    Args:
        inplace: accepted for torch compatibility and shown in the repr; unlike torch, the input is
            left unchanged and the result is a new tensor.
    """

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.relu(input)

    def extra_repr(self) -> str:
        return "inplace=True" if self.inplace else ""


class LeakyReLU(Module):
    """``x`` for x > 0, else ``negative_slope * x``.

    Args:
        negative_slope: the slope for negative inputs (0.01).
        inplace: accepted for torch compatibility and shown in the repr (the result is a new tensor).
    """

    def __init__(self, negative_slope: float = 1e-2, inplace: bool = False) -> None:
        super().__init__()
        self.negative_slope = negative_slope
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.leaky_relu(input, self.negative_slope)

    def extra_repr(self) -> str:
        return f"negative_slope={self.negative_slope}" + (", inplace=True" if self.inplace else "")


class GELU(Module):
    """``x * Phi(x)`` (Phi the standard normal CDF), or its tanh approximation with ``approximate='tanh'``."""

    def __init__(self, approximate: str = "none") -> None:
        super().__init__()
        self.approximate = approximate

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.gelu(input, approximate=self.approximate)

    def extra_repr(self) -> str:
        return f"approximate={self.approximate!r}"


class Softmax(Module):
    """``exp(x_i) / sum_j exp(x_j)`` along ``dim`` (computed as ``exp(x - max)`` for stability)."""

    def __init__(self, dim: int | None = None) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.softmax(input, self.dim)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"


class LogSoftmax(Module):
    """``x_i - log(sum_j exp(x_j))`` along ``dim`` (log-sum-exp, numerically stable)."""

    def __init__(self, dim: int | None = None) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.log_softmax(input, self.dim)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"
