"""02: manual backpropagation through L = (a*b + c) * f, with the graph drawn at every stage.

We fill in every gradient by hand, from L back to the leaves, exactly as the lecture does:
a product passes each input the *other* input's value times the upstream gradient, a sum routes
the upstream gradient unchanged (the chain rule: dL/dc = dL/dd * dd/dc). Then we check the result
against backward() and against numerical nudging, and take one step up the gradient.

Run: python examples/02_manual_backprop.py      (figures: examples/out/02_stage_*.svg)
"""

from __future__ import annotations

from _common import save_graph

from minitorch_scalar import Value, draw_dot, numerical_grad


def build(a0: float = 2.0, b0: float = -3.0, c0: float = 10.0, f0: float = -2.0) -> dict[str, Value]:
    """The lecture's expression, every Value labelled."""
    a = Value(a0, label="a")
    b = Value(b0, label="b")
    c = Value(c0, label="c")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    f = Value(f0, label="f")
    L = d * f
    L.label = "L"
    return {"a": a, "b": b, "c": c, "e": e, "d": d, "f": f, "L": L}


def show(g: dict[str, Value], stage: int, what: str) -> None:
    print(f"stage {stage}: {what}")
    print("  " + "  ".join(f"{k}.grad={v.grad:g}" for k, v in g.items()))
    save_graph(draw_dot(g["L"]), f"02_stage_{stage}.svg")


def main() -> None:
    g = build()
    a, b, c, e, d, f, L = (g[k] for k in "abcedfL")
    print(f"forward: e = a*b = {e.data}, d = e + c = {d.data}, L = d*f = {L.data}")
    show(g, 0, "after the forward pass every grad is 0")

    L.grad = 1.0
    show(g, 1, "dL/dL = 1")

    d.grad = f.data * L.grad  # L = d * f: dL/dd = f
    f.grad = d.data * L.grad  # dL/df = d
    show(g, 2, "L = d*f: d gets f's data, f gets d's data")

    c.grad = 1.0 * d.grad  # d = e + c: a sum routes the gradient
    e.grad = 1.0 * d.grad
    show(g, 3, "d = e + c: the sum routes d's grad to c and e")

    a.grad = b.data * e.grad  # e = a * b: chain rule, local derivative b
    b.grad = a.data * e.grad
    show(g, 4, "e = a*b: a gets b * e.grad, b gets a * e.grad")

    auto = build()
    auto["L"].backward()
    assert all(auto[k].grad == g[k].grad for k in g), "manual and automatic gradients differ"
    print("backward() computes exactly the same gradients")

    def loss(a0: float, b0: float, c0: float, f0: float) -> float:
        return build(a0, b0, c0, f0)["L"].data

    nudged = numerical_grad(loss, 2.0, -3.0, 10.0, -2.0)
    print("nudging each leaf by a tiny h (central differences):")
    for name, est in zip("abcf", nudged):
        print(f"  dL/d{name}: numerical {est:+.6f}, ours {g[name].grad:+.6f}")

    step = 0.01
    for leaf in (a, b, c, f):
        leaf.data += step * leaf.grad
    e2 = a * b
    L2 = (e2 + c) * f
    print(f"one step along the gradient (step {step}): L goes from {L.data} to {L2.data:.4f}, up as promised")


if __name__ == "__main__":
    main()
