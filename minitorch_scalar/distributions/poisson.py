"""The Poisson distribution (``torch.distributions.Poisson``); draws are torch's, bit for bit, after a seed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from minitorch_scalar.autograd import no_grad
from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions._sampling import poisson_array
from minitorch_scalar.distributions._special import lgamma, xlogy
from minitorch_scalar.distributions.exp_family import ExponentialFamily
from minitorch_scalar.distributions.utils import as_size, broadcast_all, is_number
from minitorch_scalar.tensor import Size, Tensor, from_array

__all__ = ["Poisson"]


class Poisson(ExponentialFamily):
    """P(X = k) = rate**k exp(-rate) / k!."""

    arg_constraints = {"rate": constraints.nonnegative}
    support = constraints.nonnegative_integer

    def __init__(self, rate: Tensor | float, validate_args: bool | None = None) -> None:
        (self.rate,) = broadcast_all(rate)
        super().__init__(Size() if is_number(rate) else self.rate.size(), validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> Poisson:
        new = self._checked_instance(Poisson, _instance)
        shape = as_size(batch_shape)
        new.rate = self.rate.expand(shape)
        new._init_expanded(shape, Size(), self._validate_args)
        return new

    @property
    def mean(self) -> Tensor:
        return self.rate

    @property
    def mode(self) -> Tensor:
        return self.rate.floor()

    @property
    def variance(self) -> Tensor:
        return self.rate

    def sample(self, sample_shape: Sequence[int] = Size()) -> Tensor:
        """``torch.poisson(rate.expand(shape))``."""
        shape = tuple(self._extended_shape(sample_shape))
        with no_grad():
            return from_array(poisson_array(self.rate.detach().expand(shape).numpy()))

    def log_prob(self, value: Tensor) -> Tensor:
        """``k log(rate) - rate - lgamma(k + 1)``."""
        if self._validate_args:
            self._validate_sample(value)
        rate, value = broadcast_all(self.rate, value)
        return xlogy(value, rate) - rate - lgamma(value + 1)

    @property
    def _natural_params(self) -> tuple[Tensor]:
        return (self.rate.log(),)

    def _log_normalizer(self, *natural_params: Tensor) -> Tensor:
        (x,) = natural_params
        return x.exp()
