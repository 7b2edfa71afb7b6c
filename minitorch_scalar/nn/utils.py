"""``nn.utils``: gradient clipping, as training scripts call it between ``backward()`` and ``step()``, and
flattening parameters into one vector.

* ``clip_grad_norm_``: the total norm is the ``p``-norm of the per-parameter gradient norms (the norm
  of all gradients joined into one vector); when it exceeds ``max_norm`` every gradient is scaled by
  ``max_norm / (total_norm + 1e-6)``.
* ``clip_grad_value_``: every gradient element is clamped to ``[-clip_value, clip_value]``.
* ``parameters_to_vector`` / ``vector_to_parameters``: all parameters as one flat vector, and back.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from minitorch_scalar import tensor_ops
from minitorch_scalar.tensor import Tensor, from_array

# torch.nn.utils is a package (torch.nn.utils.rnn, .clip_grad, ...): its submodules are the files in nn/_utils.
__path__ = [str(Path(__file__).with_name("_utils"))]

Parameters = Tensor | Iterable[Tensor]


def _grads(parameters: Parameters) -> list[Tensor]:
    """The gradients that exist, in parameter order."""
    params = [parameters] if isinstance(parameters, Tensor) else list(parameters)
    return [p.grad for p in params if p.grad is not None]


def _vector_norm(values: np.ndarray, norm_type: float) -> np.ndarray:
    """``(sum |x|^p)^(1/p)`` (max |x| for p = inf), in the array's dtype."""
    mags = np.abs(values)
    if norm_type == math.inf:
        return np.asarray(mags.max() if mags.size else 0, dtype=values.dtype)
    if norm_type == 2.0:
        return np.asarray(np.sqrt(np.sum(mags * mags, dtype=values.dtype)), dtype=values.dtype)
    total = np.sum(mags ** values.dtype.type(norm_type), dtype=values.dtype)
    return np.asarray(total ** values.dtype.type(1.0 / norm_type), dtype=values.dtype)


def clip_grad_norm_(
    parameters: Parameters,
    max_norm: float,
    norm_type: float = 2.0,
    error_if_nonfinite: bool = False,
    foreach: bool | None = None,
) -> Tensor:
    """Scale all gradients in place so their joint ``norm_type``-norm is at most ``max_norm``.

    Returns:
        The total norm before clipping (a 0-d tensor).

    Raises:
        RuntimeError: for a non-finite total norm when ``error_if_nonfinite`` (torch's message).
    """
    grads = _grads(parameters)
    norm_type = math.inf if norm_type in ("inf", math.inf) else float(norm_type)
    if not grads:
        return from_array(np.array(0.0, dtype=np.float32))
    dt = grads[0]._data.dtype
    per_grad = np.array([_vector_norm(g._data, norm_type) for g in grads], dtype=dt)
    total = _vector_norm(per_grad, norm_type)
    if error_if_nonfinite and not np.isfinite(total):
        raise RuntimeError(
            f"The total norm of order {norm_type} for gradients from `parameters` is non-finite, so it cannot be "
            "clipped. To disable this error and scale the gradients by the non-finite norm anyway, set "
            "`error_if_nonfinite=False`"
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        coef = np.minimum(dt.type(max_norm) / (total + dt.type(1e-6)), dt.type(1.0))
    for g in grads:
        np.multiply(g._data, coef, out=g._data, casting="unsafe")
        g._vbox[0] += 1
    return from_array(np.asarray(total, dtype=dt))


def clip_grad_value_(parameters: Parameters, clip_value: float, foreach: bool | None = None) -> None:
    """Clamp every gradient element to ``[-clip_value, clip_value]`` in place."""
    for g in _grads(parameters):
        np.clip(g._data, -clip_value, clip_value, out=g._data)
        g._vbox[0] += 1


def parameters_to_vector(parameters: Iterable[Tensor]) -> Tensor:
    """All parameters flattened and joined into one 1-D tensor, in order (``cat`` of ``p.view(-1)``;
    differentiable, CatBackward0)."""
    return tensor_ops.cat([param.view(-1) for param in parameters])


def vector_to_parameters(vec: Tensor, parameters: Iterable[Tensor]) -> None:
    """Copy consecutive slices of the 1-D ``vec`` into the parameters' data (the inverse of
    :func:`parameters_to_vector`), replacing each ``param.data``.

    Raises:
        TypeError: when ``vec`` is not a Tensor (torch's message).
    """
    if not isinstance(vec, Tensor):
        raise TypeError(f"expected torch.Tensor, but got: {type(vec).__name__}")
    start = 0
    for param in parameters:
        count = param.numel()
        param.data = vec[start : start + count].view_as(param).data
        start += count
