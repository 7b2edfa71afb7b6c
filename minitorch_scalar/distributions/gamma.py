"""The gamma distribution (``torch.distributions.Gamma``).

Draws are torch's, bit for bit, after ``manual_seed`` (see :mod:`._sampling`). ``rsample`` is differentiable
in ``concentration`` through the implicit reparametrisation gradient ``dx/dalpha = -(dP(alpha, x)/dalpha) /
pdf(x)``, computed to about 1e-9 here; torch uses a faster approximation of the same quantity, so gradients
agree with torch's to about 1e-3 relative, not bit for bit. ``log_prob`` and ``entropy`` use the composite
``lgamma``/``digamma`` of :mod:`._special`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from minitorch_scalar.autograd import record
from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions._sampling import standard_gamma_array
from minitorch_scalar.distributions._special import digamma, gamma_cdf_grad_alpha, lgamma, xlogy
from minitorch_scalar.distributions.exp_family import ExponentialFamily
from minitorch_scalar.distributions.utils import as_size, broadcast_all, is_number
from minitorch_scalar.tensor import Size, Tensor, as_tensor

__all__ = ["Gamma", "standard_gamma"]


def _standard_gamma_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d x / d alpha of a standard gamma draw (implicit reparametrisation), times the upstream gradient."""
    x, alpha = saved
    return (g * m.const(gamma_cdf_grad_alpha(x, alpha).astype(x.dtype)),)


def standard_gamma(concentration: Tensor) -> Tensor:
    """Gamma(concentration, 1) draws (``torch._standard_gamma``), recording ``StandardGammaBackward0``."""
    alpha = concentration.detach().numpy()
    drawn = standard_gamma_array(alpha)
    return record("StandardGammaBackward0", drawn, (concentration,), saved=(drawn, alpha),
                  backward=_standard_gamma_backward)


class Gamma(ExponentialFamily):
    """Density ``rate**a x**(a - 1) exp(-rate x) / Gamma(a)`` for ``x >= 0`` (``a = concentration``)."""

    arg_constraints = {"concentration": constraints.positive, "rate": constraints.positive}
    support = constraints.nonnegative
    has_rsample = True

    def __init__(self, concentration: Tensor | float, rate: Tensor | float, validate_args: bool | None = None) -> None:
        self.concentration, self.rate = broadcast_all(concentration, rate)
        batch_shape = Size() if is_number(concentration) and is_number(rate) else self.concentration.size()
        super().__init__(batch_shape, validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> Gamma:
        new = self._checked_instance(Gamma, _instance)
        shape = as_size(batch_shape)
        new.concentration = self.concentration.expand(shape)
        new.rate = self.rate.expand(shape)
        new._init_expanded(shape, Size(), self._validate_args)
        return new

    @property
    def mean(self) -> Tensor:
        return self.concentration / self.rate

    @property
    def mode(self) -> Tensor:
        """``max(a - 1, 0) / rate``."""
        return ((self.concentration - 1) / self.rate).clamp(min=0)

    @property
    def variance(self) -> Tensor:
        return self.concentration / self.rate.pow(2)

    def rsample(self, sample_shape: Sequence[int] = Size()) -> Tensor:
        """``standard_gamma(concentration) / rate`` (kept at least the dtype's smallest normal number)."""
        shape = tuple(self._extended_shape(sample_shape))
        value = standard_gamma(self.concentration.expand(shape)) / self.rate.expand(shape)
        value.detach().clamp_(min=float(np.finfo(value.dtype.np).tiny))
        return value

    def log_prob(self, value: Any) -> Tensor:
        """``a log(rate) + (a - 1) log x - rate x - lgamma(a)``."""
        value = as_tensor(value, dtype=self.rate.dtype)
        if self._validate_args:
            self._validate_sample(value)
        return (xlogy(self.concentration, self.rate) + xlogy(self.concentration - 1, value) - self.rate * value
                - lgamma(self.concentration))

    def entropy(self) -> Tensor:
        """``a - log(rate) + lgamma(a) + (1 - a) digamma(a)``."""
        a = self.concentration
        return a - self.rate.log() + lgamma(a) + (1.0 - a) * digamma(a)

    @property
    def _natural_params(self) -> tuple[Tensor, Tensor]:
        return (self.concentration - 1, -self.rate)

    def _log_normalizer(self, *natural_params: Tensor) -> Tensor:
        """``lgamma(x + 1) + (x + 1) log(-1 / y)``."""
        x, y = natural_params
        return lgamma(x + 1) + (x + 1) * (-y.reciprocal()).log()
