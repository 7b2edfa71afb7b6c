"""``F.scaled_dot_product_attention``: ``softmax(q k^T * scale + mask) v``, as torch 2.13 computes it on the CPU.

torch picks one of two kernels, and the grad_fn a script prints tells which:

* 4-D inputs of equal batch and head dims (and ``Ev = E``), without dropout, take the fused CPU kernel: one node,
  ``ScaledDotProductFlashAttentionForCpuBackward0``.
  Ours is one node too; its backward (below) recomputes the attention weights from the saved ``q``, ``k``.
* Anything else (2-D/3-D or broadcast inputs, ``dropout_p > 0``) takes the composite "math" path: matmul, add the mask,
  a safe softmax, dropout, matmul, each its own node. Ours runs the same Tensor ops.

Masks: a bool ``attn_mask`` keeps the positions that are True (the others get ``-inf``); a float mask is
added to the scores; ``is_causal`` keeps ``j <= i``. Both at once: the fused kernel applies both, the math
path raises (as torch).
A query row whose keys are all masked gets weights 0 (output 0), not NaN, in both paths.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

import minitorch_scalar.random as _random
from minitorch_scalar import tensor_ops
from minitorch_scalar.autograd import OUTPUT, record
from minitorch_scalar.tensor import Tensor, from_array

_FUSED = "ScaledDotProductFlashAttentionForCpuBackward0"


def _score_bias(attn_mask: Tensor | None, is_causal: bool, rows: int, cols: int, dt: np.dtype) -> np.ndarray | None:
    """The additive mask: 0 where attention is allowed, ``-inf`` where not, or the float mask itself; with
    both ``attn_mask`` and ``is_causal`` (only the fused kernel accepts that) their sum."""
    bias = None
    if attn_mask is not None:
        mask = attn_mask._data
        bias = np.where(mask, dt.type(0.0), dt.type(-np.inf)) if mask.dtype == np.bool_ else mask
    if is_causal:
        keep = np.tril(np.ones((rows, cols), dtype=np.bool_))
        causal = np.where(keep, dt.type(0.0), dt.type(-np.inf))
        bias = causal if bias is None else bias + causal
    return None if bias is None else np.asarray(bias, dtype=dt)


def _weights(
    m: Any, q: Any, k: Any, bias: np.ndarray | None, shift: np.ndarray, empty: np.ndarray, scale: float
) -> Any:
    """``P = exp(S - shift) / (sum_j exp(S - shift) + empty)`` with ``S = q k^T * scale + bias``.

    ``shift`` is the row max of ``S`` from the forward (0 on rows with every key masked) and ``empty`` is 1
    on those rows, so they get ``P = 0``; both are constants, so the formula serves both backends.
    """
    scores = m.matmul(q, m.mT(k)) * scale
    if bias is not None:
        scores = scores + m.const(bias)
    e = m.exp(scores - m.const(shift))
    last = len(shift.shape) - 1
    return e / (m.sum(e, (last,), True) + m.const(empty))


def _fused_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """With ``P`` the attention weights and ``out = P v``: ``dv = P^T g``, ``dP = g v^T``,
    ``dS = P * (dP - sum_j dP * P)`` (softmax), ``dq = scale * dS k``, ``dk = scale * dS^T q``; each summed
    back to its input's (broadcast) shape."""
    q, k, v, bias, shift, empty, scale, dt = saved
    p = _weights(m, q, k, bias, shift, empty, scale)
    gq = gk = gv = None
    if needs[2]:
        gv = m.sum_to(m.matmul(m.mT(p), g), tuple(v.shape), dt)
    if needs[0] or needs[1]:
        dp = m.matmul(g, m.mT(v))
        ds = p * (dp - m.sum(dp * p, (len(shift.shape) - 1,), True)) * scale
        if needs[0]:
            gq = m.sum_to(m.matmul(ds, k), tuple(q.shape), dt)
        if needs[1]:
            gk = m.sum_to(m.matmul(m.mT(ds), q), tuple(k.shape), dt)
    return gq, gk, gv


