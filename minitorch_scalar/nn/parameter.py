"""``nn.Parameter``: a Tensor that a Module registers as trainable when assigned as an attribute."""

from __future__ import annotations

from typing import Any

import numpy as np

from minitorch_scalar.tensor import Tensor, from_array


class Parameter(Tensor):
    """A leaf Tensor with ``requires_grad=True`` (by default) that Modules collect in ``parameters()``.

    ``Parameter(t)`` shares ``t``'s data but is always a leaf, even when ``t`` was computed. Results
    of ops on a Parameter are plain Tensors. Its repr is ``Parameter containing:`` followed by the
    tensor's.

    Args:
        data: the initial value; ``None`` gives an empty float32 tensor.
        requires_grad: whether the parameter is trained.

    Raises:
        RuntimeError: when ``requires_grad`` is set on a non-floating tensor (torch's message).
    """

    __module__ = "torch.nn.parameter"  # type(p) prints as torch's; pickles go through _rebuild_parameter

    def __new__(cls, data: Tensor | None = None, requires_grad: bool = True) -> Parameter:
        if data is None:
            data = from_array(np.empty((0,), dtype=np.float32))
        return Tensor._make_subclass(cls, data, requires_grad)  # type: ignore[return-value]

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__

    def __reduce_ex__(self, protocol: Any) -> Any:
        return (_rebuild_parameter, (self.detach(), self.requires_grad))


def _rebuild_parameter(data: Tensor, requires_grad: bool) -> Parameter:
    """Unpickle a Parameter (its class prints as torch's, so pickles name this function instead)."""
    return Parameter(data, requires_grad)
