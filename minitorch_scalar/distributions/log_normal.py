"""The log-normal distribution: ``exp`` of a normal (``torch.distributions.LogNormal``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions.normal import Normal
from minitorch_scalar.distributions.transformed_distribution import TransformedDistribution
from minitorch_scalar.distributions.transforms import ExpTransform
from minitorch_scalar.tensor import Tensor

__all__ = ["LogNormal"]


class LogNormal(TransformedDistribution):
    """``X = exp(Z)``, ``Z ~ N(loc, scale**2)``."""

    arg_constraints = {"loc": constraints.real, "scale": constraints.positive}
    support = constraints.positive
    has_rsample = True
    base_dist: Normal

    def __init__(self, loc: Tensor | float, scale: Tensor | float, validate_args: bool | None = None) -> None:
        super().__init__(Normal(loc, scale, validate_args=validate_args), ExpTransform(), validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> LogNormal:
        new = self._checked_instance(LogNormal, _instance)
        return cast(LogNormal, super().expand(batch_shape, _instance=new))

    @property
    def loc(self) -> Tensor:
        return self.base_dist.loc

    @property
    def scale(self) -> Tensor:
        return self.base_dist.scale

    @property
    def mean(self) -> Tensor:
        """``exp(loc + scale**2 / 2)``."""
        return (self.loc + self.scale.pow(2) / 2).exp()

    @property
    def mode(self) -> Tensor:
        """``exp(loc - scale**2)``."""
        return (self.loc - self.scale.square()).exp()

    @property
    def variance(self) -> Tensor:
        """``(exp(scale**2) - 1) exp(2 loc + scale**2)``."""
        scale_sq = self.scale.pow(2)
        return scale_sq.expm1() * (2 * self.loc + scale_sq).exp()

    def entropy(self) -> Tensor:
        """The normal's entropy plus ``loc``."""
        return self.base_dist.entropy() + self.loc
