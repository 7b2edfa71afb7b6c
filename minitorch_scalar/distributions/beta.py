"""The beta distribution on [0, 1] (``torch.distributions.Beta``): the first coordinate of a 2-D Dirichlet.

Draws are torch's, bit for bit, after ``manual_seed``; see :mod:`.dirichlet` for the gradient of ``rsample``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions._special import lgamma
from minitorch_scalar.distributions.dirichlet import Dirichlet
from minitorch_scalar.distributions.exp_family import ExponentialFamily
from minitorch_scalar.distributions.utils import as_size, broadcast_all, is_number
from minitorch_scalar.tensor import Size, Tensor, stack, tensor

__all__ = ["Beta"]


class Beta(ExponentialFamily):
    """Density ``x**(c1 - 1) (1 - x)**(c0 - 1) / B(c1, c0)``."""

    arg_constraints = {"concentration1": constraints.positive, "concentration0": constraints.positive}
    support = constraints.unit_interval
    has_rsample = True

    def __init__(
        self, concentration1: Tensor | float, concentration0: Tensor | float, validate_args: bool | None = None
    ) -> None:
        if is_number(concentration1) and is_number(concentration0):
            pair = tensor([float(concentration1), float(concentration0)])  # type: ignore[arg-type]
        else:
            c1, c0 = broadcast_all(concentration1, concentration0)
            pair = stack([c1, c0], -1)
        self._dirichlet = Dirichlet(pair, validate_args=validate_args)
        super().__init__(self._dirichlet._batch_shape, validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> Beta:
        new = self._checked_instance(Beta, _instance)
        shape = as_size(batch_shape)
        new._dirichlet = self._dirichlet.expand(shape)
        new._init_expanded(shape, Size(), self._validate_args)
        return new

    @property
    def mean(self) -> Tensor:
        return self.concentration1 / (self.concentration1 + self.concentration0)

    @property
    def mode(self) -> Tensor:
        return self._dirichlet.mode[..., 0]

    @property
    def variance(self) -> Tensor:
        """``c1 c0 / ((c1 + c0)**2 (c1 + c0 + 1))``."""
        total = self.concentration1 + self.concentration0
        return self.concentration1 * self.concentration0 / (total.pow(2) * (total + 1))

    def rsample(self, sample_shape: Sequence[int] = Size()) -> Tensor:
        return self._dirichlet.rsample(sample_shape).select(-1, 0)

    def log_prob(self, value: Tensor) -> Tensor:
        """The Dirichlet's log density at ``(x, 1 - x)``."""
        if self._validate_args:
            self._validate_sample(value)
        return self._dirichlet.log_prob(stack([value, 1.0 - value], -1))

    def entropy(self) -> Tensor:
        return self._dirichlet.entropy()

    @property
    def concentration1(self) -> Tensor:
        return self._dirichlet.concentration[..., 0]

    @property
    def concentration0(self) -> Tensor:
        return self._dirichlet.concentration[..., 1]

    @property
    def _natural_params(self) -> tuple[Tensor, Tensor]:
        return (self.concentration1, self.concentration0)

    def _log_normalizer(self, *natural_params: Tensor) -> Tensor:
        """``lgamma(x) + lgamma(y) - lgamma(x + y)``."""
        x, y = natural_params
        return lgamma(x) + lgamma(y) - lgamma(x + y)
