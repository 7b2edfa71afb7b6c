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
"""

from __future__ import annotations

import numbers
from collections.abc import Iterator
from typing import Any

import numpy as np

from minitorch_scalar import ops
from minitorch_scalar.backends import FLOAT
from minitorch_scalar.ops import Op


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


class Value:
    """A scalar in a computation graph, with the lecture's API and torch's method names.

    Args:
        data: a real number (stored as float).
        _children: the inputs of the op that produced this Value (the lecture's argument).
        _op: the op's label for drawing (the lecture's argument).
        label: a name shown in drawings and parity reports.
        requires_grad: whether backward passes collect a gradient for this leaf (default True).
    """

    __slots__ = ("data", "grad", "label", "_prev", "_op", "_fn", "_args", "requires_grad", "__weakref__")
    data: float
    grad: float
    label: str
    _prev: tuple[Value, ...]
    _op: str
    _fn: Op | None
    _args: tuple[Any, ...]
    requires_grad: bool

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
        self._prev = tuple(_children)
        self._op = _op
        self._fn: Op | None = None
        self._args = self._prev
        self.requires_grad = requires_grad if not self._prev else any(c.requires_grad for c in self._prev)

    # ---- construction of op nodes -------------------------------------------------------------
    @staticmethod
    def _apply(fn: Op, args: tuple[Any, ...], symbol: str | None = None) -> Value:
        """Run ``fn`` forward on ``args`` (Values or floats) and record the node."""
        out = Value.__new__(Value)
        out.data = fn.forward(FLOAT, *[a.data if isinstance(a, Value) else a for a in args])
        out.grad = 0.0
        out.label = ""
        prev = tuple(a for a in args if isinstance(a, Value))
        out._prev = prev
        out._op = fn.symbol if symbol is None else symbol
        out._fn = fn
        out._args = args
        out.requires_grad = any(p.requires_grad for p in prev)
        return out

    @staticmethod
    def _coerce(other: Any) -> Value | None:
        """A Value for ``other`` (numbers become constant leaves), or None if it is not a number."""
        if isinstance(other, Value):
            return other
        if _is_number(other):
            return Value(other, requires_grad=False)
        return None

    def _binary(self, fn: Op, other: Any, reflected: bool = False) -> Any:
        o = Value._coerce(other)
        if o is None:
            return NotImplemented
        return Value._apply(fn, (o, self) if reflected else (self, o))

    # ---- arithmetic ---------------------------------------------------------------------------
    def __add__(self, other: Any) -> Value:
        return self._binary(ops.ADD, other)

    def __radd__(self, other: Any) -> Value:
        return self._binary(ops.ADD, other, reflected=True)

    def __sub__(self, other: Any) -> Value:
        return self._binary(ops.SUB, other)

    def __rsub__(self, other: Any) -> Value:
        return self._binary(ops.SUB, other, reflected=True)

    def __mul__(self, other: Any) -> Value:
        return self._binary(ops.MUL, other)

    def __rmul__(self, other: Any) -> Value:
        return self._binary(ops.MUL, other, reflected=True)

    def __truediv__(self, other: Any) -> Value:
        return self._binary(ops.DIV, other)

    def __rtruediv__(self, other: Any) -> Value:
        return self._binary(ops.DIV, other, reflected=True)

    def __neg__(self) -> Value:
        return Value._apply(ops.NEG, (self,))

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

    def pow(self, exponent: Any) -> Value:
        """``self ** exponent`` (torch's name)."""
        result = self.__pow__(exponent)
        if result is NotImplemented:
            raise TypeError(f"pow(): exponent must be a Value or a real number, got {type(exponent).__name__}")
        return result

    # ---- elementwise functions (torch's names) ------------------------------------------------
    def exp(self) -> Value:
        """e**x."""
        return Value._apply(ops.EXP, (self,))

    def log(self) -> Value:
        """Natural logarithm."""
        return Value._apply(ops.LOG, (self,))

    def tanh(self) -> Value:
        """Hyperbolic tangent."""
        return Value._apply(ops.TANH, (self,))

    def sigmoid(self) -> Value:
        """1 / (1 + e**-x)."""
        return Value._apply(ops.SIGMOID, (self,))

    def relu(self) -> Value:
        """max(x, 0)."""
        return Value._apply(ops.RELU, (self,))

    def sqrt(self) -> Value:
        """x ** 0.5."""
        return Value._apply(ops.SQRT, (self,))

    def abs(self) -> Value:
        """|x|."""
        return Value._apply(ops.ABS, (self,))

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
        return self._fn is None and not self._prev

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
        in its own table, so a second call adds exactly the same amounts again, as torch does with
        ``retain_graph=True`` and ``retain_grad()`` on every node.
        """
        grads = {self: 1.0}
        for node in reversed(topological_order(self)):
            upstream = grads.pop(node)
            node.grad += upstream
            for child, local in node.local_grads():
                grads[child] = grads.get(child, 0.0) + upstream * local


def topological_order(root: Value) -> list[Value]:
    """Every Value that requires grad and that ``root`` depends on, inputs before the ops using them.

    An iterative depth-first search (an explicit stack, no recursion), visiting inputs in order, so
    the same graph always gives the same order.
    """
    if not root.requires_grad:
        return []
    order: list[Value] = []
    visited: set[Value] = set()
    stack: list[tuple[Value, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        if node in visited:
            continue
        visited.add(node)
        stack.append((node, True))
        for child in reversed(node._prev):
            if child.requires_grad and child not in visited:
                stack.append((child, False))
    return order
