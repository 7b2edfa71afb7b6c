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
from minitorch_scalar.nn.activation_extra import CELU, GLU, Hardshrink, RReLU, Softmax2d, Softshrink, Tanhshrink
from minitorch_scalar.nn.bilinear import Bilinear
from minitorch_scalar.nn.containers import ModuleDict, ModuleList, ParameterDict, ParameterList, Sequential
from minitorch_scalar.nn.conv import Conv1d, Conv2d
from minitorch_scalar.nn.conv_transpose import ConvTranspose1d, ConvTranspose2d
from minitorch_scalar.nn.distance import CosineSimilarity, PairwiseDistance
from minitorch_scalar.nn.dropout import Dropout, Dropout1d, Dropout2d
from minitorch_scalar.nn.dropout_extra import AlphaDropout, Dropout3d, FeatureAlphaDropout
from minitorch_scalar.nn.embedding_bag import EmbeddingBag
from minitorch_scalar.nn.flatten import Flatten, Identity, Unflatten
from minitorch_scalar.nn.fold import Fold, Unfold
from minitorch_scalar.nn.linear import Linear
from minitorch_scalar.nn.loss import (
    BCELoss,
    BCEWithLogitsLoss,
    CosineEmbeddingLoss,
    CrossEntropyLoss,
    CTCLoss,
    GaussianNLLLoss,
    HingeEmbeddingLoss,
    HuberLoss,
    KLDivLoss,
    L1Loss,
    MarginRankingLoss,
    MSELoss,
    MultiLabelMarginLoss,
    MultiLabelSoftMarginLoss,
    MultiMarginLoss,
    NLLLoss,
    PoissonNLLLoss,
    SmoothL1Loss,
    SoftMarginLoss,
    TripletMarginLoss,
    TripletMarginWithDistanceLoss,
)
from minitorch_scalar.nn.micro import MLP, Layer, MicroModule, Neuron
from minitorch_scalar.nn.module import Module
from minitorch_scalar.nn.multihead_attention import MultiheadAttention
from minitorch_scalar.nn.normalization import BatchNorm1d, BatchNorm2d, LayerNorm
from minitorch_scalar.nn.normalization_extra import (
    GroupNorm,
    InstanceNorm1d,
    InstanceNorm2d,
    LocalResponseNorm,
    RMSNorm,
)
from minitorch_scalar.nn.padding import (
    CircularPad1d,
    CircularPad2d,
    CircularPad3d,
    ConstantPad1d,
    ConstantPad2d,
    ConstantPad3d,
    ReflectionPad1d,
    ReflectionPad2d,
    ReflectionPad3d,
    ReplicationPad1d,
    ReplicationPad2d,
    ReplicationPad3d,
    ZeroPad1d,
    ZeroPad2d,
    ZeroPad3d,
)
from minitorch_scalar.nn.parameter import Parameter
from minitorch_scalar.nn.pooling import AdaptiveAvgPool2d, AvgPool2d, MaxPool1d, MaxPool2d
from minitorch_scalar.nn.pooling_extra import (
    AdaptiveAvgPool1d,
    AdaptiveMaxPool1d,
    AdaptiveMaxPool2d,
    AvgPool1d,
    LPPool1d,
    LPPool2d,
)
from minitorch_scalar.nn.rnn import GRU, LSTM, RNN, GRUCell, LSTMCell, RNNBase, RNNCell
from minitorch_scalar.nn.sparse import Embedding
from minitorch_scalar.nn.transformer import (
    Transformer,
    TransformerDecoder,
    TransformerDecoderLayer,
    TransformerEncoder,
    TransformerEncoderLayer,
)
from minitorch_scalar.nn.upsampling import (
    ChannelShuffle,
    PixelShuffle,
    PixelUnshuffle,
    Upsample,
    UpsamplingBilinear2d,
    UpsamplingNearest2d,
)

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
__all__ += [  # H4 losses
    "CosineEmbeddingLoss", "GaussianNLLLoss", "MultiLabelMarginLoss", "MultiLabelSoftMarginLoss", "MultiMarginLoss",
    "PoissonNLLLoss", "TripletMarginLoss", "TripletMarginWithDistanceLoss",
]
__all__ += ["CELU", "GLU", "Hardshrink", "RReLU", "Softmax2d", "Softshrink", "Tanhshrink"]
__all__ += ["ConvTranspose1d", "ConvTranspose2d"]
__all__ += [  # padding layers
    "CircularPad1d", "CircularPad2d", "CircularPad3d", "ConstantPad1d", "ConstantPad2d", "ConstantPad3d",
    "ReflectionPad1d", "ReflectionPad2d", "ReflectionPad3d", "ReplicationPad1d", "ReplicationPad2d",
    "ReplicationPad3d", "ZeroPad1d", "ZeroPad2d", "ZeroPad3d",
]
__all__ += ["GroupNorm", "InstanceNorm1d", "InstanceNorm2d", "LocalResponseNorm"]
__all__ += ["ChannelShuffle", "PixelShuffle", "PixelUnshuffle", "Upsample"]
__all__ += ["UpsamplingBilinear2d", "UpsamplingNearest2d"]
__all__ += ["AdaptiveAvgPool1d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "AvgPool1d"]
__all__ += ["Bilinear"]
__all__ += ["AlphaDropout", "Dropout3d", "FeatureAlphaDropout"]
__all__ += ["EmbeddingBag"]

__all__ += ["MultiheadAttention", "Transformer", "TransformerDecoder", "TransformerDecoderLayer"]
__all__ += ["TransformerEncoder", "TransformerEncoderLayer"]
__all__ += ["Fold", "Unfold"]

from minitorch_scalar.nn import modules  # noqa: E402 - torch.nn.modules (H1: re-exports the layers above)

__all__ += ["modules"]
__all__ += ["CTCLoss"]
__all__ += ["RMSNorm"]
__all__ += ["LPPool1d", "LPPool2d"]


def __getattr__(name: str) -> object:
    """A ``torch.nn`` name minitorch_scalar lacks: MissingTorchFeature naming it (an AttributeError too, so
    ``hasattr`` works); a name torch.nn does not have either: a plain AttributeError."""
    from minitorch_scalar.nn._torch_names import missing_feature

    raise missing_feature(__name__, "torch.nn", name)
