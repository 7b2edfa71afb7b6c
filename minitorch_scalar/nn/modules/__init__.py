"""``torch.nn.modules`` and its submodules (``torch.nn.modules.loss`` ...), for scripts that import from them.

The layers live in ``minitorch_scalar.nn``'s own files (``loss.py``, ``containers.py``, ...), laid out a
little differently from torch's; each submodule here re-exports, under torch's layout, the classes of
torch's file of that name that minitorch_scalar has (``_LAYOUT`` lists torch's classes per file).
"""

from __future__ import annotations

import functools
import sys
from typing import Any

import minitorch_scalar.nn as _nn

_LAYOUT: dict[str, tuple[str, ...]] = {
    "module": ("Module",),
    "linear": ("Bilinear", "Identity", "LazyLinear", "Linear", "NonDynamicallyQuantizableLinear"),
    "activation": (
        "CELU", "ELU", "GELU", "GLU", "Hardshrink", "Hardsigmoid", "Hardswish", "Hardtanh", "LeakyReLU", "LogSigmoid",
        "LogSoftmax", "Mish", "MultiheadAttention", "PReLU", "RReLU", "ReLU", "ReLU6", "SELU", "SiLU", "Sigmoid",
        "Softmax", "Softmax2d", "Softmin", "Softplus", "Softshrink", "Softsign", "Tanh", "Tanhshrink", "Threshold",
    ),
    "loss": (
        "BCELoss", "BCEWithLogitsLoss", "CTCLoss", "CosineEmbeddingLoss", "CrossEntropyLoss", "GaussianNLLLoss",
        "HingeEmbeddingLoss", "HuberLoss", "KLDivLoss", "L1Loss", "MSELoss", "MarginRankingLoss",
        "MultiLabelMarginLoss", "MultiLabelSoftMarginLoss", "MultiMarginLoss", "NLLLoss", "PoissonNLLLoss",
        "SmoothL1Loss", "SoftMarginLoss", "TripletMarginLoss", "TripletMarginWithDistanceLoss", "_Loss",
        "_WeightedLoss",
    ),
    "container": ("ModuleDict", "ModuleList", "ParameterDict", "ParameterList", "Sequential"),
    "conv": (
        "Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d", "_ConvNd",
        "_ConvTransposeNd",
    ),
    "batchnorm": ("BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "SyncBatchNorm", "_BatchNorm", "_NormBase"),
    "normalization": ("CrossMapLRN2d", "GroupNorm", "LayerNorm", "LocalResponseNorm", "RMSNorm"),
    "instancenorm": ("InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d", "_InstanceNorm"),
    "dropout": ("AlphaDropout", "Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "FeatureAlphaDropout", "_DropoutNd"),
    "rnn": ("GRU", "GRUCell", "LSTM", "LSTMCell", "RNN", "RNNBase", "RNNCell", "RNNCellBase"),
    "sparse": ("Embedding", "EmbeddingBag"),
    "pooling": (
        "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AdaptiveAvgPool3d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d",
        "AdaptiveMaxPool3d", "AvgPool1d", "AvgPool2d", "AvgPool3d", "LPPool1d", "LPPool2d", "MaxPool1d", "MaxPool2d",
        "MaxPool3d", "MaxUnpool1d", "MaxUnpool2d", "_MaxPoolNd",
    ),
    "flatten": ("Flatten", "Unflatten"),
    "padding": (
        "CircularPad1d", "CircularPad2d", "CircularPad3d", "ConstantPad1d", "ConstantPad2d", "ConstantPad3d",
        "ReflectionPad1d", "ReflectionPad2d", "ReflectionPad3d", "ReplicationPad1d", "ReplicationPad2d",
        "ReplicationPad3d", "ZeroPad1d", "ZeroPad2d", "ZeroPad3d",
    ),
    "distance": ("CosineSimilarity", "PairwiseDistance"),
    "pixelshuffle": ("PixelShuffle", "PixelUnshuffle"),
    "upsampling": ("Upsample", "UpsamplingBilinear2d", "UpsamplingNearest2d"),
    "fold": ("Fold", "Unfold"),
    "transformer": (
        "Transformer", "TransformerDecoder", "TransformerDecoderLayer", "TransformerEncoder", "TransformerEncoderLayer",
    ),
    "channelshuffle": ("ChannelShuffle",),
}


@functools.cache
def _our_classes() -> dict[str, Any]:
    """Every class defined in an (imported) file of ``minitorch_scalar.nn``, public or private, by name.

    ``nn/__init__.py`` imports this package last, so every file wired into ``nn`` is loaded by then.
    """
    found: dict[str, Any] = {}
    prefix = f"{_nn.__name__}."
    for name in sorted(sys.modules):
        source = sys.modules[name]
        if not name.startswith(prefix) or name.startswith(f"{__name__}") or name.endswith(".micro"):
            continue
        for attr, value in vars(source).items():
            if isinstance(value, type) and value.__module__ == name:
                found.setdefault(attr, value)
    return found


def collect(torch_file: str) -> dict[str, Any]:
    """The classes torch's ``torch.nn.modules.<torch_file>`` holds that minitorch_scalar has."""
    ours = _our_classes()
    return {name: ours[name] for name in _LAYOUT[torch_file] if name in ours}


_everything = {name: cls for file in _LAYOUT for name, cls in collect(file).items()}
globals().update(_everything)
__all__ = sorted(name for name in _everything if not name.startswith("_"))

# torch.nn.modules.<file> are attributes after ``import torch``; so are ours.
from minitorch_scalar.nn.modules import (  # noqa: E402, F401
    activation,
    batchnorm,
    channelshuffle,
    container,
    conv,
    distance,
    dropout,
    flatten,
    fold,
    instancenorm,
    linear,
    loss,
    module,
    normalization,
    padding,
    pixelshuffle,
    pooling,
    rnn,
    sparse,
    transformer,
    upsampling,
)

