"""Special functions the Gamma-family distributions need, built from Tensor ops so they are differentiable.

``lgamma`` and ``digamma`` are compositions (no new primitive): the argument is shifted up by ``SHIFT`` with
the recurrences ``lgamma(x) = lgamma(x + n) - sum_k log(x + k)`` and ``digamma(x) = digamma(x + n) -
sum_k 1 / (x + k)``, then the Stirling / asymptotic series is summed where it converges to float64 precision.
Both are evaluated in float64 and rounded to the input's dtype, for x > 0 (the distributions' parameters);
``lgamma``'s value is then replaced by the C library's (its gradient stays the composite's).

``gamma_cdf_grad_alpha`` and ``beta_cdf_grad_a`` give the implicit reparametrisation gradients
``dx/dalpha = -(dF/dalpha) / pdf`` of gamma and beta draws (numpy, float64): the CDFs come from the series /
continued fractions of the regularised incomplete gamma and beta functions, their alpha-derivatives from
central differences.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import numpy as np

from minitorch_scalar.tensor import Tensor, from_array

SHIFT = 16
# Bernoulli-number coefficients of the series in 1/z (z >= SHIFT): lgamma's B_2n / (2n (2n - 1)) and
# digamma's B_2n / (2n).
_LGAMMA_SERIES = (1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156)
_DIGAMMA_SERIES = (1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760, 1 / 12)
_HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


def _shifted(x: Tensor) -> tuple[Tensor, list[Tensor]]:
    """``x + SHIFT`` and the terms ``x + k`` (k < SHIFT), all float64."""
    x64 = x.double()
    return x64 + SHIFT, [x64 + k for k in range(SHIFT)]


def lgamma(x: Tensor) -> Tensor:
    """log Gamma(x) for x > 0: ``(z - 1/2) log z - z + log(2 pi)/2 + sum_n c_n / z**(2n-1)`` at ``z = x + 16``,
    minus ``sum_k log(x + k)``."""
    z, terms = _shifted(x)
    inv, inv2 = z.reciprocal(), z.reciprocal().square()
    series = inv * _LGAMMA_SERIES[-1]
    for c in reversed(_LGAMMA_SERIES[:-1]):
        series = series * inv2 + inv * c
    stirling = (z - 0.5) * z.log() - z + _HALF_LOG_2PI + series
    for term in terms:
        stirling = stirling - term.log()
    # The value is the C library's lgamma (exact 0 at 1 and 2, where the shifted sum leaves ~1e-14); the
    # gradient is the composite's (the correction is a constant).
    approx = stirling.detach().numpy()
    exact = np.fromiter(map(math.lgamma, x.detach().numpy().astype(np.float64).ravel().tolist()), np.float64,
                        approx.size).reshape(approx.shape)
    return (stirling + from_array(exact - approx)).to(x.dtype)


def digamma(x: Tensor) -> Tensor:
    """psi(x) = d/dx log Gamma(x) for x > 0: ``log z - 1/(2z) - sum_n c_n / z**(2n)`` at ``z = x + 16``, minus
    ``sum_k 1 / (x + k)``."""
    z, terms = _shifted(x)
    inv2 = z.reciprocal().square()
    series = inv2 * _DIGAMMA_SERIES[-1]
    for c in reversed(_DIGAMMA_SERIES[:-1]):
        series = (series + c) * inv2
    value = z.log() - 0.5 * z.reciprocal() - series
    for term in terms:
        value = value - term.reciprocal()
    return value.to(x.dtype)


# ------------------------------------------------------------------ implicit reparametrisation gradients (numpy)


def _gamma_p(a: float, x: float) -> float:
    """The regularised lower incomplete gamma function P(a, x)."""
    if x <= 0.0:
        return 0.0
    log_prefix = a * math.log(x) - x - math.lgamma(a)
    if x < a + 1.0:  # series sum_n x**n / (a (a+1) ... (a+n))
        term = total = 1.0 / a
        n = a
        while abs(term) > abs(total) * 1e-17:
            n += 1.0
            term *= x / n
            total += term
        return math.exp(log_prefix) * total
    return 1.0 - math.exp(log_prefix) * _continued_fraction_q(a, x)


def _continued_fraction_q(a: float, x: float) -> float:
    """Lentz's evaluation of the continued fraction for Q(a, x) / (x**a e**-x / Gamma(a))."""
    tiny = 1e-300
    b = x + 1.0 - a
    c, d = 1.0 / tiny, 1.0 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        step = d * c
        h *= step
        if abs(step - 1.0) < 1e-16:
            break
    return h


def _incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b) (continued fraction, using the symmetric form when
    ``x > (a + 1) / (a + b + 2)``)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _beta_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_fraction(b, a, 1.0 - x) / b


def _beta_fraction(a: float, b: float, x: float) -> float:
    """Lentz's evaluation of the continued fraction of I_x(a, b)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (tiny if abs(d) < tiny else d)
    h = d
    for m in range(1, 10_000):
        for numerator in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                          -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + numerator * d
            d = 1.0 / (tiny if abs(d) < tiny else d)
            c = 1.0 + numerator / c
            c = tiny if abs(c) < tiny else c
            h *= d * c
        if abs(d * c - 1.0) < 1e-16:
            break
    return h


def _central_difference(f: Callable[[float], float], a: float) -> float:
    """d f / d a at ``a`` (> 0) by a central difference with a step relative to ``a``."""
    h = 1e-5 * max(a, 1e-3)
    return (f(a + h) - f(a - h)) / (2 * h)


def gamma_cdf_grad_alpha(x: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """``dx/dalpha`` of standard gamma draws ``x ~ Gamma(alpha, 1)``: ``-(dP(alpha, x)/dalpha) / pdf(x)``."""
    out = np.empty(x.shape, dtype=np.float64)
    for i, (xi, ai) in enumerate(zip(x.ravel().tolist(), alpha.ravel().tolist(), strict=True)):
        dp = _central_difference(functools.partial(_gamma_p, x=xi), ai)
        log_pdf = (ai - 1.0) * math.log(xi) - xi - math.lgamma(ai)
        out.flat[i] = -dp / math.exp(log_pdf)
    return out


def beta_cdf_grad_a(x: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``dx/da`` (b fixed) of draws ``x ~ Beta(a, b)``: ``-(dI_x(a, b)/da) / pdf(x)``."""
    out = np.empty(x.shape, dtype=np.float64)
    triples = zip(x.ravel().tolist(), a.ravel().tolist(), b.ravel().tolist(), strict=True)
    for i, (xi, ai, bi) in enumerate(triples):
        di = _central_difference(functools.partial(_incomplete_beta, b=bi, x=xi), ai)
        log_pdf = (math.lgamma(ai + bi) - math.lgamma(ai) - math.lgamma(bi) + (ai - 1.0) * math.log(xi)
                   + (bi - 1.0) * math.log1p(-xi))
        out.flat[i] = -di / math.exp(log_pdf)
    return out


def xlogy(a: Tensor, b: Tensor) -> Tensor:
    """``a * log(b)``, 0 where ``a == 0`` (also its gradients there), as ``torch.xlogy``."""
    from minitorch_scalar.tensor import where

    return a * where(a == 0, 1.0, b).log()
