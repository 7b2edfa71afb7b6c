"""``nn.Linear``: the Tensor engine's version of the lecture's ``Layer``.

The lecture's ``Layer(nin, nout)`` holds ``nout`` Neurons, each with ``nin`` weights and a bias, and
computes ``[sum_i w_ji x_i + b_j for each neuron j]`` one Value at a time. ``nn.Linear(nin, nout)``
holds the same numbers as one weight matrix ``W`` of shape ``(nout, nin)`` (row ``j`` is neuron ``j``'s
weights) and a bias vector ``b``, and computes every neuron at once for a whole batch:
``y = x @ W.T + b``. The activation the lecture's Neuron applies is a separate module here
(``nn.Tanh()``), and stacking layers is ``nn.Sequential``.
"""

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


class Linear(Module):
    """``y = x @ W.T + b`` with ``W`` of shape ``(out_features, in_features)``.

    Initialised as torch does, from the shared generator, weight first then bias: ``W ~ U(-k, k)``
    (``kaiming_uniform_(a=sqrt(5))``) and ``b ~ U(-k, k)`` with ``k = 1 / sqrt(in_features)``. So after
    ``manual_seed(s)`` the weights are torch's.

    Args:
        in_features: size of each input sample.
        out_features: size of each output sample.
        bias: whether to learn an additive bias.
        device: ``None`` or the CPU (anything else fails as a CPU-only torch build does).
        dtype: the parameters' dtype (default float32).
    """

    def __init__(
        self, in_features: int, out_features: int, bias: bool = True, device: object = None, dtype: dtype | None = None
    ) -> None:
        super().__init__()
        if device is not None:
            check_device(device)
        self.in_features = in_features
        self.out_features = out_features
        np_dtype = (dtype or get_default_dtype()).np
        self.weight = Parameter(from_array(np.empty((out_features, in_features), np_dtype)))
        if bias:
            self.bias = Parameter(from_array(np.empty((out_features,), np_dtype)))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Draw fresh weights (then bias) as torch's ``nn.Linear`` does."""
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
            bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002 - torch's argument name
        return F.linear(input, self.weight, self.bias)

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, bias={self.bias is not None}"
