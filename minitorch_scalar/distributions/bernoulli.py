"""The Bernoulli distribution (``torch.distributions.Bernoulli``)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, cast

from minitorch_scalar import random
from minitorch_scalar.autograd import no_grad
from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions.exp_family import ExponentialFamily
from minitorch_scalar.distributions.utils import (
    as_size,
    broadcast_all,
    is_number,
    lazy_property,
    logits_to_probs,
    probs_to_logits,
)
from minitorch_scalar.nn.functional import binary_cross_entropy_with_logits
from minitorch_scalar.tensor import Size, Tensor, arange, where

__all__ = ["Bernoulli"]


class Bernoulli(ExponentialFamily):
    """P(X = 1) = probs = sigmoid(logits); give exactly one of ``probs`` and ``logits``.

    Raises:
        ValueError: when both or neither of ``probs`` and ``logits`` are given.
    """

    arg_constraints = {"probs": constraints.unit_interval, "logits": constraints.real}
    support = constraints.boolean
    has_enumerate_support = True

    def __init__(
        self,
        probs: Tensor | float | None = None,
        logits: Tensor | float | None = None,
        validate_args: bool | None = None,
    ) -> None:
        if (probs is None) == (logits is None):
            raise ValueError("Either `probs` or `logits` must be specified, but not both.")
        given = cast("Tensor | float", probs if probs is not None else logits)
        (self._param,) = broadcast_all(given)
        if probs is not None:
            self.probs = self._param
        else:
            self.logits = self._param
        is_scalar = is_number(given)
        super().__init__(Size() if is_scalar else self._param.size(), validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> Bernoulli:
        new = self._checked_instance(Bernoulli, _instance)
        shape = as_size(batch_shape)
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

    @property
    def mean(self) -> Tensor:
        return self.probs

    @property
    def mode(self) -> Tensor:
        """1 where ``probs > 1/2``, 0 below, nan at exactly 1/2."""
        probs = self.probs.detach()
        return where(probs == 0.5, math.nan, (probs >= 0.5).to(probs.dtype)).to(probs.dtype)

    @property
    def variance(self) -> Tensor:
        return self.probs * (1 - self.probs)

    def sample(self, sample_shape: Sequence[int] = Size()) -> Tensor:
        """``torch.bernoulli(probs.expand(shape))``: torch's draws after a seed."""
        shape = self._extended_shape(sample_shape)
        with no_grad():
            return random.bernoulli(self.probs.expand(shape))

    def log_prob(self, value: Tensor) -> Tensor:
        """``x log p + (1 - x) log(1 - p)``, computed as ``-bce_with_logits(logits, x)``."""
        if self._validate_args:
            self._validate_sample(value)
        logits, value = broadcast_all(self.logits, value)
        return -binary_cross_entropy_with_logits(logits, value, reduction="none")

    def entropy(self) -> Tensor:
        """``-p log p - (1 - p) log(1 - p)``."""
        return binary_cross_entropy_with_logits(self.logits, self.probs, reduction="none")

    @property
    def _natural_params(self) -> tuple[Tensor]:
        """``(log(p / (1 - p)),)``."""
        return ((self.probs / (1 - self.probs)).log(),)

    def _log_normalizer(self, *natural_params: Tensor) -> Tensor:
        """``log(1 + exp(x))``."""
        (x,) = natural_params
        return x.exp().log1p()

    def enumerate_support(self, expand: bool = True) -> Tensor:
        """``[0, 1]`` along dimension 0, broadcast over the batch."""
        values = arange(2, dtype=self._param.dtype).view((-1,) + (1,) * len(self._batch_shape))
        if expand:
            values = values.expand((-1,) + tuple(self._batch_shape))
        return values
