"""The Gumbel distribution (``torch.distributions.Gumbel``): ``loc - scale log(-log U)``."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, cast

import numpy as np

from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions.transformed_distribution import TransformedDistribution
from minitorch_scalar.distributions.transforms import AffineTransform, ExpTransform
from minitorch_scalar.distributions.uniform import Uniform
from minitorch_scalar.distributions.utils import broadcast_all, euler_constant, finfo_eps, is_number
from minitorch_scalar.tensor import Tensor, full_like, ones_like

__all__ = ["Gumbel"]


class Gumbel(TransformedDistribution):
    """Density ``exp(-(z + exp(-z))) / scale`` with ``z = (x - loc) / scale``; drawn from ``Uniform(tiny, 1 - eps)``."""

    arg_constraints = {"loc": constraints.real, "scale": constraints.positive}
    support = constraints.real

    def __init__(self, loc: Tensor | float, scale: Tensor | float, validate_args: bool | None = None) -> None:
        self.loc, self.scale = broadcast_all(loc, scale)
        tiny = float(np.finfo(self.loc.dtype.np).tiny)
        top = 1 - finfo_eps(self.loc.dtype)
        if is_number(loc) and is_number(scale):
            base = Uniform(tiny, top, validate_args=validate_args)
        else:
            base = Uniform(full_like(self.loc, tiny), full_like(self.loc, top), validate_args=validate_args)
        transforms = [
            ExpTransform().inv,
            AffineTransform(loc=0, scale=-ones_like(self.scale)),
            ExpTransform().inv,
            AffineTransform(loc=loc, scale=-self.scale),
        ]
        super().__init__(base, transforms, validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> Gumbel:
        new = self._checked_instance(Gumbel, _instance)
        new.loc = self.loc.expand(tuple(batch_shape))
        new.scale = self.scale.expand(tuple(batch_shape))
        return cast(Gumbel, super().expand(batch_shape, _instance=new))

    def log_prob(self, value: Tensor) -> Tensor:
        """``y - exp(y) - log(scale)`` with ``y = (loc - x) / scale``."""
        if self._validate_args:
            self._validate_sample(value)
        y = (self.loc - value) / self.scale
        return (y - y.exp()) - self.scale.log()

    @property
    def mean(self) -> Tensor:
        """``loc + scale * gamma`` (Euler's constant)."""
        return self.loc + self.scale * euler_constant

    @property
    def mode(self) -> Tensor:
        return self.loc

    @property
    def stddev(self) -> Tensor:
        """``pi scale / sqrt(6)``."""
        return (math.pi / math.sqrt(6)) * self.scale

    @property
    def variance(self) -> Tensor:
        return self.stddev.pow(2)

    def entropy(self) -> Tensor:
        """``log(scale) + 1 + gamma``."""
        return self.scale.log() + (1 + euler_constant)
