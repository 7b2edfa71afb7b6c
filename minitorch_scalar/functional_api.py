"""The ``torch.<fn>(tensor, ...)`` function forms of Tensor methods, with torch's argument checks.

Each function checks that its input is a Tensor (torch's ``TypeError: exp(): argument 'input'
(position 1) must be Tensor, not float``) and calls the method, so the math and the grad_fn are the
method's.
"""

from __future__ import annotations

import warnings
from typing import Any, Literal

import numpy as np

from minitorch_scalar import numpy_keywords, tensor_ops
from minitorch_scalar.autograd import is_grad_enabled
from minitorch_scalar.dtypes import get_default_dtype
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


def _unary(name: str, method: str, doc: str) -> Any:
    """``torch.<name>(input)``: the type check, then ``input.<method>()``."""

    def fn(input: Tensor) -> Tensor:  # noqa: A002
        return getattr(_check(name, input), method)()

    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = doc
    return fn


tan = _unary("tan", "tan", "Tangent.")
asin = _unary("asin", "asin", "Inverse sine.")
arcsin = _unary("arcsin", "asin", "Inverse sine (alias of asin).")
acos = _unary("acos", "acos", "Inverse cosine.")
arccos = _unary("arccos", "acos", "Inverse cosine (alias of acos).")
atan = _unary("atan", "atan", "Inverse tangent.")
arctan = _unary("arctan", "atan", "Inverse tangent (alias of atan).")
sinh = _unary("sinh", "sinh", "Hyperbolic sine.")
cosh = _unary("cosh", "cosh", "Hyperbolic cosine.")
log1p = _unary("log1p", "log1p", "ln(1 + input), accurate near 0.")
expm1 = _unary("expm1", "expm1", "e ** input - 1, accurate near 0.")
log2 = _unary("log2", "log2", "Log base 2.")
log10 = _unary("log10", "log10", "Log base 10.")
erf = _unary("erf", "erf", "The error function.")
floor = _unary("floor", "floor", "The largest integer <= input (gradient 0).")
ceil = _unary("ceil", "ceil", "The smallest integer >= input (gradient 0).")
trunc = _unary("trunc", "trunc", "input rounded toward 0 (gradient 0).")
fix = _unary("fix", "trunc", "input rounded toward 0 (alias of trunc).")
frac = _unary("frac", "frac", "input - trunc(input) (gradient 1).")
fliplr = _unary("fliplr", "fliplr", "Reverse dim 1.")
flipud = _unary("flipud", "flipud", "Reverse dim 0.")


