"""``Tensor``: torch's object, a numpy array plus autograd metadata, and the creation functions.

A Tensor holds its values in a numpy array of its own dtype (float32 by default), so arithmetic
rounds as torch's does. Elementwise math comes from the op registry (:mod:`minitorch_scalar.ops`);
all other ops and their backward rules are in :mod:`minitorch_scalar.tensor_ops`; graph nodes and
the backward pass are in :mod:`minitorch_scalar.autograd` (read its docstring for ``record``, the
API for defining an op with its own backward and grad_fn name).

``Tensor`` is both the class (``isinstance(x, torch.Tensor)``, ``torch.Tensor.tanh``) and torch's
legacy float32 constructor (``Tensor([1, 2])``, ``Tensor(2, 3)``, ``Tensor()``). Subclasses (like
``nn.Parameter``) are made with ``Tensor._make_subclass(cls, data, requires_grad)``.

Views (``view``, slicing, ``t()`` ...) share memory and the version counter with their base, as
torch's do; ``.data`` shares memory but not the version counter. In-place ops write into the array
and bump the version; saved tensors remember the version they were saved at.
"""

from __future__ import annotations

import builtins
import math
import numbers
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from minitorch_scalar import dtypes
from minitorch_scalar.autograd import RemovableHandle, is_grad_enabled
from minitorch_scalar.autograd import backward as _autograd_backward
from minitorch_scalar.dtypes import dtype


class Size(tuple):
    """torch.Size: a tuple of ints printed as ``torch.Size([2, 3])``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"torch.Size([{', '.join(str(s) for s in self)}])"

    __str__ = __repr__

    def numel(self) -> int:
        """The number of elements a tensor of this shape has."""
        return int(math.prod(self))

    def __getitem__(self, key: Any) -> Any:
        res = tuple.__getitem__(self, key)
        return Size(res) if isinstance(key, slice) else res


_PLAIN_SCALARS = frozenset({builtins.float, builtins.int, builtins.bool})


def is_scalar_like(x: Any) -> bool:
    """Whether ``x`` is a Python or numpy number (what torch wraps as a scalar operand)."""
    if type(x) in _PLAIN_SCALARS:
        return True
    return isinstance(x, (numbers.Number, np.bool_)) and not isinstance(x, complex)


_warned: dict[str, bool] = {}


def _warn_once(key: str, message: str) -> None:
    if not _warned.get(key):
        _warned[key] = True
        warnings.warn(message, UserWarning, stacklevel=3)


_SCALAR_WARNING = (
    "Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior.\n"
    "Consider using tensor.detach() first. (Triggered internally at "
    "/pytorch/torch/csrc/autograd/generated/python_variable_methods.cpp:822.)"
)
_NON_LEAF_GRAD_WARNING = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be "
    "populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf "
    "Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure "
    "you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more information. "
    "(Triggered internally at /__w/pytorch/pytorch/build/aten/src/ATen/core/TensorBody.h:493.)"
)
_LEAF_FLAGS = (
    "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a "
    "subgraph that doesn't require differentiation use var_no_grad = var.detach()."
)


def check_inplace(x: Tensor, view_of_leaf: bool = False) -> None:
    """torch's errors for in-place ops on leaves that require grad (only while grad mode is on)."""
    if not is_grad_enabled():
        return
    if x._grad_fn is None and x._requires_grad:
        if view_of_leaf:
            raise RuntimeError("a view of a leaf Variable that requires grad is being used in an in-place operation.")
        raise RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.")
    base = x._base
    if base is not None and base._requires_grad:
        if base._grad_fn is None:
            raise RuntimeError("a view of a leaf Variable that requires grad is being used in an in-place operation.")
        raise NotImplementedError(
            "minitorch_scalar does not record in-place ops on a view of a tensor that requires grad; "
            "use an out-of-place op (or index assignment on the tensor itself)"
        )


def _can_cast(src: dtype, dst: dtype) -> bool:
    """torch's canCast for in-place results: no float -> integral, no non-bool -> bool."""
    if src.is_floating_point and not dst.is_floating_point:
        return False
    return not (dst is dtypes.bool and src is not dtypes.bool)


_SCALAR_NAMES = {
    "float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long", "int32": "Int",
    "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool",
}


