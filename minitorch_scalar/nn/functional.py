"""``nn.functional``: activations, ``linear``, ``dropout``, the losses and ``one_hot``, as torch computes them.

Activations that are registry ops (``tanh``, ``relu``, ``sigmoid``) call the Tensor engine, so their math
is the registry's. The rest build their own graph node with torch's grad_fn name through
:func:`minitorch_scalar.autograd.record`; each node's backward is written against the backend ``m``,
so it also runs on Tensors when ``create_graph=True``. Reductions: ``'mean'`` divides the sum by the
element count (by the summed class weights for ``nll_loss``), ``'sum'`` sums, ``'none'`` keeps one loss
per element.

Numerically stable forms, as torch's:

* ``log_softmax(x) = (x - max) - log(sum(exp(x - max)))`` (log-sum-exp), used by ``cross_entropy``.
* ``binary_cross_entropy_with_logits(x, t) = (1 - t) * x - log_sigmoid(x)`` with
  ``log_sigmoid(x) = min(x, 0) - log1p(exp(-|x|))``: no ``exp`` of a large positive number.
* ``binary_cross_entropy`` clamps each log at -100, so ``p = 0`` or ``1`` gives a finite loss.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

import minitorch_scalar.random as _random
from minitorch_scalar import tensor_ops
from minitorch_scalar.autograd import is_grad_enabled, no_grad, record
from minitorch_scalar.dtypes import int64, uint8
from minitorch_scalar.nn import _convolution as _conv
from minitorch_scalar.nn._sdpa import scaled_dot_product_attention
from minitorch_scalar.nn.fold import fold, unfold
from minitorch_scalar.tensor import Tensor, from_array

_REDUCTIONS = ("none", "mean", "sum")
_SIZE_WARNING = (
    "Using a target size ({}) that is different to the input size ({}). This will likely lead to incorrect "
    "results due to broadcasting. Please ensure they have the same size."
)
_SQRT1_2 = 1.0 / math.sqrt(2.0)
_TANH_GELU_K = math.sqrt(2.0 / math.pi)
_TANH_GELU_C = 0.044715


# ---------------------------------------------------------------------------------------------- helpers
def _check_reduction(reduction: str) -> None:
    """Raise torch's ValueError for an unknown ``reduction``."""
    if reduction not in _REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")


def _legacy_reduction(size_average: bool | None, reduce: bool | None, reduction: str) -> str:
    """``reduction`` from the deprecated ``size_average``/``reduce`` flags (each defaults to True), with
    torch's deprecation warning, when either is given; otherwise ``reduction`` unchanged."""
    if size_average is None and reduce is None:
        return reduction
    average = True if size_average is None else size_average
    reducing = True if reduce is None else reduce
    legacy = "mean" if average and reducing else ("sum" if reducing else "none")
    warnings.warn(
        f"size_average and reduce args will be deprecated, please use reduction='{legacy}' instead.",
        UserWarning,
        stacklevel=3,
    )
    return legacy


def _reduce(loss: np.ndarray, reduction: str) -> np.ndarray:
    """Apply a reduction to per-element losses (the mean is the float sum over the count)."""
    if reduction == "none":
        return loss
    total = np.add.reduce(loss, axis=None, dtype=loss.dtype)  # np.sum's own reduction, without its wrapper
    if reduction == "sum":
        return np.asarray(total)
    return np.asarray(total / loss.dtype.type(loss.size))


def _norm(reduction: str, count: int) -> float:
    """The factor a reduction puts on each element's gradient: 1/count for the mean, else 1."""
    return 1.0 / count if reduction == "mean" else 1.0


def _warn_size(input: Tensor, target: Tensor) -> None:  # noqa: A002 - torch's argument name
    """torch's broadcasting warning when target and input shapes differ."""
    if tuple(target.shape) != tuple(input.shape):
        warnings.warn(_SIZE_WARNING.format(target.shape, input.shape), UserWarning, stacklevel=3)


def _float_arrays(input: Tensor, target: Tensor) -> tuple[np.ndarray, np.ndarray]:  # noqa: A002
    """The two operands' arrays in their promoted dtype, broadcast to a common shape."""
    dt = tensor_ops.result_dtype((input, target)).np
    a, b = input._data.astype(dt, copy=False), target._data.astype(dt, copy=False)
    if a.shape == b.shape:
        return a, b
    try:
        a, b = np.broadcast_arrays(a, b)
    except ValueError:
        tensor_ops._broadcast_error([input._data.shape, target._data.shape])
    return a, b


def _grads_to_inputs(
    m: Any, grad: Any, inputs: tuple[tuple[tuple[int, ...], Any], ...], needs: tuple[bool, ...]
) -> tuple[Any, ...]:
    """``grad`` for the first input and ``-grad`` for the second, each summed to its input's shape."""
    (shape_a, dt_a), (shape_b, dt_b) = inputs
    first = m.sum_to(grad, shape_a, dt_a) if needs[0] else None
    second = m.sum_to(-grad, shape_b, dt_b) if needs[1] else None
    return first, second


def _meta(t: Tensor) -> tuple[tuple[int, ...], Any]:
    """What a backward needs to shape a gradient for ``t``: its shape and numpy dtype."""
    return t._data.shape, t._data.dtype


# ------------------------------------------------------------------------------------------- activations
def relu(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    """``max(x, 0)`` (registry op ``relu``; ReluBackward0)."""
    tensor_ops.check_operand("relu", input)
    return input.relu()


def tanh(input: Tensor) -> Tensor:  # noqa: A002
    """``tanh(x)`` (registry op ``tanh``; TanhBackward0)."""
    tensor_ops.check_operand("tanh", input)
    return input.tanh()


def sigmoid(input: Tensor) -> Tensor:  # noqa: A002
    """``1 / (1 + exp(-x))`` (registry op ``sigmoid``; SigmoidBackward0)."""
    tensor_ops.check_operand("sigmoid", input)
    return input.sigmoid()


def _softmax_dim(name: str, ndim: int, stacklevel: int) -> int:
    """torch's implicit dim (0 for 0-, 1- and 3-D inputs, else 1), with its deprecation warning."""
    warnings.warn(
        f"Implicit dimension choice for {name} has been deprecated. Change the call to include dim=X as an argument.",
        UserWarning,
        stacklevel=stacklevel,
    )
    return 0 if ndim in (0, 1, 3) else 1


def softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: Any = None) -> Tensor:  # noqa: A002
    """``exp(x_i - max) / sum_j exp(x_j - max)`` along ``dim`` (SoftmaxBackward0)."""
    tensor_ops.check_operand("softmax", input)
    if dim is None:
        dim = _softmax_dim("softmax", input.dim(), _stacklevel)
    if dtype is not None:
        input = input.to(dtype)
    return tensor_ops.softmax(input, dim)


def log_softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: Any = None) -> Tensor:  # noqa: A002
    """``(x_i - max) - log(sum_j exp(x_j - max))`` along ``dim`` (LogSoftmaxBackward0)."""
    tensor_ops.check_operand("log_softmax", input)
    if dim is None:
        dim = _softmax_dim("log_softmax", input.dim(), _stacklevel)
    if dtype is not None:
        input = input.to(dtype)
    return tensor_ops.softmax(input, dim, log=True)


def _leaky_relu_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d leaky_relu / dx = 1 where x > 0, else negative_slope."""
    x, slope = saved
    return (g * m.where(x > 0, 1.0, slope),)


def leaky_relu(input: Tensor, negative_slope: float = 0.01, inplace: bool = False) -> Tensor:  # noqa: A002
    """``x`` where ``x > 0``, else ``negative_slope * x`` (LeakyReluBackward0; slope at 0 is ``negative_slope``)."""
    tensor_ops.check_operand("leaky_relu", input)
    x = input._data
    out = np.where(x > 0, x, x * x.dtype.type(negative_slope)).astype(x.dtype, copy=False)
    return record("LeakyReluBackward0", out, (input,), (input, negative_slope), _leaky_relu_backward)


def _erf_array(x: np.ndarray) -> np.ndarray:
    """Vectorised ``erf`` in float64 (numpy has none).

    For ``|x| < 3``: ``erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n (2x^2)^n x / (1*3*...*(2n+1))``, a series
    of positive terms (no cancellation). For ``|x| >= 3``: ``1 - erfc(|x|)`` with erfc's continued fraction
    ``exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))`` evaluated bottom-up.
    """
    x = np.asarray(x, dtype=np.float64)
    ax = np.abs(x)
    small = np.minimum(ax, 3.0)
    term = small.copy()
    total = small.copy()
    two_x2 = 2.0 * small * small
    for n in range(1, 80):
        term = term * two_x2 / (2 * n + 1)
        total = total + term
    series = 2.0 / math.sqrt(math.pi) * np.exp(-small * small) * total
    big = np.maximum(ax, 3.0)
    frac = big.copy()
    for k in range(60, 0, -1):
        frac = big + (k / 2.0) / frac
    with np.errstate(over="ignore", under="ignore"):
        tail = 1.0 - np.exp(-big * big) / math.sqrt(math.pi) / frac
    result = np.where(ax < 3.0, series, tail)
    result = np.where(np.isnan(x), np.nan, result)
    return np.copysign(result, x)


def _erf_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d erf / dx = 2/sqrt(pi) * exp(-x^2)."""
    (x,) = saved
    return (g * (2.0 / math.sqrt(math.pi)) * m.exp(-(x * x)),)


def _erf(x: Any) -> Any:
    """``erf`` of an array, or of a Tensor as a recorded op (ErfBackward0) so higher-order grads work."""
    if isinstance(x, Tensor):
        out = _erf_array(x._data).astype(x._data.dtype)
        return record("ErfBackward0", out, (x,), (x,), _erf_backward)
    return _erf_array(x).astype(np.asarray(x).dtype)


