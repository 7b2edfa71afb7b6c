"""The benchmark workloads, written once and run on every engine.

* W1: the lecture's 2-16-16-1 tanh MLP on two-moons, sum of squared errors, one SGD step
  (forward + backward + update) on scalar graphs.
* W2: a deep chain, ``x = x * 1.0001 + 0.0001`` repeated, then backward.
* W3: the same MLP as a tensor program (Linear/Tanh, MSELoss, SGD), small and large.
* W4: memory: bytes per binary-op node and the peak memory of one W1 step.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

SIZES = (2, 16, 16, 1)
LR = 0.01
CHAIN_MUL = 1.0001
CHAIN_ADD = 0.0001


def make_moons(n: int, seed: int = 0, noise: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles: ``n`` points of shape (n, 2) and labels in {-1, +1}.

    The outer moon is ``(cos t, sin t)``, the inner one ``(1 - cos t, 0.5 - sin t)``, t uniform
    in [0, pi], plus Gaussian noise; drawn from ``numpy.random.default_rng(seed)``.
    """
    rng = np.random.default_rng(seed)
    n_outer = n // 2
    t = rng.uniform(0.0, np.pi, size=n)
    outer = np.stack([np.cos(t[:n_outer]), np.sin(t[:n_outer])], axis=1)
    inner = np.stack([1.0 - np.cos(t[n_outer:]), 0.5 - np.sin(t[n_outer:])], axis=1)
    X = np.concatenate([outer, inner]) + rng.normal(0.0, noise, size=(n, 2))
    y = np.concatenate([np.ones(n_outer), -np.ones(n - n_outer)])
    return X, y


def init_weights(sizes: Sequence[int] = SIZES, seed: int = 1) -> list[list[list[float]]]:
    """Weights as plain floats: ``layers[l][neuron] = [w_0, ..., w_{nin-1}, bias]``, uniform(-1, 1)."""
    rng = random.Random(seed)
    return [
        [[rng.uniform(-1.0, 1.0) for _ in range(nin + 1)] for _ in range(nout)]
        for nin, nout in zip(sizes[:-1], sizes[1:])
    ]


def mlp_forward(layers: Sequence[Sequence[Sequence[Any]]], x: Sequence[Any]) -> Any:
    """The lecture's MLP forward on any scalar type: ``tanh(sum_i w_i * x_i + b)`` per neuron."""
    out: Sequence[Any] = x
    for layer in layers:
        out = [sum((wi * xi for wi, xi in zip(neuron[:-1], out)), neuron[-1]).tanh() for neuron in layer]
    return out[0]


def sse_loss(layers: Sequence[Sequence[Sequence[Any]]], X: Sequence[Sequence[float]], y: Sequence[float]) -> Any:
    """The lecture's loss: ``sum((y_pred - y_true) ** 2)`` over the data set."""
    return sum((mlp_forward(layers, x) - yt) ** 2 for x, yt in zip(X, y))


def flat(layers: Sequence[Sequence[Sequence[Any]]]) -> list[Any]:
    """Every parameter, layer by layer and neuron by neuron."""
    return [p for layer in layers for neuron in layer for p in neuron]


def scalar_params(make: Callable[[float], Any], weights: list[list[list[float]]]) -> list[list[list[Any]]]:
    """The float weights as scalars of one engine (``make`` builds one from a float)."""
    return [[[make(w) for w in neuron] for neuron in layer] for layer in weights]


def scalar_step(layers: Any, params: list[Any], X: list[list[float]], y: list[float]) -> float:
    """One W1 step on a lecture-style engine (Value or the lecture baseline): zero, forward, backward, SGD."""
    for p in params:
        p.grad = 0.0
    loss = sse_loss(layers, X, y)
    loss.backward()
    for p in params:
        p.data -= LR * p.grad
    return float(loss.data)


def chain(x: Any, n: int) -> Any:
    """W2's forward: ``x = x * 1.0001 + 0.0001``, ``n`` times."""
    for _ in range(n):
        x = x * CHAIN_MUL + CHAIN_ADD
    return x