class Tensor:
    """A multi-dimensional array with torch's autograd semantics.

    Attributes users see: ``data``, ``grad``, ``grad_fn``, ``requires_grad``, ``is_leaf``,
    ``shape``, ``dtype``, ``device``, ``_version``.
    """

    __slots__ = ("_data", "_dtype", "_requires_grad", "_grad", "_grad_fn", "_vbox", "_acc", "_hooks", "_base",
                 "__weakref__")
    _data: np.ndarray
    _dtype: dtype
    _requires_grad: builtins.bool
    _grad: Tensor | None
    _grad_fn: Any
    _vbox: list[builtins.int]
    _acc: Any
    _hooks: dict[builtins.int, Callable[..., Any]] | None
    _base: Tensor | None

    __hash__ = object.__hash__
    __array_ufunc__ = None  # numpy operands defer to Tensor's reflected operators, as with torch

    def __new__(cls, *args: Any, **kwargs: Any) -> Tensor:
        """Legacy constructor: ``Tensor(sequence)`` (float32 copy), ``Tensor(*sizes)`` (zeros), ``Tensor()``."""
        if kwargs:
            raise TypeError(f"new() received an invalid combination of arguments - got ({', '.join(kwargs)})")
        if not args:
            arr = np.empty((0,), np.float32)
        elif builtins.all(isinstance(a, (int, np.integer)) and not isinstance(a, bool) for a in args):
            arr = np.zeros(tuple(int(a) for a in args), np.float32)
        elif len(args) == 1 and isinstance(args[0], (Size,)):
            arr = np.zeros(tuple(args[0]), np.float32)
        elif len(args) == 1 and isinstance(args[0], (list, tuple, np.ndarray, Tensor)):
            arr = np.array(_to_nested(args[0]), dtype=np.float32)
        else:
            raise TypeError(f"new(): data must be a sequence (got {type(args[0]).__name__})")
        return Tensor._fill(object.__new__(cls), arr, False)

    @staticmethod
    def _fill(t: Tensor, arr: np.ndarray, requires_grad: builtins.bool) -> Tensor:
        t._data = arr
        t._dtype = dtypes.from_numpy(arr.dtype)
        t._requires_grad = requires_grad
        t._grad = None
        t._grad_fn = None
        t._vbox = [0]
        t._acc = None
        t._hooks = None
        t._base = None
        return t

    @staticmethod
    def _wrap(arr: np.ndarray, requires_grad: builtins.bool = False) -> Tensor:
        """A plain Tensor around ``arr`` (no copy)."""
        return Tensor._fill(object.__new__(Tensor), arr, requires_grad)

    @staticmethod
    def _make_subclass(cls: type, data: Tensor, require_grad: builtins.bool = False) -> Tensor:
        """An instance of subclass ``cls`` sharing ``data``'s values, as a leaf (torch's API for Parameter)."""
        if require_grad and not data._dtype.is_floating_point:
            raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")
        t = Tensor._fill(object.__new__(cls), data._data, bool(require_grad))
        t._vbox = data._vbox
        return t

    # ------------------------------------------------------------------------------------------
    # Metadata
    # ------------------------------------------------------------------------------------------

    @property
    def shape(self) -> Size:
        """The size of each dim, a torch.Size."""
        return Size(self._data.shape)

    def size(self, dim: builtins.int | None = None) -> Any:
        """The shape, or the size of one dim."""
        if dim is None:
            return Size(self._data.shape)
        return self._data.shape[_tensor_ops.wrap_dim(dim, self._data.ndim)]

    @property
    def dtype(self) -> dtype:
        """The element type."""
        return self._dtype

    @property
    def device(self) -> Any:
        """Always the CPU."""
        from minitorch_scalar.device import CPU

        return CPU

    @property
    def is_cuda(self) -> builtins.bool:
        """False: CPU only."""
        return False

    def dim(self) -> builtins.int:
        """Number of dims."""
        return self._data.ndim

    @property
    def ndim(self) -> builtins.int:
        """Number of dims."""
        return self._data.ndim

    def ndimension(self) -> builtins.int:
        """Number of dims."""
        return self._data.ndim

    def numel(self) -> builtins.int:
        """Number of elements."""
        return int(self._data.size)

    def nelement(self) -> builtins.int:
        """Number of elements."""
        return int(self._data.size)

    def element_size(self) -> builtins.int:
        """Bytes per element."""
        return self._dtype.itemsize

    def is_floating_point(self) -> builtins.bool:
        """Whether the dtype is a floating type."""
        return self._dtype.is_floating_point

    def is_contiguous(self) -> builtins.bool:
        """Whether the values are laid out row-major without gaps."""
        return bool(self._data.flags.c_contiguous)

    def type(self, dtype: Any = None) -> Any:  # noqa: A002
        """``torch.FloatTensor`` style type name, or a copy converted to ``dtype``."""
        if dtype is None:
            return dtypes.legacy_name(self._dtype)
        if isinstance(dtype, str):
            dtype = dtypes.from_legacy_name(dtype)
        dtype = getattr(dtype, "legacy_dtype", dtype)  # torch.FloatTensor and friends (legacy.py)
        return self.to(dtype)

    def type_as(self, other: Tensor) -> Tensor:
        """This tensor in ``other``'s dtype (self when it already is)."""
        return self.to(other._dtype)

    def new_tensor(self, data: Any, dtype: dtypes.dtype | None = None, device: Any = None,
                   requires_grad: builtins.bool = False) -> Tensor:
        """``torch.tensor(data)`` with this tensor's dtype unless ``dtype`` is given."""
        return tensor(data, dtype=dtype or self._dtype, device=device, requires_grad=requires_grad)

    def new_zeros(self, *size: Any, dtype: dtypes.dtype | None = None, device: Any = None,
                  requires_grad: builtins.bool = False) -> Tensor:
        """Zeros of ``size`` in this tensor's dtype unless ``dtype`` is given."""
        return zeros(*size, dtype=dtype or self._dtype, device=device, requires_grad=requires_grad)

    def new_ones(self, *size: Any, dtype: dtypes.dtype | None = None, device: Any = None,
                 requires_grad: builtins.bool = False) -> Tensor:
        """Ones of ``size`` in this tensor's dtype unless ``dtype`` is given."""
        return ones(*size, dtype=dtype or self._dtype, device=device, requires_grad=requires_grad)

    def new_empty(self, *size: Any, dtype: dtypes.dtype | None = None, device: Any = None,
                  requires_grad: builtins.bool = False) -> Tensor:
        """An uninitialised tensor of ``size`` in this tensor's dtype unless ``dtype`` is given."""
        return empty(*size, dtype=dtype or self._dtype, device=device, requires_grad=requires_grad)

    def new_full(self, size: Any, fill_value: Any, *, dtype: dtypes.dtype | None = None, device: Any = None,
                 requires_grad: builtins.bool = False) -> Tensor:
        """``fill_value`` everywhere, in this tensor's dtype unless ``dtype`` is given."""
        return full(size, fill_value, dtype=dtype or self._dtype, device=device, requires_grad=requires_grad)

    @property
    def _version(self) -> builtins.int:
        return self._vbox[0]

    # ------------------------------------------------------------------------------------------
    # Autograd metadata
    # ------------------------------------------------------------------------------------------

    @property
    def requires_grad(self) -> builtins.bool:
        """Whether ops on this tensor are recorded for backward."""
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value: builtins.bool) -> None:
        if self._grad_fn is not None:
            if value:
                raise RuntimeError("you can only change requires_grad flags of leaf variables.")
            raise RuntimeError(_LEAF_FLAGS)
        if value and not self._dtype.is_floating_point:
            raise RuntimeError("only Tensors of floating point and complex dtype can require gradients")
        self._requires_grad = bool(value)

    def requires_grad_(self, requires_grad: builtins.bool = True) -> Tensor:
        """Set ``requires_grad`` in place and return self."""
        if self._grad_fn is not None:
            if not requires_grad:
                raise RuntimeError(_LEAF_FLAGS)
            return self
        if requires_grad and not self._dtype.is_floating_point:
            raise RuntimeError("only Tensors of floating point dtype can require gradients")
        self._requires_grad = bool(requires_grad)
        return self

    @property
    def is_leaf(self) -> builtins.bool:
        """True when no recorded op produced this tensor."""
        return self._grad_fn is None

    @property
    def grad_fn(self) -> Any:
        """The node that produced this tensor (None for a leaf)."""
        return self._grad_fn

    @property
    def grad(self) -> Tensor | None:
        """The accumulated gradient (leaves and ``retain_grad()`` tensors only)."""
        if self._grad_fn is not None and not self.retains_grad:
            warnings.warn(_NON_LEAF_GRAD_WARNING, UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value: Tensor | None) -> None:
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(
                    f"assigned grad expected to be a Tensor or None but got grad of type {type(value).__name__}"
                )
            if value._data.shape != self._data.shape:
                raise RuntimeError(
                    f"attempting to assign a gradient of size '{list(value._data.shape)}' to a tensor of size "
                    f"'{list(self._data.shape)}'. Please ensure that the gradient and the tensor are the same size"
                )
        self._grad = value

    @grad.deleter
    def grad(self) -> None:
        self._grad = None

    @property
    def retains_grad(self) -> builtins.bool:
        """Whether ``retain_grad()`` was called on this non-leaf."""
        fn = self._grad_fn
        return fn is not None and fn._retained is not None and fn._retained() is self

    def retain_grad(self) -> None:
        """Keep this non-leaf's gradient in ``.grad`` during backward."""
        if not self._requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if self._grad_fn is not None:
            import weakref

            self._grad_fn._retained = weakref.ref(self)

    def register_hook(self, hook: Callable[[Tensor], Tensor | None]) -> RemovableHandle:
        """Call ``hook(grad)`` whenever a gradient for this tensor is computed; a returned Tensor replaces it."""
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self._grad_fn is not None:
            return self._grad_fn.register_prehook(hook)
        if self._hooks is None:
            self._hooks = {}
        handle = RemovableHandle(self._hooks)
        self._hooks[handle.id] = hook
        return handle

    def backward(
        self,
        gradient: Tensor | None = None,
        retain_graph: builtins.bool | None = None,
        create_graph: builtins.bool = False,
        inputs: Any = None,
    ) -> None:
        """Accumulate d self / d leaf into every leaf's ``.grad`` (see :func:`minitorch_scalar.autograd.backward`)."""
        _autograd_backward(self, gradient, retain_graph, create_graph, inputs=inputs)

    def detach(self) -> Tensor:
        """The same values (shared memory and version counter), cut from the graph."""
        t = Tensor._wrap(self._data)
        t._vbox = self._vbox
        return t

    def detach_(self) -> Tensor:
        """Make this tensor a leaf that does not require grad."""
        if self._base is not None:
            raise RuntimeError(
                "Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) "
                "for training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and "
                "hence detach_() cannot be called on these gradients. To fix this error, please refer to the "
                "Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution."
            )
        self._grad_fn = None
        self._requires_grad = False
        return self

    @property
    def data(self) -> Tensor:
        """The values as a leaf that does not require grad (shared memory, its own version counter)."""
        return Tensor._wrap(self._data)

    @data.setter
    def data(self, value: Tensor) -> None:
        if not isinstance(value, Tensor):
            raise TypeError(f"Tensor.data must be a Tensor, not {type(value).__name__}")
        self._data = value._data
        self._dtype = value._dtype

    # ------------------------------------------------------------------------------------------
    # Conversions
    # ------------------------------------------------------------------------------------------

    def item(self) -> Any:
        """The single value as a Python number."""
        if self._data.size != 1:
            raise RuntimeError(f"a Tensor with {self._data.size} elements cannot be converted to Scalar")
        return self._data.reshape(()).item()

    def tolist(self) -> Any:
        """Nested Python lists of numbers (a number for 0-d)."""
        return self._data.tolist()

    def numpy(self, *, force: builtins.bool = False) -> np.ndarray:
        """The values as a numpy array sharing memory."""
        if self._requires_grad and not force:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
        return self._data

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        arr = self.numpy()
        return arr if dtype is None else arr.astype(dtype)

    def _scalar(self) -> Any:
        if self._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return self._data.reshape(()).item()

    def __float__(self) -> builtins.float:
        if self._requires_grad:
            _warn_once("scalar", _SCALAR_WARNING)
        return float(self._scalar())

    def __int__(self) -> builtins.int:
        return int(self._scalar())

    def __index__(self) -> builtins.int:
        if self._dtype.is_floating_point or self._data.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self._data.reshape(()).item())

    def __bool__(self) -> builtins.bool:
        if self._data.size != 1:
            raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
        return bool(self._data.reshape(()).item())

    def __format__(self, spec: str) -> str:
        if self._data.ndim == 0:
            return format(self._data.item(), spec)
        if spec:
            raise TypeError("unsupported format string passed to Tensor.__format__")
        return repr(self)

    def __len__(self) -> builtins.int:
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def __iter__(self) -> Iterator[Tensor]:
        if self._data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self._data.shape[0]))

    def __repr__(self) -> str:
        from minitorch_scalar.printing import tensor_repr

        fn = self._grad_fn
        return tensor_repr(self._data, dtype_name=self._dtype.name, grad_fn=None if fn is None else type(fn).__name__,
                           requires_grad=self._requires_grad)

    __str__ = __repr__

    def __reduce_ex__(self, protocol: Any) -> Any:
        return (_rebuild, (self._data.copy(), self._requires_grad))

    def __deepcopy__(self, memo: dict[builtins.int, Any]) -> Tensor:
        if self._grad_fn is not None:
            raise RuntimeError(
                "Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the "
                "moment.  If you were attempting to deepcopy a module, this may be because of a torch.nn.utils."
                "weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001"
            )
        new = Tensor._fill(object.__new__(type(self)), self._data.copy(), self._requires_grad)
        if self._grad is not None:
            new._grad = Tensor._wrap(self._grad._data.copy())
        memo[id(self)] = new
        return new

    def to(self, *args: Any, **kwargs: Any) -> Tensor:
        """Convert to a dtype (a device argument must be the CPU); returns self when nothing changes."""
        target: dtype | None = kwargs.pop("dtype", None)
        copy = kwargs.pop("copy", False)
        kwargs.pop("non_blocking", None)
        dev = kwargs.pop("device", None)
        if kwargs:
            raise TypeError(f"to() received an invalid combination of arguments - got {tuple(kwargs)}")
        for a in args:
            if isinstance(a, dtype):
                target = a
            elif isinstance(a, Tensor):
                target = a._dtype
            else:
                dev = a
        if dev is not None:
            from minitorch_scalar.device import check_device

            check_device(dev)
        res = self if target is None else _tensor_ops.to_dtype(self, target)
        return _tensor_ops.clone(res) if copy and res is self else res

    def double(self) -> Tensor:
        """As float64."""
        return self.to(dtypes.float64)

    def float(self) -> Tensor:
        """As float32."""
        return self.to(dtypes.float32)

    def half(self) -> Tensor:
        """As float16."""
        return self.to(dtypes.float16)

    def long(self) -> Tensor:
        """As int64."""
        return self.to(dtypes.int64)

    def int(self) -> Tensor:
        """As int32."""
        return self.to(dtypes.int32)

    def short(self) -> Tensor:
        """As int16."""
        return self.to(dtypes.int16)

    def bool(self) -> Tensor:
        """As bool."""
        return self.to(dtypes.bool)

    def cpu(self) -> Tensor:
        """Self (everything is on the CPU)."""
        return self

    def cuda(self, *args: Any, **kwargs: Any) -> Tensor:
        """Fails as a CPU-only torch does."""
        from minitorch_scalar.device import NO_CUDA

        raise AssertionError(NO_CUDA)

    # ------------------------------------------------------------------------------------------
    # Arithmetic (math from the registry)
    # ------------------------------------------------------------------------------------------

    def __add__(self, other: Any) -> Tensor:
        if not isinstance(other, Tensor) and not is_scalar_like(other):
            return NotImplemented
        return _tensor_ops.apply(_reg.ADD, "AddBackward0", (self, other), True)

    def __radd__(self, other: Any) -> Tensor:
        if not is_scalar_like(other):
            return NotImplemented
        return _tensor_ops.apply(_reg.ADD, "AddBackward0", (self, other), True)

    def add(self, other: Any, *, alpha: Any = 1) -> Tensor:
        """self + alpha * other."""
        return self + (other * alpha if alpha != 1 else other)

    def __sub__(self, other: Any) -> Tensor:
        if not isinstance(other, Tensor) and not is_scalar_like(other):
            return NotImplemented
        _no_bool_sub(self, other)
        return _tensor_ops.apply(_reg.SUB, "SubBackward0", (self, other), True)

    def __rsub__(self, other: Any) -> Tensor:
        if not is_scalar_like(other):
            return NotImplemented
        _no_bool_sub(self, other)
        return _tensor_ops.apply(_reg.SUB, "RsubBackward1", (other, self))

    def sub(self, other: Any, *, alpha: Any = 1) -> Tensor:
        """self - alpha * other."""
        return self - (other * alpha if alpha != 1 else other)

    def __mul__(self, other: Any) -> Tensor:
        if not isinstance(other, Tensor) and not is_scalar_like(other):
            return NotImplemented
        return _tensor_ops.apply(_reg.MUL, "MulBackward0", (self, other), True)

    def __rmul__(self, other: Any) -> Tensor:
        if not is_scalar_like(other):
            return NotImplemented
        return _tensor_ops.apply(_reg.MUL, "MulBackward0", (self, other), True)

    def mul(self, other: Any) -> Tensor:
        """self * other."""
        return self * other

    def __truediv__(self, other: Any) -> Tensor:
        if not isinstance(other, Tensor) and not is_scalar_like(other):
            return NotImplemented
        return _tensor_ops.apply(_reg.DIV, "DivBackward0", (self, other), True)

    def __rtruediv__(self, other: Any) -> Tensor:
        if not is_scalar_like(other):
            return NotImplemented
        return self.reciprocal() * other

    def div(self, other: Any, *, rounding_mode: str | None = None) -> Tensor:
        """self / other (``rounding_mode='floor'`` / ``'trunc'`` give integer-valued results without grad)."""
        if rounding_mode is None:
            return self / other
        res = self // other
        if rounding_mode == "trunc":
            q = _tensor_ops.apply(_reg.DIV, "DivBackward0", (self.detach(), other.detach() if isinstance(other, Tensor)
                                                         else other))
            return Tensor._wrap(np.trunc(q._data).astype(res._data.dtype))
        return res

    def reciprocal(self) -> Tensor:
        """1 / self."""
        return _tensor_ops.apply(_reg.RECIPROCAL, "ReciprocalBackward0", (self,))

    def __pow__(self, other: Any) -> Tensor:
        if not isinstance(other, Tensor) and not is_scalar_like(other):
            return NotImplemented
        return _tensor_ops.pow_(self, other)

    def __rpow__(self, other: Any) -> Tensor:
        if not is_scalar_like(other):
            return NotImplemented
        return _tensor_ops.pow_(other, self)

    def pow(self, exponent: Any) -> Tensor:
        """self ** exponent."""
        return _tensor_ops.pow_(self, exponent)

    def square(self) -> Tensor:
        """self ** 2 (PowBackward0, as torch)."""
        return _tensor_ops.pow_(self, 2)

    def __neg__(self) -> Tensor:
        if self._dtype is dtypes.bool:
            raise RuntimeError(
                "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, "
                "use the `~` or `logical_not()` operator instead."
            )
        return _tensor_ops.apply(_reg.NEG, "NegBackward0", (self,))

    def neg(self) -> Tensor:
        """-self."""
        return -self

    negative = neg

    def __pos__(self) -> Tensor:
        return self

    def __abs__(self) -> Tensor:
        return self.abs()

    def exp(self) -> Tensor:
        """e ** self."""
        return _tensor_ops.apply(_reg.EXP, "ExpBackward0", (self,))

    def log(self) -> Tensor:
        """Natural log."""
        return _tensor_ops.apply(_reg.LOG, "LogBackward0", (self,))

    def tanh(self) -> Tensor:
        """Hyperbolic tangent."""
        return _tensor_ops.apply(_reg.TANH, "TanhBackward0", (self,))

    def sin(self) -> Tensor:
        """Sine."""
        return _tensor_ops.apply(_reg.SIN, "SinBackward0", (self,))

    def cos(self) -> Tensor:
        """Cosine."""
        return _tensor_ops.apply(_reg.COS, "CosBackward0", (self,))

    def tan(self) -> Tensor:
        """Tangent."""
        return _tensor_ops.apply(_reg.TAN, "TanBackward0", (self,))

    def asin(self) -> Tensor:
        """Inverse sine."""
        return _tensor_ops.apply(_reg.ASIN, "AsinBackward0", (self,))

    arcsin = asin

    def acos(self) -> Tensor:
        """Inverse cosine."""
        return _tensor_ops.apply(_reg.ACOS, "AcosBackward0", (self,))

    arccos = acos

    def atan(self) -> Tensor:
        """Inverse tangent."""
        return _tensor_ops.apply(_reg.ATAN, "AtanBackward0", (self,))

    arctan = atan

    def atan2(self, other: Tensor) -> Tensor:
        """The angle of the point (other, self), elementwise (Atan2Backward0)."""
        _tensor_ops.check_operand("atan2", other, 1, "other")
        return _tensor_ops.apply(_reg.ATAN2, "Atan2Backward0", (self, other))

    arctan2 = atan2

    def sinh(self) -> Tensor:
        """Hyperbolic sine."""
        return _tensor_ops.apply(_reg.SINH, "SinhBackward0", (self,))

    def cosh(self) -> Tensor:
        """Hyperbolic cosine."""
        return _tensor_ops.apply(_reg.COSH, "CoshBackward0", (self,))

    def log1p(self) -> Tensor:
        """ln(1 + self), accurate near 0."""
        return _tensor_ops.apply(_reg.LOG1P, "Log1PBackward0", (self,))

    def expm1(self) -> Tensor:
        """e ** self - 1, accurate near 0."""
        return _tensor_ops.apply(_reg.EXPM1, "Expm1Backward0", (self,))

    def log2(self) -> Tensor:
        """Log base 2."""
        return _tensor_ops.apply(_reg.LOG2, "Log2Backward0", (self,))

    def log10(self) -> Tensor:
        """Log base 10."""
        return _tensor_ops.apply(_reg.LOG10, "Log10Backward0", (self,))

    def erf(self) -> Tensor:
        """The error function."""
        return _tensor_ops.apply(_reg.ERF, "ErfBackward0", (self,))

    def floor(self) -> Tensor:
        """The largest integer <= self (gradient 0)."""
        return _tensor_ops.apply(_reg.FLOOR, "FloorBackward0", (self,))

    def ceil(self) -> Tensor:
        """The smallest integer >= self (gradient 0)."""
        return _tensor_ops.apply(_reg.CEIL, "CeilBackward0", (self,))

    def trunc(self) -> Tensor:
        """self rounded toward 0 (gradient 0)."""
        return _tensor_ops.apply(_reg.TRUNC, "TruncBackward0", (self,))

    fix = trunc

    def frac(self) -> Tensor:
        """self - trunc(self) (gradient 1); float tensors only, as torch."""
        if not self.is_floating_point():
            kind = _tensor_ops._scalar_type_name_full(self._dtype)
            raise NotImplementedError(f'"frac_cpu" not implemented for \'{kind}\'')
        return _tensor_ops.apply(_reg.FRAC, "FracBackward0", (self,))

    def sigmoid(self) -> Tensor:
        """1 / (1 + e ** -self)."""
        return _tensor_ops.apply(_reg.SIGMOID, "SigmoidBackward0", (self,))

    def relu(self) -> Tensor:
        """max(self, 0)."""
        return _tensor_ops.apply(_reg.RELU, "ReluBackward0", (self,))

    def sqrt(self) -> Tensor:
        """Square root."""
        return _tensor_ops.apply(_reg.SQRT, "SqrtBackward0", (self,))

    def rsqrt(self) -> Tensor:
        """1 / sqrt(self)."""
        return self.sqrt().reciprocal()

    def abs(self) -> Tensor:
        """|self|."""
        return _tensor_ops.apply(_reg.ABS, "AbsBackward0", (self,))

    absolute = abs

    def sign(self) -> Tensor:
        """-1, 0 or 1."""
        return _tensor_ops.apply(_reg.SIGN, "SignBackward0", (self,))

    def round(self, *, decimals: builtins.int | None = None) -> Tensor:
        """The nearest integer, ties to even (RoundBackward0, gradient 0); with ``decimals``, the nearest
        multiple of ``10**-decimals`` (RoundBackward1)."""
        if decimals is not None:
            return _tensor_ops.round_decimals(self, decimals)
        return _tensor_ops.apply(_reg.ROUND, "RoundBackward0", (self,))

    def clamp(self, min: Any = None, max: Any = None) -> Tensor:  # noqa: A002
        """Limit values to [min, max] (ClampBackward1)."""
        return _tensor_ops.clamp(self, min, max)

    clip = clamp

    def clamp_min(self, min: Any) -> Tensor:  # noqa: A002
        """max(self, min) (ClampMinBackward0)."""
        return _tensor_ops.clamp(self, min, None, name="ClampMinBackward0")

    def clamp_max(self, max: Any) -> Tensor:  # noqa: A002
        """min(self, max) (ClampMaxBackward0)."""
        return _tensor_ops.clamp(self, None, max, name="ClampMaxBackward0")

    def maximum(self, other: Tensor) -> Tensor:
        """Elementwise max (ties split the grad)."""
        return maximum(self, other)

    def minimum(self, other: Tensor) -> Tensor:
        """Elementwise min (ties split the grad)."""
        return minimum(self, other)

    def __floordiv__(self, other: Any) -> Tensor:
        if not isinstance(other, Tensor) and not is_scalar_like(other):
            return NotImplemented
        return _int_op(np.floor_divide, self, other)

    def __rfloordiv__(self, other: Any) -> Tensor:
        if not is_scalar_like(other):
            return NotImplemented
        return _int_op(np.floor_divide, other, self)

    def floor_divide(self, other: Any) -> Tensor:
        """Floor of self / other (no gradient)."""
        return self // other

    def __mod__(self, other: Any) -> Tensor:
        if not isinstance(other, Tensor) and not is_scalar_like(other):
            return NotImplemented
        if not _tensor_ops.result_dtype((self, other)).is_floating_point:
            return _int_op(np.remainder, self, other)
        name = "RemainderBackward1" if isinstance(other, Tensor) else "RemainderBackward0"
        return _tensor_ops.apply(_reg.REMAINDER, name, (self, other))

    def fmod(self, other: Any) -> Tensor:
        """self - trunc(self / other) * other, with the sign of self (FmodBackward0 / FmodBackward1)."""
        if not isinstance(other, Tensor) and not is_scalar_like(other):
            raise TypeError(f"fmod(): argument 'other' (position 1) must be Tensor, not {type(other).__name__}")
        if not _tensor_ops.result_dtype((self, other)).is_floating_point:
            return _int_op(np.fmod, self, other)
        name = "FmodBackward1" if isinstance(other, Tensor) else "FmodBackward0"
        return _tensor_ops.apply(_reg.FMOD, name, (self, other))

    def __rmod__(self, other: Any) -> Tensor:
        if not is_scalar_like(other):
            return NotImplemented
        return _int_op(np.remainder, other, self)

    def remainder(self, other: Any) -> Tensor:
        """self - floor(self / other) * other, with the sign of other (RemainderBackward0 / 1)."""
        return self % other

    def __matmul__(self, other: Any) -> Tensor:
        if not isinstance(other, Tensor):
            return NotImplemented
        return _tensor_ops.matmul(self, other)

    def matmul(self, other: Tensor) -> Tensor:
        """Matrix product (see :func:`torch.matmul`)."""
        return _tensor_ops.matmul(self, other)

    def mm(self, mat2: Tensor) -> Tensor:
        """2-D matrix product."""
        return _tensor_ops.mm(self, mat2)

    def mv(self, vec: Tensor) -> Tensor:
        """Matrix-vector product."""
        return _tensor_ops.mv(self, vec)

    def dot(self, other: Tensor) -> Tensor:
        """1-D inner product."""
        return _tensor_ops.dot(self, other)

    # comparisons: builtins.bool tensors, never any grad
    def _compare(self, other: Any, fn: Callable[..., Any]) -> Tensor:
        if not isinstance(other, Tensor) and not is_scalar_like(other):
            return NotImplemented  # type: ignore[return-value]
        dt = _tensor_ops.result_dtype((self, other))
        a = self._data if self._dtype is dt else self._data.astype(dt.np)
        b = other._data.astype(dt.np, copy=False) if isinstance(other, Tensor) else other
        try:
            return Tensor._wrap(np.asarray(fn(a, b)))
        except ValueError:
            _tensor_ops._broadcast_error([self._data.shape, np.shape(b)])
            raise

    def __lt__(self, other: Any) -> Tensor:
        return self._compare(other, np.less)

    def __le__(self, other: Any) -> Tensor:
        return self._compare(other, np.less_equal)

    def __gt__(self, other: Any) -> Tensor:
        return self._compare(other, np.greater)

    def __ge__(self, other: Any) -> Tensor:
        return self._compare(other, np.greater_equal)

    def __eq__(self, other: Any) -> Any:  # type: ignore[override]
        if other is None:
            return False
        return self._compare(other, np.equal)

    def __ne__(self, other: Any) -> Any:  # type: ignore[override]
        if other is None:
            return True
        return self._compare(other, np.not_equal)

    lt, le, gt, ge = __lt__, __le__, __gt__, __ge__

    def eq(self, other: Any) -> Tensor:
        """Elementwise ==."""
        return self._compare(other, np.equal)

    def ne(self, other: Any) -> Tensor:
        """Elementwise !=."""
        return self._compare(other, np.not_equal)

    def _logical(self, other: Any, fn: Callable[..., Any]) -> Tensor:
        b = other._data if isinstance(other, Tensor) else other
        return Tensor._wrap(np.asarray(fn(self._data, b)))

    def __and__(self, other: Any) -> Tensor:
        return self._logical(other, np.bitwise_and)

    def __or__(self, other: Any) -> Tensor:
        return self._logical(other, np.bitwise_or)

    def __xor__(self, other: Any) -> Tensor:
        return self._logical(other, np.bitwise_xor)

    __rand__, __ror__, __rxor__ = __and__, __or__, __xor__

    def __invert__(self) -> Tensor:
        if self._dtype.is_floating_point:
            raise TypeError("bitwise_not_cpu not implemented for 'Float'")
        return Tensor._wrap(np.asarray(np.invert(self._data)))

    def logical_not(self) -> Tensor:
        """Elementwise not, as bool."""
        return Tensor._wrap(np.asarray(np.logical_not(self._data)))

    def isnan(self) -> Tensor:
        """Where the values are nan."""
        return Tensor._wrap(np.asarray(np.isnan(self._data)))

    def isinf(self) -> Tensor:
        """Where the values are +-inf."""
        return Tensor._wrap(np.asarray(np.isinf(self._data)))

    def isfinite(self) -> Tensor:
        """Where the values are finite."""
        return Tensor._wrap(np.asarray(np.isfinite(self._data)))

    def all(self, dim: Any = None, keepdim: builtins.bool = False) -> Tensor:
        """Whether every element (over ``dim``, when given) is nonzero."""
        axes = None if dim is None else _tensor_ops._dims(dim, self._data.ndim)
        return Tensor._wrap(np.asarray(np.all(self._data, axis=axes, keepdims=keepdim)))

    def any(self, dim: Any = None, keepdim: builtins.bool = False) -> Tensor:
        """Whether some element (over ``dim``, when given) is nonzero."""
        axes = None if dim is None else _tensor_ops._dims(dim, self._data.ndim)
        return Tensor._wrap(np.asarray(np.any(self._data, axis=axes, keepdims=keepdim)))

    # ------------------------------------------------------------------------------------------
    # Reductions
    # ------------------------------------------------------------------------------------------

    def sum(self, dim: Any = None, keepdim: builtins.bool = False, *, dtype: dtypes.dtype | None = None,
            axis: Any = None, keepdims: builtins.bool = False) -> Tensor:
        """Sum of all elements or over ``dim`` (numpy's names ``axis``/``keepdims`` are accepted, as torch)."""
        return _tensor_ops.sum(self, axis_alias("sum", dim, axis), keepdim or keepdims, dtype)

    def mean(self, dim: Any = None, keepdim: builtins.bool = False, *, dtype: dtypes.dtype | None = None,
             axis: Any = None, keepdims: builtins.bool = False) -> Tensor:
        """Mean of all elements or over ``dim`` (or ``axis``; ``keepdims`` for ``keepdim``)."""
        return _tensor_ops.mean(self, axis_alias("mean", dim, axis), keepdim or keepdims, dtype)

    def max(self, dim: Any = None, keepdim: builtins.bool = False) -> Any:
        """Max of everything, ``(values, indices)`` along ``dim``, or the elementwise max with a tensor."""
        if isinstance(dim, Tensor):
            return maximum(self, dim)
        return _tensor_ops._extreme(self, "max", dim, keepdim)

    def min(self, dim: Any = None, keepdim: builtins.bool = False) -> Any:
        """Min of everything, ``(values, indices)`` along ``dim``, or the elementwise min with a tensor."""
        if isinstance(dim, Tensor):
            return minimum(self, dim)
        return _tensor_ops._extreme(self, "min", dim, keepdim)

    def amax(self, dim: Any = (), keepdim: builtins.bool = False) -> Tensor:
        """Max over ``dim`` (all dims by default); ties share the grad."""
        return _tensor_ops.amax(self, dim, keepdim, "max")

    def amin(self, dim: Any = (), keepdim: builtins.bool = False) -> Tensor:
        """Min over ``dim`` (all dims by default); ties share the grad."""
        return _tensor_ops.amax(self, dim, keepdim, "min")

    def argmax(self, dim: Any = None, keepdim: builtins.bool = False) -> Tensor:
        """Index of the max (flat when ``dim`` is None)."""
        return _tensor_ops.argextreme(self, "max", dim, keepdim)

    def argmin(self, dim: Any = None, keepdim: builtins.bool = False) -> Tensor:
        """Index of the min (flat when ``dim`` is None)."""
        return _tensor_ops.argextreme(self, "min", dim, keepdim)

    def prod(self, dim: Any = None, keepdim: builtins.bool = False) -> Tensor:
        """Product of all elements or along ``dim``."""
        return _tensor_ops.prod(self, dim, keepdim)

    def var(self, dim: Any = None, unbiased: Any = None, keepdim: builtins.bool = False, *,
            correction: Any = None) -> Tensor:
        """Variance (Bessel-corrected by default)."""
        if isinstance(dim, bool):
            dim, unbiased = None, dim
        return _tensor_ops.var(self, dim, unbiased, keepdim, correction=correction)

    def std(self, dim: Any = None, unbiased: Any = None, keepdim: builtins.bool = False, *,
            correction: Any = None) -> Tensor:
        """Standard deviation (Bessel-corrected by default)."""
        if isinstance(dim, bool):
            dim, unbiased = None, dim
        return _tensor_ops.var(self, dim, unbiased, keepdim, correction=correction, std=True)

    def norm(self, p: Any = "fro", dim: Any = None, keepdim: builtins.bool = False) -> Tensor:
        """Vector p-norm (p = 1 or 2)."""
        return _tensor_ops.norm(self, p, dim, keepdim)

    def softmax(self, dim: builtins.int) -> Tensor:
        """exp(x) / sum(exp(x)) along ``dim``."""
        return _tensor_ops.softmax(self, dim)

    def log_softmax(self, dim: builtins.int) -> Tensor:
        """x - log(sum(exp(x))) along ``dim``."""
        return _tensor_ops.softmax(self, dim, log=True)

    # ------------------------------------------------------------------------------------------
    # Views and shapes
    # ------------------------------------------------------------------------------------------

    def view(self, *shape: Any) -> Tensor:
        """Same data, new shape; like torch, fails when the strides cannot express it without a copy."""
        return _tensor_ops.view(self, *shape, strict=True)

    def view_as(self, other: Tensor) -> Tensor:
        """View with ``other``'s shape."""
        return _tensor_ops.view(self, other._data.shape, strict=True)

    def reshape(self, *shape: Any) -> Tensor:
        """New shape (a view here, since every array can be viewed)."""
        return _tensor_ops.view(self, *shape)

    def repeat(self, *sizes: Any) -> Tensor:
        """Tile the tensor ``sizes[i]`` times along dim i (RepeatBackward0)."""
        return _tensor_ops.repeat(self, *sizes)

    def repeat_interleave(self, repeats: Any, dim: builtins.int | None = None) -> Tensor:
        """Repeat each element ``repeats`` times along ``dim`` (the flattened tensor when None)."""
        return _tensor_ops.repeat_interleave(self, repeats, dim)

    def split(self, split_size: Any, dim: builtins.int = 0) -> tuple[Tensor, ...]:
        """Views of blocks of ``split_size`` elements (or of the listed sizes) along ``dim``."""
        return _tensor_ops.split(self, split_size, dim)

    def chunk(self, chunks: builtins.int, dim: builtins.int = 0) -> tuple[Tensor, ...]:
        """At most ``chunks`` equal blocks along ``dim`` (the last may be smaller)."""
        return _tensor_ops.chunk(self, chunks, dim)

    def unbind(self, dim: builtins.int = 0) -> tuple[Tensor, ...]:
        """Every slice along ``dim``, that dim removed."""
        return _tensor_ops.unbind(self, dim)

    def flip(self, *dims: Any) -> Tensor:
        """Reverse the order along ``dims`` (FlipBackward0)."""
        return _tensor_ops.flip(self, dims[0] if len(dims) == 1 and not isinstance(dims[0], builtins.int) else dims)

    def fliplr(self) -> Tensor:
        """Reverse dim 1 (left/right)."""
        if self._data.ndim < 2:
            raise RuntimeError("Input must be >= 2-d.")
        return _tensor_ops.flip(self, (1,))

    def flipud(self) -> Tensor:
        """Reverse dim 0 (up/down)."""
        if self._data.ndim < 1:
            raise RuntimeError("Input must be >= 1-d.")
        return _tensor_ops.flip(self, (0,))

    def roll(self, shifts: Any, dims: Any = None) -> Tensor:
        """Shift elements cyclically along ``dims`` (the flattened tensor when None)."""
        return _tensor_ops.roll(self, shifts, dims)

    def select(self, dim: builtins.int, index: builtins.int) -> Tensor:
        """The slice at ``index`` of dim ``dim``, that dim removed (SelectBackward0)."""
        d = _tensor_ops.wrap_dim(dim, self._data.ndim)
        return self[(slice(None),) * d + (index,)]

    def diagonal(self, offset: builtins.int = 0, dim1: builtins.int = 0, dim2: builtins.int = 1) -> Tensor:
        """The diagonal ``offset`` above the main one of dims (dim1, dim2) (DiagonalBackward0)."""
        return _tensor_ops.diagonal(self, offset, dim1, dim2)

    def diag(self, diagonal: builtins.int = 0) -> Tensor:
        """A vector placed on a diagonal of a square matrix, or a matrix's diagonal."""
        return _tensor_ops.diag(self, diagonal)

    def trace(self) -> Tensor:
        """The sum of a matrix's main diagonal (TraceBackward0)."""
        return _tensor_ops.trace_matrix(self)

    def bmm(self, mat2: Tensor) -> Tensor:
        """Batched matrix product of two 3-D tensors (BmmBackward0)."""
        return _tensor_ops.bmm(self, mat2)

    def lerp(self, end: Tensor, weight: Any) -> Tensor:
        """self + weight * (end - self) (LerpBackward0 for a number weight, LerpBackward1 for a tensor)."""
        _check_tensor("lerp", end)
        name = "LerpBackward1" if isinstance(weight, Tensor) else "LerpBackward0"
        return _tensor_ops.apply(_reg.LERP, name, (self, end, weight))

    def gather(self, dim: builtins.int, index: Tensor) -> Tensor:
        """``out[i][j] = self[i][index[i][j]]`` for dim 1, likewise for any dim (GatherBackward0)."""
        return _tensor_ops.gather(self, dim, index)

    def index_select(self, dim: builtins.int, index: Tensor) -> Tensor:
        """The entries ``index`` of dim ``dim`` (IndexSelectBackward0)."""
        return _tensor_ops.index_select(self, dim, index)

    def take(self, index: Tensor) -> Tensor:
        """``self.flatten()[index]`` (TakeBackward0)."""
        return _tensor_ops.take(self, index)

    def masked_select(self, mask: Tensor) -> Tensor:
        """The entries where ``mask`` is True, as a 1-D tensor (MaskedSelectBackward0)."""
        return _tensor_ops.masked_select(self, mask)

    def masked_fill(self, mask: Tensor, value: Any) -> Tensor:
        """``value`` where ``mask`` is True, else self (MaskedFillBackward0)."""
        return _tensor_ops.masked_fill(self, mask, value)

    def masked_fill_(self, mask: Tensor, value: Any) -> Tensor:
        """:meth:`masked_fill` in place."""
        return self._inplace(lambda s: s.masked_fill(mask, value))

    def scatter(self, dim: builtins.int, index: Tensor, src: Any = None, *, value: Any = None) -> Tensor:
        """A copy with ``src`` (a tensor or a number) written at ``index`` along ``dim``."""
        return _tensor_ops.scatter(self, dim, index, value if src is None else src)

    def scatter_(self, dim: builtins.int, index: Tensor, src: Any = None, *, value: Any = None) -> Tensor:
        """:meth:`scatter` in place."""
        return self._inplace(lambda s: _tensor_ops.scatter(s, dim, index, value if src is None else src))

    def scatter_add(self, dim: builtins.int, index: Tensor, src: Tensor) -> Tensor:
        """A copy with ``src`` added at ``index`` along ``dim`` (repeated indices accumulate)."""
        return _tensor_ops.scatter(self, dim, index, src, reduce_add=True)

    def scatter_add_(self, dim: builtins.int, index: Tensor, src: Tensor) -> Tensor:
        """:meth:`scatter_add` in place."""
        return self._inplace(lambda s: _tensor_ops.scatter(s, dim, index, src, reduce_add=True))

    def sort(self, dim: builtins.int = -1, descending: builtins.bool = False, *,
             stable: builtins.bool | None = None) -> Any:
        """``(values, indices)`` sorted along ``dim`` (SortBackward0)."""
        return _tensor_ops.sort(self, dim, descending, stable)

    def argsort(self, dim: builtins.int = -1, descending: builtins.bool = False, *,
                stable: builtins.bool = False) -> Tensor:
        """The indices that sort ``self`` along ``dim``."""
        return _tensor_ops.argsort(self, dim, descending, stable)

    def topk(self, k: builtins.int, dim: builtins.int = -1, largest: builtins.bool = True,
             sorted: builtins.bool = True) -> Any:  # noqa: A002
        """The ``k`` largest (or smallest) entries along ``dim`` and their indices (TopkBackward0)."""
        return _tensor_ops.topk(self, k, dim, largest, sorted)

    def kthvalue(self, k: builtins.int, dim: builtins.int = -1, keepdim: builtins.bool = False) -> Any:
        """The k-th smallest entry along ``dim`` and its index (KthvalueBackward0)."""
        return _tensor_ops.kthvalue(self, k, dim, keepdim)

    def median(self, dim: builtins.int | None = None, keepdim: builtins.bool = False) -> Any:
        """The lower median of everything, or ``(values, indices)`` along ``dim``."""
        return _tensor_ops.median(self, dim, keepdim)

    def unique(self, sorted: builtins.bool = True, return_inverse: builtins.bool = False,  # noqa: A002
               return_counts: builtins.bool = False, dim: builtins.int | None = None) -> Any:
        """The distinct values (ascending), optionally with the inverse index and the counts."""
        return _tensor_ops.unique(self, sorted, return_inverse, return_counts, dim)

    def nonzero(self, *, as_tuple: builtins.bool = False) -> Any:
        """Indices of the nonzero entries."""
        return _tensor_ops.nonzero(self, as_tuple)

    def cumsum(self, dim: builtins.int, *, dtype: dtypes.dtype | None = None) -> Tensor:
        """Running sums along ``dim`` (CumsumBackward0)."""
        return _tensor_ops.cumsum(self, dim, dtype)

    def logsumexp(self, dim: Any, keepdim: builtins.bool = False) -> Tensor:
        """log(sum(exp(self))) over ``dim``, computed stably (LogsumexpBackward0)."""
        return _tensor_ops.logsumexp(self, dim, keepdim)

    def bincount(self, weights: Tensor | None = None, minlength: builtins.int = 0) -> Tensor:
        """Count of each value in a 1-D non-negative integer tensor."""
        from minitorch_scalar.functional_api import bincount

        return bincount(self, weights, minlength)

    def outer(self, vec2: Tensor) -> Tensor:
        """``self[i] * vec2[j]`` (a MulBackward0 of the reshaped vectors, as torch)."""
        _check_tensor("outer", vec2)
        return self.reshape(-1, 1) * vec2

    ger = outer

    def index_add(self, dim: builtins.int, index: Tensor, source: Tensor, *, alpha: Any = 1) -> Tensor:
        """A copy with ``alpha * source`` added at the entries ``index`` of dim ``dim`` (IndexAddBackward0)."""
        return _tensor_ops.index_add(self, dim, index, source, alpha)

    def index_add_(self, dim: builtins.int, index: Tensor, source: Tensor, *, alpha: Any = 1) -> Tensor:
        """:meth:`index_add` in place."""
        return self._inplace(lambda s: _tensor_ops.index_add(s, dim, index, source, alpha))

    def index_fill(self, dim: builtins.int, index: Tensor, value: Any) -> Tensor:
        """A copy with ``value`` at the entries ``index`` of dim ``dim`` (IndexFillBackward0)."""
        return _tensor_ops.index_fill(self, dim, index, value)

    def index_fill_(self, dim: builtins.int, index: Tensor, value: Any) -> Tensor:
        """:meth:`index_fill` in place."""
        return self._inplace(lambda s: _tensor_ops.index_fill(s, dim, index, value))

    def nan_to_num(self, nan: builtins.float = 0.0, posinf: builtins.float | None = None,
                   neginf: builtins.float | None = None) -> Tensor:
        """nan, +inf, -inf replaced by finite values (NanToNumBackward0)."""
        return _tensor_ops.nan_to_num(self, nan, posinf, neginf)

    def cumprod(self, dim: builtins.int, *, dtype: dtypes.dtype | None = None) -> Tensor:
        """Running products along ``dim`` (CumprodBackward0)."""
        return _tensor_ops.cumprod(self, dim, dtype)

    def mode(self, dim: builtins.int = -1, keepdim: builtins.bool = False) -> Any:
        """The most frequent value along ``dim`` and its index (ModeBackward0)."""
        return _tensor_ops.mode(self, dim, keepdim)

    def count_nonzero(self, dim: Any = None) -> Tensor:
        """How many entries are nonzero (over ``dim``, when given)."""
        axes = None if dim is None else _tensor_ops._dims(dim, self._data.ndim)
        return Tensor._wrap(np.asarray(np.count_nonzero(self._data, axis=axes), dtype=np.int64))

    def triu(self, diagonal: builtins.int = 0) -> Tensor:
        """The upper triangle (from ``diagonal`` up) of the last two dims (TriuBackward0)."""
        return _tensor_ops.triangle(self, diagonal, True)

    def tril(self, diagonal: builtins.int = 0) -> Tensor:
        """The lower triangle (from ``diagonal`` down) of the last two dims (TrilBackward0)."""
        return _tensor_ops.triangle(self, diagonal, False)

    def tile(self, dims: Any) -> Tensor:
        """:meth:`repeat` with missing leading repeats taken as 1 (RepeatBackward0)."""
        reps = tuple(dims) if isinstance(dims, (tuple, list, Size)) else (dims,)
        return _tensor_ops.repeat(self, *((1,) * (self._data.ndim - len(reps)) + reps))

    def movedim(self, source: Any, destination: Any) -> Tensor:
        """Dims ``source`` moved to positions ``destination`` (PermuteBackward0)."""
        nd = self._data.ndim
        src = [_tensor_ops.wrap_dim(v, nd) for v in ([source] if isinstance(source, builtins.int) else source)]
        dst = [_tensor_ops.wrap_dim(v, nd) for v in
               ([destination] if isinstance(destination, builtins.int) else destination)]
        if len(src) != len(dst):
            raise RuntimeError(
                f"movedim: Invalid source or destination dims: source ({src} dims) should contain the same number "
                f"of dims as destination ({dst} dims)"
            )
        perm: list[builtins.int | None] = [None] * nd
        for a, b in zip(src, dst):
            perm[b] = a
        rest = iter(n for n in range(nd) if n not in src)
        perm = [next(rest) if p is None else p for p in perm]
        return self.permute(*perm)

    moveaxis = movedim

    def swapaxes(self, axis0: builtins.int, axis1: builtins.int) -> Tensor:
        """:meth:`transpose` under numpy's name (TransposeBackward0)."""
        return self.transpose(axis0, axis1)

    swapdims = swapaxes

    def apply_(self, callable: Callable[[Any], Any]) -> Tensor:  # noqa: A002
        """Replace every element ``v`` by ``callable(v)`` in place (no gradient; not for tensors needing one)."""
        if self._requires_grad:
            raise RuntimeError("Can't call apply_() on Variable that requires grad. Use var.detach().apply_() instead.")
        flat = [callable(v) for v in self._data.reshape(-1).tolist()]
        self._data[...] = np.asarray(flat, dtype=self._data.dtype).reshape(self._data.shape)
        self._vbox[0] += 1
        return self

    def reshape_as(self, other: Tensor) -> Tensor:
        """Reshape to ``other``'s shape."""
        return _tensor_ops.view(self, other._data.shape)

    def flatten(self, start_dim: builtins.int = 0, end_dim: builtins.int = -1) -> Tensor:
        """Merge dims into one."""
        return _tensor_ops.flatten(self, start_dim, end_dim)

    def squeeze(self, dim: Any = None) -> Tensor:
        """Drop size-1 dims."""
        return _tensor_ops.squeeze(self, dim)

    def unsqueeze(self, dim: builtins.int) -> Tensor:
        """Insert a size-1 dim."""
        return _tensor_ops.unsqueeze(self, dim)

    def t(self) -> Tensor:
        """Transpose (at most 2 dims)."""
        return _tensor_ops.t(self)

    @property
    def T(self) -> Tensor:  # noqa: N802 - torch's name
        """All dims reversed (PermuteBackward0)."""
        return _tensor_ops.permute(self, tuple(range(self._data.ndim))[::-1])

    @property
    def mT(self) -> Tensor:  # noqa: N802 - torch's name
        """The last two dims swapped."""
        return _tensor_ops.transpose(self, -2, -1)

    def permute(self, *dims: Any) -> Tensor:
        """Reorder the dims."""
        return _tensor_ops.permute(self, *dims)

    def transpose(self, dim0: builtins.int, dim1: builtins.int) -> Tensor:
        """Swap two dims."""
        return _tensor_ops.transpose(self, dim0, dim1)

    def expand(self, *sizes: Any) -> Tensor:
        """Broadcast to a bigger shape."""
        return _tensor_ops.expand(self, *sizes)

    def expand_as(self, other: Tensor) -> Tensor:
        """Broadcast to ``other``'s shape."""
        return _tensor_ops.expand(self, other._data.shape)

    def contiguous(self) -> Tensor:
        """Self when already row-major, else a copy (CloneBackward0)."""
        if self._data.flags.c_contiguous:
            return self
        res = _tensor_ops.clone(self)
        return res

    def clone(self) -> Tensor:
        """A copy with its own memory."""
        return _tensor_ops.clone(self)

    def __getitem__(self, index: Any) -> Tensor:
        return _tensor_ops.getitem(self, index)

    def __setitem__(self, index: Any, value: Any) -> None:
        _tensor_ops.setitem(self, index, value)

    # ------------------------------------------------------------------------------------------
    # In-place ops
    # ------------------------------------------------------------------------------------------

    def _inplace(self, compute: Callable[[Tensor], Tensor]) -> Tensor:
        """Run ``compute`` on this tensor's current value and store the result in place.

        When a graph is recorded, ``compute`` sees a copy standing in for the old value (same
        grad_fn), so the new node's saved values are not the ones being overwritten; this tensor's
        grad_fn is rebased onto the new node, as torch does.
        """
        check_inplace(self)
        recording = is_grad_enabled()
        if recording:
            src = Tensor._wrap(self._data.copy(), self._requires_grad)
            src._grad_fn = self._grad_fn
            if self._requires_grad and self._grad_fn is None:
                src._acc = self._acc
        else:
            src = self
        res = compute(src)
        if not _can_cast(res._dtype, self._dtype):
            raise RuntimeError(
                f"result type {_SCALAR_NAMES[res._dtype.name]} can't be cast to the desired output type "
                f"{_SCALAR_NAMES[self._dtype.name]}"
            )
        if res._data.shape != self._data.shape:
            raise RuntimeError(
                f"output with shape {list(self._data.shape)} doesn't match the broadcast shape "
                f"{list(res._data.shape)}"
            )
        np.copyto(self._data, res._data, casting="unsafe")
        self._vbox[0] += 1
        node = res._grad_fn
        if node is not None:
            self._grad_fn = node
            self._requires_grad = True
            node._out = self._data
            node._out_vbox = self._vbox
            node._versions = tuple(
                (i, (self._vbox, self._vbox[0])) if i == -1 else (i, v) for i, v in node._versions
            )
        return self

    def __iadd__(self, other: Any) -> Tensor:
        return self.add_(other)

    def __isub__(self, other: Any) -> Tensor:
        return self.sub_(other)

    def __imul__(self, other: Any) -> Tensor:
        return self.mul_(other)

    def __itruediv__(self, other: Any) -> Tensor:
        return self.div_(other)

    def __ipow__(self, other: Any) -> Tensor:
        return self.pow_(other)

    def add_(self, other: Any, *, alpha: Any = 1) -> Tensor:
        """self += alpha * other."""
        return self._inplace(lambda s: s.add(other, alpha=alpha))

    def sub_(self, other: Any, *, alpha: Any = 1) -> Tensor:
        """self -= alpha * other."""
        return self._inplace(lambda s: s.sub(other, alpha=alpha))

    def mul_(self, other: Any) -> Tensor:
        """self *= other."""
        return self._inplace(lambda s: s * other)

    def div_(self, other: Any) -> Tensor:
        """self /= other."""
        return self._inplace(lambda s: s / other)

    def pow_(self, exponent: Any) -> Tensor:
        """self **= exponent."""
        return self._inplace(lambda s: s ** exponent)

    def neg_(self) -> Tensor:
        """self = -self."""
        return self._inplace(lambda s: -s)

    def clamp_(self, min: Any = None, max: Any = None) -> Tensor:  # noqa: A002
        """Clamp in place."""
        return self._inplace(lambda s: s.clamp(min, max))

    clip_ = clamp_

    def exp_(self) -> Tensor:
        """self = e ** self."""
        return self._inplace(lambda s: s.exp())

    def tanh_(self) -> Tensor:
        """self = tanh(self)."""
        return self._inplace(lambda s: s.tanh())

    def relu_(self) -> Tensor:
        """self = relu(self)."""
        return self._inplace(lambda s: s.relu())

    def sigmoid_(self) -> Tensor:
        """self = sigmoid(self)."""
        return self._inplace(lambda s: s.sigmoid())

    def sqrt_(self) -> Tensor:
        """self = sqrt(self)."""
        return self._inplace(lambda s: s.sqrt())

    def abs_(self) -> Tensor:
        """self = |self|."""
        return self._inplace(lambda s: s.abs())

    def zero_(self) -> Tensor:
        """Fill with zeros (on a tensor in a graph: ZeroBackward0, whose gradient is 0)."""
        return self._fill_value(0, "ZeroBackward0")

    def fill_(self, value: Any) -> Tensor:
        """Fill with one value (a 0-d tensor value carries its gradient: each element is that value)."""
        if isinstance(value, Tensor):
            return self.copy_(value)
        return self._fill_value(value, "FillBackward2")

    def _fill_value(self, value: Any, name: str) -> Tensor:
        check_inplace(self)
        if self._grad_fn is None or not is_grad_enabled():
            self._data[...] = value
            self._vbox[0] += 1
            return self
        filled = np.full(self._data.shape, value, self._data.dtype)
        return self._inplace(lambda s: _tensor_ops.record(name, filled, (s,), (s._data.shape, s._data.dtype),
                                                          _tensor_ops.zero_vjp, frees=False))

    def copy_(self, src: Tensor, non_blocking: builtins.bool = False) -> Tensor:
        """Copy ``src``'s values (broadcast, cast) into this tensor (CopyBackwards when a gradient flows)."""
        check_inplace(self)
        try:
            values = np.broadcast_to(src._data, self._data.shape)
        except ValueError:
            raise RuntimeError(
                f"The size of tensor a ({self._data.shape[-1] if self._data.ndim else 1}) must match the size of "
                f"tensor b ({src._data.shape[-1] if src._data.ndim else 1}) at non-singleton dimension "
                f"{self._data.ndim - 1}"
            ) from None
        if not is_grad_enabled() or not (src._requires_grad or self._grad_fn is not None):
            np.copyto(self._data, values, casting="unsafe")
            self._vbox[0] += 1
            return self
        out = values.astype(self._data.dtype)
        saved = (self._data.shape, self._data.dtype, src._data.shape, src._data.dtype)
        return self._inplace(lambda s: _tensor_ops.record("CopyBackwards", out, (s, src), saved,
                                                          _tensor_ops.copy_vjp, frees=False))

    def uniform_(self, a: builtins.float = 0.0, b: builtins.float = 1.0, *, generator: Any = None) -> Tensor:
        """Fill with U(a, b) draws from torch's CPU stream."""
        from minitorch_scalar import random as _random

        check_inplace(self)
        self._data[...] = _random.uniform_array(self._data.shape, a, b, self._data.dtype, generator=generator)
        self._vbox[0] += 1
        return self

    def normal_(self, mean: builtins.float = 0.0, std: builtins.float = 1.0, *, generator: Any = None) -> Tensor:
        """Fill with N(mean, std**2) draws from torch's CPU stream."""
        from minitorch_scalar import random as _random

        check_inplace(self)
        self._data[...] = _random.normal_array(self._data.shape, mean, std, self._data.dtype, generator=generator)
        self._vbox[0] += 1
        return self


