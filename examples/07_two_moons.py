"""07: binary classification of two interleaving half-moons with a Value MLP.

The dataset is generated with numpy (two noisy half circles, labels -1 and +1). An MLP(2, [16, 16, 1])
of tanh neurons scores each point; the loss is the mean hinge loss ``relu(1 - y * score)`` plus a
small L2 penalty on the weights, minimised by gradient descent with a decaying learning rate. At
the end we colour the plane by the model's decision and overlay the data.

Run: python examples/07_two_moons.py      (figure: examples/out/07_decision_boundary.png)
"""

from __future__ import annotations

import sys
import time

import matplotlib.pyplot as plt
import numpy as np
from _common import QUICK, save_figure

from minitorch_scalar import Value
from minitorch_scalar.nn import MLP

SAMPLES = 60 if QUICK else 100
STEPS = 8 if QUICK else 40
GRID = 25 if QUICK else 60
ALPHA = 1e-4


def make_moons(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points on two interleaving half circles with Gaussian noise; labels -1 (upper) and +1 (lower)."""
    rng = np.random.default_rng(seed)
    n_upper = n // 2
    t_upper = np.linspace(0, np.pi, n_upper)
    t_lower = np.linspace(0, np.pi, n - n_upper)
    upper = np.stack([np.cos(t_upper), np.sin(t_upper)], axis=1)
    lower = np.stack([1 - np.cos(t_lower), 0.5 - np.sin(t_lower)], axis=1)
    X = np.concatenate([upper, lower]) + rng.normal(scale=noise, size=(n, 2))
    y = np.concatenate([-np.ones(n_upper), np.ones(n - n_upper)])
    return X, y


def loss_and_accuracy(model: MLP, X: np.ndarray, y: np.ndarray) -> tuple[Value, float]:
    scores = [model([Value(float(a), requires_grad=False), Value(float(b), requires_grad=False)]) for a, b in X]
    hinge = [(1 - float(yi) * s).relu() for yi, s in zip(y, scores)]
    data_loss = sum(hinge, Value(0.0, requires_grad=False)) * (1.0 / len(hinge))
    reg = ALPHA * sum((p * p for p in model.parameters()), Value(0.0, requires_grad=False))
    accuracy = float(np.mean([(s.data > 0) == (yi > 0) for s, yi in zip(scores, y)]))
    return data_loss + reg, accuracy


def progress(step: int, total: int, loss: float, acc: float, start: float) -> None:
    """A text progress bar: redrawn in place on a terminal, a line every fifth of the way otherwise."""
    done = int(30 * step / total)
    bar = "#" * done + "-" * (30 - done)
    line = f"  [{bar}] step {step}/{total}  loss {loss:.4f}  accuracy {acc:.0%}  {time.time() - start:.1f}s"
    if sys.stdout.isatty():
        sys.stdout.write("\r" + line + ("\n" if step == total else ""))
        sys.stdout.flush()
    elif step == total or step % max(1, total // 5) == 0:
        print(line)


def main() -> None:
    X, y = make_moons(SAMPLES, noise=0.1, seed=0)
    model = MLP(2, [16, 16, 1], seed=0)
    print(f"{SAMPLES} points, {len(model.parameters())} parameters, {STEPS} steps")
    start = time.time()
    for k in range(STEPS):
        loss, acc = loss_and_accuracy(model, X, y)
        model.zero_grad()
        loss.backward()
        lr = 1.0 - 0.9 * k / STEPS
        for p in model.parameters():
            p.data -= lr * p.grad
        progress(k + 1, STEPS, loss.data, acc, start)
    loss, acc = loss_and_accuracy(model, X, y)
    print(f"final loss {loss.data:.4f}, accuracy {acc:.0%}")

    xs = np.linspace(X[:, 0].min() - 0.5, X[:, 0].max() + 0.5, GRID)
    ys = np.linspace(X[:, 1].min() - 0.5, X[:, 1].max() + 0.5, GRID)
    Z = np.array([[model([float(a), float(b)]).data for a in xs] for b in ys])
    fig, ax = plt.subplots(figsize=(6, 4.5))
    ax.contourf(xs, ys, Z > 0, cmap="coolwarm", alpha=0.35)
    ax.contour(xs, ys, Z, levels=[0.0], colors="black", linewidths=1)
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", edgecolors="black", s=25)
    ax.set_title(f"two moons: MLP(2, [16, 16, 1]), accuracy {acc:.0%}")
    save_figure(fig, "07_decision_boundary.png")


if __name__ == "__main__":
    main()
