"""The normal distribution (``torch.distributions.Normal``)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from minitorch_scalar import random
from minitorch_scalar.autograd import no_grad
from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions.exp_family import ExponentialFamily
from minitorch_scalar.distributions.utils import as_size, broadcast_all, is_number, standard_normal
from minitorch_scalar.functional_api import erf
from minitorch_scalar.tensor import Size, Tensor

__all__ = ["Normal"]


class Normal(ExponentialFamily):
    """N(loc, scale**2): density ``exp(-(x - loc)**2 / (2 scale**2)) / (scale sqrt(2 pi))``.

    Args:
        loc: the mean.
        scale: the standard deviation (> 0).
        validate_args: see :class:`Distribution`.
    """

    arg_constraints = {"loc": constraints.real, "scale": constraints.positive}
    support = constraints.real
    has_rsample = True

    def __init__(self, loc: Tensor | float, scale: Tensor | float, validate_args: bool | None = None) -> None:
        self.loc, self.scale = broadcast_all(loc, scale)
        batch_shape = Size() if is_number(loc) and is_number(scale) else self.loc.size()
        super().__init__(batch_shape, validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> Normal:
        new = self._checked_instance(Normal, _instance)
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
    def stddev(self) -> Tensor:
        return self.scale

    @property
    def variance(self) -> Tensor:
        return self.stddev.pow(2)

    def sample(self, sample_shape: Sequence[int] = Size()) -> Tensor:
        """``torch.normal(loc.expand(shape), scale.expand(shape))``: the same draws as torch after a seed."""
        shape = self._extended_shape(sample_shape)
        with no_grad():
            return random.normal(self.loc.expand(shape), self.scale.expand(shape))

    def rsample(self, sample_shape: Sequence[int] = Size()) -> Tensor:
        """``loc + eps * scale`` with ``eps ~ N(0, 1)``: gradients reach ``loc`` and ``scale``."""
        shape = self._extended_shape(sample_shape)
        eps = standard_normal(shape, self.loc.dtype)
        return self.loc + eps * self.scale

    def log_prob(self, value: Tensor) -> Tensor:
        """``-(x - loc)**2 / (2 scale**2) - log(scale) - log(sqrt(2 pi))``."""
        if self._validate_args:
            self._validate_sample(value)
        var = self.scale**2
        return -((value - self.loc) ** 2) / (2 * var) - self.scale.log() - math.log(math.sqrt(2 * math.pi))

    def cdf(self, value: Tensor) -> Tensor:
        """``(1 + erf((x - loc) / (scale sqrt 2))) / 2``."""
        if self._validate_args:
            self._validate_sample(value)
        return 0.5 * (1 + erf((value - self.loc) * self.scale.reciprocal() / math.sqrt(2)))

    def entropy(self) -> Tensor:
        """``1/2 + log(2 pi)/2 + log(scale)``."""
        return 0.5 + 0.5 * math.log(2 * math.pi) + self.scale.log()

    @property
    def _natural_params(self) -> tuple[Tensor, Tensor]:
        """``(loc / scale**2, -1 / (2 scale**2))``."""
        return (self.loc / self.scale.pow(2), -0.5 * self.scale.pow(2).reciprocal())

    def _log_normalizer(self, *natural_params: Tensor) -> Tensor:
        """``-x**2 / (4 y) + log(-pi / y) / 2`` for natural parameters ``(x, y)``."""
        x, y = natural_params
        return -0.25 * x.pow(2) / y + 0.5 * (-math.pi / y).log()
