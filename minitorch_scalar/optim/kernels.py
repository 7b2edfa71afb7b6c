"""The in-place array updates optimizers are made of, rounded as torch's CPU kernels round them.

torch's single-tensor optimizers (``foreach=False``, the CPU default) are written with a handful of
fused in-place tensor ops. Their float32 results depend on how each op rounds, so each op here
states torch's formula and its rounding:

* ``add_(x, y, alpha)``: ``x + alpha * y`` computed as one fused multiply-add (torch's AVX2 kernels
  use ``fmadd``), i.e. rounded once.
* ``lerp_(x, y, w)``: ``x + w * (y - x)`` for ``|w| < 0.5``, else ``y + (w - 1) * (y - x)``, each a
  fused multiply-add after the subtraction.
* ``addcmul_(x, a, b, value)``: ``x + (value * a) * b`` with the last multiply-add fused.
* ``addcdiv_(x, a, b, value)``: ``x + (value * a) / b`` (no fusion possible).
* ``mul_``, ``sqrt`` and plain ``add`` round each operation as numpy does.

Every Python-number coefficient is first rounded to the array's dtype, as torch's kernels do.
A fused multiply-add is emulated for float32 by computing in float64 (where the product of two
float32 numbers is exact) and rounding once to float32. For float64 it is emulated with error-free
transformations (Dekker's exact product and Knuth's exact sum), which round once except in rare
ties.

torch computes ``sqrt`` with Intel MKL, which is not correctly rounded (about 17% of float32 results
differ from the correctly rounded square root by 1 ulp); numpy's ``sqrt`` is correctly rounded, so
optimizers that use it (Adam, AdamW, RMSprop, Adagrad) match torch within an ulp or so per step,
not bit for bit. SGD uses no sqrt and matches torch bit for bit.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Array = np.ndarray


_SPLIT = 134217729.0  # 2**27 + 1: Dekker's splitting constant for float64


def _split(a: Array) -> tuple[Array, Array]:
    """Split float64 ``a`` into a high and a low half whose products are exact."""
    big = _SPLIT * a
    high = big - (big - a)
    return high, a - high


def _fma64(a: Array, b: Array, c: Array) -> Array:
    """``a * b + c`` for float64 with (almost always) a single rounding.

    The product's rounding error ``e`` is exact (Dekker), the sum's error ``t`` is exact (Knuth's
    two-sum), and adding ``t + e`` to the rounded sum recovers the correctly rounded result. Where the
    plain result is inf or nan (overflow, non-finite inputs) it is returned as is.
    """
    with np.errstate(all="ignore"):
        prod = a * b
        a_hi, a_lo = _split(a)
        b_hi, b_lo = _split(b)
        prod_err = ((a_hi * b_hi - prod) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo
        total = prod + c
        virtual = total - prod
        sum_err = (prod - (total - virtual)) + (c - virtual)
        return np.where(np.isfinite(total), total + (sum_err + prod_err), total)


def _fma(a: Array | np.floating, b: Array | np.floating, c: Array, out: Array) -> None:
    """``out = a * b + c`` rounded once, written into ``out`` (float32 and float64; others round twice)."""
    if out.dtype == np.float32:
        with np.errstate(all="ignore"):
            wide = np.asarray(a, np.float64) * np.asarray(b, np.float64) + np.asarray(c, np.float64)
            out[...] = wide  # the one rounding to float32 (the float64 product of float32 numbers is exact)
    elif out.dtype == np.float64:
        out[...] = _fma64(np.asarray(a), np.asarray(b), np.asarray(c))
    else:
        out[...] = a * b + c


def scalar(value: float, like: Array) -> np.floating:
    """A Python number rounded to ``like``'s dtype, as torch's kernels convert scalars."""
    return like.dtype.type(value)


def add_(x: Array, y: Array, alpha: float = 1.0) -> None:
    """``x += alpha * y`` in place, as one fused multiply-add (``Tensor.add_(y, alpha=alpha)``)."""
    if alpha == 1.0:
        np.add(x, y, out=x)
    else:
        _fma(y, scalar(alpha, x), x, out=x)


_BATCH_ELEMENTS = 1 << 16
"""Up to this many elements in all, :func:`add_each_` updates float32 arrays as one concatenated batch."""


def add_each_(xs: Sequence[Array], ys: Sequence[Array], alpha: float) -> None:
    """:func:`add_` for each pair ``(x, y)``: ``x += alpha * y``, one fused multiply-add per element.

    This is an optimizer's loop over its parameters (``p += -lr * grad``) under one ``errstate``.
    float32 pairs take the float64 route of :func:`_fma` (the product of float32 ``y`` and the
    float32-rounded ``alpha`` is exact in float64, the sum is rounded once to float32 on assignment);
    small ones are concatenated first, so a model's many small parameters cost a few array calls.
    """
    if not xs:
        return
    coef = float(np.float32(alpha))  # a Python float: numpy's scalar arithmetic is slow for small arrays
    with np.errstate(all="ignore"):
        if all(x.dtype == np.float32 and y.dtype == np.float32 for x, y in zip(xs, ys)):
            if sum(x.size for x in xs) <= _BATCH_ELEMENTS:
                _fma_batched(xs, ys, coef)
                return
            for x, y in zip(xs, ys):
                _fma_batched((x,), (y,), coef)
            return
        for x, y in zip(xs, ys):
            add_(x, y, alpha)


def _fma_batched(xs: Sequence[Array], ys: Sequence[Array], coef: float) -> None:
    """``x = y * coef + x`` for float32 arrays, computed in float64 over all of them at once."""
    wide = np.concatenate([y.reshape(-1) for y in ys], dtype=np.float64)
    wide *= coef
    wide += np.concatenate([x.reshape(-1) for x in xs], dtype=np.float64)
    start = 0
    for x in xs:
        stop = start + x.size
        x[...] = wide[start:stop].reshape(x.shape)
        start = stop


def added(x: Array, y: Array, alpha: float = 1.0) -> Array:
    """``x + alpha * y`` as a new array (``Tensor.add(y, alpha=alpha)``)."""
    out = np.array(x, copy=True)
    add_(out, y, alpha)
    return out


def mul_(x: Array, factor: float) -> None:
    """``x *= factor`` in place (``Tensor.mul_``)."""
    np.multiply(x, scalar(factor, x), out=x)


def lerp_(x: Array, end: Array, weight: float) -> None:
    """``x += weight * (end - x)`` in place (``Tensor.lerp_``), in torch's two-branch form."""
    w = scalar(weight, x)
    diff = end - x
    if abs(w) < 0.5:
        _fma(w, diff, x, out=x)
    else:
        _fma(w - x.dtype.type(1.0), diff, end, out=x)


def addcmul_(x: Array, a: Array, b: Array, value: float = 1.0) -> None:
    """``x += value * a * b`` in place (``Tensor.addcmul_``): ``(value * a) * b + x``, the last step fused."""
    _fma(scalar(value, x) * a, b, x, out=x)


def addcdiv_(x: Array, a: Array, b: Array, value: float = 1.0) -> None:
    """``x += value * a / b`` in place (``Tensor.addcdiv_``): ``x + (value * a) / b``."""
    np.add(x, np.divide(scalar(value, x) * a, b), out=x)


def sqrt(x: Array) -> Array:
    """Elementwise square root (correctly rounded; torch's MKL result may differ by 1 ulp)."""
    return np.sqrt(x)
