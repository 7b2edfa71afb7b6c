"""``nn.MultiheadAttention``: ``h`` attention heads over learned projections of query, key and value.

With ``E = embed_dim``, ``H = num_heads`` and ``d = E / H``:
``head_i = softmax(Q W_q_i^T (K W_k_i^T)^T / sqrt(d) + mask) V W_v_i^T`` and
``out = concat(head_1 .. head_H) W_o^T + b_o``. torch packs ``W_q, W_k, W_v`` into one ``in_proj_weight``
of shape ``(3E, E)`` (three separate ``q/k/v_proj_weight`` when ``kdim``/``vdim`` differ from ``E``) and
``W_o`` into ``out_proj`` (a ``NonDynamicallyQuantizableLinear``, torch's plain-Linear subclass).

Everything is composed from Tensor ops in the order torch's ``F.multi_head_attention_forward`` runs them,
so gradients come from the engine and the printed grad_fns are torch's (``TransposeBackward0`` for
``batch_first`` output, ``MeanBackward1`` for head-averaged weights).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from minitorch_scalar import tensor_ops
from minitorch_scalar.dtypes import dtype, get_default_dtype
from minitorch_scalar.nn import functional as F
from minitorch_scalar.nn import init
from minitorch_scalar.nn.linear import Linear
from minitorch_scalar.nn.module import Module
from minitorch_scalar.nn.parameter import Parameter
from minitorch_scalar.tensor import Tensor, cat, from_array, zeros

Masks = tuple[Tensor | None, Tensor | None]


class NonDynamicallyQuantizableLinear(Linear):
    """torch's name for the Linear that holds ``out_proj`` (it only matters to quantization; same math)."""


def _float_mask(mask: Tensor | None, dt: np.dtype) -> Tensor | None:
    """A bool mask (True = do not attend) as an additive ``0 / -inf`` float mask; a float mask as is."""
    if mask is None or mask._data.dtype != np.bool_:
        return mask
    return from_array(np.where(mask._data, dt.type(-np.inf), dt.type(0.0)).astype(dt))


def _pad_last(mask: Tensor | None) -> Tensor | None:
    """The mask with one more key column that every query may attend (value 0 / False)."""
    return None if mask is None else F.pad(mask, (0, 1))


