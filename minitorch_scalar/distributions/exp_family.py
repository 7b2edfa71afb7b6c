"""Exponential families (``torch.distributions.ExponentialFamily``).

A family with density ``p(x; theta) = exp(<t(x), theta> - F(theta) + k(x))``: ``_natural_params`` gives
theta, ``_log_normalizer`` F, ``_mean_carrier_measure`` E[k(X)]. Entropy and the KL divergence between two
members of the same family then follow from F and its gradient (a Bregman divergence), computed with
``autograd.grad(create_graph=True)`` so the results stay differentiable.
"""

from __future__ import annotations

from typing import cast

from minitorch_scalar.autograd import enable_grad, grad
from minitorch_scalar.distributions.distribution import Distribution
from minitorch_scalar.distributions.utils import sum_rightmost
from minitorch_scalar.tensor import Tensor

__all__ = ["ExponentialFamily"]


class ExponentialFamily(Distribution):
    """Base class of exponential-family distributions (subclasses define the three members below)."""

    _mean_carrier_measure: float = 0

    @property
    def _natural_params(self) -> tuple[Tensor, ...]:
        """theta, the natural parameters."""
        raise NotImplementedError

    def _log_normalizer(self, *natural_params: Tensor) -> Tensor:
        """F(theta), the log normaliser."""
        raise NotImplementedError

    def _bregman_terms(self) -> tuple[list[Tensor], Tensor, tuple[Tensor, ...]]:
        """Detached natural parameters (requiring grad), F at them and dF/dtheta (with a graph)."""
        params = [p.detach().requires_grad_() for p in self._natural_params]
        with enable_grad():
            log_normalizer = self._log_normalizer(*params)
            gradients = grad(log_normalizer.sum(), params, create_graph=True)
        return params, log_normalizer, cast("tuple[Tensor, ...]", gradients)  # no None: all are used

    def entropy(self) -> Tensor:
        """``F(theta) - <theta, dF/dtheta> - E[k(X)]``."""
        params, result, gradients = self._bregman_terms()
        result = result - self._mean_carrier_measure
        for param, gradient in zip(params, gradients, strict=True):
            result = result - sum_rightmost(param * gradient, len(self.event_shape))
        return result


def kl_bregman(p: ExponentialFamily, q: ExponentialFamily) -> Tensor:
    """KL(p || q) for two members of one family: ``F(theta_q) - F(theta_p) - <theta_q - theta_p, dF(theta_p)>``.

    Raises:
        NotImplementedError: for two different families (torch's message).
    """
    if type(p) is not type(q):
        raise NotImplementedError(
            "The cross KL-divergence between different exponential families cannot                             be "
            "computed using Bregman divergences"
        )
    p_params, p_log_normalizer, gradients = p._bregman_terms()
    result = q._log_normalizer(*q._natural_params) - p_log_normalizer
    for p_param, q_param, gradient in zip(p_params, q._natural_params, gradients, strict=True):
        result = result - sum_rightmost((q_param - p_param) * gradient, len(q.event_shape))
    return result
