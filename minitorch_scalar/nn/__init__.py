"""Neural-network building blocks: the lecture's Value-based Neuron/Layer/MLP, and torch.nn on the Tensor engine."""

from minitorch_scalar.nn import functional, init, utils
from minitorch_scalar.nn.activation import GELU, LeakyReLU, LogSoftmax, ReLU, Sigmoid, Softmax, Tanh
from minitorch_scalar.nn.containers import ModuleDict, ModuleList, ParameterList, Sequential
from minitorch_scalar.nn.dropout import Dropout
from minitorch_scalar.nn.flatten import Flatten, Identity
from minitorch_scalar.nn.linear import Linear
from minitorch_scalar.nn.loss import (
    BCELoss,
    BCEWithLogitsLoss,
    CrossEntropyLoss,
    HuberLoss,
    L1Loss,
    MSELoss,
    NLLLoss,
    SmoothL1Loss,
)
from minitorch_scalar.nn.micro import MLP, Layer, MicroModule, Neuron
from minitorch_scalar.nn.module import Module
from minitorch_scalar.nn.parameter import Parameter

__all__ = ["MLP", "Layer", "MicroModule", "Neuron"]
__all__ += [  # torch.nn on the Tensor engine
    "BCELoss", "BCEWithLogitsLoss", "CrossEntropyLoss", "Dropout", "Flatten", "GELU", "HuberLoss", "Identity",
    "L1Loss", "LeakyReLU", "Linear", "LogSoftmax", "MSELoss", "Module", "ModuleDict", "ModuleList", "NLLLoss",
    "Parameter", "ParameterList", "ReLU", "Sequential", "Sigmoid", "SmoothL1Loss", "Softmax", "Tanh", "functional",
    "init", "utils",
]
