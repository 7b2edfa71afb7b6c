"""Attention without torch: F.scaled_dot_product_attention, nn.MultiheadAttention and the Transformer layers,
checked against hand-derived numbers, numpy and central differences."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import minitorch_scalar as mt
from minitorch_scalar.nn import functional as F

RNG = np.random.default_rng(9)


def _reference(q: np.ndarray, k: np.ndarray, v: np.ndarray, bias: np.ndarray | float = 0.0) -> np.ndarray:
    """softmax(q k^T / sqrt(E) + bias) v in float64 numpy."""
    s = q @ np.swapaxes(k, -1, -2) / math.sqrt(q.shape[-1]) + bias
    e = np.exp(s - s.max(-1, keepdims=True))
    return (e / e.sum(-1, keepdims=True)) @ v


def _central_grad(f: object, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """d f(x) / dx by central differences (f returns a float)."""
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[i] += h
        down[i] -= h
        grad[i] = (f(up) - f(down)) / (2 * h)  # type: ignore[operator]
    return grad


def test_sdpa_hand_example() -> None:
    # one query [1, 0], keys [1, 0] and [0, 0], values 1 and 3, scale 1: weights e/(e+1), 1/(e+1)
    q = mt.tensor([[[[1.0, 0.0]]]])
    k = mt.tensor([[[[1.0, 0.0], [0.0, 0.0]]]])
    v = mt.tensor([[[[1.0], [3.0]]]])
    out = F.scaled_dot_product_attention(q, k, v, scale=1.0)
    assert out.item() == pytest.approx((math.e + 3) / (math.e + 1), rel=1e-6)


@pytest.mark.parametrize("shape", [(2, 2, 4, 3), (3, 4, 3), (4, 3)], ids=["fused", "batched", "matrix"])
def test_sdpa_matches_reference_and_central_differences(shape: tuple[int, ...]) -> None:
    qa, ka, va = (RNG.standard_normal(shape) for _ in range(3))
    up = RNG.standard_normal(shape)
    q, k, v = (mt.tensor(a, requires_grad=True) for a in (qa, ka, va))
    out = F.scaled_dot_product_attention(q, k, v)
    np.testing.assert_allclose(out.detach().numpy(), _reference(qa, ka, va), atol=1e-12)
    out.backward(mt.tensor(up))
    for t, which in ((q, 0), (k, 1), (v, 2)):
        def loss(x: np.ndarray, which: int = which) -> float:
            args = [qa, ka, va]
            args[which] = x
            return float((_reference(*args) * up).sum())

        assert t.grad is not None
        np.testing.assert_allclose(t.grad.numpy(), _central_grad(loss, [qa, ka, va][which]), atol=1e-6)


def test_sdpa_causal_and_bool_mask_agree() -> None:
    q, k, v = (mt.tensor(RNG.standard_normal((1, 2, 4, 3))) for _ in range(3))
    causal = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    masked = F.scaled_dot_product_attention(q, k, v, attn_mask=mt.ones(4, 4, dtype=mt.bool).tril())
    np.testing.assert_allclose(causal.numpy(), masked.numpy(), atol=1e-12)
    # the first query sees only the first key, so its output is the first value
    np.testing.assert_allclose(causal.numpy()[0, :, 0], v.numpy()[0, :, 0], atol=1e-12)


def test_sdpa_fully_masked_row_is_zero_with_zero_grad() -> None:
    q, k, v = (mt.tensor(RNG.standard_normal((1, 1, 2, 3)), requires_grad=True) for _ in range(3))
    mask = mt.tensor([[True, True], [False, False]])
    out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    out.sum().backward()
    assert out.grad_fn is not None and out.grad_fn.name() == "ScaledDotProductFlashAttentionForCpuBackward0"
    assert np.all(out.detach().numpy()[0, 0, 1] == 0.0)
    assert q.grad is not None and np.all(q.grad.numpy()[0, 0, 1] == 0.0)
    assert np.all(np.isfinite(k.grad.numpy()))  # type: ignore[union-attr]


def test_sdpa_fused_second_order_matches_central_differences() -> None:
    qa, ka, va = (RNG.standard_normal((1, 1, 3, 2)) for _ in range(3))
    q, k, v = (mt.tensor(a, requires_grad=True) for a in (qa, ka, va))
    (gq,) = mt.autograd.grad(F.scaled_dot_product_attention(q, k, v).pow(2).sum(), q, create_graph=True)
    (gk,) = mt.autograd.grad(gq.sum(), k)

    def first(kx: np.ndarray) -> float:
        qt = mt.tensor(qa, requires_grad=True)
        (g,) = mt.autograd.grad(F.scaled_dot_product_attention(qt, mt.tensor(kx), mt.tensor(va)).pow(2).sum(), qt)
        return float(g.sum().item())

    np.testing.assert_allclose(gk.numpy(), _central_grad(first, ka), atol=1e-5)


def test_sdpa_dropout_one_keeps_nothing_and_math_path_rejects_mask_with_causal() -> None:
    q = mt.tensor(RNG.standard_normal((1, 1, 2, 3)))
    assert np.all(F.scaled_dot_product_attention(q, q, q, dropout_p=1.0 - 1e-9).numpy() == 0.0)
    with pytest.raises(RuntimeError, match="Explicit attn_mask should not be set when is_causal=True"):
        F.scaled_dot_product_attention(q[0], q[0], q[0], attn_mask=mt.ones(2, 2), is_causal=True)


def _identity_mha(e: int) -> mt.nn.MultiheadAttention:
    """One head whose projections are all the identity and whose biases are zero."""
    mha = mt.nn.MultiheadAttention(e, 1)
    with mt.no_grad():
        mha.in_proj_weight.copy_(mt.tensor(np.vstack([np.eye(e)] * 3), dtype=mt.float32))
        mha.out_proj.weight.copy_(mt.eye(e))
    return mha


def test_multihead_identity_projections_is_plain_attention() -> None:
    x = RNG.standard_normal((4, 1, 3)).astype(np.float32)
    out, weights = _identity_mha(3)(mt.tensor(x), mt.tensor(x), mt.tensor(x))
    np.testing.assert_allclose(out.detach().numpy()[:, 0], _reference(x[:, 0], x[:, 0], x[:, 0]), atol=1e-6)
    assert weights is not None
    np.testing.assert_allclose(weights.detach().numpy().sum(-1), np.ones((1, 4)), atol=1e-6)


def test_multihead_key_padding_mask_zeroes_padded_weights() -> None:
    mha = mt.nn.MultiheadAttention(4, 2, batch_first=True)
    x = mt.randn(2, 3, 4)
    _, weights = mha(x, x, x, key_padding_mask=mt.tensor([[False, False, True], [False] * 3]))
    assert weights is not None and tuple(weights.shape) == (2, 3, 3)
    assert np.all(weights.detach().numpy()[0, :, 2] == 0.0)
    assert np.all(weights.detach().numpy()[1, :, 2] > 0.0)


def test_multihead_parameters_init_and_errors() -> None:
    mha = mt.nn.MultiheadAttention(8, 2)
    assert [n for n, _ in mha.named_parameters()] == ["in_proj_weight", "in_proj_bias", "out_proj.weight",
                                                      "out_proj.bias"]
    bound = math.sqrt(6.0 / (8 + 24))  # xavier_uniform_ on a (24, 8) matrix
    assert np.abs(mha.in_proj_weight.detach().numpy()).max() <= bound
    assert np.all(mha.in_proj_bias.detach().numpy() == 0.0) and np.all(mha.out_proj.bias.detach().numpy() == 0.0)
    assert repr(mha).splitlines()[1].strip().startswith("(out_proj): NonDynamicallyQuantizableLinear(in_features=8")
    split = mt.nn.MultiheadAttention(8, 2, kdim=3, vdim=5, bias=False)
    assert [tuple(p.shape) for p in split.parameters()] == [(8, 8), (8, 3), (8, 5), (8, 8)]
    with pytest.raises(AssertionError, match="embed_dim must be divisible by num_heads"):
        mt.nn.MultiheadAttention(8, 3)
    with pytest.raises(RuntimeError, match="Need attn_mask if specifying the is_causal hint"):
        mha(mt.randn(2, 1, 8), mt.randn(2, 1, 8), mt.randn(2, 1, 8), is_causal=True)


def test_transformer_encoder_copies_counts_and_warns() -> None:
    layer = mt.nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16, dropout=0.0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        encoder = mt.nn.TransformerEncoder(layer, num_layers=2)
    assert [str(w.message) for w in caught] == [
        "enable_nested_tensor is True, but self.use_nested_tensor is False because encoder_layer.self_attn."
        "batch_first was not True(use batch_first for better inference performance)"
    ]
    # per layer: in_proj 24*8+24, out_proj 8*8+8, linear1 8*16+16, linear2 16*8+8, two LayerNorms 2*(8+8)
    assert sum(p.numel() for p in encoder.parameters()) == 2 * (216 + 72 + 144 + 136 + 32) == 1200
    assert encoder.layers[0].linear1.weight is not encoder.layers[1].linear1.weight
    assert np.array_equal(encoder.layers[0].linear1.weight.detach().numpy(), layer.linear1.weight.detach().numpy())
    out = encoder(mt.randn(5, 3, 8))
    assert tuple(out.shape) == (5, 3, 8)
    # post-norm: each position of the output is LayerNorm-ed (mean 0, variance 1)
    np.testing.assert_allclose(out.detach().numpy().mean(-1), 0.0, atol=1e-5)


def test_transformer_encoder_eval_zeroes_padding_like_nested_tensors() -> None:
    layer = mt.nn.TransformerEncoderLayer(8, 2, 16, batch_first=True)
    encoder = mt.nn.TransformerEncoder(layer, 1)
    pad = mt.tensor([[False, False, True], [False, False, False]])
    src = mt.randn(2, 3, 8)
    encoder.eval()
    with mt.no_grad():
        out = encoder(src, src_key_padding_mask=pad).numpy()
    assert np.all(out[0, 2] == 0.0) and not np.any(out[1] == 0.0)
    with_grad = encoder(src, src_key_padding_mask=pad)  # parameters need grad: no fast path, no zeros
    assert not np.any(with_grad.detach().numpy()[0, 2] == 0.0)


def test_transformer_forward_backward_and_mask() -> None:
    model = mt.nn.Transformer(d_model=8, nhead=2, num_encoder_layers=1, num_decoder_layers=1, dim_feedforward=16,
                              dropout=0.0, batch_first=True)
    mask = mt.nn.Transformer.generate_square_subsequent_mask(3)
    assert mask.numpy().tolist() == [[0.0, -math.inf, -math.inf], [0.0, 0.0, -math.inf], [0.0, 0.0, 0.0]]
    out = model(mt.randn(2, 4, 8), mt.randn(2, 3, 8), tgt_mask=mask)
    out.sum().backward()
    assert tuple(out.shape) == (2, 3, 8)
    assert all(p.grad is not None for p in model.parameters())
    with pytest.raises(RuntimeError, match="the batch number of src and tgt must be equal"):
        model(mt.randn(2, 4, 8), mt.randn(3, 3, 8))
    with pytest.raises(RuntimeError, match="activation should be relu/gelu, not tanh"):
        mt.nn.TransformerEncoderLayer(8, 2, activation="tanh")
