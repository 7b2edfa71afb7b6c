"""The ``torch.<fn>(tensor, ...)`` function forms of Tensor methods, with torch's argument checks.

Each function checks that its input is a Tensor (torch's ``TypeError: exp(): argument 'input'
(position 1) must be Tensor, not float``) and calls the method, so the math and the grad_fn are the
method's.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from minitorch_scalar import tensor_ops
from minitorch_scalar.autograd import is_grad_enabled
from minitorch_scalar.tensor import Tensor


def _check(fn: str, x: Any) -> Tensor:
    if not isinstance(x, Tensor):
        raise TypeError(f"{fn}(): argument 'input' (position 1) must be Tensor, not {type(x).__name__}")
    return x


def exp(input: Tensor) -> Tensor:  # noqa: A002 - torch's argument name
    """e ** input."""
    return _check("exp", input).exp()


def sin(input: Tensor) -> Tensor:  # noqa: A002
    """Sine."""
    return _check("sin", input).sin()


def cos(input: Tensor) -> Tensor:  # noqa: A002
    """Cosine."""
    return _check("cos", input).cos()


def log(input: Tensor) -> Tensor:  # noqa: A002
    """Natural log."""
    return _check("log", input).log()


def tanh(input: Tensor) -> Tensor:  # noqa: A002
    """Hyperbolic tangent."""
    return _check("tanh", input).tanh()


def sigmoid(input: Tensor) -> Tensor:  # noqa: A002
    """1 / (1 + e ** -input)."""
    return _check("sigmoid", input).sigmoid()


def relu(input: Tensor) -> Tensor:  # noqa: A002
    """max(input, 0)."""
    return _check("relu", input).relu()


def sqrt(input: Tensor) -> Tensor:  # noqa: A002
    """Square root."""
    return _check("sqrt", input).sqrt()


def rsqrt(input: Tensor) -> Tensor:  # noqa: A002
    """1 / sqrt(input)."""
    return _check("rsqrt", input).rsqrt()


def abs(input: Tensor) -> Tensor:  # noqa: A001, A002
    """|input|."""
    return _check("abs", input).abs()


def neg(input: Tensor) -> Tensor:  # noqa: A002
    """-input."""
    return -_check("neg", input)


def sign(input: Tensor) -> Tensor:  # noqa: A002
    """-1, 0 or 1."""
    return _check("sign", input).sign()


def square(input: Tensor) -> Tensor:  # noqa: A002
    """input ** 2."""
    return _check("square", input).square()


def reciprocal(input: Tensor) -> Tensor:  # noqa: A002
    """1 / input."""
    return _check("reciprocal", input).reciprocal()


def pow(input: Any, exponent: Any) -> Tensor:  # noqa: A001, A002
    """input ** exponent (either may be a Python number, not both)."""
    if not isinstance(input, Tensor) and not isinstance(exponent, Tensor):
        raise TypeError(f"pow(): argument 'input' (position 1) must be Tensor, not {type(input).__name__}")
    return tensor_ops.pow_(input, exponent)


def add(input: Any, other: Any, *, alpha: Any = 1) -> Tensor:  # noqa: A002
    """input + alpha * other."""
    return _check("add", input).add(other, alpha=alpha)


def sub(input: Any, other: Any, *, alpha: Any = 1) -> Tensor:  # noqa: A002
    """input - alpha * other."""
    return _check("sub", input).sub(other, alpha=alpha)


def mul(input: Any, other: Any) -> Tensor:  # noqa: A002
    """input * other."""
    return _check("mul", input) * other


def div(input: Any, other: Any, *, rounding_mode: str | None = None) -> Tensor:  # noqa: A002
    """input / other."""
    return _check("div", input).div(other, rounding_mode=rounding_mode)


def clamp(input: Tensor, min: Any = None, max: Any = None) -> Tensor:  # noqa: A001, A002
    """Limit values to [min, max]."""
    return _check("clamp", input).clamp(min, max)


clip = clamp


def clamp_min(input: Tensor, min: Any) -> Tensor:  # noqa: A002
    """max(input, min)."""
    return _check("clamp_min", input).clamp_min(min)


def sum(input: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:  # noqa: A001, A002
    """Sum of all elements or over ``dim``."""
    return _check("sum", input).sum(dim, keepdim, dtype=dtype)


def mean(input: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:  # noqa: A002
    """Mean of all elements or over ``dim``."""
    return _check("mean", input).mean(dim, keepdim, dtype=dtype)


def max(input: Tensor, dim: Any = None, keepdim: bool = False) -> Any:  # noqa: A001, A002
    """Max of all elements, ``(values, indices)`` along ``dim``, or the elementwise max with a tensor."""
    return _check("max", input).max(dim, keepdim)


def min(input: Tensor, dim: Any = None, keepdim: bool = False) -> Any:  # noqa: A001, A002
    """Min of all elements, ``(values, indices)`` along ``dim``, or the elementwise min with a tensor."""
    return _check("min", input).min(dim, keepdim)


def amax(input: Tensor, dim: Any = (), keepdim: bool = False) -> Tensor:  # noqa: A002
    """Max over ``dim``."""
    return _check("amax", input).amax(dim, keepdim)


def amin(input: Tensor, dim: Any = (), keepdim: bool = False) -> Tensor:  # noqa: A002
    """Min over ``dim``."""
    return _check("amin", input).amin(dim, keepdim)


def argmax(input: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A002
    """Index of the max."""
    return _check("argmax", input).argmax(dim, keepdim)


def argmin(input: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A002
    """Index of the min."""
    return _check("argmin", input).argmin(dim, keepdim)


def prod(input: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A002
    """Product of elements."""
    return _check("prod", input).prod(dim, keepdim)


def var(input: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *,  # noqa: A002
        correction: Any = None) -> Tensor:
    """Variance."""
    return _check("var", input).var(dim, unbiased, keepdim, correction=correction)


def std(input: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *,  # noqa: A002
        correction: Any = None) -> Tensor:
    """Standard deviation."""
    return _check("std", input).std(dim, unbiased, keepdim, correction=correction)


def norm(input: Tensor, p: Any = "fro", dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A002
    """Vector p-norm."""
    return _check("norm", input).norm(p, dim, keepdim)


def softmax(input: Tensor, dim: int) -> Tensor:  # noqa: A002
    """Softmax along ``dim``."""
    return _check("softmax", input).softmax(dim)


def log_softmax(input: Tensor, dim: int) -> Tensor:  # noqa: A002
    """Log-softmax along ``dim``."""
    return _check("log_softmax", input).log_softmax(dim)


def matmul(input: Tensor, other: Tensor, *, out: Tensor | None = None) -> Tensor:  # noqa: A002
    """Matrix product (written into ``out`` when given, which is then returned)."""
    res = tensor_ops.matmul(input, other)
    return res if out is None else _into(out, res)


def _into(out: Tensor, res: Tensor) -> Tensor:
    """torch's ``out=``: ``out`` takes the result's shape and values (no graph through ``out=``)."""
    if res.requires_grad and is_grad_enabled():
        raise RuntimeError(
            f"{type(res.grad_fn).__name__[:-9].lower()}(): functions with out=... arguments don't support automatic "
            "differentiation, but one of the arguments requires grad."
        )
    if out.numel() and out.shape != res.shape:
        warnings.warn(
            f"An output with one or more elements was resized since it had shape {list(out.shape)}, which does not "
            f"match the required output shape {list(res.shape)}. This behavior is deprecated, and in a future "
            "PyTorch release outputs will not be resized unless they have zero elements. You can explicitly reuse "
            "an out tensor t by resizing it, inplace, to zero elements with t.resize_(0). (Triggered internally at "
            "/pytorch/aten/src/ATen/native/Resize.cpp:38.)",
            UserWarning,
            stacklevel=3,
        )
    out.data = res.detach().to(out.dtype)
    out._vbox[0] += 1
    return out


def round(input: Tensor) -> Tensor:  # noqa: A001, A002
    """Nearest integer, ties to even."""
    return _check("round", input).round()


def bincount(input: Tensor, weights: Tensor | None = None, minlength: int = 0) -> Tensor:  # noqa: A002
    """Count of each value in a 1-D non-negative integer tensor (no gradient)."""
    _check("bincount", input)
    if input.dim() != 1 or input.is_floating_point():
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    if weights is None:
        return Tensor._wrap(np.bincount(input.numpy(), minlength=minlength).astype(np.int64))
    w = weights.detach().numpy()
    return Tensor._wrap(np.bincount(input.numpy(), weights=w, minlength=minlength).astype(w.dtype))


def mm(input: Tensor, mat2: Tensor) -> Tensor:  # noqa: A002
    """2-D matrix product."""
    return tensor_ops.mm(input, mat2)


def mv(input: Tensor, vec: Tensor) -> Tensor:  # noqa: A002
    """Matrix-vector product."""
    return tensor_ops.mv(_check("mv", input), vec)


def dot(input: Tensor, tensor: Tensor) -> Tensor:  # noqa: A002
    """1-D inner product."""
    return tensor_ops.dot(_check("dot", input), tensor)


def addmm(input: Tensor, mat1: Tensor, mat2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:  # noqa: A002
    """beta * input + alpha * mat1 @ mat2 (AddmmBackward0)."""
    return tensor_ops.addmm(_check("addmm", input), mat1, mat2, beta, alpha)


def reshape(input: Tensor, shape: Any) -> Tensor:  # noqa: A002
    """New shape."""
    return _check("reshape", input).reshape(shape)


def flatten(input: Tensor, start_dim: int = 0, end_dim: int = -1) -> Tensor:  # noqa: A002
    """Merge dims."""
    return _check("flatten", input).flatten(start_dim, end_dim)


def squeeze(input: Tensor, dim: Any = None) -> Tensor:  # noqa: A002
    """Drop size-1 dims."""
    return _check("squeeze", input).squeeze(dim)


def unsqueeze(input: Tensor, dim: int) -> Tensor:  # noqa: A002
    """Insert a size-1 dim."""
    return _check("unsqueeze", input).unsqueeze(dim)


def t(input: Tensor) -> Tensor:  # noqa: A002
    """Transpose (at most 2 dims)."""
    return _check("t", input).t()


def permute(input: Tensor, dims: Any) -> Tensor:  # noqa: A002
    """Reorder dims."""
    return _check("permute", input).permute(dims)


def transpose(input: Tensor, dim0: int, dim1: int) -> Tensor:  # noqa: A002
    """Swap two dims."""
    return _check("transpose", input).transpose(dim0, dim1)


def clone(input: Tensor) -> Tensor:  # noqa: A002
    """A copy."""
    return _check("clone", input).clone()


def numel(input: Tensor) -> int:  # noqa: A002
    """Number of elements."""
    return _check("numel", input).numel()


def is_tensor(obj: Any) -> bool:
    """Whether ``obj`` is a Tensor."""
    return isinstance(obj, Tensor)


def is_floating_point(input: Tensor) -> bool:  # noqa: A002
    """Whether the dtype is floating."""
    return _check("is_floating_point", input).is_floating_point()


def equal(input: Tensor, other: Tensor) -> bool:  # noqa: A002
    """True when both have the same shape and values (a Python bool)."""
    _check("equal", input)
    return input.shape == other.shape and bool(np.array_equal(input._data, other._data))


def isclose(input: Tensor, other: Any, rtol: float = 1e-05, atol: float = 1e-08,  # noqa: A002
            equal_nan: bool = False) -> Tensor:
    """|input - other| <= atol + rtol * |other|, elementwise (bool tensor)."""
    b = other._data if isinstance(other, Tensor) else other
    return Tensor._wrap(np.asarray(np.isclose(_check("isclose", input)._data, b, rtol, atol, equal_nan)))


def allclose(input: Tensor, other: Tensor, rtol: float = 1e-05, atol: float = 1e-08,  # noqa: A002
             equal_nan: bool = False) -> bool:
    """Whether every element is close (see :func:`isclose`)."""
    return bool(np.all(isclose(input, other, rtol, atol, equal_nan)._data))


def isnan(input: Tensor) -> Tensor:  # noqa: A002
    """Where the values are nan."""
    return _check("isnan", input).isnan()


def detach(input: Tensor) -> Tensor:  # noqa: A002
    """The values cut from the graph."""
    return _check("detach", input).detach()


__all__ = [
    "abs", "add", "addmm", "allclose", "amax", "amin", "argmax", "argmin", "bincount", "clamp", "clamp_min", "clip",
    "clone",
    "detach", "div", "dot", "equal", "exp", "flatten", "is_floating_point", "is_tensor", "isclose", "isnan",
    "log", "log_softmax", "matmul", "max", "mean", "min", "mm", "mul", "mv", "neg", "norm", "numel", "permute",
    "pow", "prod", "reciprocal", "relu", "reshape", "round", "rsqrt", "sigmoid", "sign", "sin", "cos", "softmax",
    "sqrt", "square", "squeeze", "std", "sub", "sum", "t", "tanh", "transpose", "unsqueeze", "var",
]
