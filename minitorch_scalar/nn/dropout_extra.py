"""More dropout layers: ``Dropout3d``, ``AlphaDropout``, ``FeatureAlphaDropout``.

All draw their masks from the shared generator as torch does (``bernoulli_(1 - p)``), so after
``manual_seed`` the dropped units are torch's; all are the identity in eval mode.
"""

from __future__ import annotations

from minitorch_scalar.nn import functional as F
from minitorch_scalar.nn.dropout import Dropout
from minitorch_scalar.tensor import Tensor


class Dropout3d(Dropout):
    """In training mode, zero whole channels of ``(N, C, D, H, W)`` / ``(C, D, H, W)`` input with probability
    ``p`` (scaling the rest by ``1 / (1 - p)``)."""

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002 - torch's argument name
        return F.dropout3d(input, self.p, self.training, self.inplace)


class AlphaDropout(Dropout):
    """Dropout for SELU networks: dropped units are set to SELU's negative saturation value and the result
    is rescaled so the mean and variance are kept."""

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.alpha_dropout(input, self.p, self.training)


class FeatureAlphaDropout(Dropout):
    """Alpha dropout of whole channels (one draw per sample and channel)."""

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.feature_alpha_dropout(input, self.p, self.training)
