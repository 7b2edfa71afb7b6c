"""torch's legacy tensor types: ``torch.FloatTensor([1, 2])``, ``torch.LongTensor(3)``, ``x.type(torch.IntTensor)``.

Each type builds a tensor of its dtype with the legacy constructor's rules (a sequence is copied, ints are a
size), and ``isinstance(t, torch.FloatTensor)`` is true for a float32 tensor, as in torch.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from minitorch_scalar import dtypes
from minitorch_scalar.tensor import Tensor, tensor


class _LegacyTypeMeta(type):
    """``isinstance(t, FloatTensor)``: a Tensor of that dtype."""

    legacy_dtype: dtypes.dtype

    def __instancecheck__(cls, instance: object) -> bool:
        return isinstance(instance, Tensor) and instance.dtype is cls.legacy_dtype

    def __repr__(cls) -> str:
        return f"<class 'torch.{cls.__name__}'>"


class _LegacyTensorType(metaclass=_LegacyTypeMeta):
    """Base of the legacy types; calling one builds a Tensor of its dtype."""

    legacy_dtype: dtypes.dtype

    def __new__(cls, *args: Any) -> Any:  # type: ignore[misc]
        base = Tensor(*args)  # validates the arguments as torch's legacy constructor does
        if len(args) == 1 and isinstance(args[0], (list, tuple, np.ndarray, Tensor)):
            data = args[0].detach() if isinstance(args[0], Tensor) else args[0]
            return tensor(data, dtype=cls.legacy_dtype)
        return base.to(cls.legacy_dtype)


def _legacy_type(name: str, d: dtypes.dtype) -> type:
    return _LegacyTypeMeta(name, (_LegacyTensorType,), {"legacy_dtype": d, "__module__": "torch"})


FloatTensor = _legacy_type("FloatTensor", dtypes.float32)
DoubleTensor = _legacy_type("DoubleTensor", dtypes.float64)
HalfTensor = _legacy_type("HalfTensor", dtypes.float16)
LongTensor = _legacy_type("LongTensor", dtypes.int64)
IntTensor = _legacy_type("IntTensor", dtypes.int32)
ShortTensor = _legacy_type("ShortTensor", dtypes.int16)
CharTensor = _legacy_type("CharTensor", dtypes.int8)
ByteTensor = _legacy_type("ByteTensor", dtypes.uint8)
BoolTensor = _legacy_type("BoolTensor", dtypes.bool)
