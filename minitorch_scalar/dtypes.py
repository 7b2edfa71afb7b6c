"""torch's dtype objects and its type-promotion rules, on top of numpy dtypes.

A :class:`dtype` pairs torch's name (``torch.float32``) with the numpy dtype that stores the data.
``float32 is float`` and ``float64 is double``: aliases are the same object, as in torch.

Promotion (torch's rule, not numpy's): operands fall into three priority groups, dimensioned
tensors, zero-dimensional tensors and Python numbers. Within a group dtypes promote as usual
(a higher category wins: bool < integer < floating; inside a category the wider type wins). A
lower-priority group only matters when its category is higher than the result so far: a 0-d
tensor then contributes its own dtype, a Python number its category's default (``bool``,
``int64``, or the default floating dtype). So ``tensor([3.]) * tensor(2., dtype=float64)`` stays
float32, while ``tensor([3]) * 2.5`` becomes float32.
"""

from __future__ import annotations

import builtins
from typing import Any

import numpy as np

_BOOL, _INT, _FLOAT = 0, 1, 2


class dtype:  # noqa: N801 - torch's class name
    """A tensor element type, printed as ``torch.<name>``.

    Attributes:
        name: torch's canonical name (``float32``).
        np: the numpy dtype holding the data.
        is_floating_point: True for float16/32/64.
        is_signed: False for bool and uint8.
        itemsize: bytes per element.
    """

    __module__ = "torch"  # type(torch.float32) prints as torch's <class 'torch.dtype'>

    __slots__ = ("name", "np", "is_floating_point", "is_signed", "itemsize", "_category", "_legacy")

    def __init__(self, name: str, np_dtype: type, legacy: str) -> None:
        self.name = name
        self.np = np.dtype(np_dtype)
        kind = self.np.kind
        self._category = _FLOAT if kind == "f" else (_BOOL if kind == "b" else _INT)
        self.is_floating_point = self._category == _FLOAT
        self.is_signed = kind in "fi"
        self.itemsize = self.np.itemsize
        self._legacy = legacy

    def __repr__(self) -> str:
        return f"torch.{self.name}"

    def __reduce__(self) -> Any:
        return (_named, (self.name,))


float16 = dtype("float16", np.float16, "HalfTensor")
float32 = dtype("float32", np.float32, "FloatTensor")
float64 = dtype("float64", np.float64, "DoubleTensor")
uint8 = dtype("uint8", np.uint8, "ByteTensor")
int8 = dtype("int8", np.int8, "CharTensor")
int16 = dtype("int16", np.int16, "ShortTensor")
int32 = dtype("int32", np.int32, "IntTensor")
int64 = dtype("int64", np.int64, "LongTensor")
bool = dtype("bool", np.bool_, "BoolTensor")  # noqa: A001 - torch.bool
half = float16
float = float32  # noqa: A001 - torch.float
double = float64
short = int16
int = int32  # noqa: A001 - torch.int
long = int64

ALL: tuple[dtype, ...] = (float16, float32, float64, uint8, int8, int16, int32, int64, bool)
_BY_NUMPY: dict[np.dtype, dtype] = {d.np: d for d in ALL}
_BY_LEGACY: dict[str, dtype] = {d._legacy: d for d in ALL}

_default: list[dtype] = [float32]


def get_default_dtype() -> dtype:
    """The floating dtype Python floats and ``torch.tensor([1.5])`` get (float32 unless changed)."""
    return _default[0]


def set_default_dtype(d: dtype) -> None:
    """Set the default floating dtype.

    Raises:
        TypeError: for a non-floating dtype, with torch's message.
    """
    if not isinstance(d, dtype) or d not in (float32, float64, float16):
        raise TypeError("only floating-point types are supported as the default type")
    _default[0] = d


def from_numpy(np_dtype: np.dtype) -> dtype:
    """The torch dtype for a numpy dtype.

    Raises:
        TypeError: for a numpy dtype torch has no counterpart of here (strings, objects, complex).
    """
    try:
        return _BY_NUMPY[np_dtype]
    except KeyError:
        pass
    if not np_dtype.isnative:
        raise ValueError(
            "given numpy array has byte order different from the native byte order. Conversion between byte orders "
            "is currently not supported."
        )
    name = np_dtype.type.__name__
    if np_dtype.kind in "uc":
        raise TypeError(f"can't convert np.ndarray of type numpy.{name}: torch supports it, minitorch_scalar does not "
                        "(supported here: float64, float32, float16, int64, int32, int16, int8, uint8, and bool)")
    raise TypeError(
        f"can't convert np.ndarray of type numpy.{name}. The only supported types are: float64, float32, float16, "
        "complex64, complex128, int64, int32, int16, int8, uint64, uint32, uint16, uint8, and bool."
    )


def from_legacy_name(name: str) -> dtype:
    """The dtype of a legacy type string (``'torch.FloatTensor'`` or ``'FloatTensor'``).

    Raises:
        ValueError: for an unknown type string, as torch's ``Tensor.type`` does.
    """
    key = name[6:] if name.startswith("torch.") else name
    try:
        return _BY_LEGACY[key]
    except KeyError:
        raise ValueError(f"invalid type: '{name}'") from None


def legacy_name(d: dtype) -> str:
    """``torch.FloatTensor`` style name of a CPU tensor type."""
    return f"torch.{d._legacy}"


