"""Packed sequences without torch: the packing layout, the round trip, and recurrent layers on packed input
agreeing with running each sequence alone."""

from __future__ import annotations

import numpy as np
import pytest
from minitorch_scalar.nn.utils.rnn import (
    PackedSequence,
    pack_padded_sequence,
    pack_sequence,
    pad_packed_sequence,
    pad_sequence,
)

import minitorch_scalar as mt


def test_packing_layout_by_hand() -> None:
    seqs = [mt.tensor([1.0, 2.0, 3.0]), mt.tensor([4.0, 5.0]), mt.tensor([6.0])]
    packed = pack_sequence(seqs)
    # step 0 of every sequence, then step 1 of the two still running, then step 2 of the longest
    assert packed.data.tolist() == [1.0, 4.0, 6.0, 2.0, 5.0, 3.0]
    assert packed.batch_sizes.tolist() == [3, 2, 1]
    assert packed.sorted_indices is None and packed.unsorted_indices is None
    assert packed.data.grad_fn is None


def test_unsorted_batch_keeps_the_permutation_and_round_trips() -> None:
    seqs = [mt.tensor([1.0]), mt.tensor([2.0, 3.0, 4.0]), mt.tensor([5.0, 6.0])]
    packed = pack_sequence(seqs, enforce_sorted=False)
    assert packed.sorted_indices.tolist() == [1, 2, 0]  # type: ignore[union-attr]
    assert packed.unsorted_indices.tolist() == [2, 0, 1]  # type: ignore[union-attr]
    padded, lengths = pad_packed_sequence(packed, batch_first=True, padding_value=-1.0)
    assert lengths.tolist() == [1, 3, 2]
    assert padded.tolist() == [[1.0, -1.0, -1.0], [2.0, 3.0, 4.0], [5.0, 6.0, -1.0]]
    with pytest.raises(RuntimeError, match="must be sorted in decreasing order"):
        pack_sequence(seqs)


def test_pack_gradient_reaches_only_real_steps() -> None:
    x = mt.ones(2, 3, requires_grad=True)
    packed = pack_padded_sequence(x, [3, 1], batch_first=True)
    assert packed.data.grad_fn is not None and packed.data.grad_fn.name() == "PackPaddedSequenceBackward0"
    packed.data.sum().backward()
    assert x.grad is not None and x.grad.tolist() == [[1.0, 1.0, 1.0], [1.0, 0.0, 0.0]]


@pytest.mark.parametrize("kind", ["LSTM", "GRU", "RNN"])
def test_packed_layer_matches_each_sequence_alone(kind: str) -> None:
    rng = np.random.default_rng(4)
    seqs = [mt.tensor(rng.standard_normal((n, 2)), dtype=mt.float32) for n in (2, 4, 3)]
    layer = getattr(mt.nn, kind)(2, 3, bidirectional=True)
    out, last = layer(pack_sequence(seqs, enforce_sorted=False))
    assert isinstance(out, PackedSequence)
    h_n = last[0] if kind == "LSTM" else last
    padded, lengths = pad_packed_sequence(out)
    for i, seq in enumerate(seqs):
        alone, alone_last = layer(seq.unsqueeze(1))
        alone_h = alone_last[0] if kind == "LSTM" else alone_last
        n = int(lengths[i])
        np.testing.assert_allclose(padded.detach().numpy()[:n, i], alone.detach().numpy()[:, 0], atol=1e-6)
        assert np.all(padded.detach().numpy()[n:, i] == 0.0)
        np.testing.assert_allclose(h_n.detach().numpy()[:, i], alone_h.detach().numpy()[:, 0], atol=1e-6)


def test_pad_sequence_then_pack_matches_pack_sequence() -> None:
    seqs = [mt.arange(3.0), mt.arange(2.0)]
    a = pack_padded_sequence(pad_sequence(seqs), [3, 2])
    b = pack_sequence(seqs)
    assert a.data.tolist() == b.data.tolist() and a.batch_sizes.tolist() == b.batch_sizes.tolist()
