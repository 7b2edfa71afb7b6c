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
from typing import Any

import numpy as np

import minitorch_scalar.random as _random
from minitorch_scalar import tensor_ops
from minitorch_scalar.autograd import record
from minitorch_scalar.dtypes import int64, uint8
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
    total = np.sum(loss, dtype=loss.dtype)
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
    try:
        a, b = np.broadcast_arrays(input._data.astype(dt, copy=False), target._data.astype(dt, copy=False))
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


# ------------------------------------------------------------------------------------ linear & dropout
def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:  # noqa: A002
    """``y = x @ W.T + b`` over the last dimension of ``x`` (torch's ``F.linear``).

    A 2-D input with a bias is one ``addmm`` node (AddmmBackward0, weight through TBackward0); other
    ranks are flattened to 2-D and viewed back (ViewBackward0), as torch does.
    """
    tensor_ops.check_operand("linear", input)
    tensor_ops.check_operand("linear", weight, 2, "weight")
    if input.dim() == 0 or weight.dim() == 0:
        raise RuntimeError(
            f"both arguments to linear need to be at least 1D, but they are {input.dim()}D and {weight.dim()}D"
        )
    wt = weight.t()
    if bias is None:
        return input @ wt
    if input.dim() == 2:
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
    if input.dim() == 1 and target.dim() != 0:
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")


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


__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "cross_entropy",
    "dropout",
    "gelu",
    "huber_loss",
    "l1_loss",
    "leaky_relu",
    "linear",
    "log_softmax",
    "mse_loss",
    "nll_loss",
    "one_hot",
    "relu",
    "sigmoid",
    "smooth_l1_loss",
    "softmax",
    "tanh",
]
