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
    mask = _random.bernoulli_array(tuple(input.shape), 1.0 - p, dt) / dt.type(1.0 - p)
    return input * from_array(mask.astype(dt, copy=False))


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
    x1, x2, eps, norm, p, keepdim, metas = saved
    d = x1 - x2 + eps
    n = m.const(norm if keepdim else np.expand_dims(norm, -1))
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
    saved = (x1, x2, eps, out, p, keepdim, (_meta(x1), _meta(x2)))
    return record("NormBackward1", out, (x1, x2), saved, _norm_backward_p)


def _pad_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """The gradient of the kept input region: the matching slice of ``g``, zero where the input was cropped."""
    inner, outer, shape, dt = saved
    return (m.index_grad(m.getitem(g, inner), shape, dt, outer, True),)


def pad(input: Tensor, pad: Sequence[int], mode: str = "constant", value: float | None = None) -> Tensor:  # noqa: A002
    """Pad (or crop, for negative sizes) the last ``len(pad) // 2`` dimensions with ``value``
    (ConstantPadNdBackward0). ``pad = (left, right, top, bottom, ...)`` starts at the last dimension.

    Raises:
        RuntimeError: for an odd-length ``pad`` or one longer than twice the rank (torch's messages).
        NotImplementedError: for modes other than ``'constant'`` (reflect/replicate/circular are not here).
    """
    tensor_ops.check_operand("pad", input)
    if len(pad) % 2:
        raise RuntimeError("Padding length must be divisible by 2")
    if len(pad) > 2 * input.dim():
        raise RuntimeError(
            "Padding length should be less than or equal to two times the input dimension but got padding length "
            f"{len(pad)} and input of dimension {input.dim()}"
        )
    if mode != "constant":
        raise NotImplementedError(f"F.pad mode '{mode}' is not implemented by minitorch_scalar (only 'constant')")
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


__all__ = [
    "adaptive_avg_pool2d",
    "avg_pool2d",
    "batch_norm",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "conv1d",
    "conv2d",
    "cosine_similarity",
    "cross_entropy",
    "dropout",
    "dropout1d",
    "dropout2d",
    "elu",
    "embedding",
    "gelu",
    "hardsigmoid",
    "hardswish",
    "hardtanh",
    "hinge_embedding_loss",
    "huber_loss",
    "kl_div",
    "l1_loss",
    "layer_norm",
    "leaky_relu",
    "linear",
    "log_softmax",
    "logsigmoid",
    "margin_ranking_loss",
    "max_pool1d",
    "max_pool2d",
    "mish",
    "mse_loss",
    "nll_loss",
    "normalize",
    "one_hot",
    "pad",
    "pairwise_distance",
    "prelu",
    "relu",
    "relu6",
    "selu",
    "sigmoid",
    "silu",
    "smooth_l1_loss",
    "soft_margin_loss",
    "softmax",
    "softmin",
    "softplus",
    "softsign",
    "tanh",
    "threshold",
]
