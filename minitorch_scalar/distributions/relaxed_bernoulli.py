"""Concrete / relaxed Bernoulli distributions (``torch.distributions.RelaxedBernoulli``).

``LogitRelaxedBernoulli`` draws ``(logit(u) + logit(p)) / temperature`` with ``u = torch.rand`` (torch's
draws after a seed); ``RelaxedBernoulli`` is its sigmoid, a value in (0, 1) that approaches 0/1 as the
temperature goes to 0, differentiable in ``p``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from minitorch_scalar import random
from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions.distribution import Distribution
from minitorch_scalar.distributions.transformed_distribution import TransformedDistribution
from minitorch_scalar.distributions.transforms import SigmoidTransform
from minitorch_scalar.distributions.utils import (
    as_size,
    broadcast_all,
    clamp_probs,
    is_number,
    lazy_property,
    logits_to_probs,
    probs_to_logits,
)
from minitorch_scalar.tensor import Size, Tensor, from_array

__all__ = ["LogitRelaxedBernoulli", "RelaxedBernoulli"]


class LogitRelaxedBernoulli(Distribution):
    """The logit of a :class:`RelaxedBernoulli` sample; give exactly one of ``probs`` and ``logits``.

    Raises:
        ValueError: when both or neither of ``probs`` and ``logits`` are given.
    """

    arg_constraints = {"probs": constraints.unit_interval, "logits": constraints.real}
    support = constraints.real

    def __init__(
        self,
        temperature: Tensor,
        probs: Tensor | float | None = None,
        logits: Tensor | float | None = None,
        validate_args: bool | None = None,
    ) -> None:
        self.temperature = temperature
        if (probs is None) == (logits is None):
            raise ValueError("Either `probs` or `logits` must be specified, but not both.")
        given = cast("Tensor | float", probs if probs is not None else logits)
        (self._param,) = broadcast_all(given)
        if probs is not None:
            self.probs = self._param
        else:
            self.logits = self._param
        super().__init__(Size() if is_number(given) else self._param.size(), validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> LogitRelaxedBernoulli:
        new = self._checked_instance(LogitRelaxedBernoulli, _instance)
        shape = as_size(batch_shape)
        new.temperature = self.temperature
        if "probs" in self.__dict__:
            new.probs = self.probs.expand(shape)
            new._param = new.probs
        if "logits" in self.__dict__:
            new.logits = self.logits.expand(shape)
            new._param = new.logits
        new._init_expanded(shape, Size(), self._validate_args)
        return new

    @lazy_property
    def logits(self) -> Tensor:
        """``log p - log(1 - p)``."""
        return probs_to_logits(self.probs, is_binary=True)

    @lazy_property
    def probs(self) -> Tensor:
        """``sigmoid(logits)``."""
        return logits_to_probs(self.logits, is_binary=True)

    @property
    def param_shape(self) -> Size:
        return self._param.size()

    def rsample(self, sample_shape: Sequence[int] = Size()) -> Tensor:
        """``(logit(u) + logit(p)) / temperature`` (u and p clamped away from 0 and 1)."""
        shape = self._extended_shape(sample_shape)
        probs = clamp_probs(self.probs.expand(shape))
        uniforms = clamp_probs(from_array(random.rand_array(tuple(shape), probs.dtype.np)))
        return (uniforms.log() - (-uniforms).log1p() + probs.log() - (-probs).log1p()) / self.temperature

    def log_prob(self, value: Tensor) -> Tensor:
        """``log t + d - 2 log(1 + exp(d))`` with ``d = logits - t x``."""
        if self._validate_args:
            self._validate_sample(value)
        logits, value = broadcast_all(self.logits, value)
        diff = logits - value.mul(self.temperature)
        return self.temperature.log() + diff - 2 * diff.exp().log1p()


class RelaxedBernoulli(TransformedDistribution):
    """``sigmoid`` of a :class:`LogitRelaxedBernoulli`: values in (0, 1)."""

    arg_constraints = {"probs": constraints.unit_interval, "logits": constraints.real}
    support = constraints.unit_interval
    has_rsample = True
    base_dist: LogitRelaxedBernoulli

    def __init__(
        self,
        temperature: Tensor,
        probs: Tensor | float | None = None,
        logits: Tensor | float | None = None,
        validate_args: bool | None = None,
    ) -> None:
        base = LogitRelaxedBernoulli(temperature, probs, logits)
        super().__init__(base, SigmoidTransform(), validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> RelaxedBernoulli:
        new = self._checked_instance(RelaxedBernoulli, _instance)
        return cast(RelaxedBernoulli, super().expand(batch_shape, _instance=new))

    @property
    def temperature(self) -> Tensor:
        return self.base_dist.temperature

    @property
    def logits(self) -> Tensor:
        return self.base_dist.logits

    @property
    def probs(self) -> Tensor:
        return self.base_dist.probs