class MultiheadAttention(Module):
    """Multi-head attention as torch's ``nn.MultiheadAttention``.

    Initialised as torch does after the shared generator's state: ``out_proj`` is built first (its
    Linear init draws weight then bias), then ``xavier_uniform_`` on ``in_proj_weight`` (or on
    ``q/k/v_proj_weight``), then both biases set to 0; ``bias_k``/``bias_v`` (``add_bias_kv``) get
    ``xavier_normal_``.

    Raises:
        AssertionError: when ``embed_dim`` is not divisible by ``num_heads`` (torch's message).
        ValueError: for a non-positive ``embed_dim`` or ``num_heads`` (torch's message).
    """

    def __init__(
        self,
        embed_dim: int,
        num_heads: int,
        dropout: float = 0.0,
        bias: bool = True,
        add_bias_kv: bool = False,
        add_zero_attn: bool = False,
        kdim: int | None = None,
        vdim: int | None = None,
        batch_first: bool = False,
        device: object = None,
        dtype: dtype | None = None,
    ) -> None:
        if embed_dim <= 0 or num_heads <= 0:
            raise ValueError(
                f"embed_dim and num_heads must be greater than 0, got embed_dim={embed_dim} and "
                f"num_heads={num_heads} instead"
            )
        super().__init__()
        np_dtype = (dtype or get_default_dtype()).np
        self.embed_dim = embed_dim
        self.kdim = kdim if kdim is not None else embed_dim
        self.vdim = vdim if vdim is not None else embed_dim
        self._qkv_same_embed_dim = self.kdim == embed_dim and self.vdim == embed_dim
        self.num_heads = num_heads
        self.dropout = dropout
        self.batch_first = batch_first
        self.head_dim = embed_dim // num_heads
        if self.head_dim * num_heads != embed_dim:
            raise AssertionError("embed_dim must be divisible by num_heads")

        def empty(*shape: int) -> Parameter:
            return Parameter(from_array(np.empty(shape, np_dtype)))

        if self._qkv_same_embed_dim:
            self.in_proj_weight = empty(3 * embed_dim, embed_dim)
            for name in ("q_proj_weight", "k_proj_weight", "v_proj_weight"):
                self.register_parameter(name, None)
        else:
            self.q_proj_weight = empty(embed_dim, embed_dim)
            self.k_proj_weight = empty(embed_dim, self.kdim)
            self.v_proj_weight = empty(embed_dim, self.vdim)
            self.register_parameter("in_proj_weight", None)
        if bias:
            self.in_proj_bias = empty(3 * embed_dim)
        else:
            self.register_parameter("in_proj_bias", None)
        self.out_proj = NonDynamicallyQuantizableLinear(embed_dim, embed_dim, bias=bias, dtype=dtype)
        if add_bias_kv:
            self.bias_k: Parameter | None = empty(1, 1, embed_dim)
            self.bias_v: Parameter | None = empty(1, 1, embed_dim)
        else:
            self.bias_k = self.bias_v = None
        self.add_zero_attn = add_zero_attn
        self._reset_parameters()

    def _reset_parameters(self) -> None:
        """torch's order: xavier_uniform_ on the projections, zero biases, xavier_normal_ on bias_k/bias_v."""
        if self._qkv_same_embed_dim:
            init.xavier_uniform_(self.in_proj_weight)
        else:
            init.xavier_uniform_(self.q_proj_weight)
            init.xavier_uniform_(self.k_proj_weight)
            init.xavier_uniform_(self.v_proj_weight)
        if self.in_proj_bias is not None:
            init.constant_(self.in_proj_bias, 0.0)
            init.constant_(self.out_proj.bias, 0.0)
        if self.bias_k is not None:
            init.xavier_normal_(self.bias_k)
        if self.bias_v is not None:
            init.xavier_normal_(self.bias_v)

    def forward(
        self,
        query: Tensor,
        key: Tensor,
        value: Tensor,
        key_padding_mask: Tensor | None = None,
        need_weights: bool = True,
        attn_mask: Tensor | None = None,
        average_attn_weights: bool = True,
        is_causal: bool = False,
    ) -> tuple[Tensor, Tensor | None]:
        """``(attn_output, attn_weights)``: output ``(L, N, E)`` (``(N, L, E)`` with ``batch_first``,
        ``(L, E)`` unbatched); weights ``(N, L, S)`` averaged over heads, ``(N, H, L, S)`` if not, None
        unless ``need_weights``. See :func:`multi_head_attention_forward`.
        """
        batch_first = self.batch_first and query.dim() == 3
        if batch_first:  # transposed once each, keeping `query is key is value` as torch does
            if key is value:
                if query is key:
                    query = key = value = query.transpose(1, 0)
                else:
                    query, key = query.transpose(1, 0), key.transpose(1, 0)
                    value = key
            else:
                query, key, value = query.transpose(1, 0), key.transpose(1, 0), value.transpose(1, 0)
        out, weights = multi_head_attention_forward(
            query, key, value, self.embed_dim, self.num_heads, self.in_proj_weight, self.in_proj_bias,
            self.bias_k, self.bias_v, self.add_zero_attn, self.dropout, self.out_proj.weight, self.out_proj.bias,
            training=self.training, key_padding_mask=key_padding_mask, need_weights=need_weights,
            attn_mask=attn_mask, use_separate_proj_weight=not self._qkv_same_embed_dim,
            q_proj_weight=self.q_proj_weight, k_proj_weight=self.k_proj_weight, v_proj_weight=self.v_proj_weight,
            average_attn_weights=average_attn_weights, is_causal=is_causal,
        )
        return (out.transpose(1, 0) if batch_first else out), weights


