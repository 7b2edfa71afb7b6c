"""The exponential distribution (``torch.distributions.Exponential``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from minitorch_scalar import random
from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions.exp_family import ExponentialFamily
from minitorch_scalar.distributions.utils import as_size, broadcast_all, is_number
from minitorch_scalar.tensor import Size, Tensor, from_array, zeros_like

__all__ = ["Exponential"]


class Exponential(ExponentialFamily):
    """Density ``rate * exp(-rate x)`` for ``x >= 0``."""

    arg_constraints = {"rate": constraints.positive}
    support = constraints.nonnegative
    has_rsample = True

    def __init__(self, rate: Tensor | float, validate_args: bool | None = None) -> None:
        (self.rate,) = broadcast_all(rate)
        super().__init__(Size() if is_number(rate) else self.rate.size(), validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> Exponential:
        new = self._checked_instance(Exponential, _instance)
        shape = as_size(batch_shape)
        new.rate = self.rate.expand(shape)
        new._init_expanded(shape, Size(), self._validate_args)
        return new

    @property
    def mean(self) -> Tensor:
        return self.rate.reciprocal()

    @property
    def mode(self) -> Tensor:
        return zeros_like(self.rate)

    @property
    def stddev(self) -> Tensor:
        return self.rate.reciprocal()

    @property
    def variance(self) -> Tensor:
        return self.rate.pow(-2)

    def rsample(self, sample_shape: Sequence[int] = Size()) -> Tensor:
        """``e / rate`` with ``e`` from ``exponential_()`` (torch's draws after a seed)."""
        shape = self._extended_shape(sample_shape)
        return from_array(random.exponential_array(tuple(shape), self.rate.dtype.np)) / self.rate

    def log_prob(self, value: Tensor) -> Tensor:
        """``log(rate) - rate x``."""
        if self._validate_args:
            self._validate_sample(value)
        return self.rate.log() - self.rate * value

    def cdf(self, value: Tensor) -> Tensor:
        """``1 - exp(-rate x)``."""
        if self._validate_args:
            self._validate_sample(value)
        return 1 - (-self.rate * value).exp()

    def icdf(self, value: Tensor) -> Tensor:
        """``-log(1 - q) / rate``."""
        return -(-value).log1p() / self.rate

    def entropy(self) -> Tensor:
        """``1 - log(rate)``."""
        return 1.0 - self.rate.log()

    @property
    def _natural_params(self) -> tuple[Tensor]:
        """``(-rate,)``."""
        return (-self.rate,)

    def _log_normalizer(self, *natural_params: Tensor) -> Tensor:
        """``-log(-x)``."""
        (x,) = natural_params
        return -(-x).log()
