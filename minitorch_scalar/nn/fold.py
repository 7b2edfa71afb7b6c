"""``F.unfold`` / ``F.fold`` (im2col / col2im) and the ``nn.Unfold`` / ``nn.Fold`` modules.

``unfold`` cuts every ``kh x kw`` window (with ``dilation``, ``padding``, ``stride``) out of a
``(N, C, H, W)`` image and lays it out as a column: ``(N, C*kh*kw, L)`` with ``L`` the number of windows,
column ``l`` holding window ``l``'s values channel by channel, row by row. ``fold`` is its adjoint: each
column is put back at its window's place and overlapping entries are summed. So each is the other's
backward: ``d unfold = fold`` and ``d fold = unfold`` (grad_fns ``Im2ColBackward0`` / ``Col2ImBackward0``).

Both are written once against a backend ``m`` (numpy for the forward and plain backward, Tensor ops
under ``create_graph``) from two index moves: zero padding is ``index_grad`` into the padded shape, the
window gather is ``getitem`` with one index array per spatial dim, and its adjoint is ``index_grad``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from minitorch_scalar import tensor_ops
from minitorch_scalar.autograd import record
from minitorch_scalar.nn.module import Module
from minitorch_scalar.tensor import Tensor

Pair = int | tuple[int, int]


def _pair(value: Any) -> tuple[int, int]:
    """``3 -> (3, 3)``; a pair as a tuple of ints."""
    if isinstance(value, int):
        return (value, value)
    first, second = value
    return (int(first), int(second))


@dataclass(frozen=True)
class _Geometry:
    """Where the windows of a ``(N, C, H, W)`` image fall, in padded coordinates."""

    batch: int
    channels: int
    size: tuple[int, int]
    kernel: tuple[int, int]
    dilation: tuple[int, int]
    padding: tuple[int, int]
    stride: tuple[int, int]

    @property
    def blocks(self) -> tuple[int, int]:
        """Windows along each spatial dim: ``(size + 2 pad - dilation (k - 1) - 1) // stride + 1``."""
        return tuple(  # type: ignore[return-value]
            (s + 2 * p - d * (k - 1) - 1) // st + 1
            for s, p, d, k, st in zip(self.size, self.padding, self.dilation, self.kernel, self.stride, strict=True)
        )

    @property
    def padded(self) -> tuple[int, int, int, int]:
        """The zero-padded image's shape."""
        return (self.batch, self.channels, self.size[0] + 2 * self.padding[0], self.size[1] + 2 * self.padding[1])

    @property
    def inner(self) -> tuple[slice, ...]:
        """The index of the original image inside the padded one."""
        (h, w), (ph, pw) = self.size, self.padding
        return (slice(None), slice(None), slice(ph, ph + h), slice(pw, pw + w))

    @property
    def windows(self) -> tuple[Any, ...]:
        """Index arrays picking ``padded[n, c, ki, kj, i, j]`` = pixel ``(i*sh + ki*dh, j*sw + kj*dw)``."""
        (kh, kw), (dh, dw), (sh, sw), (lh, lw) = self.kernel, self.dilation, self.stride, self.blocks
        rows = (np.arange(kh) * dh)[:, None, None, None] + (np.arange(lh) * sh)[None, None, :, None]
        cols = (np.arange(kw) * dw)[None, :, None, None] + (np.arange(lw) * sw)[None, None, None, :]
        rows, cols = np.broadcast_arrays(rows, cols)
        return (slice(None), slice(None), rows, cols)

    @property
    def column_shape(self) -> tuple[int, int, int]:
        """``(N, C*kh*kw, L)``."""
        (kh, kw), (lh, lw) = self.kernel, self.blocks
        return (self.batch, self.channels * kh * kw, lh * lw)

    @property
    def window_shape(self) -> tuple[int, ...]:
        """``(N, C, kh, kw, Lh, Lw)``: the gathered windows before flattening."""
        return (self.batch, self.channels, *self.kernel, *self.blocks)


def _im2col(m: Any, image: Any, geo: _Geometry, dt: np.dtype) -> Any:
    """``(N, C, H, W) -> (N, C*kh*kw, L)``: pad with zeros, gather the windows, flatten."""
    padded = m.index_grad(image, geo.padded, dt, geo.inner, True)
    return m.reshape(m.getitem(padded, geo.windows), geo.column_shape)


def _col2im(m: Any, columns: Any, geo: _Geometry, dt: np.dtype) -> Any:
    """``(N, C*kh*kw, L) -> (N, C, H, W)``: add each column back at its window, drop the padding."""
    summed = m.index_grad(m.reshape(columns, geo.window_shape), geo.padded, dt, geo.windows, False)
    return m.getitem(summed, geo.inner)


def _unfold_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d unfold = fold of the upstream gradient."""
    geo, dt = saved
    return (_col2im(m, g, geo, dt),)


def _fold_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d fold = unfold of the upstream gradient."""
    geo, dt = saved
    return (_im2col(m, g, geo, dt),)


def _check_params(kernel: tuple[int, int], dilation: tuple[int, int], padding: tuple[int, int],
                  stride: tuple[int, int]) -> None:
    """torch's messages for non-positive kernel/dilation/stride and negative padding."""
    checks = (
        (kernel, 0, "kernel size should be greater than zero", "kernel"),
        (dilation, 0, "dilation should be greater than zero", "dilation"),
        (padding, -1, "padding should be non-negative", "pad"),
        (stride, 0, "stride should be greater than zero", "stride"),
    )
    for (h, w), floor, text, label in checks:
        if h <= floor or w <= floor:
            raise RuntimeError(f"{text}, but got {label}_height: {h} {label}_width: {w}")


