"""``torch.nn.utils.rnn``: batching variable-length sequences.

``pad_sequence`` stacks sequences of different lengths into one tensor, filling the missing steps with
``padding_value``. ``pack_padded_sequence`` / ``pack_sequence`` store such a batch without the padding as
a ``PackedSequence`` (see ``nn/_packing.py``), which RNN/LSTM/GRU accept; ``pad_packed_sequence`` turns
one back into a padded tensor plus the lengths.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from minitorch_scalar.nn import _packing
from minitorch_scalar.nn._packing import PackedSequence, invert_permutation
from minitorch_scalar.tensor import Tensor, full


def pad_sequence(
    sequences: Tensor | Iterable[Tensor],
    batch_first: bool = False,
    padding_value: float = 0.0,
    padding_side: str = "right",
) -> Tensor:
    """Pad sequences of shapes ``(L_i, *)`` to ``(L_max, B, *)`` (``(B, L_max, *)`` with ``batch_first``).

    ``out[t, i] = sequences[i][t]`` for ``t < L_i`` (shifted by ``L_max - L_i`` with ``padding_side='left'``),
    ``padding_value`` elsewhere. The result is built by slice assignment, so its grad_fn is CopySlices and
    the gradient of each sequence is the matching slice of the upstream gradient.

    Raises:
        RuntimeError: for an empty list, an unknown ``padding_side``, or trailing shapes that differ
            (torch's messages).
    """
    if padding_side not in ("left", "right"):
        raise RuntimeError(f"Expected padding_side to be one of left or right, but got {padding_side}.")
    seqs = list(sequences)
    if not seqs:
        raise RuntimeError("received an empty list of sequences")
    first = seqs[0]
    longest = max(s.shape[0] for s in seqs)
    lead = (len(seqs), longest) if batch_first else (longest, len(seqs))
    out = full((*lead, *first.shape[1:]), padding_value, dtype=first.dtype)
    for i, seq in enumerate(seqs):
        n = seq.shape[0]
        _check_trailing(seq, n, tuple(first.shape[1:]))
        steps = slice(longest - n, longest) if padding_side == "left" else slice(0, n)
        if batch_first:
            out[i, steps] = seq
        else:
            out[steps, i] = seq
    return out


def _check_trailing(seq: Tensor, n: int, trailing: tuple[int, ...]) -> None:
    """torch's error when a sequence's trailing dims differ from the first sequence's."""
    if tuple(seq.shape[1:]) == trailing:
        return
    target = [n, *trailing]
    try:
        wide = list(np.broadcast_shapes(tuple(target), tuple(seq.shape)))
    except ValueError:
        wide = list(seq.shape)
    raise RuntimeError(f"output with shape {target} doesn't match the broadcast shape {wide}")


_UNSORTED = (
    "`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass "
    "`enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do "
    "not need ONNX exportability."
)


def pack_padded_sequence(
    input: Tensor,  # noqa: A002 - torch's argument name
    lengths: Tensor | Sequence[int],
    batch_first: bool = False,
    enforce_sorted: bool = True,
) -> PackedSequence:
    """Pack a padded batch ``(T, B, *)`` (``(B, T, *)`` with ``batch_first``) whose sequence ``i`` has
    ``lengths[i]`` real steps. With ``enforce_sorted=False`` the batch is first sorted by decreasing length
    (``index_select``) and the permutation kept in ``sorted_indices``.

    Raises:
        RuntimeError: for unsorted lengths with ``enforce_sorted``, a length that is not positive, more
            or fewer lengths than sequences, or a length longer than the padded batch (torch's messages
            for the first three).
    """
    sizes = _packing.as_lengths(lengths)
    sorted_indices = None
    if not enforce_sorted:
        order = np.argsort(-sizes, kind="stable")
        sorted_indices = _packing.int64_tensor(order)
        input = input.index_select(0 if batch_first else 1, sorted_indices)
        sizes = sizes[order]
    elif np.any(sizes[:-1] < sizes[1:]):
        raise RuntimeError(_UNSORTED)
    batch, steps = (input.shape[0], input.shape[1]) if batch_first else (input.shape[1], input.shape[0])
    if sizes.shape[0] != batch:
        raise RuntimeError(f"Expected `len(lengths)` to be equal to batch_size, but got {sizes.shape[0]} "
                           f"(batch_size={batch})")
    if sizes.size and sizes.min() <= 0:
        raise RuntimeError(
            "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0"
        )
    if sizes.size and sizes.max() > steps:
        raise RuntimeError(f"pack_padded_sequence: a length of {int(sizes.max())} exceeds the {steps} padded steps")
    batch_sizes = _packing.batch_sizes_of(sizes)
    data = _packing.pack(input, batch_sizes, batch_first)
    return PackedSequence(data, _packing.int64_tensor(batch_sizes), sorted_indices, None)


def pad_packed_sequence(
    sequence: PackedSequence,
    batch_first: bool = False,
    padding_value: float = 0.0,
    total_length: int | None = None,
) -> tuple[Tensor, Tensor]:
    """``(padded, lengths)``: the inverse of :func:`pack_padded_sequence`, in the original batch order;
    the padded batch has ``total_length`` steps if given (else the longest length).

    Raises:
        ValueError: for a ``total_length`` shorter than the longest sequence (torch's message).
    """
    batch_sizes = sequence.batch_sizes._data.astype(np.int64)
    longest = int(batch_sizes.shape[0])
    if total_length is not None and total_length < longest:
        raise ValueError(
            "Expected total_length to be at least the length of the longest sequence in input, but got "
            f"total_length={total_length} and max sequence length being {longest}"
        )
    padded = _packing.unpack(sequence.data, batch_sizes, longest if total_length is None else total_length,
                             padding_value)
    if batch_first:
        padded = padded.transpose(0, 1)
    lengths = _packing.lengths_of(batch_sizes)
    if sequence.unsorted_indices is not None:
        padded = padded.index_select(0 if batch_first else 1, sequence.unsorted_indices)
        lengths = lengths[sequence.unsorted_indices._data]
    return padded, _packing.int64_tensor(lengths)


def pack_sequence(sequences: Sequence[Tensor], enforce_sorted: bool = True) -> PackedSequence:
    """Pack a list of ``(L_i, *)`` sequences: ``pack_padded_sequence(pad_sequence(sequences), lengths)``.

    Raises:
        RuntimeError: as :func:`pack_padded_sequence` (unsorted lengths with ``enforce_sorted``).
    """
    lengths = [s.shape[0] for s in sequences]
    return pack_padded_sequence(pad_sequence(sequences), lengths, enforce_sorted=enforce_sorted)


__all__ = [
    "PackedSequence", "invert_permutation", "pack_padded_sequence", "pack_sequence", "pad_packed_sequence",
    "pad_sequence",
]
