"""Gamma, Dirichlet and Poisson draws on torch's CPU stream (``torch._standard_gamma``,
``torch._sample_dirichlet``, ``torch.poisson``): bit for bit, checked against torch 2.13.

torch draws one element at a time, in order, with Marsaglia and Tsang's rejection method: each attempt takes
a float64 standard normal (the generator's cached Box-Muller pair) and a float64 uniform; shapes ``alpha < 1``
first take one uniform ``u`` and use ``alpha + 1`` with the draw scaled by ``(1 - u)**(1 / alpha)``. The
constants ``1/3`` and ``0.0331`` are C float literals (so float32-rounded), and ``d = alpha - 1/3`` and
``1 / alpha`` are computed in the tensor's dtype; everything else is float64. This reproduces torch's
numbers bit for bit (checked against torch 2.13 for float32 and float64). Dirichlet draws normalise float64
gamma draws per row and clamp into ``[smallest normal, largest value below 1]`` of the dtype.
"""

from __future__ import annotations

import math

import numpy as np

from minitorch_scalar.random import Generator, default_generator

_ONE_THIRD = float(np.float32(1.0) / np.float32(3.0))
_SQUEEZE = float(np.float32(0.0331))


def _gamma_one(alpha: float, dt: type[np.floating], gen: Generator) -> float:
    """One Gamma(alpha, 1) draw (float64), following torch's ``sample_gamma`` for scalar type ``dt``."""
    a = dt(alpha)
    scale = 1.0
    if a < 1.0:
        if a == 0.0:
            return 0.0
        scale *= (1.0 - float(gen._unit_float64(1)[0])) ** float(dt(1.0) / a)
        a = a + dt(1.0)
    d = float(a - dt(_ONE_THIRD))
    c = 1.0 / math.sqrt(9.0 * d)
    while True:
        x = gen._standard_normal()
        y = 1.0 + c * x
        while y <= 0:
            x = gen._standard_normal()
            y = 1.0 + c * x
        v = y * y * y
        u = 1.0 - float(gen._unit_float64(1)[0])
        xx = x * x
        if u < 1.0 - _SQUEEZE * xx * xx or math.log(u) < 0.5 * xx + d * (1.0 - v + math.log(v)):
            return scale * d * v


def _poisson_one(lam: float, gen: Generator) -> int:
    """One Poisson(lam) draw as torch's ``sample_poisson``: Hormann's transformed rejection (PTRS) for
    ``lam >= 10``, otherwise the count of float64 uniforms whose running product stays above ``exp(-lam)``."""
    if lam >= 10:
        slam, loglam = math.sqrt(lam), math.log(lam)
        b = 0.931 + 2.53 * slam
        a = -0.059 + 0.02483 * b
        invalpha = 1.1239 + 1.1328 / (b - 3.4)
        vr = 0.9277 - 3.6224 / (b - 2)
        while True:
            u = float(gen._unit_float64(1)[0]) - 0.5
            v = float(gen._unit_float64(1)[0])
            us = 0.5 - abs(u)
            k = math.floor((2 * a / us + b) * u + lam + 0.43)
            if us >= 0.07 and v <= vr:
                return k
            if k < 0 or (us < 0.013 and v > us):
                continue
            log_ratio = math.log(v) + math.log(invalpha) - math.log(a / (us * us) + b)
            if log_ratio <= -lam + k * loglam - math.lgamma(k + 1):
                return k
    if lam == 0:
        return 0
    threshold, count, product = math.exp(-lam), 0, 1.0
    while True:
        product *= float(gen._unit_float64(1)[0])
        if product <= threshold:
            return count
        count += 1


def poisson_array(rate: np.ndarray, generator: Generator | None = None) -> np.ndarray:
    """What ``torch.poisson(rate)`` returns: Poisson draws, element by element, in rate's dtype."""
    gen = default_generator if generator is None else generator
    flat = [_poisson_one(r, gen) for r in rate.astype(np.float64).ravel().tolist()]
    return np.array(flat, dtype=rate.dtype).reshape(rate.shape)


def standard_gamma_array(alpha: np.ndarray, generator: Generator | None = None) -> np.ndarray:
    """What ``torch._standard_gamma(alpha)`` returns: Gamma(alpha, 1) draws in alpha's dtype, at least its
    smallest normal number."""
    gen = default_generator if generator is None else generator
    dt = alpha.dtype.type
    tiny = np.finfo(alpha.dtype).tiny
    flat = [max(tiny, dt(_gamma_one(a, dt, gen))) for a in alpha.ravel().tolist()]
    return np.array(flat, dtype=alpha.dtype).reshape(alpha.shape)


def dirichlet_array(alpha: np.ndarray, generator: Generator | None = None) -> np.ndarray:
    """What ``torch._sample_dirichlet(alpha)`` returns: rows of float64 gamma draws divided by their sums."""
    gen = default_generator if generator is None else generator
    tiny64 = np.finfo(np.float64).tiny
    gammas = np.array([max(tiny64, _gamma_one(a, np.float64, gen)) for a in alpha.ravel().tolist()],
                      dtype=np.float64).reshape(alpha.shape)
    ratio = (gammas / gammas.sum(-1, keepdims=True)).astype(alpha.dtype)
    below_one = np.nextafter(alpha.dtype.type(1.0), alpha.dtype.type(0.0))
    return np.clip(ratio, np.finfo(alpha.dtype).tiny, below_one)
