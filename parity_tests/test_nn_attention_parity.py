"""F.scaled_dot_product_attention, nn.MultiheadAttention and the Transformer layers against real torch.

Each scenario is written once as ``scenario(lib)`` (``lib`` is ``torch`` or ``minitorch_scalar``) and returns
a list of results: tensors are compared as values (float32 tolerances), everything else (reprs, grad_fn
names, parameter names, warning texts) exactly. Scenarios seed the generator, so initial weights and
dropout draws must be torch's too.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import minitorch_scalar as mt  # noqa: E402

Scenario = Callable[[Any], list[Any]]


def _plain(lib: Any, item: Any) -> Any:
    """A tensor as a numpy array; a grad_fn as its class name; anything else as is."""
    if isinstance(item, lib.Tensor):
        return item.detach().numpy().copy()
    if hasattr(item, "next_functions"):
        return type(item).__name__
    return item


def _compare(scenario: Scenario, atol: float = 2e-5) -> None:
    """Run ``scenario`` under both engines and compare item by item."""
    results = []
    for lib in (torch, mt):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            results.append([_plain(lib, item) for item in scenario(lib)])
    theirs, ours = results
    assert len(theirs) == len(ours)
    for i, (a, b) in enumerate(zip(theirs, ours, strict=True)):
        if isinstance(a, np.ndarray):
            assert isinstance(b, np.ndarray), f"item {i}: {b!r}"
            assert a.shape == b.shape and a.dtype == b.dtype, f"item {i}: {a.shape} {a.dtype} vs {b.shape} {b.dtype}"
            np.testing.assert_allclose(b, a, rtol=1e-4, atol=atol, err_msg=f"item {i}")
        else:
            assert a == b, f"item {i}: torch {a!r} ours {b!r}"


def _qkv(lib: Any, shape_q: tuple[int, ...], shape_k: tuple[int, ...], ev: int, dtype: Any) -> tuple[Any, ...]:
    """Seeded query/key/value leaves that require grad."""
    lib.manual_seed(0)
    q = lib.randn(*shape_q, dtype=dtype).requires_grad_()
    k = lib.randn(*shape_k, dtype=dtype).requires_grad_()
    v = lib.randn(*shape_k[:-1], ev, dtype=dtype).requires_grad_()
    return q, k, v


SDPA_CASES: dict[str, tuple[tuple[int, ...], tuple[int, ...], int, Callable[[Any], dict[str, Any]]]] = {
    "plain": ((2, 2, 4, 8), (2, 2, 3, 8), 8, lambda lib: {}),
    "causal": ((2, 2, 4, 8), (2, 2, 4, 8), 5, lambda lib: {"is_causal": True}),
    "bool_mask_empty_row": (
        (1, 2, 3, 4), (1, 2, 3, 4), 4,
        lambda lib: {"attn_mask": lib.tensor([[True, False, True], [False, False, False], [True, True, True]])},
    ),
    "float_mask_scale": (
        (2, 1, 3, 4), (2, 1, 2, 4), 3,
        lambda lib: {"attn_mask": lib.tensor([[0.0, -1.0], [0.5, 0.0], [0.0, 0.0]]), "scale": 0.3},
    ),
    "broadcast_heads": ((2, 2, 3, 4), (2, 1, 3, 4), 4, lambda lib: {}),
    "matrix": ((3, 4), (5, 4), 2, lambda lib: {"is_causal": True}),
    "fused_mask_and_causal": (
        (1, 1, 3, 4), (1, 1, 3, 4), 4,
        lambda lib: {"attn_mask": lib.tensor([[0.0, -1.0, 2.0], [0.5, 0.0, 0.0], [1.0, 1.0, 1.0]]), "is_causal": True},
    ),
}


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("case", sorted(SDPA_CASES))
def test_sdpa_values_grads_and_grad_fn(case: str, dtype: str) -> None:
    shape_q, shape_k, ev, kwargs = SDPA_CASES[case]

    def scenario(lib: Any) -> list[Any]:
        q, k, v = _qkv(lib, shape_q, shape_k, ev, getattr(lib, dtype))
        out = lib.nn.functional.scaled_dot_product_attention(q, k, v, **kwargs(lib))
        out.backward(lib.linspace(0.5, 1.5, out.numel(), dtype=out.dtype).reshape(out.shape))
        return [out, out.grad_fn, q.grad, k.grad, v.grad]

    _compare(scenario)


def test_sdpa_dropout_uses_torchs_draws() -> None:
    def scenario(lib: Any) -> list[Any]:
        q, k, v = _qkv(lib, (2, 2, 4, 8), (2, 2, 3, 8), 8, lib.float32)
        mask = lib.tensor([[True, True, False]] * 3 + [[False] * 3])
        lib.manual_seed(7)
        out = lib.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=0.4)
        out.sum().backward()
        return [out, q.grad, k.grad, v.grad, lib.rand(3)]

    _compare(scenario)


def test_sdpa_math_path_rejects_mask_with_causal() -> None:
    def scenario(lib: Any) -> list[Any]:
        q, k, v = _qkv(lib, (3, 4), (3, 4), 4, lib.float32)
        with pytest.raises(RuntimeError) as info:
            lib.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=lib.ones(3, 3), is_causal=True)
        return [str(info.value)]

    _compare(scenario)


def test_sdpa_double_backward_on_the_math_path() -> None:
    def scenario(lib: Any) -> list[Any]:
        q, k, v = _qkv(lib, (2, 3, 4), (2, 3, 4), 4, lib.float64)
        out = lib.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
        (gq,) = lib.autograd.grad((out * out).sum(), q, create_graph=True)
        gk, gv = lib.autograd.grad((gq**2).sum(), (k, v))
        return [gq, gk, gv]

    _compare(scenario, atol=1e-9)


def _mha_run(lib: Any, **options: Any) -> list[Any]:
    """A seeded MultiheadAttention: repr, parameter names, initial values, two calls and their grads."""
    lib.manual_seed(0)
    kdim, vdim = options.get("kdim") or 8, options.get("vdim") or 8
    mha = lib.nn.MultiheadAttention(8, 2, **options)
    first = options.get("batch_first", False)
    shape = (lambda n, s, e: (n, s, e)) if first else (lambda n, s, e: (s, n, e))
    x = lib.randn(*shape(2, 5, 8)).requires_grad_()
    k, v = lib.randn(*shape(2, 4, kdim)), lib.randn(*shape(2, 4, vdim))
    pad = lib.tensor([[False, False, True, True], [False] * 4])
    causal = lib.tensor([[j > i for j in range(4)] for i in range(5)])
    out, w = mha(x, k, v, key_padding_mask=pad, attn_mask=causal)
    out2, w2 = mha(x, k, v, need_weights=False, key_padding_mask=pad)
    out3, w3 = mha(x, x, x, average_attn_weights=False) if mha._qkv_same_embed_dim else (out, w)
    (out * 2 + out2 + out3).sum().backward()
    names = [n for n, _ in mha.named_parameters()]
    grads = [p.grad for _, p in mha.named_parameters()]
    return [repr(mha), names, list(mha.state_dict()), *[p for _, p in mha.named_parameters()], out, w, out2,
            w2 is None, out3, w3, out.grad_fn, w.grad_fn, out2.grad_fn, x.grad, *grads]


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"batch_first": True},
        {"batch_first": True, "dropout": 0.3},
        {"bias": False},
        {"kdim": 3, "vdim": 5},
        {"add_bias_kv": True, "add_zero_attn": True},
    ],
    ids=["seq_first", "batch_first", "dropout", "no_bias", "kdim_vdim", "bias_kv_zero_attn"],
)
def test_multihead_attention(options: dict[str, Any]) -> None:
    _compare(lambda lib: _mha_run(lib, **options))


def test_multihead_attention_unbatched_and_errors() -> None:
    def scenario(lib: Any) -> list[Any]:
        lib.manual_seed(0)
        mha = lib.nn.MultiheadAttention(4, 2)
        x = lib.randn(3, 4)
        out, w = mha(x, x, x, key_padding_mask=lib.tensor([False, False, True]))
        errors = []
        for make in (lambda: lib.nn.MultiheadAttention(6, 4), lambda: mha(x, x, x, is_causal=True)):
            try:
                make()
            except Exception as exc:  # noqa: BLE001 - the type is what we compare
                errors.append(f"{type(exc).__name__}: {exc}")
        return [out, w, *errors]

    _compare(scenario)


def _encoder_run(lib: Any, layer_options: dict[str, Any]) -> list[Any]:
    """A seeded 2-layer TransformerEncoder: warnings, repr, output and grads in training, eval output."""
    lib.manual_seed(0)
    layer = lib.nn.TransformerEncoderLayer(8, 2, 16, **layer_options)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        encoder = lib.nn.TransformerEncoder(layer, 2, norm=lib.nn.LayerNorm(8))
    src = lib.randn(*((3, 5, 8) if layer.self_attn.batch_first else (5, 3, 8))).requires_grad_()
    pad = lib.tensor([[False, False, False, True, True], [False] * 5, [False] * 4 + [True]])
    out = encoder(src, src_key_padding_mask=pad)
    out.backward(lib.linspace(-1, 1, out.numel()).reshape(out.shape))
    encoder.eval()
    with lib.no_grad():
        evaluated = encoder(src, src_key_padding_mask=pad)
    causal = encoder(src, mask=lib.nn.Transformer.generate_square_subsequent_mask(5))
    return [[str(w.message) for w in caught], repr(encoder), out, src.grad, encoder.layers[1].linear1.weight.grad,
            evaluated, causal, sum(p.numel() for p in encoder.parameters())]


@pytest.mark.parametrize(
    "options",
    [
        {"dropout": 0.0, "batch_first": True},
        {"dropout": 0.2, "batch_first": True},
        {"dropout": 0.1, "norm_first": True, "activation": "gelu"},
        {"dropout": 0.0, "batch_first": True, "bias": False},
    ],
    ids=["post_norm", "dropout", "pre_norm_gelu", "no_bias"],
)
def test_transformer_encoder(options: dict[str, Any]) -> None:
    _compare(lambda lib: _encoder_run(lib, options))


def test_transformer_full_model() -> None:
    def scenario(lib: Any) -> list[Any]:
        lib.manual_seed(2)
        model = lib.nn.Transformer(d_model=8, nhead=2, num_encoder_layers=1, num_decoder_layers=2,
                                   dim_feedforward=16, batch_first=True)
        src, tgt = lib.randn(3, 5, 8), lib.randn(3, 4, 8)
        tgt_mask = lib.nn.Transformer.generate_square_subsequent_mask(4)
        out = model(src, tgt, tgt_mask=tgt_mask, memory_key_padding_mask=lib.tensor([[False] * 4 + [True]] * 3))
        out.sum().backward()
        weight = model.decoder.layers[1].multihead_attn.in_proj_weight
        try:
            model(src, tgt[:2])
        except RuntimeError as exc:
            error = str(exc)
        return [repr(model.decoder.layers[0]), [n for n, _ in model.named_parameters()], out, out.grad_fn, weight,
                weight.grad, error]

    _compare(scenario)


def test_multi_head_attention_forward_functional() -> None:
    def scenario(lib: Any) -> list[Any]:
        lib.manual_seed(0)
        mha = lib.nn.MultiheadAttention(8, 2)
        x = lib.randn(5, 2, 8).requires_grad_()
        kv, static = lib.randn(4, 2, 8), lib.randn(4, 3, 4)
        args = (mha.in_proj_weight, mha.in_proj_bias, None, None, False, 0.0, mha.out_proj.weight, mha.out_proj.bias)
        out, weights = lib.nn.functional.multi_head_attention_forward(x, kv, kv, 8, 2, *args, training=False)
        fixed, none = lib.nn.functional.multi_head_attention_forward(
            x, kv, kv, 8, 2, *args, static_k=static, static_v=static, need_weights=False
        )
        (out.sum() + fixed.sum()).backward()
        with pytest.raises(AssertionError) as info:
            lib.nn.functional.multi_head_attention_forward(x, kv, kv, 6, 2, *args)
        return [out, weights, fixed, none is None, x.grad, mha.in_proj_weight.grad, str(info.value)]

    _compare(scenario)