def _rebuild(arr: np.ndarray, requires_grad: bool) -> Tensor:
    return Tensor._wrap(arr, requires_grad)


def _no_bool_sub(a: Any, b: Any) -> None:
    if (isinstance(a, Tensor) and a._dtype is dtypes.bool) and (
        (isinstance(b, Tensor) and b._dtype is dtypes.bool) or isinstance(b, (bool, np.bool_))
    ):
        raise RuntimeError(
            "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` "
            "operator instead."
        )


def _int_op(fn: Callable[..., Any], a: Any, b: Any) -> Tensor:
    """floor_divide / remainder with torch's promotion; integer division by zero raises as torch does."""
    dt = _tensor_ops.result_dtype((a, b))
    va, vb = _tensor_ops._operand(a, dt), _tensor_ops._operand(b, dt)
    if not dt.is_floating_point and np.any(np.asarray(vb) == 0):
        raise RuntimeError("ZeroDivisionError")
    with np.errstate(all="ignore"):
        out = fn(va, vb)
    return Tensor._wrap(np.asarray(out, dtype=dt.np))


def _to_nested(data: Any) -> Any:
    """Replace tensors inside nested sequences by their arrays (for np.array)."""
    if isinstance(data, Tensor):
        return data._data
    if isinstance(data, (list, tuple)):
        return [_to_nested(d) for d in data]
    return data


