"""Numeric backends that the op registry's formulas are evaluated with.

A backend supplies the functions the registry's formulas call besides ``+ - * unary-``:
``exp log sqrt tanh sigmoid relu abs sign step div pow where logical_and``. All of them follow IEEE
semantics the way torch does: nothing raises on a domain or pole error, the result is inf or nan.

* :data:`FLOAT` works on Python floats (the Value engine). Python's own ``/``, ``**`` and ``math``
  raise on poles, overflow and negative bases; these functions return torch's inf/nan instead.
* :data:`ARRAY` works on numpy arrays in their own dtype (the Tensor engine), so float32 results
  have float32 rounding, as torch's do.
* :data:`FLOAT_ARRAY` works on float64 numpy arrays and gives FLOAT's results bit for bit (the
  replay tape, :mod:`minitorch_scalar.tape`).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np


def _ieee(fn: Any, *args: float) -> float:
    """Evaluate a numpy ufunc on float64 scalars, returning inf/nan instead of raising."""
    with np.errstate(all="ignore"):
        return float(fn(*(np.float64(a) for a in args)))


class FloatBackend:
    """IEEE-safe math on Python floats (the Value engine's backend)."""

    @staticmethod
    def exp(x: float) -> float:
        """e**x; inf on overflow."""
        try:
            return math.exp(x)
        except OverflowError:
            return math.inf

    @staticmethod
    def log(x: float) -> float:
        """ln x; -inf at 0, nan below 0."""
        if x > 0:
            return math.log(x)
        return _ieee(np.log, x)

    @staticmethod
    def sqrt(x: float) -> float:
        """x**0.5; nan below 0."""
        if x >= 0:
            return math.sqrt(x)
        return math.nan

    @staticmethod
    def tanh(x: float) -> float:
        """tanh x (math.tanh: no overflow for large x)."""
        return math.tanh(x)

    @staticmethod
    def sin(x: float) -> float:
        """sin x; nan for an infinite x."""
        return math.sin(x) if math.isfinite(x) else math.nan

    @staticmethod
    def cos(x: float) -> float:
        """cos x; nan for an infinite x."""
        return math.cos(x) if math.isfinite(x) else math.nan

    @staticmethod
    def tan(x: float) -> float:
        """tan x; nan for an infinite x."""
        return _ieee(np.tan, x) if not math.isfinite(x) else math.tan(x)

    @staticmethod
    def log1p(x: float) -> float:
        """ln(1 + x); -inf at -1, nan below."""
        return math.log1p(x) if x > -1.0 else _ieee(np.log1p, x)

    @staticmethod
    def expm1(x: float) -> float:
        """e**x - 1; inf on overflow."""
        return _ieee(np.expm1, x) if x > 700.0 else math.expm1(x)

    @staticmethod
    def log2(x: float) -> float:
        """Log base 2; -inf at 0, nan below 0."""
        return math.log2(x) if x > 0 else _ieee(np.log2, x)

    @staticmethod
    def log10(x: float) -> float:
        """Log base 10; -inf at 0, nan below 0."""
        return math.log10(x) if x > 0 else _ieee(np.log10, x)

    @staticmethod
    def floor(x: float) -> float:
        """The largest integer <= x, as a float (inf and nan unchanged)."""
        return _ieee(np.floor, x)

    @staticmethod
    def ceil(x: float) -> float:
        """The smallest integer >= x, as a float (ceil(-0.5) = -0.0)."""
        return _ieee(np.ceil, x)

    @staticmethod
    def trunc(x: float) -> float:
        """x rounded toward 0, as a float."""
        return _ieee(np.trunc, x)

    @staticmethod
    def asin(x: float) -> float:
        """arcsin x; nan outside [-1, 1]."""
        return math.asin(x) if -1.0 <= x <= 1.0 else math.nan

    @staticmethod
    def acos(x: float) -> float:
        """arccos x; nan outside [-1, 1]."""
        return math.acos(x) if -1.0 <= x <= 1.0 else math.nan

    @staticmethod
    def atan(x: float) -> float:
        """arctan x."""
        return math.atan(x)

    @staticmethod
    def sinh(x: float) -> float:
        """sinh x; +-inf on overflow."""
        return _ieee(np.sinh, x)

    @staticmethod
    def cosh(x: float) -> float:
        """cosh x; inf on overflow."""
        return _ieee(np.cosh, x)

    @staticmethod
    def erf(x: float) -> float:
        """The error function."""
        return math.erf(x)

    @staticmethod
    def atan2(a: float, b: float) -> float:
        """The angle of the point (b, a) in (-pi, pi]."""
        return math.atan2(a, b)

    @staticmethod
    def remainder(a: float, b: float) -> float:
        """a - floor(a / b) * b as torch computes it: fmod, then shifted by b to take b's sign (a zero keeps
        the sign of a); nan for b = 0 or an infinite a."""
        try:
            mod = math.fmod(a, b)
        except ValueError:
            return math.nan
        return mod + b if mod != 0 and (b < 0) != (mod < 0) else mod

    @staticmethod
    def fmod(a: float, b: float) -> float:
        """a - trunc(a / b) * b (C's fmod); nan for b = 0 or an infinite a."""
        try:
            return math.fmod(a, b)
        except ValueError:
            return math.nan

    @staticmethod
    def sigmoid(x: float) -> float:
        """1 / (1 + e**-x), evaluated without overflow on either side."""
        if x >= 0:
            return 1.0 / (1.0 + math.exp(-x))
        e = FloatBackend.exp(x)
        return e / (1.0 + e)

    @staticmethod
    def relu(x: float) -> float:
        """0 if x < 0 else x (so relu(-0.0) = -0.0 and relu(nan) = nan, as torch)."""
        return 0.0 if x < 0 else x

    @staticmethod
    def abs(x: float) -> float:
        """|x|."""
        return math.fabs(x)

    @staticmethod
    def sign(x: float) -> float:
        """1, -1 or 0 (0 for 0, -0.0 and nan, as torch.sign)."""
        return 1.0 if x > 0 else (-1.0 if x < 0 else 0.0)

    @staticmethod
    def step(x: float) -> float:
        """relu's local derivative: 0 where x <= 0, else 1 (nan gives 1, as torch)."""
        return 0.0 if x <= 0 else 1.0

    @staticmethod
    def div(a: float, b: float) -> float:
        """a / b; +-inf or nan on division by zero."""
        try:
            return a / b
        except ZeroDivisionError:
            return _ieee(np.divide, a, b)

    @staticmethod
    def pow(x: float, y: float) -> float:
        """x ** y; inf for 0 to a negative power, nan (never complex) for a negative base to a fraction."""
        try:
            return math.pow(x, y)
        except (ValueError, OverflowError, ZeroDivisionError):
            return _ieee(np.power, x, y)

    @staticmethod
    def where(cond: bool, a: float, b: float) -> float:
        """a if cond else b."""
        return a if cond else b

    @staticmethod
    def logical_and(a: bool, b: bool) -> bool:
        """a and b."""
        return a and b


class ArrayBackend:
    """IEEE math on numpy arrays, keeping each array's dtype (the Tensor engine's backend)."""

    @staticmethod
    def exp(x: np.ndarray) -> np.ndarray:
        """e**x."""
        with np.errstate(all="ignore"):
            return np.exp(x)

    @staticmethod
    def log(x: np.ndarray) -> np.ndarray:
        """ln x."""
        with np.errstate(all="ignore"):
            return np.log(x)

    @staticmethod
    def sqrt(x: np.ndarray) -> np.ndarray:
        """x**0.5."""
        with np.errstate(all="ignore"):
            return np.sqrt(x)

    @staticmethod
    def tanh(x: np.ndarray) -> np.ndarray:
        """tanh x."""
        return np.tanh(x)

    @staticmethod
    def sin(x: np.ndarray) -> np.ndarray:
        """sin x (nan for infinite x)."""
        with np.errstate(invalid="ignore"):
            return np.sin(x)

    @staticmethod
    def cos(x: np.ndarray) -> np.ndarray:
        """cos x (nan for infinite x)."""
        with np.errstate(invalid="ignore"):
            return np.cos(x)

    @staticmethod
    def tan(x: np.ndarray) -> np.ndarray:
        """tan x (nan for infinite x)."""
        with np.errstate(invalid="ignore"):
            return np.tan(x)

    @staticmethod
    def log1p(x: np.ndarray) -> np.ndarray:
        """ln(1 + x)."""
        with np.errstate(all="ignore"):
            return np.log1p(x)

    @staticmethod
    def expm1(x: np.ndarray) -> np.ndarray:
        """e**x - 1."""
        with np.errstate(all="ignore"):
            return np.expm1(x)

    @staticmethod
    def log2(x: np.ndarray) -> np.ndarray:
        """Log base 2."""
        with np.errstate(all="ignore"):
            return np.log2(x)

    @staticmethod
    def log10(x: np.ndarray) -> np.ndarray:
        """Log base 10."""
        with np.errstate(all="ignore"):
            return np.log10(x)

    @staticmethod
    def floor(x: np.ndarray) -> np.ndarray:
        """The largest integer <= x."""
        return np.floor(x)

    @staticmethod
    def ceil(x: np.ndarray) -> np.ndarray:
        """The smallest integer >= x."""
        return np.ceil(x)

    @staticmethod
    def trunc(x: np.ndarray) -> np.ndarray:
        """x rounded toward 0."""
        return np.trunc(x)

    @staticmethod
    def asin(x: np.ndarray) -> np.ndarray:
        """arcsin x (nan outside [-1, 1])."""
        with np.errstate(invalid="ignore"):
            return np.arcsin(x)

    @staticmethod
    def acos(x: np.ndarray) -> np.ndarray:
        """arccos x (nan outside [-1, 1])."""
        with np.errstate(invalid="ignore"):
            return np.arccos(x)

    @staticmethod
    def atan(x: np.ndarray) -> np.ndarray:
        """arctan x."""
        return np.arctan(x)

    @staticmethod
    def sinh(x: np.ndarray) -> np.ndarray:
        """sinh x."""
        with np.errstate(over="ignore"):
            return np.sinh(x)

    @staticmethod
    def cosh(x: np.ndarray) -> np.ndarray:
        """cosh x."""
        with np.errstate(over="ignore"):
            return np.cosh(x)

    @staticmethod
    def erf(x: np.ndarray) -> np.ndarray:
        """The error function (numpy has none: math.erf per element, in float64, then x's dtype)."""
        x = np.asarray(x)
        flat = np.fromiter(map(math.erf, x.ravel().tolist()), dtype=np.float64, count=x.size)
        return flat.reshape(x.shape).astype(x.dtype if x.dtype.kind == "f" else np.float64, copy=False)

    @staticmethod
    def atan2(a: Any, b: Any) -> np.ndarray:
        """The angle of the point (b, a) in (-pi, pi]."""
        return np.arctan2(a, b)

    @staticmethod
    def remainder(a: Any, b: Any) -> np.ndarray:
        """a - floor(a / b) * b as torch computes it (fmod shifted by b to take b's sign); nan for b = 0."""
        with np.errstate(all="ignore"):
            mod = np.fmod(a, b)
            return np.where((mod != 0) & ((np.asarray(b) < 0) != (mod < 0)), mod + b, mod)

    @staticmethod
    def fmod(a: Any, b: Any) -> np.ndarray:
        """a - trunc(a / b) * b (the sign of a); nan for b = 0."""
        with np.errstate(all="ignore"):
            return np.fmod(a, b)

    @staticmethod
    def sigmoid(x: np.ndarray) -> np.ndarray:
        """1 / (1 + e**-x), stable on both sides."""
        x = np.asarray(x)
        with np.errstate(all="ignore"):
            e = np.exp(-np.abs(x))
            return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)

    @staticmethod
    def relu(x: np.ndarray) -> np.ndarray:
        """0 where x < 0, else x."""
        x = np.asarray(x)
        return np.where(x < 0, np.zeros((), dtype=x.dtype), x)

    @staticmethod
    def abs(x: np.ndarray) -> np.ndarray:
        """|x|."""
        return np.abs(x)

    @staticmethod
    def sign(x: np.ndarray) -> np.ndarray:
        """1, -1 or 0 (0 for 0, -0.0 and nan)."""
        x = np.asarray(x)
        return (x > 0).astype(x.dtype) - (x < 0).astype(x.dtype)

    @staticmethod
    def step(x: np.ndarray) -> np.ndarray:
        """0 where x <= 0, else 1."""
        x = np.asarray(x)
        return (~(x <= 0)).astype(x.dtype)

    @staticmethod
    def div(a: Any, b: Any) -> np.ndarray:
        """a / b with inf/nan on division by zero."""
        with np.errstate(all="ignore"):
            return np.true_divide(a, b)

    @staticmethod
    def pow(x: Any, y: Any) -> np.ndarray:
        """x ** y with inf/nan instead of errors."""
        with np.errstate(all="ignore"):
            return np.power(x, y)

    @staticmethod
    def where(cond: Any, a: Any, b: Any) -> np.ndarray:
        """a where cond, else b."""
        return np.where(cond, a, b)

    @staticmethod
    def logical_and(a: Any, b: Any) -> np.ndarray:
        """Elementwise a and b."""
        return np.logical_and(a, b)