def multi_head_attention_forward(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    embed_dim_to_check: int,
    num_heads: int,
    in_proj_weight: Tensor | None,
    in_proj_bias: Tensor | None,
    bias_k: Tensor | None,
    bias_v: Tensor | None,
    add_zero_attn: bool,
    dropout_p: float,
    out_proj_weight: Tensor,
    out_proj_bias: Tensor | None,
    training: bool = True,
    key_padding_mask: Tensor | None = None,
    need_weights: bool = True,
    attn_mask: Tensor | None = None,
    use_separate_proj_weight: bool = False,
    q_proj_weight: Tensor | None = None,
    k_proj_weight: Tensor | None = None,
    v_proj_weight: Tensor | None = None,
    static_k: Tensor | None = None,
    static_v: Tensor | None = None,
    average_attn_weights: bool = True,
    is_causal: bool = False,
) -> tuple[Tensor, Tensor | None]:
    """``F.multi_head_attention_forward``: multi-head attention on sequence-first ``(L, N, E)`` query and
    ``(S, N, E_k)``/``(S, N, E_v)`` key/value (or unbatched ``(L, E)``), with the weights passed in.
    Mask entries that are True (bool) or ``-inf`` (float) are not attended; ``is_causal`` is a hint about
    ``attn_mask`` and needs one. ``static_k``/``static_v`` ``(N*H, S, E/H)`` replace the projected keys/values.

    Raises:
        AssertionError: for ``query``'s last dim not ``embed_dim_to_check`` (torch's message).
        RuntimeError: for ``is_causal`` without ``attn_mask`` (torch's message).
    """
    if query.shape[-1] != embed_dim_to_check:
        raise AssertionError(
            f"was expecting embedding dimension of {embed_dim_to_check}, but got {query.shape[-1]}"
        )
    if is_causal and attn_mask is None:
        raise RuntimeError(
            "Need attn_mask if specifying the is_causal hint. You may use the Transformer module method "
            "`generate_square_subsequent_mask` to create this mask."
        )
    batched = query.dim() == 3
    if not batched:
        self_attention, shared_kv = query is key and key is value, key is value
        query, key, value = query.unsqueeze(1), key.unsqueeze(1), value.unsqueeze(1)
        if self_attention:
            key = value = query
        elif shared_kv:
            value = key
        if key_padding_mask is not None:
            key_padding_mask = key_padding_mask.unsqueeze(0)
    if use_separate_proj_weight:
        separate = (q_proj_weight, k_proj_weight, v_proj_weight)
        q, k, v = _project_separate(query, key, value, separate, in_proj_bias)  # type: ignore[arg-type]
    else:
        q, k, v = _project_packed(query, key, value, in_proj_weight, in_proj_bias)  # type: ignore[arg-type]
    heads = _Heads(num_heads, dropout_p if training else 0.0, bias_k, bias_v, add_zero_attn, static_k, static_v)
    out, weights = heads.attend(q, k, v, (attn_mask, key_padding_mask), need_weights, average_attn_weights)
    tgt_len, bsz = q.shape[0], q.shape[1]
    out = F.linear(out, out_proj_weight, out_proj_bias).view(tgt_len, bsz, q.shape[2])
    if not batched:
        return out.squeeze(1), None if weights is None else weights.squeeze(0)
    return out, weights


def _project_separate(
    query: Tensor, key: Tensor, value: Tensor, weights: tuple[Tensor, Tensor, Tensor], bias: Tensor | None
) -> tuple[Tensor, Tensor, Tensor]:
    """``q = query W_q^T + b_q`` and likewise k, v, with three separate weight matrices."""
    e = weights[0].shape[0]
    biases = (None, None, None) if bias is None else (bias[:e], bias[e:2 * e], bias[2 * e:])
    return (
        F.linear(query, weights[0], biases[0]),
        F.linear(key, weights[1], biases[1]),
        F.linear(value, weights[2], biases[2]),
    )


