"""The continuous uniform distribution on ``[low, high)`` (``torch.distributions.Uniform``)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from minitorch_scalar import random
from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions.distribution import Distribution
from minitorch_scalar.distributions.utils import as_size, broadcast_all, is_number
from minitorch_scalar.tensor import Size, Tensor, from_array

__all__ = ["Uniform"]


class Uniform(Distribution):
    """Density ``1 / (high - low)`` on ``[low, high)``."""

    has_rsample = True

    def __init__(self, low: Tensor | float, high: Tensor | float, validate_args: bool | None = None) -> None:
        self.low, self.high = broadcast_all(low, high)
        batch_shape = Size() if is_number(low) and is_number(high) else self.low.size()
        super().__init__(batch_shape, validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> Uniform:
        new = self._checked_instance(Uniform, _instance)
        shape = as_size(batch_shape)
        new.low = self.low.expand(shape)
        new.high = self.high.expand(shape)
        new._init_expanded(shape, Size(), self._validate_args)
        return new

    @property
    def arg_constraints(self) -> dict[str, constraints.Constraint]:
        """``low < high`` (each bound checked against the other)."""
        return {"low": constraints.less_than(self.high), "high": constraints.greater_than(self.low)}

    @constraints.dependent_property(is_discrete=False, event_dim=0)
    def support(self) -> constraints.Constraint:
        """``[low, high]``."""
        return constraints.interval(self.low, self.high)

    @property
    def mean(self) -> Tensor:
        return (self.high + self.low) / 2

    @property
    def mode(self) -> Tensor:
        """nan (every point is a mode), as torch."""
        return math.nan * self.high

    @property
    def stddev(self) -> Tensor:
        return (self.high - self.low) / 12**0.5

    @property
    def variance(self) -> Tensor:
        return (self.high - self.low).pow(2) / 12

    def rsample(self, sample_shape: Sequence[int] = Size()) -> Tensor:
        """``low + u * (high - low)`` with ``u = torch.rand(shape)`` (torch's draws after a seed)."""
        shape = self._extended_shape(sample_shape)
        u = from_array(random.rand_array(tuple(shape), self.low.dtype.np))
        return self.low + u * (self.high - self.low)

    def log_prob(self, value: Tensor) -> Tensor:
        """``-log(high - low)`` inside ``[low, high)``, ``-inf`` outside."""
        if self._validate_args:
            self._validate_sample(value)
        lb = self.low.le(value).type_as(self.low)
        ub = self.high.gt(value).type_as(self.low)
        return lb.mul(ub).log() - (self.high - self.low).log()

    def cdf(self, value: Tensor) -> Tensor:
        """``(x - low) / (high - low)`` clamped to [0, 1]."""
        if self._validate_args:
            self._validate_sample(value)
        return ((value - self.low) / (self.high - self.low)).clamp(min=0, max=1)

    def icdf(self, value: Tensor) -> Tensor:
        """``low + q (high - low)``."""
        return value * (self.high - self.low) + self.low

    def entropy(self) -> Tensor:
        """``log(high - low)``."""
        return (self.high - self.low).log()
