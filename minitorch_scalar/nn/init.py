"""``nn.init``: fill a tensor in place with values drawn as torch draws them.

Every random fill reads torch's CPU generator (:mod:`minitorch_scalar.random`), so after
``manual_seed(s)`` the same sequence of init calls gives torch's numbers. The bounds:

* ``xavier_uniform_``: ``U(-a, a)`` with ``a = gain * sqrt(6 / (fan_in + fan_out))``.
* ``xavier_normal_``: ``N(0, std)`` with ``std = gain * sqrt(2 / (fan_in + fan_out))``.
* ``kaiming_uniform_``: ``U(-b, b)`` with ``b = sqrt(3) * gain / sqrt(fan)``,
  ``gain = calculate_gain(nonlinearity, a)``.
* ``kaiming_normal_``: ``N(0, gain / sqrt(fan))``.
* ``trunc_normal_``: ``N(mean, std)`` restricted to ``[a, b]`` (redraws or rejection sampling, as torch 2.13).
* ``orthogonal_``: the Q factor of a Gaussian matrix (rows orthonormal, or columns), times ``gain``.
* ``dirac_``: a convolution weight that copies its input channels; ``sparse_``: ``N(0, std)`` with a
  ``sparsity`` fraction of each column zeroed (rows from ``randperm``).

``fan_in`` is ``size(1) * receptive field``, ``fan_out`` is ``size(0) * receptive field`` (a Linear
weight of shape ``(out, in)`` has ``fan_in = in``).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

import minitorch_scalar.random as _random
from minitorch_scalar.autograd import no_grad
from minitorch_scalar.tensor import Tensor, from_array

_LINEAR_FNS = (
    "linear",
    "conv1d",
    "conv2d",
    "conv3d",
    "conv_transpose1d",
    "conv_transpose2d",
    "conv_transpose3d",
)


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    """The recommended gain for a nonlinearity: 1 (linear, sigmoid), 5/3 (tanh), sqrt(2) (relu),
    ``sqrt(2 / (1 + slope**2))`` (leaky_relu, slope default 0.01), 3/4 (selu).

    Raises:
        ValueError: for an unknown nonlinearity or a negative_slope that is not a number.
    """
    if nonlinearity in _LINEAR_FNS or nonlinearity == "sigmoid":
        return 1
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        if param is None:
            slope = 0.01
        elif isinstance(param, (int, float)) and not isinstance(param, bool):
            slope = param
        else:
            raise ValueError(f"negative_slope {param} not a valid number")
        return math.sqrt(2.0 / (1 + slope**2))
    if nonlinearity == "selu":
        return 3.0 / 4
    raise ValueError(f"Unsupported nonlinearity {nonlinearity}")


def _calculate_fan_in_and_fan_out(tensor: Tensor) -> tuple[int, int]:
    """``(fan_in, fan_out)`` of a weight of at least 2 dimensions.

    Raises:
        ValueError: for a tensor with fewer than 2 dimensions (torch's message).
    """
    if tensor.dim() < 2:
        raise ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
    receptive = 1
    for size in tensor.shape[2:]:
        receptive *= size
    return tensor.shape[1] * receptive, tensor.shape[0] * receptive


def _calculate_correct_fan(tensor: Tensor, mode: str) -> int:
    """``fan_in`` or ``fan_out`` by ``mode``."""
    mode = mode.lower()
    valid = ["fan_in", "fan_out"]
    if mode not in valid:
        raise ValueError(f"Mode {mode} not supported, please use one of {valid}")
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    return fan_in if mode == "fan_in" else fan_out


def _fill(tensor: Tensor, values: np.ndarray) -> Tensor:
    """Copy ``values`` into ``tensor`` in place (outside autograd) and return it."""
    with no_grad():
        tensor.copy_(from_array(values))
    return tensor


def _np_dtype(tensor: Tensor) -> Any:
    return tensor.dtype.np


def uniform_(tensor: Tensor, a: float = 0.0, b: float = 1.0, generator: Any = None) -> Tensor:
    """Fill with ``U(a, b)`` draws (``Tensor.uniform_``)."""
    return _fill(tensor, _random.uniform_array(tuple(tensor.shape), a, b, _np_dtype(tensor), generator=generator))


def normal_(tensor: Tensor, mean: float = 0.0, std: float = 1.0, generator: Any = None) -> Tensor:
    """Fill with ``N(mean, std**2)`` draws (``Tensor.normal_``)."""
    return _fill(tensor, _random.normal_array(tuple(tensor.shape), mean, std, _np_dtype(tensor), generator=generator))


def constant_(tensor: Tensor, val: float) -> Tensor:
    """Fill with ``val``."""
    return _fill(tensor, np.full(tuple(tensor.shape), val, dtype=_np_dtype(tensor)))


def zeros_(tensor: Tensor) -> Tensor:
    """Fill with 0."""
    return constant_(tensor, 0.0)


def ones_(tensor: Tensor) -> Tensor:
    """Fill with 1."""
    return constant_(tensor, 1.0)


def eye_(tensor: Tensor) -> Tensor:
    """Fill a 2-D tensor with the identity matrix.

    Raises:
        ValueError: for a tensor that is not 2-D.
    """
    if tensor.dim() != 2:
        raise ValueError("Only tensors with 2 dimensions are supported")
    return _fill(tensor, np.eye(*tensor.shape, dtype=_np_dtype(tensor)))


def xavier_uniform_(tensor: Tensor, gain: float = 1.0, generator: Any = None) -> Tensor:
    """Glorot uniform: ``U(-a, a)``, ``a = gain * sqrt(6 / (fan_in + fan_out))``."""
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    std = gain * math.sqrt(2.0 / float(fan_in + fan_out))
    a = math.sqrt(3.0) * std
    return uniform_(tensor, -a, a, generator)


def xavier_normal_(tensor: Tensor, gain: float = 1.0, generator: Any = None) -> Tensor:
    """Glorot normal: ``N(0, std**2)``, ``std = gain * sqrt(2 / (fan_in + fan_out))``."""
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    std = gain * math.sqrt(2.0 / float(fan_in + fan_out))
    return normal_(tensor, 0.0, std, generator)


def _kaiming_std(tensor: Tensor, a: float, mode: str, nonlinearity: str) -> float | None:
    """``gain / sqrt(fan)``, or None (with torch's warning) for a zero-element tensor."""
    if 0 in tuple(tensor.shape):
        warnings.warn("Initializing zero-element tensors is a no-op", UserWarning, stacklevel=3)
        return None
    fan = _calculate_correct_fan(tensor, mode)
    return calculate_gain(nonlinearity, a) / math.sqrt(fan)


def kaiming_uniform_(
    tensor: Tensor, a: float = 0, mode: str = "fan_in", nonlinearity: str = "leaky_relu", generator: Any = None
) -> Tensor:
    """He uniform: ``U(-b, b)``, ``b = sqrt(3) * gain / sqrt(fan)`` (nn.Linear uses ``a = sqrt(5)``)."""
    std = _kaiming_std(tensor, a, mode, nonlinearity)
    if std is None:
        return tensor
    bound = math.sqrt(3.0) * std
    return uniform_(tensor, -bound, bound, generator)


def kaiming_normal_(
    tensor: Tensor, a: float = 0, mode: str = "fan_in", nonlinearity: str = "leaky_relu", generator: Any = None
) -> Tensor:
    """He normal: ``N(0, (gain / sqrt(fan))**2)``."""
    std = _kaiming_std(tensor, a, mode, nonlinearity)
    if std is None:
        return tensor
    return normal_(tensor, 0.0, std, generator)


def _truncated_by_redraw(
    shape: tuple[int, ...], mean: float, std: float, lo: Any, hi: Any, dt: Any, gen: Any
) -> np.ndarray:
    """``N(mean, std)`` draws; every value outside ``[lo, hi]`` is replaced from a fresh full-size draw until
    none is left (torch's path when the interval holds more than 30% of the mass)."""
    result = _random.normal_array(shape, mean, std, dt, generator=gen)
    while True:
        outside = (result < lo) | (result > hi)
        if not outside.any():
            return result
        result = np.where(outside, _random.normal_array(shape, mean, std, dt, generator=gen), result)


def _truncated_by_rejection(
    shape: tuple[int, ...], mean: float, std: float, a: float, b: float, dt: Any, gen: Any
) -> np.ndarray:
    """Uniform proposals on ``[a, b]`` accepted with probability ``pdf(x) / pdf(mode)`` (``log u <
    log_pdf(x) - log_peak``), pending positions re-proposed together (torch's path for narrow intervals)."""
    mode = max(a, min(mean, b))
    log_peak = -0.5 * ((mode - mean) / std) ** 2

    def log_ratio(x: np.ndarray) -> np.ndarray:
        z = (x - dt.type(mean)) / dt.type(std)
        return z * z * dt.type(-0.5) - dt.type(log_peak)

    result = _random.uniform_array(shape, a, b, dt, generator=gen)
    pending = np.log(_random.uniform_array(shape, 0.0, 1.0, dt, generator=gen)) > log_ratio(result)
    while pending.any():
        candidates = _random.uniform_array(shape, a, b, dt, generator=gen)
        result = np.where(pending, candidates, result)
        retry = np.log(_random.uniform_array(shape, 0.0, 1.0, dt, generator=gen)) > log_ratio(candidates)
        pending = np.where(pending, retry, pending)
    return result


def trunc_normal_(
    tensor: Tensor, mean: float = 0.0, std: float = 1.0, a: float = -2.0, b: float = 2.0, generator: Any = None
) -> Tensor:
    """``N(mean, std**2)`` restricted to ``[a, b]``, sampled as torch 2.13 samples it: when ``[a, b]`` holds
    more than 30% of the mass, normal draws with out-of-range values redrawn; otherwise rejection sampling
    with uniform proposals. So after ``manual_seed(s)`` the values are torch's."""
    if mean < a - 2 * std or mean > b + 2 * std:
        warnings.warn(
            "mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be "
            "incorrect.",
            UserWarning,
            stacklevel=2,
        )

    def norm_cdf(x: float) -> float:
        return (1.0 + math.erf(x / math.sqrt(2.0))) / 2.0

    dt = np.dtype(_np_dtype(tensor))
    shape = tuple(tensor.shape)
    if norm_cdf((b - mean) / std) - norm_cdf((a - mean) / std) > 0.3:
        values = _truncated_by_redraw(shape, mean, std, dt.type(a), dt.type(b), dt, generator)
    else:
        values = _truncated_by_rejection(shape, mean, std, a, b, dt, generator)
    return _fill(tensor, values.astype(dt))


def orthogonal_(tensor: Tensor, gain: float = 1.0, generator: Any = None) -> Tensor:
    """A (semi-)orthogonal matrix times ``gain``: the Q of the QR decomposition of a ``N(0, 1)`` matrix of
    shape ``(rows, numel / rows)`` (transposed when wider than tall), with column signs fixed so ``diag(R)``
    is positive, as torch computes it.

    Raises:
        ValueError: for a tensor with fewer than 2 dimensions (torch's message).
    """
    if tensor.dim() < 2:
        raise ValueError("Only tensors with 2 or more dimensions are supported")
    if tensor.numel() == 0:
        return tensor
    rows = tensor.shape[0]
    cols = tensor.numel() // rows
    dt = _np_dtype(tensor)
    flat = _random.normal_array((rows, cols), 0.0, 1.0, dt, generator=generator)
    if rows < cols:
        flat = flat.T
    q, r = np.linalg.qr(flat)
    q = q * np.sign(np.diag(r))
    if rows < cols:
        q = q.T
    return _fill(tensor, (q.reshape(tuple(tensor.shape)) * dt.type(gain)).astype(dt))


def dirac_(tensor: Tensor, groups: int = 1) -> Tensor:
    """Fill a 3-, 4- or 5-D convolution weight with the Dirac delta: a convolution with it copies its input
    channels (``w[g * out_per_group + d, d, centre] = 1`` for ``d < min(out_per_group, in_channels)``, else 0).

    Raises:
        ValueError: for another rank, or ``size(0)`` not divisible by ``groups`` (torch's messages).
    """
    if tensor.dim() not in (3, 4, 5):
        raise ValueError("Only tensors with 3, 4, or 5 dimensions are supported")
    sizes = tuple(tensor.shape)
    if sizes[0] % groups != 0:
        raise ValueError("dim 0 must be divisible by groups")
    per_group = sizes[0] // groups
    values = np.zeros(sizes, dtype=_np_dtype(tensor))
    centre = tuple(s // 2 for s in sizes[2:])
    for g in range(groups):
        for d in range(min(per_group, sizes[1])):
            values[(g * per_group + d, d, *centre)] = 1
    return _fill(tensor, values)


def sparse_(tensor: Tensor, sparsity: float, std: float = 0.01, generator: Any = None) -> Tensor:
    """Fill a 2-D tensor with ``N(0, std)`` draws, then zero ``ceil(sparsity * rows)`` random rows of each
    column. Draws as torch: the normal fill (from ``generator``), then one ``randperm(rows)`` per column
    from the default generator, so after ``manual_seed`` the values are torch's.

    Raises:
        ValueError: for a tensor that is not 2-D (torch's message).
    """
    if tensor.dim() != 2:
        raise ValueError("Only tensors with 2 dimensions are supported")
    rows, cols = tensor.shape
    num_zeros = int(math.ceil(sparsity * rows))
    values = _random.normal_array((rows, cols), 0.0, std, _np_dtype(tensor), generator=generator)
    for col in range(cols):
        values[_random.randperm_array(rows)[:num_zeros], col] = 0
    return _fill(tensor, values)


def _deprecated(fill: Callable[..., Tensor]) -> Callable[..., Tensor]:
    """The old name (without the trailing underscore) of ``fill``, warning as torch's aliases do."""
    new_name = fill.__name__
    old_name = new_name[:-1]

    def alias(*args: Any, **kwargs: Any) -> Tensor:
        warnings.warn(
            f"`nn.init.{old_name}` is now deprecated in favor of `nn.init.{new_name}`.", FutureWarning, stacklevel=2
        )
        return fill(*args, **kwargs)

    alias.__name__ = old_name
    alias.__doc__ = f"Deprecated alias of :func:`{new_name}`."
    return alias


uniform = _deprecated(uniform_)
normal = _deprecated(normal_)
constant = _deprecated(constant_)
eye = _deprecated(eye_)
dirac = _deprecated(dirac_)
xavier_uniform = _deprecated(xavier_uniform_)
xavier_normal = _deprecated(xavier_normal_)
kaiming_uniform = _deprecated(kaiming_uniform_)
kaiming_normal = _deprecated(kaiming_normal_)
orthogonal = _deprecated(orthogonal_)
sparse = _deprecated(sparse_)
