"""The lecture's ``Neuron``, ``Layer`` and ``MLP``, built from :class:`~minitorch_scalar.Value`.

They keep the lecture's calling convention: call them on a list of floats or Values; a layer or MLP
with one output returns a Value, otherwise a list of Values. Weights and biases are drawn from
``uniform(-1, 1)`` in the lecture's order (each neuron's weights, then its bias), from Python's
``random`` module (so ``random.seed`` works as in the lecture) or, with ``seed=``, from a private
``random.Random(seed)``.

The Tensor engine's counterparts are ``nn.Linear`` (a Layer's weights as one matrix) plus an
activation module, stacked in ``nn.Sequential`` (an MLP).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from minitorch_scalar.value import Value

ACTIVATIONS = ("tanh", "relu", "linear")
Output = Value | list[Value]


def _rng(seed: Any) -> Any:
    """Python's ``random`` module for None, a private generator for an int; generators pass through."""
    if seed is None:
        return random
    if isinstance(seed, int):
        return random.Random(seed)
    return seed


class MicroModule:
    """What Neuron, Layer and MLP share: ``parameters()`` and ``zero_grad()``."""

    def parameters(self) -> list[Value]:
        """Every trainable Value, in a fixed order."""
        return []

    def zero_grad(self) -> None:
        """Set every parameter's ``grad`` to 0.0."""
        for p in self.parameters():
            p.grad = 0.0


class Neuron(MicroModule):
    """One neuron: ``activation(sum_i w_i * x_i + b)``.

    Args:
        nin: number of inputs.
        activation: ``'tanh'`` (the lecture's), ``'relu'`` or ``'linear'``.
        seed: an int or ``random.Random`` for reproducible weights; default Python's ``random``.
    """

    def __init__(self, nin: int, activation: str = "tanh", seed: int | random.Random | None = None) -> None:
        if not isinstance(nin, int) or isinstance(nin, bool) or nin < 1:
            raise ValueError(f"Neuron(nin) needs a positive int number of inputs, got {nin!r}")
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
        rng = _rng(seed)
        self.w = [Value(rng.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(rng.uniform(-1, 1))
        self.activation = activation

    def __call__(self, x: Sequence[Any]) -> Value:
        if len(x) != len(self.w):
            raise ValueError(f"Neuron expects {len(self.w)} inputs, got {len(x)}")
        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
        if self.activation == "tanh":
            return act.tanh()
        if self.activation == "relu":
            return act.relu()
        return act

    def parameters(self) -> list[Value]:
        """The weights, then the bias."""
        return self.w + [self.b]

    def __repr__(self) -> str:
        return f"{self.activation.capitalize()}Neuron({len(self.w)})"


class Layer(MicroModule):
    """``nout`` neurons reading the same ``nin`` inputs.

    Args:
        nin: number of inputs.
        nout: number of neurons (outputs).
        activation: passed to every Neuron.
        seed: an int or ``random.Random`` for reproducible weights.
    """

    def __init__(self, nin: int, nout: int, activation: str = "tanh", seed: int | random.Random | None = None) -> None:
        if not isinstance(nout, int) or isinstance(nout, bool) or nout < 1:
            raise ValueError(f"Layer(nout) needs a positive int number of outputs, got {nout!r}")
        rng = _rng(seed)
        self.neurons = [Neuron(nin, activation=activation, seed=rng) for _ in range(nout)]

    def __call__(self, x: Sequence[Any]) -> Output:
        outs = [n(x) for n in self.neurons]
        return outs[0] if len(outs) == 1 else outs

    def parameters(self) -> list[Value]:
        """Every neuron's parameters, neuron by neuron."""
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self) -> str:
        return f"Layer of [{', '.join(str(n) for n in self.neurons)}]"


class MLP(MicroModule):
    """Layers of sizes ``nin -> nouts[0] -> ... -> nouts[-1]``, every layer with the same activation.

    Args:
        nin: number of inputs.
        nouts: the size of each layer.
        activation: passed to every Layer (the lecture uses tanh throughout).
        seed: an int or ``random.Random`` for reproducible weights.
    """

    def __init__(
        self, nin: int, nouts: Sequence[int], activation: str = "tanh", seed: int | random.Random | None = None
    ) -> None:
        rng = _rng(seed)
        sizes = [nin] + list(nouts)
        self.layers = [Layer(sizes[i], sizes[i + 1], activation=activation, seed=rng) for i in range(len(nouts))]

    def __call__(self, x: Sequence[Any]) -> Output:
        out: Any = x
        for layer in self.layers:
            out = layer(out)
            if isinstance(out, Value):
                out = [out]
        return out[0] if len(out) == 1 else out

    def parameters(self) -> list[Value]:
        """Every layer's parameters, layer by layer."""
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self) -> str:
        return f"MLP of [{', '.join(str(layer) for layer in self.layers)}]"
