"""Packed sequences: a batch of variable-length sequences stored without padding, as torch packs them.

For sequences sorted by decreasing length, step ``t`` of every sequence still running at ``t`` is stored
next to the others: ``data`` is ``[x_0[0], x_1[0], ..., x_0[1], x_1[1], ...]`` and ``batch_sizes[t]`` says
how many sequences run at step ``t``. ``sorted_indices`` records the sort (None when the batch was
already sorted) and ``unsorted_indices`` undoes it. ``pack_padded_sequence`` gathers ``data`` out of a
padded batch (one PackPaddedSequenceBackward0 node; its backward scatters the gradient back) and
``pad_packed_sequence`` spreads it out again. The public functions live in ``nn.utils.rnn``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from minitorch_scalar.autograd import record
from minitorch_scalar.dtypes import float32, float64, int64
from minitorch_scalar.tensor import Tensor, from_array, full


class _PackedFields(NamedTuple):
    data: Tensor
    batch_sizes: Tensor
    sorted_indices: Tensor | None
    unsorted_indices: Tensor | None


class PackedSequence(_PackedFields):
    """``(data, batch_sizes, sorted_indices, unsorted_indices)``; ``unsorted_indices`` is computed from
    ``sorted_indices`` when not given. Build it with ``pack_padded_sequence`` or ``pack_sequence``."""

    def __new__(
        cls,
        data: Tensor,
        batch_sizes: Tensor | None = None,
        sorted_indices: Tensor | None = None,
        unsorted_indices: Tensor | None = None,
    ) -> PackedSequence:
        if unsorted_indices is None and sorted_indices is not None:
            unsorted_indices = invert_permutation(sorted_indices)
        if batch_sizes is None:
            data, batch_sizes = data
        return super().__new__(cls, data, batch_sizes, sorted_indices, unsorted_indices)

    def to(self, *args: Any, **kwargs: Any) -> PackedSequence:
        """The same packing with ``data.to(...)`` (itself when nothing changes)."""
        data = self.data.to(*args, **kwargs)
        if data is self.data:
            return self
        return type(self)(data, self.batch_sizes, self.sorted_indices, self.unsorted_indices)

    def cpu(self) -> PackedSequence:
        """Itself: everything already lives on the CPU."""
        return self

    def float(self) -> PackedSequence:
        """``data`` as float32."""
        return self.to(dtype=float32)

    def double(self) -> PackedSequence:
        """``data`` as float64."""
        return self.to(dtype=float64)

    @property
    def is_cuda(self) -> bool:
        """Always False (CPU only)."""
        return False

    def is_pinned(self) -> bool:
        """Always False."""
        return False


def invert_permutation(permutation: Tensor) -> Tensor:
    """``inverse[permutation[i]] = i``."""
    inverse = np.empty_like(permutation._data)
    inverse[permutation._data] = np.arange(permutation._data.shape[0], dtype=inverse.dtype)
    return from_array(inverse)


def packed_positions(batch_sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``data``: its time step and its (sorted) batch index."""
    steps = np.repeat(np.arange(batch_sizes.shape[0]), batch_sizes)
    rows = np.concatenate([np.arange(b) for b in batch_sizes]) if batch_sizes.size else np.zeros(0, np.int64)
    return steps, rows


def _pack_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """The gradient of a gather: scattered back to the padded positions (zeros elsewhere)."""
    shape, dt, index = saved
    return (m.index_grad(g, shape, dt, index, True),)


def pack(padded: Tensor, batch_sizes: np.ndarray, batch_first: bool) -> Tensor:
    """``data``: the rows of a sorted padded batch that hold real steps, step by step."""
    steps, rows = packed_positions(batch_sizes)
    index = (rows, steps) if batch_first else (steps, rows)
    out = np.ascontiguousarray(padded._data[index])
    dt = np.dtype(padded._data.dtype)
    return record("PackPaddedSequenceBackward0", out, (padded,), (tuple(padded.shape), dt, index), _pack_backward)


def unpack(data: Tensor, batch_sizes: np.ndarray, length: int, padding_value: float) -> Tensor:
    """The padded ``(length, N, *)`` batch (sorted order) holding ``data``, ``padding_value`` elsewhere."""
    steps, rows = packed_positions(batch_sizes)
    batch = int(batch_sizes[0]) if batch_sizes.size else 0
    out = full((length, batch, *data.shape[1:]), padding_value, dtype=data.dtype)
    out[steps, rows] = data
    return out


def lengths_of(batch_sizes: np.ndarray) -> np.ndarray:
    """Each sorted sequence's length: how many steps have more than ``i`` sequences running."""
    batch = int(batch_sizes[0]) if batch_sizes.size else 0
    return (batch_sizes[None, :] > np.arange(batch)[:, None]).sum(axis=1).astype(np.int64)


def batch_sizes_of(lengths: np.ndarray) -> np.ndarray:
    """``batch_sizes[t]`` = how many of the (sorted) lengths exceed ``t``."""
    longest = int(lengths.max()) if lengths.size else 0
    return (lengths[None, :] > np.arange(longest)[:, None]).sum(axis=1).astype(np.int64)


def as_lengths(lengths: Tensor | Sequence[int]) -> np.ndarray:
    """``lengths`` (list or tensor of any numeric dtype) as int64, as torch converts them."""
    values = lengths._data if isinstance(lengths, Tensor) else np.asarray(lengths)
    return np.asarray(values).astype(np.int64).reshape(-1)


def int64_tensor(values: np.ndarray) -> Tensor:
    """An int64 tensor (batch sizes, lengths, indices)."""
    return from_array(np.ascontiguousarray(values, dtype=int64.np))
