"""The half-normal distribution: ``|Z|`` for ``Z ~ N(0, scale**2)`` (``torch.distributions.HalfNormal``)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, cast

from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions.normal import Normal
from minitorch_scalar.distributions.transformed_distribution import TransformedDistribution
from minitorch_scalar.distributions.transforms import AbsTransform
from minitorch_scalar.tensor import Tensor, where, zeros_like

__all__ = ["HalfNormal"]


class HalfNormal(TransformedDistribution):
    """Density ``2 N(x; 0, scale**2)`` for ``x >= 0``."""

    arg_constraints = {"scale": constraints.positive}
    support = constraints.nonnegative
    has_rsample = True
    base_dist: Normal

    def __init__(self, scale: Tensor | float, validate_args: bool | None = None) -> None:
        super().__init__(Normal(0, scale, validate_args=False), AbsTransform(), validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> HalfNormal:
        new = self._checked_instance(HalfNormal, _instance)
        return cast(HalfNormal, super().expand(batch_shape, _instance=new))

    @property
    def scale(self) -> Tensor:
        return self.base_dist.scale

    @property
    def mean(self) -> Tensor:
        """``scale sqrt(2 / pi)``."""
        return self.scale * math.sqrt(2 / math.pi)

    @property
    def mode(self) -> Tensor:
        return zeros_like(self.scale)

    @property
    def variance(self) -> Tensor:
        """``scale**2 (1 - 2 / pi)``."""
        return self.scale.pow(2) * (1 - 2 / math.pi)

    def log_prob(self, value: Tensor) -> Tensor:
        """``log N(x; 0, scale) + log 2`` for ``x >= 0``, ``-inf`` below."""
        if self._validate_args:
            self._validate_sample(value)
        log_prob = self.base_dist.log_prob(value) + math.log(2)
        return where(value >= 0, log_prob, -math.inf)

    def cdf(self, value: Tensor) -> Tensor:
        """``2 Phi(x / scale) - 1``."""
        if self._validate_args:
            self._validate_sample(value)
        return 2 * self.base_dist.cdf(value) - 1

    def entropy(self) -> Tensor:
        """The normal's entropy minus ``log 2``."""
        return self.base_dist.entropy() - math.log(2)
