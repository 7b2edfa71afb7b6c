"""``Value``: the lecture's scalar autograd object.

A Value holds one Python float (``data``), the gradient a backward pass left on it (``grad``, a float,
0.0 until then, following the lecture rather than torch's None), and the node it came from: the op
(``_fn``, a registry entry; ``_op``, the label the lecture's graphs print) and its inputs (``_args``;
``_prev`` is the Values among them). All math comes from :mod:`minitorch_scalar.ops`.

Choices worth knowing:

* ``==``, ``!=`` and ``hash`` are by identity, like any Python object, so Values work as set members
  and dict keys (the lecture's ``trace``/``build_topo`` rely on that). ``<``, ``<=``, ``>``, ``>=``
  compare ``data`` and return bool. ``bool(v)`` is ``v.data != 0``, so ``if loss:`` reads naturally.
* Python numbers mixed into an expression (``2 * x``, ``x ** 2``) are constants: an exponent is part
  of the op (``_op == '**2'``), other numbers become leaf Values with ``requires_grad=False``.
* A node keeps no closure and no reference to its output, so graphs are freed by reference counting.

How it is kept fast (see ``benchmarks/RESULTS.md`` for the numbers):

* A node is one object with ``__slots__``: no closure, no set, no dict, no tuple (the inputs of a
  one- or two-input op sit in two slots; ``_args`` and ``_prev`` build their tuples on request).
* A Python number in ``x * 2.0`` is kept as a plain float until someone asks for ``_args`` or
  ``_prev``; only then does it become its constant leaf Value (once, and it stays the same object).
  The engine never needs it as a Value: a constant gets no gradient.
* Each registry entry gets its backward steps once, at import (``_unary_rule``, ``_binary_rule``,
  the general ``_Rule``): a local derivative whose code is just ``return <constant>`` (``add``,
  ``sub``, ``neg``) is read once instead of called per node (:func:`constant_local`); every other
  local derivative is the registry's own function, called as is. Each operator method is likewise
  built once from its registry entry (``__add__ = _binary_method(ops.ADD, False)``).
* ``backward()`` finds the nodes with one iterative walk and orders them by creation number (a
  node is always created after its inputs, so creation order is a topological order; it is also
  the order torch's engine runs nodes in). The pass's gradients live in a per-node slot ``_g``
  that the walk resets, so the pass allocates no per-node tuples or dict entries. (So two threads
  must not run ``backward()`` at the same time over shared nodes; the lecture's engine, which
  writes ``grad`` directly, has the same limit.)
"""

from __future__ import annotations

import dis
import itertools
import numbers
from collections.abc import Callable, Iterator
from operator import attrgetter
from typing import Any, Union, cast

import numpy as np

from minitorch_scalar import ops
from minitorch_scalar.math_backends import FLOAT
from minitorch_scalar.ops import Op

Number = int | float
Operand = Union["Value", int, float]

_creation = itertools.count()
"""Creation numbers: every Value takes the next one, so inputs always number below their users."""


def as_float(data: Any, what: str = "Value(data)") -> float:
    """Convert a real number (bool, int, float, numpy scalar) to float.

    Raises:
        TypeError: naming the type, for anything that is not a real number.
    """
    if isinstance(data, (numbers.Real, np.bool_)):
        return float(data)
    raise TypeError(f"{what} expects a real number (int, float, bool or numpy scalar), got {type(data).__name__}")


def _is_number(x: Any) -> bool:
    return isinstance(x, (numbers.Real, np.bool_)) and not isinstance(x, Value)


def constant_local(local: Callable[..., Any]) -> float | None:
    """The constant a local derivative always returns, or None when it computes something.

    A local whose bytecode is only "return a constant" (``lambda m, out, a, b: 1.0``) is read once,
    here, instead of being called for every node. Anything else returns None and is called.
    """
    code = getattr(local, "__code__", None)
    if code is None:
        return None
    steps = [i.opname for i in dis.get_instructions(code) if i.opname not in ("RESUME", "NOP", "CACHE")]
    if steps not in (["LOAD_CONST", "RETURN_VALUE"], ["RETURN_CONST"]):
        return None
    value = local(*([None] * code.co_argcount))
    return float(value) if isinstance(value, (int, float)) else None