def _project_packed(
    query: Tensor, key: Tensor, value: Tensor, w: Tensor, b: Tensor | None
) -> tuple[Tensor, Tensor, Tensor]:
    """The packed ``(3E, E)`` projection: one matmul for self-attention, two when key is value, as torch."""
    e = w.shape[1]
    if query is key and key is value:
        proj = F.linear(query, w, b)
        proj = proj.reshape(*proj.shape[:-1], 3, e)
        return proj[..., 0, :], proj[..., 1, :], proj[..., 2, :]
    q = F.linear(query, w[:e], None if b is None else b[:e])
    if key is value:
        kv = F.linear(key, w[e:], None if b is None else b[e:])
        kv = kv.reshape(*kv.shape[:-1], 2, e)
        return q, kv[..., 0, :], kv[..., 1, :]
    k = F.linear(key, w[e:2 * e], None if b is None else b[e:2 * e])
    return q, k, F.linear(value, w[2 * e:], None if b is None else b[2 * e:])


@dataclass(frozen=True)
class _Heads:
    """The per-call settings of the attention proper (after the input projections)."""

    num_heads: int
    dropout_p: float
    bias_k: Tensor | None
    bias_v: Tensor | None
    add_zero_attn: bool
    static_k: Tensor | None
    static_v: Tensor | None

    def attend(
        self, q: Tensor, k: Tensor, v: Tensor, masks: Masks, need_weights: bool, average: bool
    ) -> tuple[Tensor, Tensor | None]:
        """Split into heads, attend, join the heads ``(L*N, E)``; the weights if asked for."""
        tgt_len, bsz, e = q.shape
        heads = self.num_heads
        hd = e // heads
        dt = np.dtype(q._data.dtype)
        attn_mask, key_padding_mask = _float_mask(masks[0], dt), _float_mask(masks[1], dt)
        if attn_mask is not None and attn_mask.dim() == 2:
            attn_mask = attn_mask.unsqueeze(0)
        if self.bias_k is not None and self.bias_v is not None:
            k = cat([k, self.bias_k.repeat(1, bsz, 1)])
            v = cat([v, self.bias_v.repeat(1, bsz, 1)])
            attn_mask, key_padding_mask = _pad_last(attn_mask), _pad_last(key_padding_mask)
        q = q.reshape(tgt_len, bsz * heads, hd).transpose(0, 1)
        k = self.static_k if self.static_k is not None else k.reshape(k.shape[0], bsz * heads, hd).transpose(0, 1)
        v = self.static_v if self.static_v is not None else v.reshape(v.shape[0], bsz * heads, hd).transpose(0, 1)
        if self.add_zero_attn:
            k = cat([k, zeros(bsz * heads, 1, hd, dtype=k.dtype)], dim=1)
            v = cat([v, zeros(bsz * heads, 1, hd, dtype=v.dtype)], dim=1)
            attn_mask, key_padding_mask = _pad_last(attn_mask), _pad_last(key_padding_mask)
        src_len = k.shape[1]
        if key_padding_mask is not None:
            spread = key_padding_mask.view(bsz, 1, 1, src_len).expand(-1, heads, -1, -1)
            spread = spread.reshape(bsz * heads, 1, src_len)
            attn_mask = spread if attn_mask is None else attn_mask + spread
        if need_weights:
            scores = (q * math.sqrt(1.0 / hd)) @ k.transpose(-2, -1)
            if attn_mask is not None:
                scores = attn_mask + scores
            weights = tensor_ops.softmax(scores, -1)
            if self.dropout_p > 0.0:
                weights = F.dropout(weights, p=self.dropout_p)
            out = (weights @ v).transpose(0, 1).contiguous().view(tgt_len * bsz, e)
            weights = weights.view(bsz, heads, tgt_len, src_len)
            return out, weights.mean(dim=1) if average else weights
        if attn_mask is not None:
            attn_mask = attn_mask.unsqueeze(0) if attn_mask.shape[0] == 1 else attn_mask.view(bsz, heads, -1, src_len)
        heads_out = F.scaled_dot_product_attention(
            q.view(bsz, heads, tgt_len, hd), k.view(bsz, heads, src_len, hd), v.view(bsz, heads, src_len, hd),
            attn_mask, self.dropout_p,
        )
        return heads_out.permute(2, 0, 1, 3).contiguous().view(bsz * tgt_len, e), None
