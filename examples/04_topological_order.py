"""04: topological order, the order backward() visits the graph in.

A node may pass its gradient back only once it is complete, that is once every Value using it has
passed back its share. Listing the graph so that every node comes after its inputs (a topological
order) and walking that list backwards guarantees it. This example prints the order, shows what a
wrong order does, why gradients must accumulate (``+=``), and that the walk has no depth limit.

Run: python examples/04_topological_order.py      (figure: examples/out/04_topological_order.svg)
"""

from __future__ import annotations

import sys

from _common import QUICK, save_graph

from minitorch_scalar import Value, draw_dot
from minitorch_scalar.value import topological_order


def neuron() -> Value:
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    x1w1 = x1 * w1
    x1w1.label = "x1w1"
    x2w2 = x2 * w2
    x2w2.label = "x2w2"
    s = x1w1 + x2w2
    s.label = "x1w1x2w2"
    n = s + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    return o


def main() -> None:
    o = neuron()
    order = topological_order(o)
    print("topological order (every node after its inputs):")
    print("  " + " -> ".join(v.label for v in order))
    print("backward() visits it in reverse:")
    print("  " + " -> ".join(v.label for v in reversed(order)))
    for i, v in enumerate(order):
        v.label = f"#{i} {v.label}"
    save_graph(draw_dot(o, show_grad=False), "04_topological_order.svg")

    print("\na wrong order (inputs first): each node passes its grad on before it has received it")
    o = neuron()
    o.grad = 1.0
    for v in topological_order(o):  # inputs first: each node passes on a gradient of 0
        v._backward()
    leaves = [v for v in topological_order(o) if not v._prev]
    print("  " + "  ".join(f"{v.label}.grad={v.grad}" for v in leaves) + "   (all zero: wrong)")

    print("\nwhy gradients accumulate: b = a + a uses a twice")
    a = Value(3.0, label="a")
    b = a + a
    b.backward()
    print(f"  a.grad = {a.grad} (db/da = 2: each use adds 1; writing '=' instead of '+=' would give 1)")
    a = Value(-2.0, label="a")
    bb = Value(3.0, label="b")
    f = (a * bb) * (a + bb)
    f.backward()
    print(f"  f = (a*b) * (a+b): a.grad = {a.grad}, b.grad = {bb.grad} (by hand: 2ab + b^2 = -3, a^2 + 2ab = -8)")

    depth = 20_000 if QUICK else 200_000
    x = Value(1.0, label="x")
    y = x
    for _ in range(depth):
        y = y * 1.0 + 0.0
    y.backward()
    print(f"\na chain of {2 * depth} ops backpropagates fine: x.grad = {x.grad}")
    print(f"(a recursive walk, like the lecture's build_topo, stops at Python's limit of {sys.getrecursionlimit()}"
          " nested calls; ours keeps its own stack)")


if __name__ == "__main__":
    main()