def _gelu_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d gelu / dx: ``Phi(x) + x * phi(x)`` (exact) or the derivative of the tanh form."""
    x, approximate = saved
    if approximate == "tanh":
        inner = _TANH_GELU_K * (x + _TANH_GELU_C * x * x * x)
        th = m.tanh(inner)
        local = 0.5 * (1.0 + th) + 0.5 * x * (1.0 - th * th) * (_TANH_GELU_K * (1.0 + 3.0 * _TANH_GELU_C * x * x))
    else:
        cdf = 0.5 * (1.0 + _erf(x * _SQRT1_2))
        pdf = m.exp(-0.5 * x * x) * (1.0 / math.sqrt(2.0 * math.pi))
        local = cdf + x * pdf
    return (g * local,)


def gelu(input: Tensor, approximate: str = "none") -> Tensor:  # noqa: A002
    """``x * Phi(x) = x/2 * (1 + erf(x/sqrt(2)))``, or with ``approximate='tanh'``
    ``x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))`` (GeluBackward0).

    Computed in float64 and rounded to the input's dtype.

    Raises:
        RuntimeError: for any other ``approximate`` (torch's message).
    """
    tensor_ops.check_operand("gelu", input)
    if approximate not in ("none", "tanh"):
        raise RuntimeError("approximate argument must be either none or tanh.")
    x = input._data.astype(np.float64)
    if approximate == "tanh":
        out = 0.5 * x * (1.0 + np.tanh(_TANH_GELU_K * (x + _TANH_GELU_C * x * x * x)))
    else:
        out = 0.5 * x * (1.0 + _erf_array(x * _SQRT1_2))
    return record("GeluBackward0", out.astype(input._data.dtype), (input,), (input, approximate), _gelu_backward)


# ------------------------------------------------------------------------------------ more activations
_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946
_ONE_SIXTH_F32 = float(np.float32(1.0 / 6.0))  # torch's hardsigmoid backward uses 1/6 rounded to float32


def _pointwise(op: str, name: str, input: Tensor, forward: Any, chain: Any) -> Tensor:  # noqa: A002
    """The elementwise function ``op`` as one node ``name``: ``forward(x)`` on a float64 copy of the input
    (rounded once to its dtype); ``chain(m, x, g)`` is the backward, ``g`` times the derivative at ``x``
    (written as a selection of ``g`` where the derivative is piecewise constant, so flat pieces give +0)."""
    tensor_ops.check_operand(op, input)
    dt = input._data.dtype
    out = np.asarray(forward(input._data.astype(np.float64))).astype(dt)

    def backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
        return (m.cast(chain(m, saved[0], g), dt),)

    return record(name, out, (input,), (input,), backward)


def elu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:  # noqa: A002
    """``x`` for x > 0, else ``alpha * (exp(x) - 1)`` (EluBackward0); d/dx = 1 or ``alpha * exp(x)`` (x <= 0)."""
    return _pointwise(
        "elu",
        "EluBackward0",
        input,
        lambda x: np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0))),
        lambda m, x, g: m.where(x > 0, g, g * (alpha * m.exp(m.where(x > 0, 0.0, x)))),
    )


def selu(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    """``scale * elu(x, alpha)`` with torch's constants ``alpha = 1.6733``, ``scale = 1.0507`` (EluBackward0)."""
    return _pointwise(
        "selu",
        "EluBackward0",
        input,
        lambda x: _SELU_SCALE * np.where(x > 0, x, _SELU_ALPHA * np.expm1(np.minimum(x, 0.0))),
        lambda m, x, g: g * m.where(x > 0, _SELU_SCALE, (_SELU_SCALE * _SELU_ALPHA) * m.exp(m.where(x > 0, 0.0, x))),
    )


def softplus(input: Tensor, beta: float = 1.0, threshold: float = 20.0) -> Tensor:  # noqa: A002
    """``log(1 + exp(beta x)) / beta``, or ``x`` where ``beta x > threshold`` (SoftplusBackward0);
    d/dx = ``sigmoid(beta x)`` (1 above the threshold)."""
    return _pointwise(
        "softplus",
        "SoftplusBackward0",
        input,
        lambda x: np.where(x * beta > threshold, x, np.logaddexp(0.0, x * beta) / beta),
        lambda m, x, g: m.where(x * beta > threshold, g, g * m.sigmoid(x * beta)),
    )


def silu(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    """``x * sigmoid(x)`` (SiluBackward0); d/dx = ``s (1 + x (1 - s))`` with ``s = sigmoid(x)``."""

    def chain(m: Any, x: Any, g: Any) -> Any:
        s = m.sigmoid(x)
        return g * (s * (1.0 + x * (1.0 - s)))

    return _pointwise("silu", "SiluBackward0", input, lambda x: x / (1.0 + np.exp(-x)), chain)


def mish(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    """``x * tanh(softplus(x))`` (MishBackward0); d/dx = ``t + x sigmoid(x) (1 - t^2)``, ``t = tanh(softplus(x))``."""

    def chain(m: Any, x: Any, g: Any) -> Any:
        t = m.tanh(m.where(x > 20.0, x, m.log(1.0 + m.exp(m.where(x > 20.0, 0.0, x)))))
        return g * (t + x * m.sigmoid(x) * (1.0 - t * t))

    return _pointwise("mish", "MishBackward0", input, lambda x: x * np.tanh(np.logaddexp(0.0, x)), chain)


def hardtanh(input: Tensor, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False) -> Tensor:  # noqa: A002
    """``x`` clipped to ``[min_val, max_val]`` (HardtanhBackward0); d/dx = 1 strictly inside, else 0."""
    return _pointwise(
        "hardtanh",
        "HardtanhBackward0",
        input,
        lambda x: np.clip(x, min_val, max_val),
        lambda m, x, g: m.where(m.logical_and(x > min_val, x < max_val), g, 0.0),
    )


def relu6(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    """``min(max(x, 0), 6)`` = ``hardtanh(x, 0, 6)`` (HardtanhBackward0)."""
    return hardtanh(input, 0.0, 6.0)


def softsign(input: Tensor) -> Tensor:  # noqa: A002
    """``x / (1 + |x|)``, built from ops as torch builds it (DivBackward0)."""
    tensor_ops.check_operand("softsign", input)
    return input / (input.abs() + 1)


def logsigmoid(input: Tensor) -> Tensor:  # noqa: A002
    """``log(sigmoid(x)) = min(x, 0) - log1p(exp(-|x|))`` (LogSigmoidBackward0); d/dx = ``sigmoid(-x)``."""
    return _pointwise("logsigmoid", "LogSigmoidBackward0", input, _log_sigmoid, lambda m, x, g: g * m.sigmoid(-x))


def hardsigmoid(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    """``relu6(x + 3) / 6`` (HardsigmoidBackward0); d/dx = 1/6 (as float32, like torch) strictly inside
    (-3, 3), else 0."""
    return _pointwise(
        "hardsigmoid",
        "HardsigmoidBackward0",
        input,
        lambda x: np.clip(x + 3.0, 0.0, 6.0) / 6.0,
        lambda m, x, g: m.where(m.logical_and(x > -3.0, x < 3.0), g * _ONE_SIXTH_F32, 0.0),
    )


def hardswish(input: Tensor, inplace: bool = False) -> Tensor:  # noqa: A002
    """``x * relu6(x + 3) / 6`` (HardswishBackward0); d/dx = 0 for x <= -3, ``x/3 + 1/2`` below 3, else 1."""
    return _pointwise(
        "hardswish",
        "HardswishBackward0",
        input,
        lambda x: x * np.clip(x + 3.0, 0.0, 6.0) / 6.0,
        lambda m, x, g: m.where(x <= -3.0, 0.0, m.where(x < 3.0, g * (x / 3.0 + 0.5), g)),
    )


def threshold(input: Tensor, threshold: float, value: float, inplace: bool = False) -> Tensor:  # noqa: A002
    """``x`` where ``x > threshold``, else ``value`` (ThresholdBackward0); d/dx = 1 where ``x > threshold``."""
    return _pointwise(
        "threshold",
        "ThresholdBackward0",
        input,
        lambda x: np.where(x > threshold, x, value),
        lambda m, x, g: m.where(x > threshold, g, 0.0),
    )


def softmin(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: Any = None) -> Tensor:  # noqa: A002
    """``softmax(-x)`` along ``dim`` (SoftmaxBackward0)."""
    tensor_ops.check_operand("softmin", input)
    if dim is None:
        dim = _softmax_dim("softmin", input.dim(), _stacklevel)
    if dtype is not None:
        input = input.to(dtype)
    return tensor_ops.softmax(-input, dim)


def _prelu_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d/dx = 1 for x > 0 else ``w``; d/dw = ``x`` where x <= 0, summed over everything but the channel."""
    x, w, view, w_meta = saved
    wv = m.reshape(w, view)
    gx = g * m.where(x > 0, 1.0, wv) if needs[0] else None
    gw = None
    if needs[1]:
        gw = m.reshape(m.sum_to(g * m.where(x > 0, 0.0, x), view, w_meta[1]), w_meta[0])
    return gx, gw


def prelu(input: Tensor, weight: Tensor) -> Tensor:  # noqa: A002
    """``x`` for x > 0, else ``w * x`` with a learned slope ``w`` per channel (dimension 1), or one
    shared slope (PreluKernelBackward0).

    Raises:
        RuntimeError: when the number of slopes is neither 1 nor the channel count (torch's message).
    """
    tensor_ops.check_operand("prelu", input)
    n = weight.numel()
    channels = input.shape[1] if input.dim() >= 2 else 1
    if n != 1 and n != channels:
        raise RuntimeError(
            "Mismatch of parameter numbers and input channel size. "
            f"Found parameter numbers = {n} and channel size = {channels}."
        )
    view = (1, n) + (1,) * (input.dim() - 2) if n > 1 else (1,) * input.dim()
    x = input._data
    w = weight._data.reshape(view).astype(x.dtype)
    out = np.where(x > 0, x, w * x).astype(x.dtype)
    saved = (input, weight, view, _meta(weight))
    return record("PreluKernelBackward0", out, (input, weight), saved, _prelu_backward)


# ------------------------------------------------------------------------------------ linear & dropout
def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:  # noqa: A002
    """``y = x @ W.T + b`` over the last dimension of ``x`` (torch's ``F.linear``).

    A 2-D input with a bias is one ``addmm`` node (AddmmBackward0, weight through TBackward0); other
    ranks are flattened to 2-D and viewed back (ViewBackward0), as torch does.
    """
    tensor_ops.check_operand("linear", input)
    tensor_ops.check_operand("linear", weight, 2, "weight")
    if input._data.ndim == 0 or weight._data.ndim == 0:
        raise RuntimeError(
            f"both arguments to linear need to be at least 1D, but they are {input.dim()}D and {weight.dim()}D"
        )
    tensor_ops._same_dtype_mat(input, weight)
    wt = weight.t()
    if bias is None:
        return input @ wt
    if input._data.ndim == 2:
        return tensor_ops.addmm(bias, input, wt)
    lead = tuple(input.shape[:-1])
    out = tensor_ops.addmm(bias, input.reshape(-1, input.shape[-1]), wt)
    return out.view(*lead, weight.shape[0])


def dropout(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:  # noqa: A002
    """Zero each element with probability ``p`` and scale survivors by ``1/(1-p)`` (MulBackward0).

    The mask is torch's ``bernoulli_(1 - p)`` drawn from the shared generator, so after ``manual_seed`` the
    zeros fall where torch's do. Outside training, or with ``p = 0``, the input itself is returned.
    ``inplace=True`` is accepted but, unlike torch, returns a new tensor.

    Raises:
        ValueError: for ``p`` outside [0, 1].
    """
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    tensor_ops.check_operand("dropout", input)
    if not training or p == 0 or input.numel() == 0:
        return input
    if p == 1:
        return input * 0.0
    dt = input._data.dtype
    mask = bernoulli_like(input._data, 1.0 - p) / dt.type(1.0 - p)
    return input * from_array(mask.astype(dt, copy=False))


def bernoulli_like(arr: np.ndarray, p: float) -> np.ndarray:
    """What ``torch.empty_like(x).bernoulli_(p)`` holds: the draws fill ``x``'s memory order (empty_like keeps
    its strides), so a transposed view gets torch's mask, not the mask of its contiguous copy."""
    order = sorted(range(arr.ndim), key=lambda d: -abs(arr.strides[d]))
    draws = _random.bernoulli_array(tuple(arr.shape[d] for d in order), p, arr.dtype)
    return draws.transpose(np.argsort(order))


# ------------------------------------------------------------------------------------ regression losses
def _pairwise_loss(
    name: str,
    input: Tensor,  # noqa: A002
    target: Tensor,
    reduction: str,
    forward: Any,
    local: Any,
) -> Tensor:
    """A loss ``reduce(f(x - t))`` as one node ``name``: ``forward(diff)`` gives per-element losses,
    ``local(m, diff)`` the derivative with respect to ``x`` (and minus it for ``t``)."""
    _check_reduction(reduction)
    a, b = _float_arrays(input, target)
    diff = a - b
    out = _reduce(forward(diff).astype(a.dtype, copy=False), reduction)
    norm = _norm(reduction, diff.size)

    def backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
        x, t, meta = saved
        return _grads_to_inputs(m, local(m, x - t, norm) * g, meta, needs)

    return record(name, out, (input, target), (input, target, (_meta(input), _meta(target))), backward)


def mse_loss(
    input: Tensor,  # noqa: A002
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    weight: Tensor | None = None,
) -> Tensor:
    """``reduce((x - t)^2)`` (MseLossBackward0); d/dx = ``2 (x - t)`` times the reduction's ``1/n``.

    With ``weight`` (same shape as input): ``sum(w (x - t)^2) / sum(w)`` for the mean, built from ops.
    Warns (UserWarning) when target and input shapes differ, then broadcasts, as torch does.
    """
    _warn_size(input, target)
    reduction = _legacy_reduction(size_average, reduce, reduction)
    if weight is not None:
        return _weighted((input - target) ** 2, input, weight, reduction)
    return _pairwise_loss(
        "MseLossBackward0", input, target, reduction, lambda d: d * d, lambda m, d, norm: (2.0 * norm) * d
    )


def l1_loss(
    input: Tensor,  # noqa: A002
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    weight: Tensor | None = None,
) -> Tensor:
    """``reduce(|x - t|)``, built from ops as torch builds it (MeanBackward0 <- AbsBackward0 <- SubBackward0)."""
    _warn_size(input, target)
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    errors = (input - target).abs()
    if weight is not None:
        return _weighted(errors, input, weight, reduction)
    if reduction == "none":
        return errors
    return errors.sum() if reduction == "sum" else errors.mean()


def _weighted(errors: Tensor, input: Tensor, weight: Tensor, reduction: str) -> Tensor:  # noqa: A002
    """``errors * weight`` reduced; the mean divides by ``sum(weight)`` (torch's weighted mse/l1)."""
    if tuple(weight.shape) != tuple(input.shape):
        raise ValueError("Weights and input must have the same size.")
    weighted = errors * weight
    if reduction == "none":
        return weighted
    if reduction == "sum":
        return weighted.sum()
    if reduction == "mean":
        return weighted.sum() / weight.sum()
    raise ValueError(f"Invalid reduction mode: {reduction}. Expected one of 'none', 'mean', 'sum'.")


def huber_loss(
    input: Tensor,  # noqa: A002
    target: Tensor,
    reduction: str = "mean",
    delta: float = 1.0,
    weight: Tensor | None = None,
) -> Tensor:
    """``0.5 d^2`` where ``|d| < delta``, else ``delta (|d| - delta/2)``, with ``d = x - t`` (HuberLossBackward0).

    d/dx = ``d`` inside the band, ``delta * sign(d)`` outside.
    """
    _warn_size(input, target)
    if weight is not None:
        return _weighted(huber_loss(input, target, "none", delta), input, weight, reduction)

    def forward(d: np.ndarray) -> np.ndarray:
        z = np.abs(d)
        c = d.dtype.type(delta)
        return np.where(z < c, d.dtype.type(0.5) * z * z, c * (z - d.dtype.type(0.5) * c))

    def local(m: Any, d: Any, norm: float) -> Any:
        inside = m.where(d <= -delta, -delta, m.where(d >= delta, delta, 0.0))
        return norm * m.where(m.abs(d) < delta, d, inside)

    return _pairwise_loss("HuberLossBackward0", input, target, reduction, forward, local)


def smooth_l1_loss(
    input: Tensor,  # noqa: A002
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    beta: float = 1.0,
) -> Tensor:
    """``0.5 d^2 / beta`` where ``|d| < beta``, else ``|d| - beta/2`` (SmoothL1LossBackward0); beta 0 is L1."""
    _warn_size(input, target)
    reduction = _legacy_reduction(size_average, reduce, reduction)
    if beta == 0.0:
        return l1_loss(input, target, reduction=reduction)
    if beta < 0:
        raise RuntimeError("smooth_l1_loss does not support negative values for beta.")

    def forward(d: np.ndarray) -> np.ndarray:
        z = np.abs(d)
        b = d.dtype.type(beta)
        half = d.dtype.type(0.5)
        return np.where(z < b, half * z * z / b, z - half * b)

    def local(m: Any, d: Any, norm: float) -> Any:
        outside = m.where(d <= -beta, -1.0, m.where(d >= beta, 1.0, 0.0))
        return norm * m.where(m.abs(d) < beta, d / beta, outside)

    return _pairwise_loss("SmoothL1LossBackward0", input, target, reduction, forward, local)


# ---------------------------------------------------------------------------- binary classification losses
def _bce_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """dBCE/dp = ``w (p - t) / max(p (1 - p), 1e-12)``; dBCE/dt = ``w (log(1 - p) - log(p))``."""
    p, t, w, norm = saved
    scale = g * norm if w is None else g * norm * m.const(w)
    gp = scale * (p - t) / m.where((1.0 - p) * p > 1e-12, (1.0 - p) * p, 1e-12) if needs[0] else None
    gt = None
    if needs[1]:
        gt = scale * (m.where(1.0 - p > 0, m.log(1.0 - p), -100.0) - m.where(p > 0, m.log(p), -100.0))
    return gp, gt


def binary_cross_entropy(
    input: Tensor,  # noqa: A002
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """``-w (t log p + (1 - t) log(1 - p))`` with each log clamped at -100 (BinaryCrossEntropyBackward0).

    Raises:
        ValueError: when target and input shapes differ.
        RuntimeError: for a non-float target, or an input outside [0, 1].
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    if tuple(target.shape) != tuple(input.shape):
        raise ValueError(
            f"Using a target size ({target.shape}) that is different to the input size ({input.shape}) is deprecated. "
            "Please ensure they have the same size."
        )
    _check_reduction(reduction)
    if target.dtype is not input.dtype:
        raise RuntimeError(f"Found dtype {_cpp_type(target)} but expected {_cpp_type(input)}")
    p, t = input._data, target._data
    if np.any((p < 0) | (p > 1)):
        raise RuntimeError("all elements of input should be between 0 and 1")
    one = p.dtype.type(1.0)
    with np.errstate(divide="ignore"):
        log_p = np.maximum(np.log(p), p.dtype.type(-100))
        log_q = np.maximum(np.log1p(-p), p.dtype.type(-100))
    loss = (t - one) * log_q - t * log_p
    w = None
    if weight is not None:
        w = np.broadcast_to(weight._data.astype(p.dtype), p.shape)
        loss = loss * w
    out = _reduce(loss.astype(p.dtype, copy=False), reduction)
    saved = (input, target, None if w is None else np.array(w), _norm(reduction, p.size))
    return record("BinaryCrossEntropyBackward0", out, (input, target), saved, _bce_backward)


def _cpp_type(t: Tensor) -> str:
    """torch's C++ scalar-type name in dtype errors (``Float``, ``Long`` ...)."""
    return t.type().removeprefix("torch.").removesuffix("Tensor")


def _log_sigmoid(x: np.ndarray) -> np.ndarray:
    """``log(sigmoid(x)) = min(x, 0) - log1p(exp(-|x|))``, stable for any ``x``."""
    return np.minimum(x, x.dtype.type(0)) - np.log1p(np.exp(-np.abs(x)))


def _bce_logits_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d/dx = ``w ((pw t + 1 - t) sigmoid(x) - pw t)`` (``sigmoid(x) - t`` without pos_weight);
    d/dt = ``-w (x + (pw - 1) log_sigmoid(x))``."""
    x, t, w, pw, norm, meta = saved
    scale = g * norm if w is None else g * norm * m.const(w)
    gx = gt = None
    if needs[0]:
        sig = m.sigmoid(x)
        local = sig - t if pw is None else (m.const(pw) * t + 1.0 - t) * sig - m.const(pw) * t
        gx = m.sum_to(local * scale, meta[0][0], meta[0][1])
    if needs[1]:
        local_t = -x
        if pw is not None:
            log_sig = m.where(x < 0, x, 0.0) - m.log(1.0 + m.exp(-m.abs(x)))
            local_t = local_t - (m.const(pw) - 1.0) * log_sig
        gt = m.sum_to(local_t * scale, meta[1][0], meta[1][1])
    return gx, gt


def binary_cross_entropy_with_logits(
    input: Tensor,  # noqa: A002
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    pos_weight: Tensor | None = None,
) -> Tensor:
    """BCE on logits ``x``: ``w ((1 - t) x - (1 + (pw - 1) t) log_sigmoid(x))``
    (BinaryCrossEntropyWithLogitsBackward0). ``pos_weight`` (per class) scales the positive term.

    Raises:
        ValueError: when target and input shapes differ.
        RuntimeError: for an integer target (torch's cast message).
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    if tuple(target.shape) != tuple(input.shape):
        raise ValueError(f"Target size ({target.shape}) must be the same as input size ({input.shape})")
    _check_reduction(reduction)
    if not target.is_floating_point():
        raise RuntimeError(
            f"result type {_cpp_type(input)} can't be cast to the desired output type {_cpp_type(target)}"
        )
    x, t = input._data, target._data.astype(input._data.dtype, copy=False)
    one = x.dtype.type(1.0)
    log_sig = _log_sigmoid(x)
    pw = None
    if pos_weight is not None:
        pw = np.asarray(pos_weight._data, dtype=x.dtype)
        log_sig = log_sig * ((pw - one) * t + one)
    loss = (one - t) * x - log_sig
    w = None
    if weight is not None:
        w = np.asarray(weight._data, dtype=x.dtype)
        loss = loss * w
    out = _reduce(np.asarray(loss, dtype=x.dtype), reduction)
    meta = (_meta(input), _meta(target))
    saved = (input, target, w, pw, _norm(reduction, x.size), meta)
    return record("BinaryCrossEntropyWithLogitsBackward0", out, (input, target), saved, _bce_logits_backward)


# ----------------------------------------------------------------------------------- multi-class losses
def _nll_index(input_shape: tuple[int, ...], classes: np.ndarray) -> tuple[np.ndarray, ...]:
    """The advanced index picking ``input[n, classes[n, ...], ...]`` (class dim 1, or 0 for 1-D input)."""
    if len(input_shape) == 1:
        return (classes,)
    grids: tuple[np.ndarray, ...] = tuple(np.indices(classes.shape, sparse=True))
    return (grids[0], classes, *grids[1:])


def _check_nll_target(input: Tensor, target: Tensor) -> None:  # noqa: A002
    """torch's dtype and batch-size checks for class-index targets."""
    if target.dtype not in (int64, uint8):
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got {_cpp_type(target)}")
    if input.dim() >= 2 and (target.dim() == 0 or target.shape[0] != input.shape[0]):
        got = target.shape[0] if target.dim() else 1
        raise ValueError(f"Expected input batch_size ({input.shape[0]}) to match target batch_size ({got}).")
    if input.dim() <= 2 and target.dim() > 1:
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    if input.dim() >= 3:
        expected = [input.shape[0], *input.shape[2:]]
        if list(target.shape) != expected:
            raise RuntimeError(f"Expected target size {expected}, got {list(target.shape)}")


def nll_loss(
    input: Tensor,  # noqa: A002
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    ignore_index: int = -100,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Negative log likelihood of log-probabilities ``input`` (classes on dim 1) at class indices ``target``:
    ``-w[t] * input[n, t]``; the mean divides by the summed weights of non-ignored targets (NllLossBackward0;
    NllLoss2DBackward0 for inputs with spatial dimensions, viewed as 4-D as torch does).

    Raises:
        RuntimeError: for a target that is not int64/uint8.
        ValueError: when batch sizes differ.
        IndexError: ``Target k is out of bounds.``
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    _check_nll_target(input, target)
    if input.dim() >= 3 and input.dim() != 4:
        n, c = input.shape[0], input.shape[1]
        flat = nll_loss(input.view(n, c, 1, -1), target.view(n, 1, -1), weight, None, ignore_index, None, reduction)
        return flat.view(*target.shape) if reduction == "none" else flat
    x = input._data
    n_classes = x.shape[0] if x.ndim == 1 else x.shape[1]
    labels = target._data.astype(np.int64)
    keep = labels != ignore_index
    bad = keep & ((labels < 0) | (labels >= n_classes))
    if np.any(bad):
        raise IndexError(f"Target {int(labels[bad].flat[0])} is out of bounds.")
    classes = np.where(keep, labels, 0)
    weights = np.ones(n_classes, x.dtype) if weight is None else weight._data.astype(x.dtype)
    w = np.where(keep, weights[classes], x.dtype.type(0))
    index = _nll_index(x.shape, classes)
    losses = -x[index] * w
    if reduction == "none":
        out = losses.astype(x.dtype)
        coef = -w
    elif reduction == "sum":
        out = np.asarray(np.sum(losses, dtype=x.dtype))
        coef = -w
    else:
        total = np.sum(w, dtype=x.dtype)
        with np.errstate(invalid="ignore", divide="ignore"):
            out = np.asarray(np.sum(losses, dtype=x.dtype) / total)
            coef = -w / total

    def backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
        shape, dt, idx, c = saved
        return (m.index_grad(m.const(c) * g, shape, dt, idx, True),)

    name = "NllLoss2DBackward0" if x.ndim == 4 else "NllLossBackward0"
    return record(name, out, (input,), (x.shape, x.dtype, index, coef), backward, frees=True)


def _div_scalar(t: Tensor, divisor: float) -> Tensor:
    """``t / divisor`` as torch's C++ losses divide by a number (DivBackward1)."""

    def backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
        return (g / saved[0],)

    out = np.asarray(t._data / t._data.dtype.type(divisor))
    return record("DivBackward1", out, (t,), (divisor,), backward, frees=False)


def cross_entropy(
    input: Tensor,  # noqa: A002
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    ignore_index: int = -100,
    reduce: bool | None = None,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> Tensor:
    """Cross entropy of logits ``input`` (classes on dim 1): ``nll_loss(log_softmax(input, 1), target)``
    for class indices; ``-sum(target * log_softmax(input))`` per sample for class probabilities (a float
    target of the input's shape). ``label_smoothing`` mixes the target with the uniform distribution.
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    class_dim = 0 if input.dim() == 1 else 1
    logp = log_softmax(input, class_dim)
    n_classes = input.shape[class_dim]
    if tuple(target.shape) == tuple(input.shape) and input.dim() >= 2 and not target.is_floating_point():
        raise RuntimeError(
            f"Expected floating point type for target with class probabilities, got {_cpp_type(target)}"
        )
    if target.is_floating_point() and tuple(target.shape) == tuple(input.shape):
        return _soft_cross_entropy(logp, target, weight, reduction, label_smoothing, class_dim)
    nll = nll_loss(logp, target, weight, ignore_index=ignore_index, reduction=reduction)
    if label_smoothing <= 0.0:
        return nll
    keep = from_array((target._data != ignore_index).astype(logp._data.dtype))
    per_class = logp if weight is None else logp * _class_view(weight, input.dim(), class_dim)
    smooth = -per_class.sum(class_dim) * keep
    if reduction == "mean":
        if weight is None:
            denom = float(keep._data.sum())
        else:
            denom = float(np.sum(weight._data[target._data[target._data != ignore_index]], dtype=logp._data.dtype))
        smooth = smooth.sum() / denom
    elif reduction == "sum":
        smooth = smooth.sum()
    return nll * (1 - label_smoothing) + smooth * (label_smoothing / n_classes)


def _class_view(weight: Tensor, ndim: int, class_dim: int) -> Tensor:
    """The per-class weight shaped to broadcast along the class dimension."""
    shape = [1] * ndim
    shape[class_dim] = weight.shape[0]
    return weight.reshape(*shape)


def _soft_cross_entropy(
    logp: Tensor, target: Tensor, weight: Tensor | None, reduction: str, label_smoothing: float, class_dim: int
) -> Tensor:
    """Cross entropy against class probabilities (torch builds it from ops, as here)."""
    n_classes = logp.shape[class_dim]
    if label_smoothing > 0:
        target = target * (1 - label_smoothing) + label_smoothing / n_classes
    prod = logp * target
    if weight is not None:
        prod = prod * _class_view(weight, logp.dim(), class_dim)
    if reduction == "none":
        return -prod.sum(class_dim)
    if reduction == "sum":
        return -prod.sum()
    return _div_scalar(-prod.sum(), logp.numel() / n_classes)


def one_hot(tensor: Tensor, num_classes: int = -1) -> Tensor:
    """int64 one-hot encoding: a new last dimension of size ``num_classes`` (default ``max + 1``).

    Raises:
        RuntimeError: for a non-int64 tensor or class values out of range (torch's messages).
    """
    if tensor.dtype is not int64:
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    labels = tensor._data
    if labels.size and labels.min() < 0:
        raise RuntimeError("Class values must be non-negative.")
    if num_classes == -1:
        num_classes = int(labels.max()) + 1 if labels.size else 0
    elif labels.size and labels.max() >= num_classes:
        raise RuntimeError("Class values must be smaller than num_classes.")
    out = (labels[..., None] == np.arange(num_classes)).astype(np.int64)
    return from_array(out)


# ------------------------------------------------------------------------------ normalization & embedding
def _param_view(param: Tensor | None, view: tuple[int, ...]) -> np.ndarray | None:
    """A per-channel/per-feature parameter's array, shaped to broadcast against the input."""
    return None if param is None else param._data.reshape(view)


def _norm_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Backward of ``y = xhat * w + b`` with ``xhat = (x - mean) * invstd`` over ``axes`` (count ``n``).

    With batch statistics (``fixed`` is None), mean and invstd depend on ``x``:
    ``dx = invstd / n * (n * dxhat - sum(dxhat) - xhat * sum(dxhat * xhat))`` with ``dxhat = g * w``.
    With fixed statistics (BatchNorm in eval mode), ``dx = g * w * invstd``.
    ``dw = sum(g * xhat)`` and ``db = sum(g)`` over every axis the parameter is broadcast along.
    """
    x, w, axes, view, eps, fixed, metas = saved
    if fixed is None:
        n = 1
        for axis in axes:
            n *= x.shape[axis]
        mean = m.sum(x, axes, True) / float(n)
        centered = x - mean
        invstd = 1.0 / m.sqrt(m.sum(centered * centered, axes, True) / float(n) + eps)
    else:
        centered = x - m.const(fixed[0])
        invstd = m.const(fixed[1])
    xhat = centered * invstd
    dxhat = g if w is None else g * m.reshape(w, view)
    gx = gw = gb = None
    if needs[0]:
        if fixed is None:
            total = m.sum(dxhat, axes, True)
            proj = m.sum(dxhat * xhat, axes, True)
            gx = (dxhat * float(n) - total - xhat * proj) * (invstd / float(n))
        else:
            gx = dxhat * invstd
        gx = m.cast(gx, metas[0][1])
    if needs[1]:
        gw = m.reshape(m.sum_to(g * xhat, view, metas[1][1]), metas[1][0])
    if needs[2]:
        gb = m.reshape(m.sum_to(g, view, metas[2][1]), metas[2][0])
    return gx, gw, gb


def _normalize(
    name: str,
    input: Tensor,  # noqa: A002
    weight: Tensor | None,
    bias: Tensor | None,
    axes: tuple[int, ...],
    view: tuple[int, ...],
    eps: float,
    fixed: tuple[np.ndarray, np.ndarray] | None,
) -> tuple[Tensor, np.ndarray, np.ndarray]:
    """``(x - mean) / sqrt(var + eps) * w + b`` as one node ``name``; also returns the batch mean and
    biased variance (float64, shaped like ``view``'s broadcast).

    Statistics are over ``axes`` (biased variance), or the given ``fixed = (mean, invstd)``. Computed in
    float64 and rounded once to the input's dtype.
    """
    x = input._data.astype(np.float64)
    mean = np.mean(x, axis=axes, keepdims=True)
    var = np.mean((x - mean) ** 2, axis=axes, keepdims=True)
    if fixed is None:
        out = (x - mean) / np.sqrt(var + eps)
    else:
        out = (x - fixed[0]) * fixed[1]
    w, b = _param_view(weight, view), _param_view(bias, view)
    if w is not None:
        out = out * w
    if b is not None:
        out = out + b
    dt = input._data.dtype
    if fixed is not None:
        fixed = (fixed[0].astype(dt), fixed[1].astype(dt))
    metas = tuple(None if t is None else _meta(t) for t in (input, weight, bias))
    saved = (input, weight, axes, view, eps, fixed, metas)
    result = record(name, out.astype(dt), (input, weight, bias), saved, _norm_backward)
    return result, mean, var


def _check_channels(name: str, t: Tensor | None, channels: int) -> None:
    """torch's size check for running stats and affine parameters."""
    if t is not None and t.numel() != channels:
        raise RuntimeError(f"{name} should contain {channels} elements not {t.numel()}")


def batch_norm(
    input: Tensor,  # noqa: A002
    running_mean: Tensor | None,
    running_var: Tensor | None,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    training: bool = False,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> Tensor:
    """Batch normalisation over every dimension but the channel dimension 1 (NativeBatchNormBackward0):
    ``y = (x - mean) / sqrt(var + eps) * weight + bias``, per channel.

    Training: ``mean`` and the biased ``var`` are the batch's; the running stats (when given) are updated
    in place, ``running = (1 - momentum) * running + momentum * batch``, with the *unbiased* batch
    variance (``var * n / (n - 1)``). Evaluation: the running stats are used and left unchanged.

    Raises:
        RuntimeError: when not training and the running stats are missing, or on a channel-count mismatch.
        ValueError: when training on a single value per channel.
    """
    tensor_ops.check_operand("batch_norm", input)
    if input.dim() < 2:
        raise ValueError(f"Expected 2D or higher input (got {input.dim()}D input)")
    channels = input.shape[1]
    for label, t in (("running_mean", running_mean), ("running_var", running_var)):
        _check_channels(label, t, channels)
    for label, t in (("weight", weight), ("bias", bias)):
        _check_channels(label, t, channels)
    axes = (0, *range(2, input.dim()))
    view = (1, channels) + (1,) * (input.dim() - 2)
    count = input.numel() // channels if channels else 0
    if training and count == 1:
        raise ValueError(f"Expected more than 1 value per channel when training, got input size {input.shape}")
    if not training:
        if running_mean is None or running_var is None:
            raise RuntimeError("running_mean must be defined in evaluation mode")
        mean = running_mean._data.astype(np.float64).reshape(view)
        invstd = 1.0 / np.sqrt(running_var._data.astype(np.float64).reshape(view) + eps)
        out, _, _ = _normalize("NativeBatchNormBackward0", input, weight, bias, axes, view, eps, (mean, invstd))
        return out
    out, batch_mean, batch_var = _normalize("NativeBatchNormBackward0", input, weight, bias, axes, view, eps, None)
    if running_mean is not None:
        _blend_(running_mean, batch_mean, momentum)
    if running_var is not None:
        _blend_(running_var, batch_var * (count / max(count - 1, 1)), momentum)
    return out


def _blend_(running: Tensor, batch: np.ndarray, momentum: float) -> None:
    """``running = (1 - momentum) * running + momentum * batch``, in place, outside autograd."""
    old = running._data.astype(np.float64)
    new = (1.0 - momentum) * old + momentum * batch.reshape(old.shape)
    with no_grad():
        running.copy_(from_array(new.astype(running._data.dtype)))


def layer_norm(
    input: Tensor,  # noqa: A002
    normalized_shape: Sequence[int],
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    eps: float = 1e-5,
) -> Tensor:
    """Normalise over the last ``len(normalized_shape)`` dimensions (NativeLayerNormBackward0):
    ``y = (x - mean) / sqrt(var + eps) * weight + bias`` with each sample's mean and biased variance.

    Raises:
        RuntimeError: when the input's trailing dimensions are not ``normalized_shape`` (torch's message).
    """
    tensor_ops.check_operand("layer_norm", input)
    shape = tuple(int(s) for s in normalized_shape)
    k = len(shape)
    if k == 0 or tuple(input.shape[input.dim() - k :]) != shape or input.dim() < k:
        raise RuntimeError(
            f"Given normalized_shape={list(shape)}, expected input with shape [*, {', '.join(map(str, shape))}], "
            f"but got input of size{list(input.shape)}"
        )
    axes = tuple(range(input.dim() - k, input.dim()))
    out, _, _ = _normalize("NativeLayerNormBackward0", input, weight, bias, axes, shape, eps, None)
    return out


def _embedding_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Each looked-up row's gradient is added back to the row it came from (rows at ``padding_idx`` get
    none; with ``scale_grad_by_freq`` each is divided by how often its index occurs)."""
    idx, scale, shape, dt = saved
    if scale is not None:
        g = g * m.const(scale)
    return (m.index_grad(g, shape, dt, (idx,), False),)


def embedding(
    input: Tensor,  # noqa: A002
    weight: Tensor,
    padding_idx: int | None = None,
    max_norm: float | None = None,
    norm_type: float = 2.0,
    scale_grad_by_freq: bool = False,
    sparse: bool = False,
) -> Tensor:
    """Look up rows of ``weight`` at the integer indices ``input``: ``out[..., :] = weight[input[...], :]``
    (EmbeddingBackward0). The gradient of a row is the sum of the upstream gradients of every position
    that looked it up; ``padding_idx``'s row gets none. ``max_norm`` first rescales (in place) each
    looked-up row whose ``norm_type``-norm exceeds it to norm ``max_norm``.

    Raises:
        RuntimeError: for indices that are not int64/int32, or ``sparse=True`` (no sparse tensors here).
        IndexError: for an index outside ``[0, num_embeddings)``.
    """
    if input.dtype.np not in (np.int64, np.int32):
        raise RuntimeError(
            "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; "
            f"but got {input.type()} instead (while checking arguments for embedding)"
        )
    if sparse:
        raise RuntimeError("sparse gradients are not supported by minitorch_scalar (use sparse=False)")
    num = weight.shape[0]
    if padding_idx is not None and padding_idx < 0:
        padding_idx += num
    idx = input._data.astype(np.int64)
    if idx.size and (idx.min() < 0 or idx.max() >= num):
        raise IndexError("index out of range in self")
    if max_norm is not None:
        _embedding_renorm_(weight, idx, max_norm, norm_type)
    keep = np.ones(idx.shape + (1,), weight._data.dtype)
    if padding_idx is not None:
        keep[idx == padding_idx] = 0
    if scale_grad_by_freq:
        counts = np.bincount(idx.ravel(), minlength=num)
        keep = keep / counts[idx][..., None].astype(keep.dtype)
    scale = None if padding_idx is None and not scale_grad_by_freq else keep
    saved = (idx, scale, weight._data.shape, weight._data.dtype)
    return record("EmbeddingBackward0", weight._data[idx], (weight,), saved, _embedding_backward, frees=False)


def _embedding_renorm_(weight: Tensor, idx: np.ndarray, max_norm: float, norm_type: float) -> None:
    """Rows of ``weight`` used by ``idx`` whose norm exceeds ``max_norm`` scaled by
    ``max_norm / (norm + 1e-7)``, in place and outside autograd (torch's ``embedding_renorm_``)."""
    data = weight._data.copy()
    rows = np.unique(idx)
    norms = np.linalg.norm(data[rows].astype(np.float64), ord=norm_type, axis=1)
    big = norms > max_norm
    scale = max_norm / (norms[big] + 1e-7)
    data[rows[big]] = (data[rows[big]] * scale[:, None]).astype(data.dtype)
    with no_grad():
        weight.copy_(from_array(data))


# -------------------------------------------------------------------------- distances, padding, KL divergence
def _clamped_norm(x: Tensor, dim: int, eps: float) -> Tensor:
    """``max(||x||_2, eps)`` along ``dim`` (kept), as torch's cosine_similarity clamps its norms in place:
    the node is LinalgVectorNormBackward0 and its backward ``g * x / max(||x||, eps)`` uses the clamped value."""
    data = x._data
    norm = np.sqrt(np.sum(data.astype(np.float64) ** 2, axis=dim, keepdims=True))
    out = np.maximum(norm, eps).astype(data.dtype)

    def backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
        xs, clamped = saved
        return (g * xs / m.const(clamped),)

    return record("LinalgVectorNormBackward0", out, (x,), (x, out), backward)


def cosine_similarity(x1: Tensor, x2: Tensor, dim: int = 1, eps: float = 1e-8) -> Tensor:
    """``sum(x1 * x2) / (max(||x1||, eps) * max(||x2||, eps))`` along ``dim``, computed as torch does:
    ``((x1 / ||x1||) * (x2 / ||x2||)).sum(dim)`` after broadcasting the two (SumBackward1)."""
    tensor_ops.check_operand("cosine_similarity", x1)
    tensor_ops.check_operand("cosine_similarity", x2, 2, "x2")
    shape = tuple(np.broadcast_shapes(tuple(x1.shape), tuple(x2.shape)))
    a = x1 if tuple(x1.shape) == shape else x1.expand(*shape)
    b = x2 if tuple(x2.shape) == shape else x2.expand(*shape)
    return ((a / _clamped_norm(a, dim, eps)) * (b / _clamped_norm(b, dim, eps))).sum(dim)


def normalize(input: Tensor, p: float = 2.0, dim: int = 1, eps: float = 1e-12, out: Tensor | None = None) -> Tensor:  # noqa: A002
    """``x / max(||x||_p, eps)`` along ``dim`` (DivBackward0), built from ops as torch builds it.

    Raises:
        TypeError: when ``out`` is given (no out= arguments here).
    """
    if out is not None:
        raise TypeError("normalize() does not support out= in minitorch_scalar")
    denom = input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input)
    return input / denom


def _norm_backward_p(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d ||d||_p / d d = ``sign(d) |d|^(p-1) / ||d||^(p-1)`` (0 where the norm is 0); d = x1 - x2 + eps."""
    x1, x2, eps, p, keepdim, metas = saved
    d = x1 - x2 + eps
    # the norm is recomputed from d (not saved as a constant) so that create_graph differentiates it too
    n = m.sum(m.abs(d) ** p, (-1,), True) ** (1.0 / p)
    gk = g if keepdim else m.reshape(g, tuple(n.shape))
    safe = m.where(n > 0, n, 1.0)
    if p == 1.0:
        local = m.sign(d)
    elif p == 2.0:
        local = d / safe
    else:
        local = m.sign(d) * m.abs(d) ** (p - 1.0) / safe ** (p - 1.0)
    grad = m.where(n > 0, gk * local, 0.0)
    return tuple(
        m.sum_to(grad if i == 0 else -grad, meta[0], meta[1]) if needs[i] else None for i, meta in enumerate(metas)
    )


def pairwise_distance(x1: Tensor, x2: Tensor, p: float = 2.0, eps: float = 1e-6, keepdim: bool = False) -> Tensor:
    """``||x1 - x2 + eps||_p`` over the last dimension (NormBackward1).

    Raises:
        ValueError: for ``p <= 0`` or an infinite ``p`` (not supported here).
    """
    if not 0 < p < math.inf:
        raise ValueError(f"pairwise_distance supports finite p > 0 in minitorch_scalar, got p={p}")
    a, b = _float_arrays(x1, x2)
    d = a - b + a.dtype.type(eps)
    d64 = np.abs(d.astype(np.float64))
    norm = np.sum(d64**p, axis=-1, keepdims=keepdim) ** (1.0 / p)
    out = norm.astype(a.dtype)
    saved = (x1, x2, eps, p, keepdim, (_meta(x1), _meta(x2)))
    return record("NormBackward1", out, (x1, x2), saved, _norm_backward_p)


def _pad_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """The gradient of the kept input region: the matching slice of ``g``, zero where the input was cropped."""
    inner, outer, shape, dt = saved
    return (m.index_grad(m.getitem(g, inner), shape, dt, outer, True),)


def pad(input: Tensor, pad: Sequence[int], mode: str = "constant", value: float | None = None) -> Tensor:  # noqa: A002
    """Pad (or crop, for negative sizes) the last ``len(pad) // 2`` dimensions.
    ``pad = (left, right, top, bottom, ...)`` starts at the last dimension.

    ``mode='constant'`` fills with ``value`` (ConstantPadNdBackward0). ``'reflect'`` mirrors about the
    edge without repeating it, ``'replicate'`` repeats the edge value, ``'circular'`` wraps around; these
    pad 1 to 3 trailing dims of a batched (or unbatched) input and add each output's gradient back
    to the input position it was read from (see :func:`minitorch_scalar.tensor_ops.pad_nonconstant`).

    Raises:
        RuntimeError / NotImplementedError: torch's messages for a bad ``pad`` length, an unknown mode,
            a ``value`` with a non-constant mode, or a pad the mode cannot do.
    """
    tensor_ops.check_operand("pad", input)
    if len(pad) % 2:
        raise RuntimeError("Padding length must be divisible by 2")
    if mode != "constant":
        if mode not in ("reflect", "replicate", "circular"):
            raise NotImplementedError(f"Unrecognised padding mode {mode}")
        if value is not None and value != 0:
            raise RuntimeError(f'Padding mode "{mode}" doesn\'t take in value argument')
        return tensor_ops.pad_nonconstant(input, pad, mode)
    if len(pad) > 2 * input.dim():
        raise RuntimeError(
            "Padding length should be less than or equal to two times the input dimension but got padding length "
            f"{len(pad)} and input of dimension {input.dim()}"
        )
    x = input._data
    widths = [(0, 0)] * x.ndim
    for i in range(len(pad) // 2):
        widths[x.ndim - 1 - i] = (int(pad[2 * i]), int(pad[2 * i + 1]))
    inner, outer, out_shape = [], [], []
    for size, (before, after) in zip(x.shape, widths):
        kept = size + min(before, 0) + min(after, 0)
        if kept < 0:
            raise RuntimeError("narrow(): length must be non-negative.")
        out_shape.append(kept + max(before, 0) + max(after, 0))
        inner.append(slice(max(before, 0), max(before, 0) + kept))
        outer.append(slice(max(-before, 0), size - max(-after, 0)))
    out = np.full(out_shape, 0 if value is None else value, dtype=x.dtype)
    out[tuple(inner)] = x[tuple(outer)]
    saved = (tuple(inner), tuple(outer), x.shape, x.dtype)
    return record("ConstantPadNdBackward0", out, (input,), saved, _pad_backward, frees=False)


_KL_MEAN_WARNING = (
    "reduction: 'mean' divides the total loss by both the batch size and the support size."
    "'batchmean' divides only by the batch size, and aligns with the KL div math definition."
    "'mean' will be changed to behave the same as 'batchmean' in the next major release."
)


def _xlogy_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d xlogy(s, o) = ``log(o)`` for s (0 where s = 0) and ``s / o`` for o (nan at 0, as torch's); s = o = t."""
    (t,) = saved
    positive = t > 0
    gs = m.where(positive, g * m.log(m.where(positive, t, 1.0)), 0.0) if needs[0] else None
    go = g * t / t if needs[1] else None
    return gs, go


def _xlogx(t: Tensor) -> Tensor:
    """``t * log(t)`` with 0 where ``t == 0`` (torch's ``xlogy(t, t)``; XlogyBackward0)."""
    x = t._data
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(x == 0, x.dtype.type(0), x * np.log(x)).astype(x.dtype)
    return record("XlogyBackward0", out, (t, t), (t,), _xlogy_backward)


def kl_div(
    input: Tensor,  # noqa: A002
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    log_target: bool = False,
) -> Tensor:
    """KL divergence of ``target`` from the log-probabilities ``input``, built from ops as torch builds it:
    ``target * (log(target) - input)`` (0 where target is 0), or ``exp(t) * (t - input)`` with
    ``log_target``. ``'batchmean'`` divides the sum by the batch size (the true KL mean); ``'mean'``
    divides by the element count and warns, as torch does.
    """
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce, reduction)
    elif reduction == "mean":
        warnings.warn(_KL_MEAN_WARNING, UserWarning, stacklevel=2)
    if reduction not in ("none", "mean", "sum", "batchmean"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    loss = target.exp() * (target - input) if log_target else _xlogx(target) - target * input
    if reduction == "batchmean":
        return loss.sum() / input.shape[0] if input.dim() != 0 else loss.sum()
    if reduction == "mean":
        return loss.mean()
    return loss.sum() if reduction == "sum" else loss


# ------------------------------------------------------------------------------------ convolution & pooling
def _ntuple(value: int | Sequence[int], k: int) -> tuple[int, ...]:
    """An int repeated ``k`` times, or a sequence's ints."""
    if isinstance(value, Sequence):
        return tuple(int(v) for v in value)
    return (int(value),) * k


def _conv_padding(padding: Any, kernel: tuple[int, ...], dilation: tuple[int, ...], stride: tuple[int, ...]) -> Any:
    """Per-side padding from ints, ``'valid'`` or ``'same'`` (``d (k - 1)`` split, the extra on the right).

    Raises:
        RuntimeError: for an unknown string, or ``'same'`` with a stride (torch's messages).
    """
    if isinstance(padding, str):
        if padding == "valid":
            return tuple((0, 0) for _ in kernel)
        if padding != "same":
            raise RuntimeError(f"Invalid padding string: '{padding}'")
        if any(s != 1 for s in stride):
            raise RuntimeError("padding='same' is not supported for strided convolutions")
        totals = [d * (k - 1) for d, k in zip(dilation, kernel)]
        return tuple((t // 2, t - t // 2) for t in totals)
    return tuple((p, p) for p in _ntuple(padding, len(kernel)))


def _convnd(
    k: int,
    input: Tensor,  # noqa: A002
    weight: Tensor,
    bias: Tensor | None,
    stride: Any,
    padding: Any,
    dilation: Any,
    groups: int,
) -> Tensor:
    """A ``k``-d convolution (see :mod:`minitorch_scalar.nn._convolution`); unbatched input is unsqueezed."""
    name = f"conv{k}d"
    tensor_ops.check_operand(name, input)
    if input.dim() not in (k + 1, k + 2):
        raise RuntimeError(
            f"Expected {k + 1}D (unbatched) or {k + 2}D (batched) input to {name}, but got input of size: "
            f"{list(input.shape)}"
        )
    if input.dim() == k + 1:
        return _convnd(k, input.unsqueeze(0), weight, bias, stride, padding, dilation, groups).squeeze(0)
    if input.dtype is not weight.dtype:
        raise RuntimeError(f"expected scalar type {_cpp_type(input)} but found {_cpp_type(weight)}")
    kernel = tuple(weight.shape[2:])
    strides, dilations = _ntuple(stride, k), _ntuple(dilation, k)
    geo = _conv.ConvGeometry(strides, _conv_padding(padding, kernel, dilations, strides), dilations, groups)
    if input.shape[1] != weight.shape[1] * groups:
        raise RuntimeError(
            f"Given groups={groups}, weight of size {list(weight.shape)}, expected input{list(input.shape)} to have "
            f"{weight.shape[1] * groups} channels, but got {input.shape[1]} channels instead"
        )
    padded = [s + a + b for s, (a, b) in zip(input.shape[2:], geo.padding)]
    spans = [d * (kk - 1) + 1 for d, kk in zip(dilations, kernel)]
    if any(p < s for p, s in zip(padded, spans)):
        raise RuntimeError(
            f"Calculated padded input size per channel: ({' x '.join(map(str, padded))}). Kernel size: "
            f"({' x '.join(map(str, spans))}). Kernel size can't be greater than actual input size"
        )
    return _conv.conv(input, weight, bias, geo)


def conv1d(
    input: Tensor,  # noqa: A002
    weight: Tensor,
    bias: Tensor | None = None,
    stride: Any = 1,
    padding: Any = 0,
    dilation: Any = 1,
    groups: int = 1,
) -> Tensor:
    """1-d convolution (cross-correlation, as torch): ``(N, C, L)`` input, ``(F, C/groups, K)`` weight
    (ConvolutionBackward0). ``padding`` is an int, a 1-tuple, ``'valid'`` or ``'same'``."""
    return _convnd(1, input, weight, bias, stride, padding, dilation, groups)


def conv2d(
    input: Tensor,  # noqa: A002
    weight: Tensor,
    bias: Tensor | None = None,
    stride: Any = 1,
    padding: Any = 0,
    dilation: Any = 1,
    groups: int = 1,
) -> Tensor:
    """2-d convolution: ``y[n, f, i, j] = b[f] + sum_{c, a, b} w[f, c, a, b] x[n, c, i s + a d, j s + b d]``
    on the zero-padded input (ConvolutionBackward0)."""
    return _convnd(2, input, weight, bias, stride, padding, dilation, groups)


def _max_poolnd(
    k: int,
    input: Tensor,  # noqa: A002
    kernel_size: Any,
    stride: Any,
    padding: Any,
    dilation: Any,
    ceil_mode: bool,
    return_indices: bool,
) -> Any:
    """Max pooling over the last ``k`` dimensions of a ``(N, C, ...)`` or unbatched ``(C, ...)`` input."""
    tensor_ops.check_operand(f"max_pool{k}d", input)
    if input.dim() not in (k + 1, k + 2) or input.numel() == 0:
        raise RuntimeError(f"non-empty {k + 1}D or {k + 2}D (batch mode) tensor expected for input")
    kernel = _ntuple(kernel_size, k)
    strides = kernel if stride is None or stride == [] else _ntuple(stride, k)
    pads, dilations = _ntuple(padding, k), _ntuple(dilation, k)
    for p, kk, d in zip(pads, kernel, dilations):
        if p > (d * (kk - 1) + 1) // 2:
            raise RuntimeError(
                f"pad should be at most half of effective kernel size, but got pad={p}, kernel_size={kk} and "
                f"dilation={d}"
            )
    sizes = input.shape[input.dim() - k :]
    outs = tuple(
        _conv.pool_output_size(s, kk, st, p, d, ceil_mode)
        for s, kk, st, p, d in zip(sizes, kernel, strides, pads, dilations)
    )
    if any(o <= 0 for o in outs):
        raise RuntimeError(
            f"Given input size: ({'x'.join(map(str, input.shape[-k - 1 :]))}). Calculated output size: "
            f"({'x'.join(map(str, (input.shape[-k - 1], *outs)))}). Output size is too small"
        )
    geo = _conv.ConvGeometry(strides, tuple((p, p) for p in pads), dilations, 1)
    out, index = _conv.max_pool(input, geo, kernel, outs)
    return (out, from_array(index)) if return_indices else out


def max_pool1d(
    input: Tensor,  # noqa: A002
    kernel_size: Any,
    stride: Any = None,
    padding: Any = 0,
    dilation: Any = 1,
    ceil_mode: bool = False,
    return_indices: bool = False,
) -> Any:
    """Max over windows of the last dimension, computed as torch does through a 2-d pool of height 1
    (so the result's grad_fn is SqueezeBackward1)."""
    tensor_ops.check_operand("max_pool1d", input)
    if input.dim() not in (2, 3) or input.numel() == 0:
        raise RuntimeError("non-empty 2D or 3D (batch mode) tensor expected for input")
    out = _max_poolnd(
        2,
        input.unsqueeze(-2),
        (1, *_ntuple(kernel_size, 1)),
        None if stride is None else (1, *_ntuple(stride, 1)),
        (0, *_ntuple(padding, 1)),
        (1, *_ntuple(dilation, 1)),
        ceil_mode,
        return_indices,
    )
    return (out[0].squeeze(-2), out[1].squeeze(-2)) if return_indices else out.squeeze(-2)


def max_pool2d(
    input: Tensor,  # noqa: A002
    kernel_size: Any,
    stride: Any = None,
    padding: Any = 0,
    dilation: Any = 1,
    ceil_mode: bool = False,
    return_indices: bool = False,
) -> Any:
    """Max over each ``kernel_size`` window of the last two dimensions (stride defaults to the kernel;
    -inf padding) (MaxPool2DWithIndicesBackward0). The gradient goes to the (first) maximum of each window;
    ``return_indices`` also gives each maximum's flat index in its ``H * W`` plane."""
    return _max_poolnd(2, input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)


def _feature_dropout(input: Tensor, p: float, training: bool, spatial: int) -> Tensor:  # noqa: A002
    """Zero whole channels: one ``bernoulli(1 - p)`` draw per ``(n, c)``, scaled by ``1 / (1 - p)``
    (MulBackward0); the mask has shape ``(N, C, 1, ...)`` and is drawn as torch draws it."""
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0 or input.numel() == 0:
        return input
    if p == 1:
        return input * 0.0
    dt = input._data.dtype
    shape = tuple(input.shape[:2]) + (1,) * spatial
    mask = _random.bernoulli_array(shape, 1.0 - p, dt) / dt.type(1.0 - p)
    return input * from_array(mask.astype(dt, copy=False))


def dropout1d(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:  # noqa: A002
    """Channel-wise dropout of ``(N, C, L)`` or unbatched ``(C, L)`` input (each channel kept or zeroed whole).

    Raises:
        RuntimeError: for input that is not 2-D or 3-D (torch's message).
    """
    tensor_ops.check_operand("dropout1d", input)
    if input.dim() not in (2, 3):
        raise RuntimeError(
            f"dropout1d: Expected 2D or 3D input, but received a {input.dim()}D input. Note that dropout1d exists to "
            "provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional "
            "batch dimension (i.e. 2D or 3D inputs)."
        )
    if input.dim() == 2:
        return _feature_dropout(input.unsqueeze(0), p, training, 1).squeeze(0)
    return _feature_dropout(input, p, training, 1)


def dropout2d(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:  # noqa: A002
    """Channel-wise dropout of ``(N, C, H, W)`` input: one draw per ``(n, c)``. Other ranks are treated the same
    way (a 3-D input as ``(N, C, L)``, a 2-D one elementwise), each with torch's deprecation warning."""
    tensor_ops.check_operand("dropout2d", input)
    if input.dim() not in (3, 4):
        warnings.warn(
            f"dropout2d: Received a {input.dim()}-D input to dropout2d, which is deprecated and will result in an "
            "error in a future release. To retain the behavior and silence this warning, please use dropout "
            "instead. Note that dropout2d exists to provide channel-wise dropout on inputs with 2 spatial "
            "dimensions, a channel dimension, and an optional batch dimension (i.e. 3D or 4D inputs).",
            UserWarning,
            stacklevel=2,
        )
    elif input.dim() == 3:
        warnings.warn(
            "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is "
            "desired - input is interpreted as shape (N, C, L), where C is the channel dim. This behavior will "
            "change in a future release to interpret the input as one without a batch dimension, i.e. shape "
            "(C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead.",
            UserWarning,
            stacklevel=2,
        )
    return _feature_dropout(input, p, training, input.dim() - 2)


def _avg_pool_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Each output's gradient divided by its divisor and spread evenly over its window."""
    shape, dt, divisor, geo, kernel = saved
    flat = m.reshape(g * m.const(divisor), (-1, 1, *divisor.shape[-2:]))
    spread = _conv._input_grad_any(flat, m.const(np.ones((1, 1, *kernel), dt)), (flat.shape[0], 1, *shape[-2:]), geo)
    return (m.reshape(spread, shape),)


def _window_counts(size: int, kernel: int, stride: int, pad: int, outs: int, include_pad: bool) -> np.ndarray:
    """How many cells each pooling window covers along one dimension: within the padded input
    (``include_pad``) or within the input itself."""
    starts = np.arange(outs) * stride - pad
    ends = np.minimum(starts + kernel, size + pad)
    if not include_pad:
        starts, ends = np.maximum(starts, 0), np.minimum(ends, size)
    return (ends - starts).astype(np.float64)


def avg_pool2d(
    input: Tensor,  # noqa: A002
    kernel_size: Any,
    stride: Any = None,
    padding: Any = 0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
    divisor_override: int | None = None,
) -> Tensor:
    """Mean over each window of the last two dimensions (zero padding; AvgPool2DBackward0). The divisor is
    the window's size within the padded input (``count_include_pad``), the number of real input elements
    in it, or ``divisor_override``.

    Raises:
        IndexError / RuntimeError: for input that is not 3-D or 4-D, or padding over half the kernel
            (torch's messages).
    """
    tensor_ops.check_operand("avg_pool2d", input)
    if 0 < input.dim() < 3:
        d = input.dim()
        raise IndexError(f"Dimension out of range (expected to be in range of [{-d}, {d - 1}], but got -3)")
    if input.dim() not in (3, 4) or input.numel() == 0:
        raise RuntimeError("non-empty 3D or 4D (batch mode) tensor expected for input")
    kernel = _ntuple(kernel_size, 2)
    strides = kernel if stride is None or stride == [] else _ntuple(stride, 2)
    pads = _ntuple(padding, 2)
    for p, kk in zip(pads, kernel):
        if p > kk // 2:
            raise RuntimeError(
                f"pad should be at most half of effective kernel size, but got pad={p}, kernel_size={kk} and dilation=1"
            )
    x = input._data if input.dim() == 4 else input._data[None]
    sizes = x.shape[2:]
    outs = tuple(
        _conv.pool_output_size(s, kk, st, p, 1, ceil_mode) for s, kk, st, p in zip(sizes, kernel, strides, pads)
    )
    extra = tuple((p, max((o - 1) * st + kk - s - p, 0)) for s, kk, st, p, o in zip(sizes, kernel, strides, pads, outs))
    geo = _conv.ConvGeometry(strides, extra, (1, 1), 1)
    flat = x.reshape(-1, 1, *sizes)
    ones = np.ones((1, 1, *kernel), x.dtype)
    total = _conv.conv_array(flat, ones, geo)[(slice(None), slice(None), slice(0, outs[0]), slice(0, outs[1]))]
    if divisor_override is not None:
        divisor = np.full(total.shape, float(divisor_override))
    else:
        counts = [
            _window_counts(s, kk, st, p, o, count_include_pad)
            for s, kk, st, p, o in zip(sizes, kernel, strides, pads, outs)
        ]
        divisor = np.multiply.outer(counts[0], counts[1])[None, None]
    out = (total / divisor).astype(x.dtype).reshape(*x.shape[:2], *outs)
    inverse = (1.0 / np.broadcast_to(divisor, total.shape)).astype(x.dtype).reshape(*x.shape[:2], *outs)
    if input.dim() == 3:
        out, inverse = out[0], inverse[0]
    saved = (input._data.shape, x.dtype, inverse, geo, kernel)
    return record("AvgPool2DBackward0", out, (input,), saved, _avg_pool_backward, frees=False)


def _adaptive_matrix(size: int, outs: int) -> np.ndarray:
    """``(outs, size)`` averaging matrix: row ``i`` is ``1/n`` on ``[floor(i L / outs), ceil((i + 1) L / outs))``."""
    mat = np.zeros((outs, size))
    for i in range(outs):
        start, end = (i * size) // outs, -((-(i + 1) * size) // outs)
        mat[i, start:end] = 1.0 / (end - start)
    return mat


def _adaptive_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """``out = P_h x P_w^T`` is linear in ``x``: ``dx = P_h^T g P_w``."""
    rows, cols = saved
    return (m.matmul(m.matmul(m.const(rows.T), g), m.const(cols)),)


def adaptive_avg_pool2d(input: Tensor, output_size: Any) -> Tensor:  # noqa: A002
    """Mean over ``output_size`` near-equal regions of the last two dimensions: output cell ``i`` of a
    length-``L`` dimension averages ``[floor(i L / out), ceil((i + 1) L / out))``
    (AdaptiveAvgPool2DBackward0). A ``1 x 1`` output is ``mean`` over both dimensions (MeanBackward1, as
    torch); ``None`` keeps a dimension's size.

    Raises:
        RuntimeError: for input that is not 3-D or 4-D.
    """
    tensor_ops.check_operand("adaptive_avg_pool2d", input)
    if input.dim() not in (3, 4):
        raise RuntimeError(f"adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got {list(input.shape)}")
    sizes = tuple(input.shape[-2:])
    wanted = output_size if isinstance(output_size, (tuple, list)) else (output_size, output_size)
    outs = tuple(s if o is None else int(o) for s, o in zip(sizes, wanted))
    if outs == (1, 1):
        return input.mean((-2, -1), keepdim=True)
    x = input._data
    rows, cols = (_adaptive_matrix(s, o).astype(x.dtype) for s, o in zip(sizes, outs))
    out = np.ascontiguousarray(rows @ x @ cols.T)
    return record("AdaptiveAvgPool2DBackward0", out, (input,), (rows, cols), _adaptive_backward, frees=False)


# ------------------------------------------------------------------------------------ margin-based losses
def _reduce_tensor(loss: Tensor, reduction: str) -> Tensor:
    """``loss``, ``loss.mean()`` or ``loss.sum()`` by ``reduction`` (torch's composite losses)."""
    _check_reduction(reduction)
    if reduction == "none":
        return loss
    return loss.mean() if reduction == "mean" else loss.sum()


def margin_ranking_loss(
    input1: Tensor,
    input2: Tensor,
    target: Tensor,
    margin: float = 0.0,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """``max(0, -y (x1 - x2) + margin)``: ``y = 1`` asks for ``x1 > x2`` by at least ``margin``, ``y = -1``
    the opposite; built from ops as torch builds it (ClampMinBackward0, then the reduction)."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    return _reduce_tensor((-target * (input1 - input2) + margin).clamp_min(0), reduction)


def hinge_embedding_loss(
    input: Tensor,  # noqa: A002
    target: Tensor,
    margin: float = 1.0,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """``x`` where ``y = 1`` and ``max(0, margin - x)`` where ``y = -1`` (x is usually a distance), built
    from ops as torch builds it (AddBackward0, then the reduction)."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    zeros = from_array(np.zeros(input._data.shape, input._data.dtype))
    below = tensor_ops.where(target != 1, (margin - input).clamp_min(0), zeros)
    return _reduce_tensor(below + tensor_ops.where(target != -1, input, zeros), reduction)


def _soft_margin_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d/dx log(1 + exp(-y x)) = ``-y sigmoid(-y x)`` (the target gets no gradient, as in torch)."""
    x, y, norm, meta = saved
    s = m.sigmoid(-(m.const(y) * x)) * (-norm)
    return (m.sum_to(g * s * m.const(y), meta[0], meta[1]),)


def soft_margin_loss(
    input: Tensor,  # noqa: A002
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Two-class logistic loss ``log(1 + exp(-y x))`` for targets ``y`` in {1, -1} (SoftMarginLossBackward0).

    Raises:
        RuntimeError: when the target requires grad (torch's message: it is not differentiable in the target).
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if target.requires_grad and is_grad_enabled():
        raise RuntimeError(
            "The function 'soft_margin_loss' is not differentiable with respect to argument 'target'. "
            "This input cannot have requires_grad True."
        )
    x, y = _float_arrays(input, target)
    loss = np.logaddexp(0.0, -(y * x).astype(np.float64)).astype(x.dtype)
    saved = (input, np.array(y), _norm(reduction, loss.size), _meta(input))
    return record("SoftMarginLossBackward0", _reduce(loss, reduction), (input,), saved, _soft_margin_backward)


def _target_dims_error(kind: str, wanted: int, input1: Tensor, input2: Tensor) -> RuntimeError:
    """torch's cosine_embedding_loss message for inputs of the wrong rank."""
    return RuntimeError(
        f"{kind} target tensor expects {wanted}D input tensors, but found inputs with sizes "
        f"{list(input1.shape)} and {list(input2.shape)}."
    )


def cosine_embedding_loss(
    input1: Tensor,
    input2: Tensor,
    target: Tensor,
    margin: float = 0,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """``1 - cos(x1, x2)`` where ``y = 1`` and ``max(0, cos(x1, x2) - margin)`` where ``y = -1``, with
    ``cos = sum(x1 x2) / sqrt((sum(x1^2) + 1e-12) (sum(x2^2) + 1e-12))`` over the feature dimension; built
    from ops as torch builds it (AddBackward0, then the reduction).

    Raises:
        RuntimeError: for a target of rank above 1, or inputs not one rank above the target (torch's messages).
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    dim = target.dim()
    if dim > 1:
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    if input1.dim() != dim + 1 or input2.dim() != dim + 1:
        raise _target_dims_error(f"{dim}D", dim + 1, input1, input2)
    prod_sum = (input1 * input2).sum(dim)
    mag1 = (input1 * input1).sum(dim) + 1e-12
    mag2 = (input2 * input2).sum(dim) + 1e-12
    cos = prod_sum / (mag1 * mag2).sqrt()
    zeros = from_array(np.zeros(cos._data.shape, cos._data.dtype))
    pos = tensor_ops.where(target == 1, 1 - cos, zeros)
    neg = tensor_ops.where(target == -1, (cos - margin).clamp_min(0), zeros)
    return _reduce_tensor(pos + neg, reduction)


def poisson_nll_loss(
    input: Tensor,  # noqa: A002
    target: Tensor,
    log_input: bool = True,
    full: bool = False,
    size_average: bool | None = None,
    eps: float = 1e-8,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Poisson negative log likelihood of ``target`` counts: ``exp(x) - t x`` for a log-rate ``x``
    (``log_input``), else ``x - t log(x + eps)`` for a rate ``x``. ``full`` adds Stirling's term
    ``t log t - t + log(2 pi t) / 2`` where ``t > 1``. Built from ops as torch builds it."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    loss = input.exp() - target * input if log_input else input - target * (input + eps).log()
    if full:
        stirling = target * target.log() - target + 0.5 * (2 * math.pi * target).log()
        loss = loss + stirling.masked_fill(target <= 1, 0)
    return _reduce_tensor(loss, reduction)


def _gaussian_var(input: Tensor, var: Tensor | float) -> Tensor:  # noqa: A002
    """``var`` as a Tensor broadcastable to ``input``, checked as torch checks it."""
    if isinstance(var, float):
        if var < 0:
            raise ValueError("var has negative entry/entries")
        return var * from_array(np.ones(input._data.shape, input._data.dtype))
    if not isinstance(var, Tensor):
        raise TypeError(
            f"any() received an invalid combination of arguments - got ({type(var < 0).__name__}), but expected one "
            "of:\n * (Tensor input, *, Tensor out = None)\n * (Tensor input, tuple of ints dim = None, bool keepdim "
            "= False, *, Tensor out = None)\n * (Tensor input, int dim, bool keepdim = False, *, Tensor out = None)\n"
        )
    if bool(np.any(var._data < 0)):
        raise ValueError("var has negative entry/entries")
    if tuple(var.shape) == tuple(input.shape):
        return var
    if tuple(input.shape[:-1]) == tuple(var.shape):
        return var.unsqueeze(-1)
    if input.dim() == var.dim() and sum(v for i, v in zip(input.shape, var.shape) if i != v) == 1:
        return var
    raise ValueError("var is of incorrect size")


def gaussian_nll_loss(
    input: Tensor,  # noqa: A002
    target: Tensor,
    var: Tensor | float,
    full: bool = False,
    eps: float = 1e-6,
    reduction: str = "mean",
) -> Tensor:
    """Gaussian negative log likelihood ``(log(v) + (x - t)^2 / v) / 2`` (plus ``log(2 pi) / 2`` with
    ``full``), ``v = max(var, eps)``; the clamp is invisible to autograd, as in torch. ``var`` may have one
    dimension fewer than the input, or a single mismatched dimension of size 1 (homoscedastic).

    Raises:
        ValueError: for negative variances, a ``var`` of the wrong size or an unknown reduction.
    """
    v = _gaussian_var(input, var)
    if reduction not in _REDUCTIONS:
        raise ValueError(reduction + " is not valid")
    v = v.clone()
    with no_grad():
        v.clamp_(min=eps)
    loss = 0.5 * (v.log() + (input - target) ** 2 / v)
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return _reduce_tensor(loss, reduction)


def multilabel_soft_margin_loss(
    input: Tensor,  # noqa: A002
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Per-class logistic loss ``-(t log sigmoid(x) + (1 - t) log sigmoid(-x))``, optionally weighted, averaged
    over the classes (last dimension); built from ops as torch builds it.

    Raises:
        ValueError: for an unknown reduction (checked after the loss, as torch does).
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    loss = -(target * logsigmoid(input) + (1 - target) * logsigmoid(-input))
    if weight is not None:
        loss = loss * weight
    class_dim = input.dim() - 1
    loss = loss.sum(dim=class_dim) / input.shape[class_dim]
    if reduction not in _REDUCTIONS:
        raise ValueError(reduction + " is not valid")
    return _reduce_tensor(loss, reduction)


def _check_long_target(target: Tensor) -> None:
    """torch's error for class-index targets that are not int64."""
    if target._data.dtype != np.int64:
        raise RuntimeError(f"expected scalar type Long but found {_cpp_type(target)}")


def _margin_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """multi_margin_loss: with ``z_j = margin - x_y + x_j > 0`` (``j != y``), d/dx_j = ``w_y z_j^(p-1) p / C``
    and d/dx_y = minus their sum; each row scaled by its upstream gradient (and the reduction's factor)."""
    x, scale, rows, cols, margin, p, shape, dt = saved
    x2 = m.reshape(x, (len(rows), -1))
    gk = m.reshape(g, (-1, 1)) if len(g.shape) else g
    local = m.const(scale) * gk
    if p == 2:
        xy = m.reshape(m.getitem(x2, (rows, cols)), (-1, 1))
        local = local * ((margin - xy + x2) * 2.0)
    total = m.sum(local, (1,), False)
    grad = local - m.index_grad(total, tuple(scale.shape), dt, (rows, cols), True)
    return (m.reshape(m.cast(grad, dt), shape),)


def multi_margin_loss(
    input: Tensor,  # noqa: A002
    target: Tensor,
    p: int = 1,
    margin: float = 1.0,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Multi-class hinge loss: ``sum_{j != y} w_y max(0, margin - x_y + x_j)^p / C`` per sample
    (MultiMarginLossBackward0). Input ``(N, C)`` or ``(C,)``; target the ``N`` class indices.

    Raises:
        ValueError: for ``p`` other than 1 or 2, or a weight that is not 1-D.
        RuntimeError: for a target that is not int64, of the wrong size or out of range (torch's messages).
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if p not in (1, 2):
        raise ValueError("only p == 1 and p == 2 supported")
    if weight is not None and weight.dim() != 1:
        raise ValueError("weight must be one-dimensional")
    x = input._data if input.dim() == 2 else input._data.reshape(1, -1)
    n, classes = x.shape
    if target.dim() > 1 or target.numel() != n:
        raise RuntimeError(
            "multi_margin_loss: target tensor should be 1-D with size equal to the number of input samples "
            f"(batch size). Expected target size [{n}], but got {list(target.shape)}. Input has shape "
            f"{list(input.shape)}."
        )
    if weight is not None and weight.numel() != classes:
        raise RuntimeError(f"inconsistent weight size, expected {classes} but got {list(weight.shape)}")
    _check_long_target(target)
    cols = target._data.reshape(-1)
    if np.any((cols < 0) | (cols >= classes)):
        raise RuntimeError("target out of range")
    rows = np.arange(n)
    z = margin - x[rows, cols][:, None] + x
    active = (z > 0) & (np.arange(classes)[None, :] != cols[:, None])
    w_y = np.ones(n, x.dtype) if weight is None else weight._data.astype(x.dtype)[cols]
    hinge = np.where(active, z if p == 1 else z * z, 0)
    loss = (hinge * w_y[:, None]).sum(axis=1) / x.dtype.type(classes)
    per = loss.astype(x.dtype) if input.dim() == 2 else loss.astype(x.dtype).reshape(())
    scale = (active * w_y[:, None] * (_norm(reduction, n) / classes)).astype(x.dtype)
    saved = (input, scale, rows, cols, margin, p, x.shape if input.dim() == 2 else input._data.shape, x.dtype)
    return record("MultiMarginLossBackward0", _reduce(per, reduction), (input,), saved, _margin_backward)


def _multilabel_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """The loss is piecewise linear: each active pair ``(j, k)`` gives ``-1/C`` to ``x_j`` and ``+1/C`` to
    ``x_k``; ``local`` holds those counts (with the reduction's factor), scaled by each row's gradient."""
    local, shape = saved
    gk = m.reshape(g, (-1, 1)) if len(g.shape) else g
    return (m.reshape(m.const(local) * gk, shape),)


def multilabel_margin_loss(
    input: Tensor,  # noqa: A002
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Multi-label hinge loss: ``sum_{j in labels} sum_{k not in labels} max(0, 1 - (x_j - x_k)) / C`` per
    sample, the labels being the target's entries before its first ``-1`` (MultilabelMarginLossBackward0).

    Raises:
        RuntimeError: for a target that is not int64 or not shaped like the input (torch's messages).
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if tuple(target.shape) != tuple(input.shape) or input.dim() > 2:
        raise RuntimeError(f"inconsistent target size: {list(target.shape)} for input of size: {list(input.shape)}")
    _check_long_target(target)
    x = input._data.reshape(-1, input.shape[-1]) if input.dim() else input._data.reshape(1, 1)
    t = target._data.reshape(x.shape)
    n, classes = x.shape
    valid = np.cumprod(t >= 0, axis=1).astype(bool)
    if np.any(t[valid] >= classes):
        raise RuntimeError("target out of range")
    e_rows, e_pos = np.nonzero(valid)
    e_cols = t[e_rows, e_pos]
    is_target = np.zeros(x.shape, bool)
    is_target[e_rows, e_cols] = True
    z = 1 - x[e_rows, e_cols][:, None] + x[e_rows]
    active = (z > 0) & ~is_target[e_rows]
    loss = np.zeros(n, np.float64)
    np.add.at(loss, e_rows, np.where(active, z, 0).sum(axis=1))
    per = (loss / classes).astype(x.dtype)
    local = np.zeros(x.shape, np.float64)
    np.add.at(local, e_rows, active)
    np.add.at(local, (e_rows, e_cols), -active.sum(axis=1))
    local = (local * (_norm(reduction, n) / classes)).astype(x.dtype)
    out = per.reshape(()) if input.dim() <= 1 else per
    saved = (local, input._data.shape)
    return record("MultilabelMarginLossBackward0", _reduce(out, reduction), (input,), saved, _multilabel_backward)


def _check_triplet_dims(anchor: Tensor, positive: Tensor, negative: Tensor) -> None:
    """torch's error when the three inputs differ in rank."""
    a, p, n = anchor.dim(), positive.dim(), negative.dim()
    if not a == p == n:
        raise RuntimeError(
            "The anchor, positive, and negative tensors are expected to have the same number of dimensions, but "
            f"got: anchor {a}D, positive {p}D, and negative {n}D inputs"
        )


def _triplet(dist_pos: Tensor, dist_neg: Tensor, dist_swap: Tensor | None, margin: float, reduction: str) -> Tensor:
    """``max(0, margin + d(a, p) - d(a, n))``; with the swap, ``d(a, n)`` becomes ``min(d(a, n), d(p, n))``."""
    if dist_swap is not None:
        dist_neg = dist_neg.minimum(dist_swap)
    return _reduce_tensor((margin + dist_pos - dist_neg).clamp_min(0), reduction)


def triplet_margin_loss(
    anchor: Tensor,
    positive: Tensor,
    negative: Tensor,
    margin: float = 1.0,
    p: float = 2,
    eps: float = 1e-6,
    swap: bool = False,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """``max(0, margin + ||a - p + eps||_p - ||a - n + eps||_p)`` over the last dimension (ClampMinBackward0,
    then the reduction); ``swap`` uses the positive-negative distance when it is smaller.

    Raises:
        ValueError: for ``margin <= 0``. RuntimeError: for inputs of different ranks.
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if margin <= 0:
        raise ValueError(f"margin must be greater than 0, got {margin}")
    _check_triplet_dims(anchor, positive, negative)
    dist_swap = pairwise_distance(positive, negative, p, eps) if swap else None
    dist_pos = pairwise_distance(anchor, positive, p, eps)
    return _triplet(dist_pos, pairwise_distance(anchor, negative, p, eps), dist_swap, margin, reduction)


def triplet_margin_with_distance_loss(
    anchor: Tensor,
    positive: Tensor,
    negative: Tensor,
    *,
    distance_function: Any = None,
    margin: float = 1.0,
    swap: bool = False,
    reduction: str = "mean",
) -> Tensor:
    """:func:`triplet_margin_loss` with any ``distance_function(x, y)`` (default :func:`pairwise_distance`).

    Raises:
        ValueError: for an unknown reduction or ``margin <= 0``. RuntimeError: for inputs of different ranks.
    """
    if reduction not in _REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")
    if margin <= 0:
        raise ValueError(f"margin must be greater than 0, got {margin}")
    _check_triplet_dims(anchor, positive, negative)
    dist = pairwise_distance if distance_function is None else distance_function
    dist_swap = dist(positive, negative) if swap else None
    return _triplet(dist(anchor, positive), dist(anchor, negative), dist_swap, margin, reduction)


# ------------------------------------------------------------------------------------ shrink, celu, glu, rrelu
def _check_lambd(lambd: float, input: Tensor) -> None:  # noqa: A002
    """torch's range error for a negative shrink threshold (the bound is the dtype's largest finite value)."""
    if lambd < 0:
        top = float(np.finfo(input._data.dtype).max)
        raise RuntimeError(
            f"lambda must be in range [0, {top:g}] for input dtype {_cpp_type(input)}, but found {lambd:g}"
        )


def softshrink(input: Tensor, lambd: float = 0.5) -> Tensor:  # noqa: A002
    """``x - lambd`` above ``lambd``, ``x + lambd`` below ``-lambd``, else 0 (SoftshrinkBackward0); d/dx = 1
    outside ``[-lambd, lambd]``.

    Raises:
        RuntimeError: for a negative ``lambd`` (torch's message).
    """
    tensor_ops.check_operand("softshrink", input)
    _check_lambd(lambd, input)
    return _pointwise(
        "softshrink",
        "SoftshrinkBackward0",
        input,
        lambda x: np.where(x > lambd, x - lambd, np.where(x < -lambd, x + lambd, 0.0)),
        lambda m, x, g: m.where(m.logical_and(x >= -lambd, x <= lambd), 0.0, g),
    )


def hardshrink(input: Tensor, lambd: float = 0.5) -> Tensor:  # noqa: A002
    """``x`` where ``|x| > lambd``, else 0 (HardshrinkBackward0); d/dx = 1 outside ``[-lambd, lambd]``."""
    return _pointwise(
        "hardshrink",
        "HardshrinkBackward0",
        input,
        lambda x: np.where(np.abs(x) > lambd, x, 0.0),
        lambda m, x, g: m.where(m.logical_and(x >= -lambd, x <= lambd), 0.0, g),
    )


def tanhshrink(input: Tensor) -> Tensor:  # noqa: A002
    """``x - tanh(x)``, built from ops as torch builds it (SubBackward0)."""
    tensor_ops.check_operand("tanhshrink", input)
    return input - input.tanh()


def celu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:  # noqa: A002
    """``max(0, x) + min(0, alpha (exp(x / alpha) - 1))`` (CeluBackward0); d/dx = 1 for x > 0, else
    ``exp(x / alpha)`` (with ``alpha`` rounded to float32 in ``1 / alpha``, as torch's backward).

    Raises:
        RuntimeError: for ``alpha = 0`` (torch's message).
    """
    if alpha == 0:
        raise RuntimeError("ZeroDivisionError: alpha cannot be 0 for CELU")
    inv = 1.0 / float(np.float32(alpha))  # torch's backward takes 1 / alpha of alpha rounded to float32
    return _pointwise(
        "celu",
        "CeluBackward0",
        input,
        lambda x: np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0) / alpha)),
        lambda m, x, g: m.where(x > 0, g, g * (alpha * inv) * m.exp(m.where(x > 0, 0.0, x) * inv)),
    )


def _glu_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """``a sigmoid(b)``: d/da = ``sigmoid(b)``, d/db = ``a sigmoid(b) (1 - sigmoid(b))``; the two halves are
    scattered back into the input's shape."""
    x, first, second, shape, dt = saved
    a, b = m.getitem(x, first), m.getitem(x, second)
    s = m.sigmoid(b)
    ga = m.index_grad(g * s, shape, dt, first, True)
    return (ga + m.index_grad(g * a * s * (1.0 - s), shape, dt, second, True),)


def glu(input: Tensor, dim: int = -1) -> Tensor:  # noqa: A002
    """Gated linear unit: split ``input`` in halves ``a, b`` along ``dim`` and return ``a * sigmoid(b)``
    (GluBackward0).

    Raises:
        RuntimeError: for a 0-d input or an odd-sized ``dim`` (torch's messages).
    """
    tensor_ops.check_operand("glu", input)
    if input.dim() == 0:
        raise RuntimeError("glu does not support scalars because halving size must be even")
    d = tensor_ops.wrap_dim(dim, input.dim())
    size = input.shape[d]
    if size % 2:
        raise RuntimeError(f"Halving dimension must be even, but dimension {d} is size {size}")
    x = input._data
    half = size // 2
    first = (slice(None),) * d + (slice(0, half),)
    second = (slice(None),) * d + (slice(half, size),)
    b = x[second].astype(np.float64)
    out = (x[first] * (1.0 / (1.0 + np.exp(-b)))).astype(x.dtype)
    return record("GluBackward0", out, (input,), (input, first, second, x.shape, x.dtype), _glu_backward)


def _rrelu_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d/dx = the slope used: 1 for x > 0, else the drawn (training) or mean (eval) slope."""
    (noise,) = saved
    return (g * m.const(noise),)


def rrelu(
    input: Tensor,  # noqa: A002
    lower: float = 1.0 / 8,
    upper: float = 1.0 / 3,
    training: bool = False,
    inplace: bool = False,
) -> Tensor:
    """Randomized leaky ReLU (RreluWithNoiseBackward0): ``x`` for x > 0, else ``a x``. In training each
    non-positive element draws its own ``a ~ U(lower, upper)`` from the shared generator, one float64
    uniform per such element in order, as torch's CPU kernel does; otherwise ``a = (lower + upper) / 2``.

    Raises:
        RuntimeError: when ``lower > upper`` (torch's message).
    """
    tensor_ops.check_operand("rrelu", input)
    if lower > upper:
        raise RuntimeError("Lower bound should be less than or equal to the upper bound")
    x = input._data
    dt = x.dtype
    lo, hi = float(dt.type(lower)), float(dt.type(upper))
    if training and hi - lo > 1e-6:
        noise = np.ones(x.shape, dt)
        negative = x <= 0
        draws = _random._gen(None)._unit_float64(int(negative.sum()))
        noise[negative] = (draws * (hi - lo) + lo).astype(dt)
    else:
        noise = np.where(x > 0, 1.0, (lower + upper) / 2).astype(dt)
    out = (x * noise).astype(dt)
    return record("RreluWithNoiseBackward0", out, (input,), (noise,), _rrelu_backward)


# ------------------------------------------------------------------------------------ transposed convolution
def _conv_transpose_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """``y = input_grad(x, w)`` is the adjoint of a convolution, so ``dx = conv(g, w)`` and ``dw`` is the
    correlation of ``g`` with ``x``; ``g`` is first cropped to the cells any window reads (``crop``)."""
    x, w, geo, crop, dt = saved
    gc = m.getitem(g, crop)
    gx = m.cast(_conv._conv_any(gc, w, geo), dt) if needs[0] else None
    gw = m.cast(_conv._weight_grad_any(gc, x, tuple(w.shape), geo), dt) if needs[1] else None
    gb = m.cast(m.sum(g, (0, *range(2, len(g.shape))), False), dt) if needs[2] else None
    return gx, gw, gb


def _check_output_padding(extra: tuple[int, ...], strides: tuple[int, ...], dilations: tuple[int, ...]) -> None:
    """torch's error unless each output padding is below its stride or its dilation (reported in 2-d terms,
    a 1-d convolution being one of height 1)."""
    if all(e < s or e < d for e, s, d in zip(extra, strides, dilations)):
        return
    lead = 2 - len(extra)
    (eh, ew), (sh, sw), (dh, dw) = ((fill,) * lead + t for fill, t in ((0, extra), (1, strides), (1, dilations)))
    raise RuntimeError(
        f"output padding must be smaller than either stride or dilation, but got output_padding_height: {eh} "
        f"output_padding_width: {ew} stride_height: {sh} stride_width: {sw} dilation_height: {dh} "
        f"dilation_width: {dw}"
    )


def _conv_transposend(
    k: int,
    input: Tensor,  # noqa: A002
    weight: Tensor,
    bias: Tensor | None,
    stride: Any,
    padding: Any,
    output_padding: Any,
    groups: int,
    dilation: Any,
) -> Tensor:
    """A ``k``-d transposed convolution: the adjoint (in its input) of the convolution with the same
    weight, stride, padding and dilation; each input cell adds ``x * w`` to a ``kernel``-sized patch of the
    output (ConvolutionBackward0). Output length ``(L - 1) s - 2 p + d (k - 1) + output_padding + 1``;
    unbatched input is unsqueezed."""
    name = f"conv_transpose{k}d"
    tensor_ops.check_operand(name, input)
    if input.dim() not in (k + 1, k + 2):
        raise RuntimeError(
            f"Expected {k + 1}D (unbatched) or {k + 2}D (batched) input to {name}, but got input of size: "
            f"{list(input.shape)}"
        )
    if input.dim() == k + 1:
        args = (stride, padding, output_padding, groups, dilation)
        return _conv_transposend(k, input.unsqueeze(0), weight, bias, *args).squeeze(0)
    if input.dtype is not weight.dtype:
        raise RuntimeError(f"expected scalar type {_cpp_type(input)} but found {_cpp_type(weight)}")
    if weight.shape[0] % groups:
        raise RuntimeError(
            f"Given groups={groups}, expected weight to be divisible by {groups} at dimension 0, but got weight of "
            f"size [{list(weight.shape)}] instead"
        )
    if input.shape[1] != weight.shape[0]:
        raise RuntimeError(
            f"Given transposed=1, weight of size {list(weight.shape)}, expected input{list(input.shape)} to have "
            f"{weight.shape[0]} channels, but got {input.shape[1]} channels instead"
        )
    kernel = tuple(weight.shape[2:])
    strides, pads, extra, dil = (_ntuple(v, k) for v in (stride, padding, output_padding, dilation))
    _check_output_padding(extra, strides, dil)
    sizes = tuple(
        (n - 1) * s - 2 * p + d * (kk - 1) + e + 1
        for n, s, p, d, kk, e in zip(input.shape[2:], strides, pads, dil, kernel, extra)
    )
    if any(s <= 0 for s in sizes):
        raise RuntimeError(
            f"Given input size per channel: ({' x '.join(map(str, input.shape[2:]))}). Calculated output size per "
            f"channel: ({' x '.join(map(str, sizes))}). Output size is too small"
        )
    out_shape = (input.shape[0], weight.shape[1] * groups, *sizes)
    geo = _conv.ConvGeometry(strides, tuple((p, p) for p in pads), dil, groups)
    out = _conv.input_grad_array(input._data, weight._data, out_shape, geo)
    if bias is not None:
        out = out + bias._data.reshape((1, -1) + (1,) * k)
    # cells of the padded output past the last window's reach are read by no window: crop them for the backward
    crop = (slice(None), slice(None)) + tuple(slice(0, s - max(e - p, 0)) for s, e, p in zip(sizes, extra, pads))
    back_geo = _conv.ConvGeometry(strides, tuple((p, max(p - e, 0)) for p, e in zip(pads, extra)), dil, groups)
    saved = (input, weight, back_geo, crop, input._data.dtype)
    out = out.astype(input._data.dtype)
    return record("ConvolutionBackward0", out, (input, weight, bias), saved, _conv_transpose_backward)


def conv_transpose1d(
    input: Tensor,  # noqa: A002
    weight: Tensor,
    bias: Tensor | None = None,
    stride: Any = 1,
    padding: Any = 0,
    output_padding: Any = 0,
    groups: int = 1,
    dilation: Any = 1,
) -> Tensor:
    """1-d transposed convolution ("deconvolution"): ``(N, C_in, L)`` input, ``(C_in, C_out/groups, K)``
    weight (ConvolutionBackward0); the gradient of :func:`conv1d` with respect to its input."""
    return _conv_transposend(1, input, weight, bias, stride, padding, output_padding, groups, dilation)


def conv_transpose2d(
    input: Tensor,  # noqa: A002
    weight: Tensor,
    bias: Tensor | None = None,
    stride: Any = 1,
    padding: Any = 0,
    output_padding: Any = 0,
    groups: int = 1,
    dilation: Any = 1,
) -> Tensor:
    """2-d transposed convolution: ``(N, C_in, H, W)`` input, ``(C_in, C_out/groups, kH, kW)`` weight
    (ConvolutionBackward0); upsamples by ``stride`` (the usual decoder / GAN generator layer)."""
    return _conv_transposend(2, input, weight, bias, stride, padding, output_padding, groups, dilation)


# ------------------------------------------------------------------------------------ group / instance / LRN
def _group_norm_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Backward of ``y = xhat * w + b``, ``xhat`` normalised over each group's ``M`` values:
    ``dx = invstd / M * (M dxhat - sum(dxhat) - xhat sum(dxhat xhat))`` per group, ``dxhat = g * w``;
    ``dw = sum(g xhat)``, ``db = sum(g)`` over everything but the channel."""
    x, w, groups, view, eps, metas = saved
    shape = tuple(x.shape)
    count = math.prod(shape[1:]) // groups
    grouped = (shape[0], groups, count)
    xr = m.reshape(x, grouped)
    centered = xr - m.sum(xr, (2,), True) / float(count)
    invstd = 1.0 / m.sqrt(m.sum(centered * centered, (2,), True) / float(count) + eps)
    xhat = centered * invstd
    gx = gw = gb = None
    if needs[0]:
        dxhat = m.reshape(g if w is None else g * m.reshape(w, view), grouped)
        total = m.sum(dxhat, (2,), True)
        proj = m.sum(dxhat * xhat, (2,), True)
        gx = m.cast(m.reshape((dxhat * float(count) - total - xhat * proj) * (invstd / float(count)), shape), metas[0])
    if needs[1]:
        gw = m.reshape(m.sum_to(g * m.reshape(xhat, shape), view, metas[1]), (shape[1],))
    if needs[2]:
        gb = m.reshape(m.sum_to(g, view, metas[2]), (shape[1],))
    return gx, gw, gb


def group_norm(
    input: Tensor,  # noqa: A002
    num_groups: int,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    eps: float = 1e-5,
) -> Tensor:
    """Group normalisation (NativeGroupNormBackward0): the channels are split into ``num_groups`` groups
    and each sample's group is normalised over its channels and positions, ``(x - mean) / sqrt(var + eps)``
    (biased variance), then scaled by the per-channel ``weight`` and shifted by ``bias``. Computed in
    float64 and rounded once to the input's dtype.

    Raises:
        RuntimeError: for input below 2-D or channels not divisible by ``num_groups`` (torch's messages).
        ValueError: when each group of the batch holds a single value.
    """
    tensor_ops.check_operand("group_norm", input)
    if input.dim() < 2:
        raise RuntimeError(f"Expected at least 2 dimensions for input tensor but received {input.dim()}")
    shape = tuple(input.shape)
    if shape[1] % num_groups:
        raise RuntimeError(
            "Expected number of channels in input to be divisible by num_groups, but got input of shape "
            f"{list(shape)} and num_groups={num_groups}"
        )
    sizes = [shape[0] * shape[1] // num_groups, num_groups, *shape[2:]]
    if sizes[0] * math.prod(shape[2:]) == 1:
        raise ValueError(f"Expected more than 1 value per channel when training, got input size {sizes}")
    view = (1, shape[1]) + (1,) * (len(shape) - 2)
    x = input._data.astype(np.float64).reshape(shape[0], num_groups, -1)
    centered = x - x.mean(axis=2, keepdims=True)
    out = (centered / np.sqrt((centered * centered).mean(axis=2, keepdims=True) + eps)).reshape(shape)
    if weight is not None:
        out = out * weight._data.reshape(view)
    if bias is not None:
        out = out + bias._data.reshape(view)
    dt = input._data.dtype
    metas = tuple(None if t is None else t._data.dtype for t in (input, weight, bias))
    saved = (input, weight, num_groups, view, eps, metas)
    return record("NativeGroupNormBackward0", out.astype(dt), (input, weight, bias), saved, _group_norm_backward)


def instance_norm(
    input: Tensor,  # noqa: A002
    running_mean: Tensor | None = None,
    running_var: Tensor | None = None,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    use_input_stats: bool = True,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> Tensor:
    """Instance normalisation: each sample's channel normalised over its positions. Computed as torch does,
    as :func:`batch_norm` of the input viewed as one sample of ``N * C`` channels (with the per-channel
    parameters and running stats repeated ``N`` times), viewed back (ViewBackward0); the running stats
    then take the mean of their ``N`` updated copies.

    Raises:
        ValueError: when ``use_input_stats`` and each channel has a single position (torch's message).
    """
    tensor_ops.check_operand("instance_norm", input)
    shape = tuple(input.shape)
    if use_input_stats and math.prod(shape[2:]) == 1:
        raise ValueError(f"Expected more than 1 spatial element when training, got input size {input.shape}")
    n, channels = shape[0], shape[1]
    flat = input.reshape(1, n * channels, *shape[2:])
    stats = [None if t is None else t.repeat(n) for t in (running_mean, running_var)]
    params = [None if t is None else t.repeat(n) for t in (weight, bias)]
    out = batch_norm(flat, stats[0], stats[1], params[0], params[1], use_input_stats, momentum, eps)
    for running, copies in zip((running_mean, running_var), stats):
        if running is not None and copies is not None and use_input_stats:
            with no_grad():
                running.copy_(copies.view(n, channels).mean(0))
    return out.view(*shape)


def local_response_norm(
    input: Tensor,  # noqa: A002
    size: int,
    alpha: float = 1e-4,
    beta: float = 0.75,
    k: float = 1.0,
) -> Tensor:
    """``x / (k + alpha * mean(x^2 over size neighbouring channels)) ** beta`` (the neighbourhood is zero
    padded, ``size // 2`` channels before and ``(size - 1) // 2`` after); built from ops as torch builds it
    (DivBackward0). torch's 3-d average pool over 4-d+ input is taken here as a 2-d pool over the channel
    dimension and the flattened positions, which averages the same cells.

    Raises:
        ValueError: for input below 3-D (torch's message).
    """
    tensor_ops.check_operand("local_response_norm", input)
    dim = input.dim()
    if dim < 3:
        gap = " " * 26  # torch's message has this run of spaces
        raise ValueError(f"Expected 3D or higher dimensionality{gap}input (got {dim} dimensions)")
    if input.numel() == 0:
        return input
    sq = input * input
    shape = tuple(input.shape)
    div = sq.view(shape[0], 1, shape[1], -1)
    div = pad(div, (0, 0, size // 2, (size - 1) // 2))
    div = avg_pool2d(div, (size, 1), stride=1).squeeze(1).view(*shape)
    return input / (div * alpha + k) ** beta


# ------------------------------------------------------------------------------------ 1-d and adaptive pooling
def _check_1d_rank(name: str, input: Tensor) -> None:  # noqa: A002
    """torch's error for a 1-d pooling input that is not 2-D or 3-D."""
    if input.dim() not in (2, 3):
        raise RuntimeError(
            f"Expected 2 to 3 dimensions, but got {input.dim()}-dimensional tensor for argument #1 'self' (while "
            f"checking arguments for {name})"
        )


def avg_pool1d(
    input: Tensor,  # noqa: A002
    kernel_size: Any,
    stride: Any = None,
    padding: Any = 0,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
) -> Tensor:
    """Mean over windows of the last dimension, computed as torch does through a 2-d pool of height 1
    (so the result's grad_fn is SqueezeBackward1)."""
    tensor_ops.check_operand("avg_pool1d", input)
    _check_1d_rank("avg_pool1d", input)
    strides = None if stride is None or stride == [] else (1, *_ntuple(stride, 1))
    kernel, pads = (1, *_ntuple(kernel_size, 1)), (0, *_ntuple(padding, 1))
    return avg_pool2d(input.unsqueeze(-2), kernel, strides, pads, ceil_mode, count_include_pad).squeeze(-2)


def _adaptive_output(sizes: tuple[int, ...], output_size: Any) -> tuple[int, ...]:
    """The output sizes: an int for every dimension, or one per dimension with ``None`` keeping the input's."""
    wanted = tuple(output_size) if isinstance(output_size, (tuple, list)) else (output_size,) * len(sizes)
    return tuple(s if o is None else int(o) for s, o in zip(sizes, wanted))


def adaptive_avg_pool1d(input: Tensor, output_size: Any) -> Tensor:  # noqa: A002
    """Mean over ``output_size`` near-equal regions of the last dimension (cell ``i`` of ``L`` averages
    ``[floor(i L / out), ceil((i + 1) L / out))``), through a 2-d pool of height 1 as torch
    (SqueezeBackward1)."""
    tensor_ops.check_operand("adaptive_avg_pool1d", input)
    _check_1d_rank("adaptive_avg_pool1d", input)
    (outs,) = _adaptive_output(tuple(input.shape[-1:]), output_size)
    return adaptive_avg_pool2d(input.unsqueeze(-2), (1, outs)).squeeze(-2)


def _adaptive_bounds(size: int, outs: int) -> list[tuple[int, int]]:
    """The region ``[floor(i L / out), ceil((i + 1) L / out))`` of each output cell."""
    return [((i * size) // outs, -((-(i + 1) * size) // outs)) for i in range(outs)]


def _adaptive_max_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Each output's gradient goes to the input cell that held its maximum."""
    shape, dt, index = saved
    return (m.index_grad(g, shape, dt, index, False),)


def adaptive_max_pool2d(input: Tensor, output_size: Any, return_indices: bool = False) -> Any:  # noqa: A002
    """Max over ``output_size`` near-equal regions of the last two dimensions (the regions of
    :func:`adaptive_avg_pool2d`; AdaptiveMaxPool2DBackward0). ``return_indices`` also gives each maximum's
    flat index in its ``H * W`` plane (the first maximum on ties).

    Raises:
        RuntimeError: for input that is not 3-D or 4-D (torch's message).
    """
    tensor_ops.check_operand("adaptive_max_pool2d", input)
    if input.dim() not in (3, 4):
        raise RuntimeError(f"adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: {list(input.shape)}")
    x = input._data
    h, w = x.shape[-2:]
    oh, ow = _adaptive_output((h, w), output_size)
    values = np.empty((*x.shape[:-2], oh, ow), x.dtype)
    flat = np.empty(values.shape, np.int64)
    for i, (h0, h1) in enumerate(_adaptive_bounds(h, oh)):
        for j, (w0, w1) in enumerate(_adaptive_bounds(w, ow)):
            window = x[..., h0:h1, w0:w1].reshape(*x.shape[:-2], -1)
            arg = np.argmax(window, axis=-1)
            values[..., i, j] = np.take_along_axis(window, arg[..., None], axis=-1)[..., 0]
            flat[..., i, j] = (h0 + arg // (w1 - w0)) * w + w0 + arg % (w1 - w0)
    lead = np.indices(flat.shape, sparse=True)[:-2]
    index = (*lead, flat // w, flat % w)
    out = record("AdaptiveMaxPool2DBackward0", values, (input,), (x.shape, x.dtype, index), _adaptive_max_backward)
    return (out, from_array(flat)) if return_indices else out


def adaptive_max_pool1d(input: Tensor, output_size: Any, return_indices: bool = False) -> Any:  # noqa: A002
    """Max over ``output_size`` near-equal regions of the last dimension, through a 2-d pool of height 1 as
    torch (SqueezeBackward1)."""
    tensor_ops.check_operand("adaptive_max_pool1d", input)
    _check_1d_rank("adaptive_max_pool1d", input)
    (outs,) = _adaptive_output(tuple(input.shape[-1:]), output_size)
    result = adaptive_max_pool2d(input.unsqueeze(-2), (1, outs), return_indices)
    if return_indices:
        return result[0].squeeze(-2), result[1].squeeze(-2)
    return result.squeeze(-2)


# ------------------------------------------------------------------------------------ resampling & shuffles
_INTERP_NAMES = {
    ("nearest", 1): "UpsampleNearest1DBackward0",
    ("nearest", 2): "UpsampleNearest2DBackward0",
    ("nearest-exact", 1): "UpsampleNearestExact1DBackward0",
    ("nearest-exact", 2): "UpsampleNearestExact2DBackward0",
    ("linear", 1): "UpsampleLinear1DBackward0",
    ("bilinear", 2): "UpsampleBilinear2DBackward0",
}
_INTERP_RANKS = {"linear": 3, "bilinear": 4, "trilinear": 5}


def _nearest_matrix(size: int, outs: int, scale: float | None, exact: bool) -> np.ndarray:
    """``(outs, size)`` selection matrix: output ``i`` copies input ``min(floor(i * r), size - 1)`` (or
    ``floor((i + 0.5) * r)`` for nearest-exact), ``r = 1 / scale`` or ``size / outs``, in float32 as torch."""
    ratio = np.float32(1.0 / scale) if scale is not None and scale > 0 else np.float32(size) / np.float32(outs)
    positions = np.arange(outs, dtype=np.float32) + (np.float32(0.5) if exact else np.float32(0.0))
    if not exact and outs == size:
        src = np.arange(outs)
    elif not exact and outs == 2 * size:
        src = np.arange(outs) >> 1
    else:
        src = np.minimum(np.floor(positions * ratio).astype(np.int64), size - 1)
    mat = np.zeros((outs, size))
    mat[np.arange(outs), src] = 1.0
    return mat


def _linear_matrix(size: int, outs: int, scale: float | None, align_corners: bool, dt: np.dtype) -> np.ndarray:
    """``(outs, size)`` interpolation matrix: output ``i`` mixes inputs ``i0`` and ``i0 + 1`` with weights
    ``1 - l`` and ``l`` at source position ``src = i * (size - 1) / (outs - 1)`` (align_corners) or
    ``max((i + 1/2) r - 1/2, 0)``; computed in float32 for float32 input, as torch's kernel (which leaves
    a dimension whose size does not change untouched, whatever the scale factor)."""
    if outs == size:  # torch's kernel leaves a dimension of unchanged size as it is
        return np.eye(size)
    op = np.dtype(np.float32) if dt == np.float32 else np.dtype(np.float64)
    one = op.type(1.0)
    grid: np.ndarray = np.arange(outs, dtype=op)
    if align_corners:
        ratio = op.type(size - 1) / op.type(outs - 1) if outs > 1 else op.type(0.0)
        src = grid * ratio
    else:
        ratio = op.type(1.0 / scale) if scale is not None and scale > 0 else op.type(size) / op.type(outs)
        src = np.maximum((grid + op.type(0.5)) * ratio - op.type(0.5), op.type(0.0))
    low = np.minimum(np.floor(src).astype(np.int64), size - 1)
    lam = np.clip(src - low.astype(op), op.type(0.0), one)
    high = low + (low < size - 1)
    mat = np.zeros((outs, size))
    np.add.at(mat, (np.arange(outs), low), (one - lam).astype(np.float64))
    np.add.at(mat, (np.arange(outs), high), lam.astype(np.float64))
    return mat


def _separable_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """``out = R x C^T`` (or ``x C^T`` in 1-d) is linear in ``x``: ``dx = R^T g C`` (or ``g C``)."""
    rows, cols = saved
    spread = m.matmul(g, m.const(cols))
    return (spread if rows is None else m.matmul(m.const(rows.T), spread),)


def _interp_sizes(input: Tensor, size: Any, scale_factor: Any, k: int) -> tuple[list[int], list[float] | None]:  # noqa: A002
    """Output sizes and the scales the kernel uses (None when the size was given), checked as torch does."""
    spatial = list(input.shape[2:])
    if size is not None and scale_factor is not None:
        raise ValueError("only one of size or scale_factor should be defined")
    if size is not None:
        if isinstance(size, (list, tuple)):
            if len(size) != k:
                raise ValueError(
                    "Input and output must have the same number of spatial dimensions, but got input with spatial "
                    f"dimensions of {spatial} and output size of {size}. Please provide input tensor in (N, C, d1, "
                    "d2, ...,dK) format and output size in (o1, o2, ...,oK) format."
                )
            return [int(s) for s in size], None
        return [int(size)] * k, None
    if scale_factor is None:
        raise ValueError("either size or scale_factor should be defined")
    if isinstance(scale_factor, (list, tuple)):
        if len(scale_factor) != k:
            raise ValueError(
                "Input and scale_factor must have the same number of spatial dimensions, but got input with spatial "
                f"dimensions of {spatial} and scale_factor of shape {scale_factor}. Please provide input tensor in "
                "(N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format."
            )
        scales = [float(s) for s in scale_factor]
    else:
        scales = [float(scale_factor)] * k
    return [int(math.floor(n * s)) for n, s in zip(spatial, scales)], scales


def interpolate(
    input: Tensor,  # noqa: A002
    size: Any = None,
    scale_factor: Any = None,
    mode: str = "nearest",
    align_corners: bool | None = None,
    recompute_scale_factor: bool | None = None,
    antialias: bool = False,
) -> Tensor:
    """Resize the spatial dimensions of ``(N, C, L)`` or ``(N, C, H, W)`` input to ``size`` or by
    ``scale_factor`` (output ``floor(n * scale)``). Each dimension is a linear map, so the result is
    ``R x C^T`` with one ``(out, in)`` matrix per dimension: ``nearest`` copies input ``floor(i * in / out)``
    (``nearest-exact``: ``floor((i + 1/2) * in / out)``), ``linear``/``bilinear`` mix the two inputs around
    the source position (see :func:`_linear_matrix`); given a scale factor, ``1 / scale`` replaces
    ``in / out`` unless ``recompute_scale_factor``. ``area`` is adaptive average pooling. grad_fn:
    torch's ``Upsample*Backward0``.

    Raises:
        ValueError / NotImplementedError / RuntimeError: for the argument mistakes torch rejects, with its
            messages; ``bicubic``, ``trilinear``, 5-D input and ``antialias`` are not supported here.
    """
    tensor_ops.check_operand("interpolate", input)
    if mode in ("nearest", "area", "nearest-exact"):
        if align_corners is not None:
            raise ValueError(
                "align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | "
                "trilinear"
            )
    elif align_corners is None:
        align_corners = False
    k = input.dim() - 2
    outs, scales = _interp_sizes(input, size, scale_factor, k)
    if recompute_scale_factor and size is not None:
        raise ValueError("recompute_scale_factor is not meaningful with an explicit size.")
    if recompute_scale_factor or (mode == "area" and size is None):
        scales = None
    if antialias:
        raise NotImplementedError("interpolate(antialias=True) is not supported by minitorch_scalar")
    if mode in _INTERP_RANKS and input.dim() in (3, 4, 5) and _INTERP_RANKS[mode] != input.dim():
        raise NotImplementedError(f"Got {input.dim()}D input, but {mode} mode needs {_INTERP_RANKS[mode]}D input")
    if mode == "area" and k in (1, 2):
        return adaptive_avg_pool1d(input, outs) if k == 1 else adaptive_avg_pool2d(input, outs)
    name = _INTERP_NAMES.get((mode, k))
    if name is None:
        ours = ""  # torch's message, plus what is missing here when torch would have handled the call
        if input.dim() in (3, 4, 5):
            ours = " (minitorch_scalar supports nearest, nearest-exact, linear, bilinear and area on 3D and 4D input)"
        raise NotImplementedError(
            f"Input Error: Only 3D, 4D and 5D input Tensors supported (got {input.dim()}D) for the modes: nearest | "
            f"linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact (got {mode}){ours}"
        )
    spatial = list(input.shape[2:])
    if any(o <= 0 for o in outs):
        axes = ("W",) if k == 1 else ("H", "W")
        given = ", ".join(f"{a}: {n}" for a, n in zip(axes, spatial))
        got = ", ".join(f"{a}: {o}" for a, o in zip(axes, outs))
        raise RuntimeError(
            f"Input and output sizes should be greater than 0, but got input ({given}) and output ({got})"
        )
    x = input._data
    mats = []
    for i, (n, o) in enumerate(zip(spatial, outs)):
        scale = None if scales is None else scales[i]
        if mode.startswith("nearest"):
            mats.append(_nearest_matrix(n, o, scale, mode == "nearest-exact").astype(x.dtype))
        else:
            mats.append(_linear_matrix(n, o, scale, bool(align_corners), x.dtype).astype(x.dtype))
    rows, cols = (None, mats[0]) if k == 1 else (mats[0], mats[1])
    out = x @ cols.T if rows is None else rows @ x @ cols.T
    return record(name, np.ascontiguousarray(out), (input,), (rows, cols), _separable_backward, frees=False)


def _rearrange_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """A reshape-permute-reshape is undone by the inverse permutation of the same intermediate view."""
    split_out, inverse, shape = saved
    return (m.reshape(m.permute(m.reshape(g, split_out), inverse), shape),)


def _rearrange(
    name: str,
    input: Tensor,  # noqa: A002
    split: tuple[int, ...],
    perm: tuple[int, ...],
    shape: tuple[int, ...],
) -> Tensor:
    """``input.reshape(split).permute(perm).reshape(shape)`` as one node ``name``."""
    x = input._data.reshape(split).transpose(perm)
    inverse = tuple(int(i) for i in np.argsort(perm))
    out = np.ascontiguousarray(x).reshape(shape)
    return record(name, out, (input,), (x.shape, inverse, input._data.shape), _rearrange_backward, frees=False)


def pixel_shuffle(input: Tensor, upscale_factor: int) -> Tensor:  # noqa: A002
    """``(*, C r^2, H, W) -> (*, C, H r, W r)``: each group of ``r^2`` channels becomes an ``r x r`` block
    (PixelShuffleBackward0).

    Raises:
        RuntimeError: for input below 3-D or channels not divisible by ``r^2`` (torch's messages).
    """
    tensor_ops.check_operand("pixel_shuffle", input)
    if input.dim() < 3:
        raise RuntimeError(
            f"pixel_shuffle expects input to have at least 3 dimensions, but got input with {input.dim()} dimension(s)"
        )
    r = upscale_factor
    *lead, c, h, w = input.shape
    if c % (r * r):
        raise RuntimeError(
            "pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, "
            f"but input.size(-3)={c} is not divisible by {r * r}"
        )
    b = len(lead)
    split = (*lead, c // (r * r), r, r, h, w)
    perm = (*range(b), b, b + 3, b + 1, b + 4, b + 2)
    return _rearrange("PixelShuffleBackward0", input, split, perm, (*lead, c // (r * r), h * r, w * r))


def pixel_unshuffle(input: Tensor, downscale_factor: int) -> Tensor:  # noqa: A002
    """``(*, C, H r, W r) -> (*, C r^2, H, W)``, the inverse of :func:`pixel_shuffle` (PixelUnshuffleBackward0).

    Raises:
        RuntimeError: for input below 3-D or spatial sizes not divisible by ``r`` (torch's messages).
    """
    tensor_ops.check_operand("pixel_unshuffle", input)
    if input.dim() < 3:
        raise RuntimeError(
            "pixel_unshuffle expects input to have at least 3 dimensions, but got input with "
            f"{input.dim()} dimension(s)"
        )
    r = downscale_factor
    *lead, c, h, w = input.shape
    for label, size, dim in (("height", h, -2), ("width", w, -1)):
        if size % r:
            raise RuntimeError(
                f"pixel_unshuffle expects {label} to be divisible by downscale_factor, but input.size({dim})={size} "
                f"is not divisible by {r}"
            )
    b = len(lead)
    split = (*lead, c, h // r, r, w // r, r)
    perm = (*range(b), b, b + 2, b + 4, b + 1, b + 3)
    return _rearrange("PixelUnshuffleBackward0", input, split, perm, (*lead, c * r * r, h // r, w // r))


def channel_shuffle(input: Tensor, groups: int) -> Tensor:  # noqa: A002
    """Interleave the channels of ``(N, C, *)`` input across ``groups``: view as ``(N, g, C/g, *)``, swap
    the two channel axes, flatten back (ChannelShuffleBackward0).

    Raises:
        RuntimeError: for channels not divisible by ``groups`` (torch's message).
    """
    tensor_ops.check_operand("channel_shuffle", input)
    n, c, *rest = input.shape
    if c % groups:
        raise RuntimeError(f"Number of channels must be divisible by groups. Got {c} channels and {groups} groups.")
    split = (n, groups, c // groups, *rest)
    perm = (0, 2, 1, *range(3, 3 + len(rest)))
    return _rearrange("ChannelShuffleBackward0", input, split, perm, tuple(input.shape))


# ------------------------------------------------------------------------------------ bilinear & more dropout
def _trilinear_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """``y[b, o] = sum_ij x1[b, i] A[o, i, j] x2[b, j]``: ``dx1 = sum_oj g A x2``, ``dx2 = sum_oi g x1 A``,
    ``dA = sum_b g x1 x2``, each written as one matmul of flattened outer products."""
    x1, w, x2 = saved
    (b, i), (o, _, j) = tuple(x1.shape), tuple(w.shape)
    g3 = m.reshape(g, (b, o, 1))
    gx1 = gx2 = gw = None
    if needs[0]:
        per = m.reshape(g3 * m.reshape(x2, (b, 1, j)), (b, o * j))
        gx1 = m.matmul(per, m.reshape(m.permute(w, (0, 2, 1)), (o * j, i)))
    if needs[1]:
        outer = m.reshape(m.reshape(x1, (b, i, 1)) * m.reshape(x2, (b, 1, j)), (b, i * j))
        gw = m.reshape(m.matmul(m.mT(m.reshape(g, (b, o))), outer), (o, i, j))
    if needs[2]:
        per = m.reshape(g3 * m.reshape(x1, (b, 1, i)), (b, o * i))
        gx2 = m.matmul(per, m.reshape(w, (o * i, j)))
    return gx1, gw, gx2


def bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """``y[..., o] = sum_ij x1[..., i] W[o, i, j] x2[..., j] + b[o]``, computed as torch does: the inputs
    flattened to 2-D, one TrilinearBackward0 node, viewed back (ViewBackward0), then the bias added
    (AddBackward0).

    Raises:
        RuntimeError: for mismatched batch dimensions or feature sizes (torch's messages).
    """
    tensor_ops.check_operand("bilinear", input1)
    if input1.dim() != input2.dim():
        raise RuntimeError(f"bilinear(): input dimensions do not match: got {input1.dim()} and {input2.dim()}")
    for d in range(input1.dim() - 1):
        if input1.shape[d] != input2.shape[d]:
            raise RuntimeError(
                f"bilinear(): input batch dimensions do not match at dim {d}: got {input1.shape[d]} and "
                f"{input2.shape[d]}"
            )
    for label, t, dim in (("input1", input1, 1), ("input2", input2, 2)):
        if t.shape[-1] != weight.shape[dim]:
            raise RuntimeError(
                f"bilinear(): {label} size does not match weight size: got {t.shape[-1]} but expected "
                f"{weight.shape[dim]}"
            )
    x1 = input1.reshape(-1, input1.shape[-1])
    x2 = input2.reshape(-1, input2.shape[-1])
    a, w, c = x1._data, weight._data, x2._data
    out = np.einsum("bi,oij,bj->bo", a, w, c, optimize=True).astype(a.dtype)
    node = record("TrilinearBackward0", out, (x1, weight, x2), (x1, weight, x2), _trilinear_backward)
    result = node.view(*input1.shape[:-1], weight.shape[0])
    return result if bias is None else result + bias


_SELU_ALPHA_PRIME = 1.7580993408473766  # -scale * alpha of SELU: the value a dropped unit takes


def _alpha_dropout(input: Tensor, p: float, training: bool, feature: bool) -> Tensor:  # noqa: A002
    """Dropout that keeps SELU's mean and variance: dropped units take ``-alpha'`` instead of 0, and
    ``out = a * (x * keep + alpha' (keep - 1)) + alpha' a p`` with ``a = 1 / sqrt((alpha'^2 p + 1)(1 - p))``,
    as torch computes it (keep drawn by ``bernoulli_(1 - p)`` per element or, with ``feature``, per channel)."""
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if p == 0 or not training or input.numel() == 0:
        return input
    if p == 1:
        return input * from_array(np.zeros((), input._data.dtype))
    dt = input._data.dtype
    if feature:
        if input.dim() < 2:
            raise RuntimeError("Feature dropout requires at least 2 dimensions in the input")
        shape = tuple(input.shape[:2]) + (1,) * (input.dim() - 2)
    else:
        shape = tuple(input.shape)
    keep = _random.bernoulli_array(shape, 1.0 - p, dt)
    a = 1.0 / math.sqrt((_SELU_ALPHA_PRIME**2 * p + 1) * (1 - p))
    shift = ((keep - dt.type(1)) * dt.type(_SELU_ALPHA_PRIME * a) + dt.type(_SELU_ALPHA_PRIME * a * p)).astype(dt)
    return input * from_array((keep * dt.type(a)).astype(dt)) + from_array(shift)


def alpha_dropout(input: Tensor, p: float = 0.5, training: bool = False, inplace: bool = False) -> Tensor:  # noqa: A002
    """Alpha dropout (for SELU networks): per-element mask, result keeps zero mean and unit variance
    (AddBackward0). Note ``training`` defaults to False, as in torch."""
    tensor_ops.check_operand("alpha_dropout", input)
    return _alpha_dropout(input, p, training, False)


def feature_alpha_dropout(input: Tensor, p: float = 0.5, training: bool = False, inplace: bool = False) -> Tensor:  # noqa: A002
    """Alpha dropout of whole channels: one draw per ``(n, c)`` (AddBackward0)."""
    tensor_ops.check_operand("feature_alpha_dropout", input)
    return _alpha_dropout(input, p, training, True)


def dropout3d(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:  # noqa: A002
    """Channel-wise dropout of ``(N, C, D, H, W)`` or unbatched ``(C, D, H, W)`` input: one draw per channel.
    Other ranks are treated as unbatched, with torch's deprecation warning."""
    tensor_ops.check_operand("dropout3d", input)
    if input.dim() not in (4, 5):
        warnings.warn(
            f"dropout3d: Received a {input.dim()}-D input to dropout3d, which is deprecated and will result in an "
            "error in a future release. To retain the behavior and silence this warning, please use dropout "
            "instead. Note that dropout3d exists to provide channel-wise dropout on inputs with 3 spatial "
            "dimensions, a channel dimension, and an optional batch dimension (i.e. 4D or 5D inputs).",
            UserWarning,
            stacklevel=2,
        )
    if input.dim() == 5:
        return _feature_dropout(input, p, training, 3)
    batched = input.unsqueeze(0)
    return _feature_dropout(batched, p, training, batched.dim() - 2).squeeze(0)


# ------------------------------------------------------------------------------------------- embedding bag
def _bag_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """sum/mean: ``out = M W`` so ``dW = M_g^T g`` (``M_g`` is ``M`` with each column divided by its id's
    frequency under ``scale_grad_by_freq``); with per-sample weights ``p``, ``M`` depends on ``p``, so ``dW``
    is built from ``p`` itself (row ``idx[i]`` gets ``p[i] g[bag[i]]``) and ``d p[i] = W[idx[i]] . g[bag[i]]``.
    max: each output's gradient goes to the row that held the maximum."""
    weight, psw, mixing, idx, bags, argmax, keep, shape, dt, psw_meta = saved
    gw = gp = None
    if psw_meta is not None:
        psw_shape, psw_dt, positions, total, freq = psw_meta
        used = m.reshape(m.getitem(m.reshape(psw, (total,)), positions), (-1, 1))
    if needs[0]:
        if argmax is not None:
            index = (argmax, np.broadcast_to(np.arange(shape[1]), argmax.shape))
            gw = m.index_grad(m.getitem(g, keep), shape, dt, index, False)
        elif psw_meta is not None:
            per = m.getitem(g, bags) * m.cast(used, dt) * m.const(freq.reshape(-1, 1))
            gw = m.index_grad(per, shape, dt, (idx,), False)
        else:
            gw = m.matmul(m.mT(m.const(mixing)), g)
    if needs[1]:
        per = m.sum(m.getitem(weight, idx) * m.getitem(g, bags), (1,), False)
        gp = m.reshape(m.index_grad(m.cast(per, psw_dt), (total,), psw_dt, positions, True), psw_shape)
    return gw, gp


def _bag_layout(input: Tensor, offsets: Tensor | None, psw: Tensor | None, include_last: bool) -> tuple[Any, ...]:  # noqa: A002
    """Flat ids, per-position bag numbers, bag count and flat per-sample weights, checked as torch does."""
    if psw is not None and tuple(input.shape) != tuple(psw.shape):
        raise ValueError(
            f"embedding_bag: If per_sample_weights ({psw.shape}) is not None, then it must have the same shape as "
            f"the input ({input.shape})"
        )
    if input.dim() == 2:
        if offsets is not None:
            raise ValueError(
                "if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length "
                f"sequences. However, found offsets of type {type(offsets)}"
            )
        count, length = input.shape
        return input._data.reshape(-1), np.repeat(np.arange(count), length), count, psw
    if input.dim() != 1:
        raise ValueError(f"input has to be 1D or 2D Tensor, but got Tensor of dimension {input.dim()}")
    if offsets is None:
        raise ValueError("offsets has to be a 1D Tensor but got None")
    if offsets.dim() != 1:
        raise ValueError("offsets has to be a 1D Tensor")
    starts = offsets._data.astype(np.int64)
    count = len(starts) - 1 if include_last else len(starts)
    bags = np.searchsorted(starts[:count], np.arange(input.numel()), side="right") - 1
    if include_last:
        bags = np.where(np.arange(input.numel()) < starts[-1], bags, -1)
    return input._data.reshape(-1), bags, count, psw


def _bag_frequencies(idx: np.ndarray, rows: int) -> np.ndarray:
    """The divisor of each row's gradient under ``scale_grad_by_freq``, as torch 2.13's CPU kernel computes
    it: the ``k``-th distinct id (in sorted order) is divided by the count of the ``k``-th entry of the
    sorted ids (the id's own count when no id repeats before it; rows of unused ids get 1)."""
    counts = np.bincount(idx, minlength=rows)
    divisor = np.ones(rows)
    distinct = np.unique(idx)
    divisor[distinct] = counts[np.sort(idx)[: len(distinct)]]
    return divisor


def embedding_bag(
    input: Tensor,  # noqa: A002
    weight: Tensor,
    offsets: Tensor | None = None,
    max_norm: float | None = None,
    norm_type: float = 2,
    scale_grad_by_freq: bool = False,
    mode: str = "mean",
    sparse: bool = False,
    per_sample_weights: Tensor | None = None,
    include_last_offset: bool = False,
    padding_idx: int | None = None,
) -> Tensor:
    """Sum, mean or max of the embedding rows in each bag, without building the ``(bag, position, dim)``
    lookup (EmbeddingBagBackward0). Bags are the rows of a 2-D ``input``, or the runs of a 1-D ``input``
    starting at each ``offsets`` entry; ids equal to ``padding_idx`` are left out (and out of the mean's
    count); empty bags give zeros. ``per_sample_weights`` (mode ``'sum'``) scales each looked-up row.

    Raises:
        ValueError / NotImplementedError: torch's errors for bad shapes, modes and mode/option combinations.
    """
    tensor_ops.check_operand("embedding_bag", weight, 2, "weight")
    if weight.dim() != 2:
        raise ValueError(f"weight has to be a 2D Tensor, but got Tensor of dimension {weight.dim()}")
    idx, bags, count, psw = _bag_layout(input, offsets, per_sample_weights, include_last_offset)
    if mode not in ("sum", "mean", "max"):
        raise ValueError("mode has to be one of sum, mean or max")
    if mode == "max" and scale_grad_by_freq:
        raise ValueError("max mode does not support scaling the gradient by the frequency")
    if mode == "max" and sparse:
        raise ValueError("max mode does not support sparse weights")
    if max_norm is not None:
        _embedding_renorm_(weight, idx, max_norm, norm_type)
    if psw is not None and mode != "sum":
        raise NotImplementedError(
            "embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' "
            f"(got mode='{mode}'). Please open a feature request on GitHub."
        )
    w = weight._data
    rows, dim = w.shape
    used = (bags >= 0) & (idx != (-1 if padding_idx is None else padding_idx % rows))
    out = np.zeros((count, dim), w.dtype)
    mixing = argmax = None
    keep = np.zeros(count, bool)
    if mode == "max":
        winners = []
        for b in range(count):
            members = idx[used & (bags == b)]
            if len(members):
                keep[b] = True
                out[b] = w[members].max(axis=0)
                winners.append(members[w[members].argmax(axis=0)])
        argmax = np.array(winners, np.int64).reshape(-1, dim)
    else:
        coef = np.ones(len(idx)) if psw is None else psw._data.reshape(-1).astype(np.float64)
        if mode == "mean":
            sizes = np.bincount(bags[used], minlength=count)
            coef = coef / np.maximum(sizes[np.maximum(bags, 0)], 1)
        mixing = np.zeros((count, rows))
        np.add.at(mixing, (bags[used], idx[used]), coef[used])
        out = (mixing @ w.astype(np.float64)).astype(w.dtype)
        if scale_grad_by_freq:
            mixing = mixing / _bag_frequencies(idx, rows)[None, :]
        mixing = mixing.astype(w.dtype)
    positions = np.nonzero(used)[0]
    psw_meta = None
    if psw is not None:
        freq = (1.0 / _bag_frequencies(idx, rows) if scale_grad_by_freq else np.ones(rows))[idx[positions]]
        psw_meta = (tuple(psw.shape), psw._data.dtype, (positions,), len(idx), freq.astype(w.dtype))
    saved = (weight, psw, mixing, idx[positions], bags[positions], argmax, keep, w.shape, w.dtype, psw_meta)
    return record("EmbeddingBagBackward0", out, (weight, psw), saved, _bag_backward)


def _upsample_deprecated(name: str) -> None:
    """torch's deprecation warning for the ``upsample*`` aliases of :func:`interpolate`."""
    warnings.warn(
        f"`nn.functional.{name}` is deprecated. Use `nn.functional.interpolate` instead.", UserWarning, stacklevel=3
    )


def upsample(
    input: Tensor,  # noqa: A002
    size: Any = None,
    scale_factor: Any = None,
    mode: str = "nearest",
    align_corners: bool | None = None,
) -> Tensor:
    """Deprecated alias of :func:`interpolate` (with torch's warning)."""
    _upsample_deprecated("upsample")
    return interpolate(input, size, scale_factor, mode, align_corners)


def upsample_nearest(input: Tensor, size: Any = None, scale_factor: Any = None) -> Tensor:  # noqa: A002
    """Deprecated alias of ``interpolate(mode='nearest')`` (with torch's warning)."""
    _upsample_deprecated("upsample_nearest")
    return interpolate(input, size, scale_factor, mode="nearest")


def upsample_bilinear(input: Tensor, size: Any = None, scale_factor: Any = None) -> Tensor:  # noqa: A002
    """Deprecated alias of ``interpolate(mode='bilinear', align_corners=True)`` (with torch's warning)."""
    _upsample_deprecated("upsample_bilinear")
    return interpolate(input, size, scale_factor, mode="bilinear", align_corners=True)


# ------------------------------------------------------------------------------------------------- CTC loss
def _lengths(values: Any) -> np.ndarray:
    """Lengths given as a Tensor, or a tuple/list of ints, as an int64 array."""
    data = values._data if isinstance(values, Tensor) else np.asarray(values)
    return np.asarray(data, np.int64).reshape(-1)


def _ctc_one(lp: np.ndarray, labels: np.ndarray, blank: int) -> tuple[float, np.ndarray]:
    """One sequence: ``-log p(labels | lp)`` by the forward (alpha) recursion over the blank-interleaved
    labels ``l'`` in log space, and ``log(sum_{s: l'_s = c} alpha_t(s) beta_t(s))`` per ``(t, c)`` from the
    backward (beta) recursion (each of alpha and beta includes ``lp[t, l'_s]``)."""
    steps, classes = lp.shape
    if steps == 0:
        return math.inf, np.zeros((0, classes))
    ext = np.full(2 * len(labels) + 1, blank, np.int64)
    ext[1::2] = labels
    width = len(ext)
    skip = np.zeros(width, bool)
    skip[2:] = ext[2:] != ext[:-2]

    def advance(prev: np.ndarray, shift_ok: np.ndarray, step: int) -> np.ndarray:
        one = np.full(width, -np.inf)
        two = np.full(width, -np.inf)
        if step > 0:
            one[1:], two[2:] = prev[:-1], np.where(shift_ok[2:], prev[:-2], -np.inf)
        else:
            one[:-1], two[:-2] = prev[1:], np.where(shift_ok[2:], prev[2:], -np.inf)
        return np.logaddexp(np.logaddexp(prev, one), two)

    alpha = np.full((steps, width), -np.inf)
    alpha[0, 0] = lp[0, blank]
    if width > 1:
        alpha[0, 1] = lp[0, ext[1]]
    for t in range(1, steps):
        alpha[t] = advance(alpha[t - 1], skip, 1) + lp[t, ext]
    beta = np.full((steps, width), -np.inf)
    beta[-1, -1] = lp[-1, blank]
    if width > 1:
        beta[-1, -2] = lp[-1, ext[-2]]
    for t in range(steps - 2, -1, -1):
        beta[t] = advance(beta[t + 1], skip, -1) + lp[t, ext]
    nll = -np.logaddexp(alpha[-1, -1], alpha[-1, -2] if width > 1 else -np.inf)
    both = np.full((steps, classes), -np.inf)
    with np.errstate(invalid="ignore"):
        for s, c in enumerate(ext):
            both[:, c] = np.logaddexp(both[:, c], alpha[:, s] + beta[:, s])
    return float(nll), both


def _ctc_double_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """torch has no derivative of the CTC gradient.

    Raises:
        RuntimeError: always (torch's message).
    """
    raise RuntimeError("derivative for aten::_ctc_loss_backward is not implemented")


def _ctc_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """torch's gradient for log-probabilities that come from a log_softmax:
    ``exp(lp) - exp(log(sum alpha beta) + nll - lp)``, per sequence times its upstream gradient (0 past its
    input length, and for infinite losses under ``zero_infinity``). Under ``create_graph`` the result is a
    node (torch's ``NotImplemented``) whose own backward raises, as torch's does."""
    log_probs, local, shape = saved
    grad = m.const(local) * m.reshape(g, shape)
    if m is tensor_ops.TENSOR:
        return (record("NotImplemented", grad._data, (log_probs, g), (), _ctc_double_backward),)
    return (grad,)


def ctc_loss(
    log_probs: Tensor,
    targets: Tensor,
    input_lengths: Any,
    target_lengths: Any,
    blank: int = 0,
    reduction: str = "mean",
    zero_infinity: bool = False,
) -> Tensor:
    """Connectionist temporal classification loss: ``-log`` of the total probability of every alignment of
    each target to its input (CtcLossBackward0), computed by the alpha/beta recursions. ``log_probs`` is
    ``(T, N, C)`` (or unbatched ``(T, C)``) log-probabilities; targets are ``(N, S)`` padded or 1-D
    concatenated. ``'mean'`` divides each loss by its target length (at least 1), then averages (as torch).

    Raises:
        RuntimeError: for a blank outside the classes, wrongly sized lengths, or lengths the tensors cannot
            hold (torch's messages).
    """
    tensor_ops.check_operand("ctc_loss", log_probs)
    _check_reduction(reduction)
    unbatched = log_probs.dim() == 2
    lp_all = log_probs._data[:, None] if unbatched else log_probs._data
    steps, batch, classes = lp_all.shape
    in_lens, tg_lens = _lengths(input_lengths), _lengths(target_lengths)
    if not 0 <= blank < classes:
        raise RuntimeError("blank must be in label range")
    for label, lens in (("input_lengths", in_lens), ("target_lengths", tg_lens)):
        if len(lens) != batch:
            raise RuntimeError(f"{label} must be of size batch_size")
    where = "(while checking arguments for ctc_loss_allocate_outputs)"
    if in_lens.max(initial=0) > steps:
        raise RuntimeError(
            f"Expected input_lengths to have value at most {steps}, but got value {in_lens.max()} {where}"
        )
    flat = targets._data.reshape(-1) if targets.dim() == 1 or unbatched else None
    if flat is None and tg_lens.max(initial=0) > targets.shape[1]:
        raise RuntimeError(
            f"Expected tensor to have size at least {tg_lens.max()} at dimension 1, but got size {targets.shape[1]} "
            f"for argument #2 'targets' {where}"
        )
    starts = np.concatenate([[0], np.cumsum(tg_lens)[:-1]])
    losses = np.zeros(batch)
    local = np.zeros(lp_all.shape)
    lp64 = lp_all.astype(np.float64)
    for b in range(batch):
        length = int(in_lens[b])
        labels = flat[starts[b] : starts[b] + tg_lens[b]] if flat is not None else targets._data[b, : tg_lens[b]]
        nll, both = _ctc_one(lp64[:length, b], labels.astype(np.int64), blank)
        losses[b] = nll
        if zero_infinity and math.isinf(nll):
            continue
        with np.errstate(over="ignore", invalid="ignore"):
            local[:length, b] = np.exp(lp64[:length, b]) - np.exp(both + nll - lp64[:length, b])
    dt = lp_all.dtype
    out = losses.astype(dt)
    shape = (1, 1) if unbatched else (1, batch, 1)
    saved = (log_probs, local.reshape(log_probs._data.shape).astype(dt), shape)
    result = record("CtcLossBackward0", out.reshape(()) if unbatched else out, (log_probs,), saved, _ctc_backward)
    if zero_infinity:
        result = tensor_ops.where(result == math.inf, from_array(np.zeros((), dt)), result)
    if reduction == "mean":
        return (result / from_array(np.maximum(tg_lens, 1).astype(dt).reshape(result.shape))).mean()
    return result.sum() if reduction == "sum" else result


# ------------------------------------------------------------------------------------ rms norm, lp pool, gumbel
def rms_norm(
    input: Tensor,  # noqa: A002
    normalized_shape: Sequence[int],
    weight: Tensor | None = None,
    eps: float | None = None,
) -> Tensor:
    """``x / sqrt(mean(x^2) + eps) * weight`` over the last ``len(normalized_shape)`` dimensions, built from
    ops as torch builds it (``x * rsqrt(...)``, then ``* weight``: MulBackward0); ``eps`` defaults to the
    dtype's machine epsilon.

    Raises:
        RuntimeError: when the input's trailing dimensions are not ``normalized_shape`` (torch's message).
    """
    tensor_ops.check_operand("rms_norm", input)
    shape = tuple(int(s) for s in normalized_shape)
    k = len(shape)
    if k == 0 or input.dim() < k or tuple(input.shape[input.dim() - k :]) != shape:
        raise RuntimeError(
            f"Given normalized_shape={list(shape)}, expected input with shape [*, {', '.join(map(str, shape))}], "
            f"but got input of size{list(input.shape)}"
        )
    dims = tuple(range(input.dim() - k, input.dim()))
    eps_value = float(np.finfo(input._data.dtype).eps) if eps is None else eps
    result = input * (input.pow(2).mean(dims, keepdim=True) + eps_value).rsqrt()
    return result if weight is None else result * weight


def _lp_finish(out: Tensor, norm_type: float, window: int) -> Tensor:
    """``(sign(m) relu(|m|) * window) ** (1 / p)`` of the windows' mean ``m`` of ``x^p`` (torch's steps)."""
    return (out.sign() * relu(out.abs())).mul(window).pow(1.0 / norm_type)


def lp_pool1d(
    input: Tensor,  # noqa: A002
    norm_type: float,
    kernel_size: int,
    stride: Any = None,
    ceil_mode: bool = False,
) -> Tensor:
    """Power-average pooling ``(sum_window x^p)^(1/p)`` over the last dimension (PowBackward0)."""
    out = avg_pool1d(input.pow(norm_type), kernel_size, stride, 0, ceil_mode)
    return _lp_finish(out, norm_type, _ntuple(kernel_size, 1)[0])


def lp_pool2d(
    input: Tensor,  # noqa: A002
    norm_type: float,
    kernel_size: Any,
    stride: Any = None,
    ceil_mode: bool = False,
) -> Tensor:
    """Power-average pooling ``(sum_window x^p)^(1/p)`` over the last two dimensions (PowBackward0)."""
    kw, kh = _ntuple(kernel_size, 2)
    out = avg_pool2d(input.pow(norm_type), kernel_size, stride, 0, ceil_mode)
    return _lp_finish(out, norm_type, kw * kh)


def gumbel_softmax(logits: Tensor, tau: float = 1, hard: bool = False, eps: float = 1e-10, dim: int = -1) -> Tensor:
    """A sample from the Gumbel-softmax distribution: ``softmax((logits + g) / tau)`` with
    ``g = -log(E)``, ``E ~ Exp(1)`` drawn as torch draws it (SoftmaxBackward0). With ``hard``, the one-hot
    of the argmax with the soft sample's gradient (straight-through: ``y_hard - y_soft.detach() + y_soft``,
    AddBackward0)."""
    tensor_ops.check_operand("gumbel_softmax", logits)
    if eps != 1e-10:
        warnings.warn("`eps` parameter is deprecated and has no effect.", UserWarning, stacklevel=2)
    dt = logits._data.dtype
    gumbels = -from_array(_random.exponential_array(tuple(logits.shape), dt)).log()
    y_soft = ((logits + gumbels) / tau).softmax(dim)
    if not hard:
        return y_soft
    d = tensor_ops.wrap_dim(dim, logits.dim())
    winner = np.expand_dims(np.argmax(y_soft._data, axis=d), d)
    y_hard = np.zeros(y_soft._data.shape, dt)
    np.put_along_axis(y_hard, winner, 1.0, axis=d)
    return from_array(y_hard) - y_soft.detach() + y_soft


def max_pool1d_with_indices(
    input: Tensor,  # noqa: A002
    kernel_size: Any,
    stride: Any = None,
    padding: Any = 0,
    dilation: Any = 1,
    ceil_mode: bool = False,
    return_indices: bool = False,
) -> tuple[Tensor, Tensor]:
    """:func:`max_pool1d` that always returns ``(values, indices)``."""
    return max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode, True)  # type: ignore[no-any-return]


def max_pool2d_with_indices(
    input: Tensor,  # noqa: A002
    kernel_size: Any,
    stride: Any = None,
    padding: Any = 0,
    dilation: Any = 1,
    ceil_mode: bool = False,
    return_indices: bool = False,
) -> tuple[Tensor, Tensor]:
    """:func:`max_pool2d` that always returns ``(values, indices)``."""
    return max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, True)  # type: ignore[no-any-return]


def adaptive_max_pool1d_with_indices(
    input: Tensor,  # noqa: A002
    output_size: Any,
    return_indices: bool = False,
) -> tuple[Tensor, Tensor]:
    """:func:`adaptive_max_pool1d` that always returns ``(values, indices)``."""
    return adaptive_max_pool1d(input, output_size, True)  # type: ignore[no-any-return]


def adaptive_max_pool2d_with_indices(
    input: Tensor,  # noqa: A002
    output_size: Any,
    return_indices: bool = False,
) -> tuple[Tensor, Tensor]:
    """:func:`adaptive_max_pool2d` that always returns ``(values, indices)``."""
    return adaptive_max_pool2d(input, output_size, True)  # type: ignore[no-any-return]


__all__ = [
    "adaptive_avg_pool1d",
    "adaptive_avg_pool2d",
    "adaptive_max_pool1d",
    "adaptive_max_pool1d_with_indices",
    "adaptive_max_pool2d",
    "adaptive_max_pool2d_with_indices",
    "alpha_dropout",
    "avg_pool1d",
    "avg_pool2d",
    "batch_norm",
    "bilinear",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "celu",
    "channel_shuffle",
    "conv1d",
    "conv2d",
    "conv_transpose1d",
    "conv_transpose2d",
    "cosine_embedding_loss",
    "cosine_similarity",
    "cross_entropy",
    "ctc_loss",
    "dropout",
    "dropout1d",
    "dropout2d",
    "dropout3d",
    "elu",
    "embedding",
    "embedding_bag",
    "feature_alpha_dropout",
    "fold",
    "gaussian_nll_loss",
    "gelu",
    "glu",
    "group_norm",
    "gumbel_softmax",
    "hardshrink",
    "hardsigmoid",
    "hardswish",
    "hardtanh",
    "hinge_embedding_loss",
    "huber_loss",
    "instance_norm",
    "interpolate",
    "kl_div",
    "l1_loss",
    "layer_norm",
    "leaky_relu",
    "linear",
    "local_response_norm",
    "log_softmax",
    "logsigmoid",
    "lp_pool1d",
    "lp_pool2d",
    "margin_ranking_loss",
    "max_pool1d",
    "max_pool1d_with_indices",
    "max_pool2d",
    "max_pool2d_with_indices",
    "mish",
    "mse_loss",
    "multi_margin_loss",
    "multilabel_margin_loss",
    "multilabel_soft_margin_loss",
    "nll_loss",
    "normalize",
    "one_hot",
    "pad",
    "pairwise_distance",
    "pixel_shuffle",
    "pixel_unshuffle",
    "poisson_nll_loss",
    "prelu",
    "relu",
    "relu6",
    "rms_norm",
    "rrelu",
    "scaled_dot_product_attention",
    "selu",
    "sigmoid",
    "silu",
    "smooth_l1_loss",
    "soft_margin_loss",
    "softmax",
    "softmin",
    "softplus",
    "softshrink",
    "softsign",
    "tanh",
    "tanhshrink",
    "threshold",
    "triplet_margin_loss",
    "triplet_margin_with_distance_loss",
    "unfold",
    "upsample",
    "upsample_bilinear",
    "upsample_nearest",
]


# Defined with nn.MultiheadAttention, which uses this module's linear, dropout and attention: imported last.
from minitorch_scalar.nn.multihead_attention import multi_head_attention_forward  # noqa: E402

__all__ += ["multi_head_attention_forward"]


def __getattr__(name: str) -> object:
    """A ``torch.nn.functional`` function minitorch_scalar lacks: MissingTorchFeature naming it; any other
    missing name: a plain AttributeError."""
    from minitorch_scalar.nn._torch_names import missing_feature

    raise missing_feature(__name__, "torch.nn.functional", name)