# ----------------------------------------------------------------------------------------------
# Creation
# ----------------------------------------------------------------------------------------------

_COPY_WARNING = (
    "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or "
    "sourceTensor.detach().clone().requires_grad_(True), rather than torch.tensor(sourceTensor)."
)


def _infer(data: Any) -> tuple[np.ndarray, dtype]:
    """The array and torch dtype ``torch.tensor(data)`` would build (Python floats -> default dtype)."""
    stack = [data]
    has_py_float = False
    has_grad_tensor = False
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, Tensor):
            has_grad_tensor = has_grad_tensor or item._requires_grad
        elif type(item) is builtins.float:
            has_py_float = True
        elif not isinstance(item, (numbers.Number, np.generic, np.ndarray)):
            raise TypeError(f"new(): invalid data type '{type(item).__name__}'")
    if has_grad_tensor:
        _warn_once("scalar", _SCALAR_WARNING)
    arr = np.array(_to_nested(data))
    if arr.dtype.kind == "f" and has_py_float and arr.dtype == np.float64:
        arr = arr.astype(dtypes.get_default_dtype().np)
    elif arr.dtype.kind in "iu" and arr.dtype != np.uint8:
        arr = arr.astype(np.int64)
    elif arr.dtype == object:
        raise TypeError("Could not infer dtype of object")
    return arr, dtypes.from_numpy(arr.dtype)


