"""Neural-network building blocks: the lecture's Value-based Neuron/Layer/MLP."""

from minitorch_scalar.nn.micro import MLP, Layer, MicroModule, Neuron

__all__ = ["MLP", "Layer", "MicroModule", "Neuron"]
