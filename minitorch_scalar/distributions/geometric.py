"""The geometric distribution: failures before the first success (``torch.distributions.Geometric``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import numpy as np

from minitorch_scalar import random
from minitorch_scalar.autograd import no_grad
from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions.distribution import Distribution
from minitorch_scalar.distributions.utils import (
    as_size,
    broadcast_all,
    is_number,
    lazy_property,
    logits_to_probs,
    probs_to_logits,
)
from minitorch_scalar.nn.functional import binary_cross_entropy_with_logits
from minitorch_scalar.tensor import Size, Tensor, from_array, zeros_like

__all__ = ["Geometric"]


class Geometric(Distribution):
    """P(X = k) = (1 - p)**k p for k = 0, 1, ...; give exactly one of ``probs`` (> 0) and ``logits``.

    Raises:
        ValueError: when both or neither parameter is given, or (validating) a probability is 0.
    """

    arg_constraints = {"probs": constraints.unit_interval, "logits": constraints.real}
    support = constraints.nonnegative_integer

    def __init__(
        self,
        probs: Tensor | float | None = None,
        logits: Tensor | float | None = None,
        validate_args: bool | None = None,
    ) -> None:
        if (probs is None) == (logits is None):
            raise ValueError("Either `probs` or `logits` must be specified, but not both.")
        given = cast("Tensor | float", probs if probs is not None else logits)
        (param,) = broadcast_all(given)
        if probs is not None:
            self.probs = param
        else:
            self.logits = param
        super().__init__(Size() if is_number(given) else param.size(), validate_args=validate_args)
        if self._validate_args and probs is not None:
            valid = self.probs > 0
            if not valid.all().item():
                raise ValueError(
                    f"Expected parameter probs ({type(self.probs).__name__} of shape {tuple(self.probs.shape)}) "
                    f"of distribution {self!r} to be positive but found invalid values:\n"
                    f"{self.probs.detach()[valid.logical_not()]}"
                )

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> Geometric:
        new = self._checked_instance(Geometric, _instance)
        shape = as_size(batch_shape)
        if "probs" in self.__dict__:
            new.probs = self.probs.expand(shape)
        if "logits" in self.__dict__:
            new.logits = self.logits.expand(shape)
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
    def mean(self) -> Tensor:
        """``1/p - 1``."""
        return 1.0 / self.probs - 1.0

    @property
    def mode(self) -> Tensor:
        return zeros_like(self.probs)

    @property
    def variance(self) -> Tensor:
        """``(1/p - 1) / p``."""
        return (1.0 / self.probs - 1.0) / self.probs

    def sample(self, sample_shape: Sequence[int] = Size()) -> Tensor:
        """``floor(log u / log(1 - p))`` with ``u`` from ``uniform_(tiny, 1)`` (torch's draws after a seed)."""
        shape = self._extended_shape(sample_shape)
        dtype = self.probs.dtype
        with no_grad():
            u = from_array(random.uniform_array(tuple(shape), float(np.finfo(dtype.np).tiny), 1.0, dtype.np))
            return (u.log() / (-self.probs).log1p()).floor()

    def log_prob(self, value: Tensor) -> Tensor:
        """``k log(1 - p) + log p`` (0 log 0 taken as 0 when ``p = 1``)."""
        if self._validate_args:
            self._validate_sample(value)
        value, probs = broadcast_all(value, self.probs)
        probs = probs.clone()
        probs[(probs == 1) & (value == 0)] = 0
        return value * (-probs).log1p() + self.probs.log()

    def entropy(self) -> Tensor:
        """``H(Bernoulli(p)) / p``."""
        return binary_cross_entropy_with_logits(self.logits, self.probs, reduction="none") / self.probs
