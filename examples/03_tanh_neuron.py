"""03: the tanh neuron, backpropagated three ways, plus a page to watch it step by step.

o = tanh(x1*w1 + x2*w2 + b). First by hand (tanh' = 1 - o**2, sums route, products swap), then by
calling each node's ``_backward()`` in the right order, then with one ``backward()`` call. All three
give x1.grad = -1.5, w1.grad = 1.0, x2.grad = 0.5, w2.grad = 0.0 (x2 is 0, so w2 cannot matter).

Run: python examples/03_tanh_neuron.py
Open examples/out/03_backward/index.html to step through the backward pass.
"""

from __future__ import annotations

from _common import out_path, save_graph

from minitorch_scalar import Value, backward_steps, draw_dot, render_backward
from minitorch_scalar.viz import DotNotFoundError

NAMES = ("x1", "x2", "w1", "w2", "b", "x1w1", "x2w2", "x1w1x2w2", "n", "o")


def neuron() -> dict[str, Value]:
    """The lecture's neuron; the bias 6.8813735870195432 makes n = atanh(1/sqrt 2), so o = 0.7071."""
    v = {
        "x1": Value(2.0, label="x1"),
        "x2": Value(0.0, label="x2"),
        "w1": Value(-3.0, label="w1"),
        "w2": Value(1.0, label="w2"),
        "b": Value(6.8813735870195432, label="b"),
    }
    v["x1w1"] = v["x1"] * v["w1"]
    v["x2w2"] = v["x2"] * v["w2"]
    v["x1w1x2w2"] = v["x1w1"] + v["x2w2"]
    v["n"] = v["x1w1x2w2"] + v["b"]
    v["o"] = v["n"].tanh()
    for name in NAMES[5:]:
        v[name].label = name
    return v


def grads(v: dict[str, Value]) -> str:
    return "  ".join(f"{k}={v[k].grad:.4f}" for k in ("x1", "w1", "x2", "w2", "b"))


def main() -> None:
    v = neuron()
    print(f"forward: n = {v['n'].data:.4f}, o = tanh(n) = {v['o'].data:.4f}")
    save_graph(draw_dot(v["o"]), "03_neuron_forward.svg")

    print("\n1. by hand")
    v["o"].grad = 1.0
    v["n"].grad = (1 - v["o"].data ** 2) * v["o"].grad  # d tanh(n)/dn = 1 - tanh(n)**2
    v["b"].grad = v["n"].grad
    v["x1w1x2w2"].grad = v["n"].grad
    v["x1w1"].grad = v["x1w1x2w2"].grad
    v["x2w2"].grad = v["x1w1x2w2"].grad
    v["x1"].grad = v["w1"].data * v["x1w1"].grad
    v["w1"].grad = v["x1"].data * v["x1w1"].grad
    v["x2"].grad = v["w2"].data * v["x2w2"].grad
    v["w2"].grad = v["x2"].data * v["x2w2"].grad
    print("  " + grads(v))
    save_graph(draw_dot(v["o"]), "03_neuron_manual.svg")

    print("\n2. node by node with _backward(), outputs before inputs")
    v = neuron()
    v["o"].grad = 1.0
    for name in ("o", "n", "b", "x1w1x2w2", "x2w2", "x1w1", "w2", "w1", "x2", "x1"):
        v[name]._backward()  # one chain-rule step: each input's grad += this grad * local derivative
    print("  " + grads(v))

    print("\n3. one call: o.backward()")
    v = neuron()
    v["o"].backward()
    print("  " + grads(v))
    save_graph(draw_dot(v["o"], show_backprop=True), "03_neuron_backprop.svg")

    print("\nthe same pass, one step at a time (backward_steps):")
    v = neuron()
    for step in backward_steps(v["o"]):
        print("  " + step.describe().replace("\n", "\n    "))
    try:
        page = render_backward(neuron()["o"], out_path("03_backward"))
        print(f"\nstep-by-step page written to {page} (open it in a browser)")
    except DotNotFoundError as exc:
        print(f"\n(no step-by-step page: {exc})")


if __name__ == "__main__":
    main()
