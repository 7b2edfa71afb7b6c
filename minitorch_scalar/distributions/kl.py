"""KL divergences between distributions (``torch.distributions.kl``).

``kl_divergence(p, q)`` looks up the function registered for ``(type(p), type(q))`` with
:func:`register_kl`, choosing the most specific registered pair of base classes when the exact pair is not
registered (torch's rule; an ambiguity warns). Each formula is written with Tensor ops, so it is
differentiable in both distributions' parameters.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from functools import total_ordering
from typing import Any

from minitorch_scalar.distributions._special import digamma, lgamma
from minitorch_scalar.distributions.bernoulli import Bernoulli
from minitorch_scalar.distributions.beta import Beta
from minitorch_scalar.distributions.categorical import Categorical
from minitorch_scalar.distributions.dirichlet import Dirichlet
from minitorch_scalar.distributions.distribution import Distribution
from minitorch_scalar.distributions.exp_family import ExponentialFamily, kl_bregman
from minitorch_scalar.distributions.exponential import Exponential
from minitorch_scalar.distributions.gamma import Gamma
from minitorch_scalar.distributions.geometric import Geometric
from minitorch_scalar.distributions.half_normal import HalfNormal
from minitorch_scalar.distributions.independent import Independent
from minitorch_scalar.distributions.laplace import Laplace
from minitorch_scalar.distributions.multivariate_normal import (
    MultivariateNormal,
    batch_mahalanobis,
    solve_lower_matrix,
)
from minitorch_scalar.distributions.normal import Normal
from minitorch_scalar.distributions.one_hot_categorical import OneHotCategorical
from minitorch_scalar.distributions.pareto import Pareto
from minitorch_scalar.distributions.poisson import Poisson
from minitorch_scalar.distributions.transformed_distribution import TransformedDistribution
from minitorch_scalar.distributions.uniform import Uniform
from minitorch_scalar.distributions.utils import sum_rightmost
from minitorch_scalar.functional_api import broadcast_shapes, erf
from minitorch_scalar.nn.functional import softplus
from minitorch_scalar.tensor import Tensor, full_like

__all__ = ["kl_divergence", "register_kl"]

KLFunction = Callable[[Any, Any], Tensor]
_KL_REGISTRY: dict[tuple[type, type], KLFunction] = {}
_KL_MEMOIZE: dict[tuple[type, type], KLFunction | None] = {}


def register_kl(type_p: type, type_q: type) -> Callable[[KLFunction], KLFunction]:
    """Decorator registering ``fun(p, q)`` as KL(p || q) for distributions of these (base) classes.

    Raises:
        TypeError: if either argument is not a Distribution subclass.
    """
    for name, given in (("type_p", type_p), ("type_q", type_q)):
        if not (isinstance(given, type) and issubclass(given, Distribution)):
            raise TypeError(f"Expected {name} to be a Distribution subclass but got {given}")

    def decorator(fun: KLFunction) -> KLFunction:
        _KL_REGISTRY[type_p, type_q] = fun
        _KL_MEMOIZE.clear()
        return fun

    return decorator


@total_ordering
class _Match:
    """A registered pair of types ordered so that the more specific pair sorts first."""

    __slots__ = ["types"]

    def __init__(self, *types: type) -> None:
        self.types = types

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Match) and self.types == other.types

    def __hash__(self) -> int:
        return hash(self.types)

    def __le__(self, other: _Match) -> bool:
        for x, y in zip(self.types, other.types, strict=True):
            if not issubclass(x, y):
                return False
            if x is not y:
                break
        return True


def _dispatch_kl(type_p: type, type_q: type) -> KLFunction | None:
    """The registered function for the most specific matching pair (None when nothing matches)."""
    matches = [(sp, sq) for sp, sq in _KL_REGISTRY if issubclass(type_p, sp) and issubclass(type_q, sq)]
    if not matches:
        return None
    left_p, left_q = min(_Match(*m) for m in matches).types
    right_q, right_p = min(_Match(*reversed(m)) for m in matches).types
    left_fun = _KL_REGISTRY[left_p, left_q]
    if left_fun is not _KL_REGISTRY[right_p, right_q]:
        warnings.warn(
            f"Ambiguous kl_divergence({type_p.__name__}, {type_q.__name__}). "
            f"Please register_kl({left_p.__name__}, {right_q.__name__})",
            RuntimeWarning,
            stacklevel=3,
        )
    return left_fun


def kl_divergence(p: Distribution, q: Distribution) -> Tensor:
    """KL(p || q) = E_p[log p(X) - log q(X)], batched over the batch shape.

    Raises:
        NotImplementedError: when no function is registered for the pair (torch's message).
    """
    key = (type(p), type(q))
    if key not in _KL_MEMOIZE:
        _KL_MEMOIZE[key] = _dispatch_kl(*key)
    fun = _KL_MEMOIZE[key]
    if fun is None:
        raise NotImplementedError(
            f"No KL(p || q) is implemented for p type {p.__class__.__name__} and q type {q.__class__.__name__}"
        )
    return fun(p, q)


@register_kl(Bernoulli, Bernoulli)
def _kl_bernoulli_bernoulli(p: Bernoulli, q: Bernoulli) -> Tensor:
    """``p log(p/q) + (1-p) log((1-p)/(1-q))`` via softplus of the logits; inf where q puts no mass."""
    t1 = p.probs * (softplus(-q.logits) - softplus(-p.logits))
    t1[q.probs == 0] = math.inf
    t1[p.probs == 0] = 0
    t2 = (1 - p.probs) * (softplus(q.logits) - softplus(p.logits))
    t2[q.probs == 1] = math.inf
    t2[p.probs == 1] = 0
    return t1 + t2


@register_kl(Categorical, Categorical)
def _kl_categorical_categorical(p: Categorical, q: Categorical) -> Tensor:
    """``sum_k p_k (log p_k - log q_k)``; inf where q_k = 0 < p_k."""
    t = p.probs * (p.logits - q.logits)
    t[(q.probs == 0).expand_as(t)] = math.inf
    t[(p.probs == 0).expand_as(t)] = 0
    return t.sum(-1)


@register_kl(OneHotCategorical, OneHotCategorical)
def _kl_onehotcategorical_onehotcategorical(p: OneHotCategorical, q: OneHotCategorical) -> Tensor:
    """As for the underlying categoricals."""
    return _kl_categorical_categorical(p._categorical, q._categorical)


@register_kl(Normal, Normal)
def _kl_normal_normal(p: Normal, q: Normal) -> Tensor:
    """``(r + ((mu_p - mu_q) / s_q)**2 - 1 - log r) / 2`` with ``r = (s_p / s_q)**2``."""
    var_ratio = (p.scale / q.scale).pow(2)
    t1 = ((p.loc - q.loc) / q.scale).pow(2)
    return 0.5 * (var_ratio + t1 - 1 - var_ratio.log())


@register_kl(Uniform, Uniform)
def _kl_uniform_uniform(p: Uniform, q: Uniform) -> Tensor:
    """``log((high_q - low_q) / (high_p - low_p))``; inf unless p's interval lies inside q's."""
    result = ((q.high - q.low) / (p.high - p.low)).log()
    result[(q.low > p.low) | (q.high < p.high)] = math.inf
    return result


@register_kl(Exponential, Exponential)
def _kl_exponential_exponential(p: Exponential, q: Exponential) -> Tensor:
    """``r - 1 - log r`` with ``r = rate_q / rate_p``."""
    rate_ratio = q.rate / p.rate
    return -rate_ratio.log() + rate_ratio - 1


@register_kl(Laplace, Laplace)
def _kl_laplace_laplace(p: Laplace, q: Laplace) -> Tensor:
    """``-log(s_p/s_q) + |mu_p - mu_q| / s_q + (s_p/s_q) exp(-|mu_p - mu_q| / s_p) - 1``."""
    scale_ratio = p.scale / q.scale
    loc_abs_diff = (p.loc - q.loc).abs()
    t1 = -scale_ratio.log()
    t2 = loc_abs_diff / q.scale
    t3 = scale_ratio * (-loc_abs_diff / p.scale).exp()
    return t1 + t2 + t3 - 1


@register_kl(Independent, Independent)
def _kl_independent_independent(p: Independent, q: Independent) -> Tensor:
    """The base distributions' KL summed over the reinterpreted dimensions.

    Raises:
        NotImplementedError: when the two reinterpret different numbers of dimensions (as torch).
    """
    if p.reinterpreted_batch_ndims != q.reinterpreted_batch_ndims:
        raise NotImplementedError
    return sum_rightmost(kl_divergence(p.base_dist, q.base_dist), p.reinterpreted_batch_ndims)


@register_kl(MultivariateNormal, MultivariateNormal)
def _kl_multivariatenormal_multivariatenormal(p: MultivariateNormal, q: MultivariateNormal) -> Tensor:
    """``log det L_q - log det L_p + (|L_q^-1 L_p|_F^2 + |L_q^-1 (mu_q - mu_p)|^2 - n) / 2``.

    Raises:
        ValueError: for different event shapes (torch's message).
    """
    if p.event_shape != q.event_shape:
        raise ValueError(
            "KL-divergence between two Multivariate Normals with                          different event shapes "
            "cannot be computed"
        )
    half_term1 = q._half_log_det() - p._half_log_det()
    p_tril, q_tril = p._unbroadcasted_scale_tril, q._unbroadcasted_scale_tril
    batch = broadcast_shapes(tuple(q_tril.shape[:-2]), tuple(p_tril.shape[:-2]))
    n = p.event_shape[0]
    solved = solve_lower_matrix(q_tril.expand(tuple(batch) + (n, n)), p_tril.expand(tuple(batch) + (n, n)))
    term2 = solved.pow(2).sum((-2, -1))
    term3 = batch_mahalanobis(q_tril, q.loc - p.loc)
    return half_term1 + 0.5 * (term2 + term3 - n)


@register_kl(ExponentialFamily, ExponentialFamily)
def _kl_expfamily_expfamily(p: ExponentialFamily, q: ExponentialFamily) -> Tensor:
    """The Bregman divergence of the log normaliser (same family only; see :func:`kl_bregman`)."""
    return kl_bregman(p, q)


@register_kl(Exponential, Normal)
def _kl_exponential_normal(p: Exponential, q: Normal) -> Tensor:
    """``log(rate sigma sqrt(2 pi)) - 1 + (1/rate**2 - mu/rate + mu**2/2) / sigma**2``."""
    var_normal = q.scale.pow(2)
    rate_sqr = p.rate.pow(2)
    t1 = 0.5 * (rate_sqr * var_normal * 2 * math.pi).log()
    t2 = rate_sqr.reciprocal()
    t3 = q.loc / p.rate
    t4 = q.loc.pow(2) * 0.5
    return t1 - 1 + (t2 - t3 + t4) / var_normal


@register_kl(Laplace, Normal)
def _kl_laplace_normal(p: Laplace, q: Normal) -> Tensor:
    """``-log(2 r / pi) / 2 + r + (m - mu)**2 / (2 sigma**2) - 1`` with ``r = b**2 / sigma**2``."""
    var_normal = q.scale.pow(2)
    scale_sqr_var_ratio = p.scale.pow(2) / var_normal
    t1 = 0.5 * (2 * scale_sqr_var_ratio / math.pi).log()
    t2 = 0.5 * p.loc.pow(2)
    t3 = p.loc * q.loc
    t4 = 0.5 * q.loc.pow(2)
    return -t1 + scale_sqr_var_ratio + (t2 - t3 + t4) / var_normal - 1


@register_kl(Normal, Laplace)
def _kl_normal_laplace(p: Normal, q: Laplace) -> Tensor:
    """KL of a normal from a Laplace, with ``E|X - m| = sigma sqrt(2/pi) exp(-d**2 / (2 sigma**2)) + d erf(...)``."""
    loc_diff = p.loc - q.loc
    scale_ratio = p.scale / q.scale
    loc_diff_scale_ratio = loc_diff / p.scale
    t1 = scale_ratio.log()
    t2 = math.sqrt(2 / math.pi) * p.scale * (-0.5 * loc_diff_scale_ratio.pow(2)).exp()
    t3 = loc_diff * erf(math.sqrt(0.5) * loc_diff_scale_ratio)
    return -t1 + (t2 + t3) / q.scale - (0.5 * (1 + math.log(0.5 * math.pi)))


@register_kl(Uniform, Exponential)
def _kl_uniform_exponential(p: Uniform, q: Exponential) -> Tensor:
    """``rate (high + low) / 2 - log((high - low) rate)``; inf when ``low < 0``."""
    result = q.rate * (p.high + p.low) / 2 - ((p.high - p.low) * q.rate).log()
    result[p.low < 0.0] = math.inf
    return result


@register_kl(Uniform, Normal)
def _kl_uniform_normal(p: Uniform, q: Normal) -> Tensor:
    """``log(sqrt(2 pi) sigma / w) + (w**2 / 12 + (center - mu)**2) / (2 sigma**2)`` with ``w = high - low``."""
    common_term = p.high - p.low
    t1 = (math.sqrt(math.pi * 2) * q.scale / common_term).log()
    t2 = common_term.pow(2) / 12
    t3 = ((p.high + p.low - 2 * q.loc) / 2).pow(2)
    return t1 + 0.5 * (t2 + t3) / q.scale.pow(2)


@register_kl(Exponential, Uniform)
def _kl_exponential_infinity(p: Exponential, q: Uniform) -> Tensor:
    """inf: the exponential has mass outside any bounded interval."""
    return full_like(p.rate, math.inf)


@register_kl(Laplace, Exponential)
@register_kl(Laplace, Uniform)
@register_kl(Normal, Exponential)
@register_kl(Normal, Uniform)
def _kl_real_line_infinity(p: Laplace | Normal, q: Distribution) -> Tensor:
    """inf: p has mass on the whole real line, q does not."""
    return full_like(p.loc, math.inf)


@register_kl(TransformedDistribution, TransformedDistribution)
def _kl_transformed_transformed(p: TransformedDistribution, q: TransformedDistribution) -> Tensor:
    """The base distributions' KL, when both push them through equal transforms (KL is invariant under bijections).

    Raises:
        NotImplementedError: for different transforms or event shapes (as torch, without a message).
    """
    if p.transforms != q.transforms or p.event_shape != q.event_shape:
        raise NotImplementedError
    return kl_divergence(p.base_dist, q.base_dist)


@register_kl(Geometric, Geometric)
def _kl_geometric_geometric(p: Geometric, q: Geometric) -> Tensor:
    """``-H(p) - log(1 - q) / p_p - logit(q)``."""
    return -p.entropy() - (-q.probs).log1p() / p.probs - q.logits


@register_kl(HalfNormal, HalfNormal)
def _kl_halfnormal_halfnormal(p: HalfNormal, q: HalfNormal) -> Tensor:
    """As for the underlying zero-mean normals."""
    return _kl_normal_normal(p.base_dist, q.base_dist)


@register_kl(Pareto, Pareto)
def _kl_pareto_pareto(p: Pareto, q: Pareto) -> Tensor:
    """``alpha_q log(s_p / s_q) - log r + r - 1`` with ``r = alpha_q / alpha_p``; inf when ``s_p < s_q``."""
    scale_ratio = p.scale / q.scale
    alpha_ratio = q.alpha / p.alpha
    result = q.alpha * scale_ratio.log() - alpha_ratio.log() + alpha_ratio - 1
    result[p.scale < q.scale] = math.inf
    return result


@register_kl(Gamma, Gamma)
def _kl_gamma_gamma(p: Gamma, q: Gamma) -> Tensor:
    """``a_q log(r_p / r_q) + lgamma(a_q) - lgamma(a_p) + (a_p - a_q) digamma(a_p) + (r_q - r_p) a_p / r_p``."""
    t1 = q.concentration * (p.rate / q.rate).log()
    t2 = lgamma(q.concentration) - lgamma(p.concentration)
    t3 = (p.concentration - q.concentration) * digamma(p.concentration)
    t4 = (q.rate - p.rate) * (p.concentration / p.rate)
    return t1 + t2 + t3 + t4


@register_kl(Beta, Beta)
def _kl_beta_beta(p: Beta, q: Beta) -> Tensor:
    """In terms of lgamma and digamma of the two concentrations and their sums."""
    sum_params_p = p.concentration1 + p.concentration0
    sum_params_q = q.concentration1 + q.concentration0
    t1 = lgamma(q.concentration1) + lgamma(q.concentration0) + lgamma(sum_params_p)
    t2 = lgamma(p.concentration1) + lgamma(p.concentration0) + lgamma(sum_params_q)
    t3 = (p.concentration1 - q.concentration1) * digamma(p.concentration1)
    t4 = (p.concentration0 - q.concentration0) * digamma(p.concentration0)
    t5 = (sum_params_q - sum_params_p) * digamma(sum_params_p)
    return t1 - t2 + t3 + t4 + t5


@register_kl(Dirichlet, Dirichlet)
def _kl_dirichlet_dirichlet(p: Dirichlet, q: Dirichlet) -> Tensor:
    """``lgamma(s_p) - lgamma(s_q) - sum(lgamma(a_p) - lgamma(a_q)) + sum((a_p - a_q) digamma-gap)``.

    ``s`` are the concentration sums and the digamma gap is ``digamma(a_p) - digamma(s_p)``.
    """
    sum_p = p.concentration.sum(-1)
    sum_q = q.concentration.sum(-1)
    t1 = lgamma(sum_p) - lgamma(sum_q)
    t2 = (lgamma(p.concentration) - lgamma(q.concentration)).sum(-1)
    t3 = p.concentration - q.concentration
    t4 = digamma(p.concentration) - digamma(sum_p).unsqueeze(-1)
    return t1 - t2 + (t3 * t4).sum(-1)


@register_kl(Poisson, Poisson)
def _kl_poisson_poisson(p: Poisson, q: Poisson) -> Tensor:
    """``r_p (log r_p - log r_q) - (r_p - r_q)``."""
    return p.rate * (p.rate.log() - q.rate.log()) - (p.rate - q.rate)