class _Rule:
    """One registry entry's backward step on floats, prepared once.

    ``__call__(node, upstream)`` adds ``upstream * d node / d input_i`` to the pass gradient ``_g``
    of every input Value that requires grad; the local derivative comes from ``op.local[i]``.
    """

    __slots__ = ("op", "consts", "locals")

    def __init__(self, op: Op) -> None:
        self.op = op
        self.consts = tuple(constant_local(local) for local in op.local)
        self.locals = op.local

    def __call__(self, node: Value, upstream: float) -> None:
        args = node._args
        raw = [a.data if isinstance(a, Value) else a for a in args]
        for i, a in enumerate(args):
            if isinstance(a, Value) and a.requires_grad:
                c = self.consts[i]
                a._g += upstream * (c if c is not None else self.locals[i](FLOAT, node.data, *raw))


def _unary_rule(op: Op) -> Callable[[Value, float], None]:
    """A backward step for a one-input op whose input is a Value."""
    (local,) = op.local
    const = constant_local(local)

    def step(node: Value, upstream: float) -> None:
        x = node._x
        if x.requires_grad:
            x._g += upstream * (const if const is not None else local(FLOAT, node.data, x.data))

    return step


def _binary_rule(op: Op) -> Callable[[Value, float], None]:
    """A backward step for a two-input op whose inputs are both Values."""
    local_a, local_b = op.local
    const_a, const_b = constant_local(local_a), constant_local(local_b)

    def step(node: Value, upstream: float) -> None:
        a, b = node._x, node._y
        if a.requires_grad:
            a._g += upstream * (const_a if const_a is not None else local_a(FLOAT, node.data, a.data, b.data))
        if b.requires_grad:
            b._g += upstream * (const_b if const_b is not None else local_b(FLOAT, node.data, a.data, b.data))

    return step


def _number_b_rule(op: Op) -> Callable[[Value, float], None]:
    """A backward step for ``a <op> number``: only ``a`` can need a gradient."""
    local_a = op.local[0]
    const_a = constant_local(local_a)

    def step(node: Value, upstream: float) -> None:
        a = node._x
        if a.requires_grad:
            a._g += upstream * (const_a if const_a is not None else local_a(FLOAT, node.data, a.data, node._y))

    return step


def _number_a_rule(op: Op) -> Callable[[Value, float], None]:
    """A backward step for ``number <op> b``: only ``b`` can need a gradient."""
    local_b = op.local[1]
    const_b = constant_local(local_b)

    def step(node: Value, upstream: float) -> None:
        b = node._y
        if b.requires_grad:
            b._g += upstream * (const_b if const_b is not None else local_b(FLOAT, node.data, node._x, b.data))

    return step


_GENERAL: dict[str, _Rule] = {name: _Rule(op) for name, op in ops.REGISTRY.items()}
"""The general backward step of every op (any arity, inputs may be plain numbers)."""

_FAST: dict[str, Callable[[Value, float], None]] = {
    name: (_unary_rule(op) if op.arity == 1 else _binary_rule(op))
    for name, op in ops.REGISTRY.items()
    if op.arity in (1, 2)
}
"""The specialised step of every one- and two-input op, for nodes whose inputs are all Values."""


_new = object.__new__
_by_creation = attrgetter("_seq")


def _constant(data: float) -> Value:
    """A leaf for a Python number in an expression: ``requires_grad=False``, no label."""
    c = _new(Value)
    c.data = data
    c.grad = 0.0
    c.label = ""
    c._op = ""
    c._fn = None
    c._x = None
    c._y = None
    c._in = ()
    c.requires_grad = False
    c._step = None
    c._seq = next(_creation)
    c._mark = None
    c._lazy = 0
    return c


