"""The Dirichlet distribution over the simplex (``torch.distributions.Dirichlet``).

Draws are torch's, bit for bit, after ``manual_seed`` (normalised gamma draws, see :mod:`._sampling`).
``rsample`` is differentiable in ``concentration``: as torch, each coordinate's gradient is the implicit
reparametrisation gradient of its Beta(alpha_i, total - alpha_i) marginal, scaled by 1 / (1 - x_i) and
projected so the draw stays on the simplex; the marginal gradient is computed to about 1e-9 here (torch
approximates it, so the two agree to about 1e-3 relative).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from minitorch_scalar.autograd import record
from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions._sampling import dirichlet_array
from minitorch_scalar.distributions._special import beta_cdf_grad_a, digamma, lgamma, xlogy
from minitorch_scalar.distributions.exp_family import ExponentialFamily
from minitorch_scalar.distributions.utils import as_size
from minitorch_scalar.nn.functional import one_hot
from minitorch_scalar.tensor import Size, Tensor, where

__all__ = ["Dirichlet"]


def _dirichlet_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """``grad_i (g_i - sum_j x_j g_j)``, ``grad_i = (d x_i / d alpha_i) / (1 - x_i)`` from the Beta marginal.

    ``d x_i / d alpha_i`` holds the marginal's second parameter ``total - alpha_i`` fixed; dividing by
    ``1 - x_i`` and projecting with ``g - <x, g>`` gives the gradient through the simplex normalisation.
    """
    x, alpha = saved
    total = alpha.sum(-1, keepdims=True)
    scaled = beta_cdf_grad_a(x, alpha, total - alpha) / (1.0 - x.astype(np.float64))
    marginal = m.const(scaled.astype(x.dtype))
    return (marginal * (g - m.sum(m.const(x) * g, (-1,), True)),)


def sample_dirichlet(concentration: Tensor) -> Tensor:
    """Dirichlet draws with the reparametrisation gradient (torch's ``_Dirichlet`` function)."""
    alpha = concentration.detach().numpy()
    drawn = dirichlet_array(alpha)
    return record("_DirichletBackward", drawn, (concentration,), saved=(drawn, alpha), backward=_dirichlet_backward)


class Dirichlet(ExponentialFamily):
    """Density ``Gamma(sum a) / prod Gamma(a_i) * prod x_i**(a_i - 1)`` on the simplex (``event_shape == (K,)``).

    Raises:
        ValueError: for a 0-dim ``concentration``.
    """

    arg_constraints = {"concentration": constraints.independent(constraints.positive, 1)}
    support = constraints.simplex
    has_rsample = True

    def __init__(self, concentration: Tensor, validate_args: bool | None = None) -> None:
        if concentration.dim() < 1:
            raise ValueError("`concentration` parameter must be at least one-dimensional.")
        self.concentration = concentration
        super().__init__(concentration.shape[:-1], concentration.shape[-1:], validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> Dirichlet:
        new = self._checked_instance(Dirichlet, _instance)
        shape = as_size(batch_shape)
        new.concentration = self.concentration.expand(tuple(shape) + tuple(self.event_shape))
        new._init_expanded(shape, self.event_shape, self._validate_args)
        return new

    def rsample(self, sample_shape: Sequence[int] = Size()) -> Tensor:
        shape = tuple(self._extended_shape(sample_shape))
        return sample_dirichlet(self.concentration.expand(shape))

    def log_prob(self, value: Tensor) -> Tensor:
        """``sum (a_i - 1) log x_i + lgamma(sum a) - sum lgamma(a_i)``."""
        if self._validate_args:
            self._validate_sample(value)
        a = self.concentration
        return xlogy(a - 1.0, value).sum(-1) + lgamma(a.sum(-1)) - lgamma(a).sum(-1)

    @property
    def mean(self) -> Tensor:
        return self.concentration / self.concentration.sum(-1, True)

    @property
    def mode(self) -> Tensor:
        """``(a - 1)+ / sum (a - 1)+``; a one-hot vertex (the largest ``a_i``) when every ``a_i < 1``."""
        shifted = (self.concentration - 1).clamp(min=0.0)
        mode = shifted / shifted.sum(-1, True)
        vertex = one_hot(mode.argmax(dim=-1), shifted.shape[-1]).to(mode.dtype)
        return where((self.concentration < 1).all(dim=-1, keepdim=True), vertex, mode)

    @property
    def variance(self) -> Tensor:
        """``a_i (a0 - a_i) / (a0**2 (a0 + 1))`` with ``a0 = sum a``."""
        con0 = self.concentration.sum(-1, True)
        return self.concentration * (con0 - self.concentration) / (con0.pow(2) * (con0 + 1))

    def entropy(self) -> Tensor:
        """``sum lgamma(a_i) - lgamma(a0) - (K - a0) digamma(a0) - sum (a_i - 1) digamma(a_i)``."""
        a = self.concentration
        k = a.size(-1)
        a0 = a.sum(-1)
        return lgamma(a).sum(-1) - lgamma(a0) - (k - a0) * digamma(a0) - ((a - 1.0) * digamma(a)).sum(-1)

    @property
    def _natural_params(self) -> tuple[Tensor]:
        return (self.concentration,)

    def _log_normalizer(self, *natural_params: Tensor) -> Tensor:
        """``sum lgamma(x_i) - lgamma(sum x)``."""
        (x,) = natural_params
        return lgamma(x).sum(-1) - lgamma(x.sum(-1))
