"""The categorical distribution over ``0 .. K-1`` (``torch.distributions.Categorical``)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from minitorch_scalar import dtypes, random
from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions.distribution import Distribution
from minitorch_scalar.distributions.utils import as_size, finfo_min, lazy_property, logits_to_probs, probs_to_logits
from minitorch_scalar.functional_api import broadcast_tensors
from minitorch_scalar.tensor import Size, Tensor, arange, full

__all__ = ["Categorical"]


class Categorical(Distribution):
    """P(X = k) = probs[..., k]; the last dimension of ``probs`` / ``logits`` indexes the K categories.

    ``probs`` is divided by its sum over the last dimension and ``logits`` has its ``logsumexp`` subtracted,
    as torch does, so unnormalised weights are accepted.

    Raises:
        ValueError: when both or neither of ``probs`` and ``logits`` are given, or the parameter is 0-dim.
    """

    arg_constraints = {"probs": constraints.simplex, "logits": constraints.real_vector}
    has_enumerate_support = True

    def __init__(
        self, probs: Tensor | None = None, logits: Tensor | None = None, validate_args: bool | None = None
    ) -> None:
        if (probs is None) == (logits is None):
            raise ValueError("Either `probs` or `logits` must be specified, but not both.")
        if probs is not None:
            if probs.dim() < 1:
                raise ValueError("`probs` parameter must be at least one-dimensional.")
            self.probs = probs / probs.sum(-1, keepdim=True)
            self._param = self.probs
        elif logits is not None:
            if logits.dim() < 1:
                raise ValueError("`logits` parameter must be at least one-dimensional.")
            self.logits = logits - logits.logsumexp(dim=-1, keepdim=True)
            self._param = self.logits
        self._num_events = self._param.size()[-1]
        batch_shape = self._param.size()[:-1] if self._param.ndimension() > 1 else Size()
        super().__init__(batch_shape, validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> Categorical:
        new = self._checked_instance(Categorical, _instance)
        shape = as_size(batch_shape)
        param_shape = tuple(shape) + (self._num_events,)
        if "probs" in self.__dict__:
            new.probs = self.probs.expand(param_shape)
            new._param = new.probs
        if "logits" in self.__dict__:
            new.logits = self.logits.expand(param_shape)
            new._param = new.logits
        new._num_events = self._num_events
        new._init_expanded(shape, Size(), self._validate_args)
        return new

    @constraints.dependent_property(is_discrete=True, event_dim=0)
    def support(self) -> constraints.Constraint:
        """The integers ``0 .. K-1``."""
        return constraints.integer_interval(0, self._num_events - 1)

    @lazy_property
    def logits(self) -> Tensor:
        """``log probs`` (probs clamped away from 0)."""
        return probs_to_logits(self.probs)

    @lazy_property
    def probs(self) -> Tensor:
        """``softmax(logits, -1)``."""
        return logits_to_probs(self.logits)

    @property
    def param_shape(self) -> Size:
        return self._param.size()

    @property
    def mean(self) -> Tensor:
        """nan (categories have no mean), as torch."""
        return full(tuple(self._extended_shape()), math.nan, dtype=self.probs.dtype)

    @property
    def mode(self) -> Tensor:
        return self.probs.argmax(dim=-1)

    @property
    def variance(self) -> Tensor:
        """nan, as torch."""
        return full(tuple(self._extended_shape()), math.nan, dtype=self.probs.dtype)

    def sample(self, sample_shape: Sequence[int] = Size()) -> Tensor:
        """``multinomial(probs_2d, n, replacement=True).T`` reshaped: torch's draws after a seed."""
        shape = as_size(sample_shape)
        probs_2d = self.probs.reshape(-1, self._num_events)
        samples_2d = random.multinomial(probs_2d, shape.numel(), True).T
        return samples_2d.reshape(tuple(self._extended_shape(shape)))

    def log_prob(self, value: Tensor) -> Tensor:
        """``logits[..., value]`` (normalised logits)."""
        if self._validate_args:
            self._validate_sample(value)
        index, log_pmf = broadcast_tensors(value.long().unsqueeze(-1), self.logits)
        return log_pmf.gather(-1, index[..., :1]).squeeze(-1)

    def entropy(self) -> Tensor:
        """``-sum_k p_k log p_k`` (logits clamped at the dtype's most negative value so 0 log 0 is 0)."""
        logits = self.logits.clamp(min=finfo_min(self.logits.dtype))
        return -(logits * self.probs).sum(-1)

    def enumerate_support(self, expand: bool = True) -> Tensor:
        """``0 .. K-1`` along dimension 0, broadcast over the batch."""
        values = arange(self._num_events, dtype=dtypes.int64).view((-1,) + (1,) * len(self._batch_shape))
        if expand:
            values = values.expand((-1,) + tuple(self._batch_shape))
        return values
