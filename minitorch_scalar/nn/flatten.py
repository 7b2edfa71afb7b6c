"""``nn.Flatten``, ``nn.Unflatten`` and ``nn.Identity``: shape plumbing without parameters."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from minitorch_scalar.nn.module import Module
from minitorch_scalar.tensor import Tensor


class Flatten(Module):
    """Merge dimensions ``start_dim..end_dim`` into one (``Tensor.flatten``); batch dim kept by default."""

    def __init__(self, start_dim: int = 1, end_dim: int = -1) -> None:
        super().__init__()
        self.start_dim = start_dim
        self.end_dim = end_dim

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002 - torch's argument name
        return input.flatten(self.start_dim, self.end_dim)

    def extra_repr(self) -> str:
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"


class Identity(Module):
    """Returns its input unchanged (any constructor arguments are ignored, as in torch)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__()

    def forward(self, input: Any) -> Any:  # noqa: A002
        return input


class Unflatten(Module):
    """Split dimension ``dim`` into ``unflattened_size`` (a view; one entry may be -1): the inverse of Flatten.

    Raises:
        TypeError: when ``unflattened_size`` is not a tuple/list of ints (torch's messages).
    """

    def __init__(self, dim: int, unflattened_size: Sequence[int]) -> None:
        super().__init__()
        if not isinstance(unflattened_size, (tuple, list)):
            raise TypeError(
                f"unflattened_size must be a tuple of ints, but found type {type(unflattened_size).__name__}"
            )
        for pos, size in enumerate(unflattened_size):
            if not isinstance(size, int):
                raise TypeError(
                    f"unflattened_size must be tuple of ints, but found element of type {type(size).__name__} "
                    f"at pos {pos}"
                )
        self.dim = dim
        self.unflattened_size = unflattened_size

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        """``input.view`` with dimension ``dim`` replaced by ``unflattened_size``.

        Raises:
            RuntimeError: when the sizes do not multiply to the dimension's size (torch's message).
        """
        shape = list(input.shape)
        dim = self.dim % len(shape) if shape else self.dim
        sizes = list(self.unflattened_size)
        known = math.prod(s for s in sizes if s != -1)
        if (-1 not in sizes and known != shape[dim]) or (-1 in sizes and (known == 0 or shape[dim] % known)):
            raise RuntimeError(
                f"unflatten: Provided sizes {sizes} don't multiply up to the size of dim {self.dim} ({shape[dim]}) "
                "in the input tensor"
            )
        return input.view(*shape[:dim], *sizes, *shape[dim + 1 :])

    def extra_repr(self) -> str:
        return f"dim={self.dim}, unflattened_size={self.unflattened_size}"
