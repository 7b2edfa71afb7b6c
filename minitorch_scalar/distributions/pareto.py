"""The Pareto distribution (``torch.distributions.Pareto``): ``scale * exp(E)``, ``E ~ Exponential(alpha)``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions.exponential import Exponential
from minitorch_scalar.distributions.transformed_distribution import TransformedDistribution
from minitorch_scalar.distributions.transforms import AffineTransform, ExpTransform, Transform
from minitorch_scalar.distributions.utils import broadcast_all
from minitorch_scalar.tensor import Tensor

__all__ = ["Pareto"]


class Pareto(TransformedDistribution):
    """Density ``alpha scale**alpha / x**(alpha + 1)`` for ``x >= scale``."""

    arg_constraints = {"alpha": constraints.positive, "scale": constraints.positive}

    def __init__(self, scale: Tensor | float, alpha: Tensor | float, validate_args: bool | None = None) -> None:
        self.scale, self.alpha = broadcast_all(scale, alpha)
        base = Exponential(self.alpha, validate_args=validate_args)
        transforms: list[Transform] = [ExpTransform(), AffineTransform(loc=0, scale=self.scale)]
        super().__init__(base, transforms, validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> Pareto:
        new = self._checked_instance(Pareto, _instance)
        new.scale = self.scale.expand(tuple(batch_shape))
        new.alpha = self.alpha.expand(tuple(batch_shape))
        return cast(Pareto, super().expand(batch_shape, _instance=new))

    @property
    def mean(self) -> Tensor:
        """``alpha scale / (alpha - 1)`` (alpha clamped at 1, so infinite below)."""
        a = self.alpha.clamp(min=1)
        return a * self.scale / (a - 1)

    @property
    def mode(self) -> Tensor:
        return self.scale

    @property
    def variance(self) -> Tensor:
        """``scale**2 alpha / ((alpha - 1)**2 (alpha - 2))`` (alpha clamped at 2)."""
        a = self.alpha.clamp(min=2)
        return self.scale.pow(2) * a / ((a - 1).pow(2) * (a - 2))

    @constraints.dependent_property(is_discrete=False, event_dim=0)
    def support(self) -> constraints.Constraint:
        """``[scale, inf)``."""
        return constraints.greater_than_eq(self.scale)

    def entropy(self) -> Tensor:
        """``log(scale / alpha) + 1 + 1/alpha``."""
        return (self.scale / self.alpha).log() + (1 + self.alpha.reciprocal())
