"""``nn.Bilinear``: ``y = x1^T A x2 + b``, one learned ``(in1, in2)`` matrix ``A`` per output feature."""

from __future__ import annotations

import math

import numpy as np

from minitorch_scalar.device import check_device
from minitorch_scalar.dtypes import dtype, get_default_dtype
from minitorch_scalar.nn import functional as F
from minitorch_scalar.nn import init
from minitorch_scalar.nn.module import Module
from minitorch_scalar.nn.parameter import Parameter
from minitorch_scalar.tensor import Tensor, from_array


class Bilinear(Module):
    """``y[..., o] = sum_ij x1[..., i] W[o, i, j] x2[..., j] + b[o]``.

    Initialised as torch does, weight then bias from the shared generator, both ``U(-k, k)`` with
    ``k = 1 / sqrt(in1_features)``.

    Raises:
        ValueError: for ``in1_features <= 0`` (torch's message).
    """

    def __init__(
        self,
        in1_features: int,
        in2_features: int,
        out_features: int,
        bias: bool = True,
        device: object = None,
        dtype: dtype | None = None,
    ) -> None:
        super().__init__()
        if device is not None:
            check_device(device)
        self.in1_features = in1_features
        self.in2_features = in2_features
        self.out_features = out_features
        np_dtype = (dtype or get_default_dtype()).np
        self.weight = Parameter(from_array(np.empty((out_features, in1_features, in2_features), np_dtype)))
        if bias:
            self.bias = Parameter(from_array(np.empty((out_features,), np_dtype)))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Weight, then bias, from ``U(-1/sqrt(in1), 1/sqrt(in1))``."""
        if self.in1_features <= 0:
            raise ValueError(f"in1_features must be > 0, but got (in1_features={self.in1_features})")
        bound = 1 / math.sqrt(self.weight.shape[1])
        init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input1: Tensor, input2: Tensor) -> Tensor:
        return F.bilinear(input1, input2, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (
            f"in1_features={self.in1_features}, in2_features={self.in2_features}, "
            f"out_features={self.out_features}, bias={self.bias is not None}"
        )
