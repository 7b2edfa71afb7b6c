"""``python -m minitorch_scalar demo``: the micrograd lecture end to end, in under a minute.

1. The derivative from first principles: ``(f(x + h) - f(x)) / h`` against ``f'(x) = 6x - 4``.
2. ``L = (a*b + c) * f``: backward, and the lecture's graph with every gradient.
3. The tanh neuron, backpropagated one chain-rule step at a time (an HTML page of frames to watch).
4. Our gradients next to real PyTorch's, node by node (skipped, with a note, without torch).
5. The MLP on the lecture's four samples, trained by gradient descent, with its loss curve.

Everything is written to ``--out`` (default ``./minitorch_scalar_demo``). Without Graphviz's ``dot``
the graphs are saved as DOT source; without matplotlib the loss curve is skipped; both say how to
install what is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from minitorch_scalar.nn.micro import MLP
from minitorch_scalar.value import Value
from minitorch_scalar.viz import DotNotFoundError, backward_steps, draw_dot, draw_parity, render, render_backward
from minitorch_scalar.viz.draw import Graph

XS = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
YS = [1.0, -1.0, -1.0, 1.0]
PARITY_HINT = "pip install 'minitorch-scalar[parity]'"


class Demo:
    """Where the demo writes, and the list of what it wrote."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.written: list[Path] = []
        self.dot_missing = False
        out.mkdir(parents=True, exist_ok=True)

    def graph(self, graph: Graph, name: str) -> None:
        """Render ``graph`` to ``out/<name>.svg``, or save its DOT source when ``dot`` is missing."""
        path = self.out / f"{name}.svg"
        try:
            render(graph, path)
        except DotNotFoundError as exc:
            if not self.dot_missing:
                print(f"  note: {exc}")
            self.dot_missing = True
            path = path.with_suffix(".dot")
            path.write_text(graph.source, encoding="utf-8")
        self.written.append(path)


def section(title: str) -> None:
    print(f"\n== {title}")


def derivative() -> None:
    """The lecture's first cell: the slope of f(x) = 3x^2 - 4x + 5 from first principles."""

    def f(x: float) -> float:
        return 3 * x**2 - 4 * x + 5

    h = 1e-6
    for x in (3.0, -1.0, 2 / 3):
        print(f"  x = {x:7.4f}: (f(x+h) - f(x))/h = {(f(x + h) - f(x)) / h:10.6f}   6x - 4 = {6 * x - 4:8.4f}")
    print(f"  with h = 1e-20, 3 + h == 3 in floating point, so the estimate is {(f(3 + 1e-20) - f(3)) / 1e-20}")


def lecture_L(demo: Demo) -> None:
    """``L = (a*b + c) * f`` and its gradients, drawn."""
    a, b, c, f = Value(2.0, label="a"), Value(-3.0, label="b"), Value(10.0, label="c"), Value(-2.0, label="f")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    L = d * f
    L.label = "L"
    L.backward()
    print("  " + "  ".join(f"{v.label}.grad={v.grad:g}" for v in (a, b, c, e, d, f)))
    demo.graph(draw_dot(L), "L_graph")


def neuron() -> tuple[Value, list[Value]]:
    """The lecture's tanh neuron: o = tanh(x1*w1 + x2*w2 + b), every Value labelled."""
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
    return o, [x1, x2, w1, w2, b]


def neuron_steps(demo: Demo) -> None:
    """The neuron's backward pass, step by step, printed and written as a page of frames."""
    o, _ = neuron()
    for step in backward_steps(o):
        if step.received:
            gets = ", ".join(f"{child.label} += {amount:.4f}" for child, amount in step.received)
            print(f"  {step.index + 1:2d}. {step.node.label:9s} grad {step.upstream:.4f} -> {gets}")
        else:
            print(f"  {step.index + 1:2d}. {step.node.label:9s} grad {step.upstream:.4f} (leaf)")
    demo.graph(draw_dot(o, show_backprop=True), "neuron_graph")
    if demo.dot_missing:
        return
    page = render_backward(neuron()[0], demo.out / "neuron_backward")
    demo.written.append(page)
    print(f"  step through it: open {page}")


def versus_torch(demo: Demo) -> None:
    """Our gradients and torch's for every node of the neuron, side by side."""
    if importlib.util.find_spec("torch") is None:
        print(f"  PyTorch is not installed, so there is nothing to compare with: {PARITY_HINT}")
        return
    from minitorch_scalar.parity.replay import check_graph

    o, _ = neuron()
    report = check_graph(o)
    print(f"  {'node':10s} {'ours':>22s} {'torch':>22s}")
    for e in report.entries:
        if e.kind == "grad":
            print(f"  {e.name:10s} {e.ours!r:>22} {e.torch!r:>22}" + ("" if e.ok else "  <- differs"))
    print("  (the last digit can differ: the same float64 formulas, rounded in a different order)")
    print(f"  {report.summary()}")
    demo.graph(draw_parity(o), "neuron_parity")


def train_mlp(demo: Demo, steps: int) -> None:
    """The lecture's MLP(3, [4, 4, 1]) on its four samples, with the loss curve."""
    model = MLP(3, [4, 4, 1], seed=1337)
    history: list[float] = []
    for k in range(steps):
        loss = Value(0.0, requires_grad=False)
        for x, y in zip(XS, YS):
            loss = loss + (_predict(model, x) - y) ** 2
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= 0.05 * p.grad
        history.append(loss.data)
        if k % max(1, steps // 5) == 0 or k == steps - 1:
            print(f"  step {k:3d}: loss {loss.data:.6f}")
    print("  predictions: " + ", ".join(f"{_predict(model, x).data:+.3f}" for x in XS) + f"   targets: {YS}")
    demo.graph(draw_dot(_predict(model, XS[0])), "mlp_graph")
    _plot_loss(demo, history)


def _predict(model: MLP, x: list[float]) -> Value:
    """The MLP's output for one sample (one output neuron, so one Value)."""
    return cast(Value, model(x))


def _plot_loss(demo: Demo, history: list[float]) -> None:
    if importlib.util.find_spec("matplotlib") is None:
        print("  (no loss plot: matplotlib is not installed; pip install matplotlib)")
        return
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(history)
    ax.set_xlabel("step")
    ax.set_ylabel("sum of squared errors")
    ax.set_title("MLP(3, [4, 4, 1]) on the lecture's 4 samples")
    ax.grid(True)
    path = demo.out / "mlp_loss.png"
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    demo.written.append(path)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the demo; returns the exit status (0)."""
    parser = argparse.ArgumentParser(
        prog="python -m minitorch_scalar demo", description="The micrograd lecture end to end, with pictures."
    )
    parser.add_argument("--out", type=Path, default=Path("minitorch_scalar_demo"),
                        help="folder for the graphs, frames and plots (default ./minitorch_scalar_demo)")
    parser.add_argument("--steps", type=int, default=40, help="MLP training steps (default 40)")
    args = parser.parse_args(argv)
    start = time.time()
    demo = Demo(args.out)
    section("1. the derivative from first principles")
    derivative()
    section("2. L = (a*b + c) * f: backward() fills every grad")
    lecture_L(demo)
    section("3. the tanh neuron, one chain-rule step at a time")
    neuron_steps(demo)
    section("4. ours versus PyTorch, node by node")
    versus_torch(demo)
    section(f"5. an MLP learns the lecture's 4 samples ({args.steps} steps)")
    train_mlp(demo, args.steps)
    section(f"done in {time.time() - start:.1f}s; written to {demo.out.resolve()}:")
    for path in demo.written:
        print(f"  {path}")
    return 0
