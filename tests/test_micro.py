"""The lecture's Neuron, Layer and MLP."""

from __future__ import annotations

import random

import pytest

from minitorch_scalar import Value
from minitorch_scalar.nn import MLP, Layer, Neuron

XS = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
YS = [1.0, -1.0, -1.0, 1.0]


def test_neuron_computes_tanh_of_affine() -> None:
    n = Neuron(2, seed=0)
    x = [0.5, -1.5]
    out = n(x)
    expected = sum(w.data * xi for w, xi in zip(n.w, x)) + n.b.data
    import math

    assert out.data == pytest.approx(math.tanh(expected))
    assert len(n.parameters()) == 3


@pytest.mark.parametrize("activation,check", [("relu", lambda v: v >= 0), ("linear", lambda v: True)])
def test_other_activations(activation: str, check) -> None:  # type: ignore[no-untyped-def]
    n = Neuron(3, activation=activation, seed=1)
    out = n([1.0, -2.0, 0.5])
    assert check(out.data)
    assert out._op == ("ReLU" if activation == "relu" else "+")


def test_layer_and_mlp_output_shapes() -> None:
    x = [2.0, 3.0, -1.0]
    assert len(Layer(3, 4, seed=0)(x)) == 4
    assert isinstance(Layer(3, 1, seed=0)(x), Value)
    assert isinstance(MLP(3, [4, 4, 1], seed=0)(x), Value)
    assert len(MLP(3, [4, 2], seed=0)(x)) == 2
    assert len(MLP(3, [4, 4, 1]).parameters()) == 4 * 4 + 4 * 5 + 5


def test_seed_reproduces_and_random_seed_works() -> None:
    a = MLP(3, [4, 1], seed=7)
    b = MLP(3, [4, 1], seed=7)
    assert [p.data for p in a.parameters()] == [p.data for p in b.parameters()]
    random.seed(42)
    c = MLP(3, [4, 1])
    random.seed(42)
    d = MLP(3, [4, 1])
    assert [p.data for p in c.parameters()] == [p.data for p in d.parameters()]


def test_init_order_matches_the_lecture() -> None:
    """Each neuron draws its weights, then its bias, from uniform(-1, 1)."""
    n = Neuron(3, seed=3)
    rng = random.Random(3)
    assert [p.data for p in n.parameters()] == [rng.uniform(-1, 1) for _ in range(4)]


def test_training_loop_of_the_lecture_reduces_the_loss() -> None:
    model = MLP(3, [4, 4, 1], seed=0)
    losses = []
    for _ in range(20):
        ypred = [model(x) for x in XS]
        loss = sum((yout - ygt) ** 2 for ygt, yout in zip(YS, ypred))
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data += -0.05 * p.grad
        losses.append(loss.data)
    assert losses[-1] < losses[0] * 0.5
    assert all(p.grad != 0.0 for p in model.parameters()[:3])


def test_zero_grad() -> None:
    model = MLP(2, [3, 1], seed=0)
    model([1.0, 2.0]).backward()
    assert any(p.grad != 0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_reprs() -> None:
    assert repr(Neuron(2, seed=0)) == "TanhNeuron(2)"
    assert repr(Layer(2, 2, seed=0)) == "Layer of [TanhNeuron(2), TanhNeuron(2)]"
    assert repr(MLP(1, [1], activation="relu", seed=0)) == "MLP of [Layer of [ReluNeuron(1)]]"


@pytest.mark.parametrize("bad", [0, -1, 2.5, True])
def test_bad_sizes(bad: object) -> None:
    with pytest.raises(ValueError):
        Neuron(bad)  # type: ignore[arg-type]


def test_bad_activation_and_input_length() -> None:
    with pytest.raises(ValueError, match="activation"):
        Neuron(2, activation="softplus")
    with pytest.raises(ValueError, match="expects 2 inputs, got 3"):
        Neuron(2, seed=0)([1.0, 2.0, 3.0])
