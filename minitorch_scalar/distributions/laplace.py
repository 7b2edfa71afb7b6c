"""The Laplace distribution (``torch.distributions.Laplace``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from minitorch_scalar import random
from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions.distribution import Distribution
from minitorch_scalar.distributions.utils import as_size, broadcast_all, finfo_eps, is_number
from minitorch_scalar.tensor import Size, Tensor, from_array

__all__ = ["Laplace"]


class Laplace(Distribution):
    """Density ``exp(-|x - loc| / scale) / (2 scale)``."""

    arg_constraints = {"loc": constraints.real, "scale": constraints.positive}
    support = constraints.real
    has_rsample = True

    def __init__(self, loc: Tensor | float, scale: Tensor | float, validate_args: bool | None = None) -> None:
        self.loc, self.scale = broadcast_all(loc, scale)
        batch_shape = Size() if is_number(loc) and is_number(scale) else self.loc.size()
        super().__init__(batch_shape, validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> Laplace:
        new = self._checked_instance(Laplace, _instance)
        shape = as_size(batch_shape)
        new.loc = self.loc.expand(shape)
        new.scale = self.scale.expand(shape)
        new._init_expanded(shape, Size(), self._validate_args)
        return new

    @property
    def mean(self) -> Tensor:
        return self.loc

    @property
    def mode(self) -> Tensor:
        return self.loc

    @property
    def variance(self) -> Tensor:
        return 2 * self.scale.pow(2)

    @property
    def stddev(self) -> Tensor:
        return (2**0.5) * self.scale

    def rsample(self, sample_shape: Sequence[int] = Size()) -> Tensor:
        """``loc - scale sign(u) log(1 - |u|)`` with ``u`` from ``uniform_(eps - 1, 1)`` (torch's draws)."""
        shape = self._extended_shape(sample_shape)
        dtype = self.loc.dtype
        u = from_array(random.uniform_array(tuple(shape), finfo_eps(dtype) - 1, 1, dtype.np))
        return self.loc - self.scale * u.sign() * (-u.abs()).log1p()

    def log_prob(self, value: Tensor) -> Tensor:
        """``-log(2 scale) - |x - loc| / scale``."""
        if self._validate_args:
            self._validate_sample(value)
        return -(2 * self.scale).log() - (value - self.loc).abs() / self.scale

    def cdf(self, value: Tensor) -> Tensor:
        """``1/2 - sign(x - loc) expm1(-|x - loc| / scale) / 2``."""
        if self._validate_args:
            self._validate_sample(value)
        diff = value - self.loc
        return 0.5 - 0.5 * diff.sign() * (-diff.abs() / self.scale).expm1()

    def icdf(self, value: Tensor) -> Tensor:
        """``loc - scale sign(q - 1/2) log(1 - 2 |q - 1/2|)``."""
        term = value - 0.5
        return self.loc - self.scale * term.sign() * (-2 * term.abs()).log1p()

    def entropy(self) -> Tensor:
        """``1 + log(2 scale)``."""
        return 1 + (2 * self.scale).log()