def _check_requires_grad(dt: dtype, requires_grad: bool) -> None:
    if requires_grad and not dt.is_floating_point:
        raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")


def tensor(data: Any, dtype: dtype | None = None, device: Any = None, requires_grad: bool = False,  # noqa: A002
           pin_memory: bool = False) -> Tensor:
    """A new leaf tensor holding a copy of ``data`` (nested lists, numbers, numpy arrays, tensors)."""
    if device is not None:
        from minitorch_scalar.device import check_device

        check_device(device)
    if isinstance(data, Tensor):
        warnings.warn(_COPY_WARNING, UserWarning, stacklevel=2)
        arr = data._data.copy()
    elif isinstance(data, np.ndarray):
        arr = np.array(data, copy=True)
        dtypes.from_numpy(arr.dtype)
    elif dtype is not None:
        _infer(data)
        arr = np.array(_to_nested(data), dtype=dtype.np)
    else:
        arr, _ = _infer(data)
    if dtype is not None and arr.dtype != dtype.np:
        arr = arr.astype(dtype.np)
    dt = dtypes.from_numpy(arr.dtype)
    _check_requires_grad(dt, requires_grad)
    return Tensor._wrap(arr, bool(requires_grad))


def as_tensor(data: Any, dtype: dtype | None = None, device: Any = None) -> Tensor:  # noqa: A002
    """``data`` itself when it already is a tensor of that dtype, else a new tensor (sharing numpy memory)."""
    if isinstance(data, Tensor):
        return data if dtype is None else data.to(dtype)
    if isinstance(data, np.ndarray) and (dtype is None or data.dtype == dtype.np):
        return from_array(data)
    return tensor(data, dtype=dtype, device=device)


