"""``nn.ConvTranspose1d`` and ``nn.ConvTranspose2d``: learned upsampling, the adjoint of a convolution.

Each input cell scatters ``x * w`` into a ``kernel_size`` patch of the output, patches ``stride`` apart (see
:func:`minitorch_scalar.nn.functional.conv_transpose2d`); the output length is
``(L - 1) * stride - 2 * padding + dilation * (kernel_size - 1) + output_padding + 1``. The weight has shape
``(in_channels, out_channels / groups, *kernel_size)`` and is initialised as torch does, weight then bias
from the shared generator: ``kaiming_uniform_(a=sqrt(5))`` and ``b ~ U(-k, k)``, ``k = 1 / sqrt(fan_in)`` with
``fan_in = out_channels / groups * prod(kernel_size)`` (computed from the weight's shape, as torch does).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from minitorch_scalar.device import check_device
from minitorch_scalar.dtypes import dtype, get_default_dtype
from minitorch_scalar.nn import functional as F
from minitorch_scalar.nn import init
from minitorch_scalar.nn.module import Module
from minitorch_scalar.nn.parameter import Parameter
from minitorch_scalar.tensor import Tensor, from_array


class _ConvTransposeNd(Module):
    """Shared state of the transposed convolutions (``torch.nn.modules.conv._ConvTransposeNd``).

    Raises:
        ValueError: for non-positive groups, channels not divisible by groups or a padding mode other than
            ``'zeros'`` (torch's messages).
    """

    _k = 0

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        kernel_size: Any,
        stride: Any = 1,
        padding: Any = 0,
        output_padding: Any = 0,
        groups: int = 1,
        bias: bool = True,
        dilation: Any = 1,
        padding_mode: str = "zeros",
        device: object = None,
        dtype: dtype | None = None,
    ) -> None:
        super().__init__()
        if padding_mode != "zeros":
            raise ValueError(f'Only "zeros" padding mode is supported for {type(self).__name__}')
        if device is not None:
            check_device(device)
        if groups <= 0:
            raise ValueError("groups must be a positive integer")
        if in_channels % groups != 0:
            raise ValueError("in_channels must be divisible by groups")
        if out_channels % groups != 0:
            raise ValueError("out_channels must be divisible by groups")
        k = self._k
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.kernel_size = F._ntuple(kernel_size, k)
        self.stride = F._ntuple(stride, k)
        self.padding = F._ntuple(padding, k)
        self.dilation = F._ntuple(dilation, k)
        self.output_padding = F._ntuple(output_padding, k)
        self.transposed = True
        self.groups = groups
        self.padding_mode = padding_mode
        np_dtype = (dtype or get_default_dtype()).np
        shape = (in_channels, out_channels // groups, *self.kernel_size)
        self.weight = Parameter(from_array(np.empty(shape, np_dtype)))
        if bias:
            self.bias = Parameter(from_array(np.empty((out_channels,), np_dtype)))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Draw fresh weights (then bias) as torch's convolutions do."""
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
            if fan_in != 0:
                bound = 1 / math.sqrt(fan_in)
                init.uniform_(self.bias, -bound, bound)

    def _output_padding(self, input: Tensor, output_size: Sequence[int] | None) -> tuple[int, ...]:  # noqa: A002
        """``output_padding``, or the one that gives ``output_size`` (spatial sizes, optionally with the batch
        and channel sizes in front).

        Raises:
            ValueError: for an ``output_size`` of the wrong length or out of reach (torch's messages).
        """
        if output_size is None:
            return self.output_padding
        k = self._k
        lead = 2 if input.dim() == k + 2 else 1
        sizes = list(output_size)
        if len(sizes) == lead + k:
            sizes = sizes[lead:]
        if len(sizes) != k:
            raise ValueError(
                f"ConvTranspose{k}D: for {input.dim()}D input, output_size must have {k} or {lead + k} elements "
                f"(got {len(sizes)})"
            )
        smallest = [
            (n - 1) * s - 2 * p + d * (kk - 1) + 1
            for n, s, p, d, kk in zip(input.shape[lead:], self.stride, self.padding, self.dilation, self.kernel_size)
        ]
        largest = [low + s - 1 for low, s in zip(smallest, self.stride)]
        if any(not low <= size <= high for size, low, high in zip(sizes, smallest, largest)):
            raise ValueError(
                f"requested an output size of {output_size}, but valid sizes range from {smallest} to {largest} "
                f"(for an input of {input.shape[lead:]})"
            )
        return tuple(size - low for size, low in zip(sizes, smallest))

    def forward(self, input: Tensor, output_size: Sequence[int] | None = None) -> Tensor:  # noqa: A002
        extra = self._output_padding(input, output_size)
        return F._conv_transposend(
            self._k, input, self.weight, self.bias, self.stride, self.padding, extra, self.groups, self.dilation
        )

    def extra_repr(self) -> str:
        k = self._k
        text = f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, stride={self.stride}"
        if self.padding != (0,) * k:
            text += f", padding={self.padding}"
        if self.dilation != (1,) * k:
            text += f", dilation={self.dilation}"
        if self.output_padding != (0,) * k:
            text += f", output_padding={self.output_padding}"
        if self.groups != 1:
            text += f", groups={self.groups}"
        if self.bias is None:
            text += ", bias=False"
        return text


class ConvTranspose1d(_ConvTransposeNd):
    """1-d transposed convolution over ``(N, C_in, L)`` (or unbatched ``(C_in, L)``) input."""

    _k = 1


class ConvTranspose2d(_ConvTransposeNd):
    """2-d transposed convolution over ``(N, C_in, H, W)`` (or unbatched ``(C_in, H, W)``) input."""

    _k = 2
