"""``nn.Embedding``: a lookup table of learned vectors, one row per token id."""

from __future__ import annotations

import numpy as np

from minitorch_scalar.autograd import no_grad
from minitorch_scalar.device import check_device
from minitorch_scalar.dtypes import dtype, get_default_dtype
from minitorch_scalar.nn import functional as F
from minitorch_scalar.nn import init
from minitorch_scalar.nn.module import Module
from minitorch_scalar.nn.parameter import Parameter
from minitorch_scalar.tensor import Tensor, from_array


class Embedding(Module):
    """``out[..., :] = weight[input[...], :]`` with ``weight`` of shape ``(num_embeddings, embedding_dim)``.

    Equivalent to ``one_hot(input) @ weight`` without building the one-hot matrix: row ``i``'s gradient is
    the sum of the upstream gradients at every position holding id ``i``. Initialised as torch does,
    ``weight ~ N(0, 1)`` from the shared generator (then the ``padding_idx`` row set to 0), so after
    ``manual_seed(s)`` the table is torch's.

    Args:
        num_embeddings: the number of rows (the vocabulary size).
        embedding_dim: the length of each vector.
        padding_idx: a row kept at its value (zeros at init) that receives no gradient; negative counts
            from the end.
        max_norm: rows looked up whose ``norm_type``-norm exceeds it are rescaled in place to this norm.
        norm_type: the p of the p-norm for ``max_norm``.
        scale_grad_by_freq: divide each row's gradient by its id's count in the batch.
        sparse: must be False (there are no sparse tensors here).
        _weight: an initial table to use instead of a random one.
        _freeze: with ``_weight``, make the table not trainable.
        device: ``None`` or the CPU.
        dtype: the table's dtype (default float32).

    Raises:
        AssertionError: for ``padding_idx`` outside the table, or a ``_weight`` of the wrong shape (as torch).
    """

    def __init__(
        self,
        num_embeddings: int,
        embedding_dim: int,
        padding_idx: int | None = None,
        max_norm: float | None = None,
        norm_type: float = 2.0,
        scale_grad_by_freq: bool = False,
        sparse: bool = False,
        _weight: Tensor | None = None,
        _freeze: bool = False,
        device: object = None,
        dtype: dtype | None = None,
    ) -> None:
        super().__init__()
        if device is not None:
            check_device(device)
        self.num_embeddings = num_embeddings
        self.embedding_dim = embedding_dim
        if padding_idx is not None:
            if not -num_embeddings <= padding_idx < num_embeddings:
                raise AssertionError("Padding_idx must be within num_embeddings")
            if padding_idx < 0:
                padding_idx += num_embeddings
        self.padding_idx = padding_idx
        self.max_norm = max_norm
        self.norm_type = norm_type
        self.scale_grad_by_freq = scale_grad_by_freq
        self.sparse = sparse
        if _weight is None:
            np_dtype = (dtype or get_default_dtype()).np
            self.weight = Parameter(from_array(np.empty((num_embeddings, embedding_dim), np_dtype)))
            self.reset_parameters()
        else:
            if tuple(_weight.shape) != (num_embeddings, embedding_dim):
                raise AssertionError("Shape of weight does not match num_embeddings and embedding_dim")
            self.weight = Parameter(_weight, requires_grad=not _freeze)

    def reset_parameters(self) -> None:
        """``weight ~ N(0, 1)``, then the ``padding_idx`` row set to zeros."""
        init.normal_(self.weight)
        self._fill_padding_idx_with_zero()

    def _fill_padding_idx_with_zero(self) -> None:
        if self.padding_idx is not None:
            with no_grad():
                self.weight[self.padding_idx].fill_(0)

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002 - torch's argument name
        return F.embedding(
            input, self.weight, self.padding_idx, self.max_norm, self.norm_type, self.scale_grad_by_freq, self.sparse
        )

    def extra_repr(self) -> str:
        text = f"{self.num_embeddings}, {self.embedding_dim}"
        if self.padding_idx is not None:
            text += f", padding_idx={self.padding_idx}"
        if self.max_norm is not None:
            text += f", max_norm={self.max_norm}"
        if self.norm_type != 2:
            text += f", norm_type={self.norm_type}"
        if self.scale_grad_by_freq:
            text += ", scale_grad_by_freq=True"
        if self.sparse:
            text += ", sparse=True"
        return text

    @classmethod
    def from_pretrained(
        cls,
        embeddings: Tensor,
        freeze: bool = True,
        padding_idx: int | None = None,
        max_norm: float | None = None,
        norm_type: float = 2.0,
        scale_grad_by_freq: bool = False,
        sparse: bool = False,
    ) -> Embedding:
        """An Embedding whose table is ``embeddings`` (2-D); ``freeze`` makes it not trainable.

        Raises:
            AssertionError: for a table that is not 2-D (torch's message).
        """
        if embeddings.dim() != 2:
            raise AssertionError("Embeddings parameter is expected to be 2-dimensional")
        rows, cols = embeddings.shape
        return cls(
            rows,
            cols,
            padding_idx=padding_idx,
            max_norm=max_norm,
            norm_type=norm_type,
            scale_grad_by_freq=scale_grad_by_freq,
            sparse=sparse,
            _weight=embeddings,
            _freeze=freeze,
        )
