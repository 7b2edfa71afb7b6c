"""``torch.types``: the type aliases scripts use in annotations (``Number``, ``Device``, ``_size`` ...)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Union

from minitorch_scalar.device import device as _device
from minitorch_scalar.dtypes import dtype as _dtype  # noqa: F401 - torch.types._dtype
from minitorch_scalar.tensor import Size, Tensor

_int = int
_float = float
_bool = bool
_complex = complex
_str = str
Number = Union[int, float, bool]  # noqa: UP007 - a runtime alias, as torch's
Device = Union[_device, str, int, None]  # noqa: UP007
_size = Union[Size, list[int], tuple[int, ...]]  # noqa: UP007
_TensorOrTensors = Union[Tensor, Sequence[Tensor]]  # noqa: UP007

__all__ = ["Device", "Number", "Size", "Tensor"]

