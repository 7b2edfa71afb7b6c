"""More normalisation layers: ``GroupNorm``, ``InstanceNorm1d``, ``InstanceNorm2d``, ``LocalResponseNorm``,
``RMSNorm``.

They differ from BatchNorm/LayerNorm in which elements share a mean and variance:

* GroupNorm: per sample, over each group of ``num_channels / num_groups`` channels and all positions
  (``num_groups = 1`` is LayerNorm over ``(C, ...)``; ``num_groups = C`` is InstanceNorm); same in train/eval.
* InstanceNorm: per sample and channel, over the positions. No affine parameters and no running stats by
  default; with ``track_running_stats=True`` eval mode uses running estimates, as BatchNorm does.
* RMSNorm: per sample over the last dimensions, like LayerNorm but dividing by the root mean square
  (no mean subtracted, no bias).
* LocalResponseNorm: no statistics; each value is divided by a power of the mean square of its
  neighbouring channels.

Parameters start at ``weight = 1`` and ``bias = 0`` (no random draws), as torch's do.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np

from minitorch_scalar.device import check_device
from minitorch_scalar.dtypes import dtype, get_default_dtype
from minitorch_scalar.nn import functional as F
from minitorch_scalar.nn import init
from minitorch_scalar.nn.module import Module
from minitorch_scalar.nn.normalization import _BatchNorm, register_affine, reset_affine
from minitorch_scalar.nn.parameter import Parameter
from minitorch_scalar.tensor import Tensor, from_array


class GroupNorm(Module):
    """Group normalisation of ``(N, C, ...)`` input.

    Args:
        num_groups: how many groups the channels are split into.
        num_channels: ``C``.
        eps: added to the variance before the square root.
        affine: whether to learn a per-channel ``weight`` (and ``bias``).
        device: ``None`` or the CPU.
        dtype: the parameters' dtype (default float32).
        bias: with ``affine``, whether to learn a bias.

    Raises:
        ValueError: when ``num_channels`` is not divisible by ``num_groups`` (torch's message).
    """

    def __init__(
        self,
        num_groups: int,
        num_channels: int,
        eps: float = 1e-5,
        affine: bool = True,
        device: object = None,
        dtype: dtype | None = None,
        *,
        bias: bool = True,
    ) -> None:
        super().__init__()
        if device is not None:
            check_device(device)
        if num_channels % num_groups != 0:
            raise ValueError(f"num_channels ({num_channels}) must be divisible by num_groups ({num_groups})")
        self.num_groups = num_groups
        self.num_channels = num_channels
        self.eps = eps
        self.affine = affine
        np_dtype = (dtype or get_default_dtype()).np
        register_affine(self, affine, (num_channels,), bias, np_dtype)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """``weight = 1`` and ``bias = 0``."""
        reset_affine(self, self.affine)

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002 - torch's argument name
        return F.group_norm(input, self.num_groups, self.weight, self.bias, self.eps)

    def extra_repr(self) -> str:
        return (
            f"{self.num_groups}, {self.num_channels}, eps={self.eps}, affine={self.affine}, "
            f"bias={self.bias is not None}"
        )


class _InstanceNorm(_BatchNorm):
    """Shared forward of the InstanceNorm layers (state and repr as BatchNorm's, other defaults).

    Raises:
        ValueError: for an input rank the layer does not accept, or (with ``affine``) a channel count other
            than ``num_features`` (torch's messages).
    """

    def __init__(
        self,
        num_features: int,
        eps: float = 1e-5,
        momentum: float | None = 0.1,
        affine: bool = False,
        track_running_stats: bool = False,
        device: object = None,
        dtype: dtype | None = None,
        *,
        bias: bool = True,
    ) -> None:
        super().__init__(num_features, eps, momentum, affine, track_running_stats, device, dtype, bias=bias)

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        self._check_input_dim(input)
        unbatched = self._ranks[0]
        feature_dim = input.dim() - unbatched
        if input.shape[feature_dim] != self.num_features:
            if self.affine:
                raise ValueError(
                    f"expected input's size at dim={feature_dim} to match num_features ({self.num_features}), but "
                    f"got: {input.shape[feature_dim]}."
                )
            warnings.warn(
                f"input's size at dim={feature_dim} does not match num_features. You can silence this warning by "
                "not passing in num_features, which is not used because affine=False",
                UserWarning,
                stacklevel=2,
            )
        if input.dim() == unbatched:
            return self._instance_norm(input.unsqueeze(0)).squeeze(0)
        return self._instance_norm(input)

    def _instance_norm(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.instance_norm(
            input,
            self.running_mean,
            self.running_var,
            self.weight,
            self.bias,
            self.training or not self.track_running_stats,
            self.momentum if self.momentum is not None else 0.0,
            self.eps,
        )


class InstanceNorm1d(_InstanceNorm):
    """Instance normalisation of ``(N, C, L)`` or unbatched ``(C, L)`` input."""

    _ranks = (2, 3)
    _ranks_text = "2D or 3D"


class InstanceNorm2d(_InstanceNorm):
    """Instance normalisation of ``(N, C, H, W)`` or unbatched ``(C, H, W)`` input."""

    _ranks = (3, 4)
    _ranks_text = "3D or 4D"


class LocalResponseNorm(Module):
    """``x / (k + alpha * mean of x^2 over size neighbouring channels) ** beta``."""

    def __init__(self, size: int, alpha: float = 1e-4, beta: float = 0.75, k: float = 1.0) -> None:
        super().__init__()
        self.size = size
        self.alpha = alpha
        self.beta = beta
        self.k = k

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.local_response_norm(input, self.size, self.alpha, self.beta, self.k)

    def extra_repr(self) -> str:
        return f"{self.size}, alpha={self.alpha}, beta={self.beta}, k={self.k}"


class RMSNorm(Module):
    """Root-mean-square normalisation over the last dimensions ``normalized_shape``:
    ``x / sqrt(mean(x^2) + eps) * weight`` (no centring, no bias; ``eps=None`` uses the dtype's epsilon).

    Args:
        normalized_shape: an int (the last dimension's size) or the trailing shape.
        eps: added to the mean square before the square root.
        elementwise_affine: whether to learn ``weight`` (starts at 1).
        device: ``None`` or the CPU.
        dtype: the weight's dtype (default float32).
    """

    def __init__(
        self,
        normalized_shape: int | Sequence[int],
        eps: float | None = None,
        elementwise_affine: bool = True,
        device: object = None,
        dtype: dtype | None = None,
    ) -> None:
        super().__init__()
        if device is not None:
            check_device(device)
        shape = (normalized_shape,) if isinstance(normalized_shape, int) else normalized_shape
        self.normalized_shape = tuple(int(s) for s in shape)
        self.eps = eps
        self.elementwise_affine = elementwise_affine
        if elementwise_affine:
            np_dtype = (dtype or get_default_dtype()).np
            self.weight = Parameter(from_array(np.empty(self.normalized_shape, np_dtype)))
        else:
            self.register_parameter("weight", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """``weight = 1``."""
        if self.elementwise_affine:
            init.ones_(self.weight)

    def forward(self, x: Tensor) -> Tensor:
        return F.rms_norm(x, self.normalized_shape, self.weight, self.eps)

    def extra_repr(self) -> str:
        return f"{self.normalized_shape}, eps={self.eps}, elementwise_affine={self.elementwise_affine}"