def _binary_method(fn: Op, reflected: bool) -> Callable[[Value, Any], Any]:
    """``self <op> other`` (or ``other <op> self`` when reflected) for a two-input registry op.

    A Python int or float operand is kept as a plain number (see ``Value._materialize``); other
    numbers (bool, numpy scalars) become constant leaf Values at once.
    """
    forward, symbol, step = fn.forward, fn.symbol, _FAST[fn.name]
    number_step = _number_b_rule(fn) if not reflected else _number_a_rule(fn)
    lazy_bit = 1 if reflected else 2

    def method(self: Value, other: Any) -> Any:
        cls = other.__class__
        if cls is float or cls is int:
            number = float(other)
            out = _new(Value)
            if reflected:
                out.data = forward(FLOAT, number, self.data)
                out._x = number
                out._y = self
            else:
                out.data = forward(FLOAT, self.data, number)
                out._x = self
                out._y = number
            out.grad = 0.0
            out.label = ""
            out._op = symbol
            out._fn = fn
            out._in = None
            out.requires_grad = self.requires_grad
            out._step = number_step
            out._seq = next(_creation)
            out._mark = None
            out._lazy = lazy_bit
            return out
        if cls is not Value:
            other = Value._coerce(other)
            if other is None:
                return NotImplemented
        a, b = (other, self) if reflected else (self, other)
        out = _new(Value)
        out.data = forward(FLOAT, a.data, b.data)
        out.grad = 0.0
        out.label = ""
        out._op = symbol
        out._fn = fn
        out._x = a
        out._y = b
        out._in = None
        out.requires_grad = a.requires_grad or b.requires_grad
        out._step = step
        out._seq = next(_creation)
        out._mark = None
        out._lazy = 0
        return out

    return method


def _unary_method(fn: Op, doc: str) -> Callable[[Value], Value]:
    """``fn(self)`` for a one-input registry op, documented as ``doc``."""
    forward, symbol, step = fn.forward, fn.symbol, _FAST[fn.name]

    def method(self: Value) -> Value:
        out = _new(Value)
        out.data = forward(FLOAT, self.data)
        out.grad = 0.0
        out.label = ""
        out._op = symbol
        out._fn = fn
        out._x = self
        out._y = None
        out._in = None
        out.requires_grad = self.requires_grad
        out._step = step
        out._seq = next(_creation)
        out._mark = None
        out._lazy = 0
        return out

    method.__doc__ = doc
    return method


