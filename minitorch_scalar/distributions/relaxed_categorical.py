"""Gumbel-softmax relaxations of the categorical (``torch.distributions.RelaxedOneHotCategorical``).

``ExpRelaxedCategorical`` draws ``log softmax((logits + g) / temperature)`` with Gumbel noise
``g = -log(-log u)``, ``u = torch.rand`` (torch's draws after a seed); ``RelaxedOneHotCategorical`` is its
``exp``: points on the simplex that approach one-hot vectors as the temperature goes to 0, differentiable in
the logits (the reparametrisation used by discrete VAEs).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, cast

from minitorch_scalar import random
from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions.categorical import Categorical
from minitorch_scalar.distributions.distribution import Distribution
from minitorch_scalar.distributions.transformed_distribution import TransformedDistribution
from minitorch_scalar.distributions.transforms import ExpTransform
from minitorch_scalar.distributions.utils import as_size, broadcast_all, clamp_probs
from minitorch_scalar.tensor import Size, Tensor, from_array, full_like

__all__ = ["ExpRelaxedCategorical", "RelaxedOneHotCategorical"]


class ExpRelaxedCategorical(Distribution):
    """The log of a :class:`RelaxedOneHotCategorical` sample (``event_shape == (K,)``)."""

    arg_constraints = {"probs": constraints.simplex, "logits": constraints.real_vector}
    support = constraints.real_vector
    has_rsample = True

    def __init__(
        self,
        temperature: Tensor,
        probs: Tensor | None = None,
        logits: Tensor | None = None,
        validate_args: bool | None = None,
    ) -> None:
        self._categorical = Categorical(probs, logits)
        self.temperature = temperature
        super().__init__(self._categorical.batch_shape, self._categorical.param_shape[-1:], validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> ExpRelaxedCategorical:
        new = self._checked_instance(ExpRelaxedCategorical, _instance)
        shape = as_size(batch_shape)
        new.temperature = self.temperature
        new._categorical = self._categorical.expand(shape)
        new._init_expanded(shape, self.event_shape, self._validate_args)
        return new

    @property
    def param_shape(self) -> Size:
        return self._categorical.param_shape

    @property
    def logits(self) -> Tensor:
        return self._categorical.logits

    @property
    def probs(self) -> Tensor:
        return self._categorical.probs

    def rsample(self, sample_shape: Sequence[int] = Size()) -> Tensor:
        """``s - logsumexp(s)`` with ``s = (logits + g) / temperature`` and Gumbel noise ``g``."""
        shape = self._extended_shape(sample_shape)
        uniforms = clamp_probs(from_array(random.rand_array(tuple(shape), self.logits.dtype.np)))
        gumbels = -((-(uniforms.log())).log())
        scores = (self.logits + gumbels) / self.temperature
        return scores - scores.logsumexp(dim=-1, keepdim=True)

    def log_prob(self, value: Tensor) -> Tensor:
        """The relaxed density: ``lgamma(K) + (K-1) log t + sum_k log_softmax(logits - t x)_k``."""
        k = self._categorical._num_events
        if self._validate_args:
            self._validate_sample(value)
        logits, value = broadcast_all(self.logits, value)
        log_scale = full_like(self.temperature, math.lgamma(k)) - self.temperature.log().mul(-(k - 1))
        score = logits - value.mul(self.temperature)
        score = (score - score.logsumexp(dim=-1, keepdim=True)).sum(-1)
        return score + log_scale


class RelaxedOneHotCategorical(TransformedDistribution):
    """``exp`` of an :class:`ExpRelaxedCategorical`: relaxed one-hot vectors on the simplex."""

    arg_constraints = {"probs": constraints.simplex, "logits": constraints.real_vector}
    support = constraints.simplex
    has_rsample = True
    base_dist: ExpRelaxedCategorical

    def __init__(
        self,
        temperature: Tensor,
        probs: Tensor | None = None,
        logits: Tensor | None = None,
        validate_args: bool | None = None,
    ) -> None:
        base = ExpRelaxedCategorical(temperature, probs, logits, validate_args=validate_args)
        super().__init__(base, ExpTransform(), validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> RelaxedOneHotCategorical:
        new = self._checked_instance(RelaxedOneHotCategorical, _instance)
        return cast(RelaxedOneHotCategorical, super().expand(batch_shape, _instance=new))

    @property
    def temperature(self) -> Tensor:
        return self.base_dist.temperature

    @property
    def logits(self) -> Tensor:
        return self.base_dist.logits

    @property
    def probs(self) -> Tensor:
        return self.base_dist.probs