def from_numpy(array: np.ndarray) -> Tensor:
    """A tensor sharing ``array``'s memory and dtype."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
    return from_array(array)


def from_array(array: np.ndarray, requires_grad: bool = False) -> Tensor:
    """Wrap a numpy array without copying; the dtype follows the array's (for the RNG and nn helpers)."""
    dt = dtypes.from_numpy(array.dtype)
    _check_requires_grad(dt, requires_grad)
    return Tensor._wrap(array, bool(requires_grad))


def _size_arg(size: tuple[Any, ...]) -> tuple[int, ...]:
    if len(size) == 1 and isinstance(size[0], (tuple, list, Size)):
        size = tuple(size[0])
    for s in size:
        if not isinstance(s, (int, np.integer)) or isinstance(s, bool):
            raise TypeError(
                f"zeros(): argument 'size' (position 1) must be tuple of ints, but found element of type "
                f"{type(s).__name__} at pos 0"
            )
    return tuple(int(s) for s in size)


def _factory(arr: np.ndarray, requires_grad: bool, device: Any = None) -> Tensor:
    """Wrap a factory's array, checking ``requires_grad`` against its dtype and ``device`` (CPU only)."""
    if device is not None:
        from minitorch_scalar.device import check_device

        check_device(device)
    _check_requires_grad(dtypes.from_numpy(arr.dtype), requires_grad)
    return Tensor._wrap(arr, bool(requires_grad))