FLOAT = FloatBackend()
ARRAY = ArrayBackend()


def _each(fn: Any, *args: Any) -> np.ndarray:
    """Apply a scalar function of the FLOAT backend to every element (arguments broadcast together)."""
    arrays = np.broadcast_arrays(*(np.asarray(a, dtype=np.float64) for a in args))
    count = arrays[0].size
    return np.fromiter(map(fn, *(a.ravel().tolist() for a in arrays)), dtype=np.float64, count=count).reshape(
        arrays[0].shape
    )


class FloatArrayBackend:
    """The FLOAT backend's results on float64 numpy arrays, bit for bit (the replay tape's backend).

    Operations that IEEE 754 rounds exactly (``+ - *``, ``div``, ``sqrt``, ``abs``, comparisons,
    ``where`` and the piecewise ``relu``/``sign``/``step``) run vectorised in numpy: they give the
    same bits as Python floats. Every other function (``exp``, ``log``, ``tanh``, ``sigmoid``,
    ``pow``, and any a future op adds to FLOAT) calls FLOAT's function on each element, because
    numpy's SIMD code and the C library that ``math`` uses round differently (``np.tanh`` and
    ``math.tanh`` disagree in the last bit for about a quarter of inputs). A tape replay therefore
    reproduces the Value engine exactly.
    """

    sqrt = staticmethod(ArrayBackend.sqrt)
    relu = staticmethod(ArrayBackend.relu)
    abs = staticmethod(ArrayBackend.abs)
    sign = staticmethod(ArrayBackend.sign)
    step = staticmethod(ArrayBackend.step)
    div = staticmethod(ArrayBackend.div)
    where = staticmethod(ArrayBackend.where)
    logical_and = staticmethod(ArrayBackend.logical_and)

    def __getattr__(self, name: str) -> Any:
        """FLOAT's function ``name``, applied element by element."""
        scalar = getattr(FLOAT, name)

        def elementwise(*args: Any) -> np.ndarray:
            return _each(scalar, *args)

        elementwise.__name__ = name
        setattr(self, name, elementwise)  # found directly from now on
        return elementwise


FLOAT_ARRAY = FloatArrayBackend()
