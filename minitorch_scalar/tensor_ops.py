"""The Tensor engine's ops: elementwise ops from the registry, and every other op's backward rule.

Elementwise ops take their forward and local derivatives from :mod:`minitorch_scalar.ops`; the one
rule :func:`elementwise_vjp` applies the chain rule for all of them (``grad_i = sum_to(upstream *
local_i, shape_i)``). Everything that is not elementwise (reductions, matmul, views, indexing,
stacking, softmax, ...) declares its vector-Jacobian product once, in :data:`VJP`, keyed by the
grad_fn name torch shows.

Every rule is written against a backend ``m``: :data:`ARRAY_VJP` evaluates it on numpy arrays (an
ordinary backward), :data:`TENSOR` on Tensors, which records the backward as a new graph
(``create_graph=True``), so every op has higher-order gradients. Rules have the signature
``rule(m, grad, saved, needs) -> tuple`` (one gradient per tensor input, ``None`` where ``needs``
says none is wanted); see :func:`minitorch_scalar.autograd.record`.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from minitorch_scalar import autograd as _autograd
from minitorch_scalar import dtypes, ops
from minitorch_scalar.autograd import OUTPUT, node_class, record
from minitorch_scalar.math_backends import ArrayBackend
from minitorch_scalar.ops import Op
from minitorch_scalar.tensor import Size, Tensor, is_scalar_like

Rule = Callable[[Any, Any, tuple[Any, ...], tuple[bool, ...]], tuple[Any, ...]]

# Forward ops follow IEEE (inf/nan) silently, as torch does; an np.errstate per op would cost more
# than the op, so numpy's RuntimeWarnings from the registry's formulas are filtered once here.
warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"minitorch_scalar\.(ops|tensor_ops|backends)")

# ----------------------------------------------------------------------------------------------
# Backends the rules are evaluated with
# ----------------------------------------------------------------------------------------------


def _reduce_axes(gshape: tuple[int, ...], shape: tuple[int, ...]) -> tuple[int, ...]:
    """Axes of a broadcast result of shape ``gshape`` to sum so it becomes ``shape``."""
    lead = len(gshape) - len(shape)
    return tuple(range(lead)) + tuple(
        i + lead for i, s in enumerate(shape) if s == 1 and gshape[i + lead] != 1
    )


_ONES: dict[tuple[int, np.dtype], np.ndarray] = {}


def _sum_rows(g: np.ndarray) -> np.ndarray:
    """``g.sum(0)``: for a 2-D float ``g`` as ``ones @ g`` (a BLAS call, several times faster than numpy's
    axis-0 reduction on small arrays; the summation order differs, as it does from torch's)."""
    if g.ndim != 2 or g.dtype.kind != "f" or g.dtype.itemsize < 4:
        return np.add.reduce(g, axis=0)
    key = (g.shape[0], g.dtype)
    ones = _ONES.get(key)
    if ones is None:
        if len(_ONES) > 64:
            _ONES.clear()
        ones = _ONES[key] = np.ones(g.shape[0], g.dtype)
    return ones @ g


class ArrayVJP(ArrayBackend):
    """The numpy backend plus the structural functions backward rules use."""

    @staticmethod
    def sum_to(g: np.ndarray, shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
        """Sum a broadcast gradient back to ``shape`` and cast it to the input's dtype."""
        if g.shape != shape:
            if shape and g.shape[1:] == shape:  # a bias-like input: the same sum over the first axis
                g = _sum_rows(g)
            else:
                g = g.sum(axis=_reduce_axes(g.shape, shape), keepdims=True).reshape(shape)
        return g if g.dtype == dtype else g.astype(dtype)

    @staticmethod
    def chain(g: np.ndarray, local: Any, shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
        """``sum_to(upstream * local, shape)``, skipping the product for constant locals."""
        if isinstance(local, float):
            if local == 1.0:
                return ArrayVJP.sum_to(g, shape, dtype)
            if local == -1.0:
                return ArrayVJP.sum_to(-g, shape, dtype)
            if local == 0.0:
                return np.zeros(shape, dtype)
        return ArrayVJP.sum_to(np.asarray(g * local), shape, dtype)

    @staticmethod
    def expand(g: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
        """``g`` broadcast to ``shape`` (a new array; broadcasting assignment is faster than broadcast_to)."""
        out = np.empty(shape, g.dtype)
        out[...] = g
        return out

    @staticmethod
    def reshape(g: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
        """``g`` with a new shape."""
        return g.reshape(shape)

    @staticmethod
    def permute(g: np.ndarray, perm: tuple[int, ...]) -> np.ndarray:
        """Axes reordered."""
        return g.transpose(perm)

    @staticmethod
    def mT(a: np.ndarray) -> np.ndarray:  # noqa: N802 - torch's name
        """Swap the last two axes."""
        return a.swapaxes(-1, -2)

    @staticmethod
    def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Matrix product (``np.dot`` for two matrices: the same BLAS call with less dispatch overhead)."""
        if a.ndim == 2 and b.ndim == 2:
            return np.dot(a, b)
        return np.asarray(a @ b)

    @staticmethod
    def outer(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """a_i * b_j."""
        return np.multiply.outer(a, b)

    @staticmethod
    def getitem(g: np.ndarray, index: Any) -> np.ndarray:
        """``g[index]``."""
        return np.asarray(g[index])

    @staticmethod
    def index_grad(g: np.ndarray, shape: tuple[int, ...], dtype: np.dtype, index: Any, unique: bool) -> np.ndarray:
        """Zeros of ``shape`` with ``g`` added at ``index`` (the adjoint of ``x[index]``)."""
        out = np.zeros(shape, dtype)
        if unique:
            out[index] = g
        else:
            np.add.at(out, index, g)
        return out

    @staticmethod
    def cast(g: np.ndarray, dtype: np.dtype) -> np.ndarray:
        """``g`` in ``dtype``."""
        return g.astype(dtype, copy=False)

    @staticmethod
    def cumprod(g: np.ndarray, d: int) -> np.ndarray:
        """Running products along ``d``."""
        return np.cumprod(g, axis=d)

    @staticmethod
    def cumsum(g: np.ndarray, d: int) -> np.ndarray:
        """Running sums along ``d``."""
        return np.cumsum(g, axis=d)

    @staticmethod
    def flip(g: np.ndarray, dims: tuple[int, ...]) -> np.ndarray:
        """``g`` reversed along ``dims``."""
        return np.flip(g, dims).copy()

    @staticmethod
    def roll(g: np.ndarray, shifts: tuple[int, ...], dims: tuple[int, ...] | None) -> np.ndarray:
        """``g`` shifted cyclically (flattened first when ``dims`` is None)."""
        if dims is None:
            return np.roll(g.reshape(-1), shifts[0]).reshape(g.shape)
        return np.roll(g, shifts, dims)

    @staticmethod
    def sum(g: np.ndarray, axis: tuple[int, ...], keepdims: bool) -> np.ndarray:
        """Sum over ``axis``."""
        return np.asarray(np.sum(g, axis=axis, keepdims=keepdims))

    @staticmethod
    def zeros(shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
        """Zeros."""
        return np.zeros(shape, dtype)

    @staticmethod
    def const(a: np.ndarray) -> np.ndarray:
        """A constant array (no gradient flows through it)."""
        return a

    @staticmethod
    def inv(a: np.ndarray) -> np.ndarray:
        """Matrix inverse of the last two dims."""
        return np.linalg.inv(a).astype(a.dtype, copy=False)

    @staticmethod
    def solve(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """X with A X = B (B a batch of matrices)."""
        return np.linalg.solve(a, b).astype(a.dtype, copy=False)

    @staticmethod
    def cross(a: np.ndarray, b: np.ndarray, d: int) -> np.ndarray:
        """3-vector cross product along ``d``."""
        return np.asarray(np.cross(a, b, axis=d))


class TensorBackend:
    """Backend whose functions are Tensor ops, so evaluating a rule records it (create_graph)."""

    @staticmethod
    def exp(x: Tensor) -> Tensor:
        """e**x."""
        return x.exp()

    @staticmethod
    def sin(x: Tensor) -> Tensor:
        """sin x."""
        return x.sin()

    @staticmethod
    def cos(x: Tensor) -> Tensor:
        """cos x."""
        return x.cos()

    @staticmethod
    def sinh(x: Tensor) -> Tensor:
        """sinh x."""
        return x.sinh()

    @staticmethod
    def floor(x: Tensor) -> Tensor:
        """The largest integer <= x."""
        return x.floor()

    @staticmethod
    def trunc(x: Tensor) -> Tensor:
        """x rounded toward 0."""
        return x.trunc()

    @staticmethod
    def fmod(a: Any, b: Any) -> Tensor:
        """a - trunc(a / b) * b, as a constant (it only feeds floor division, whose derivative is 0)."""
        a = a._data if isinstance(a, Tensor) else a
        b = b._data if isinstance(b, Tensor) else b
        return Tensor._wrap(np.asarray(ArrayBackend.fmod(a, b)))

    @staticmethod
    def cosh(x: Tensor) -> Tensor:
        """cosh x."""
        return x.cosh()

    @staticmethod
    def log(x: Tensor) -> Tensor:
        """ln x."""
        return x.log()

    @staticmethod
    def sqrt(x: Tensor) -> Tensor:
        """x**0.5."""
        return x.sqrt()

    @staticmethod
    def tanh(x: Tensor) -> Tensor:
        """tanh x."""
        return x.tanh()

    @staticmethod
    def sigmoid(x: Tensor) -> Tensor:
        """1 / (1 + e**-x)."""
        return x.sigmoid()

    @staticmethod
    def relu(x: Tensor) -> Tensor:
        """max(x, 0)."""
        return x.relu()

    @staticmethod
    def abs(x: Tensor) -> Tensor:
        """|x|."""
        return x.abs()

    @staticmethod
    def sign(x: Any) -> Any:
        """sign(x)."""
        return x.sign() if isinstance(x, Tensor) else ArrayBackend.sign(np.asarray(x))

    @staticmethod
    def step(x: Tensor) -> Tensor:
        """1 where x > 0 (or nan), else 0; a constant."""
        return Tensor._wrap(ArrayBackend.step(x._data))

    @staticmethod
    def div(a: Any, b: Any) -> Any:
        """a / b."""
        if isinstance(a, Tensor) or isinstance(b, Tensor):
            return a / b
        return ArrayBackend.div(a, b)

    @staticmethod
    def pow(x: Any, y: Any) -> Any:
        """x ** y."""
        if isinstance(x, Tensor):
            return x.pow(y)
        if isinstance(y, Tensor):
            return y.__rpow__(x)
        return ArrayBackend.pow(x, y)

    @staticmethod
    def where(cond: Any, a: Any, b: Any) -> Any:
        """a where cond, else b (differentiable in a and b)."""
        if not isinstance(cond, Tensor):
            if np.ndim(cond) == 0:
                return a if cond else b
            cond = Tensor._wrap(np.asarray(cond))
        if not isinstance(a, Tensor) and not isinstance(b, Tensor):
            return Tensor._wrap(np.asarray(np.where(cond._data, a, b)))
        return where(cond, a, b)

    @staticmethod
    def logical_and(a: Any, b: Any) -> Any:
        """Elementwise a and b."""
        a = a._data if isinstance(a, Tensor) else a
        b = b._data if isinstance(b, Tensor) else b
        return Tensor._wrap(np.asarray(np.logical_and(a, b)))

    @staticmethod
    def sum_to(g: Tensor, shape: tuple[int, ...], dtype: np.dtype) -> Tensor:
        """Sum a broadcast gradient back to ``shape`` and cast it."""
        if g.shape != shape:
            g = g.sum(_reduce_axes(g.shape, shape), keepdim=True).reshape(shape)
        return g if g._data.dtype == dtype else g.to(dtypes.from_numpy(dtype))

    @staticmethod
    def chain(g: Tensor, local: Any, shape: tuple[int, ...], dtype: np.dtype) -> Tensor:
        """``sum_to(upstream * local, shape)``."""
        if isinstance(local, float):
            if local == 1.0:
                return TENSOR.sum_to(g, shape, dtype)
            if local == -1.0:
                return TENSOR.sum_to(-g, shape, dtype)
            if local == 0.0:
                return Tensor._wrap(np.zeros(shape, dtype))
        if not isinstance(local, Tensor):
            local = Tensor._wrap(np.asarray(local))
        return TENSOR.sum_to(g * local, shape, dtype)

    @staticmethod
    def expand(g: Tensor, shape: tuple[int, ...]) -> Tensor:
        """Broadcast to ``shape``."""
        return g.expand(shape)

    @staticmethod
    def reshape(g: Tensor, shape: tuple[int, ...]) -> Tensor:
        """New shape."""
        return g.reshape(shape)

    @staticmethod
    def permute(g: Tensor, perm: tuple[int, ...]) -> Tensor:
        """Axes reordered."""
        return g.permute(perm)

    @staticmethod
    def mT(a: Tensor) -> Tensor:  # noqa: N802 - torch's name
        """Swap the last two axes."""
        return a.transpose(-1, -2)

    @staticmethod
    def matmul(a: Tensor, b: Tensor) -> Tensor:
        """Matrix product."""
        return matmul(a, b)

    @staticmethod
    def outer(a: Tensor, b: Tensor) -> Tensor:
        """a_i * b_j."""
        return a.unsqueeze(1) * b

    @staticmethod
    def getitem(g: Tensor, index: Any) -> Tensor:
        """``g[index]`` (``index`` already normalised)."""
        return getitem(g, index)

    @staticmethod
    def index_grad(g: Tensor, shape: tuple[int, ...], dtype: np.dtype, index: Any, unique: bool) -> Tensor:
        """Zeros of ``shape`` with ``g`` added at ``index``."""
        out = ArrayVJP.index_grad(g._data, shape, dtype, index, unique)
        return record("IndexPutBackward0", out, (g,), (index,), _index_put_vjp, frees=False)

    @staticmethod
    def cumprod(g: Tensor, d: int) -> Tensor:
        """Running products along ``d`` (CumprodBackward0)."""
        return cumprod(g, d)

    @staticmethod
    def cumsum(g: Tensor, d: int) -> Tensor:
        """Running sums along ``d`` (CumsumBackward0)."""
        return cumsum(g, d)

    @staticmethod
    def flip(g: Tensor, dims: tuple[int, ...]) -> Tensor:
        """``g`` reversed along ``dims`` (FlipBackward0)."""
        return flip(g, dims)

    @staticmethod
    def roll(g: Tensor, shifts: tuple[int, ...], dims: tuple[int, ...] | None) -> Tensor:
        """``g`` shifted cyclically (RollBackward0)."""
        return roll(g, shifts, dims)

    @staticmethod
    def cast(g: Tensor, dtype: np.dtype) -> Tensor:
        """``g`` in ``dtype``."""
        return g.to(dtypes.from_numpy(dtype))

    @staticmethod
    def sum(g: Tensor, axis: tuple[int, ...], keepdims: bool) -> Tensor:
        """Sum over ``axis``."""
        return g.sum(axis, keepdim=keepdims)

    @staticmethod
    def zeros(shape: tuple[int, ...], dtype: np.dtype) -> Tensor:
        """Zeros."""
        return Tensor._wrap(np.zeros(shape, dtype))

    @staticmethod
    def const(a: np.ndarray) -> Tensor:
        """A constant tensor."""
        return Tensor._wrap(np.asarray(a))

    @staticmethod
    def inv(a: Tensor) -> Tensor:
        """Matrix inverse (LinalgInvExBackward0)."""
        from minitorch_scalar import linalg

        return linalg.inv(a)

    @staticmethod
    def solve(a: Tensor, b: Tensor) -> Tensor:
        """X with A X = B (LinalgSolveExBackward0)."""
        from minitorch_scalar import linalg

        return linalg.solve(a, b)

    @staticmethod
    def cross(a: Tensor, b: Tensor, d: int) -> Tensor:
        """3-vector cross product along ``d`` (LinalgCrossBackward0)."""
        from minitorch_scalar import linalg

        return linalg.cross(a, b, dim=d)


ARRAY_VJP = ArrayVJP()
TENSOR = TensorBackend()


def _index_put_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Adjoint of scattering into zeros: read the same positions back."""
    return (m.getitem(g, s[0]),)


# ----------------------------------------------------------------------------------------------
# Elementwise ops (math from the registry)
# ----------------------------------------------------------------------------------------------

_NO_SAVE = frozenset({"add", "sub", "neg"})
_PROBE_FRACTIONS = (-0.5, 0.15, 0.4, 0.65, 0.9, 1.5)


def _reads(op: Op) -> tuple[bool, tuple[bool, ...]]:
    """Whether ``op``'s local derivatives read ``out`` and each argument, found by probing with floats.

    An ingredient that changes no local derivative anywhere on the probe grid is not read (torch
    does not save it, so modifying it in place is no error). A miss only skips a version check;
    the backward's math always receives every value.
    """
    from minitorch_scalar.math_backends import FLOAT

    points = [tuple(lo + f * (hi - lo) for lo, hi in op.domain) for f in _PROBE_FRACTIONS]

    def locals_at(out: float, args: tuple[float, ...]) -> list[float]:
        return [float(loc(FLOAT, out, *args)) for loc in op.local]

    def differs(a: list[float], b: list[float]) -> bool:
        return any(not (x == y or (x != x and y != y)) for x, y in zip(a, b))

    reads_out = False
    reads_arg = [False] * op.arity
    for pt in points:
        out = float(op.forward(FLOAT, *pt))
        base = locals_at(out, pt)
        reads_out = reads_out or differs(base, locals_at(out * 1.37 + 0.11, pt))
        for i in range(op.arity):
            for other in points:
                moved = pt[:i] + (other[i],) + pt[i + 1 :]
                reads_arg[i] = reads_arg[i] or differs(base, locals_at(out, moved))
    return reads_out, tuple(reads_arg)


_UNCHECKED: dict[str, frozenset[int]] = {}


def _unchecked(op: Op) -> frozenset[int]:
    """Positions in an elementwise node's ``saved`` whose values the local derivatives never read (cached)."""
    skip = _UNCHECKED.get(op.name)
    if skip is None:
        reads_out, reads_args = _reads(op)
        found = set() if reads_out else {2}
        found.update(3 + i for i, r in enumerate(reads_args) if not r)
        skip = _UNCHECKED[op.name] = frozenset(found)
    return skip
_FLOAT_RESULT = frozenset({
    "div", "exp", "log", "tanh", "sigmoid", "sqrt", "reciprocal", "sin", "cos", "tan", "log1p", "expm1", "log2",
    "log10", "asin", "acos", "atan", "sinh", "cosh", "erf", "atan2",
})
_INT64 = (-(2**63), 2**63)


def elementwise_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """The chain rule for any registry op: ``grad_i = sum_to(upstream * local_i(out, *args), shape_i)``.

    ``s`` is ``(op, slots, out, *args)``; ``slots[k]`` is ``(arg index, shape, dtype)`` of the k-th
    tensor input, or None for a wrapped Python scalar.
    """
    op: Op = s[0]
    out = s[2]
    args = s[3:]
    res: list[Any] = []
    for slot, need in zip(s[1], needs):
        if not need:
            res.append(None)
            continue
        i, shape, dt = slot
        local = op.local[i](m, out, *args)
        if m is TENSOR and op.name == "relu":
            res.append(_threshold_backward(g, local, args[0]))
            continue
        grad = m.chain(g, local, shape, dt)
        if m is TENSOR and op.name in _DOUBLE_BACKWARD_NAMES and grad._grad_fn is not None:
            grad._grad_fn.__class__ = node_class(_DOUBLE_BACKWARD_NAMES[op.name])
        res.append(grad)
    return tuple(res)


def _threshold_backward(g: Tensor, local: Tensor, x: Tensor) -> Tensor:
    """relu's create_graph gradient ``g * step(x)`` as torch records it: one ThresholdBackwardBackward0
    node over (upstream, x), whose own derivative in x is 0 (so a second derivative is 0, not missing)."""
    return record("ThresholdBackwardBackward0", np.asarray(g._data * local._data), (g, x), (local._data,),
                  _threshold_backward_vjp, frees=False)


def _threshold_backward_vjp(m: Any, gg: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d(g * step(x)): step(x) for g, 0 for x."""
    (step,) = s
    return (gg * m.const(step) if needs[0] else None, gg * 0.0 if needs[1] else None)


_DOUBLE_BACKWARD_NAMES = {"tanh": "TanhBackwardBackward0", "sigmoid": "SigmoidBackwardBackward0"}
"""torch's names for the node a create_graph backward of these ops ends with (upstream * local)."""


def result_dtype(args: Sequence[Any]) -> dtypes.dtype:
    """torch's promoted dtype of tensors and Python numbers (see :mod:`minitorch_scalar.dtypes`)."""
    dims: dtypes.dtype | None = None
    zero: dtypes.dtype | None = None
    scat: int | None = None
    for a in args:
        if isinstance(a, Tensor):
            d = a._dtype
            if a._data.ndim:
                dims = d if dims is None else dtypes.promote_types(dims, d)
            else:
                zero = d if zero is None else dtypes.promote_types(zero, d)
        elif a is not None:
            c = dtypes.scalar_category(a)
            scat = c if scat is None else max(scat, c)
    return dtypes.result_type(dims, zero, scat)


def _operand(a: Any, dt: dtypes.dtype) -> Any:
    """An operand as the registry formulas see it: an array in ``dt``, or a Python number."""
    if isinstance(a, Tensor):
        arr = a._data
        return arr if arr.dtype is dt.np or arr.dtype == dt.np else arr.astype(dt.np)
    if type(a) is int and not _INT64[0] <= a < _INT64[1]:
        raise OverflowError("int too big to convert")
    if dt.is_floating_point:
        return float(a)
    return bool(a) if dt is dtypes.bool else int(a)


def check_operand(name: str, a: Any, position: int = 1, arg: str = "input") -> None:
    """torch's TypeError for a function argument that must be a Tensor."""
    if not isinstance(a, Tensor):
        raise TypeError(f"{name}(): argument '{arg}' (position {position}) must be Tensor, not {type(a).__name__}")


def _broadcast_error(shapes: list[tuple[int, ...]]) -> None:
    """Raise torch's broadcasting message for the first incompatible pair of shapes."""
    a, b = shapes[0], shapes[1]
    for k in range(1, max(len(a), len(b)) + 1):
        sa = a[-k] if k <= len(a) else 1
        sb = b[-k] if k <= len(b) else 1
        if sa != sb and sa != 1 and sb != 1:
            raise RuntimeError(
                f"The size of tensor a ({sa}) must match the size of tensor b ({sb}) at non-singleton dimension "
                f"{max(len(a), len(b)) - k}"
            )
    raise RuntimeError(f"shapes {shapes} cannot be broadcast together")


def apply(op: Op, name: str, args: tuple[Any, ...], scalar_edges: bool = False) -> Tensor:
    """Run registry op ``op`` on tensors / Python numbers and record node ``name``.

    Args:
        op: the registry entry.
        name: torch's grad_fn name (``AddBackward0``, ``RsubBackward1`` ...).
        args: the op's arguments in registry order.
        scalar_edges: whether a Python-number argument shows as a ``(None, 0)`` input, as torch's
            wrapped scalars for add/sub/mul/div do.
    """
    dt = result_dtype(args)
    if op.name in _FLOAT_RESULT and not dt.is_floating_point:
        dt = dtypes.get_default_dtype()
    vals = tuple([_operand(a, dt) for a in args])
    try:
        out = op.forward(ARRAY_VJP, *vals)
    except ValueError:
        _broadcast_error([np.shape(v) for v in vals if isinstance(v, np.ndarray)])
    if type(out) is not np.ndarray:
        out = np.asarray(out, dtype=dt.np)
    elif out.dtype is not dt.np and out.dtype != dt.np:
        out = out.astype(dt.np)
    if not _autograd._grad_enabled[0] or not any([isinstance(a, Tensor) and a._requires_grad for a in args]):
        return Tensor._wrap(out)
    inputs: list[Tensor | None] = []
    slots: list[tuple[int, tuple[int, ...], np.dtype] | None] = []
    for i, a in enumerate(args):
        if isinstance(a, Tensor):
            inputs.append(a)
            slots.append((i, a._data.shape, a._data.dtype))
        elif scalar_edges:
            inputs.append(None)
            slots.append(None)
    if op.name in _NO_SAVE:
        saved: tuple[Any, ...] = (op, tuple(slots), None) + (None,) * len(args)
        return record(name, out, inputs, saved, elementwise_vjp, frees=False)
    saved = (op, tuple(slots), OUTPUT) + tuple([a if isinstance(a, Tensor) else v for a, v in zip(args, vals)])
    return record(name, out, inputs, saved, elementwise_vjp, frees=True, unchecked=_unchecked(op))


def pow_(base: Any, exponent: Any) -> Tensor:
    """x ** y with torch's three node names: PowBackward0 (scalar exponent), 1 (tensor), 2 (scalar base)."""
    if isinstance(base, Tensor) and isinstance(exponent, Tensor):
        name = "PowBackward1"
        ints = not base.is_floating_point() and not exponent.is_floating_point()
        negative = ints and bool(np.any(exponent._data < 0))
    elif isinstance(base, Tensor):
        if not is_scalar_like(exponent):
            raise TypeError(f"unsupported operand type(s) for ** or pow(): 'Tensor' and '{type(exponent).__name__}'")
        name = "PowBackward0"
        negative = bool(not base.is_floating_point() and isinstance(exponent, (int, np.integer)) and exponent < 0)
    else:
        name = "PowBackward2"
        negative = not exponent.is_floating_point() and isinstance(base, (int, np.integer)) and bool(
            np.any(exponent._data < 0)
        )
    if negative:
        raise RuntimeError("Integers to negative integer powers are not allowed.")
    return apply(ops.POW, name, (base, exponent))


def clamp(x: Tensor, min: Any = None, max: Any = None, name: str = "ClampBackward1") -> Tensor:  # noqa: A002
    """min(max(x, min), max) via the registry's clamp; a missing bound is unbounded."""
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    if isinstance(min, Tensor) or isinstance(max, Tensor):
        low = min if min is not None else -np.inf
        high = max if max is not None else np.inf
        return apply(ops.CLAMP, "ClampBackward0", (x, low, high))
    dt = result_dtype([x, min, max])
    if dt.is_floating_point:
        low, high = (-np.inf if min is None else min), (np.inf if max is None else max)
    else:
        info = np.iinfo(dt.np.name) if dt is not dtypes.bool else None
        low = (info.min if info else False) if min is None else min
        high = (info.max if info else True) if max is None else max
    res = apply(ops.CLAMP, name, (x, low, high))
    if res._dtype is not dt:
        res = res.to(dt)
    return res


# ----------------------------------------------------------------------------------------------
# Dimensions
# ----------------------------------------------------------------------------------------------


def wrap_dim(dim: int, ndim: int) -> int:
    """A dimension index in ``[0, ndim)``, with torch's IndexError for one out of range."""
    n = max(ndim, 1)
    if not -n <= dim < n:
        raise IndexError(f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {dim})")
    return dim % n


def _dims(dim: Any, ndim: int) -> tuple[int, ...]:
    if isinstance(dim, (list, tuple)):
        return tuple(sorted({wrap_dim(int(d), ndim) for d in dim})) if ndim else ()
    return (wrap_dim(int(dim), ndim),) if ndim else ()


def _keep_shape(shape: tuple[int, ...], axes: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(1 if i in axes else s for i, s in enumerate(shape))


# ----------------------------------------------------------------------------------------------
# Reductions
# ----------------------------------------------------------------------------------------------


def _sum_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d sum / d x = 1 everywhere: expand the upstream grad back (through the keepdim shape)."""
    shape, keep, dt = s
    return (m.cast(m.expand(m.reshape(g, keep), shape), dt),)


def _mean_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d mean / d x = 1/n everywhere."""
    shape, keep, n = s
    return (m.div(m.expand(m.reshape(g, keep), shape), n),)


def sum(x: Tensor, dim: Any = None, keepdim: bool = False, dtype: dtypes.dtype | None = None) -> Tensor:  # noqa: A001
    """Sum of all elements (SumBackward0) or over ``dim`` (SumBackward1). Integers and bools sum to int64."""
    arr = x._data
    out_dt = dtype if dtype is not None else (x._dtype if x._dtype.is_floating_point else dtypes.int64)
    if dim is None:
        axes = tuple(range(arr.ndim))
        out = np.asarray(np.sum(arr, dtype=out_dt.np))
        name, keep = "SumBackward0", (1,) * arr.ndim
        if keepdim:
            out = out.reshape(keep)
    else:
        axes = _dims(dim, arr.ndim)
        out = np.asarray(np.sum(arr, axis=axes, keepdims=keepdim, dtype=out_dt.np))
        name, keep = "SumBackward1", _keep_shape(arr.shape, axes)
    return record(name, out, (x,), (arr.shape, keep, arr.dtype), _sum_vjp, frees=False)


def mean(x: Tensor, dim: Any = None, keepdim: bool = False, dtype: dtypes.dtype | None = None) -> Tensor:
    """Mean of all elements (MeanBackward0) or over ``dim`` (MeanBackward1); floating dtypes only."""
    dt = dtype if dtype is not None else x._dtype
    if not dt.is_floating_point:
        raise RuntimeError(
            f"mean(): could not infer output dtype. {'Input' if dtype is None else 'Optional'} dtype must be either "
            f"a floating point or complex dtype. Got: {_scalar_type_name_full(dt)}"
        )
    arr = x._data if x._dtype is dt else x._data.astype(dt.np)
    if dim is None:
        axes = tuple(range(arr.ndim))
        name = "MeanBackward0"
    else:
        axes = _dims(dim, arr.ndim)
        name = "MeanBackward1"
    out = np.asarray(np.mean(arr, axis=axes, keepdims=keepdim, dtype=dt.np))
    n = int(np.prod([arr.shape[a] for a in axes])) if axes else 1
    return record(name, out, (x,), (arr.shape, _keep_shape(arr.shape, axes), n), _mean_vjp, frees=False)


def _scalar_type_name(d: dtypes.dtype) -> str:
    return {"int64": "Long", "int32": "Int", "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool"}.get(
        d.name, d.name
    )


def _extreme_all_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Full max/min (and amax/amin): the grad is shared equally by every element equal to the result."""
    x, out, axes, keep = s
    xa = x._data if hasattr(x, "_data") else x
    mask_arr = xa == (out._data if hasattr(out, "_data") else out)
    mask = m.const(mask_arr)
    count = m.sum(mask, axes, True) if axes else mask
    share = m.div(m.expand(m.reshape(g, keep), np.shape(mask)), count)
    # a product, not a select, as torch computes it: a nan/inf upstream reaches every element
    return (share * m.const(mask_arr.astype(xa.dtype)),)


def _extreme_dim_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """max/min over one dim: the whole grad goes to the selected index."""
    shape, dt, keep, index = s
    return (m.index_grad(m.reshape(g, keep), shape, dt, index, True),)


def _extreme(x: Tensor, which: str, dim: Any, keepdim: bool) -> Any:
    """max/min: of everything (MaxBackward1) or along ``dim`` with indices (MaxBackward0)."""
    arr = x._data
    fn, arg = (np.max, np.argmax) if which == "max" else (np.min, np.argmin)
    if dim is None:
        if arr.size == 0:
            raise RuntimeError(
                f"{which}(): Expected reduction dim to be specified for input.numel() == 0. "
                "Specify the reduction dim with the 'dim' argument."
            )
        out = np.asarray(fn(arr))
        axes = tuple(range(arr.ndim))
        return record(f"{which.capitalize()}Backward1", out, (x,), (x, OUTPUT, axes, (1,) * arr.ndim),
                      _extreme_all_vjp)
    d = wrap_dim(int(dim), arr.ndim)
    if arr.ndim == 0:
        idx = np.asarray(0)
        vals = arr.copy()
        index: Any = ()
    else:
        idx = np.asarray(arg(arr, axis=d, keepdims=True))
        vals = np.take_along_axis(arr, idx, axis=d)
        grids: list[Any] = list(np.indices(idx.shape, sparse=True))
        grids[d] = idx
        index = tuple(grids)
        if not keepdim:
            vals, idx = vals.squeeze(d), idx.squeeze(d)
    keep = _keep_shape(arr.shape, (d,)) if arr.ndim else ()
    values = record(f"{which.capitalize()}Backward0", np.asarray(vals), (x,), (arr.shape, arr.dtype, keep, index),
                    _extreme_dim_vjp, frees=True)
    return _RETURN_TYPES[which]((values, Tensor._wrap(np.asarray(idx, dtype=np.int64))))


def amax(x: Tensor, dim: Any = (), keepdim: bool = False, which: str = "max") -> Tensor:
    """Max (or min) over ``dim`` (all dims when empty); ties share the grad equally (AmaxBackward0)."""
    arr = x._data
    axes = _dims(dim, arr.ndim) if (dim is not None and dim != ()) else tuple(range(arr.ndim))
    fn = np.max if which == "max" else np.min
    out = np.asarray(fn(arr, axis=axes, keepdims=keepdim))
    name = "AmaxBackward0" if which == "max" else "AminBackward0"
    return record(name, out, (x,), (x, OUTPUT, axes, _keep_shape(arr.shape, axes)), _extreme_amax_vjp)


def _extreme_amax_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """amax/amin: like the full max, per reduced slice."""
    x, out, axes, keep = s
    xa = x._data if isinstance(x, Tensor) else x
    oa = out._data if isinstance(out, Tensor) else out
    mask_arr = xa == np.reshape(oa, keep)
    count = m.const(np.sum(mask_arr, axis=axes, keepdims=True).astype(xa.dtype))
    share = m.div(m.expand(m.reshape(g, keep), xa.shape), m.expand(count, xa.shape))
    # a product, not a select, as torch computes it: a nan/inf upstream reaches every element
    return (share * m.const(mask_arr.astype(xa.dtype)),)


def argextreme(x: Tensor, which: str, dim: Any = None, keepdim: bool = False) -> Tensor:
    """argmax/argmin (int64, no grad); the flat index when ``dim`` is None."""
    arr = x._data
    fn = np.argmax if which == "max" else np.argmin
    if dim is None:
        out = np.asarray(fn(arr))
        if keepdim:
            out = out.reshape((1,) * arr.ndim)
    else:
        d = wrap_dim(int(dim), arr.ndim)
        out = np.asarray(fn(arr, axis=d, keepdims=keepdim)) if arr.ndim else np.asarray(0)
    return Tensor._wrap(out.astype(np.int64))


class return_type(tuple):  # noqa: N801 - torch's torch.return_types.<name>
    """torch.return_types.max / min: a (values, indices) tuple with names."""

    __slots__ = ()

    @property
    def values(self) -> Tensor:  # type: ignore[override]
        """The extreme values."""
        return self[0]

    @property
    def indices(self) -> Tensor:
        """Where they are."""
        return self[1]

    def __repr__(self) -> str:
        return f"torch.return_types.{type(self).__name__}(\nvalues={self[0]!r},\nindices={self[1]!r})"


_RETURN_TYPES: dict[str, type[return_type]] = {
    name: type(name, (return_type,), {"__slots__": (), "__module__": "torch.return_types"}) for name in ("max", "min")
}


def _prod_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d prod / d x_i = product of all other elements (exclusive cumulative products, so zeros are exact)."""
    x, axis, keep, out = s
    up = m.expand(m.reshape(g, keep), np.shape(x))
    if isinstance(x, Tensor):
        return (up * _prod_others_graph(m, x, axis, keep),)
    return (up * _prod_others(x, axis),)


def _prod_others_graph(m: Any, x: Tensor, axis: int | None, keep: tuple[int, ...]) -> Tensor:
    """The product of the other elements of each slice, differentiably (for create_graph), with zeros.

    With ``Z`` the slice's zero positions, ``P`` the product of its nonzero elements and ``Zp`` the
    product of the elements at ``Z`` (written with ``x`` so it carries their gradient): outside ``Z``
    the answer is ``P / x_i * Zp``; at the only zero it is ``P``; at one of two zeros it is ``P`` times
    the other zero element; with three or more zeros it is 0 with zero derivative (exact to the
    second derivative of the product).
    """
    zero = x._data == 0
    shape = x._data.shape
    zero_c = m.const(zero)

    def slice_total(t: Tensor, how: str) -> Tensor:
        r = getattr(t, how)() if axis is None else getattr(t, how)(axis, keepdim=True)
        return m.expand(m.reshape(r, keep), shape)

    safe = m.where(zero_c, 1.0, x)
    nonzero_prod = slice_total(safe, "prod")
    zero_prod = slice_total(m.where(zero_c, x, 1.0), "prod")
    zero_sum = slice_total(m.where(zero_c, x, 0.0), "sum")
    counts = np.broadcast_to(np.sum(zero, axis=axis, keepdims=axis is not None), shape)
    at_zero = m.where(m.const(counts == 1), nonzero_prod,
                      m.where(m.const(counts == 2), nonzero_prod * (zero_sum - x), 0.0))
    return m.where(zero_c, at_zero, m.div(nonzero_prod, safe) * zero_prod)


def _prod_others(xa: np.ndarray, axis: int | None) -> np.ndarray:
    """For each element, the product of the others along ``axis`` (all when None)."""
    flat = xa.reshape(-1) if axis is None else np.moveaxis(xa, axis, -1)
    ones = np.ones(flat.shape[:-1] + (1,), xa.dtype)
    left = np.concatenate([ones, np.cumprod(flat, axis=-1)[..., :-1]], axis=-1)
    right = np.flip(np.concatenate([ones, np.cumprod(np.flip(flat, -1), axis=-1)[..., :-1]], axis=-1), -1)
    res = left * right
    return res.reshape(xa.shape) if axis is None else np.moveaxis(res, -1, axis)


def prod(x: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    """Product of all elements, or along ``dim`` (ProdBackward0 / ProdBackward1)."""
    arr = x._data
    out_dt = x._dtype if x._dtype.is_floating_point else dtypes.int64
    if dim is None:
        out = np.asarray(np.prod(arr, dtype=out_dt.np))
        return record("ProdBackward0", out, (x,), (x, None, (1,) * arr.ndim, OUTPUT), _prod_vjp)
    d = wrap_dim(int(dim), arr.ndim)
    out = np.asarray(np.prod(arr, axis=d, keepdims=keepdim, dtype=out_dt.np))
    return record("ProdBackward1", out, (x,), (x, d if arr.ndim else None, _keep_shape(arr.shape, (d,)), OUTPUT),
                  _prod_vjp)


def _var_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d var / d x_i = 2 (x_i - mean) / (n - correction)."""
    x, axes, keep, denom = s
    centered = x - mean(x, axes, keepdim=True) if isinstance(x, Tensor) else x - np.mean(x, axis=axes, keepdims=True)
    return (m.expand(m.reshape(g, keep), np.shape(centered)) * centered * (2.0 / denom),)


def _std_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d std = d var / (2 std)."""
    x, axes, keep, denom, out = s
    zero = (out._data if isinstance(out, Tensor) else out) == 0
    (gx,) = _var_vjp(m, m.div(g, out * 2.0), (x, axes, keep, denom), needs)
    return (m.where(m.const(np.broadcast_to(np.reshape(zero, keep), np.shape(gx))), 0.0, gx),)


def var(x: Tensor, dim: Any = None, unbiased: bool | None = None, keepdim: bool = False, *,
        correction: float | None = None, std: bool = False) -> Tensor:
    """Variance (or std) over ``dim`` with Bessel's correction by default (VarBackward0 / StdBackward0)."""
    if not x._dtype.is_floating_point:
        raise RuntimeError("std and var only support floating point and complex dtypes")
    arr = x._data
    axes = tuple(range(arr.ndim)) if dim is None else _dims(dim, arr.ndim)
    corr = correction if correction is not None else (0 if unbiased is False else 1)
    n = int(np.prod([arr.shape[a] for a in axes])) if axes else 1
    denom = max(n - corr, 0)
    with np.errstate(all="ignore"):
        out = np.asarray(np.var(arr, axis=axes, ddof=corr, keepdims=keepdim))
        if std:
            out = np.sqrt(out)
    out = out.astype(arr.dtype)
    keep = _keep_shape(arr.shape, axes)
    if std:
        return record("StdBackward0", out, (x,), (x, axes, keep, denom, OUTPUT), _std_vjp)
    return record("VarBackward0", out, (x,), (x, axes, keep, denom), _var_vjp)


def _softmax_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d softmax: out * (g - sum(g * out, dim))."""
    out, dim = s
    return (out * (g - m.sum(g * out, (dim,), True)),)


def _log_softmax_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d log_softmax: g - exp(out) * sum(g, dim)."""
    out, dim = s
    return (g - m.exp(out) * m.sum(g, (dim,), True),)


def softmax(x: Tensor, dim: int, log: bool = False) -> Tensor:
    """exp(x - max) / sum(exp(x - max)) along ``dim`` (numerically stable); log_softmax when ``log``."""
    arr = x._data if x._dtype.is_floating_point else x._data.astype(dtypes.get_default_dtype().np)
    d = wrap_dim(int(dim), arr.ndim)
    if arr.ndim == 0:
        shifted = arr - arr
    else:
        shifted = arr - np.max(arr, axis=d, keepdims=True)
    with np.errstate(all="ignore"):
        e = np.exp(shifted)
        total = np.sum(e, axis=d, keepdims=True) if arr.ndim else e
        out = shifted - np.log(total) if log else e / total
    out = np.asarray(out, dtype=arr.dtype)
    if log:
        return record("LogSoftmaxBackward0", out, (x,), (OUTPUT, d), _log_softmax_vjp)
    return record("SoftmaxBackward0", out, (x,), (OUTPUT, d), _softmax_vjp)


# ----------------------------------------------------------------------------------------------
# Matrix products
# ----------------------------------------------------------------------------------------------


def _mm_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """C = A B: dA = g B^T, dB = A^T g."""
    a, b = s
    return (m.matmul(g, m.mT(b)) if needs[0] else None, m.matmul(m.mT(a), g) if needs[1] else None)


def _mv_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """y = A v: dA = g v^T, dv = A^T g."""
    a, v = s
    return (m.outer(g, v) if needs[0] else None, m.matmul(m.mT(a), g) if needs[1] else None)


def _dot_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """s = a . b: da = g b, db = g a."""
    a, b = s
    return (g * b if needs[0] else None, g * a if needs[1] else None)


def _matmul_nd_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """C = A @ B with a 3-D or larger operand: a 1-D A is the row (1, k), a 1-D B the column (k, 1), then
    the batched rule (:func:`_bmm_vjp`), whose grads are reshaped back to each input's shape."""
    a, b, sa, sb, dt = s
    a2 = m.reshape(a, (1,) + tuple(sa)) if len(sa) == 1 else a
    b2 = m.reshape(b, tuple(sb) + (1,)) if len(sb) == 1 else b
    gs = tuple(g.shape)
    if len(sa) == 1:
        gs = gs[:-1] + (1,) + gs[-1:]
    if len(sb) == 1:
        gs = gs + (1,)
    ga, gb = _bmm_vjp(m, m.reshape(g, gs), (a2, b2, tuple(a2.shape), tuple(b2.shape), dt), needs)
    return (None if ga is None else m.reshape(ga, tuple(sa)), None if gb is None else m.reshape(gb, tuple(sb)))


def _bmm_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Batched C = A B with broadcast batch dims: dA = sum_to(g B^T), dB = sum_to(A^T g)."""
    a, b, sa, sb, dt = s
    ga = m.sum_to(m.matmul(g, m.mT(b)), sa, dt) if needs[0] else None
    gb = m.sum_to(m.matmul(m.mT(a), g), sb, dt) if needs[1] else None
    return (ga, gb)


def _addmm_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """out = beta*input + alpha*(A B)."""
    shape, dt, a, b, beta, alpha = s
    up = g * alpha if alpha != 1 else g
    gi = m.sum_to(g * beta if beta != 1 else g, shape, dt) if needs[0] else None
    ga = m.matmul(up, m.mT(b)) if needs[1] else None
    gb = m.matmul(m.mT(a), up) if needs[2] else None
    return (gi, ga, gb)


def _same_dtype(a: Tensor, b: Tensor) -> None:
    if a._dtype is not b._dtype:
        raise RuntimeError(
            f"expected m1 and m2 to have the same dtype, but got: {_cpp_name(a._dtype)} != {_cpp_name(b._dtype)}"
        )


def _same_dtype_mat(a: Tensor, b: Tensor) -> None:
    """addmm's (and so nn.Linear's) dtype check, worded as torch words it there."""
    if a._dtype is not b._dtype:
        raise RuntimeError(
            f"mat1 and mat2 must have the same dtype, but got {_scalar_name(a._dtype)} and {_scalar_name(b._dtype)}"
        )


def _scalar_name(d: dtypes.dtype) -> str:
    """torch's ScalarType name of a dtype (Float, Double, Long ...)."""
    return {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long", "int32": "Int",
            "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool"}.get(d.name, d.name)


def _cpp_name(d: dtypes.dtype) -> str:
    return {"float32": "float", "float64": "double", "int64": "long int", "int32": "int", "bool": "bool",
            "float16": "c10::Half"}.get(d.name, d.name)


def mm(a: Tensor, b: Tensor) -> Tensor:
    """Matrix-matrix product of 2-D tensors (MmBackward0)."""
    check_operand("mm", a)
    check_operand("mm", b, 2, "mat2")
    if a._data.ndim != 2:
        raise RuntimeError("self must be a matrix")
    if b._data.ndim != 2:
        raise RuntimeError("mat2 must be a matrix")
    if a._data.shape[1] != b._data.shape[0]:
        (r1, c1), (r2, c2) = a._data.shape, b._data.shape
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({r1}x{c1} and {r2}x{c2})")
    _same_dtype(a, b)
    return record("MmBackward0", np.matmul(a._data, b._data), (a, b), (a, b), _mm_vjp)


def mv(a: Tensor, v: Tensor) -> Tensor:
    """Matrix-vector product (MvBackward0)."""
    if a._data.ndim != 2 or v._data.ndim != 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got 1, {a.dim()}, {v.dim()}")
    if a._data.shape[1] != v._data.shape[0]:
        raise RuntimeError(
            f"size mismatch, got input ({a._data.shape[0]}), mat ({a._data.shape[0]}x{a._data.shape[1]}), "
            f"vec ({v._data.shape[0]})"
        )
    _same_dtype(a, v)
    return record("MvBackward0", np.asarray(np.matmul(a._data, v._data)), (a, v), (a, v), _mv_vjp)


def dot(a: Tensor, b: Tensor) -> Tensor:
    """Inner product of two 1-D tensors (DotBackward0)."""
    if a._data.ndim != 1 or b._data.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a.dim()}D and {b.dim()}D tensors")
    if a._data.shape[0] != b._data.shape[0]:
        n, k = a._data.shape[0], b._data.shape[0]
        raise RuntimeError(
            f"inconsistent tensor size, expected tensor [{n}] and src [{k}] to have the same number of elements, "
            f"but got {n} and {k} elements respectively"
        )
    if a._dtype is not b._dtype:
        raise RuntimeError(
            "dot : expected both vectors to have same dtype, but found "
            f"{_scalar_type_name_full(a._dtype)} and {_scalar_type_name_full(b._dtype)}"
        )
    return record("DotBackward0", np.asarray(np.dot(a._data, b._data)), (a, b), (a, b), _dot_vjp)


def _scalar_type_name_full(d: dtypes.dtype) -> str:
    return {"float32": "Float", "float64": "Double"}.get(d.name, _scalar_type_name(d))


def matmul(a: Tensor, b: Tensor) -> Tensor:
    """torch.matmul: dot, mv, mm, vector-matrix (SqueezeBackward4) or batched with broadcasting."""
    check_operand("matmul", a)
    check_operand("matmul", b, 2, "other")
    da, db = a._data.ndim, b._data.ndim
    if da == 0 or db == 0:
        raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are {da}D and {db}D")
    if da == 1 and db == 1:
        return dot(a, b)
    if da == 2 and db == 1:
        return mv(a, b)
    if da == 2 and db == 2:
        return mm(a, b)
    if da == 1 and db == 2:
        return squeeze(mm(unsqueeze(a, 0), b), 0, name="SqueezeBackward4")
    _same_dtype(a, b)
    if a._data.shape[-1] != b._data.shape[-2 if db > 1 else -1]:
        raise RuntimeError(
            f"Expected size for first two dimensions of batch2 tensor to be: {list(a.shape[:-2]) + [a.shape[-1]]} "
            f"but got: {list(b.shape[:2])}."
        )
    out = np.matmul(a._data, b._data)
    # torch folds these into mm/bmm and shows the node that restores the shape: UnsafeViewBackward0, or
    # CloneBackward0 for a matrix times a batch (computed transposed); one node here does all of it
    name = "CloneBackward0" if da == 2 else "UnsafeViewBackward0"
    return record(name, out, (a, b), (a, b, a._data.shape, b._data.shape, a._data.dtype), _matmul_nd_vjp)


def addmm(inp: Tensor, a: Tensor, b: Tensor, beta: float = 1, alpha: float = 1) -> Tensor:
    """beta * input + alpha * (a @ b) in one node (AddmmBackward0; nn.Linear on 2-D inputs)."""
    if a._data.ndim != 2:
        raise RuntimeError("self must be a matrix")
    if b._data.ndim != 2:
        raise RuntimeError("mat2 must be a matrix")
    if a._data.shape[1] != b._data.shape[0]:
        (r1, c1), (r2, c2) = a._data.shape, b._data.shape
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({r1}x{c1} and {r2}x{c2})")
    _same_dtype_mat(a, b)
    ab = np.dot(a._data, b._data)  # both are matrices; np.dot has less dispatch overhead than np.matmul
    if alpha != 1:
        ab = ab * alpha
    base = inp._data if beta == 1 else inp._data * beta
    if base.dtype == ab.dtype and base.shape == ab.shape[ab.ndim - base.ndim:]:
        out = np.add(ab, base, out=ab)  # the usual bias: added in place, no new array
    else:
        try:
            out = np.asarray(base + ab, dtype=ab.dtype)
        except ValueError:
            _broadcast_error([inp._data.shape, ab.shape])
    return record("AddmmBackward0", out, (inp, a, b), (inp._data.shape, inp._data.dtype, a, b, beta, alpha),
                  _addmm_vjp, frees=True)


# ----------------------------------------------------------------------------------------------
# Views and shape ops
# ----------------------------------------------------------------------------------------------


def _reshape_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """A view's grad is the upstream grad in the input's shape."""
    return (m.reshape(g, s[0]),)


def _permute_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Permute back with the inverse permutation."""
    return (m.permute(g, s[0]),)


def _expand_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Sum the broadcast grad back to the input's shape."""
    return (m.sum_to(g, s[0], s[1]),)


def _identity_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d out / d in = 1."""
    return (g,)


def _cast_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """The grad is cast back to the input's dtype."""
    return (m.cast(g, s[0]),)


def view_of(x: Tensor, out: np.ndarray, name: str, saved: tuple[Any, ...], rule: Rule, shares: bool = False) -> Tensor:
    """Record a view op: the result shares ``x``'s memory and version counter.

    ``shares=True`` says ``out`` is known to be a view of ``x``'s array (no memory check needed).
    """
    res = record(name, out, (x,), saved, rule, frees=False)
    if shares or np.may_share_memory(out, x._data) or not out.size:
        res._vbox = x._vbox
        res._base = x if x._base is None else x._base
    return res


def _shape_arg(shape: tuple[Any, ...]) -> tuple[int, ...]:
    if len(shape) == 1 and isinstance(shape[0], (tuple, list, Size)):
        shape = tuple(shape[0])
    return shape if all(type(s) is int for s in shape) else tuple(int(s) for s in shape)


def _infer_shape(x: Tensor, shape: tuple[int, ...]) -> tuple[int, ...]:
    n = x._data.size
    if shape.count(-1) > 1:
        raise RuntimeError("only one dimension can be inferred")
    known = int(np.prod([s for s in shape if s != -1])) if shape else 1
    if -1 in shape:
        if known == 0 or n % known:
            raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {n}")
        return tuple(n // known if s == -1 else s for s in shape)
    if known != n:
        raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {n}")
    return shape


def view(x: Tensor, *shape: Any, name: str = "ViewBackward0", strict: bool = False) -> Tensor:
    """The same data in a new shape (ViewBackward0); one ``-1`` is inferred.

    With ``strict`` (``Tensor.view``), a shape the strides of a transposed/permuted/sliced/expanded view
    cannot express without copying raises torch's error (numpy's no-copy reshape follows the same stride
    rule as torch's view). Computed results are not checked: their memory layout is numpy's choice.
    """
    if len(shape) == 1 and isinstance(shape[0], dtypes.dtype):
        raise NotImplementedError("Tensor.view(dtype) is not supported by minitorch_scalar")
    new = _infer_shape(x, _shape_arg(shape))
    if strict and x._data.base is not None and not x._data.flags.c_contiguous:  # a strided view
        try:
            np.reshape(x._data, new, copy=False)
        except ValueError:
            raise RuntimeError(
                "view size is not compatible with input tensor's size and stride (at least one dimension spans "
                "across two contiguous subspaces). Use .reshape(...) instead."
            ) from None
    return view_of(x, x._data.reshape(new), name, (x._data.shape,), _reshape_vjp)


def flatten(x: Tensor, start_dim: int = 0, end_dim: int = -1) -> Tensor:
    """Merge dims ``start_dim..end_dim``; a 1-D input is returned itself, as torch does."""
    shape = x._data.shape
    if x._data.ndim == 0:
        return view(x, 1)
    s, e = wrap_dim(start_dim, len(shape)), wrap_dim(end_dim, len(shape))
    if s == e:
        return x
    new = shape[:s] + (int(np.prod(shape[s : e + 1])),) + shape[e + 1 :]
    return view(x, new)


def squeeze(x: Tensor, dim: Any = None, name: str | None = None) -> Tensor:
    """Drop size-1 dims (all, or the given ones) (SqueezeBackward0 / 1 / 2)."""
    shape = x._data.shape
    if dim is None:
        new = tuple(s for s in shape if s != 1)
        node = name or "SqueezeBackward0"
    else:
        dims = _dims(dim, len(shape))
        new = tuple(s for i, s in enumerate(shape) if not (i in dims and s == 1))
        node = name or ("SqueezeBackward2" if isinstance(dim, (tuple, list)) else "SqueezeBackward1")
    return view_of(x, x._data.reshape(new), node, (shape,), _reshape_vjp)


def unsqueeze(x: Tensor, dim: int) -> Tensor:
    """Insert a size-1 dim at ``dim`` (UnsqueezeBackward0)."""
    d = wrap_dim(dim, x._data.ndim + 1)
    return view_of(x, np.expand_dims(x._data, d), "UnsqueezeBackward0", (x._data.shape,), _reshape_vjp)


def permute(x: Tensor, *dims: Any, name: str = "PermuteBackward0") -> Tensor:
    """Reorder the dims (PermuteBackward0)."""
    n = x._data.ndim
    perm = tuple(d if 0 <= d < n else wrap_dim(d, n) for d in _shape_arg(dims))
    if sorted(perm) != list(range(n)):
        raise RuntimeError("permute(sparse_coo): number of dimensions in the tensor input does not match the "
                           "length of the desired ordering of dimensions i.e. input.dim() = "
                           f"{x._data.ndim} is not equal to len(dims) = {len(perm)}")
    inv = [0] * n
    for i, p in enumerate(perm):
        inv[p] = i
    return view_of(x, x._data.transpose(perm), name, (tuple(inv),), _permute_vjp)


def transpose(x: Tensor, dim0: int, dim1: int, name: str = "TransposeBackward0") -> Tensor:
    """Swap two dims (TransposeBackward0; ``t()`` is TBackward0)."""
    n = x._data.ndim
    perm = list(range(n))
    if n:
        a, b = wrap_dim(dim0, n), wrap_dim(dim1, n)
        perm[a], perm[b] = perm[b], perm[a]
    return view_of(x, x._data.transpose(perm), name, (tuple(perm),), _permute_vjp)


def t(x: Tensor) -> Tensor:
    """Transpose of a tensor with at most 2 dims (TBackward0)."""
    if x._data.ndim > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {x._data.ndim}D")
    if x._data.ndim == 2:  # transpose(x, 0, 1) without its dim checks (nn.Linear's weight, every step)
        return view_of(x, x._data.T, "TBackward0", ((1, 0),), _permute_vjp, shares=True)
    return transpose(x, 0, -1 if x._data.ndim else 0, name="TBackward0")


def expand(x: Tensor, *sizes: Any) -> Tensor:
    """Broadcast to ``sizes`` without copying (ExpandBackward0); -1 keeps a dim."""
    shape = _shape_arg(sizes)
    cur = x._data.shape
    if len(shape) < len(cur):
        raise RuntimeError(
            f"expand({x.type()}{{{list(cur)}}}, size={list(shape)}): the number of sizes provided "
            f"({len(shape)}) must be greater or equal to the number of dimensions in the tensor ({len(cur)})"
        )
    lead = len(shape) - len(cur)
    target = tuple(cur[i - lead] if s == -1 and i >= lead else s for i, s in enumerate(shape))
    try:
        out = np.broadcast_to(x._data, target)
    except ValueError:
        for i, s in enumerate(cur):
            if s != 1 and s != target[i + lead]:
                raise RuntimeError(
                    f"The expanded size of the tensor ({target[i + lead]}) must match the existing size ({s}) at "
                    f"non-singleton dimension {i + lead}.  Target sizes: {list(shape)}.  Tensor sizes: {list(cur)}"
                ) from None
        raise
    return view_of(x, out, "ExpandBackward0", (cur, x._data.dtype), _expand_vjp)


def to_dtype(x: Tensor, dt: dtypes.dtype) -> Tensor:
    """A copy in another dtype (ToCopyBackward0); the same tensor when the dtype already matches."""
    if x._dtype is dt:
        return x
    return record("ToCopyBackward0", x._data.astype(dt.np), (x,), (x._data.dtype,), _cast_vjp, frees=False)


def clone(x: Tensor) -> Tensor:
    """A copy with its own memory (CloneBackward0)."""
    return record("CloneBackward0", x._data.copy(), (x,), (), _identity_vjp, frees=False)


# ----------------------------------------------------------------------------------------------
# Indexing
# ----------------------------------------------------------------------------------------------


def _index_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Adjoint of ``x[index]``: scatter-add the upstream grad into zeros of x's shape."""
    shape, dt, index, unique = s
    return (m.index_grad(g, shape, dt, index, unique),)


def normalize_index(index: Any) -> tuple[Any, bool, str]:
    """Turn a torch index into a numpy one.

    Returns:
        (numpy index, whether it is advanced, the grad_fn name torch gives the last indexing step).
    """
    items = index if isinstance(index, tuple) else (index,)
    out: list[Any] = []
    advanced = False
    name = "AliasBackward0"
    for it in items:
        if isinstance(it, Tensor):
            arr = it._data
            if arr.dtype.kind not in "bui":
                raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
            if arr.ndim == 0 and arr.dtype.kind in "ui":
                out.append(int(arr))
                name = "SelectBackward0"
                continue
            out.append(arr)
            advanced = True
        elif isinstance(it, (list, tuple, range, np.ndarray)):
            arr = np.asarray(it)
            if arr.dtype.kind not in "bui" and arr.size:
                raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
            out.append(arr.astype(np.int64) if arr.dtype.kind != "b" else arr)
            advanced = True
        elif isinstance(it, (bool, np.bool_)):
            out.append(np.asarray(it))
            advanced = True
        elif isinstance(it, (int, np.integer)):
            out.append(int(it))
            name = "SelectBackward0"
        elif isinstance(it, slice):
            out.append(it)
            name = "SliceBackward0"
        elif it is None or it is Ellipsis:
            out.append(it)
            if it is None:
                name = "UnsqueezeBackward0"
        else:
            raise IndexError(
                "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices "
                f"(got {type(it).__name__})"
            )
    if advanced:
        name = "IndexBackward0"
    return tuple(out), advanced, name


def getitem(x: Tensor, index: Any) -> Tensor:
    """``x[index]`` with torch's semantics and grad_fn names (views for basic indexing)."""
    if x._data.ndim == 0 and not isinstance(index, tuple) and isinstance(index, (int, np.integer)):
        raise IndexError(
            "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to "
            "convert a 0-dim tensor to a number"
        )
    idx, advanced, name = normalize_index(index)
    try:
        out = x._data[idx]
    except IndexError as e:
        _check_masks(x._data.shape, idx)
        raise IndexError(str(e).replace("axis", "dimension")) from None
    out = np.asarray(out)
    if advanced:
        unique = _unique_positions(x._data.shape, idx)
        return record(name, out, (x,), (x._data.shape, x._data.dtype, idx, unique), _index_vjp, frees=True)
    return view_of(x, out, name, (x._data.shape, x._data.dtype, idx, True), _index_vjp)


def _is_mask(it: Any) -> bool:
    return isinstance(it, np.ndarray) and it.dtype == np.bool_


def _dims_used(it: Any) -> int:
    """How many dims of the indexed tensor one index item consumes."""
    if it is None or it is Ellipsis:
        return 0
    return it.ndim if _is_mask(it) else 1


def _check_masks(shape: tuple[int, ...], idx: tuple[Any, ...]) -> None:
    """torch's IndexError for a bool mask whose shape does not match the dims it indexes."""
    consumed = [_dims_used(it) for it in idx]
    d = 0
    for it, used in zip(idx, consumed):
        if it is Ellipsis:
            d += len(shape) - builtins_sum(consumed)
            continue
        if _is_mask(it):
            for k, size in enumerate(it.shape):
                if d + k < len(shape) and size != shape[d + k]:
                    raise IndexError(
                        f"The shape of the mask {list(it.shape)} at index {k} does not match the shape of the indexed "
                        f"tensor {list(shape)} at index {d + k}"
                    )
        d += used


def _unique_positions(shape: tuple[int, ...], idx: tuple[Any, ...]) -> bool:
    """Whether an advanced index selects each position at most once (then assignment is a valid adjoint)."""
    for it in idx:
        if isinstance(it, np.ndarray) and it.dtype.kind != "b" and it.size > 1:
            return False
    return True


def _setitem_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """``x[index] = v``: x's grad is the upstream grad with the overwritten positions zeroed; v gets g[index]."""
    index, shape_v, dt_v, dt_x = s
    gx = None
    if needs[0]:
        ga = g._data if isinstance(g, Tensor) else g
        mask = np.ones(ga.shape, bool)
        mask[index] = False
        gx = m.where(m.const(mask), g, 0.0)
    gv = m.sum_to(m.getitem(g, index), shape_v, dt_v) if needs[1] else None
    return (gx, gv)


def setitem(x: Tensor, index: Any, value: Any) -> None:
    """``x[index] = value`` in place, recording CopySlices when a gradient must flow."""
    from minitorch_scalar.tensor import check_inplace

    idx, _, _ = normalize_index(index)
    val = value if isinstance(value, Tensor) else None
    src = value._data if isinstance(value, Tensor) else value
    graph = (x._requires_grad or (val is not None and val._requires_grad)) and is_grad_enabled_()
    check_inplace(x, view_of_leaf=True)
    if any(_is_mask(it) for it in idx):
        _check_masks(x._data.shape, idx)
    if not graph:
        x._data[idx] = src
        x._vbox[0] += 1
        return
    old = Tensor._wrap(x._data.copy(), requires_grad=x._requires_grad)
    old._grad_fn = x._grad_fn
    if x._grad_fn is None and x._requires_grad:
        old = x
    new = x._data.copy()
    new[idx] = src
    vshape = np.shape(src)
    res = record("CopySlices", new, (old, val), (idx, vshape, np.asarray(src).dtype if val is None else
                                                 val._data.dtype, x._data.dtype), _setitem_vjp, frees=False)
    x._data[...] = new
    x._vbox[0] += 1
    x._grad_fn = res._grad_fn
    x._requires_grad = True


def is_grad_enabled_() -> bool:
    from minitorch_scalar.autograd import is_grad_enabled

    return is_grad_enabled()


# ----------------------------------------------------------------------------------------------
# Joining and selecting
# ----------------------------------------------------------------------------------------------


def _split_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """stack/cat: each input's grad is its block of the upstream grad."""
    indices, shapes, dts = s
    return tuple(
        m.reshape(m.getitem(g, ix), shp) if need else None for ix, shp, need in zip(indices, shapes, needs)
    ) if dts is None else tuple(
        m.cast(m.reshape(m.getitem(g, ix), shp), dt) if need else None
        for ix, shp, dt, need in zip(indices, shapes, dts, needs)
    )


def _promote_all(tensors: Sequence[Tensor]) -> tuple[dtypes.dtype, list[np.ndarray]]:
    dt = tensors[0]._dtype
    for t_ in tensors[1:]:
        dt = dtypes.promote_types(dt, t_._dtype)
    return dt, [t_._data if t_._dtype is dt else t_._data.astype(dt.np) for t_ in tensors]


def stack(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    """Join equal-shaped tensors along a new dim (StackBackward0)."""
    tensors = list(tensors)
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    for i, t_ in enumerate(tensors):
        if t_.shape != tensors[0].shape:
            raise RuntimeError(
                f"stack expects each tensor to be equal size, but got {list(tensors[0].shape)} at entry 0 and "
                f"{list(t_.shape)} at entry {i}"
            )
    dt, arrays = _promote_all(tensors)
    d = wrap_dim(dim, tensors[0]._data.ndim + 1)
    out = np.stack(arrays, axis=d)
    lead = (slice(None),) * d
    indices = tuple(lead + (i,) for i in range(len(tensors)))
    shapes = tuple(t_._data.shape for t_ in tensors)
    dts = tuple(t_._data.dtype for t_ in tensors)
    return record("StackBackward0", out, tensors, (indices, shapes, dts), _split_vjp, frees=False)


def cat(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    """Join tensors along an existing dim (CatBackward0); 1-D empty tensors are skipped, as torch does."""
    tensors = list(tensors)
    if not tensors:
        raise RuntimeError("torch.cat(): expected a non-empty list of Tensors")
    for i, t_ in enumerate(tensors):
        if t_._data.ndim == 0:
            raise RuntimeError(f"zero-dimensional tensor (at position {i}) cannot be concatenated")
    real = [t_ for t_ in tensors if not (t_._data.ndim == 1 and t_._data.size == 0)] or tensors[:1]
    d = wrap_dim(dim, real[0]._data.ndim)
    ref = real[0]._data.shape
    for i, t_ in enumerate(real):
        s = t_._data.shape
        if len(s) != len(ref):
            raise RuntimeError(
                f"Tensors must have same number of dimensions: got {len(ref)} and {len(s)}"
            )
        for k in range(len(ref)):
            if k != d and s[k] != ref[k]:
                raise RuntimeError(
                    f"Sizes of tensors must match except in dimension {d}. Expected size {ref[k]} but got size "
                    f"{s[k]} for tensor number {i} in the list."
                )
    dt, arrays = _promote_all(real)
    out = np.concatenate(arrays, axis=d)
    lead = (slice(None),) * d
    indices = []
    start = 0
    for t_ in real:
        n = t_._data.shape[d]
        indices.append(lead + (slice(start, start + n),))
        start += n
    shapes = tuple(t_._data.shape for t_ in real)
    dts = tuple(t_._data.dtype for t_ in real)
    return record("CatBackward0", out, real, (tuple(indices), shapes, dts), _split_vjp, frees=False)


# ----------------------------------------------------------------------------------------------
# Rounding to decimals, repeating, splitting, flipping and rolling
# ----------------------------------------------------------------------------------------------


def round_decimals(x: Tensor, decimals: int) -> Tensor:
    """``x`` rounded half to even at ``decimals`` decimal places (RoundBackward1, gradient 0).

    As torch: ``nearbyint(x * 10**d) / 10**d``, or ``nearbyint(x / 10**-d) * 10**-d`` for negative
    ``d``, with the power of ten in x's dtype.
    """
    if not x.is_floating_point():
        raise NotImplementedError(f'"round_cpu" not implemented for \'{_scalar_type_name_full(x._dtype)}\'')
    xa = x._data
    power = np.asarray(10.0 ** builtins_abs(decimals), dtype=xa.dtype)
    out = np.round(xa * power) / power if decimals >= 0 else np.round(xa / power) * power
    out = np.asarray(out, dtype=xa.dtype)
    return record("RoundBackward1", out, (x,), (xa.shape, xa.dtype), zero_vjp, frees=False)


def builtins_abs(v: int) -> int:
    """|v| for a Python int (this module's ``abs`` names are tensor functions)."""
    return v if v >= 0 else -v


def _repeat_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Adjoint of ``x.repeat(*reps)``: view g as (r0, d0, r1, d1, ...) and sum the copies."""
    reps, padded, shape = s
    split = tuple(v for pair in zip(reps, padded) for v in pair)
    summed = m.sum(m.reshape(g, split), tuple(range(0, len(split), 2)), False)
    return (m.reshape(summed, shape),)


def repeat(x: Tensor, *sizes: Any) -> Tensor:
    """Tile ``x`` ``sizes[i]`` times along dim i (RepeatBackward0); extra sizes add leading dims."""
    reps = _shape_arg(sizes)
    if len(reps) < x._data.ndim:
        raise RuntimeError(
            "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor"
        )
    padded = (1,) * (len(reps) - x._data.ndim) + x._data.shape
    out = np.tile(x._data.reshape(padded), reps)
    return record("RepeatBackward0", out, (x,), (reps, padded, x._data.shape), _repeat_vjp, frees=False)


def repeat_interleave(x: Tensor, repeats: Any, dim: int | None = None) -> Tensor:
    """Repeat each element ``repeats`` times along ``dim`` (the flattened tensor when None).

    An int ``repeats`` is torch's composite unsqueeze / expand / reshape (ViewBackward0); a tensor of
    per-element counts selects with an index (IndexSelectBackward0 in torch, IndexBackward0 here).
    """
    src = x.reshape(-1) if dim is None else x
    d = wrap_dim(0 if dim is None else dim, src._data.ndim)
    if isinstance(repeats, Tensor):
        counts = repeats._data.astype(np.int64).reshape(-1)
        if counts.size == 1:
            counts = np.repeat(counts, src._data.shape[d])
        if counts.size != src._data.shape[d]:
            raise RuntimeError("repeats must have the same size as input along dim")
        index = np.repeat(np.arange(src._data.shape[d]), counts)
        return src[(slice(None),) * d + (Tensor._wrap(index),)]
    shape = src._data.shape
    grown = src.unsqueeze(d + 1).expand(*shape[: d + 1], int(repeats), *shape[d + 1:])
    return grown.reshape(*shape[:d], shape[d] * int(repeats), *shape[d + 1:])


def split(x: Tensor, split_size_or_sections: Any, dim: int = 0) -> tuple[Tensor, ...]:
    """Views of consecutive blocks along ``dim``: equal ``int`` sizes (the last may be smaller, SplitBackward0)
    or a list of sizes (SplitWithSizesBackward0)."""
    d = wrap_dim(dim, x._data.ndim)
    n = x._data.shape[d]
    if isinstance(split_size_or_sections, (list, tuple)):
        sizes = [int(v) for v in split_size_or_sections]
        if builtins_sum(sizes) != n:
            raise RuntimeError(
                f"split_with_sizes expects split_sizes to sum exactly to {n} (input tensor's size at dimension {d}), "
                f"but got split_sizes={sizes}"
            )
        name = "SplitWithSizesBackward0"
    else:
        step = int(split_size_or_sections)
        sizes = [min(step, n - start) for start in range(0, n, step)] if n else [0]
        name = "SplitBackward0"
    return _blocks(x, d, sizes, name)


def builtins_sum(values: Sequence[int]) -> int:
    """The sum of Python ints (this module's ``sum`` is the tensor reduction)."""
    total = 0
    for v in values:
        total += v
    return total


def _blocks(x: Tensor, d: int, sizes: Sequence[int], name: str) -> tuple[Tensor, ...]:
    """Views of ``x`` along ``d`` with the given block sizes, each its own ``name`` node."""
    lead = (slice(None),) * d
    out = []
    start = 0
    for size in sizes:
        idx = lead + (slice(start, start + size),)
        out.append(view_of(x, x._data[idx], name, (x._data.shape, x._data.dtype, idx, True), _index_vjp))
        start += size
    return tuple(out)


def chunk(x: Tensor, chunks: int, dim: int = 0) -> tuple[Tensor, ...]:
    """At most ``chunks`` blocks of ``ceil(size / chunks)`` elements along ``dim`` (SplitBackward0)."""
    if chunks <= 0:
        raise RuntimeError(f"chunk expects `chunks` to be greater than 0, got: {chunks}")
    d = wrap_dim(dim, x._data.ndim)
    n = x._data.shape[d]
    step = -(-n // chunks) if n else 1
    return split(x, step, d)


def unbind(x: Tensor, dim: int = 0) -> tuple[Tensor, ...]:
    """The slices ``x.select(dim, i)`` for every i (UnbindBackward0)."""
    d = wrap_dim(dim, x._data.ndim)
    lead = (slice(None),) * d
    return tuple(
        view_of(x, x._data[lead + (i,)], "UnbindBackward0", (x._data.shape, x._data.dtype, lead + (i,), True),
                _index_vjp)
        for i in range(x._data.shape[d])
    )


def _flip_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Adjoint of a flip: the same flip."""
    (dims,) = s
    return (m.flip(g, dims),)


def flip(x: Tensor, dims: Any) -> Tensor:
    """``x`` reversed along ``dims`` (a copy, FlipBackward0)."""
    dims_t = (dims,) if isinstance(dims, (int, np.integer)) else tuple(dims)
    axes = tuple(wrap_dim(int(v), x._data.ndim) for v in dims_t)
    for i, a in enumerate(axes):
        if a in axes[:i]:
            raise RuntimeError(f"dim {a} appears multiple times in the list of dims")
    return record("FlipBackward0", np.flip(x._data, axes).copy(), (x,), (axes,), _flip_vjp, frees=False)


def _roll_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Adjoint of a roll: the opposite roll."""
    shifts, dims = s
    return (m.roll(g, tuple(-v for v in shifts), dims),)


def roll(x: Tensor, shifts: Any, dims: Any = None) -> Tensor:
    """Shift elements cyclically along ``dims`` (the flattened tensor when None, RollBackward0)."""
    sh = (int(shifts),) if isinstance(shifts, (int, np.integer)) else tuple(int(v) for v in shifts)
    if dims is None:
        if len(sh) != 1:
            raise RuntimeError(f"shifts and dimensions must align. shifts: {len(sh)}, dims:0")
        out = np.roll(x._data.reshape(-1), sh[0]).reshape(x._data.shape)
        return record("RollBackward0", out, (x,), (sh, None), _roll_vjp, frees=False)
    dm = (int(dims),) if isinstance(dims, (int, np.integer)) else tuple(int(v) for v in dims)
    if len(sh) != len(dm):
        raise RuntimeError(f"shifts and dimensions must align. shifts: {len(sh)}, dims:{len(dm)}")
    axes = tuple(wrap_dim(v, x._data.ndim) for v in dm)
    return record("RollBackward0", np.roll(x._data, sh, axes), (x,), (sh, axes), _roll_vjp, frees=False)


# ----------------------------------------------------------------------------------------------
# Selecting along a dim, sorting, scattering, cumulative sums
# ----------------------------------------------------------------------------------------------


def _along(idx: np.ndarray, d: int) -> tuple[Any, ...]:
    """The numpy index picking ``x[..., idx[...], ...]`` along dim ``d``, position by position of ``idx``."""
    grids: list[Any] = list(np.indices(idx.shape, sparse=True))
    grids[d] = idx
    return tuple(grids)


def _pick(x: Tensor, index: tuple[Any, ...], name: str, unique: bool) -> Tensor:
    """``x[index]`` (an advanced numpy index) recorded as node ``name``; the adjoint scatter-adds back."""
    out = np.asarray(x._data[index])
    return record(name, out, (x,), (x._data.shape, x._data.dtype, index, unique), _index_vjp, frees=True)


def _index_array(fn: str, index: Any) -> np.ndarray:
    """An integer index tensor's array (torch's error for anything else)."""
    if not isinstance(index, Tensor) or index._data.dtype.kind not in "iu":
        got = type(index).__name__ if not isinstance(index, Tensor) else index.dtype
        raise RuntimeError(f"{fn}(): Expected dtype int64 for index, got {got}")
    return index._data.astype(np.int64, copy=False)


def gather(x: Tensor, dim: int, index: Tensor) -> Tensor:
    """``out[i][j] = x[i][index[i][j]]`` for dim 1 (and likewise for any dim) (GatherBackward0)."""
    idx = _index_array("gather", index)
    if idx.ndim != x._data.ndim:
        raise RuntimeError("Index tensor must have the same number of dimensions as input tensor")
    d = wrap_dim(dim, x._data.ndim)
    try:
        return _pick(x, _along(idx, d), "GatherBackward0", False)
    except IndexError as e:
        raise RuntimeError(f"index out of range in self ({e})") from None


def index_select(x: Tensor, dim: int, index: Tensor) -> Tensor:
    """The entries ``index`` (1-D) of dim ``dim`` (IndexSelectBackward0)."""
    idx = _index_array("index_select", index).reshape(-1)
    d = wrap_dim(dim, x._data.ndim)
    try:
        return _pick(x, (slice(None),) * d + (idx,), "IndexSelectBackward0", False)
    except IndexError:
        raise IndexError("index out of range in self") from None


def take(x: Tensor, index: Tensor) -> Tensor:
    """``x.flatten()[index]`` in index's shape (TakeBackward0)."""
    idx = _index_array("take", index)
    n = x._data.size
    if idx.size and (idx.max() >= n or idx.min() < -n):
        raise IndexError(f"out of range: tried to access index {int(idx.max())} on a tensor of {n} elements.")
    return _pick(x, np.unravel_index(idx % builtins_max(n, 1), x._data.shape), "TakeBackward0", False)


def builtins_max(a: int, b: int) -> int:
    """The larger of two Python ints (this module's ``max`` is a tensor reduction)."""
    return a if a >= b else b


def masked_select(x: Tensor, mask: Tensor) -> Tensor:
    """The 1-D tensor of the entries where ``mask`` (broadcast) is True (MaskedSelectBackward0)."""
    check_operand("masked_select", mask, 2, "mask")
    if mask._data.dtype != np.bool_:
        raise RuntimeError("masked_select: expected BoolTensor for mask")
    shape = np.broadcast_shapes(x._data.shape, mask._data.shape)
    src = x if x._data.shape == shape else expand(x, *shape)
    return _pick(src, np.nonzero(np.broadcast_to(mask._data, shape)), "MaskedSelectBackward0", True)


def _masked_fill_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """x gets the upstream grad where the mask is False; a tensor value gets the sum where it is True."""
    mask, vdt = s
    c = m.const(mask)
    gx = m.where(c, 0.0, g) if needs[0] else None
    gv = m.sum_to(m.where(c, g, 0.0), (), vdt) if len(needs) > 1 and needs[1] else None
    return (gx, gv) if len(needs) > 1 else (gx,)


def masked_fill(x: Tensor, mask: Tensor, value: Any) -> Tensor:
    """``value`` where ``mask`` (broadcast to x) is True, else x (MaskedFillBackward0; 1 for a tensor value)."""
    check_operand("masked_fill", mask, 1, "mask")
    if mask._data.dtype != np.bool_:
        raise RuntimeError(f"masked_fill_ only supports boolean masks, but got mask with dtype {mask.dtype}")
    if isinstance(value, Tensor) and value._data.ndim != 0:
        raise RuntimeError(
            "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with "
            f"{value._data.ndim} dimension(s)."
        )
    try:
        bmask = np.broadcast_to(mask._data, x._data.shape)
    except ValueError:
        _broadcast_error([x._data.shape, mask._data.shape])
    v = value._data if isinstance(value, Tensor) else value
    out = np.where(bmask, np.asarray(v).astype(x._data.dtype), x._data)
    if isinstance(value, Tensor):
        return record("MaskedFillBackward1", out, (x, value), (bmask, value._data.dtype), _masked_fill_vjp,
                      frees=False)
    return record("MaskedFillBackward0", out, (x,), (bmask, None), _masked_fill_vjp, frees=False)


def _scatter_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """scatter: x keeps the grad off the written positions (all of it for scatter_add); src gathers it."""
    written, add, idx_x, idx_src, src_shape, src_dt = s
    gx = (g if add else m.where(m.const(written), 0.0, g)) if needs[0] else None
    gs = None
    if len(needs) > 1 and needs[1]:
        gs = m.index_grad(m.getitem(g, idx_x), src_shape, src_dt, idx_src, True)
    return (gx, gs) if len(needs) > 1 else (gx,)


def scatter(x: Tensor, dim: int, index: Tensor, src: Any, reduce_add: bool = False) -> Tensor:
    """Write (or with ``reduce_add`` add) ``src`` into a copy of x at ``index`` along ``dim``.

    ``out[i][index[i][j]] = src[i][j]`` for dim 1 (ScatterBackward0, ScatterBackward1 for a number,
    ScatterAddBackward0).
    """
    idx = _index_array("scatter_add" if reduce_add else "scatter", index)
    if idx.ndim != x._data.ndim:
        raise RuntimeError("Index tensor must have the same number of dimensions as self tensor")
    d = wrap_dim(dim, x._data.ndim)
    idx_x = _along(idx, d)
    idx_src: tuple[Any, ...] = tuple(np.indices(idx.shape, sparse=True))
    out = x._data.copy()
    written = np.zeros(x._data.shape, bool)
    written[idx_x] = True
    if isinstance(src, Tensor):
        vals = src._data[idx_src].astype(out.dtype, copy=False)
        if reduce_add:
            np.add.at(out, idx_x, vals)
        else:
            out[idx_x] = vals
        name = "ScatterAddBackward0" if reduce_add else "ScatterBackward0"
        saved = (written, reduce_add, idx_x, idx_src, src._data.shape, src._data.dtype)
        return record(name, out, (x, src), saved, _scatter_vjp, frees=False)
    out[idx_x] = src
    return record("ScatterBackward1", out, (x,), (written, False, idx_x, idx_src, (), None), _scatter_vjp,
                  frees=False)


def _sort_indices(arr: np.ndarray, d: int, descending: bool) -> np.ndarray:
    """Stable argsort along ``d`` (descending keeps equal elements in their original order)."""
    key = arr.astype(np.int64) if arr.dtype == np.bool_ else arr
    if descending:
        order = np.argsort(np.flip(key, d), axis=d, kind="stable")
        order = np.flip(order, d)
        return (arr.shape[d] - 1 - order) if arr.ndim else order
    return np.argsort(key, axis=d, kind="stable")


def sort(x: Tensor, dim: int = -1, descending: bool = False, stable: bool | None = None) -> Any:
    """``(values, indices)`` sorted along ``dim`` (SortBackward0; SortBackward1 when ``stable`` is given)."""
    arr = x._data
    if arr.ndim == 0:
        idx = np.asarray(0)
        values = _pick(x, (), "SortBackward0", True)
        return return_types("sort", values, idx)
    d = wrap_dim(dim, arr.ndim)
    idx = _sort_indices(arr, d, descending)
    values = _pick(x, _along(idx, d), "SortBackward0" if stable is None else "SortBackward1", True)
    return return_types("sort", values, idx)


def argsort(x: Tensor, dim: int = -1, descending: bool = False, stable: bool = False) -> Tensor:
    """The indices that sort ``x`` along ``dim``."""
    if x._data.ndim == 0:
        return Tensor._wrap(np.asarray(0, dtype=np.int64))
    return Tensor._wrap(_sort_indices(x._data, wrap_dim(dim, x._data.ndim), descending).astype(np.int64))


def topk(x: Tensor, k: int, dim: int = -1, largest: bool = True, sorted: bool = True) -> Any:  # noqa: A002
    """The ``k`` largest (or smallest) entries along ``dim`` and their indices (TopkBackward0)."""
    arr = x._data
    d = wrap_dim(dim, arr.ndim) if arr.ndim else 0
    n = arr.shape[d] if arr.ndim else 1
    if k < 0 or k > n:
        raise RuntimeError("selected index k out of range")
    if arr.ndim == 0:
        return return_types("topk", _pick(x, (), "TopkBackward0", True), np.asarray(0))
    idx = np.take(_sort_indices(arr, d, largest), np.arange(k), axis=d)
    return return_types("topk", _pick(x, _along(idx, d), "TopkBackward0", True), idx)


def kthvalue(x: Tensor, k: int, dim: int = -1, keepdim: bool = False) -> Any:
    """The k-th smallest entry along ``dim`` and its index (KthvalueBackward0)."""
    arr = x._data
    d = wrap_dim(dim, arr.ndim) if arr.ndim else 0
    n = arr.shape[d] if arr.ndim else 1
    if not 1 <= k <= n:
        raise RuntimeError(f"kthvalue(): selected number k out of range for dimension {d}")
    return _select_rank(x, d, k - 1, keepdim, "kthvalue", "KthvalueBackward0")


def _select_rank(x: Tensor, d: int, rank: int, keepdim: bool, kind: str, name: str) -> Any:
    """The entry of sorted position ``rank`` along ``d`` with its index, as a (values, indices) pair."""
    arr = x._data
    if arr.ndim == 0:
        return return_types(kind, _pick(x, (), name, True), np.asarray(0))
    moved = np.moveaxis(arr, d, -1)
    rows = moved.reshape(-1, moved.shape[-1])
    picked = np.array([_quickselect(row.tolist(), rank) for row in rows], dtype=np.int64)
    idx = np.expand_dims(picked.reshape(moved.shape[:-1]), d)
    if keepdim:
        return return_types(kind, _pick(x, _along(idx, d), name, True), idx)
    idx = idx.squeeze(d)
    grids: list[Any] = list(np.indices(idx.shape, sparse=True))
    grids.insert(d, idx)
    return return_types(kind, _pick(x, tuple(grids), name, True), idx)


def _gt_or_nan(a: float, b: float) -> bool:
    """torch's selection order: nan sorts above everything."""
    return (a != a and b == b) or a > b


def _quickselect(values: list[Any], k: int) -> int:
    """The original position of the element that lands at sorted position ``k``, by torch's quickselect.

    torch's kthvalue and median partition a copy with a median-of-three pivot; which of several equal
    values is reported depends on that exact sequence of swaps, so it is reproduced here.
    """
    vals = list(values)
    pos = list(range(len(vals)))

    def swap(a: int, b: int) -> None:
        vals[a], vals[b] = vals[b], vals[a]
        pos[a], pos[b] = pos[b], pos[a]

    low, high = 0, len(vals) - 1
    while high > low:
        if high == low + 1:
            if _gt_or_nan(vals[low], vals[high]):
                swap(low, high)
            break
        swap(low + (high - low) // 2, low + 1)
        if _gt_or_nan(vals[low + 1], vals[high]):
            swap(low + 1, high)
        if _gt_or_nan(vals[low], vals[high]):
            swap(low, high)
        if _gt_or_nan(vals[low + 1], vals[low]):
            swap(low + 1, low)
        i, j, pivot = low + 1, high, vals[low]
        while True:
            i += 1
            while _gt_or_nan(pivot, vals[i]):
                i += 1
            j -= 1
            while _gt_or_nan(vals[j], pivot):
                j -= 1
            if j < i:
                break
            swap(i, j)
        swap(low, j)
        if j <= k:
            low = i
        if j >= k:
            high = j - 1
    return pos[k]


def _median_all_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """median(): the grad is shared equally by every element equal to the result (every nan, for nan)."""
    x, out = s
    xa = x._data if isinstance(x, Tensor) else x
    oa = out._data if isinstance(out, Tensor) else out
    hit = (xa == oa) | (np.isnan(xa) & np.isnan(oa)) if xa.dtype.kind == "f" else xa == oa
    share = m.div(m.expand(g, xa.shape), float(np.count_nonzero(hit)))
    return (m.where(m.const(hit), share, 0.0),)


def _median_position(row: np.ndarray) -> int:
    """torch's median index in a 1-D array: the first nan, else the lower middle of a stable sort."""
    if row.dtype.kind == "f" and np.isnan(row).any():
        return int(np.flatnonzero(np.isnan(row))[0])
    return int(np.argsort(row, kind="stable")[(row.size - 1) // 2])


def median(x: Tensor, dim: int | None = None, keepdim: bool = False) -> Any:
    """The lower median of everything (MedianBackward0, nan if any), or along ``dim`` with indices
    (MedianBackward1)."""
    arr = x._data
    if dim is None:
        flat = arr.reshape(-1)
        if flat.size == 0:
            return Tensor._wrap(np.asarray(np.nan, dtype=arr.dtype))
        out = np.asarray(flat[_median_position(flat)])
        return record("MedianBackward0", out, (x,), (x, OUTPUT), _median_all_vjp)
    if arr.ndim == 0:
        return return_types("median", _pick(x, (), "MedianBackward1", True), np.asarray(0))
    d = wrap_dim(dim, arr.ndim)
    moved = np.moveaxis(arr, d, -1)
    rows = moved.reshape(-1, moved.shape[-1])
    idx = np.array([_median_position(r) for r in rows], dtype=np.int64).reshape(moved.shape[:-1])
    if keepdim:
        idx = np.expand_dims(idx, d)
        return return_types("median", _pick(x, _along(idx, d), "MedianBackward1", True), idx)
    grids: list[Any] = list(np.indices(idx.shape, sparse=True))
    grids.insert(d, idx)
    return return_types("median", _pick(x, tuple(grids), "MedianBackward1", True), idx)


def return_types(kind: str, values: Tensor, indices: np.ndarray) -> Any:
    """``torch.return_types.<kind>(values, indices)``."""
    cls = _RETURN_TYPES.get(kind)
    if cls is None:
        cls = _RETURN_TYPES[kind] = type(kind, (return_type,), {"__slots__": (), "__module__": "torch.return_types"})
    return cls((values, Tensor._wrap(np.asarray(indices, dtype=np.int64))))


def unique(x: Tensor, sorted: bool = True, return_inverse: bool = False,  # noqa: A002
           return_counts: bool = False, dim: int | None = None) -> Any:
    """The distinct values in ascending order, optionally with the inverse index and the counts."""
    if dim is not None:
        raise NotImplementedError("unique(dim=...) is not supported by minitorch_scalar")
    vals, inverse, counts = np.unique(x._data, return_inverse=True, return_counts=True)
    out: list[Tensor] = [Tensor._wrap(np.asarray(vals, dtype=x._data.dtype))]
    if return_inverse:
        out.append(Tensor._wrap(inverse.reshape(x._data.shape).astype(np.int64)))
    if return_counts:
        out.append(Tensor._wrap(counts.astype(np.int64)))
    return out[0] if len(out) == 1 else tuple(out)


def nonzero(x: Tensor, as_tuple: bool = False) -> Any:
    """Indices of the nonzero entries: an (n, ndim) int64 tensor, or one 1-D tensor per dim."""
    if as_tuple:
        if x._data.ndim == 0:
            return (Tensor._wrap(np.flatnonzero(x._data).astype(np.int64)),)
        return tuple(Tensor._wrap(i.astype(np.int64)) for i in np.nonzero(x._data))
    return Tensor._wrap(np.argwhere(x._data).astype(np.int64))


def _cumsum_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Adjoint of a cumulative sum: the reversed cumulative sum of the upstream grad."""
    d, shape, dt = s
    return (m.cast(m.reshape(m.flip(m.cumsum(m.flip(m.reshape(g, shape), (d,)), d), (d,)), shape), dt),)


def cumsum(x: Tensor, dim: int, dtype: dtypes.dtype | None = None) -> Tensor:
    """Running sums along ``dim`` (CumsumBackward0); integer and bool inputs give int64, as torch."""
    arr = x._data
    d = wrap_dim(dim, arr.ndim) if arr.ndim else 0
    target = dtype.np if dtype is not None else (arr.dtype if arr.dtype.kind == "f" else np.dtype(np.int64))
    work = arr.reshape(arr.shape or (1,))
    out = np.cumsum(work, axis=d, dtype=target).reshape(arr.shape)
    return record("CumsumBackward0", out, (x,), (d, work.shape, arr.dtype), _cumsum_vjp, frees=False)


def _logsumexp_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d logsumexp / dx = softmax(x) = exp(x - out)."""
    x, out, keep = s
    return (m.reshape(g, keep) * m.exp(x - m.reshape(out, keep)),)


def logsumexp(x: Tensor, dim: Any, keepdim: bool = False) -> Tensor:
    """log(sum(exp(x))) over ``dim``, computed stably (LogsumexpBackward0)."""
    arr = x._data if x.is_floating_point() else x._data.astype(dtypes.get_default_dtype().np)
    axes = _dims(dim, arr.ndim) if arr.ndim else ()
    if not arr.ndim:
        out = arr.copy()
    else:
        top = np.max(arr, axis=axes, keepdims=True)
        top = np.where(np.isfinite(top), top, 0)
        out = np.log(np.sum(np.exp(arr - top), axis=axes, keepdims=True)) + top
        if not keepdim:
            out = out.reshape(tuple(n for i, n in enumerate(arr.shape) if i not in axes))
    keep = _keep_shape(arr.shape, axes)
    return record("LogsumexpBackward0", np.asarray(out), (x,), (x, OUTPUT, keep), _logsumexp_vjp)


# ----------------------------------------------------------------------------------------------
# Index add / fill, cumulative products, modes, paired statistics, triangles
# ----------------------------------------------------------------------------------------------


def _index_add_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """index_add: x gets the upstream grad; source gets ``alpha * g`` at the indexed rows."""
    index, alpha, src_shape, src_dt = s
    gs = m.cast(m.reshape(m.getitem(g, index), src_shape) * alpha, src_dt) if needs[1] else None
    return (g if needs[0] else None, gs)


def index_add(x: Tensor, dim: int, index: Tensor, source: Tensor, alpha: Any = 1) -> Tensor:
    """A copy of x with ``alpha * source`` added at the entries ``index`` of dim ``dim`` (IndexAddBackward0)."""
    idx = _index_array("index_add", index).reshape(-1)
    check_operand("index_add", source, 3, "source")
    d = wrap_dim(dim, x._data.ndim)
    sel: Any = (slice(None),) * d + (idx,)
    out = x._data.copy()
    np.add.at(out, sel, (source._data * alpha).astype(out.dtype, copy=False))
    saved = (sel, alpha, source._data.shape, source._data.dtype)
    return record("IndexAddBackward0", out, (x, source), saved, _index_add_vjp, frees=False)


def index_fill(x: Tensor, dim: int, index: Tensor, value: Any) -> Tensor:
    """A copy of x with ``value`` at the entries ``index`` of dim ``dim`` (IndexFillBackward0)."""
    idx = _index_array("index_fill", index).reshape(-1)
    d = wrap_dim(dim, x._data.ndim)
    mask = np.zeros(x._data.shape, bool)
    mask[(slice(None),) * d + (idx,)] = True
    v = value.item() if isinstance(value, Tensor) else value
    out = np.where(mask, np.asarray(v).astype(x._data.dtype), x._data)
    return record("IndexFillBackward0", out, (x,), (mask, None), _masked_fill_vjp, frees=False)


def _nan_to_num_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """The upstream grad where x was finite, 0 where it was replaced."""
    (finite,) = s
    return (m.where(m.const(finite), g, 0.0),)


def nan_to_num(x: Tensor, nan: float = 0.0, posinf: float | None = None, neginf: float | None = None) -> Tensor:
    """nan, +inf and -inf replaced by ``nan``, ``posinf`` and ``neginf`` (default: the dtype's extremes)."""
    arr = x._data
    if arr.dtype.kind != "f":
        return record("NanToNumBackward0", arr.copy(), (x,), (np.ones(arr.shape, bool),), _nan_to_num_vjp,
                      frees=False)
    out = np.nan_to_num(arr, nan=nan, posinf=posinf, neginf=neginf)
    return record("NanToNumBackward0", out, (x,), (np.isfinite(arr),), _nan_to_num_vjp, frees=False)


def _cumprod_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d out_j / d x_i = prod_{k <= j, k != i} x_k for j >= i, zeros in x included.

    For each i: the running products of x with x_i set to 1, weighted by the upstream grad and summed
    over j >= i (n passes over an n-long dim: exact at zeros, where dividing by x_i is not).
    """
    x, d = s
    xa = x._data if isinstance(x, Tensor) else x
    n = xa.shape[d]
    shape = [1] * xa.ndim
    shape[d] = n
    pos = np.arange(n).reshape(shape)
    total = None
    for i in range(n):
        hole = m.where(m.const(np.broadcast_to(pos == i, xa.shape)), 1.0, x)
        later = m.const(np.broadcast_to(pos >= i, xa.shape).astype(xa.dtype))
        part = m.sum(g * m.cumprod(hole, d) * later, (d,), True) * m.const((pos == i).astype(xa.dtype))
        total = part if total is None else total + part
    return (m.sum_to(total, xa.shape, xa.dtype) if total is not None else g,)


def cumprod(x: Tensor, dim: int, dtype: dtypes.dtype | None = None) -> Tensor:
    """Running products along ``dim`` (CumprodBackward0); integer and bool inputs give int64."""
    arr = x._data
    d = wrap_dim(dim, arr.ndim) if arr.ndim else 0
    target = dtype.np if dtype is not None else (arr.dtype if arr.dtype.kind == "f" else np.dtype(np.int64))
    if not arr.ndim:
        return record("CumprodBackward0", arr.astype(target), (x,), (), _cumsum_scalar_vjp, frees=False)
    out = np.cumprod(arr, axis=d, dtype=target)
    return record("CumprodBackward0", out, (x,), (x, d), _cumprod_vjp)


def _cumsum_scalar_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """A running sum or product of a 0-d tensor is the tensor itself."""
    return (g,)


def mode(x: Tensor, dim: int = -1, keepdim: bool = False) -> Any:
    """The most frequent value along ``dim`` (the smallest on a tie) and its last index (ModeBackward0)."""
    arr = x._data
    if arr.ndim == 0:
        return return_types("mode", _pick(x, (), "ModeBackward0", True), np.asarray(0))
    d = wrap_dim(dim, arr.ndim)
    moved = np.moveaxis(arr, d, -1)
    flat = moved.reshape(-1, moved.shape[-1])
    best = np.empty(flat.shape[0], np.int64)
    for r, row in enumerate(flat):
        vals, counts = np.unique(row, return_counts=True)
        top = vals[int(np.argmax(counts))]
        best[r] = int(np.flatnonzero(row == top)[-1])
    idx = best.reshape(moved.shape[:-1])
    grids: list[Any] = list(np.indices(idx.shape, sparse=True))
    grids.insert(d, idx)
    if keepdim:
        idx = np.expand_dims(idx, d)
        return return_types("mode", _pick(x, _along(idx, d), "ModeBackward0", True), idx)
    return return_types("mode", _pick(x, tuple(grids), "ModeBackward0", True), idx)


def renamed(t: Tensor, name: str) -> Tensor:
    """``t`` passed through a node called ``name`` (identity gradient): the one name torch shows for an op
    that is computed here from others (``std_mean`` is std and mean; torch shows StdMeanBackward0)."""
    return record(name, t._data, (t,), (), _identity_vjp, frees=False)


def _tri_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """triu / tril keep the upstream grad on the kept triangle."""
    (keep,) = s
    return (m.where(m.const(keep), g, 0.0),)


def triangle(x: Tensor, diagonal: int, upper: bool) -> Tensor:
    """The upper (triu) or lower (tril) triangle of the last two dims, the rest zeroed."""
    arr = x._data
    if arr.ndim < 2:
        raise RuntimeError(f"{'triu' if upper else 'tril'}: input tensor must have at least 2 dimensions")
    rows, cols = arr.shape[-2:]
    keep = (np.triu if upper else np.tril)(np.ones((rows, cols), bool), diagonal)
    keep = np.broadcast_to(keep, arr.shape)
    out = np.where(keep, arr, np.zeros((), arr.dtype))
    return record("TriuBackward0" if upper else "TrilBackward0", out, (x,), (keep,), _tri_vjp, frees=False)


def _diagonal_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Adjoint of taking a diagonal: the upstream grad written back onto it, zeros elsewhere."""
    shape, dt, index = s
    return (m.index_grad(g, shape, dt, index, True),)


def _diagonal_index(shape: tuple[int, ...], offset: int, d1: int, d2: int) -> tuple[tuple[Any, ...], int]:
    """The numpy index of ``x.diagonal(offset, d1, d2)`` (the diagonal becomes the last dim) and its length."""
    length = builtins_min(shape[d1] + builtins_min(offset, 0), shape[d2] - builtins_max(offset, 0))
    rows = np.arange(builtins_max(0, length))
    r = rows - builtins_min(offset, 0)
    c = rows + builtins_max(offset, 0)
    others = [n for n in range(len(shape)) if n not in (d1, d2)]
    index: list[Any] = [None] * len(shape)
    for k, n in enumerate(others):
        grid_shape = [1] * (len(others) + 1)
        grid_shape[k] = shape[n]
        index[n] = np.arange(shape[n]).reshape(grid_shape)
    index[d1] = r.reshape((1,) * len(others) + (-1,))
    index[d2] = c.reshape((1,) * len(others) + (-1,))
    return tuple(index), rows.size


def builtins_min(a: int, b: int) -> int:
    """The smaller of two Python ints."""
    return a if a <= b else b



def diagonal(x: Tensor, offset: int = 0, dim1: int = 0, dim2: int = 1) -> Tensor:
    """The diagonal ``offset`` above the main one of dims (dim1, dim2), as the last dim (DiagonalBackward0)."""
    nd = x._data.ndim
    d1, d2 = wrap_dim(dim1, nd), wrap_dim(dim2, nd)
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    index, _ = _diagonal_index(x._data.shape, offset, d1, d2)
    out = np.asarray(x._data[index])
    return record("DiagonalBackward0", out, (x,), (x._data.shape, x._data.dtype, index), _diagonal_vjp,
                  frees=False)


def _diag_embed_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Adjoint of placing a vector on a diagonal: read the diagonal back."""
    (index,) = s
    return (m.getitem(g, index),)


def diag(x: Tensor, diagonal_: int = 0) -> Tensor:
    """A 1-D x placed on diagonal ``diagonal_`` of a square matrix (DiagEmbedBackward0), or a matrix's diagonal."""
    if x._data.ndim == 2:
        index, _ = _diagonal_index(x._data.shape, diagonal_, 0, 1)
        out = np.asarray(x._data[index])
        return record("DiagonalBackward0_copy", out, (x,), (x._data.shape, x._data.dtype, index), _diagonal_vjp,
                      frees=False)
    if x._data.ndim != 1:
        raise RuntimeError("diag(): Supports 1D or 2D tensors. Got " + f"{x._data.ndim}D")
    n = x._data.shape[0] + builtins_abs(diagonal_)
    out = np.zeros((n, n), x._data.dtype)
    k = np.arange(x._data.shape[0])
    index = (k - builtins_min(diagonal_, 0), k + builtins_max(diagonal_, 0))
    out[index] = x._data
    return record("DiagEmbedBackward0", out, (x,), (index,), _diag_embed_vjp, frees=False)


def trace_matrix(x: Tensor) -> Tensor:
    """The sum of a matrix's main diagonal (TraceBackward0)."""
    if x._data.ndim != 2:
        raise RuntimeError(f"trace: expected a matrix, but got tensor with dim {x._data.ndim}")
    index, _ = _diagonal_index(x._data.shape, 0, 0, 1)
    dt = x._data.dtype if x._data.dtype.kind == "f" else np.dtype(np.int64)
    out = np.asarray(np.sum(x._data[index], dtype=dt))
    return record("TraceBackward0", out, (x,), (x._data.shape, x._data.dtype, index), _trace_vjp, frees=False)


def _trace_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d trace / dx = the identity pattern times the upstream grad."""
    shape, dt, index = s
    n = np.asarray(index[0]).size
    return (m.index_grad(m.expand(m.reshape(g, (1,)), (n,)), shape, dt, tuple(np.asarray(i).reshape(-1)
                                                                              for i in index), True),)


def bmm(a: Tensor, b: Tensor) -> Tensor:
    """Batched matrix product of two 3-D tensors (BmmBackward0)."""
    check_operand("bmm", a, 1, "input")
    check_operand("bmm", b, 2, "mat2")
    if a._data.ndim != 3:
        raise RuntimeError("batch1 must be a 3D tensor")
    if b._data.ndim != 3:
        raise RuntimeError("batch2 must be a 3D tensor")
    if a._data.shape[0] != b._data.shape[0] or a._data.shape[2] != b._data.shape[1]:
        raise RuntimeError(
            f"Expected size for first two dimensions of batch2 tensor to be: [{a._data.shape[0]}, "
            f"{a._data.shape[2]}] but got: [{b._data.shape[0]}, {b._data.shape[1]}]."
        )
    _same_dtype(a, b)
    out = np.matmul(a._data, b._data)
    return record("BmmBackward0", out, (a, b), (a, b, a._data.shape, b._data.shape, a._data.dtype), _bmm_vjp)


def broadcast_shapes(*shapes: Any) -> Size:
    """The shape that all ``shapes`` broadcast to (torch's error naming the first that does not)."""
    cur: list[int] = []
    for i, s_ in enumerate(shapes):
        shape = (int(s_),) if isinstance(s_, (int, np.integer)) else tuple(int(n) for n in s_)
        grown = [1] * (len(shape) - len(cur)) + cur
        for k in range(1, len(shape) + 1):
            n, have = shape[-k], grown[-k]
            if n != have and n != 1 and have != 1:
                raise RuntimeError(
                    f"Attempting to broadcast a dimension of length {n} at {-k}! Mismatching argument at index {i} "
                    f"had {shape}; but expected shape should be broadcastable to {cur}"
                )
            grown[-k] = have if n == 1 else n
        cur = grown
    return Size(cur)


def broadcast_tensors(*tensors: Tensor) -> tuple[Tensor, ...]:
    """The tensors expanded to their common shape (ExpandBackward0 views; unchanged when already that shape)."""
    ts = tuple(tensors[0]) if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)) else tensors
    try:
        shape = np.broadcast_shapes(*(t._data.shape for t in ts))
    except ValueError:
        _broadcast_error([t._data.shape for t in ts])
    return tuple(t if t._data.shape == shape else expand(t, *shape) for t in ts)


def _where_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """where(c, a, b): a gets the grad where c, b where not c."""
    cond, sa, da, sb, db = s
    c = m.const(cond)
    ga = m.sum_to(m.where(c, g, 0.0), sa, da) if needs[0] else None
    gb = m.sum_to(m.where(c, 0.0, g), sb, db) if needs[1] else None
    return (ga, gb)


def where(condition: Tensor, input: Any, other: Any) -> Tensor:  # noqa: A002
    """``input`` where ``condition`` else ``other``, broadcasting all three (WhereBackward0)."""
    check_operand("where", condition, 1, "condition")
    if condition._dtype is not dtypes.bool:
        raise RuntimeError(f"where expected condition to be a boolean tensor, but got a tensor with dtype "
                           f"{_scalar_type_name_full(condition._dtype)}")
    dt = result_dtype([input, other])
    a = _operand(input, dt)
    b = _operand(other, dt)
    try:
        out = np.asarray(np.where(condition._data, a, b), dtype=dt.np)
    except ValueError:
        _broadcast_error([condition._data.shape, np.shape(a), np.shape(b)])
    ta = input if isinstance(input, Tensor) else None
    tb = other if isinstance(other, Tensor) else None
    return record("WhereBackward0", out, (ta, tb),
                  (condition._data, np.shape(a), np.asarray(a).dtype, np.shape(b), np.asarray(b).dtype),
                  _where_vjp, frees=True)


def zero_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Overwritten with a constant (zero_ / fill_): the old values get a zero gradient."""
    shape, dt = s
    return (m.zeros(shape, dt),)


def copy_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """``self.copy_(src)``: the old values get 0, ``src`` the upstream grad summed to its shape."""
    shape, dt, src_shape, src_dt = s
    return (m.zeros(shape, dt) if needs[0] else None, m.sum_to(g, src_shape, src_dt) if needs[1] else None)


# ----------------------------------------------------------------------------------------------
# Odds and ends: narrow / unfold, addcmul / addcdiv, logical ops, diff, quantile, unique, padding
# ----------------------------------------------------------------------------------------------


def narrow(x: Tensor, dim: int, start: Any, length: int, copy: bool = False) -> Tensor:
    """``length`` entries of dim ``dim`` from ``start`` (a SliceBackward0 view; NarrowCopyBackward0 copy).

    Raises:
        RuntimeError: for a 0-d input or a range past the end of the dim (torch's messages).
    """
    if x._data.ndim == 0:
        raise RuntimeError("narrow() cannot be applied to a 0-dim tensor.")
    d = wrap_dim(dim, x._data.ndim)
    size = x._data.shape[d]
    begin = int(start)
    if begin < 0:
        begin += size
    if length < 0:
        raise RuntimeError("narrow(): length must be non-negative.")
    if begin < 0 or begin + length > size:
        raise RuntimeError(f"start ({int(start)}) + length ({length}) exceeds dimension size ({size}).")
    idx = (slice(None),) * d + (slice(begin, begin + length),)
    if not copy:
        return getitem(x, idx)
    out = x._data[idx].copy()
    return record("NarrowCopyBackward0", out, (x,), (x._data.shape, x._data.dtype, idx, True), _index_vjp,
                  frees=False)


def _unfold_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Adjoint of the windows: move the window axis back beside the window-count axis, then scatter-add."""
    shape, dt, index, perm = s
    return (m.index_grad(m.permute(g, perm), shape, dt, index, False),)


def unfold(x: Tensor, dimension: int, size: int, step: int) -> Tensor:
    """Every window of ``size`` entries along ``dimension``, ``step`` apart, as a new last dim (a view).

    ``out[..., k, ..., j] = x[..., k * step + j, ...]``; the backward adds each window's grad back at
    the positions it was read from (UnfoldBackward0).

    Raises:
        RuntimeError: for a window longer than the dim or a non-positive step (torch's messages).
    """
    arr = x._data
    zero_dim = arr.ndim == 0
    if zero_dim:
        arr = arr.reshape(1)
    d = wrap_dim(dimension, arr.ndim)
    n_in = arr.shape[d]
    if size > n_in:
        raise RuntimeError(f"maximum size for tensor at dimension {d} is {n_in} but size is {size}")
    if step <= 0:
        raise RuntimeError(f"step is {step} but must be > 0")
    if zero_dim:  # a 0-d tensor is its own single window
        return view_of(x, arr, "UnfoldBackward0", ((),), _reshape_vjp)
    n = (n_in - size) // step + 1
    strides = arr.strides
    out_shape = arr.shape[:d] + (n,) + arr.shape[d + 1:] + (size,)
    out_strides = strides[:d] + (strides[d] * step,) + strides[d + 1:] + (strides[d],)
    out = np.lib.stride_tricks.as_strided(arr, out_shape, out_strides)
    windows = (np.arange(n) * step)[:, None] + np.arange(size)[None, :]
    index = (slice(None),) * d + (windows,)
    nd = arr.ndim + 1
    perm = tuple(range(d + 1)) + (nd - 1,) + tuple(range(d + 1, nd - 1))
    return view_of(x, out, "UnfoldBackward0", (arr.shape, arr.dtype, index, perm), _unfold_vjp)


def _as_strided_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Add each output's grad to the input element at the same memory position (none if outside the input)."""
    shape, dt, index, inside = s
    return (m.index_grad(m.where(m.const(inside), g, 0.0), shape, dt, index, False),)


def _positions(root_size: int, offset: int, size: tuple[int, ...], stride: tuple[int, ...]) -> np.ndarray:
    """Memory position (in elements) of every entry of a strided layout."""
    ramp = np.arange(max(root_size, 1), dtype=np.int64)
    step = ramp.itemsize
    return np.lib.stride_tricks.as_strided(ramp[offset:], size, tuple(st * step for st in stride))


def as_strided(x: Tensor, size: Sequence[int], stride: Sequence[int], storage_offset: int | None = None) -> Tensor:
    """A view of ``x``'s memory with the given sizes and strides (in elements), from ``storage_offset``
    (default: ``x``'s own offset): ``out[j] = memory[offset + sum_k j_k * stride_k]`` (AsStridedBackward0;
    the backward adds each output's grad to the input element stored at that position).

    Raises:
        RuntimeError: for negative strides or a layout past the end of the memory (torch's messages).
        NotImplementedError: when the memory itself is not one contiguous numpy block.
    """
    sizes, strides = tuple(int(v) for v in size), tuple(int(v) for v in stride)
    if any(v < 0 for v in strides):
        raise RuntimeError(
            f"as_strided: Negative strides are not supported at the moment, got strides: {list(strides)}"
        )
    root = x._data
    while isinstance(root.base, np.ndarray):
        root = root.base
    if not root.flags.c_contiguous:
        raise NotImplementedError("as_strided on memory numpy does not hold as one contiguous block is not supported")
    item = x._data.itemsize
    offset = x.storage_offset() if storage_offset is None else int(storage_offset)
    need = offset + (builtins_sum([(n - 1) * st for n, st in zip(sizes, strides)]) + 1 if 0 not in sizes else 0)
    if need > root.size:
        raise RuntimeError(
            f"setStorage: sizes {list(sizes)}, strides {list(strides)}, storage offset {offset}, and itemsize {item} "
            f"requiring a storage size of {need * item} are out of bounds for storage of size {root.size * item}"
        )
    flat = root.reshape(-1).view(x._data.dtype)
    out = np.lib.stride_tricks.as_strided(flat[offset:], sizes, tuple(st * item for st in strides))
    lookup = np.full(root.size, -1, dtype=np.int64)
    lookup[_positions(root.size, x.storage_offset(), x._data.shape, x.stride())] = np.arange(x._data.size).reshape(
        x._data.shape)
    src = lookup[_positions(root.size, offset, sizes, strides)]
    inside = src >= 0
    index = np.unravel_index(np.where(inside, src, 0), x._data.shape)
    return view_of(x, out, "AsStridedBackward0", (x._data.shape, x._data.dtype, index, inside), _as_strided_vjp)


def _addc_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """``input + value * t1 * t2`` (or ``/ t2``): input gets g; t1 gets g * value * t2 (g * value / t2);
    t2 gets g * value * t1 (-g * value * t1 / t2**2)."""
    t1, t2, value, divide, metas = s
    (s0, d0), (s1, d1), (s2, d2) = metas
    g0 = m.sum_to(g, s0, d0) if needs[0] else None
    if divide:
        g1 = m.sum_to(g * value / t2, s1, d1) if needs[1] else None
        g2 = m.sum_to(-g * value * t1 / (t2 * t2), s2, d2) if needs[2] else None
    else:
        g1 = m.sum_to(g * value * t2, s1, d1) if needs[1] else None
        g2 = m.sum_to(g * value * t1, s2, d2) if needs[2] else None
    return (g0, g1, g2)


_ADDCDIV_INT = (
    "Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a true "
    "division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as (input + value * "
    "torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as (input + value * tensor1 / tensor2) "
    "for float inputs. The future addcdiv behavior is just the latter implementation: (input + value * tensor1 / "
    "tensor2), for all dtypes."
)


def addc(x: Tensor, t1: Tensor, t2: Tensor, value: Any, divide: bool) -> Tensor:
    """torch.addcmul (``x + value * t1 * t2``, AddcmulBackward0) or addcdiv (``x + value * t1 / t2``,
    AddcdivBackward0), computed in the promoted dtype in torch's order of operations (addcmul on
    float32 rounds once, as torch's fused multiply-add does; float64 rounds twice here)."""
    fn = "addcdiv" if divide else "addcmul"
    check_operand(fn, x)
    check_operand(fn, t1, 2, "tensor1")
    check_operand(fn, t2, 3, "tensor2")
    if divide and not t1._dtype.is_floating_point and not t2._dtype.is_floating_point:
        raise RuntimeError(_ADDCDIV_INT)
    dt = result_dtype((x, t1, t2))
    a, b, c = (_operand(t, dt) for t in (x, t1, t2))
    v = np.asarray(value, dtype=dt.np)
    try:
        if divide:
            out = a + v * b / c
        elif dt.is_floating_point and dt.itemsize <= 4:  # torch's fused multiply-add: (v * b) * c + a, one rounding
            out = (v * b).astype(np.float64) * c + a
        else:
            out = a + v * b * c
    except ValueError:
        _broadcast_error([np.shape(a), np.shape(b), np.shape(c)])
    out = np.asarray(out, dtype=dt.np)
    metas = tuple((t._data.shape, t._data.dtype) for t in (x, t1, t2))
    name = "AddcdivBackward0" if divide else "AddcmulBackward0"
    return record(name, out, (x, t1, t2), (t1, t2, value, divide, metas), _addc_vjp, frees=True)


def logical(x: Tensor, other: Any, fn: str) -> Tensor:
    """torch.logical_and / logical_or / logical_xor: a bool tensor, broadcasting, no gradient."""
    check_operand(fn, x)
    check_operand(fn, other, 2, "other")
    ufunc = {"logical_and": np.logical_and, "logical_or": np.logical_or, "logical_xor": np.logical_xor}[fn]
    try:
        return Tensor._wrap(np.asarray(ufunc(x._data, other._data)))
    except ValueError:
        _broadcast_error([x._data.shape, other._data.shape])
        raise


def diff(x: Tensor, n: int = 1, dim: int = -1, prepend: Tensor | None = None, append: Tensor | None = None) -> Tensor:
    """The ``n``-th forward difference along ``dim``: ``out[i] = x[i + 1] - x[i]``, applied ``n`` times
    (after joining ``prepend`` and ``append``); bool inputs give ``x[i + 1] != x[i]``.

    Raises:
        RuntimeError / TypeError: torch's messages for a 0-d input, a negative order, or a bad prepend/append.
    """
    check_operand("diff", x)
    if x._data.ndim == 0:
        raise RuntimeError("diff expects input to be at least one-dimensional")
    if n < 0:
        raise RuntimeError(f"order must be non-negative but got {n}")
    d = wrap_dim(dim, x._data.ndim)
    parts = []
    for arg, label in ((prepend, "prepend"), (x, ""), (append, "append")):
        if arg is None:
            continue
        if not isinstance(arg, Tensor):
            raise TypeError(f"diff(): argument '{label}' must be Tensor, not {type(arg).__name__}")
        if arg._data.ndim != x._data.ndim:
            raise RuntimeError("diff expects prepend or append to be the same dimension as input")
        parts.append(arg)
    out = parts[0] if len(parts) == 1 else cat(parts, d)
    for _ in range(n):
        length = out._data.shape[d]
        if length == 0:
            break
        later, earlier = narrow(out, d, 1, length - 1), narrow(out, d, 0, length - 1)
        out = later != earlier if out._dtype is dtypes.bool else later - earlier
    return out


_INTERPOLATIONS = ("linear", "lower", "higher", "midpoint", "nearest")


def _quantile_checks(x: Tensor, q: Any, fn: str, interpolation: str) -> list[float]:
    check_operand(fn, x)
    if x._data.size == 0:
        raise RuntimeError(f"{fn}() input tensor must be non-empty")
    if x._dtype not in (dtypes.float32, dtypes.float64):
        raise RuntimeError(f"{fn}() input tensor must be either float or double dtype")
    if isinstance(q, Tensor):
        if q._data.ndim > 1:
            raise RuntimeError(f"{fn}() q must be a scalar or 1D tensor")
        if q._dtype is not x._dtype:
            raise RuntimeError(f"{fn}() q tensor must be same dtype as the input tensor")
        qs = [float(v) for v in q._data.reshape(-1)]
    else:
        qs = [float(q)]
    for v in qs:
        if not 0 <= v <= 1:
            raise RuntimeError(f"{fn}() q must be in the range [0, 1] but got {v:g}")
    if interpolation not in _INTERPOLATIONS:
        raise RuntimeError(
            f"{fn}() interpolation must be one of linear, lower, higher, midpoint or nearest, but got {interpolation}"
        )
    return qs


def quantile(x: Tensor, q: Any, dim: int | None = None, keepdim: bool = False, interpolation: str = "linear",
             ignore_nan: bool = False) -> Tensor:
    """torch.quantile / nanquantile: the ``q``-quantile(s) along ``dim`` (all values when None).

    Values are sorted along ``dim`` (nan last); with ``n`` valid values the quantile sits at rank
    ``r = q * (n - 1)`` between ``lo = floor(r)`` and ``hi = ceil(r)``: ``linear`` gives
    ``lerp(v[lo], v[hi], r - lo)``, ``midpoint`` the mean of the two, ``lower`` / ``higher`` /
    ``nearest`` one of them. A row holding nan gives nan (quantile) or ignores the nans
    (nanquantile; an all-nan row gives nan); such a row reads a nan, the last sorted value (quantile)
    or the first (nanquantile), as torch does. The gradient flows to the picked values (SqueezeBackward4).
    A 1-D ``q`` adds a leading dim.
    """
    fn = "nanquantile" if ignore_nan else "quantile"
    qs = _quantile_checks(x, q, fn, interpolation)
    src = x.reshape(-1) if dim is None else x
    d = 0 if dim is None else wrap_dim(dim, x._data.ndim)
    ordered = sort(src, d).values
    nan = np.isnan(ordered._data)
    valid = np.sum(~nan, axis=d, keepdims=True)
    total = ordered._data.shape[d]
    picks = []
    for v in qs:
        count = valid if ignore_nan else np.full_like(valid, total)
        rank = np.asarray(v, x._data.dtype) * (np.maximum(count, 1) - 1).astype(x._data.dtype)
        if interpolation == "lower":
            rank = np.floor(rank)
        elif interpolation == "higher":
            rank = np.ceil(rank)
        elif interpolation == "nearest":
            rank = np.round(rank)
        bad = (valid == 0) if ignore_nan else (valid < total)
        rank = np.where(bad, 0 if ignore_nan else total - 1, rank)  # read a nan (torch's choice of which)
        lo = np.floor(rank).astype(np.int64)
        hi = np.ceil(rank).astype(np.int64)
        low = ordered.gather(d, Tensor._wrap(lo))
        if interpolation in ("linear", "midpoint"):
            high = ordered.gather(d, Tensor._wrap(hi))
            w = Tensor._wrap(np.asarray(0.5 if interpolation == "midpoint" else rank - lo, dtype=x._data.dtype))
            val = where(w < 0.5, low + (high - low) * w, high - (high - low) * (1 - w))
        else:
            val = low
        if not keepdim:
            val = val.squeeze(d)
        elif dim is None:
            val = val.reshape((1,) * x._data.ndim)
        picks.append(val)
    out = stack(picks, 0) if isinstance(q, Tensor) and q._data.ndim == 1 else picks[0]
    return renamed(out, "SqueezeBackward4")


def _no_derivative(op: str) -> Rule:
    """The rule of a node whose derivative torch does not implement: running it raises torch's error."""
    def rule(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
        raise NotImplementedError(f"the derivative for '{op}' is not implemented.")
    return rule


def _unique_rows(x: Tensor, d: int, consecutive: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct slices of ``x`` along ``d`` (sorted, or runs of equal neighbours), inverse and counts."""
    moved = np.moveaxis(x._data, d, 0)
    rows = moved.reshape(moved.shape[0], int(np.prod(moved.shape[1:])))
    if consecutive:
        if rows.shape[0] == 0:
            starts = np.zeros(0, np.int64)
        else:
            change = np.any(rows[1:] != rows[:-1], axis=1)
            starts = np.concatenate(([0], np.flatnonzero(change) + 1))
        inverse = np.cumsum(np.isin(np.arange(rows.shape[0]), starts)) - 1
        counts = np.diff(np.append(starts, rows.shape[0]))
        vals = moved[starts]
    else:
        _, first, inverse, counts = np.unique(rows, axis=0, return_index=True, return_inverse=True,
                                              return_counts=True)
        vals = moved[first]
    return np.moveaxis(vals, 0, d), inverse.reshape(-1), counts


def unique_values(x: Tensor, return_inverse: bool, return_counts: bool, dim: int | None,
                  consecutive: bool) -> Any:
    """torch.unique(dim=...) and torch.unique_consecutive: distinct values (or slices along ``dim``),
    with the inverse index and the counts when asked. On a tensor that requires grad the result has
    torch's grad_fn, whose backward raises torch's "not implemented" error."""
    if dim is None:
        flat = x.reshape(-1)
        vals, inverse, counts = _unique_rows(flat, 0, consecutive)
        inverse = inverse.reshape(x._data.shape)
        node, op = ("UniqueConsecutiveBackward0", "unique_consecutive") if consecutive else \
            ("Unique2Backward0", "_unique2")
    else:
        d = wrap_dim(dim, x._data.ndim)
        vals, inverse, counts = _unique_rows(x, d, consecutive)
        node, op = ("UniqueConsecutiveBackward0", "unique_consecutive") if consecutive else \
            ("UniqueDimBackward0", "unique_dim")
    out = [record(node, np.ascontiguousarray(vals), (x,), (), _no_derivative(op), frees=False)]
    if return_inverse:
        out.append(Tensor._wrap(inverse.astype(np.int64)))
    if return_counts:
        out.append(Tensor._wrap(counts.astype(np.int64)))
    return out[0] if len(out) == 1 else tuple(out)


# Padding by index arrays: each padded dim reads its input positions from an index vector.

_PAD_SUPPORT = (
    "Supported combinations for non-constant padding:\n"
    "  - 2D or 3D input: padding size = 2 (pads last dimension)\n"
    "  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n"
    "  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)"
)


def _pad_positions(size: int, before: int, after: int, mode: str) -> np.ndarray:
    """Input position of each output position along one dim (negative widths crop first)."""
    pos = np.arange(-before, size + after)
    if mode == "circular":
        start, stop = max(-before, 0), size - max(-after, 0)
        return start + np.arange(-max(before, 0), stop - start + max(after, 0)) % (stop - start)
    if mode == "reflect":
        period = 2 * (size - 1)
        pos = np.abs(pos) % period if period else np.zeros_like(pos)
        return np.where(pos >= size, period - pos, pos)
    return np.clip(pos, 0, size - 1)


def _pad_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Adjoint of reading padded positions: add each output grad back at the input position it came from."""
    shape, dt, index = s
    return (m.index_grad(g, shape, dt, index, False),)


def pad_nonconstant(x: Tensor, pad: Sequence[int], mode: str) -> Tensor:
    """F.pad with ``mode`` reflect / replicate / circular on the last ``len(pad) // 2`` dims.

    Output position ``i`` of a padded dim reads input position ``p(i)``: reflect mirrors about the
    edges without repeating them, replicate clamps to the edge, circular wraps around. The backward
    adds the upstream grad at ``p(i)`` (Reflection/ReplicationPad{1,2,3}DBackward0; circular: CopySlices).

    Raises:
        NotImplementedError / RuntimeError: torch's messages for unsupported ranks and too-large pads.
    """
    k = len(pad) // 2
    nd = x._data.ndim
    if k not in (1, 2, 3) or nd not in (k + 1, k + 2):
        raise NotImplementedError(f"Padding size {len(pad)} is not supported for {nd}D input tensor.\n{_PAD_SUPPORT}")
    shape = x._data.shape
    grids = []
    for i in range(k):
        axis = nd - 1 - i
        before, after = int(pad[2 * i]), int(pad[2 * i + 1])
        size = shape[axis]
        if mode == "reflect" and (before >= size or after >= size):
            raise RuntimeError(
                f"Argument #{4 + 2 * i}: Padding size should be less than the corresponding input dimension, but got: "
                f"padding ({before}, {after}) at dimension {axis} of input {list(shape)}"
            )
        if mode == "circular" and (before > size or after > size):
            raise RuntimeError("Padding value causes wrapping around more than once.")
        grids.append((axis, _pad_positions(size, before, after, mode)))
    lead = nd - k
    index: list[Any] = [slice(None)] * nd
    for axis, positions in grids:
        block_shape = [1] * k
        block_shape[axis - lead] = positions.size
        index[axis] = positions.reshape(block_shape)
    idx = tuple(index)
    out = np.asarray(x._data[idx])
    if mode == "circular":
        name = "CopySlices"
    else:
        name = f"{'ReflectionPad' if mode == 'reflect' else 'ReplicationPad'}{k}DBackward0"
    return record(name, out, (x,), (shape, x._data.dtype, idx), _pad_vjp, frees=False)


VJP: dict[str, Rule] = {
    "SumBackward0": _sum_vjp,
    "SumBackward1": _sum_vjp,
    "MeanBackward0": _mean_vjp,
    "MeanBackward1": _mean_vjp,
    "MaxBackward1": _extreme_all_vjp,
    "MinBackward1": _extreme_all_vjp,
    "MaxBackward0": _extreme_dim_vjp,
    "MinBackward0": _extreme_dim_vjp,
    "AmaxBackward0": _extreme_amax_vjp,
    "AminBackward0": _extreme_amax_vjp,
    "ProdBackward0": _prod_vjp,
    "ProdBackward1": _prod_vjp,
    "VarBackward0": _var_vjp,
    "StdBackward0": _std_vjp,
    "SoftmaxBackward0": _softmax_vjp,
    "LogSoftmaxBackward0": _log_softmax_vjp,
    "MmBackward0": _mm_vjp,
    "MvBackward0": _mv_vjp,
    "DotBackward0": _dot_vjp,
    "BmmBackward0": _bmm_vjp,
    "AddmmBackward0": _addmm_vjp,
    "ViewBackward0": _reshape_vjp,
    "UnsqueezeBackward0": _reshape_vjp,
    "SqueezeBackward0": _reshape_vjp,
    "PermuteBackward0": _permute_vjp,
    "TransposeBackward0": _permute_vjp,
    "TBackward0": _permute_vjp,
    "ExpandBackward0": _expand_vjp,
    "ToCopyBackward0": _cast_vjp,
    "CloneBackward0": _identity_vjp,
    "SelectBackward0": _index_vjp,
    "SliceBackward0": _index_vjp,
    "IndexBackward0": _index_vjp,
    "CopySlices": _setitem_vjp,
    "StackBackward0": _split_vjp,
    "CatBackward0": _split_vjp,
    "WhereBackward0": _where_vjp,
    "RoundBackward1": zero_vjp,
    "DiagonalBackward0": _diagonal_vjp,
    "DiagonalBackward0_copy": _diagonal_vjp,
    "DiagEmbedBackward0": _diag_embed_vjp,
    "TraceBackward0": _trace_vjp,
    "StdMeanBackward0": _identity_vjp,
    "VarMeanBackward0": _identity_vjp,
    "IndexAddBackward0": _index_add_vjp,
    "IndexFillBackward0": _masked_fill_vjp,
    "NanToNumBackward0": _nan_to_num_vjp,
    "CumprodBackward0": _cumprod_vjp,
    "ModeBackward0": _index_vjp,
    "TriuBackward0": _tri_vjp,
    "TrilBackward0": _tri_vjp,
    "GatherBackward0": _index_vjp,
    "IndexSelectBackward0": _index_vjp,
    "TakeBackward0": _index_vjp,
    "MaskedSelectBackward0": _index_vjp,
    "MaskedFillBackward0": _masked_fill_vjp,
    "MaskedFillBackward1": _masked_fill_vjp,
    "ScatterBackward0": _scatter_vjp,
    "ScatterBackward1": _scatter_vjp,
    "ScatterAddBackward0": _scatter_vjp,
    "SortBackward0": _index_vjp,
    "SortBackward1": _index_vjp,
    "TopkBackward0": _index_vjp,
    "KthvalueBackward0": _index_vjp,
    "MedianBackward0": _median_all_vjp,
    "MedianBackward1": _index_vjp,
    "CumsumBackward0": _cumsum_vjp,
    "LogsumexpBackward0": _logsumexp_vjp,
    "RepeatBackward0": _repeat_vjp,
    "SplitBackward0": _index_vjp,
    "SplitWithSizesBackward0": _index_vjp,
    "UnbindBackward0": _index_vjp,
    "FlipBackward0": _flip_vjp,
    "RollBackward0": _roll_vjp,
    "IndexPutBackward0": _index_put_vjp,
    "ZeroBackward0": zero_vjp,
    "FillBackward2": zero_vjp,
    "CopyBackwards": copy_vjp,
    "NarrowCopyBackward0": _index_vjp,
    "UnfoldBackward0": _unfold_vjp,
    "AsStridedBackward0": _as_strided_vjp,
    "AddcmulBackward0": _addc_vjp,
    "AddcdivBackward0": _addc_vjp,
    "UnsqueezeBackward1": _reshape_vjp,
    "SqueezeBackward3": _reshape_vjp,
    "SqueezeBackward4": _reshape_vjp,
    "SqueezeBackward5": _reshape_vjp,
    "TransposeBackward1": _permute_vjp,
    "TBackward1": _permute_vjp,
    "Unique2Backward0": _no_derivative("_unique2"),
    "UniqueDimBackward0": _no_derivative("unique_dim"),
    "UniqueConsecutiveBackward0": _no_derivative("unique_consecutive"),
    "ReflectionPad1DBackward0": _pad_vjp,
    "ReflectionPad2DBackward0": _pad_vjp,
    "ReflectionPad3DBackward0": _pad_vjp,
    "ReplicationPad1DBackward0": _pad_vjp,
    "ReplicationPad2DBackward0": _pad_vjp,
    "ReplicationPad3DBackward0": _pad_vjp,
}
"""Every non-elementwise op's vector-Jacobian product, keyed by torch's grad_fn name."""


# ----------------------------------------------------------------------------------------------
# nan-ignoring reductions
# ----------------------------------------------------------------------------------------------


def _nansum_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d nansum / d x = 1 where x is a number, 0 where it is nan."""
    shape, keep, dt, counted = s
    return (m.cast(m.expand(m.reshape(g, keep), shape), dt) * m.const(counted),)


def nansum(x: Tensor, dim: Any = None, keepdim: bool = False, dtype: dtypes.dtype | None = None) -> Tensor:
    """Sum treating nan as 0 (NansumBackward0); integers and bools sum to int64, as :func:`sum`."""
    arr = x._data
    out_dt = dtype if dtype is not None else (x._dtype if x._dtype.is_floating_point else dtypes.int64)
    axes = tuple(range(arr.ndim)) if dim is None else _dims(dim, arr.ndim)
    out = np.asarray(np.nansum(arr, axis=axes, keepdims=keepdim, dtype=out_dt.np))
    counted = (~np.isnan(arr)).astype(arr.dtype) if arr.dtype.kind == "f" else np.ones_like(arr)
    return record("NansumBackward0", out, (x,), (arr.shape, _keep_shape(arr.shape, axes), arr.dtype, counted),
                  _nansum_vjp, frees=False)


def nanmean(x: Tensor, dim: Any = None, keepdim: bool = False, dtype: dtypes.dtype | None = None) -> Tensor:
    """Mean over the non-nan entries: ``nansum / count`` (DivBackward0, as torch composes it)."""
    if not x._dtype.is_floating_point:
        raise RuntimeError(
            f"nanmean(): expected input to have floating point or complex dtype but got {_scalar_type_name(x._dtype)}"
        )
    count = Tensor._wrap(np.logical_not(np.isnan(x._data))).sum(dim, keepdim)
    return nansum(x, dim, keepdim, dtype) / count


def _floating(x: Tensor) -> np.ndarray:
    """``x``'s values, integers and bools cast to the default dtype (as torch's float-only ops do)."""
    return x._data if x._dtype.is_floating_point else x._data.astype(dtypes.get_default_dtype().np)


def _rsqrt_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d (1/sqrt(x)) / dx = -0.5 * out**3."""
    (out,) = s
    return (g * (out * out * out) * -0.5,)


def rsqrt(x: Tensor) -> Tensor:
    """1 / sqrt(x) (RsqrtBackward0)."""
    out = np.asarray(np.reciprocal(np.sqrt(_floating(x))))
    return record("RsqrtBackward0", out, (x,), (OUTPUT,), _rsqrt_vjp)


def _erfc_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d erfc(x) / dx = -2 / sqrt(pi) * e**(-x**2)."""
    (x,) = s
    return (g * m.exp(-(x * x)) * (-2.0 / np.sqrt(np.pi)),)


def erfc(x: Tensor) -> Tensor:
    """1 - erf(x), accurate where erf is near 1 (ErfcBackward0); math.erfc per element, in float64."""
    arr = _floating(x)
    flat = np.fromiter(map(math.erfc, arr.ravel().tolist()), dtype=np.float64, count=arr.size)
    return record("ErfcBackward0", flat.reshape(arr.shape).astype(arr.dtype), (x,), (x,), _erfc_vjp)


def _logit_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d log(x / (1 - x)) / dx = 1 / (x (1 - x)); 0 where ``eps`` clamped x."""
    x, clamped = s
    local = g / (x * (1.0 - x))
    return (local if clamped is None else m.where(m.const(clamped), 0.0, local),)


def logit(x: Tensor, eps: float | None = None) -> Tensor:
    """log(z / (1 - z)) with z = x clamped to [eps, 1 - eps] when ``eps`` is given (LogitBackward0)."""
    arr = _floating(x)
    clamped = None
    if eps is not None:
        clamped = (arr < eps) | (arr > 1.0 - eps)
        arr = np.clip(arr, eps, 1.0 - eps).astype(arr.dtype)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.asarray(np.log(arr / (1.0 - arr))).astype(arr.dtype)
    return record("LogitBackward0", out, (x,), (x, clamped), _logit_vjp)


def _xlogy_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d (x log y) / dx = log y (0 where x == 0 and y <= 0), d / dy = x / y; one grad per tensor input.

    For xlog1py, log1p(y) and x / (1 + y).
    """
    x, y, x_zero, shapes, dt, log1p = s
    grads: list[Any] = []
    slot = 0
    if shapes[0] is not None:
        ln = m.log(y + 1.0) if log1p else m.log(y)
        grads.append(m.sum_to(m.where(m.const(x_zero), 0.0, g * ln), shapes[0], dt) if needs[slot] else None)
        slot += 1
    if shapes[1] is not None:
        grads.append(m.sum_to(g * x / ((y + 1.0) if log1p else y), shapes[1], dt) if needs[slot] else None)
    return tuple(grads)


def xlogy(x: Any, y: Any, log1p: bool = False) -> Tensor:
    """x * log(y), 0 where x == 0 (unless y is nan): XlogyBackward0, or 1 / 2 with a number as x / y.

    With ``log1p``: x * log1p(y) (SpecialXlog1PyBackward0, tensors only).
    """
    fn = "xlog1py" if log1p else "xlogy"
    if not isinstance(x, Tensor) and not isinstance(y, Tensor):
        raise TypeError(f"{fn}() received an invalid combination of arguments - got ({type(x).__name__}, "
                        f"{type(y).__name__})")
    ref = x if isinstance(x, Tensor) else y
    dt = ref._dtype if ref._dtype.is_floating_point else dtypes.get_default_dtype()
    xa = np.asarray(x._data if isinstance(x, Tensor) else x, dt.np)
    ya = np.asarray(y._data if isinstance(y, Tensor) else y, dt.np)
    with np.errstate(divide="ignore", invalid="ignore"):
        ln = np.log1p(ya) if log1p else np.log(ya)
        out = np.asarray(np.where((xa == 0) & ~np.isnan(ya), 0.0, xa * ln)).astype(dt.np)
    inputs = tuple(t for t in (x, y) if isinstance(t, Tensor))
    name = "SpecialXlog1PyBackward0" if log1p else "XlogyBackward0"
    if len(inputs) == 1 and not log1p:
        name = "XlogyBackward1" if isinstance(y, Tensor) else "XlogyBackward2"
    bound = -1.0 if log1p else 0.0
    x_zero = np.broadcast_to((xa == 0) & (ya <= bound), out.shape)
    shapes = (x._data.shape if isinstance(x, Tensor) else None, y._data.shape if isinstance(y, Tensor) else None)
    saved_x = x if isinstance(x, Tensor) else xa
    saved_y = y if isinstance(y, Tensor) else ya
    return record(name, out, inputs, (saved_x, saved_y, x_zero, shapes, dt.np, log1p), _xlogy_vjp)


def _entr_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d (-x ln x) / dx = -(ln x + 1)."""
    (x,) = s
    return (g * -(m.log(x) + 1.0),)


def entr(x: Tensor) -> Tensor:
    """-x ln x for x > 0, 0 at 0, -inf below (SpecialEntrBackward0)."""
    arr = _floating(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(arr > 0, -arr * np.log(np.where(arr > 0, arr, 1)), np.where(arr == 0, 0.0, -np.inf))
    return record("SpecialEntrBackward0", np.asarray(out).astype(arr.dtype), (x,), (x,), _entr_vjp)


def _sinc_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d sin(pi x)/(pi x) / dx = (cos(pi x) - sinc x) / x, 0 at x = 0."""
    x, out, at_zero = s
    safe = m.where(m.const(at_zero), 1.0, x)
    return (m.where(m.const(at_zero), 0.0, g * (m.cos(safe * np.pi) - out) / safe),)


def sinc(x: Tensor) -> Tensor:
    """sin(pi x) / (pi x), 1 at 0 (SincBackward0)."""
    arr = _floating(x)
    at_zero = arr == 0
    return record("SincBackward0", np.asarray(np.sinc(arr)).astype(arr.dtype), (x,), (x, OUTPUT, at_zero),
                  _sinc_vjp)


def _erf_array(y: np.ndarray) -> np.ndarray:
    """erf elementwise in float64 (math.erf per element: numpy has none)."""
    return np.fromiter(map(math.erf, y.ravel().tolist()), dtype=np.float64, count=y.size).reshape(y.shape)


def _erfinv_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d erfinv(x) / dx = sqrt(pi) / 2 * e**(erfinv(x)**2)."""
    (out,) = s
    return (g * m.exp(out * out) * (np.sqrt(np.pi) / 2),)


def erfinv(x: Tensor) -> Tensor:
    """The inverse error function (ErfinvBackward0): +-inf at +-1, nan outside [-1, 1].

    Winitzki's closed-form estimate (about 2e-3 off), then Newton steps on erf(y) = x in float64.
    """
    arr = _floating(x)
    v = arr.astype(np.float64)
    inside = np.abs(v) < 1
    safe = np.where(inside, v, 0.0)
    a = 0.147
    ln = np.log1p(-safe * safe)
    t = 2 / (np.pi * a) + ln / 2
    y = np.sign(safe) * np.sqrt(np.sqrt(t * t - ln / a) - t)
    for _ in range(4):
        y = y - (_erf_array(y) - safe) / (2 / np.sqrt(np.pi) * np.exp(-y * y))
    out = np.where(inside, y, np.where(np.abs(v) == 1, np.copysign(np.inf, v), np.nan))
    return record("ErfinvBackward0", np.asarray(out).astype(arr.dtype), (x,), (OUTPUT,), _erfinv_vjp)


def bucketize(x: Any, boundaries: Tensor, out_int32: bool = False, right: bool = False) -> Tensor:
    """For each value, the index of its bucket in sorted 1-D ``boundaries``.

    ``right=False``: the i with boundaries[i-1] < v <= boundaries[i]; ``right=True``: boundaries[i-1] <= v <
    boundaries[i] (numpy's searchsorted sides, swapped).
    """
    if not isinstance(boundaries, Tensor) or boundaries._data.ndim != 1:
        raise RuntimeError("boundaries tensor must be 1 dimension, but got dim("
                           f"{boundaries._data.ndim if isinstance(boundaries, Tensor) else 0})")
    values = x._data if isinstance(x, Tensor) else np.asarray(x)
    idx = np.searchsorted(boundaries._data, values, side="right" if right else "left")
    return Tensor._wrap(np.asarray(idx, np.int32 if out_int32 else np.int64))


def isin(elements: Any, test_elements: Any, *, assume_unique: bool = False, invert: bool = False) -> Tensor:
    """Whether each entry of ``elements`` occurs in ``test_elements`` (a bool tensor of ``elements``' shape)."""
    if not isinstance(elements, Tensor) and not isinstance(test_elements, Tensor):
        raise TypeError("isin() received an invalid combination of arguments - got "
                        f"({type(elements).__name__}, {type(test_elements).__name__})")
    ea = elements._data if isinstance(elements, Tensor) else np.asarray(elements)
    ta = test_elements._data if isinstance(test_elements, Tensor) else np.asarray(test_elements)
    return Tensor._wrap(np.asarray(np.isin(ea, ta, assume_unique=assume_unique, invert=invert)))


VJP["NansumBackward0"] = _nansum_vjp
VJP["RsqrtBackward0"] = _rsqrt_vjp
VJP["ErfcBackward0"] = _erfc_vjp
VJP["LogitBackward0"] = _logit_vjp
VJP["XlogyBackward0"] = _xlogy_vjp
VJP["XlogyBackward1"] = _xlogy_vjp
VJP["XlogyBackward2"] = _xlogy_vjp
VJP["SpecialXlog1PyBackward0"] = _xlogy_vjp
VJP["SpecialEntrBackward0"] = _entr_vjp
VJP["SincBackward0"] = _sinc_vjp
VJP["ErfinvBackward0"] = _erfinv_vjp
