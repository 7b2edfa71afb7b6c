"""Padding layers: ``nn.ReflectionPad*d``, ``nn.ReplicationPad*d``, ``nn.CircularPad*d``,
``nn.ConstantPad*d`` and ``nn.ZeroPad*d``, each a call to :func:`minitorch_scalar.nn.functional.pad`.

``padding`` is an int (the same width on every side) or a tuple ``(left, right[, top, bottom[, front,
back]])`` starting at the last dim, as in torch.
"""

from __future__ import annotations

from typing import Any

from minitorch_scalar.nn import functional as F  # noqa: N812 - torch's spelling
from minitorch_scalar.nn.module import Module
from minitorch_scalar.tensor import Tensor


def _widths(padding: Any, sides: int) -> tuple[int, ...]:
    """``padding`` as a tuple of ``sides`` widths (an int is repeated)."""
    if isinstance(padding, int):
        return (padding,) * sides
    return tuple(padding)


class _PadNd(Module):
    """A padding layer: ``F.pad(input, self.padding, mode)``."""

    mode = "constant"
    sides = 2

    def __init__(self, padding: Any) -> None:
        super().__init__()
        self.padding = _widths(padding, self.sides)

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002 - torch's argument name
        return F.pad(input, self.padding, self.mode)

    def extra_repr(self) -> str:
        return f"{self.padding}"


class ReflectionPad1d(_PadNd):
    """Pad the last dim with its mirror image (the edge not repeated)."""

    mode = "reflect"


class ReflectionPad2d(ReflectionPad1d):
    """Pad the last 2 dims with their mirror images."""

    sides = 4


class ReflectionPad3d(ReflectionPad1d):
    """Pad the last 3 dims with their mirror images."""

    sides = 6


class ReplicationPad1d(_PadNd):
    """Pad the last dim by repeating its edge values."""

    mode = "replicate"


class ReplicationPad2d(ReplicationPad1d):
    """Pad the last 2 dims by repeating their edge values."""

    sides = 4


class ReplicationPad3d(ReplicationPad1d):
    """Pad the last 3 dims by repeating their edge values."""

    sides = 6


class CircularPad1d(_PadNd):
    """Pad the last dim by wrapping around."""

    mode = "circular"


class CircularPad2d(CircularPad1d):
    """Pad the last 2 dims by wrapping around."""

    sides = 4


class CircularPad3d(CircularPad1d):
    """Pad the last 3 dims by wrapping around."""

    sides = 6


class ConstantPad1d(_PadNd):
    """Pad the last dim with ``value``."""

    def __init__(self, padding: Any, value: float) -> None:
        super().__init__(padding)
        self.value = value

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.pad(input, self.padding, "constant", self.value)

    def extra_repr(self) -> str:
        return f"padding={self.padding}, value={self.value}"


class ConstantPad2d(ConstantPad1d):
    """Pad the last 2 dims with ``value``."""

    sides = 4


class ConstantPad3d(ConstantPad1d):
    """Pad the last 3 dims with ``value``."""

    sides = 6


class ZeroPad1d(ConstantPad1d):
    """Pad the last dim with zeros."""

    def __init__(self, padding: Any) -> None:
        super().__init__(padding, 0.0)

    def extra_repr(self) -> str:
        return f"{self.padding}"


class ZeroPad2d(ZeroPad1d):
    """Pad the last 2 dims with zeros."""

    sides = 4


class ZeroPad3d(ZeroPad1d):
    """Pad the last 3 dims with zeros."""

    sides = 6


__all__ = [
    "CircularPad1d", "CircularPad2d", "CircularPad3d", "ConstantPad1d", "ConstantPad2d", "ConstantPad3d",
    "ReflectionPad1d", "ReflectionPad2d", "ReflectionPad3d", "ReplicationPad1d", "ReplicationPad2d",
    "ReplicationPad3d", "ZeroPad1d", "ZeroPad2d", "ZeroPad3d",
]