def _dtype_or_default(d: dtype | None) -> dtype:
    return dtypes.get_default_dtype() if d is None else d


def zeros(*size: Any, dtype: dtype | None = None, device: Any = None, requires_grad: bool = False) -> Tensor:  # noqa: A002
    """A tensor of zeros."""
    return _factory(np.zeros(_size_arg(size), _dtype_or_default(dtype).np), requires_grad, device)


def ones(*size: Any, dtype: dtype | None = None, device: Any = None, requires_grad: bool = False) -> Tensor:  # noqa: A002
    """A tensor of ones."""
    return _factory(np.ones(_size_arg(size), _dtype_or_default(dtype).np), requires_grad, device)


def empty(*size: Any, dtype: dtype | None = None, device: Any = None, requires_grad: bool = False) -> Tensor:  # noqa: A002
    """An uninitialised tensor (zeros here)."""
    return zeros(*size, dtype=dtype, device=device, requires_grad=requires_grad)


def full(size: Any, fill_value: Any, *, dtype: dtype | None = None, device: Any = None,  # noqa: A002
         requires_grad: bool = False) -> Tensor:
    """A tensor filled with ``fill_value`` (its dtype inferred from the value, as torch)."""
    dt = dtype if dtype is not None else dtypes.category_default(dtypes.scalar_category(fill_value))
    return _factory(np.full(_size_arg((size,)), fill_value, dt.np), requires_grad, device)


