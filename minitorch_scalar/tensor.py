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
import copy as _copy
import math
import numbers
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from minitorch_scalar import dtypes
from minitorch_scalar.autograd import POST_ACCUMULATE_KEY, PostAccumulateHooks, RemovableHandle, is_grad_enabled
from minitorch_scalar.autograd import backward as _autograd_backward
from minitorch_scalar.custom_function import OutputEdge
from minitorch_scalar.dtypes import dtype


class Size(tuple):
    """torch.Size: a tuple of ints printed as ``torch.Size([2, 3])``."""

    __slots__ = ()
    __module__ = "torch"  # type(x.shape) prints as torch's <class 'torch.Size'>

    def __reduce__(self) -> Any:
        return (_size, (tuple(self),))

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


def _warn_once(key: str, message: str, stacklevel: int = 3) -> None:
    if not _warned.get(key):
        _warned[key] = True
        warnings.warn(message, UserWarning, stacklevel=stacklevel)


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
_T_WARNING = (
    "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will throw "
    "an error in a future release. Consider `x.mT` to transpose batches of matrices or `x.permute(*torch.arange("
    "x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor. (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4314.)"
)
_T_0D_WARNING = (
    "Tensor.T is deprecated on 0-D tensors. This function is the identity in these cases. (Triggered internally "
    "at /__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4321.)"
)
_H_0D_WARNING = (
    "Tensor.H is deprecated on 0-D tensors. Consider using x.conj(). (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4335.)"
)
_VIEW_OF_LEAF = "a view of a leaf Variable that requires grad is being used in an in-place operation."
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


class _ReadOnlyAttribute:
    """A fixed tensor attribute that torch defines in C and refuses to assign (``t.name = ...``).

    Tensors take ad-hoc attributes (``__dict__``), so without this a script's ``t.name = "w"`` would work here
    while torch raises.
    """

    def __init__(self, value: Any) -> None:
        self._value = value
        self._attr = ""

    def __set_name__(self, owner: type, attr: str) -> None:
        self._attr = attr

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        return self._value

    def __set__(self, obj: Any, value: Any) -> None:
        raise AttributeError(f"attribute '{self._attr}' of 'torch._C.TensorBase' objects is not writable")