def promote_types(a: dtype, b: dtype) -> dtype:
    """torch.promote_types: the smallest dtype both ``a`` and ``b`` convert to.

    The higher category wins outright (``int64`` with ``float16`` gives ``float16``); inside a
    category numpy's promotion gives torch's answer.
    """
    if a is b:
        return a
    if a._category != b._category:
        return a if a._category > b._category else b
    return _BY_NUMPY[np.promote_types(a.np, b.np)]


def category_default(category: builtins.int) -> dtype:
    """The dtype a Python number of this category gets: bool, int64 or the default float."""
    if category == _FLOAT:
        return _default[0]
    return int64 if category == _INT else bool


def scalar_category(value: object) -> builtins.int:
    """Category of a Python number: 0 bool, 1 integer, 2 floating."""
    kind = type(value)
    if kind is builtins.float:
        return _FLOAT
    if kind is builtins.int:
        return _INT
    if isinstance(value, (np.bool_, builtins.bool)):
        return _BOOL
    if isinstance(value, (np.integer, builtins.int)):
        return _INT
    return _FLOAT


def result_type(dims: dtype | None, zero_dims: dtype | None, scalar_cat: builtins.int | None) -> dtype:
    """torch's result dtype from the three promotion groups (see the module docstring).

    Args:
        dims: promoted dtype of the dimensioned tensor operands, or None if there are none.
        zero_dims: promoted dtype of the 0-d tensor operands, or None.
        scalar_cat: the highest category among Python-number operands, or None.
    """
    res = dims
    if zero_dims is not None and (res is None or zero_dims._category > res._category):
        res = zero_dims
    if scalar_cat is not None and (res is None or scalar_cat > res._category):
        res = category_default(scalar_cat)
    if res is None:
        return _default[0]
    return res


class finfo:  # noqa: N801 - torch's class name
    """Machine limits of a floating dtype (``torch.finfo(torch.float32).eps``).

    Attributes:
        bits: bits per value.
        eps: the gap between 1.0 and the next larger value.
        max / min: the largest / most negative finite value.
        tiny / smallest_normal: the smallest positive normal value.
        resolution: ``10 ** -precision``, precision being the decimal digits the type holds exactly.
        dtype: the dtype's name (a str, as in torch).
    """

    def __hash__(self) -> builtins.int:
        raise TypeError("unhashable type: 'torch.finfo'")

    def __init__(self, type: dtype | None = None) -> None:  # noqa: A002 - torch's argument name
        if type is None:
            type = _default[0]  # noqa: A001
        if not isinstance(type, dtype):
            raise TypeError(
                f"finfo(): argument 'type' (position 1) must be torch.dtype, not {builtins.type(type).__name__}"
            )
        if not type.is_floating_point:
            raise TypeError(
                "torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'"
            )
        info = np.finfo(type.np)
        self.bits = builtins.int(info.bits)
        self.eps = builtins.float(info.eps)
        self.max = builtins.float(info.max)
        self.min = builtins.float(info.min)
        self.tiny = builtins.float(info.smallest_normal)
        self.smallest_normal = self.tiny
        self.resolution = 10.0 ** -builtins.int(info.precision)
        self.dtype = type.name

    def _fields(self) -> tuple[tuple[str, builtins.float | str], ...]:
        return (("resolution", self.resolution), ("min", self.min), ("max", self.max), ("eps", self.eps),
                ("smallest_normal", self.smallest_normal), ("tiny", self.tiny), ("dtype", self.dtype))

    def __eq__(self, other: object) -> builtins.bool:
        return isinstance(other, finfo) and self._fields() == other._fields() and self.bits == other.bits

    def __repr__(self) -> str:
        return "finfo(" + ", ".join(f"{k}={v:g}" if k != "dtype" else f"{k}={v}" for k, v in self._fields()) + ")"

    __str__ = __repr__


class iinfo:  # noqa: N801 - torch's class name
    """Limits of an integer dtype (``torch.iinfo(torch.int32).max``).

    Attributes:
        bits: bits per value.
        min / max: the smallest / largest value.
        dtype: the dtype's name (a str, as in torch).
    """

    def __hash__(self) -> builtins.int:
        raise TypeError("unhashable type: 'torch.iinfo'")

    def __init__(self, type: dtype) -> None:  # noqa: A002 - torch's argument name
        if not isinstance(type, dtype):
            raise TypeError(
                f"iinfo(): argument 'type' (position 1) must be torch.dtype, not {builtins.type(type).__name__}"
            )
        if type is bool:
            raise TypeError("torch.bool is not supported by torch.iinfo")
        if type.is_floating_point:
            raise TypeError("torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'")
        info = np.iinfo(type.name)
        self.bits = builtins.int(info.bits)
        self.min = builtins.int(info.min)
        self.max = builtins.int(info.max)
        self.dtype = type.name

    def __eq__(self, other: object) -> builtins.bool:
        return isinstance(other, iinfo) and (self.bits, self.min, self.max, self.dtype) == (
            other.bits, other.min, other.max, other.dtype)

    def __repr__(self) -> str:
        return f"iinfo(min={self.min:g}, max={self.max:g}, dtype={self.dtype})"

    __str__ = __repr__


def _named(name: str) -> dtype:
    """Unpickle a dtype: the module-level one called ``name`` (its class prints as torch's)."""
    found = globals()[name]
    assert isinstance(found, dtype)
    return found