def zeros_like(input: Tensor, *, dtype: dtype | None = None, requires_grad: bool = False) -> Tensor:  # noqa: A002
    """Zeros of ``input``'s shape and dtype (not its requires_grad)."""
    return _factory(np.zeros(input._data.shape, (dtype or input._dtype).np), requires_grad)


def ones_like(input: Tensor, *, dtype: dtype | None = None, requires_grad: bool = False) -> Tensor:  # noqa: A002
    """Ones of ``input``'s shape and dtype."""
    return _factory(np.ones(input._data.shape, (dtype or input._dtype).np), requires_grad)


def empty_like(input: Tensor, *, dtype: dtype | None = None, requires_grad: bool = False) -> Tensor:  # noqa: A002
    """An uninitialised tensor like ``input`` (zeros here)."""
    return zeros_like(input, dtype=dtype, requires_grad=requires_grad)


def full_like(input: Tensor, fill_value: Any, *, dtype: dtype | None = None,  # noqa: A002
              requires_grad: bool = False) -> Tensor:
    """``fill_value`` in ``input``'s shape and dtype."""
    return _factory(np.full(input._data.shape, fill_value, (dtype or input._dtype).np), requires_grad)


def eye(n: int, m: int | None = None, *, dtype: dtype | None = None, device: Any = None,  # noqa: A002
        requires_grad: bool = False) -> Tensor:
    """The identity matrix (n x m)."""
    return _factory(np.eye(n, m, dtype=_dtype_or_default(dtype).np), requires_grad, device)


def arange(start: Any, end: Any = None, step: Any = 1, *, dtype: dtype | None = None, device: Any = None,  # noqa: A002
           requires_grad: bool = False) -> Tensor:
    """Values from ``start`` (default 0) up to ``end`` (excluded) by ``step``; int64 when all are integers."""
    if end is None:
        start, end = 0, start
    if step == 0:
        raise RuntimeError("step must be nonzero")
    vals = [v.item() if isinstance(v, Tensor) else v for v in (start, end, step)]
    integral = builtins.all(isinstance(v, (int, np.integer)) for v in vals)
    dt = dtype or (dtypes.int64 if integral else dtypes.get_default_dtype())
    n = builtins.max(math.ceil((vals[1] - vals[0]) / vals[2]), 0)
    arr = (np.arange(n, dtype=np.float64) * vals[2] + vals[0]) if not integral else np.arange(*vals, dtype=np.int64)
    return _factory(arr.astype(dt.np), requires_grad, device)


def linspace(start: Any, end: Any, steps: int, *, dtype: dtype | None = None, device: Any = None,  # noqa: A002
             requires_grad: bool = False) -> Tensor:
    """``steps`` evenly spaced values from ``start`` to ``end`` (torch's symmetric formula)."""
    dt = _dtype_or_default(dtype)
    if steps == 1:
        arr = np.array([start], dtype=np.float64)
    else:
        step = (end - start) / (steps - 1)
        i = np.arange(steps, dtype=np.float64)
        half = steps // 2
        arr = np.where(i < half, start + step * i, end - step * (steps - 1 - i))
    return _factory(arr.astype(dt.np), requires_grad, device)


def _check_tensor(fn: str, x: Any) -> None:
    if not isinstance(x, Tensor):
        raise TypeError(f"{fn}(): argument 'input' (position 1) must be Tensor, not {type(x).__name__}")


def maximum(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """Elementwise max (MaximumBackward0; ties split the grad)."""
    _check_tensor("maximum", input)
    if not isinstance(other, Tensor):
        raise TypeError(f"maximum(): argument 'other' (position 2) must be Tensor, not {type(other).__name__}")
    return _tensor_ops.apply(_reg.MAXIMUM, "MaximumBackward0", (input, other))


def minimum(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """Elementwise min (MinimumBackward0; ties split the grad)."""
    _check_tensor("minimum", input)
    if not isinstance(other, Tensor):
        raise TypeError(f"minimum(): argument 'other' (position 2) must be Tensor, not {type(other).__name__}")
    return _tensor_ops.apply(_reg.MINIMUM, "MinimumBackward0", (input, other))


def axis_alias(fn: str, dim: Any, axis: Any, default: Any = None) -> Any:
    """``dim``, or numpy's ``axis`` when that is given instead (torch accepts either, not both)."""
    if axis is None:
        return dim
    if dim is not default:
        raise TypeError(f"{fn}() got an unexpected keyword argument 'axis'")
    return axis


def stack(tensors: Any, dim: int = 0, *, axis: int | None = None) -> Tensor:
    """Join equal-shaped tensors along a new dim (StackBackward0)."""
    return _tensor_ops.stack(tensors, axis_alias("stack", dim, axis, 0))


def cat(tensors: Any, dim: int = 0, *, axis: int | None = None) -> Tensor:
    """Join tensors along an existing dim (CatBackward0); ``concat`` and ``concatenate`` are aliases."""
    return _tensor_ops.cat(tensors, axis_alias("cat", dim, axis, 0))


concat = cat
concatenate = cat


def where(condition: Tensor, input: Any = None, other: Any = None) -> Any:  # noqa: A002
    """``input`` where ``condition`` else ``other`` (WhereBackward0); with the condition alone, the indices
    of its True entries, one tensor per dim (``condition.nonzero(as_tuple=True)``)."""
    if input is None and other is None:
        _check_tensor("where", condition)
        return _tensor_ops.nonzero(condition, as_tuple=True)
    return _tensor_ops.where(condition, input, other)


from minitorch_scalar import ops as _reg  # noqa: E402
from minitorch_scalar import tensor_ops as _tensor_ops  # noqa: E402

__all__ = [
    "Size", "Tensor", "arange", "as_tensor", "cat", "empty", "empty_like", "eye", "from_array", "from_numpy",
    "full", "full_like", "linspace", "maximum", "minimum", "ones", "ones_like", "stack", "tensor", "where",
    "zeros", "zeros_like",
]
