"""Neural-network building blocks: the lecture's Value-based Neuron/Layer/MLP, and torch.nn on the Tensor engine."""

from minitorch_scalar.nn import functional, init, utils
from minitorch_scalar.nn.activation import (
    ELU,
    GELU,
    SELU,
    Hardsigmoid,
    Hardswish,
    Hardtanh,
    LeakyReLU,
    LogSigmoid,
    LogSoftmax,
    Mish,
    PReLU,
    ReLU,
    ReLU6,
    Sigmoid,
    SiLU,
    Softmax,
    Softmin,
    Softplus,
    Softsign,
    Tanh,
    Threshold,
)
from minitorch_scalar.nn.containers import ModuleDict, ModuleList, ParameterDict, ParameterList, Sequential
from minitorch_scalar.nn.conv import Conv1d, Conv2d
from minitorch_scalar.nn.distance import CosineSimilarity, PairwiseDistance
from minitorch_scalar.nn.dropout import Dropout, Dropout1d, Dropout2d
from minitorch_scalar.nn.flatten import Flatten, Identity, Unflatten
from minitorch_scalar.nn.linear import Linear
from minitorch_scalar.nn.loss import (
    BCELoss,
    BCEWithLogitsLoss,
    CrossEntropyLoss,
    HingeEmbeddingLoss,
    HuberLoss,
    KLDivLoss,
    L1Loss,
    MarginRankingLoss,
    MSELoss,
    NLLLoss,
    SmoothL1Loss,
    SoftMarginLoss,
)
from minitorch_scalar.nn.micro import MLP, Layer, MicroModule, Neuron
from minitorch_scalar.nn.module import Module
from minitorch_scalar.nn.normalization import BatchNorm1d, BatchNorm2d, LayerNorm
from minitorch_scalar.nn.parameter import Parameter
from minitorch_scalar.nn.pooling import AdaptiveAvgPool2d, AvgPool2d, MaxPool1d, MaxPool2d
from minitorch_scalar.nn.rnn import GRU, LSTM, RNN, GRUCell, LSTMCell, RNNBase, RNNCell
from minitorch_scalar.nn.sparse import Embedding

__all__ = ["MLP", "Layer", "MicroModule", "Neuron"]
__all__ += [  # torch.nn on the Tensor engine
    "BCELoss", "BCEWithLogitsLoss", "CrossEntropyLoss", "Dropout", "Flatten", "GELU", "HuberLoss", "Identity",
    "L1Loss", "LeakyReLU", "Linear", "LogSoftmax", "MSELoss", "Module", "ModuleDict", "ModuleList", "NLLLoss",
    "Parameter", "ParameterList", "ReLU", "Sequential", "Sigmoid", "SmoothL1Loss", "Softmax", "Tanh", "functional",
    "init", "utils",
]
__all__ += ["BatchNorm1d", "BatchNorm2d", "Embedding", "LayerNorm"]
__all__ += [
    "ELU", "Hardsigmoid", "Hardswish", "Hardtanh", "LogSigmoid", "Mish", "PReLU", "ReLU6", "SELU", "SiLU", "Softmin",
    "Softplus", "Softsign", "Threshold",
]
__all__ += ["CosineSimilarity", "KLDivLoss", "PairwiseDistance", "ParameterDict", "Unflatten"]
__all__ += ["Conv1d", "Conv2d", "MaxPool1d", "MaxPool2d"]
__all__ += ["AdaptiveAvgPool2d", "AvgPool2d", "Dropout1d", "Dropout2d"]
__all__ += ["GRU", "GRUCell", "LSTM", "LSTMCell", "RNN", "RNNBase", "RNNCell"]
__all__ += ["HingeEmbeddingLoss", "MarginRankingLoss", "SoftMarginLoss"]
