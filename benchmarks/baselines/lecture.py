"""The lecture's final scalar engine, rebuilt from the seed notebooks' design for benchmarking.

This is deliberately *not* how minitorch_scalar works. It keeps the three design choices the
lecture ends with, because they are what the benchmarks measure:

* every op stores a closure ``out._backward`` that reads ``out.grad``, so each node refers to
  itself through its closure: a reference cycle that only Python's cyclic GC can free;
* ``_prev`` is a ``set`` of children;
* ``backward()`` builds the topological order with a recursive helper, which raises
  ``RecursionError`` once a chain is deeper than the interpreter's recursion limit.

Operators beyond the lecture's ``+``, ``*`` and ``tanh`` (``-``, ``**``, ``/``, reflected forms,
``exp``) follow the same pattern, so the benchmark workloads can be written once for every engine.
"""

from __future__ import annotations

import math
from typing import Any


class LectureValue:
    """A scalar node in the lecture's style: data, grad, a backward closure, a set of children."""

    def __init__(self, data: float, _children: tuple[Any, ...] = (), _op: str = "", label: str = "") -> None:
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = set(_children)
        self._op = _op
        self.label = label

    def __repr__(self) -> str:
        return f"Value(data={self.data})"

    def __add__(self, other: Any) -> LectureValue:
        other = other if isinstance(other, LectureValue) else LectureValue(other)
        out = LectureValue(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += 1.0 * out.grad
            other.grad += 1.0 * out.grad

        out._backward = _backward
        return out

    def __mul__(self, other: Any) -> LectureValue:
        other = other if isinstance(other, LectureValue) else LectureValue(other)
        out = LectureValue(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __pow__(self, other: float) -> LectureValue:
        if not isinstance(other, (int, float)):
            raise TypeError("only int/float powers are supported")
        out = LectureValue(self.data**other, (self,), f"**{other}")

        def _backward() -> None:
            self.grad += other * self.data ** (other - 1) * out.grad

        out._backward = _backward
        return out

    def tanh(self) -> LectureValue:
        x = self.data
        t = (math.exp(2 * x) - 1) / (math.exp(2 * x) + 1)
        out = LectureValue(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1 - t**2) * out.grad

        out._backward = _backward
        return out

    def exp(self) -> LectureValue:
        out = LectureValue(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data * out.grad

        out._backward = _backward
        return out

    def __neg__(self) -> LectureValue:
        return self * -1

    def __sub__(self, other: Any) -> LectureValue:
        return self + (-other)

    def __rsub__(self, other: Any) -> LectureValue:
        return other + (-self)

    def __radd__(self, other: Any) -> LectureValue:
        return self + other

    def __rmul__(self, other: Any) -> LectureValue:
        return self * other

    def __truediv__(self, other: Any) -> LectureValue:
        return self * other**-1

    def __rtruediv__(self, other: Any) -> LectureValue:
        return other * self**-1

    def backward(self) -> None:
        """Recursive topological sort, then every node's closure in reverse order."""
        topo: list[LectureValue] = []
        visited: set[LectureValue] = set()

        def build_topo(v: LectureValue) -> None:
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build_topo(child)
                topo.append(v)

        build_topo(self)
        self.grad = 1.0
        for node in reversed(topo):
            node._backward()