def _inplace_twin(name: str) -> Callable[..., Tensor]:
    """The in-place method ``<name>_``: ``self.<name>(...)`` stored into ``self`` (the grad_fn is ``<name>``'s)."""

    def twin(self: Tensor, *args: Any, **kwargs: Any) -> Tensor:
        return self._inplace(lambda s: getattr(s, name)(*args, **kwargs))

    twin.__name__ = twin.__qualname__ = f"{name}_"
    twin.__doc__ = f"In-place :meth:`Tensor.{name}`: the same values and grad_fn, written into this tensor."
    return twin


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

    __module__ = "torch"  # type(t) prints as torch's <class 'torch.Tensor'>; pickles go through _rebuild

    # "__dict__": scripts hang their own attributes on tensors (fast.ai's ``w.g = ...``), as torch allows; the
    # dict is only created when one is set
    __slots__ = ("_data", "_dtype", "_requires_grad", "_grad", "_grad_fn", "_vbox", "_acc", "_hooks", "_base",
                 "__weakref__", "__dict__")
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
    name = _ReadOnlyAttribute(None)  # torch's named-tensor name: None, and not assignable
    # As torch's: numpy's binary operators defer to the Tensor's (``np.float64(2) * t`` stays float32), and an
    # ndarray operand the Tensor declines (``t + arr``) goes through numpy's ufunc and ``__array_wrap__``.
    __array_priority__ = 1000

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
            arr = np.array(_to_nested(args[0], len(_nested_shape(args[0]))), dtype=np.float32)
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
        """The node that produced this tensor (None for a leaf); the shared node for a custom Function's outputs."""
        fn = self._grad_fn
        return fn._public if isinstance(fn, OutputEdge) else fn

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

    def register_post_accumulate_grad_hook(self, hook: Callable[[Tensor], None]) -> RemovableHandle:
        """Call ``hook(tensor)`` each time a backward has just added a gradient into this leaf's ``.grad``.

        Raises:
            RuntimeError: for a tensor that does not require grad, or a non-leaf (torch's messages).
        """
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self._grad_fn is not None:
            raise RuntimeError("post accumulate grad hooks cannot be registered on non-leaf tensors")
        if self._hooks is None:
            self._hooks = {}
        post = self._hooks.get(POST_ACCUMULATE_KEY)
        if not isinstance(post, PostAccumulateHooks):
            post = self._hooks[POST_ACCUMULATE_KEY] = PostAccumulateHooks()
        handle = RemovableHandle(post.hooks)
        post.hooks[handle.id] = hook
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
        """The values for numpy: ``np.asarray(t)`` shares memory, ``np.array(t)`` copies."""
        arr = self.numpy()
        if dtype is not None:
            arr = arr.astype(dtype, copy=False)
        return arr.copy() if copy and arr is self._data else arr

    def __array_wrap__(self, array: np.ndarray, context: Any = None, return_scalar: builtins.bool = False) -> Tensor:
        """A numpy ufunc's result as a new leaf tensor (bool results become uint8, as torch's)."""
        if array.dtype == np.bool_:
            array = array.astype(np.uint8)
        return from_array(np.asarray(array))

    def _scalar(self) -> Any:
        if self._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return self._data.reshape(()).item()

    def __float__(self) -> builtins.float:
        if self._requires_grad and is_grad_enabled():  # torch warns only while grad mode is on
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
        if self.__dict__ and type(self) is Tensor:  # torch's Parameter.__deepcopy__ drops ad-hoc attributes
            new.__dict__.update(_copy.deepcopy(self.__dict__, memo))
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
        if not is_scalar_like(other) and not isinstance(other, np.ndarray):
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

    def erfc(self) -> Tensor:
        """1 - erf(self), accurate where erf is near 1 (ErfcBackward0)."""
        return _tensor_ops.erfc(self)

    def erfinv(self) -> Tensor:
        """The inverse error function (ErfinvBackward0)."""
        return _tensor_ops.erfinv(self)

    def logit(self, eps: builtins.float | None = None) -> Tensor:
        """log(p / (1 - p)), p = self clamped to [eps, 1 - eps] when ``eps`` is given (LogitBackward0)."""
        return _tensor_ops.logit(self, eps)

    def xlogy(self, other: Any) -> Tensor:
        """self * log(other), 0 where self == 0 (XlogyBackward0)."""
        return _tensor_ops.xlogy(self, other)

    def sinc(self) -> Tensor:
        """sin(pi x) / (pi x), 1 at 0 (SincBackward0)."""
        return _tensor_ops.sinc(self)

    def rsqrt(self) -> Tensor:
        """1 / sqrt(self) (RsqrtBackward0: the grad is -0.5 * out**3)."""
        return _tensor_ops.rsqrt(self)

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

    # linear algebra (minitorch_scalar.linalg and minitorch_scalar.matfuncs)
    def addmm(self, mat1: Tensor, mat2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
        """``beta * self + alpha * (mat1 @ mat2)`` (AddmmBackward0)."""
        return _tensor_ops.addmm(self, mat1, mat2, beta, alpha)

    def addmm_(self, mat1: Tensor, mat2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
        """In-place :meth:`addmm`."""
        return self._inplace(lambda s: _tensor_ops.addmm(s, mat1, mat2, beta, alpha))

    def addmv(self, mat: Tensor, vec: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
        """``beta * self + alpha * (mat @ vec)`` (AddmvBackward0)."""
        return _matfuncs().addmv(self, mat, vec, beta=beta, alpha=alpha)

    def addmv_(self, mat: Tensor, vec: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
        """In-place :meth:`addmv`."""
        return self._inplace(lambda s: _matfuncs().addmv(s, mat, vec, beta=beta, alpha=alpha))

    def addr(self, vec1: Tensor, vec2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
        """``beta * self + alpha * outer(vec1, vec2)`` (AddrBackward0)."""
        return _matfuncs().addr(self, vec1, vec2, beta=beta, alpha=alpha)

    def addr_(self, vec1: Tensor, vec2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
        """In-place :meth:`addr`."""
        return self._inplace(lambda s: _matfuncs().addr(s, vec1, vec2, beta=beta, alpha=alpha))

    def baddbmm(self, batch1: Tensor, batch2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
        """``beta * self + alpha * bmm(batch1, batch2)`` (BaddbmmBackward0)."""
        return _matfuncs().baddbmm(self, batch1, batch2, beta=beta, alpha=alpha)

    def baddbmm_(self, batch1: Tensor, batch2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
        """In-place :meth:`baddbmm`."""
        return self._inplace(lambda s: _matfuncs().baddbmm(s, batch1, batch2, beta=beta, alpha=alpha))

    def addbmm(self, batch1: Tensor, batch2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
        """``beta * self + alpha * sum_b batch1[b] @ batch2[b]`` (AddbmmBackward0)."""
        return _matfuncs().addbmm(self, batch1, batch2, beta=beta, alpha=alpha)

    def addbmm_(self, batch1: Tensor, batch2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:
        """In-place :meth:`addbmm`."""
        return self._inplace(lambda s: _matfuncs().addbmm(s, batch1, batch2, beta=beta, alpha=alpha))

    def vdot(self, other: Tensor) -> Tensor:
        """1-D dot product (VdotBackward0)."""
        return _matfuncs().vdot(self, other)

    def inner(self, other: Tensor) -> Tensor:
        """Sum of products over the last dims."""
        return _matfuncs().inner(self, other)

    def kron(self, other: Tensor) -> Tensor:
        """The Kronecker product."""
        return _matfuncs().kron(self, other)

    def cross(self, other: Tensor, dim: builtins.int | None = None) -> Tensor:
        """The 3-vector cross product along ``dim`` (default: the first dim of size 3)."""
        return _matfuncs().cross(self, other, dim)

    def matrix_power(self, n: builtins.int) -> Tensor:
        """The matrix multiplied by itself ``n`` times."""
        return _matfuncs().matrix_power(self, n)

    def matrix_exp(self) -> Tensor:
        """The matrix exponential (LinalgMatrixExpBackward0)."""
        return _matfuncs().matrix_exp(self)

    def dist(self, other: Tensor, p: builtins.float = 2) -> Tensor:
        """The p-norm of ``self - other`` (DistBackward0)."""
        return _matfuncs().dist(self, other, p)

    def adjoint(self) -> Tensor:
        """The transpose of the last two dims (TransposeBackward0)."""
        return _matfuncs().adjoint(self)

    def cholesky_solve(self, input2: Tensor, upper: builtins.bool = False) -> Tensor:
        """X with ``(L L^T) X = self``, ``input2`` the Cholesky factor (CholeskySolveBackward0)."""
        return _matfuncs().cholesky_solve(self, input2, upper)

    def cholesky_inverse(self, upper: builtins.bool = False) -> Tensor:
        """``(L L^T)^-1`` from this Cholesky factor (CholeskyInverseBackward0)."""
        return _matfuncs().cholesky_inverse(self, upper)

    def triangular_solve(self, A: Tensor, upper: builtins.bool = True, transpose: builtins.bool = False,  # noqa: N803
                         unitriangular: builtins.bool = False) -> Any:
        """``(solution, cloned_coefficient)`` of a triangular system (see torch.triangular_solve)."""
        return _matfuncs().triangular_solve(self, A, upper, transpose, unitriangular)

    def inverse(self) -> Tensor:
        """The matrix inverse (LinalgInvExBackward0)."""
        return _matfuncs().inverse(self)

    def det(self) -> Tensor:
        """The determinant (LinalgDetBackward0)."""
        return _matfuncs().det(self)

    def logdet(self) -> Tensor:
        """log det (nan for a negative determinant)."""
        return _matfuncs().logdet(self)

    def slogdet(self) -> Any:
        """``(sign, logabsdet)`` of the determinant."""
        return _matfuncs().slogdet(self)

    def pinverse(self, rcond: builtins.float = 1e-15) -> Tensor:
        """The pseudo-inverse (LinalgPinvBackward0)."""
        return _matfuncs().pinverse(self, rcond)

    def cholesky(self, upper: builtins.bool = False) -> Tensor:
        """The Cholesky factor (CholeskyBackward0)."""
        return _matfuncs().cholesky(self, upper)

    def qr(self, some: builtins.bool = True) -> Any:
        """``(Q, R)`` (see torch.qr)."""
        return _matfuncs().qr(self, some)

    def svd(self, some: builtins.bool = True, compute_uv: builtins.bool = True) -> Any:
        """``(U, S, V)`` (see torch.svd)."""
        return _matfuncs().svd(self, some, compute_uv)

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
        if isinstance(other, np.ndarray):  # torch compares with an ndarray (only ==) as with a tensor
            other = from_array(other)
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

    def nansum(self, dim: Any = None, keepdim: builtins.bool = False, *,
               dtype: dtypes.dtype | None = None) -> Tensor:
        """Sum with nan entries counted as 0 (NansumBackward0: grad 0 at the nan entries)."""
        return _tensor_ops.nansum(self, dim, keepdim, dtype)

    def nanmean(self, dim: Any = None, keepdim: builtins.bool = False, *,
                dtype: dtypes.dtype | None = None) -> Tensor:
        """Mean of the non-nan entries: nansum / (number of non-nan entries)."""
        return _tensor_ops.nanmean(self, dim, keepdim, dtype)

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

    def norm(self, p: Any = "fro", dim: Any = None, keepdim: builtins.bool = False,
             dtype: dtypes.dtype | None = None) -> Tensor:
        """A vector p-norm ('fro' = 2) over ``dim`` (all entries by default), or the 'nuc' matrix norm (see
        torch.norm)."""
        return _matfuncs().norm(self, p, dim, keepdim, dtype)

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
        """The distinct values (ascending; slices along ``dim`` when given), optionally with the inverse
        index and the counts."""
        if dim is None and not self._requires_grad:
            return _tensor_ops.unique(self, sorted, return_inverse, return_counts, dim)
        return _tensor_ops.unique_values(self, return_inverse, return_counts, dim, False)

    def unique_consecutive(self, return_inverse: builtins.bool = False, return_counts: builtins.bool = False,
                           dim: builtins.int | None = None) -> Any:
        """One value (or slice along ``dim``) per run of equal neighbours, optionally with the inverse
        index and the run lengths."""
        return _tensor_ops.unique_values(self, return_inverse, return_counts, dim, True)

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
        """All dims reversed (PermuteBackward0); torch's deprecation warning (once) unless 1-D or 2-D."""
        nd = self._data.ndim
        if nd == 0:
            _warn_once("T0", _T_0D_WARNING)
        elif nd > 2:
            _warn_once("T", _T_WARNING)
        return _tensor_ops.permute(self, tuple(range(nd))[::-1])

    @property
    def mT(self) -> Tensor:  # noqa: N802 - torch's name
        """The last two dims swapped (TransposeBackward0)."""
        return self._matrix_transpose("mT")

    @property
    def mH(self) -> Tensor:  # noqa: N802 - torch's name
        """The conjugate transpose of the last two dims: :attr:`mT` for real dtypes."""
        return self._matrix_transpose("mH")

    @property
    def H(self) -> Tensor:  # noqa: N802 - torch's name
        """The conjugate transpose of a matrix: its transpose for real dtypes (TransposeBackward0)."""
        nd = self._data.ndim
        if nd == 0:
            _warn_once("H0", _H_0D_WARNING)
            return self
        if nd != 2:
            hint = " For batches of matrices, consider using tensor.mH" if nd > 2 else ""
            raise RuntimeError(f"tensor.H is only supported on matrices (2-D tensors). Got {nd}-D tensor.{hint}")
        return _tensor_ops.transpose(self, 0, 1)

    def _matrix_transpose(self, attr: str) -> Tensor:
        if self._data.ndim < 2:
            raise RuntimeError(
                f"tensor.{attr} is only supported on matrices or batches of matrices. Got {self._data.ndim}-D tensor."
            )
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
        if type(other) is np.ndarray:
            return NotImplemented  # as torch: Python falls back to the out-of-place op (numpy's, a new tensor)
        return self.add_(other)

    def __isub__(self, other: Any) -> Tensor:
        if type(other) is np.ndarray:
            return NotImplemented
        return self.sub_(other)

    def __imul__(self, other: Any) -> Tensor:
        if type(other) is np.ndarray:
            return NotImplemented
        return self.mul_(other)

    def __itruediv__(self, other: Any) -> Tensor:
        if type(other) is np.ndarray:
            return NotImplemented
        return self.div_(other)

    def __ipow__(self, other: Any) -> Tensor:
        if type(other) is np.ndarray:
            return NotImplemented
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

    # in-place twins of out-of-place ops
    lerp_ = _inplace_twin("lerp")
    clamp_min_ = _inplace_twin("clamp_min")
    clamp_max_ = _inplace_twin("clamp_max")
    nan_to_num_ = _inplace_twin("nan_to_num")
    atan2_ = arctan2_ = _inplace_twin("atan2")
    fmod_ = _inplace_twin("fmod")
    remainder_ = _inplace_twin("remainder")
    square_ = _inplace_twin("square")
    cumsum_ = _inplace_twin("cumsum")
    cumprod_ = _inplace_twin("cumprod")
    tril_ = _inplace_twin("tril")
    triu_ = _inplace_twin("triu")
    erf_ = _inplace_twin("erf")
    expm1_ = _inplace_twin("expm1")
    log1p_ = _inplace_twin("log1p")
    frac_ = _inplace_twin("frac")
    trunc_ = fix_ = _inplace_twin("trunc")
    round_ = _inplace_twin("round")
    sign_ = _inplace_twin("sign")
    negative_ = _inplace_twin("neg")
    reciprocal_ = _inplace_twin("reciprocal")
    rsqrt_ = _inplace_twin("rsqrt")
    log_ = _inplace_twin("log")
    log2_ = _inplace_twin("log2")
    log10_ = _inplace_twin("log10")
    sin_ = _inplace_twin("sin")
    cos_ = _inplace_twin("cos")
    tan_ = _inplace_twin("tan")
    sinh_ = _inplace_twin("sinh")
    cosh_ = _inplace_twin("cosh")
    asin_ = arcsin_ = _inplace_twin("asin")
    acos_ = arccos_ = _inplace_twin("acos")
    atan_ = arctan_ = _inplace_twin("atan")
    ceil_ = _inplace_twin("ceil")
    floor_ = _inplace_twin("floor")
    absolute_ = _inplace_twin("abs")
    erfc_ = _inplace_twin("erfc")
    erfinv_ = _inplace_twin("erfinv")
    logit_ = _inplace_twin("logit")
    xlogy_ = _inplace_twin("xlogy")
    sinc_ = _inplace_twin("sinc")

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


    # ------------------------------------------------------------------------------------------
    # In-place shape changes, memory layout, addcmul / addcdiv, logical ops, odds and ends
    # ------------------------------------------------------------------------------------------

    def _reshape_inplace(self, make: Callable[[Tensor], Tensor]) -> Tensor:
        """Give this tensor the shape of the view ``make(self)`` (same memory), as torch's in-place view ops.

        The version counter is bumped; on a tensor in a graph the view's node (named as torch names
        the in-place variant) becomes this tensor's grad_fn.
        """
        if is_grad_enabled():  # values do not change, so (unlike other in-place ops) views of non-leaves are fine
            base = self._base
            if base is not None and base._requires_grad and base._grad_fn is None:
                raise RuntimeError(_VIEW_OF_LEAF)
            if self._grad_fn is None and self._requires_grad:
                raise RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.")
        res = make(self)
        self._data = res._data
        self._vbox[0] += 1
        if res._grad_fn is not None:
            self._grad_fn = res._grad_fn
        return self

    def unsqueeze_(self, dim: builtins.int) -> Tensor:
        """Insert a size-1 dim in place (UnsqueezeBackward1)."""
        d = _tensor_ops.wrap_dim(dim, self._data.ndim + 1)
        return self._reshape_inplace(lambda s: _tensor_ops.view_of(
            s, np.expand_dims(s._data, d), "UnsqueezeBackward1", (s._data.shape,), _tensor_ops._reshape_vjp))

    def squeeze_(self, dim: Any = None) -> Tensor:
        """Drop size-1 dims in place (SqueezeBackward3 / 4 / 5 for all dims / one dim / a tuple)."""
        name = "SqueezeBackward3" if dim is None else (
            "SqueezeBackward5" if isinstance(dim, (tuple, list)) else "SqueezeBackward4")
        return self._reshape_inplace(lambda s: _tensor_ops.squeeze(s, dim, name=name))

    def transpose_(self, dim0: builtins.int, dim1: builtins.int) -> Tensor:
        """Swap two dims in place (TransposeBackward1)."""
        return self._reshape_inplace(lambda s: _tensor_ops.transpose(s, dim0, dim1, name="TransposeBackward1"))

    swapdims_ = transpose_
    swapaxes_ = transpose_

    def t_(self) -> Tensor:
        """Transpose a tensor of at most 2 dims in place (TBackward1)."""
        nd = self._data.ndim
        if nd > 2:
            raise RuntimeError(f"t_() expects a tensor with <= 2 dimensions, but self is {nd}D")
        return self._reshape_inplace(lambda s: _tensor_ops.transpose(s, 0, -1 if nd else 0, name="TBackward1"))

    def resize_(self, *sizes: Any) -> Tensor:
        """Change the shape in place, keeping the elements that come first in memory (from this
        tensor's first element), as torch's storage does.

        A bigger size adds elements (zeros here; torch leaves them uninitialised) and new memory;
        the version is bumped unless the shape stays the same.

        Raises:
            RuntimeError: on a tensor that requires grad (torch's message).
        """
        if self._requires_grad:
            raise RuntimeError("cannot resize variables that require grad")
        shape = _tensor_ops._shape_arg(sizes)
        if builtins.any(s < 0 for s in shape):
            raise RuntimeError("numel: integer multiplication overflow")
        if shape == self._data.shape:
            return self
        n = builtins.int(math.prod(shape))
        root = self._data
        while isinstance(root.base, np.ndarray):
            root = root.base
        # the elements in memory order from this tensor's first one (as torch's storage), else its own order
        flat = root.reshape(-1)[self.storage_offset():] if root.flags.c_contiguous else self._data.reshape(-1)
        if n > flat.size:
            flat = np.concatenate([flat, np.zeros(n - flat.size, flat.dtype)])
        self._data = flat[:n].reshape(shape)
        self._vbox[0] += 1
        return self

    def resize_as_(self, the_template: Tensor) -> Tensor:
        """:meth:`resize_` to ``the_template``'s shape."""
        return self.resize_(the_template._data.shape)

    def narrow(self, dim: builtins.int, start: Any, length: builtins.int) -> Tensor:
        """``length`` entries of ``dim`` from ``start``, a view (SliceBackward0)."""
        return _tensor_ops.narrow(self, dim, start, length)

    def narrow_copy(self, dim: builtins.int, start: Any, length: builtins.int) -> Tensor:
        """:meth:`narrow` as a copy (NarrowCopyBackward0)."""
        return _tensor_ops.narrow(self, dim, start, length, copy=True)

    def unfold(self, dimension: builtins.int, size: builtins.int, step: builtins.int) -> Tensor:
        """Windows of ``size`` along ``dimension``, ``step`` apart, as a new last dim (a view; UnfoldBackward0)."""
        return _tensor_ops.unfold(self, dimension, size, step)

    def as_strided(self, size: Any, stride: Any, storage_offset: builtins.int | None = None) -> Tensor:
        """A view of this tensor's memory with the given sizes and strides (AsStridedBackward0)."""
        return _tensor_ops.as_strided(self, size, stride, storage_offset)

    def stride(self, dim: builtins.int | None = None) -> Any:
        """Elements to skip to move one step along each dim (a tuple, or one dim's)."""
        strides = tuple(s // self._data.itemsize for s in self._data.strides)
        return strides if dim is None else strides[_tensor_ops.wrap_dim(dim, self._data.ndim)]

    def data_ptr(self) -> builtins.int:
        """The address of the first element."""
        return builtins.int(self._data.__array_interface__["data"][0])

    def storage_offset(self) -> builtins.int:
        """How many elements the first element sits after the start of the memory it shares."""
        root = self._data
        while isinstance(root.base, np.ndarray):
            root = root.base
        return (self.data_ptr() - builtins.int(root.__array_interface__["data"][0])) // self._data.itemsize

    @property
    def itemsize(self) -> builtins.int:
        """Bytes per element."""
        return self._dtype.itemsize

    @property
    def nbytes(self) -> builtins.int:
        """Bytes of the elements (numel * itemsize)."""
        return builtins.int(self._data.size) * self._dtype.itemsize

    def pin_memory(self, device: Any = None) -> Tensor:
        """Fails as a CPU-only torch does (pinned memory needs an accelerator)."""
        raise RuntimeError("Cannot access accelerator device when none is available.")

    def is_pinned(self, device: Any = None) -> builtins.bool:
        """False: nothing is pinned on a CPU-only build."""
        return False

    def share_memory_(self) -> Tensor:
        """Self (processes share nothing here; kept for scripts that call it)."""
        return self

    def fill_diagonal_(self, fill_value: Any, wrap: builtins.bool = False) -> Tensor:
        """Write ``fill_value`` on the main diagonal in place (CopySlices in a graph).

        For a tall matrix, ``wrap=True`` restarts the diagonal every ``cols + 1`` rows, as numpy's
        ``fill_diagonal`` does.

        Raises:
            RuntimeError: for fewer than 2 dims, or unequal dims beyond 2 (torch's messages).
        """
        shape = self._data.shape
        if len(shape) < 2:
            raise RuntimeError("dimensions must larger than 1")
        if len(shape) > 2 and len(set(shape)) != 1:
            raise RuntimeError("all dimensions of input must be of equal length")
        if len(shape) == 2:
            rows, cols = shape
            flat = np.arange(0, rows * cols if wrap else builtins.min(rows, cols) * cols, cols + 1)
            index = np.unravel_index(flat, shape)
        else:
            index = (np.arange(shape[0]),) * len(shape)
        _tensor_ops.setitem(self, tuple(np.asarray(i) for i in index), fill_value)
        return self

    def addcmul(self, tensor1: Tensor, tensor2: Tensor, *, value: Any = 1) -> Tensor:
        """self + value * tensor1 * tensor2 (AddcmulBackward0)."""
        return _tensor_ops.addc(self, tensor1, tensor2, value, divide=False)

    def addcdiv(self, tensor1: Tensor, tensor2: Tensor, *, value: Any = 1) -> Tensor:
        """self + value * tensor1 / tensor2 (AddcdivBackward0)."""
        return _tensor_ops.addc(self, tensor1, tensor2, value, divide=True)

    def addcmul_(self, tensor1: Tensor, tensor2: Tensor, *, value: Any = 1) -> Tensor:
        """In-place :meth:`addcmul`."""
        return self._inplace(lambda s: _tensor_ops.addc(s, tensor1, tensor2, value, divide=False))

    def addcdiv_(self, tensor1: Tensor, tensor2: Tensor, *, value: Any = 1) -> Tensor:
        """In-place :meth:`addcdiv`."""
        return self._inplace(lambda s: _tensor_ops.addc(s, tensor1, tensor2, value, divide=True))

    def allclose(self, other: Tensor, rtol: builtins.float = 1e-05, atol: builtins.float = 1e-08,
                 equal_nan: builtins.bool = False) -> builtins.bool:
        """Whether every ``|self - other| <= atol + rtol * |other|``."""
        return builtins.bool(self.isclose(other, rtol, atol, equal_nan).all())

    def isclose(self, other: Any, rtol: builtins.float = 1e-05, atol: builtins.float = 1e-08,
                equal_nan: builtins.bool = False) -> Tensor:
        """Elementwise ``|self - other| <= atol + rtol * |other|`` (bool)."""
        from minitorch_scalar.functional_api import isclose

        return isclose(self, other, rtol, atol, equal_nan)

    def logical_and(self, other: Tensor) -> Tensor:
        """Elementwise ``self and other`` as bool."""
        return _tensor_ops.logical(self, other, "logical_and")

    def logical_or(self, other: Tensor) -> Tensor:
        """Elementwise ``self or other`` as bool."""
        return _tensor_ops.logical(self, other, "logical_or")

    def logical_xor(self, other: Tensor) -> Tensor:
        """Elementwise ``bool(self) != bool(other)`` as bool."""
        return _tensor_ops.logical(self, other, "logical_xor")

    def _logical_inplace(self, res: Tensor) -> Tensor:
        """Store a logical op's result in place; as in torch, no autograd check and the grad_fn is kept."""
        if res._data.shape != self._data.shape:
            raise RuntimeError(
                f"output with shape {list(self._data.shape)} doesn't match the broadcast shape {list(res._data.shape)}"
            )
        np.copyto(self._data, res._data, casting="unsafe")
        self._vbox[0] += 1
        return self

    def logical_and_(self, other: Tensor) -> Tensor:
        """In-place :meth:`logical_and` (the result is stored in this tensor's dtype)."""
        return self._logical_inplace(self.logical_and(other))

    def logical_or_(self, other: Tensor) -> Tensor:
        """In-place :meth:`logical_or`."""
        return self._logical_inplace(self.logical_or(other))

    def logical_xor_(self, other: Tensor) -> Tensor:
        """In-place :meth:`logical_xor`."""
        return self._logical_inplace(self.logical_xor(other))

    def logical_not_(self) -> Tensor:
        """In-place :meth:`logical_not`."""
        return self._logical_inplace(self.logical_not())

    def diff(self, n: builtins.int = 1, dim: builtins.int = -1, prepend: Tensor | None = None,
             append: Tensor | None = None) -> Tensor:
        """The ``n``-th forward difference along ``dim`` (see :func:`minitorch_scalar.tensor_ops.diff`)."""
        return _tensor_ops.diff(self, n, dim, prepend, append)

    def quantile(self, q: Any, dim: builtins.int | None = None, keepdim: builtins.bool = False, *,
                 interpolation: str = "linear") -> Tensor:
        """The ``q``-quantile(s) along ``dim`` (see :func:`minitorch_scalar.tensor_ops.quantile`)."""
        return _tensor_ops.quantile(self, q, dim, keepdim, interpolation)

    def nanquantile(self, q: Any, dim: builtins.int | None = None, keepdim: builtins.bool = False, *,
                    interpolation: str = "linear") -> Tensor:
        """:meth:`quantile` ignoring nan values."""
        return _tensor_ops.quantile(self, q, dim, keepdim, interpolation, ignore_nan=True)


def _size(dims: tuple[int, ...]) -> Size:
    """Unpickle a Size (its class prints as torch's, so pickles name this function instead)."""
    return Size(dims)


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


def _to_nested(data: Any, dims_left: builtins.int) -> Any:
    """Replace tensors inside nested sequences by their arrays (for np.array).

    ``dims_left`` is how many dims ``data`` still has to supply: a tensor where none is left stands for one
    number (torch reads it with ``item()``), elsewhere for its rows.
    """
    if isinstance(data, Tensor):
        if dims_left:
            return data._data
        if data._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return data._data.reshape(())
    if isinstance(data, (list, tuple)):
        return [_to_nested(d, dims_left - 1) for d in data]
    return data


# ----------------------------------------------------------------------------------------------
# Creation
# ----------------------------------------------------------------------------------------------

_COPY_WARNING = (
    "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or "
    "sourceTensor.detach().clone().requires_grad_(True), rather than torch.tensor(sourceTensor)."
)


_NDARRAY_LIST_WARNING = (
    "Creating a tensor from a list of numpy.ndarrays is extremely slow. Please consider converting the list to a "
    "single numpy.ndarray with numpy.array() before converting to a tensor. (Triggered internally at "
    "/__w/pytorch/pytorch/torch/csrc/utils/tensor_new.cpp:252.)"
)


def _nested_shape(data: Any) -> list[int]:
    """The shape torch reads from the first element at each level (a str inside a list is an error).

    A tensor inside a sequence counts as one number (torch reads it with ``item()``); an array adds its shape.
    """
    shape: list[int] = []
    item = data
    while True:
        if isinstance(item, Tensor) and shape:
            return shape
        if isinstance(item, (Tensor, np.ndarray)):
            return shape + list(item.shape)
        if isinstance(item, str) and shape:
            raise ValueError("too many dimensions 'str'")
        if not isinstance(item, (list, tuple, range)):
            return shape
        shape.append(len(item))
        if not len(item):
            return shape
        item = item[0]


def _item_dtype(item: Any) -> dtype:
    """torch's dtype for one element of ``torch.tensor``'s data."""
    kind = type(item)
    if kind is builtins.float:
        return dtypes.get_default_dtype()
    if kind is builtins.bool:
        return dtypes.bool
    if kind is builtins.int:
        return dtypes.int64
    if isinstance(item, Tensor):
        return item._dtype
    if isinstance(item, (np.ndarray, np.generic)):
        return dtypes.from_numpy(item.dtype)
    if isinstance(item, numbers.Integral):
        return dtypes.int64
    if isinstance(item, numbers.Real):
        return dtypes.get_default_dtype()
    if isinstance(item, (str, bytes)):
        raise TypeError(f"new(): invalid data type '{kind.__name__}'")
    raise RuntimeError(f"Could not infer dtype of {kind.__name__}")


def _infer(data: Any) -> tuple[np.ndarray, dtype]:
    """The array and torch dtype ``torch.tensor(data)`` would build.

    The dtype promotes over the elements: Python floats give the default dtype, ints int64, numpy
    scalars, arrays and tensors their own dtype; no elements gives the default dtype. Every nested
    sequence must have the length the first element at its level set (torch's ValueError otherwise).
    """
    shape = _nested_shape(data)
    if isinstance(data, (list, tuple)) and data and isinstance(data[0], np.ndarray):
        _warn_once("ndarray_list", _NDARRAY_LIST_WARNING, stacklevel=4)
    found: dtype | None = None
    has_grad_tensor = False
    stack: list[tuple[Any, builtins.int]] = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (list, tuple, range)):
            if depth >= len(shape):
                raise TypeError(f"'{type(item).__name__}' object cannot be interpreted as an integer")
            if not shape[depth]:  # torch stops reading at an empty dim
                continue
            if len(item) != shape[depth]:
                raise ValueError(f"expected sequence of length {shape[depth]} at dim {depth} (got {len(item)})")
            stack.extend((sub, depth + 1) for sub in reversed(item))
            continue
        if isinstance(item, Tensor) and depth == len(shape):  # one number: _to_nested checks its size
            has_grad_tensor = has_grad_tensor or item._requires_grad
        elif isinstance(item, (Tensor, np.ndarray)):
            if list(item.shape) != shape[depth:]:
                if isinstance(item, Tensor):
                    raise ValueError("only one element tensors can be converted to Python scalars")
                for k, (want, got) in enumerate(zip(shape[depth:], item.shape)):
                    if want != got:
                        raise ValueError(f"expected sequence of length {want} at dim {depth + k} (got {got})")
                raise ValueError(f"expected sequence of length {shape[depth]} at dim {depth} (got {len(item)})")
            has_grad_tensor = has_grad_tensor or (isinstance(item, Tensor) and item._requires_grad)
        elif depth < len(shape):
            raise TypeError("not a sequence")
        d = _item_dtype(item)
        found = d if found is None else dtypes.promote_types(found, d)
    if has_grad_tensor:
        _warn_once("scalar", _SCALAR_WARNING)
    dt = dtypes.get_default_dtype() if found is None else found
    if 0 in shape:
        return np.zeros(shape, dt.np), dt
    try:
        return np.array(_to_nested(data, len(shape)), dtype=dt.np), dt
    except OverflowError:
        raise ValueError("Overflow when unpacking long long") from None


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
        arr = np.array(_to_nested(data, len(_nested_shape(data))), dtype=dtype.np)
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
        _warn_if_readonly(data)
        return from_array(data)
    return tensor(data, dtype=dtype, device=device)


_READONLY_WARNING = (
    "The given NumPy array is not writable, and PyTorch does not support non-writable tensors. This means writing "
    "to this tensor will result in undefined behavior. You may want to copy the array to protect its data or make "
    "it writable before converting it to a tensor. This type of warning will be suppressed for the rest of this "
    "program. (Triggered internally at /__w/pytorch/pytorch/torch/csrc/utils/tensor_numpy.cpp:213.)"
)


def _warn_if_readonly(array: np.ndarray) -> None:
    if not array.flags.writeable:
        _warn_once("readonly", _READONLY_WARNING, stacklevel=4)


def from_numpy(array: np.ndarray) -> Tensor:
    """A tensor sharing ``array``'s memory and dtype."""
    if not isinstance(array, np.ndarray):
        kind = type(array)
        name = f"numpy.{kind.__name__}" if kind.__module__ == "numpy" else kind.__name__
        raise TypeError(f"expected np.ndarray (got {name})")
    _warn_if_readonly(array)
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


def addcmul(input: Tensor, tensor1: Tensor, tensor2: Tensor, *, value: Any = 1) -> Tensor:  # noqa: A002
    """``input + value * tensor1 * tensor2`` (AddcmulBackward0)."""
    return _tensor_ops.addc(input, tensor1, tensor2, value, divide=False)


def addcdiv(input: Tensor, tensor1: Tensor, tensor2: Tensor, *, value: Any = 1) -> Tensor:  # noqa: A002
    """``input + value * tensor1 / tensor2`` (AddcdivBackward0)."""
    return _tensor_ops.addc(input, tensor1, tensor2, value, divide=True)


def logical_and(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """Elementwise ``input and other`` (bool)."""
    return _tensor_ops.logical(input, other, "logical_and")


def logical_or(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """Elementwise ``input or other`` (bool)."""
    return _tensor_ops.logical(input, other, "logical_or")


def logical_xor(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """Elementwise ``bool(input) != bool(other)`` (bool)."""
    return _tensor_ops.logical(input, other, "logical_xor")


def logical_not(input: Tensor) -> Tensor:  # noqa: A002
    """Elementwise ``not input`` (bool)."""
    _tensor_ops.check_operand("logical_not", input)
    return input.logical_not()


def diff(input: Tensor, n: int = 1, dim: int = -1, prepend: Tensor | None = None,  # noqa: A002
         append: Tensor | None = None) -> Tensor:
    """The ``n``-th forward difference along ``dim`` (see :func:`minitorch_scalar.tensor_ops.diff`)."""
    return _tensor_ops.diff(input, n, dim, prepend, append)


def nanquantile(input: Tensor, q: Any, dim: int | None = None, keepdim: bool = False, *,  # noqa: A002
                interpolation: str = "linear") -> Tensor:
    """The ``q``-quantile(s) along ``dim`` ignoring nan (see :func:`minitorch_scalar.tensor_ops.quantile`)."""
    return _tensor_ops.quantile(input, q, dim, keepdim, interpolation, ignore_nan=True)


def unique_consecutive(input: Tensor, return_inverse: bool = False, return_counts: bool = False,  # noqa: A002
                       dim: int | None = None) -> Any:
    """One value (or slice along ``dim``) per run of equal neighbours, with the inverse / run lengths if asked."""
    _tensor_ops.check_operand("unique_consecutive", input)
    return _tensor_ops.unique_values(input, return_inverse, return_counts, dim, True)


def as_strided(input: Tensor, size: Any, stride: Any, storage_offset: int | None = None) -> Tensor:  # noqa: A002
    """A view of ``input``'s memory with the given sizes and strides (AsStridedBackward0)."""
    _tensor_ops.check_operand("as_strided", input)
    return _tensor_ops.as_strided(input, size, stride, storage_offset)


def narrow(input: Tensor, dim: int, start: Any, length: int) -> Tensor:  # noqa: A002
    """``length`` entries of ``dim`` from ``start``, a view (SliceBackward0)."""
    _tensor_ops.check_operand("narrow", input)
    return _tensor_ops.narrow(input, dim, start, length)


def narrow_copy(input: Tensor, dim: int, start: Any, length: int) -> Tensor:  # noqa: A002
    """:func:`narrow` as a copy (NarrowCopyBackward0)."""
    _tensor_ops.check_operand("narrow_copy", input)
    return _tensor_ops.narrow(input, dim, start, length, copy=True)


from minitorch_scalar import numpy_keywords as _numpy_keywords  # noqa: E402
from minitorch_scalar import ops as _reg  # noqa: E402
from minitorch_scalar import tensor_ops as _tensor_ops  # noqa: E402


def _matfuncs() -> Any:
    """:mod:`minitorch_scalar.matfuncs` (imported on first use: it is built on this module)."""
    from minitorch_scalar import matfuncs

    return matfuncs


__all__ = [
    "addcdiv", "addcmul", "as_strided", "diff", "logical_and", "logical_not", "logical_or", "logical_xor",
    "nanquantile", "narrow", "narrow_copy", "unique_consecutive",
    "Size", "Tensor", "arange", "as_tensor", "cat", "empty", "empty_like", "eye", "from_array", "from_numpy",
    "full", "full_like", "linspace", "maximum", "minimum", "ones", "ones_like", "stack", "tensor", "where",
    "zeros", "zeros_like",
]

_numpy_keywords.install(dict(vars(Tensor)), Tensor)  # axis= / keepdims= on every dim-taking method, as torch
_numpy_keywords.install(globals())
