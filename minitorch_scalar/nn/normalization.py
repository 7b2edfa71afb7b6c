"""Normalisation layers: ``BatchNorm1d``, ``BatchNorm2d`` and ``LayerNorm``.

All compute ``y = (x - mean) / sqrt(var + eps) * weight + bias`` (see
:func:`minitorch_scalar.nn.functional.batch_norm` and :func:`~minitorch_scalar.nn.functional.layer_norm`);
they differ in which elements share a mean and variance:

* BatchNorm: one mean/variance per channel (dimension 1), over the batch and any positions after the
  channel. In training mode the batch's statistics are used and the running estimates
  ``running_mean``/``running_var`` (buffers) move towards them; in eval mode (``model.eval()``) the running
  estimates are used instead, so one sample's output no longer depends on the rest of the batch.
* LayerNorm: one mean/variance per sample, over its last ``len(normalized_shape)`` dimensions; the same
  in training and eval mode.

Parameters start at ``weight = 1`` and ``bias = 0`` (no random draws), as torch's do.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from minitorch_scalar.autograd import no_grad
from minitorch_scalar.device import check_device
from minitorch_scalar.dtypes import dtype, get_default_dtype
from minitorch_scalar.nn import functional as F
from minitorch_scalar.nn import init
from minitorch_scalar.nn.module import Module
from minitorch_scalar.nn.parameter import Parameter
from minitorch_scalar.tensor import Tensor, from_array


def register_affine(module: Module, enabled: bool, shape: tuple[int, ...], bias: bool, np_dtype: np.dtype) -> None:
    """A normalization layer's ``weight`` then ``bias`` (uninitialised, of ``shape``), or None for what it
    lacks: both when not ``enabled``, the bias when ``bias`` is False (torch's registration order)."""
    if enabled:
        module.weight = Parameter(from_array(np.empty(shape, np_dtype)))
        if bias:
            module.bias = Parameter(from_array(np.empty(shape, np_dtype)))
        else:
            module.register_parameter("bias", None)
    else:
        module.register_parameter("weight", None)
        module.register_parameter("bias", None)


def reset_affine(module: Module, enabled: bool) -> None:
    """``weight = 1`` and ``bias = 0`` (when ``enabled``, and the bias only if there is one)."""
    if enabled:
        init.ones_(module.weight)
        if module.bias is not None:
            init.zeros_(module.bias)


class _BatchNorm(Module):
    """Shared state and forward of the BatchNorm layers (``torch.nn.modules.batchnorm._BatchNorm``).

    Args:
        num_features: the number of channels ``C`` (input dimension 1).
        eps: added to the variance before the square root.
        momentum: weight of the new batch in the running estimates; ``None`` uses the cumulative
            average (``1 / num_batches_tracked``).
        affine: whether to learn a per-channel ``weight`` (and ``bias``).
        track_running_stats: whether to keep ``running_mean``/``running_var``/``num_batches_tracked``;
            without them batch statistics are used in eval mode too.
        device: ``None`` or the CPU.
        dtype: the parameters' and running stats' dtype (default float32).
        bias: with ``affine``, whether to learn a bias.
    """

    def __init__(
        self,
        num_features: int,
        eps: float = 1e-5,
        momentum: float | None = 0.1,
        affine: bool = True,
        track_running_stats: bool = True,
        device: object = None,
        dtype: dtype | None = None,
        *,
        bias: bool = True,
    ) -> None:
        super().__init__()
        if device is not None:
            check_device(device)
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.track_running_stats = track_running_stats
        np_dtype = (dtype or get_default_dtype()).np
        register_affine(self, affine, (num_features,), bias, np_dtype)
        if track_running_stats:
            self.register_buffer("running_mean", from_array(np.zeros((num_features,), np_dtype)))
            self.register_buffer("running_var", from_array(np.ones((num_features,), np_dtype)))
            self.register_buffer("num_batches_tracked", from_array(np.array(0, np.int64)))
        else:
            self.register_buffer("running_mean", None)
            self.register_buffer("running_var", None)
            self.register_buffer("num_batches_tracked", None)
        self.reset_parameters()

    def reset_running_stats(self) -> None:
        """Running mean 0, running variance 1, no batches tracked."""
        if self.track_running_stats:
            with no_grad():
                self.running_mean.zero_()
                self.running_var.fill_(1)
                self.num_batches_tracked.zero_()

    def reset_parameters(self) -> None:
        """Reset the running stats, then ``weight = 1`` and ``bias = 0``."""
        self.reset_running_stats()
        reset_affine(self, self.affine)

    _ranks: tuple[int, ...] = ()
    _ranks_text = ""

    def _check_input_dim(self, input: Tensor) -> None:  # noqa: A002 - torch's argument name
        """torch's ValueError for an input rank the layer does not accept."""
        if input.dim() not in self._ranks:
            raise ValueError(f"expected {self._ranks_text} input (got {input.dim()}D input)")

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002 - torch's argument name
        """Normalise with batch statistics (training, or no running stats) or the running estimates (eval)."""
        self._check_input_dim(input)
        factor = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats and self.num_batches_tracked is not None:
            with no_grad():
                self.num_batches_tracked.add_(1)
            factor = 1.0 / float(self.num_batches_tracked.item()) if self.momentum is None else self.momentum
        use_batch = self.training or (self.running_mean is None and self.running_var is None)
        track = not self.training or self.track_running_stats
        return F.batch_norm(
            input,
            self.running_mean if track else None,
            self.running_var if track else None,
            self.weight,
            self.bias,
            use_batch,
            factor,
            self.eps,
        )

    def extra_repr(self) -> str:
        return (
            f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, affine={self.affine}, "
            f"bias={self.bias is not None}, track_running_stats={self.track_running_stats}"
        )


class BatchNorm1d(_BatchNorm):
    """Batch normalisation of ``(N, C)`` or ``(N, C, L)`` input, one mean/variance per channel ``C``.

    Raises:
        ValueError: for input that is not 2-D or 3-D (torch's message).
    """

    _ranks = (2, 3)
    _ranks_text = "2D or 3D"


class BatchNorm2d(_BatchNorm):
    """Batch normalisation of ``(N, C, H, W)`` input, one mean/variance per channel ``C``.

    Raises:
        ValueError: for input that is not 4-D (torch's message).
    """

    _ranks = (4,)
    _ranks_text = "4D"


class LayerNorm(Module):
    """Layer normalisation: each sample normalised over its last dimensions, ``normalized_shape``.

    Args:
        normalized_shape: an int (the last dimension's size) or the trailing shape.
        eps: added to the variance before the square root.
        elementwise_affine: whether to learn ``weight`` (and ``bias``) of shape ``normalized_shape``.
        bias: with ``elementwise_affine``, whether to learn a bias.
        device: ``None`` or the CPU.
        dtype: the parameters' dtype (default float32).
    """

    def __init__(
        self,
        normalized_shape: int | Sequence[int],
        eps: float = 1e-5,
        elementwise_affine: bool = True,
        bias: bool = True,
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
        np_dtype = (dtype or get_default_dtype()).np
        register_affine(self, elementwise_affine, self.normalized_shape, bias, np_dtype)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """``weight = 1`` and ``bias = 0``."""
        reset_affine(self, self.elementwise_affine)

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002 - torch's argument name
        return F.layer_norm(input, self.normalized_shape, self.weight, self.bias, self.eps)

    def extra_repr(self) -> str:
        return (
            f"{self.normalized_shape}, eps={self.eps}, elementwise_affine={self.elementwise_affine}, "
            f"bias={self.bias is not None}"
        )