def _safe_softmax_array(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(P, shift, empty)``: the last-dim softmax with all-``-inf`` rows 0, the row max used as the shift
    (0 on those rows) and the 0/1 indicator of those rows, all in the scores' dtype."""
    dt = scores.dtype
    row_max = np.max(scores, axis=-1, keepdims=True)
    empty_rows = np.isneginf(row_max)
    shift = np.where(empty_rows, dt.type(0.0), row_max).astype(dt)
    empty = empty_rows.astype(dt)
    e = np.exp(scores - shift)
    return (e / (np.sum(e, axis=-1, keepdims=True) + empty)).astype(dt), shift, empty


def _np_dtype(t: Tensor) -> np.dtype:
    """The numpy dtype of a Tensor."""
    return np.dtype(t._data.dtype)


def _fused(q: Tensor, k: Tensor, v: Tensor, bias: np.ndarray | None, scale: float) -> Tensor:
    """The fused kernel: forward in numpy, one node whose backward is :func:`_fused_backward`."""
    dt = _np_dtype(q)
    scores = np.matmul(q._data, np.swapaxes(k._data, -1, -2)) * dt.type(scale)
    if bias is not None:
        scores = scores + bias
    p, shift, empty = _safe_softmax_array(scores.astype(dt, copy=False))
    out = np.matmul(p, v._data).astype(dt)
    saved = (q, k, v, bias, shift, empty, scale, dt)
    return record(_FUSED, out, (q, k, v), saved, _fused_backward)


def _safe_softmax(scores: Tensor) -> Tensor:
    """Softmax over the last dim with rows that are all ``-inf`` set to 0 (one SafeSoftmaxBackward0 node,
    whose backward is softmax's: ``out * (g - sum(g * out))``, so those rows get gradient 0)."""
    arr = scores._data
    out, _, _ = _safe_softmax_array(arr)
    return record("SafeSoftmaxBackward0", out, (scores,), (OUTPUT, arr.ndim - 1), tensor_ops.VJP["SoftmaxBackward0"])


def _math_path(q: Tensor, k: Tensor, v: Tensor, bias: np.ndarray | None, scale: float, dropout_p: float) -> Tensor:
    """torch's composite path: ``matmul``, ``+ mask``, safe softmax (``where``), dropout, ``matmul``."""
    dt = _np_dtype(q)
    root = math.sqrt(scale)
    scores = (q * root) @ (k.transpose(-2, -1) * root)
    if bias is not None:
        scores = scores + from_array(bias)
    weights = _safe_softmax(scores)
    if dropout_p > 0.0:
        keep = _random.bernoulli_array(tuple(weights.shape), 1.0 - dropout_p, dt) / dt.type(1.0 - dropout_p)
        weights = weights * from_array(keep.astype(dt, copy=False))
    return weights @ v


def scaled_dot_product_attention(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    attn_mask: Tensor | None = None,
    dropout_p: float = 0.0,
    is_causal: bool = False,
    scale: float | None = None,
    enable_gqa: bool = False,
) -> Tensor:
    """``softmax(Q K^T * scale + M) V`` over the last two dims, ``scale = 1/sqrt(E)`` unless given.

    ``query (..., L, E)``, ``key (..., S, E)``, ``value (..., S, Ev)`` -> ``(..., L, Ev)``; leading dims
    broadcast. ``dropout_p`` zeroes attention weights with torch's draws from the shared generator (and
    scales the rest by ``1/(1-p)``), as torch does whenever ``dropout_p > 0``, in training or not.

    Raises:
        TypeError: for a non-Tensor query/key/value (torch's message).
        RuntimeError: for ``enable_gqa=True`` with different head counts (not supported here), or for both
            ``attn_mask`` and ``is_causal`` on the math path (torch's message).
    """
    for position, (arg, t) in enumerate((("query", query), ("key", key), ("value", value)), start=1):
        tensor_ops.check_operand("scaled_dot_product_attention", t, position, arg)
    if enable_gqa and query.shape[-3] != key.shape[-3]:
        raise RuntimeError("scaled_dot_product_attention: enable_gqa with fewer key/value heads is not supported")
    dt = _np_dtype(query)
    factor = 1.0 / math.sqrt(query.shape[-1]) if scale is None else float(scale)
    batch = query.shape[:-2]
    same_dims = key.shape[:-2] == batch and value.shape[:-2] == batch and value.shape[-1] == query.shape[-1]
    fused = dropout_p == 0.0 and query.dim() == 4 and same_dims
    if is_causal and attn_mask is not None and not fused:
        raise RuntimeError("_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True")
    bias = _score_bias(attn_mask, is_causal, query.shape[-2], key.shape[-2], dt)
    if fused:
        return _fused(query, key, value, bias, factor)
    return _math_path(query, key, value, bias, factor, float(dropout_p))