class Value:
    """A scalar in a computation graph, with the lecture's API and torch's method names.

    Args:
        data: a real number (stored as float).
        _children: the inputs of the op that produced this Value (the lecture's argument).
        _op: the op's label for drawing (the lecture's argument).
        label: a name shown in drawings and parity reports.
        requires_grad: whether backward passes collect a gradient for this leaf (default True).
    """

    __slots__ = (
        "data", "grad", "label", "_op", "_fn", "_x", "_y", "_in", "requires_grad",
        "_step", "_seq", "_mark", "_g", "_lazy", "__weakref__",
    )

    def __init__(
        self,
        data: Any,
        _children: tuple[Value, ...] = (),
        _op: str = "",
        label: str = "",
        requires_grad: bool = True,
    ) -> None:
        self.data = as_float(data)
        self.grad = 0.0
        self.label = label
        children = tuple(_children)
        self._op = _op
        self._fn: Op | None = None
        self._x: Any = None
        self._y: Any = None
        self._in: tuple[Any, ...] | None = children
        self.requires_grad: bool = requires_grad if not children else any(bool(c.requires_grad) for c in children)
        self._step: Callable[[Value, float], None] | None = None
        self._seq: float = next(_creation)
        self._mark: object = None
        self._g = 0.0
        self._lazy = 0

    # ---- construction of op nodes -------------------------------------------------------------
    @property
    def _args(self) -> tuple[Any, ...]:
        """The op's inputs in order (Values, or plain numbers such as a pow exponent)."""
        if self._in is not None:
            return self._in
        if self._lazy:
            self._materialize()
        return (self._x,) if self._y is None else (self._x, self._y)

    def _materialize(self) -> None:
        """Turn the plain numbers kept for ``x * 2.0``-style constants into their constant leaf Values.

        A constant numbers itself just below this node, so creation order stays topological.
        """
        for bit, name in ((1, "_x"), (2, "_y")):
            if self._lazy & bit:
                c = _constant(getattr(self, name))
                c._seq = self._seq - 0.5
                setattr(self, name, c)
        self._lazy = 0
        self._step = _FAST[cast(Op, self._fn).name]

    @property
    def _prev(self) -> tuple[Value, ...]:
        """The Values among the inputs (the lecture's ``_prev``, in argument order)."""
        args = self._args
        if all(isinstance(a, Value) for a in args):
            return args
        return tuple(a for a in args if isinstance(a, Value))

    @staticmethod
    def _apply(fn: Op, args: tuple[Any, ...], symbol: str | None = None) -> Value:
        """Run ``fn`` forward on ``args`` (Values or floats) and record the node."""
        out = _new(Value)
        out.data = fn.forward(FLOAT, *[a.data if isinstance(a, Value) else a for a in args])
        out.grad = 0.0
        out.label = ""
        out._op = fn.symbol if symbol is None else symbol
        out._fn = fn
        args = tuple(args)
        if len(args) in (1, 2):
            out._x, out._y, out._in = args[0], (args[1] if len(args) == 2 else None), None
        else:
            out._x, out._y, out._in = None, None, args
        all_values = all(isinstance(a, Value) for a in args)
        out.requires_grad = any(a.requires_grad for a in args if isinstance(a, Value))
        out._step = _FAST.get(fn.name) if all_values else None
        if out._step is None:
            out._step = _GENERAL[fn.name]
        out._seq = next(_creation)
        out._mark = None
        out._lazy = 0
        return out

    @staticmethod
    def _coerce(other: Any) -> Value | None:
        """A Value for ``other`` (numbers become constant leaves), or None if it is not a number."""
        if isinstance(other, Value):
            return other
        if _is_number(other):
            return _constant(float(other))
        return None

    def _binary(self, fn: Op, other: Any, reflected: bool = False) -> Any:
        o = Value._coerce(other)
        if o is None:
            return NotImplemented
        return Value._apply(fn, (o, self) if reflected else (self, o))

    # ---- arithmetic (each operator is built from its registry entry, see _binary_method) ------
    __add__ = _binary_method(ops.ADD, False)
    __radd__ = _binary_method(ops.ADD, True)
    __sub__ = _binary_method(ops.SUB, False)
    __rsub__ = _binary_method(ops.SUB, True)
    __mul__ = _binary_method(ops.MUL, False)
    __rmul__ = _binary_method(ops.MUL, True)
    __truediv__ = _binary_method(ops.DIV, False)
    __rtruediv__ = _binary_method(ops.DIV, True)
    __neg__ = _unary_method(ops.NEG, "-x.")

    def __pos__(self) -> Value:
        return self

    def __pow__(self, other: Any) -> Value:
        if isinstance(other, Value):
            return Value._apply(ops.POW, (self, other))
        if _is_number(other):
            return Value._apply(ops.POW, (self, float(other)), symbol=f"**{other}")
        return NotImplemented

    def __rpow__(self, other: Any) -> Value:
        if _is_number(other):
            return Value._apply(ops.POW, (float(other), self), symbol=f"{other}**")
        return NotImplemented

    def pow(self, exponent: Operand) -> Value:
        """``self ** exponent`` (torch's name)."""
        result = self.__pow__(exponent)
        if result is NotImplemented:
            raise TypeError(f"pow(): exponent must be a Value or a real number, got {type(exponent).__name__}")
        return result

    # ---- elementwise functions (torch's names) ------------------------------------------------
    exp = _unary_method(ops.EXP, "e**x.")
    log = _unary_method(ops.LOG, "Natural logarithm.")
    tanh = _unary_method(ops.TANH, "Hyperbolic tangent.")
    sigmoid = _unary_method(ops.SIGMOID, "1 / (1 + e**-x).")
    relu = _unary_method(ops.RELU, "max(x, 0).")
    sqrt = _unary_method(ops.SQRT, "x ** 0.5.")
    abs = _unary_method(ops.ABS, "|x|.")
    sin = _unary_method(ops.SIN, "Sine.")
    cos = _unary_method(ops.COS, "Cosine.")

    def __abs__(self) -> Value:
        return self.abs()

    # ---- conversions and comparisons ----------------------------------------------------------
    def item(self) -> float:
        """The data as a Python float (torch's name)."""
        return self.data

    def __float__(self) -> float:
        return self.data

    def __bool__(self) -> bool:
        return self.data != 0

    def _data_of(self, other: Any) -> float:
        if isinstance(other, Value):
            return other.data
        return as_float(other, "Value comparison")

    def __lt__(self, other: Any) -> bool:
        return self.data < self._data_of(other)

    def __le__(self, other: Any) -> bool:
        return self.data <= self._data_of(other)

    def __gt__(self, other: Any) -> bool:
        return self.data > self._data_of(other)

    def __ge__(self, other: Any) -> bool:
        return self.data >= self._data_of(other)

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"Value(data={self.data}, grad={self.grad})"

    # ---- autograd -----------------------------------------------------------------------------
    @property
    def is_leaf(self) -> bool:
        """True for a Value that no op produced."""
        return self._fn is None and not self._in

    def local_grads(self) -> Iterator[tuple[Value, float]]:
        """Yield ``(child, d self / d child)`` for every input Value that requires grad."""
        fn = self._fn
        if fn is None:
            return
        args = self._args
        raw = [a.data if isinstance(a, Value) else a for a in args]
        for i, a in enumerate(args):
            if isinstance(a, Value) and a.requires_grad:
                yield a, fn.local[i](FLOAT, self.data, *raw)

    def _backward(self) -> None:
        """One chain-rule step, as the lecture calls it by hand: ``child.grad += self.grad * local``."""
        upstream = self.grad
        for child, local in self.local_grads():
            child.grad += upstream * local

    def backward(self) -> None:
        """Backpropagate from this Value: every Value it depends on gets ``grad += d self / d node``.

        The pass works iteratively (no recursion, so any depth works) and keeps this pass's gradients
        in its own table (each node's ``_g``, reset by the pass), so a second call adds exactly the
        same amounts again, as torch does with ``retain_graph=True`` and ``retain_grad()`` on every
        node. Nodes run in reverse creation order, so each node's gradient is complete before it is
        passed on: ``input._g += upstream * local`` for every input, in argument order.
        """
        order = topological_order(self)
        if not order:
            return
        self._g = 1.0
        for node in reversed(order):
            upstream = node._g
            node.grad += upstream
            step = node._step
            if step is not None:
                step(node, upstream)


def topological_order(root: Value) -> list[Value]:
    """Every Value that requires grad and that ``root`` depends on, inputs before the ops using them.

    One iterative walk (an explicit stack, no recursion) collects the nodes; they are then sorted by
    creation number. A node is created after its inputs, so that order is topological, and the same
    graph always gives the same order. The walk also resets each node's pass gradient ``_g`` to 0.
    """
    if not root.requires_grad:
        return []
    token = object()
    root._mark = token
    root._g = 0.0
    found = [root]
    stack = [root]
    pop, push, keep = stack.pop, stack.append, found.append
    while stack:
        node = pop()
        child = node._x
        if isinstance(child, Value) and child.requires_grad and child._mark is not token:
            child._mark = token
            child._g = 0.0
            push(child)
            keep(child)
        child = node._y
        if isinstance(child, Value) and child.requires_grad and child._mark is not token:
            child._mark = token
            child._g = 0.0
            push(child)
            keep(child)
        for child in node._in or ():  # leaves' and manual nodes' children, ops with three inputs
            if isinstance(child, Value) and child.requires_grad and child._mark is not token:
                child._mark = token
                child._g = 0.0
                push(child)
                keep(child)
    found.sort(key=_by_creation)
    return found
