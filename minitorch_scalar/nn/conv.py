"""``nn.Conv1d`` and ``nn.Conv2d``: learned filters slid over a signal or an image.

Each of the ``out_channels`` filters has shape ``(in_channels / groups, *kernel_size)`` and is applied at
every output position (see :func:`minitorch_scalar.nn.functional.conv2d`). Initialised as torch does, from
the shared generator, weight then bias: ``W ~ U(-k, k)`` (``kaiming_uniform_(a=sqrt(5))``) and
``b ~ U(-k, k)`` with ``k = 1 / sqrt(fan_in)``, ``fan_in = in_channels / groups * prod(kernel_size)``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from minitorch_scalar.device import check_device
from minitorch_scalar.dtypes import dtype, get_default_dtype
from minitorch_scalar.nn import functional as F
from minitorch_scalar.nn import init
from minitorch_scalar.nn.module import Module
from minitorch_scalar.nn.parameter import Parameter
from minitorch_scalar.tensor import Tensor, from_array

_PADDING_MODES = ("zeros", "reflect", "replicate", "circular")


class _ConvNd(Module):
    """Shared state of the convolution layers (``torch.nn.modules.conv._ConvNd``).

    Raises:
        ValueError: for non-positive groups, channels not divisible by groups, a bad padding string or
            mode, or ``padding='same'`` with a stride (torch's messages).
    """

    _k = 0

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        kernel_size: Any,
        stride: Any = 1,
        padding: Any = 0,
        dilation: Any = 1,
        groups: int = 1,
        bias: bool = True,
        padding_mode: str = "zeros",
        device: object = None,
        dtype: dtype | None = None,
    ) -> None:
        super().__init__()
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
        self.dilation = F._ntuple(dilation, k)
        if isinstance(padding, str):
            if padding not in ("same", "valid"):
                raise ValueError(f"Invalid padding string {padding!r}, should be one of {{'same', 'valid'}}")
            if padding == "same" and any(s != 1 for s in self.stride):
                raise ValueError("padding='same' is not supported for strided convolutions")
            self.padding: Any = padding
        else:
            self.padding = F._ntuple(padding, k)
        if padding_mode not in _PADDING_MODES:
            raise ValueError(
                f"padding_mode must be one of {list(_PADDING_MODES)}, but got padding_mode='{padding_mode}'"
            )
        self.padding_mode = padding_mode
        self.output_padding = (0,) * k
        self.transposed = False
        self.groups = groups
        np_dtype = (dtype or get_default_dtype()).np
        shape = (out_channels, in_channels // groups, *self.kernel_size)
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

    def _pad_for_mode(self, input: Tensor) -> Tensor:  # noqa: A002
        """The input padded by ``padding_mode`` when it is not ``'zeros'`` (F.pad supports constant only)."""
        pads: list[int] = []
        for p in reversed(self.padding):
            pads += [p, p]
        return F.pad(input, pads, mode=self.padding_mode)

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002 - torch's argument name
        if self.padding_mode != "zeros":
            return F._convnd(
                self._k, self._pad_for_mode(input), self.weight, self.bias, self.stride, 0, self.dilation, self.groups
            )
        return F._convnd(self._k, input, self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups)

    def extra_repr(self) -> str:
        k = self._k
        text = f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, stride={self.stride}"
        if self.padding != (0,) * k:
            text += f", padding={self.padding}"
        if self.dilation != (1,) * k:
            text += f", dilation={self.dilation}"
        if self.groups != 1:
            text += f", groups={self.groups}"
        if self.bias is None:
            text += ", bias=False"
        if self.padding_mode != "zeros":
            text += f", padding_mode={self.padding_mode}"
        return text


class Conv1d(_ConvNd):
    """1-d convolution over ``(N, C_in, L)`` (or unbatched ``(C_in, L)``) input."""

    _k = 1


class Conv2d(_ConvNd):
    """2-d convolution over ``(N, C_in, H, W)`` (or unbatched ``(C_in, H, W)``) input."""

    _k = 2
