"""06: a small MLP learns the lecture's four-sample dataset by gradient descent.

MLP(3, [4, 4, 1]): three inputs, two hidden layers of four tanh neurons, one tanh output. The loss
is the sum of squared errors over the four samples; each step zeroes the gradients, backpropagates
and moves every parameter a little against its gradient. We also train a copy that forgets
``zero_grad()``: gradients then pile up across steps, the lecture's famous bug.

Run: python examples/06_mlp.py      (figures: examples/out/06_loss.png, 06_mlp_one_sample.svg)
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from _common import QUICK, save_figure, save_graph

from minitorch_scalar import Value, draw_dot
from minitorch_scalar.nn import MLP
from minitorch_scalar.viz import trace

XS = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
YS = [1.0, -1.0, -1.0, 1.0]
STEPS = 20 if QUICK else 60
LR = 0.05


def loss_of(model: MLP) -> tuple[Value, list[Value]]:
    preds = [model(x) for x in XS]
    loss = sum(((p - y) ** 2 for p, y in zip(preds, YS)), Value(0.0, requires_grad=False))
    return loss, preds


def train(zero_grad: bool) -> tuple[MLP, list[float]]:
    model = MLP(3, [4, 4, 1], seed=1337)
    history = []
    for _ in range(STEPS):
        loss, _ = loss_of(model)
        if zero_grad:
            model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= LR * p.grad
        history.append(loss.data)
    return model, history


def main() -> None:
    model, history = train(zero_grad=True)
    print(f"{model}\n{len(model.parameters())} parameters, {STEPS} steps of gradient descent (lr {LR})")
    for step in range(0, STEPS, max(1, STEPS // 6)):
        print(f"  step {step:3d}: loss {history[step]:.6f}")
    loss, preds = loss_of(model)
    print(f"final loss {loss.data:.6f}")
    for x, y, p in zip(XS, YS, preds):
        print(f"  x={x}  target {y:+.0f}  prediction {p.data:+.4f}")

    _, forgetful = train(zero_grad=False)
    print(f"without zero_grad(): loss after {STEPS} steps {forgetful[-1]:.6f} (gradients pile up across steps)")

    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(history, label="with zero_grad()")
    ax.plot(forgetful, "--", label="forgot zero_grad(): erratic")
    ax.set_xlabel("step")
    ax.set_ylabel("sum of squared errors")
    ax.set_title("MLP(3, [4, 4, 1]) on the lecture's 4 samples")
    ax.legend()
    ax.grid(True)
    save_figure(fig, "06_loss.png")

    one = model(XS[0])
    one.label = "prediction"
    save_graph(draw_dot(one, rankdir="LR"), "06_mlp_one_sample.svg")
    print(f"(one sample's forward graph has {len(trace(one)[0])} Values)")


if __name__ == "__main__":
    main()
