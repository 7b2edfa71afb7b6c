"""The math of N-d convolution and max pooling on numpy arrays, and their graph nodes.

A convolution with stride ``s``, zero padding ``p``, dilation ``d`` and ``G`` groups computes, for each
output position ``o`` and kernel offset ``k``, ``y[n, f, o] = b[f] + sum_{c, k} w[f, c, k] * xp[n, g*C/G + c,
o*s + k*d]`` (``xp`` the padded input, ``g`` the group of filter ``f``). It is linear in ``x`` and in ``w``,
so its vector-Jacobian products are two more linear maps:

* ``input_grad(g, w)``: scatter ``sum_f g[n, f, o] w[f, c, k]`` back to ``xp[n, c, o*s + k*d]`` and crop
  the padding (a transposed convolution);
* ``weight_grad(x, g)``: ``sum_{n, o} g[n, f, o] xp[n, c, o*s + k*d]`` (a correlation of input and g).

Each of the three is a graph node whose backward is written with the other two (``<conv(u, w), g> =
<u, input_grad(g, w)> = <w, weight_grad(u, g)>``), so gradients of every order exist. The forward uses
``sliding_window_view`` (no Python loop over positions); ``input_grad`` loops over the kernel offsets only.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from minitorch_scalar.autograd import record
from minitorch_scalar.tensor import Tensor


@dataclass(frozen=True)
class ConvGeometry:
    """Stride, padding (per side: before, after), dilation and groups of one convolution."""

    stride: tuple[int, ...]
    padding: tuple[tuple[int, int], ...]
    dilation: tuple[int, ...]
    groups: int

    def padded(self, x: np.ndarray, fill: float = 0.0) -> np.ndarray:
        """``x`` with the spatial padding applied (``fill`` outside)."""
        widths = ((0, 0), (0, 0), *self.padding)
        return np.pad(x, widths, constant_values=fill) if any(any(p) for p in self.padding) else x

    def windows(self, xp: np.ndarray, kernel: tuple[int, ...]) -> np.ndarray:
        """View of ``xp`` with shape ``(N, C, *out, *kernel)``: the (dilated, strided) receptive fields."""
        k = len(kernel)
        span = tuple(d * (s - 1) + 1 for d, s in zip(self.dilation, kernel))
        view = sliding_window_view(xp, span, axis=tuple(range(2, 2 + k)))
        outs = tuple(slice(None, None, s) for s in self.stride)
        taps = tuple(slice(None, None, d) for d in self.dilation)
        return view[(slice(None), slice(None), *outs, *taps)]


def _letters(k: int) -> tuple[str, str]:
    """einsum letters for ``k`` output positions and ``k`` kernel offsets."""
    return "opq"[:k], "ijl"[:k]


def conv_array(x: np.ndarray, w: np.ndarray, geo: ConvGeometry) -> np.ndarray:
    """``y[n, f, o] = sum_{c, k} w[f, c, k] * xp[n, group(f)*C/G + c, o*s + k*d]`` (no bias)."""
    kernel = w.shape[2:]
    win = geo.windows(geo.padded(x), kernel)
    n, channels = win.shape[:2]
    g = geo.groups
    out_sp, ker = _letters(len(kernel))
    win = win.reshape(n, g, channels // g, *win.shape[2:])
    wg = w.reshape(g, w.shape[0] // g, *w.shape[1:])
    y = np.einsum(f"ngc{out_sp}{ker},gfc{ker}->ngf{out_sp}", win, wg, optimize=True)
    return np.ascontiguousarray(y.reshape(n, w.shape[0], *y.shape[3:])).astype(x.dtype, copy=False)


def input_grad_array(g: np.ndarray, w: np.ndarray, x_shape: tuple[int, ...], geo: ConvGeometry) -> np.ndarray:
    """The adjoint of :func:`conv_array` in ``x``: each output's gradient spread back over its window."""
    kernel = w.shape[2:]
    groups = geo.groups
    n, filters = g.shape[:2]
    out_sp, ker = _letters(len(kernel))
    gg = g.reshape(n, groups, filters // groups, *g.shape[2:])
    wg = w.reshape(groups, filters // groups, *w.shape[1:])
    spread = np.einsum(f"ngf{out_sp},gfc{ker}->ngc{out_sp}{ker}", gg, wg, optimize=True)
    spread = spread.reshape(n, x_shape[1], *spread.shape[3:])
    padded_shape = (n, x_shape[1], *(s + a + b for s, (a, b) in zip(x_shape[2:], geo.padding)))
    out = np.zeros(padded_shape, dtype=g.dtype)
    outs = g.shape[2:]
    for offset in itertools.product(*(range(s) for s in kernel)):
        target = tuple(
            slice(k * d, k * d + st * (o - 1) + 1, st) for k, d, st, o in zip(offset, geo.dilation, geo.stride, outs)
        )
        out[(slice(None), slice(None), *target)] += spread[(Ellipsis, *offset)]
    crop = tuple(slice(a, a + s) for s, (a, _) in zip(x_shape[2:], geo.padding))
    return out[(slice(None), slice(None), *crop)]


def weight_grad_array(x: np.ndarray, g: np.ndarray, w_shape: tuple[int, ...], geo: ConvGeometry) -> np.ndarray:
    """The adjoint of :func:`conv_array` in ``w``: ``sum_{n, o} g[n, f, o] * window[n, c, o, k]``."""
    kernel = tuple(w_shape[2:])
    win = geo.windows(geo.padded(x), kernel)
    n, channels = win.shape[:2]
    groups = geo.groups
    out_sp, ker = _letters(len(kernel))
    win = win.reshape(n, groups, channels // groups, *win.shape[2:])
    gg = g.reshape(n, groups, g.shape[1] // groups, *g.shape[2:])
    dw = np.einsum(f"ngc{out_sp}{ker},ngf{out_sp}->gfc{ker}", win, gg, optimize=True)
    return dw.reshape(w_shape).astype(x.dtype, copy=False)


# ----------------------------------------------------------------------------------------------- graph nodes
def _conv_any(x: Any, w: Any, geo: ConvGeometry) -> Any:
    return conv(x, w, None, geo) if isinstance(x, Tensor) or isinstance(w, Tensor) else conv_array(x, w, geo)


def _input_grad_any(g: Any, w: Any, x_shape: tuple[int, ...], geo: ConvGeometry) -> Any:
    if isinstance(g, Tensor) or isinstance(w, Tensor):
        return input_grad(g, w, x_shape, geo)
    return input_grad_array(g, w, x_shape, geo)


def _weight_grad_any(x: Any, g: Any, w_shape: tuple[int, ...], geo: ConvGeometry) -> Any:
    if isinstance(x, Tensor) or isinstance(g, Tensor):
        return weight_grad(x, g, w_shape, geo)
    return weight_grad_array(x, g, w_shape, geo)


def _conv_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    x, w, geo, dt = saved
    gx = m.cast(_input_grad_any(g, w, tuple(x.shape), geo), dt) if needs[0] else None
    gw = m.cast(_weight_grad_any(x, g, tuple(w.shape), geo), dt) if needs[1] else None
    gb = m.cast(m.sum(g, (0, *range(2, len(g.shape))), False), dt) if needs[2] else None
    return gx, gw, gb


def conv(x: Tensor, w: Tensor, b: Tensor | None, geo: ConvGeometry) -> Tensor:
    """The convolution node ``conv(x, w) + b`` (ConvolutionBackward0; inputs x, weight, bias)."""
    out = conv_array(x._data, w._data.astype(x._data.dtype, copy=False), geo)
    if b is not None:
        out = out + b._data.reshape((1, -1) + (1,) * (out.ndim - 2)).astype(out.dtype)
    return record("ConvolutionBackward0", out, (x, w, b), (x, w, geo, x._data.dtype), _conv_backward)


def _input_grad_backward(m: Any, u: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    g, w, geo = saved
    gg = _conv_any(u, w, geo) if needs[0] else None
    gw = _weight_grad_any(u, g, tuple(w.shape), geo) if needs[1] else None
    return gg, gw


def input_grad(g: Tensor, w: Tensor, x_shape: tuple[int, ...], geo: ConvGeometry) -> Tensor:
    """:func:`input_grad_array` as a node (its backward is a convolution and a weight correlation)."""
    out = input_grad_array(g._data, w._data, x_shape, geo)
    return record("ConvolutionBackwardBackward0", out, (g, w), (g, w, geo), _input_grad_backward)


def _weight_grad_backward(m: Any, v: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    x, g, geo = saved
    gx = _input_grad_any(g, v, tuple(x.shape), geo) if needs[0] else None
    gg = _conv_any(x, v, geo) if needs[1] else None
    return gx, gg


def weight_grad(x: Tensor, g: Tensor, w_shape: tuple[int, ...], geo: ConvGeometry) -> Tensor:
    """:func:`weight_grad_array` as a node (its backward is a transposed convolution and a convolution)."""
    out = weight_grad_array(x._data, g._data, w_shape, geo)
    return record("ConvolutionBackwardBackward0", out, (x, g), (x, g, geo), _weight_grad_backward)


# ------------------------------------------------------------------------------------------------ max pooling
def pool_output_size(size: int, kernel: int, stride: int, pad: int, dilation: int, ceil_mode: bool) -> int:
    """torch's pooling output length: ``floor_or_ceil((L + 2p - d(k-1) - 1) / s) + 1``; with ``ceil_mode`` a
    last window that would start in the right padding is dropped."""
    span = size + 2 * pad - dilation * (kernel - 1) - 1
    out = (math.ceil(span / stride) if ceil_mode else span // stride) + 1
    if ceil_mode and (out - 1) * stride >= size + pad:
        out -= 1
    return out


def _max_pool_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    shape, dt, index = saved
    return (m.index_grad(g, shape, dt, index, False),)


def max_pool(x: Tensor, geo: ConvGeometry, kernel: tuple[int, ...], outs: tuple[int, ...]) -> tuple[Tensor, np.ndarray]:
    """Max over each window (-inf padding); returns the node (MaxPool{k}DWithIndicesBackward0) and the flat
    spatial index of each maximum (the first one on ties, NaN counting as the maximum). An unbatched
    ``(C, ...)`` input is pooled as a batch of one, and the node keeps its shape."""
    k = len(kernel)
    unbatched = x._data.ndim == k + 1
    data = x._data[None] if unbatched else x._data
    extra = []
    for size, (before, _), ker, st, dil, out in zip(
        data.shape[2:], geo.padding, kernel, geo.stride, geo.dilation, outs
    ):
        need = (out - 1) * st + dil * (ker - 1) + 1
        extra.append((before, max(need - size - before, 0)))
    padded_geo = ConvGeometry(geo.stride, tuple(extra), geo.dilation, 1)
    fill = -np.inf if np.issubdtype(data.dtype, np.floating) else np.iinfo(data.dtype).min
    win = padded_geo.windows(padded_geo.padded(data, fill), kernel)
    win = win[(slice(None), slice(None), *(slice(0, o) for o in outs))]
    flat = win.reshape(*win.shape[: 2 + k], -1)
    arg = np.argmax(flat, axis=-1)
    values = np.take_along_axis(flat, arg[..., None], axis=-1)[..., 0]
    taps = np.unravel_index(arg, kernel)
    grid = np.indices(arg.shape, sparse=True)
    coords = tuple(grid[2 + i] * geo.stride[i] + taps[i] * geo.dilation[i] - extra[i][0] for i in range(k))
    flat_index = np.ravel_multi_index(coords, data.shape[2:])
    index: tuple[np.ndarray, ...] = (grid[0], grid[1], *coords)
    if unbatched:
        values, flat_index = values[0], flat_index[0]
        index = tuple(np.squeeze(np.broadcast_to(i, arg.shape), 0) for i in index[1:])
    name = f"MaxPool{k}DWithIndicesBackward0"
    saved = (x._data.shape, data.dtype, index)
    node = record(name, np.ascontiguousarray(values), (x,), saved, _max_pool_backward, frees=False)
    return node, flat_index.astype(np.int64)
