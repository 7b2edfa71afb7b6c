"""torch.special: the special functions tutorials reach for (``torch.special.expit``, ``logit``, ``xlogy``, ...).

Each function checks its input as torch does and calls the Tensor engine, so values and grad_fn names are the
engine's: ``expit`` is ``sigmoid`` (SigmoidBackward0), ``logit`` LogitBackward0, ``xlogy`` XlogyBackward0,
``xlog1py`` SpecialXlog1PyBackward0, ``entr`` SpecialEntrBackward0, ``sinc`` SincBackward0.
"""

from __future__ import annotations

import math
from typing import Any

from minitorch_scalar import dtypes, tensor_ops
from minitorch_scalar.tensor import Tensor

__all__ = [
    "entr", "erf", "erfc", "erfinv", "expit", "expm1", "log1p", "log_softmax", "logit", "logsumexp", "ndtr",
    "round", "sinc", "softmax", "xlog1py", "xlogy",
]


def _check(fn: str, x: Any) -> Tensor:
    if not isinstance(x, Tensor):
        raise TypeError(f"special_{fn}(): argument 'input' (position 1) must be Tensor, not {type(x).__name__}")
    return x


def expit(input: Tensor) -> Tensor:  # noqa: A002 - torch's argument name
    """The logistic sigmoid 1 / (1 + e**-x) (SigmoidBackward0)."""
    return _check("expit", input).sigmoid()


def logit(input: Tensor, eps: float | None = None) -> Tensor:  # noqa: A002
    """log(p / (1 - p)) of p = input, clamped to [eps, 1 - eps] when ``eps`` is given (LogitBackward0)."""
    return tensor_ops.logit(_check("logit", input), eps)


def erf(input: Tensor) -> Tensor:  # noqa: A002
    """The error function 2 / sqrt(pi) * integral_0^x e**(-t**2) dt (ErfBackward0)."""
    return _check("erf", input).erf()


def erfc(input: Tensor) -> Tensor:  # noqa: A002
    """1 - erf(x) (ErfcBackward0)."""
    return tensor_ops.erfc(_check("erfc", input))


def erfinv(input: Tensor) -> Tensor:  # noqa: A002
    """The inverse error function (ErfinvBackward0)."""
    return tensor_ops.erfinv(_check("erfinv", input))


def ndtr(input: Tensor) -> Tensor:  # noqa: A002
    """The standard normal CDF: (1 + erf(x / sqrt(2))) / 2, composed as torch composes it."""
    return (1 + _check("ndtr", input).mul(1 / math.sqrt(2)).erf()) * 0.5


def xlogy(input: Any, other: Any) -> Tensor:  # noqa: A002
    """input * log(other), 0 where input == 0 (XlogyBackward0; 1 / 2 when input / other is a number)."""
    return tensor_ops.xlogy(input, other)


def xlog1py(input: Any, other: Any) -> Tensor:  # noqa: A002
    """input * log1p(other), 0 where input == 0 (SpecialXlog1PyBackward0)."""
    return tensor_ops.xlogy(input, other, log1p=True)


def entr(input: Tensor) -> Tensor:  # noqa: A002
    """Elementwise entropy -x ln x (0 at 0, -inf for x < 0; SpecialEntrBackward0)."""
    return tensor_ops.entr(_check("entr", input))


def sinc(input: Tensor) -> Tensor:  # noqa: A002
    """The normalized sinc sin(pi x) / (pi x), 1 at 0 (SincBackward0)."""
    return tensor_ops.sinc(_check("sinc", input))


def log1p(input: Tensor) -> Tensor:  # noqa: A002
    """ln(1 + x), accurate near 0 (Log1PBackward0)."""
    return _check("log1p", input).log1p()


def expm1(input: Tensor) -> Tensor:  # noqa: A002
    """e**x - 1, accurate near 0 (Expm1Backward0)."""
    return _check("expm1", input).expm1()


def round(input: Tensor, *, decimals: int = 0) -> Tensor:  # noqa: A001, A002
    """Round half to even (to ``decimals`` places)."""
    return _check("round", input).round(decimals=decimals)


def _cast(x: Tensor, dtype: dtypes.dtype | None) -> Tensor:
    return x if dtype is None else x.to(dtype)


def softmax(input: Tensor, dim: int, *, dtype: dtypes.dtype | None = None) -> Tensor:  # noqa: A002
    """exp(x) / sum(exp(x)) along ``dim``, computed in ``dtype`` when given (SoftmaxBackward0)."""
    return _cast(_check("softmax", input), dtype).softmax(dim)


def log_softmax(input: Tensor, dim: int, *, dtype: dtypes.dtype | None = None) -> Tensor:  # noqa: A002
    """x - log(sum(exp(x))) along ``dim``, computed in ``dtype`` when given (LogSoftmaxBackward0)."""
    return _cast(_check("log_softmax", input), dtype).log_softmax(dim)


def logsumexp(input: Tensor, dim: Any, keepdim: bool = False) -> Tensor:  # noqa: A002
    """log(sum(exp(x))) over ``dim`` (LogsumexpBackward0)."""
    return _check("logsumexp", input).logsumexp(dim, keepdim)