def atan2(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """The angle of the point (other, input), elementwise (Atan2Backward0)."""
    tensor_ops.check_operand("atan2", other, 2, "other")
    return _check("atan2", input).atan2(other)


def arctan2(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """Alias of :func:`atan2`."""
    tensor_ops.check_operand("arctan2", other, 2, "other")
    return _check("arctan2", input).atan2(other)


def any(input: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A001, A002
    """Whether some element (over ``dim``) is nonzero."""
    return _check("any", input).any(dim, keepdim)


def all(input: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A001, A002
    """Whether every element (over ``dim``) is nonzero."""
    return _check("all", input).all(dim, keepdim)


def repeat_interleave(input: Tensor, repeats: Any, dim: int | None = None) -> Tensor:  # noqa: A002
    """Repeat each element ``repeats`` times along ``dim`` (the flattened tensor when None)."""
    return _check("repeat_interleave", input).repeat_interleave(repeats, dim)


def split(tensor: Tensor, split_size_or_sections: Any, dim: int = 0) -> tuple[Tensor, ...]:
    """Views of blocks of ``split_size_or_sections`` elements (or of the listed sizes) along ``dim``."""
    return _check("split", tensor).split(split_size_or_sections, dim)


def chunk(input: Tensor, chunks: int, dim: int = 0) -> tuple[Tensor, ...]:  # noqa: A002
    """At most ``chunks`` equal blocks along ``dim``."""
    return _check("chunk", input).chunk(chunks, dim)


def unbind(input: Tensor, dim: int = 0) -> tuple[Tensor, ...]:  # noqa: A002
    """Every slice along ``dim``."""
    return _check("unbind", input).unbind(dim)


def flip(input: Tensor, dims: Any) -> Tensor:  # noqa: A002
    """Reverse the order along ``dims`` (FlipBackward0)."""
    return tensor_ops.flip(_check("flip", input), dims)


def roll(input: Tensor, shifts: Any, dims: Any = None) -> Tensor:  # noqa: A002
    """Shift elements cyclically along ``dims`` (the flattened tensor when None, RollBackward0)."""
    return _check("roll", input).roll(shifts, dims)


def _at_least(t: Tensor, ndim: int) -> Tensor:
    """``t`` viewed with leading size-1 dims up to ``ndim`` dims (atleast_1d / atleast_2d)."""
    if t.dim() >= ndim:
        return t
    return t.reshape((1,) * (ndim - t.dim()) + tuple(t.shape))


def hstack(tensors: Any) -> Tensor:
    """Join along dim 1 (dim 0 for 1-D tensors; 0-D become 1-D) (CatBackward0)."""
    ts = [_at_least(t, 1) for t in tensors]
    return tensor_ops.cat(ts, 0 if ts and ts[0].dim() == 1 else 1)


def vstack(tensors: Any) -> Tensor:
    """Join along dim 0, 1-D tensors becoming rows (CatBackward0)."""
    return tensor_ops.cat([_at_least(t, 2) for t in tensors], 0)


row_stack = vstack


def column_stack(tensors: Any) -> Tensor:
    """Join along dim 1, 0-D and 1-D tensors becoming columns (CatBackward0)."""
    return tensor_ops.cat([t.reshape(t.numel(), 1) if t.dim() <= 1 else t for t in tensors], 1)


def meshgrid(*tensors: Any, indexing: str | None = None) -> tuple[Tensor, ...]:
    """Coordinate grids from 1-D tensors (ExpandBackward0 views).

    ``indexing="ij"`` gives grids of shape ``(len(t0), len(t1), ...)``; ``"xy"`` swaps the first two
    dims (numpy's convention). Without ``indexing`` torch uses "ij" and warns that the argument will
    be required.
    """
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    if indexing is None:
        warnings.warn(
            "torch.meshgrid: in an upcoming release, it will be required to pass the indexing argument. "
            "(Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4215.)",
            UserWarning, stacklevel=2,
        )
        indexing = "ij"
    if indexing not in ("ij", "xy"):
        raise RuntimeError(f'torch.meshgrid: indexing must be one of "xy" or "ij", but received: {indexing}')
    ts = [_check("meshgrid", t) for t in tensors]
    for t in ts:
        if t.dim() > 1:
            raise RuntimeError(f"torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: {t}")
    swap = indexing == "xy" and len(ts) >= 2
    if swap:
        ts[0], ts[1] = ts[1], ts[0]
    full = tuple(t.numel() for t in ts)
    grids = [
        t.reshape(tuple(-1 if j == i else 1 for j in range(len(ts)))).expand(*full) for i, t in enumerate(ts)
    ]
    if swap:
        grids[0], grids[1] = grids[1], grids[0]
    return tuple(grids)


def _method(name: str, doc: str) -> Any:
    """``torch.<name>(input, *args, **kwargs)``: the type check, then ``input.<name>(*args, **kwargs)``."""

    def fn(input: Tensor, *args: Any, **kwargs: Any) -> Any:  # noqa: A002
        return getattr(_check(name, input), name)(*args, **kwargs)

    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = doc
    return fn


gather = _method("gather", "``out[i][j] = input[i][index[i][j]]`` for dim 1 (GatherBackward0).")
index_select = _method("index_select", "The entries ``index`` of dim ``dim`` (IndexSelectBackward0).")
take = _method("take", "``input.flatten()[index]`` (TakeBackward0).")
masked_select = _method("masked_select", "The entries where ``mask`` is True (MaskedSelectBackward0).")
masked_fill = _method("masked_fill", "``value`` where ``mask`` is True, else input (MaskedFillBackward0).")
scatter = _method("scatter", "A copy with ``src`` written at ``index`` along ``dim``.")
scatter_add = _method("scatter_add", "A copy with ``src`` added at ``index`` along ``dim``.")
sort = _method("sort", "``(values, indices)`` sorted along ``dim`` (SortBackward0).")
argsort = _method("argsort", "The indices that sort input along ``dim``.")
topk = _method("topk", "The ``k`` largest entries along ``dim`` and their indices (TopkBackward0).")
kthvalue = _method("kthvalue", "The k-th smallest entry along ``dim`` and its index (KthvalueBackward0).")
median = _method("median", "The lower median, or ``(values, indices)`` along ``dim``.")
unique = _method("unique", "The distinct values, optionally with the inverse index and the counts.")
nonzero = _method("nonzero", "Indices of the nonzero entries.")
cumsum = _method("cumsum", "Running sums along ``dim`` (CumsumBackward0).")
nansum = _method("nansum", "Sum with nan entries counted as 0 (NansumBackward0).")
nanmean = _method("nanmean", "Mean of the non-nan entries (nansum / count).")


def logsumexp(input: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A002
    """log(sum(exp(input))) over ``dim`` (LogsumexpBackward0)."""
    if dim is None:
        raise TypeError('logsumexp() missing 1 required positional arguments: "dim"')
    return _check("logsumexp", input).logsumexp(dim, keepdim)


outer = _method("outer", "``input[i] * vec2[j]``.")
ger = _method("ger", "Alias of outer.")
index_add = _method("index_add", "A copy with ``alpha * source`` added at ``index`` along ``dim``.")
index_fill = _method("index_fill", "A copy with ``value`` at ``index`` along ``dim``.")
nan_to_num = _method("nan_to_num", "nan, +inf, -inf replaced by finite values (NanToNumBackward0).")
cumprod = _method("cumprod", "Running products along ``dim`` (CumprodBackward0).")
mode = _method("mode", "The most frequent value along ``dim`` and its index (ModeBackward0).")
count_nonzero = _method("count_nonzero", "How many entries are nonzero (over ``dim``).")
triu = _method("triu", "The upper triangle of the last two dims (TriuBackward0).")
tril = _method("tril", "The lower triangle of the last two dims (TrilBackward0).")
tile = _method("tile", "Repeat with missing leading repeats taken as 1 (RepeatBackward0).")
movedim = _method("movedim", "Dims ``source`` moved to ``destination`` (PermuteBackward0).")
moveaxis = _method("moveaxis", "Alias of movedim.")
swapaxes = _method("swapaxes", "Alias of transpose (TransposeBackward0).")
swapdims = _method("swapdims", "Alias of transpose (TransposeBackward0).")
isinf = _method("isinf", "Where the values are +inf or -inf.")
isfinite = _method("isfinite", "Where the values are neither inf nor nan.")

diagonal = _method("diagonal", "The diagonal ``offset`` above the main one (DiagonalBackward0).")
diag = _method("diag", "A vector placed on a diagonal, or a matrix's diagonal.")
bmm = _method("bmm", "Batched matrix product of two 3-D tensors (BmmBackward0).")


def lerp(input: Tensor, end: Tensor, weight: Any) -> Tensor:  # noqa: A002
    """input + weight * (end - input) (LerpBackward0 / LerpBackward1)."""
    tensor_ops.check_operand("lerp", end, 2, "end")
    return _check("lerp", input).lerp(end, weight)


def remainder(input: Any, other: Any) -> Tensor:  # noqa: A002
    """input - floor(input / other) * other, with the sign of other."""
    if not isinstance(input, Tensor):
        tensor_ops.check_operand("remainder", other, 2, "other")
        return input % other
    return _check("remainder", input).remainder(other)


def fmod(input: Tensor, other: Any) -> Tensor:  # noqa: A002
    """input - trunc(input / other) * other, with the sign of input."""
    return _check("fmod", input).fmod(other)


def trace(input: Tensor) -> Tensor:  # noqa: A002
    """The sum of a matrix's main diagonal (TraceBackward0)."""
    return _check("trace", input).trace()


def broadcast_tensors(*tensors: Tensor) -> tuple[Tensor, ...]:
    """The tensors expanded to their common shape."""
    return tensor_ops.broadcast_tensors(*tensors)


def broadcast_shapes(*shapes: Any) -> Any:
    """The shape that all ``shapes`` broadcast to."""
    return tensor_ops.broadcast_shapes(*shapes)


def _paired(name: str, node: str, input: Tensor, dim: Any, unbiased: Any, keepdim: bool,  # noqa: A002
            correction: Any, std: bool) -> tuple[Tensor, Tensor]:
    """(std or var, mean) over ``dim``, both shown as torch's single node ``node``."""
    if isinstance(dim, bool):
        dim, unbiased = None, dim
    x = _check(name, input)
    spread = tensor_ops.var(x, dim, unbiased, keepdim, correction=correction, std=std)
    centre = x.mean(dim, keepdim) if dim is not None else x.mean()
    if keepdim and dim is None:
        centre = centre.reshape((1,) * x.dim())
    return tensor_ops.renamed(spread, node), tensor_ops.renamed(centre, node)


def std_mean(input: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *,  # noqa: A002
             correction: Any = None) -> tuple[Tensor, Tensor]:
    """(standard deviation, mean) over ``dim`` (StdMeanBackward0)."""
    return _paired("std_mean", "StdMeanBackward0", input, dim, unbiased, keepdim, correction, True)


def var_mean(input: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *,  # noqa: A002
             correction: Any = None) -> tuple[Tensor, Tensor]:
    """(variance, mean) over ``dim`` (VarMeanBackward0)."""
    return _paired("var_mean", "VarMeanBackward0", input, dim, unbiased, keepdim, correction, False)


def quantile(input: Tensor, q: Any, dim: int | None = None, keepdim: bool = False, *,  # noqa: A002
             interpolation: str = "linear") -> Tensor:
    """The ``q``-quantile(s) over ``dim`` (everything when None); see :func:`tensor_ops.quantile`."""
    return tensor_ops.quantile(_check("quantile", input), q, dim, keepdim, interpolation)


def histc(input: Tensor, bins: int = 100, min: float = 0, max: float = 0) -> Tensor:  # noqa: A001, A002
    """Counts of values in ``bins`` equal-width bins over [min, max] (the data's range when both are 0)."""
    x = _check("histc", input)
    if not x.is_floating_point():
        kind = tensor_ops._scalar_type_name_full(x.dtype)
        raise NotImplementedError(f'"histogram_cpu" not implemented for \'{kind}\'')
    data = x._data.reshape(-1)
    low, high = float(min), float(max)
    if low == high and data.size:
        low, high = float(data.min()), float(data.max())
    if low == high:
        low, high = low - 1, high + 1
    counts, _ = np.histogram(data[(data >= low) & (data <= high)], bins=bins, range=(low, high))
    return Tensor._wrap(counts.astype(x._data.dtype))


def searchsorted(sorted_sequence: Tensor, input: Any, *, out_int32: bool = False, right: bool = False,  # noqa: A002
                 side: str | None = None) -> Tensor:
    """Where each value of ``input`` would be inserted to keep ``sorted_sequence`` (last dim) sorted."""
    seq = _check("searchsorted", sorted_sequence)._data
    vals = input._data if isinstance(input, Tensor) else np.asarray(input)
    how: Literal["left", "right"] = "right" if right or side == "right" else "left"
    if seq.ndim <= 1:
        out = np.searchsorted(seq, vals, side=how)
    else:
        out = np.stack([np.searchsorted(s_, v_, side=how) for s_, v_ in zip(seq.reshape(-1, seq.shape[-1]),
                                                                          vals.reshape(-1, vals.shape[-1]))])
        out = out.reshape(vals.shape)
    return Tensor._wrap(np.asarray(out, dtype=np.int32 if out_int32 else np.int64))


def logspace(start: float, end: float, steps: int, base: float = 10.0, *, dtype: Any = None,
             requires_grad: bool = False) -> Tensor:
    """``base ** linspace(start, end, steps)``."""
    from minitorch_scalar.tensor import tensor

    dt = dtype or get_default_dtype()
    vals = np.power(float(base), np.linspace(float(start), float(end), int(steps)))
    return tensor(vals.astype(dt.np), dtype=dt, requires_grad=requires_grad)


def _tri_indices(row: int, col: int, offset: int, upper: bool) -> Tensor:
    keep = (np.triu if upper else np.tril)(np.ones((row, col), bool), offset)
    return Tensor._wrap(np.stack(np.nonzero(keep)).astype(np.int64).reshape(2, -1))


def tril_indices(row: int, col: int, offset: int = 0) -> Tensor:
    """The (2, n) row/column indices of the lower triangle of a ``row`` x ``col`` matrix."""
    return _tri_indices(row, col, offset, False)


def triu_indices(row: int, col: int, offset: int = 0) -> Tensor:
    """The (2, n) row/column indices of the upper triangle of a ``row`` x ``col`` matrix."""
    return _tri_indices(row, col, offset, True)


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


def sum(input: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None,  # noqa: A001, A002
        axis: Any = None, keepdims: bool = False) -> Tensor:
    """Sum of all elements or over ``dim`` (or ``axis``; ``keepdims`` for ``keepdim``)."""
    return _check("sum", input).sum(dim, keepdim or keepdims, dtype=dtype, axis=axis)


def mean(input: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: Any = None,  # noqa: A002
         axis: Any = None, keepdims: bool = False) -> Tensor:
    """Mean of all elements or over ``dim`` (or ``axis``; ``keepdims`` for ``keepdim``)."""
    return _check("mean", input).mean(dim, keepdim or keepdims, dtype=dtype, axis=axis)


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


def norm(input: Tensor, p: Any = "fro", dim: Any = None, keepdim: bool = False, dtype: Any = None) -> Tensor:  # noqa: A002
    """torch.norm: the vector or matrix norm (see :func:`minitorch_scalar.matfuncs.norm`)."""
    return _check("norm", input).norm(p, dim, keepdim, dtype)


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


def round(input: Tensor, *, decimals: int | None = None) -> Tensor:  # noqa: A001, A002
    """Nearest integer, ties to even (or nearest multiple of ``10**-decimals``)."""
    return _check("round", input).round(decimals=decimals)


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
    "fmod", "remainder",
    "bmm", "broadcast_shapes", "broadcast_tensors", "diag", "diagonal", "lerp",
    "count_nonzero", "cumprod", "histc", "index_add", "index_fill", "isfinite", "isinf", "logspace", "mode",
    "moveaxis", "movedim", "nan_to_num", "quantile", "searchsorted", "std_mean", "swapaxes", "swapdims", "tile",
    "tril", "tril_indices", "triu", "triu_indices", "var_mean",
    "argsort", "cumsum", "gather", "ger", "index_select", "kthvalue", "logsumexp", "masked_fill", "masked_select",
    "median", "nanmean", "nansum", "nonzero", "outer", "scatter", "scatter_add", "sort", "take", "topk", "unique",
    "acos", "all", "any", "arccos", "arcsin", "arctan", "arctan2", "asin", "atan", "atan2", "ceil", "chunk",
    "column_stack", "cosh", "erf", "expm1", "fix", "flip", "fliplr", "flipud", "floor", "frac", "hstack", "log10",
    "log1p", "log2", "meshgrid", "repeat_interleave", "roll", "row_stack", "sinh", "split", "tan", "trunc", "unbind",
    "vstack",
    "abs", "add", "addmm", "allclose", "amax", "amin", "argmax", "argmin", "bincount", "clamp", "clamp_min", "clip",
    "clone",
    "detach", "div", "dot", "equal", "exp", "flatten", "is_floating_point", "is_tensor", "isclose", "isnan",
    "log", "log_softmax", "matmul", "max", "mean", "min", "mm", "mul", "mv", "neg", "norm", "numel", "permute",
    "pow", "prod", "reciprocal", "relu", "reshape", "round", "rsqrt", "sigmoid", "sign", "sin", "cos", "softmax",
    "sqrt", "square", "squeeze", "std", "sub", "sum", "t", "tanh", "transpose", "unsqueeze", "var",
]


# ----------------------------------------------------------------------------------------------
# special functions, searching and statistics
# ----------------------------------------------------------------------------------------------


def erfc(input: Tensor) -> Tensor:  # noqa: A002
    """1 - erf(input) (ErfcBackward0)."""
    return _check("erfc", input).erfc()


def erfinv(input: Tensor) -> Tensor:  # noqa: A002
    """The inverse error function (ErfinvBackward0)."""
    return _check("erfinv", input).erfinv()


def logit(input: Tensor, eps: float | None = None) -> Tensor:  # noqa: A002
    """log(p / (1 - p)), p = input clamped to [eps, 1 - eps] when ``eps`` is given (LogitBackward0)."""
    return _check("logit", input).logit(eps)


def xlogy(input: Any, other: Any) -> Tensor:  # noqa: A002
    """input * log(other), 0 where input == 0 (XlogyBackward0; either may be a number)."""
    return tensor_ops.xlogy(input, other)


def sinc(input: Tensor) -> Tensor:  # noqa: A002
    """sin(pi x) / (pi x), 1 at 0 (SincBackward0)."""
    return _check("sinc", input).sinc()


def bucketize(input: Any, boundaries: Tensor, *, out_int32: bool = False, right: bool = False) -> Tensor:  # noqa: A002
    """The bucket index of each value in sorted 1-D ``boundaries`` (``right``: which side a tie goes)."""
    return tensor_ops.bucketize(input, boundaries, out_int32, right)


def isin(elements: Any, test_elements: Any, *, assume_unique: bool = False, invert: bool = False) -> Tensor:
    """Whether each entry of ``elements`` occurs in ``test_elements``."""
    return tensor_ops.isin(elements, test_elements, assume_unique=assume_unique, invert=invert)


def cov(input: Tensor, *, correction: int = 1, fweights: Tensor | None = None,  # noqa: A002
        aweights: Tensor | None = None) -> Tensor:
    """Covariance of the rows (variables) over the columns (observations), composed as torch composes it.

    With weights w = fweights * aweights: avg = sum(x w) / sum(w), cov = (x - avg) (w (x - avg))^T / norm with
    norm = sum(w) - correction (minus ``correction * sum(w * aweights) / sum(w)`` when aweights are given).
    """
    x = _check("cov", input)
    if x.dim() > 2:
        raise RuntimeError(f"cov(): expected input to have two or fewer dimensions but got an input with {x.dim()} "
                           "dimensions")
    if not x.is_floating_point():
        x = x.to(get_default_dtype())
    if x.dim() < 2:
        x = x.reshape(1, -1)
    w = fweights
    if aweights is not None:
        w = aweights if w is None else w * aweights
    if w is None:
        w_sum: Any = x.shape[1]
        avg = x.mean(1)
    else:
        w_sum = w.sum()
        avg = (x * w).sum(1) / w_sum
    if w is not None and aweights is not None and correction != 0:
        norm = w_sum - correction * (w * aweights).sum() / w_sum
    else:
        norm = w_sum - correction
    if float(norm) <= 0:
        warnings.warn("cov(): degrees of freedom is <= 0. Correction should be strictly less than the number of "
                      "observations.", UserWarning, stacklevel=2)
        norm = norm.clamp(min=0) if isinstance(norm, Tensor) else 0
    centred = x - avg.unsqueeze(1)
    c = centred.mm((centred if w is None else centred * w).t())
    return (c / norm).squeeze()


def corrcoef(input: Tensor) -> Tensor:  # noqa: A002
    """Pearson correlation of the rows: cov / (std_i std_j), clipped to [-1, 1] (ClampBackward1)."""
    c = cov(_check("corrcoef", input))
    if c.dim() == 0:
        return c / c
    stddev = c.diagonal().sqrt()
    c = c / stddev[:, None]
    c = c / stddev[None, :]
    return c.clip(-1, 1)


__all__ += ["bucketize", "corrcoef", "cov", "erfc", "erfinv", "isin", "logit", "sinc", "xlogy"]

numpy_keywords.install(globals())  # axis= / keepdims= on every dim-taking function, as torch's parser
