"""pack_padded_sequence / pad_packed_sequence / pack_sequence and RNN/LSTM/GRU on packed input, against torch:
the packing itself (data, batch_sizes, indices, grad_fn names), the layers' packed outputs and final
states, gradients of the input and of every parameter, and the errors of the usual mistakes."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import minitorch_scalar as mt  # noqa: E402

LENGTHS = [3, 5, 1, 4]


def _plain(lib: Any, item: Any) -> Any:
    if isinstance(item, lib.Tensor):
        return item.detach().numpy().copy()
    if hasattr(item, "next_functions"):
        return type(item).__name__
    return item


def _compare(scenario: Any) -> None:
    runs = []
    for lib in (torch, mt):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            runs.append([_plain(lib, x) for x in scenario(lib)])
    for i, (a, b) in enumerate(zip(*runs, strict=True)):
        if isinstance(a, np.ndarray):
            assert isinstance(b, np.ndarray) and a.shape == b.shape and a.dtype == b.dtype, f"item {i}"
            np.testing.assert_allclose(b, a, rtol=1e-4, atol=2e-5, err_msg=f"item {i}")
        else:
            assert a == b, f"item {i}: torch {a!r} ours {b!r}"


def _padded(lib: Any, batch_first: bool) -> Any:
    lib.manual_seed(3)
    x = lib.randn(4, 5, 3) if batch_first else lib.randn(5, 4, 3)
    return x.requires_grad_()


@pytest.mark.parametrize("batch_first", [False, True])
def test_pack_and_pad_round_trip(batch_first: bool) -> None:
    def scenario(lib: Any) -> list[Any]:
        from importlib import import_module

        rnn = import_module(f"{lib.__name__}.nn.utils.rnn")
        x = _padded(lib, batch_first)
        packed = rnn.pack_padded_sequence(x, lib.tensor(LENGTHS), batch_first=batch_first, enforce_sorted=False)
        padded, lengths = rnn.pad_packed_sequence(packed, batch_first=batch_first, padding_value=-2.0, total_length=6)
        padded.backward(lib.arange(float(padded.numel())).reshape(padded.shape))
        seqs = [lib.arange(float(n)) for n in (4, 2, 2)]
        simple = rnn.pack_sequence(seqs)
        return [packed.data, packed.data.grad_fn, packed.batch_sizes, packed.sorted_indices, packed.unsorted_indices,
                padded, padded.grad_fn, lengths, x.grad, simple.data, simple.batch_sizes, simple.sorted_indices,
                type(packed).__name__, list(packed._fields)]

    _compare(scenario)


CONFIGS = [
    ("LSTM", {}),
    ("GRU", {"batch_first": True}),
    ("RNN", {"nonlinearity": "relu"}),
    ("LSTM", {"num_layers": 2, "bidirectional": True, "dropout": 0.3}),
    ("GRU", {"num_layers": 2, "bidirectional": True, "batch_first": True}),
]


@pytest.mark.parametrize("sort", [True, False], ids=["sorted", "unsorted"])
@pytest.mark.parametrize("with_hx", [False, True], ids=["zero_state", "given_state"])
@pytest.mark.parametrize(("kind", "options"), CONFIGS, ids=[f"{k}-{i}" for i, (k, _) in enumerate(CONFIGS)])
def test_recurrent_layers_on_packed_input(kind: str, options: dict[str, Any], with_hx: bool, sort: bool) -> None:
    def scenario(lib: Any) -> list[Any]:
        from importlib import import_module

        rnn = import_module(f"{lib.__name__}.nn.utils.rnn")
        batch_first = options.get("batch_first", False)
        x = _padded(lib, batch_first)
        lengths = sorted(LENGTHS, reverse=True) if sort else LENGTHS
        layer = getattr(lib.nn, kind)(3, 4, **options)
        packed = rnn.pack_padded_sequence(x, lengths, batch_first=batch_first, enforce_sorted=sort)
        states = (2 if options.get("bidirectional") else 1) * options.get("num_layers", 1)
        hx = None
        if with_hx:
            h0 = lib.linspace(-1, 1, states * 4 * 4).reshape(states, 4, 4).requires_grad_()
            hx = (h0, h0 * 0.5) if kind == "LSTM" else h0
        lib.manual_seed(11)
        out, last = layer(packed, hx)
        finals = list(last) if kind == "LSTM" else [last]
        padded, _ = rnn.pad_packed_sequence(out, batch_first=batch_first)
        loss = (padded * padded).sum() + sum((f * lib.arange(4.0)).sum() for f in finals)
        loss.backward()
        grads = [p.grad for p in layer.parameters()]
        extra = [h0.grad] if with_hx else []
        return [type(out).__name__, out.data, out.batch_sizes, out.sorted_indices, *finals, padded, x.grad, *grads,
                *extra]

    _compare(scenario)


MISTAKES = [
    lambda lib, rnn: rnn.pack_padded_sequence(lib.zeros(3, 4, 1), [2, 4, 1], batch_first=True),
    lambda lib, rnn: rnn.pack_padded_sequence(lib.zeros(3, 4, 1), [4, 2, 0], batch_first=True),
    lambda lib, rnn: rnn.pack_padded_sequence(lib.zeros(3, 4, 1), [4, 2], batch_first=True),
    lambda lib, rnn: rnn.pack_sequence([lib.tensor([1.0]), lib.tensor([3.0, 4.0])]),
    lambda lib, rnn: rnn.pad_packed_sequence(rnn.pack_sequence([lib.zeros(4), lib.zeros(1)]), total_length=2),
    lambda lib, rnn: lib.nn.GRU(2, 3)(rnn.pack_sequence([lib.zeros(4, 5)])),
]


@pytest.mark.parametrize("index", range(len(MISTAKES)))
def test_usual_mistakes(index: int) -> None:
    from importlib import import_module

    caught = []
    for lib in (torch, mt):
        with pytest.raises(Exception) as info:  # noqa: PT011 - compared below
            MISTAKES[index](lib, import_module(f"{lib.__name__}.nn.utils.rnn"))
        caught.append((type(info.value).__name__, str(info.value)))
    assert caught[0] == caught[1]