def _check_float(name: str, input: Tensor) -> None:  # noqa: A002 - torch's argument name
    """torch's error for integer input (the CPU kernels exist for floating types only)."""
    if not input.dtype.is_floating_point:
        scalar = input.type().removeprefix("torch.").removesuffix("Tensor")
        raise NotImplementedError(f'"{name}_out_cpu" not implemented for \'{scalar}\'')


def unfold(
    input: Tensor,  # noqa: A002
    kernel_size: Pair,
    dilation: Pair = 1,
    padding: Pair = 0,
    stride: Pair = 1,
) -> Tensor:
    """Every sliding window of a ``(N, C, H, W)`` (or ``(C, H, W)``) input as a column of
    ``(N, C*kh*kw, L)`` (``(C*kh*kw, L)``); see the module docstring.

    Raises:
        RuntimeError: for input that is not 3-D/4-D, bad kernel/dilation/padding/stride, or no window
            fitting (torch's messages).
    """
    tensor_ops.check_operand("unfold", input)
    if input.dim() < 3:
        n = input.dim()
        raise IndexError(f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {n})")
    if input.dim() > 4:
        raise RuntimeError(
            "Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for "
            f"input, but got: {list(input.shape)}"
        )
    _check_float("im2col", input)
    params = (_pair(kernel_size), _pair(dilation), _pair(padding), _pair(stride))
    _check_params(*params)
    batched = input if input.dim() == 4 else input.unsqueeze(0)
    n, c, h, w = batched.shape
    geo = _Geometry(n, c, (h, w), *params)
    if min(geo.blocks) < 1:
        raise RuntimeError(
            f"Given input with spatial size ({h}, {w}), kernel_size={params[0]}, dilation={params[1]}, "
            f"padding={params[2]}, calculated shape of the array of sliding blocks as {geo.blocks}, but its "
            "components must be at least one."
        )
    dt = np.dtype(batched._data.dtype)
    out = _im2col(tensor_ops.ARRAY_VJP, batched._data, geo, dt).astype(dt, copy=False)
    result = record("Im2ColBackward0", out, (batched,), (geo, dt), _unfold_backward)
    return result if input.dim() == 4 else result.squeeze(0)


def fold(
    input: Tensor,  # noqa: A002
    output_size: Pair,
    kernel_size: Pair,
    dilation: Pair = 1,
    padding: Pair = 0,
    stride: Pair = 1,
) -> Tensor:
    """Sum columns ``(N, C*kh*kw, L)`` (or ``(C*kh*kw, L)``) back into a ``(N, C, H, W)`` image of
    ``output_size``, overlapping windows adding up; the adjoint of :func:`unfold`.

    Raises:
        RuntimeError: for input that is not 2-D/3-D, a size not divisible by ``kh*kw``, an ``L`` that is
            not the number of windows, or bad kernel/dilation/padding/stride (torch's messages).
    """
    tensor_ops.check_operand("fold", input)
    if input.dim() not in (2, 3):
        raise RuntimeError(
            "Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions "
            f"for input, but got: {list(input.shape)}"
        )
    _check_float("col2im", input)
    size, params = _pair(output_size), (_pair(kernel_size), _pair(dilation), _pair(padding), _pair(stride))
    _check_params(*params)
    batched = input if input.dim() == 3 else input.unsqueeze(0)
    n, rows, length = batched.shape
    kh, kw = params[0]
    if rows % (kh * kw):
        raise RuntimeError(
            "Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got "
            f"input.size(1)={rows} and kernel_size={params[0]}."
        )
    geo = _Geometry(n, rows // (kh * kw), size, *params)
    lh, lw = geo.blocks
    if lh * lw != length:
        raise RuntimeError(
            f"Given output_size={size}, kernel_size={params[0]}, dilation={params[1]}, padding={params[2]}, "
            f"stride={params[3]}, expected size of input's dimension 2 to match the calculated number of sliding "
            f"blocks {lh} * {lw} = {lh * lw}, but got input.size(2)={length}."
        )
    dt = np.dtype(batched._data.dtype)
    out = _col2im(tensor_ops.ARRAY_VJP, batched._data, geo, dt).astype(dt, copy=False)
    result = record("Col2ImBackward0", np.ascontiguousarray(out), (batched,), (geo, dt), _fold_backward)
    return result if input.dim() == 3 else result.squeeze(0)


class Unfold(Module):
    """``nn.Unfold``: :func:`unfold` with the window settings stored on the module."""

    def __init__(self, kernel_size: Pair, dilation: Pair = 1, padding: Pair = 0, stride: Pair = 1) -> None:
        super().__init__()
        self.kernel_size = kernel_size
        self.dilation = dilation
        self.padding = padding
        self.stride = stride

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return unfold(input, self.kernel_size, self.dilation, self.padding, self.stride)

    def extra_repr(self) -> str:
        return (
            f"kernel_size={self.kernel_size}, dilation={self.dilation}, padding={self.padding}, stride={self.stride}"
        )


class Fold(Module):
    """``nn.Fold``: :func:`fold` with the output size and window settings stored on the module."""

    def __init__(
        self, output_size: Pair, kernel_size: Pair, dilation: Pair = 1, padding: Pair = 0, stride: Pair = 1
    ) -> None:
        super().__init__()
        self.output_size = output_size
        self.kernel_size = kernel_size
        self.dilation = dilation
        self.padding = padding
        self.stride = stride

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return fold(input, self.output_size, self.kernel_size, self.dilation, self.padding, self.stride)

    def extra_repr(self) -> str:
        return (
            f"output_size={self.output_size}, kernel_size={self.kernel_size}, dilation={self.dilation}, "
            f"padding={self.padding}, stride={self.stride}"
        )
