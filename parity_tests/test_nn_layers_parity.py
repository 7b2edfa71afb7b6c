"""The normalisation layers, Embedding, the extra activations, distances, padding, KL divergence,
Unflatten, ParameterDict, parameters_to_vector and ReduceLROnPlateau against real torch.

Functional cases are written once as ``case(F, nn, t)`` (``t`` builds a tensor in the engine under test)
and compared on values, grad_fn name and the gradient of every input that requires grad, in float64
(tight) and float32. Module scenarios compare reprs, state_dict keys, buffers, train/eval behaviour and
the seeded initial parameters.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import minitorch_scalar as mt  # noqa: E402

RNG = np.random.default_rng(2026)
X2 = RNG.standard_normal((5, 3)) * 2 + 1
X3 = RNG.standard_normal((4, 2, 3))
X4 = RNG.standard_normal((2, 3, 2, 2))
W3 = RNG.uniform(0.5, 1.5, 3)
B3 = RNG.standard_normal(3)
WIDE = np.array([-30.0, -3.0, -1.0, -0.5, 0.0, 0.25, 1.0, 3.0, 6.0, 21.0])
IDX = np.array([[1, 2, 2], [0, 4, 1]])
TABLE = RNG.standard_normal((5, 3))
SIGNS = np.array([1.0, -1.0, -1.0, 1.0, 1.0])
IMG = RNG.standard_normal((2, 3, 6, 7))
KER = RNG.standard_normal((2, 3, 3, 2))
PROBS = np.array([[0.3, 0.7], [0.0, 1.0], [0.5, 0.5]])

ENGINES = {"torch": (torch, torch.nn, torch.nn.functional), "ours": (mt, mt.nn, mt.nn.functional)}


def _run(case: Callable[..., Any], engine: str, dtype: str) -> tuple[Any, str, list[Any]]:
    """Run ``case`` in one engine; returns (output array, grad_fn name, grads of the inputs made with grad)."""
    lib, nn, F = ENGINES[engine]
    made: list[Any] = []

    def t(values: Any, grad: bool = False, kind: str = "float") -> Any:
        if kind == "long":
            return lib.tensor(np.asarray(values, dtype=np.int64))
        out = lib.tensor(np.asarray(values, dtype=dtype), requires_grad=grad)
        if grad:
            made.append(out)
        return out

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = case(F, nn, t)
    name = type(out.grad_fn).__name__ if out.grad_fn is not None else ""
    value = out.detach().numpy().copy()
    if made and out.requires_grad:
        upstream = np.linspace(0.5, 1.5, max(out.numel(), 1)).reshape(tuple(out.shape)) ** 2
        out.backward(lib.tensor(upstream.astype(dtype)))
    grads = [None if m.grad is None else m.grad.numpy().copy() for m in made]
    return value, name, grads


def _compare(case: Callable[..., Any], dtype: str, rtol: float, atol: float) -> None:
    theirs = _run(case, "torch", dtype)
    ours = _run(case, "ours", dtype)
    assert ours[1] == theirs[1], f"grad_fn {ours[1]} != torch's {theirs[1]}"
    np.testing.assert_allclose(ours[0], theirs[0], rtol=rtol, atol=atol)
    assert len(ours[2]) == len(theirs[2])
    for mine, ref in zip(ours[2], theirs[2]):
        assert (mine is None) == (ref is None)
        if ref is not None:
            np.testing.assert_allclose(mine, ref, rtol=rtol, atol=atol)


def _bn_eval(F: Any, t: Any, weight: bool) -> Any:
    mean, var = t([0.5, -1.0, 2.0]), t([1.5, 0.25, 4.0])
    w, b = (t(W3, True), t(B3, True)) if weight else (None, None)
    return F.batch_norm(t(X2, True), mean, var, w, b, training=False)


CASES: dict[str, Callable[..., Any]] = {
    "batch_norm_2d": lambda F, nn, t: F.batch_norm(t(X2, True), None, None, t(W3, True), t(B3, True), training=True),
    "batch_norm_3d": lambda F, nn, t: F.batch_norm(t(X3, True), None, None, t(W3[:2], True), None, training=True),
    "batch_norm_4d": lambda F, nn, t: F.batch_norm(t(X4, True), None, None, t(W3, True), t(B3, True), True),
    "batch_norm_no_affine": lambda F, nn, t: F.batch_norm(t(X2, True), None, None, training=True, eps=1e-3),
    "batch_norm_eval": lambda F, nn, t: _bn_eval(F, t, True),
    "batch_norm_eval_no_affine": lambda F, nn, t: _bn_eval(F, t, False),
    "layer_norm": lambda F, nn, t: F.layer_norm(t(X3, True), (3,), t(W3, True), t(B3, True)),
    "layer_norm_2dims": lambda F, nn, t: F.layer_norm(t(X3, True), [2, 3], eps=1e-2),
    "layer_norm_weight_only": lambda F, nn, t: F.layer_norm(t(X2, True), (3,), t(W3, True)),
    "embedding": lambda F, nn, t: F.embedding(t(IDX, kind="long"), t(TABLE, True)),
    "embedding_padding": lambda F, nn, t: F.embedding(t(IDX, kind="long"), t(TABLE, True), padding_idx=1),
    "embedding_freq": lambda F, nn, t: F.embedding(t(IDX, kind="long"), t(TABLE, True), scale_grad_by_freq=True),
    "elu": lambda F, nn, t: F.elu(t(WIDE, True), 0.5),
    "selu": lambda F, nn, t: F.selu(t(WIDE, True)),
    "softplus": lambda F, nn, t: F.softplus(t(WIDE, True)),
    "softplus_beta": lambda F, nn, t: F.softplus(t(WIDE, True), 2, 10),
    "silu": lambda F, nn, t: F.silu(t(WIDE, True)),
    "mish": lambda F, nn, t: F.mish(t(WIDE[1:], True)),
    "hardtanh": lambda F, nn, t: F.hardtanh(t(WIDE, True), -2.0, 3.0),
    "relu6": lambda F, nn, t: F.relu6(t(WIDE, True)),
    "softsign": lambda F, nn, t: F.softsign(t(WIDE, True)),
    "logsigmoid": lambda F, nn, t: F.logsigmoid(t(WIDE[1:], True)),
    "hardsigmoid": lambda F, nn, t: F.hardsigmoid(t(WIDE, True)),
    "hardswish": lambda F, nn, t: F.hardswish(t(WIDE, True)),
    "threshold": lambda F, nn, t: F.threshold(t(WIDE, True), 1.0, 5.0),
    "softmin": lambda F, nn, t: F.softmin(t(X2, True), 1),
    "prelu_shared": lambda F, nn, t: F.prelu(t(WIDE, True), t([0.25], True)),
    "prelu_channels": lambda F, nn, t: F.prelu(t(X3, True), t([0.1, 0.3], True)),
    "cosine_similarity": lambda F, nn, t: F.cosine_similarity(t(X2, True), t(TABLE, True)),
    "cosine_similarity_dim0_broadcast": lambda F, nn, t: F.cosine_similarity(t(X2, True), t(W3), dim=-1),
    "normalize": lambda F, nn, t: F.normalize(t(X2, True)),
    "normalize_p1": lambda F, nn, t: F.normalize(t(X2, True), p=1.0, dim=0),
    "pairwise_distance": lambda F, nn, t: F.pairwise_distance(t(X2, True), t(TABLE, True)),
    "pairwise_distance_p1_keepdim": lambda F, nn, t: F.pairwise_distance(t(X2, True), t(TABLE), 1.0, keepdim=True),
    "pairwise_distance_p3": lambda F, nn, t: F.pairwise_distance(t(X2, True), t(TABLE, True), 3.0),
    "pad": lambda F, nn, t: F.pad(t(X3, True), (1, 2)),
    "pad_crop_value": lambda F, nn, t: F.pad(t(X3, True), (1, -1, -1, 2), value=-1.5),
    "pad_three_dims": lambda F, nn, t: F.pad(t(X3, True), (0, 0, 1, 0, 2, 1)),
    "kl_div_batchmean": lambda F, nn, t: F.kl_div(
        t(np.log(PROBS[:, ::-1] * 0.8 + 0.1), True), t(PROBS), None, None, "batchmean"
    ),
    "kl_div_mean": lambda F, nn, t: F.kl_div(t(np.log(PROBS[:, ::-1] * 0.8 + 0.1), True), t(PROBS)),
    "kl_div_sum": lambda F, nn, t: F.kl_div(t(X2[:3, :2], True), t(PROBS), reduction="sum"),
    "kl_div_none_log_target": lambda F, nn, t: F.kl_div(
        t(X2[:3, :2], True), t(np.log(PROBS + 0.1), True), reduction="none", log_target=True
    ),
    "conv2d": lambda F, nn, t: F.conv2d(t(IMG, True), t(KER, True), t(B3[:2], True)),
    "conv2d_strided_padded_dilated": lambda F, nn, t: F.conv2d(
        t(IMG, True), t(KER, True), None, stride=(2, 1), padding=(1, 2), dilation=(1, 2)
    ),
    "conv2d_groups_same": lambda F, nn, t: F.conv2d(t(IMG[:, :2], True), t(KER[:, :1], True), padding="same", groups=2),
    "conv2d_unbatched": lambda F, nn, t: F.conv2d(t(IMG[0], True), t(KER, True), stride=2),
    "conv1d": lambda F, nn, t: F.conv1d(t(IMG[:, :, 0], True), t(KER[:, :, 0], True), t(B3[:2], True), padding=1),
    "max_pool2d": lambda F, nn, t: F.max_pool2d(t(IMG, True), 2),
    "max_pool2d_overlap_ceil": lambda F, nn, t: F.max_pool2d(t(IMG, True), 3, 2, 1, ceil_mode=True),
    "max_pool2d_dilated_unbatched": lambda F, nn, t: F.max_pool2d(t(IMG[0], True), (2, 3), (1, 2), dilation=(2, 1)),
    "max_pool1d": lambda F, nn, t: F.max_pool1d(t(IMG[:, :, 0], True), 3, 2),
    "margin_ranking": lambda F, nn, t: F.margin_ranking_loss(t(X2[:, 0], True), t(TABLE[:, 0], True), t(SIGNS), 0.2),
    "margin_ranking_sum": lambda F, nn, t: F.margin_ranking_loss(
        t(X2[:, 0], True), t(TABLE[:, 0]), t(SIGNS), reduction="sum"
    ),
    "margin_ranking_none": lambda F, nn, t: F.margin_ranking_loss(
        t(X2[:, 0], True), t(TABLE[:, 0]), t(SIGNS), reduction="none"
    ),
    "hinge_embedding": lambda F, nn, t: F.hinge_embedding_loss(t(X2[:, 0], True), t(SIGNS), margin=1.5),
    "hinge_embedding_none": lambda F, nn, t: F.hinge_embedding_loss(t(X2[:, 0], True), t(SIGNS), reduction="none"),
    "soft_margin": lambda F, nn, t: F.soft_margin_loss(t(X2[:, 0], True), t(SIGNS)),
    "soft_margin_sum": lambda F, nn, t: F.soft_margin_loss(t(X2, True), t(np.sign(TABLE)), reduction="sum"),
    "soft_margin_none": lambda F, nn, t: F.soft_margin_loss(t(X2[:, 0], True), t(SIGNS), reduction="none"),
    "avg_pool2d": lambda F, nn, t: F.avg_pool2d(t(IMG, True), 2),
    "avg_pool2d_ceil_exclude_pad": lambda F, nn, t: F.avg_pool2d(t(IMG, True), 3, 2, 1, True, False),
    "avg_pool2d_ceil_include_pad": lambda F, nn, t: F.avg_pool2d(t(IMG, True), 3, 2, 1, ceil_mode=True),
    "avg_pool2d_divisor_unbatched": lambda F, nn, t: F.avg_pool2d(
        t(IMG[0], True), (2, 3), (1, 2), 1, divisor_override=4
    ),
    "adaptive_avg_pool2d": lambda F, nn, t: F.adaptive_avg_pool2d(t(IMG, True), (4, 3)),
    "adaptive_avg_pool2d_global": lambda F, nn, t: F.adaptive_avg_pool2d(t(IMG, True), 1),
    "adaptive_avg_pool2d_keep": lambda F, nn, t: F.adaptive_avg_pool2d(t(IMG[0], True), (None, 5)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_functional_float64(name: str) -> None:
    _compare(CASES[name], "float64", rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("name", sorted(CASES))
def test_functional_float32(name: str) -> None:
    _compare(CASES[name], "float32", rtol=2e-5, atol=2e-6)


# ------------------------------------------------------------------------------------------ module scenarios
def _same(scenario: Callable[[Any, Any], list[Any]], atol: float = 1e-6) -> None:
    """Run ``scenario(lib, nn)`` with both libraries: strings must match exactly, arrays to float32 precision
    (``atol`` absorbs float32 cancellation in gradients that are small differences of large terms)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours, theirs = scenario(mt, mt.nn), scenario(torch, torch.nn)
    assert len(ours) == len(theirs)
    for i, (mine, ref) in enumerate(zip(ours, theirs)):
        if isinstance(ref, torch.Tensor):
            assert str(mine.dtype) == str(ref.dtype), i
            np.testing.assert_allclose(
                mine.detach().numpy(), ref.detach().numpy(), rtol=1e-5, atol=atol, err_msg=str(i)
            )
        else:
            assert mine == ref, i


def test_batchnorm1d_train_eval_buffers_and_repr() -> None:
    def scenario(lib: Any, nn: Any) -> list[Any]:
        lib.manual_seed(0)
        bn = nn.BatchNorm1d(3)
        x = (lib.randn(6, 3) * 3 + 1).requires_grad_()
        y = bn(x)
        out = [repr(bn), str(y), type(y.grad_fn).__name__, list(bn.state_dict()), [n for n, _ in bn.named_buffers()]]
        (y * lib.arange(18.0).reshape(6, 3)).sum().backward()
        out += [x.grad, bn.weight.grad, bn.bias.grad, bn.running_mean, bn.running_var, bn.num_batches_tracked]
        bn.eval()
        y_eval = bn(x)
        out += [y_eval, type(y_eval.grad_fn).__name__, bn.num_batches_tracked, bn.training]
        bn.train()
        bn(lib.randn(4, 3, 5))
        out += [bn.running_mean, bn.running_var, bn.num_batches_tracked]
        return out

    _same(scenario)


def test_batchnorm_options() -> None:
    def scenario(lib: Any, nn: Any) -> list[Any]:
        lib.manual_seed(1)
        cumulative = nn.BatchNorm1d(2, momentum=None, affine=False)
        for _ in range(3):
            cumulative(lib.randn(4, 2, 5))
        untracked = nn.BatchNorm1d(2, track_running_stats=False).eval()
        no_bias = nn.BatchNorm1d(2, bias=False, eps=1e-3, momentum=0.3)
        two_d = nn.BatchNorm2d(3)
        z = two_d(lib.randn(2, 3, 2, 2))
        return [
            cumulative.running_mean,
            cumulative.running_var,
            cumulative.num_batches_tracked,
            repr(cumulative),
            untracked(lib.tensor([[1.0, 2.0], [3.0, 5.0]])),
            list(untracked.state_dict()),
            untracked.running_mean is None,
            repr(no_bias),
            list(no_bias.state_dict()),
            no_bias.bias is None,
            repr(two_d),
            z,
            two_d.running_var,
            list(nn.BatchNorm1d(2).double().state_dict().values())[0].dtype == lib.float64,
        ]

    _same(scenario)


def test_layernorm_module() -> None:
    def scenario(lib: Any, nn: Any) -> list[Any]:
        lib.manual_seed(2)
        ln = nn.LayerNorm(3)
        x = lib.randn(2, 4, 3, requires_grad=True)
        y = ln(x)
        (y**3).sum().backward()
        flat = nn.LayerNorm([4, 3], elementwise_affine=False)
        return [
            repr(ln),
            repr(flat),
            repr(nn.LayerNorm(3, bias=False)),
            list(ln.state_dict()),
            list(flat.state_dict()),
            y,
            type(y.grad_fn).__name__,
            x.grad,
            ln.weight.grad,
            ln.bias.grad,
            flat(x),
            ln.normalized_shape,
        ]

    _same(scenario, atol=1e-5)


def test_embedding_module_init_padding_and_grads() -> None:
    def scenario(lib: Any, nn: Any) -> list[Any]:
        lib.manual_seed(0)
        emb = nn.Embedding(5, 3, padding_idx=1)
        idx = lib.tensor([[1, 2, 2], [0, 4, 1]])
        y = emb(idx)
        (y**2).sum().backward()
        renorm = nn.Embedding(5, 3, max_norm=1.0, scale_grad_by_freq=True)
        (renorm(idx) * 2).sum().backward()
        frozen = nn.Embedding.from_pretrained(lib.tensor([[1.0, 2.0], [3.0, 4.0]]))
        return [
            repr(emb),
            emb.weight,
            y,
            type(y.grad_fn).__name__,
            emb.weight.grad,
            renorm.weight,
            renorm.weight.grad,
            repr(renorm),
            frozen(lib.tensor([1])),
            frozen.weight.requires_grad,
            repr(nn.Embedding(4, 2, padding_idx=-1)),
            repr(nn.Embedding(4, 2, norm_type=1.0)),
            list(emb.state_dict()),
        ]

    _same(scenario)


def test_activation_modules() -> None:
    def scenario(lib: Any, nn: Any) -> list[Any]:
        x = lib.tensor([[-2.0, -0.5, 0.0], [0.5, 3.0, 8.0]], requires_grad=True)
        modules = [
            nn.ELU(), nn.ELU(alpha=0.5, inplace=True), nn.SELU(), nn.SELU(True), nn.Softplus(),
            nn.Softplus(beta=2, threshold=10), nn.SiLU(), nn.SiLU(inplace=True), nn.Mish(), nn.Hardtanh(),
            nn.Hardtanh(-2, 2, True), nn.ReLU6(), nn.ReLU6(True), nn.Softsign(), nn.LogSigmoid(),
            nn.Hardsigmoid(True), nn.Hardswish(), nn.Threshold(0.1, 20), nn.Softmin(1), nn.Softmin(),
            nn.PReLU(), nn.PReLU(3, init=0.1),
        ]  # fmt: skip
        out: list[Any] = []
        for module in modules:
            out.append(repr(module))
            if getattr(module, "inplace", False) or (isinstance(module, nn.Softmin) and module.dim is None):
                continue  # torch refuses in-place ops on a leaf that requires grad; the repr is what counts
            y = module(x)
            out += [y, type(y.grad_fn).__name__]
        prelu = nn.PReLU(2)
        y = prelu(lib.tensor([[-1.0, 2.0], [-3.0, -4.0]]))
        y.sum().backward()
        out += [list(prelu.state_dict()), prelu.weight, prelu.weight.grad]
        return out

    _same(scenario)


def test_distance_loss_and_shape_modules() -> None:
    def scenario(lib: Any, nn: Any) -> list[Any]:
        a = lib.tensor([[1.0, 2.0, 2.0], [0.0, 0.0, 0.0]], requires_grad=True)
        b = lib.tensor([[2.0, 0.0, 1.0], [1.0, 1.0, 1.0]])
        sim = nn.CosineSimilarity(dim=1)(a, b)
        sim.sum().backward()
        logp = lib.log_softmax(lib.tensor([[1.0, 2.0], [0.3, 0.1]]), 1)
        target = lib.tensor([[0.3, 0.7], [0.0, 1.0]])
        unflatten = nn.Unflatten(1, (2, 3))
        return [
            repr(nn.CosineSimilarity()),
            repr(nn.PairwiseDistance(p=1.0, keepdim=True)),
            sim,
            a.grad,
            nn.PairwiseDistance()(a, b),
            repr(nn.KLDivLoss(reduction="batchmean", log_target=True)),
            nn.KLDivLoss(reduction="batchmean")(logp, target),
            nn.KLDivLoss()(logp, target),
            repr(nn.MarginRankingLoss(margin=0.5)),
            repr(nn.HingeEmbeddingLoss()),
            repr(nn.SoftMarginLoss(reduction="sum")),
            nn.MarginRankingLoss(margin=0.5)(a[:, 0], b[:, 0], lib.tensor([1.0, -1.0])),
            nn.HingeEmbeddingLoss(margin=2.0, reduction="sum")(a[:, 1], lib.tensor([1.0, -1.0])),
            nn.SoftMarginLoss(reduction="none")(a[:, 2], lib.tensor([1.0, -1.0])),
            repr(unflatten),
            unflatten(lib.arange(12.0).reshape(2, 6)),
            tuple(nn.Unflatten(-1, (-1, 2))(lib.ones(3, 4)).shape),
            repr(nn.Unflatten(0, [2, 2])),
        ]

    _same(scenario)


def test_parameter_dict() -> None:
    def scenario(lib: Any, nn: Any) -> list[Any]:
        pd = nn.ParameterDict({"b": nn.Parameter(lib.ones(2)), "a": lib.zeros(3)})
        pd["c"] = lib.ones(1, 2)
        pd.update([("d", nn.Parameter(lib.ones(1)))])
        pd["o"] = 1.5
        out = [repr(pd), list(pd.keys()), len(pd), "a" in pd, [n for n, _ in pd.named_parameters()]]
        out += [list(pd.state_dict()), type(pd.pop("c")).__name__, list(pd), type(pd["a"]).__name__, pd.get("q", 3)]

        class Holder(nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.p = nn.ParameterDict({"w": nn.Parameter(lib.ones(2))})
                self.e = nn.ParameterDict()

        holder = Holder()
        return out + [repr(holder), list(holder.state_dict())]

    _same(scenario)


def test_parameters_to_vector_round_trip() -> None:
    def scenario(lib: Any, nn: Any) -> list[Any]:
        lib.manual_seed(3)
        model = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
        vec = nn.utils.parameters_to_vector(model.parameters())
        nn.utils.vector_to_parameters(lib.arange(float(vec.numel())), model.parameters())
        return [vec, type(vec.grad_fn).__name__, model[0].weight, model[2].bias]

    _same(scenario)


def test_reduce_lr_on_plateau() -> None:
    def scenario(lib: Any, nn: Any) -> list[Any]:
        opt = lib.optim.SGD([nn.Parameter(lib.ones(1))], lr=0.1)
        sched = lib.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=0.5, patience=1, cooldown=1, min_lr=0.02)
        lrs = []
        for loss in [1.0, 0.9, 0.95, 0.97, 0.99, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]:
            sched.step(loss)
            lrs.append(opt.param_groups[0]["lr"])
        maxing = lib.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="max", threshold=0.1, threshold_mode="abs")
        for acc in [0.5, 0.55] * 8:
            maxing.step(acc)
        return [lrs, sched.get_last_lr(), sched.num_bad_epochs, sched.best, opt.param_groups[0]["lr"], maxing.best]

    _same(scenario)


ERRORS: dict[str, Callable[[Any, Any], Any]] = {
    "bn_one_value_per_channel": lambda lib, nn: nn.BatchNorm1d(3)(lib.ones(1, 3)),
    "bn_wrong_channels": lambda lib, nn: nn.BatchNorm1d(3)(lib.ones(2, 4)),
    "bn1d_rank": lambda lib, nn: nn.BatchNorm1d(3)(lib.ones(3)),
    "bn2d_rank": lambda lib, nn: nn.BatchNorm2d(3)(lib.ones(2, 3)),
    "bn_eval_without_stats": lambda lib, nn: nn.functional.batch_norm(lib.ones(2, 3), None, None),
    "layer_norm_shape": lambda lib, nn: nn.LayerNorm(3)(lib.ones(2, 4)),
    "embedding_float_index": lambda lib, nn: nn.Embedding(3, 2)(lib.tensor([1.0])),
    "embedding_out_of_range": lambda lib, nn: nn.Embedding(3, 2)(lib.tensor([3])),
    "embedding_negative": lambda lib, nn: nn.Embedding(3, 2)(lib.tensor([-1])),
    "embedding_padding_idx": lambda lib, nn: nn.Embedding(3, 2, padding_idx=3),
    "hardtanh_bounds": lambda lib, nn: nn.Hardtanh(2, 1),
    "prelu_channels": lambda lib, nn: nn.functional.prelu(lib.ones(2, 3), lib.ones(2)),
    "unflatten_int": lambda lib, nn: nn.Unflatten(1, 3),
    "unflatten_float": lambda lib, nn: nn.Unflatten(1, (2, 3.0)),
    "unflatten_sizes": lambda lib, nn: nn.Unflatten(1, (2, 3))(lib.ones(2, 5)),
    "pad_odd": lambda lib, nn: nn.functional.pad(lib.ones(2, 2), (1,)),
    "pad_too_long": lambda lib, nn: nn.functional.pad(lib.ones(2, 2), (1,) * 6),
    "pad_negative": lambda lib, nn: nn.functional.pad(lib.ones(3, 3), (-2, -2)),
    "parameter_dict_key": lambda lib, nn: nn.ParameterDict().__setitem__(1, lib.ones(1)),
    "vector_to_parameters": lambda lib, nn: nn.utils.vector_to_parameters([1.0], []),
    "conv_channels": lambda lib, nn: nn.Conv2d(1, 6, 5)(lib.ones(2, 3, 8, 8)),
    "conv_rank": lambda lib, nn: nn.Conv2d(1, 6, 5)(lib.ones(8, 8)),
    "conv_kernel_too_big": lambda lib, nn: nn.Conv2d(1, 2, 3)(lib.ones(1, 1, 2, 2)),
    "conv_groups": lambda lib, nn: nn.Conv2d(3, 4, 3, groups=2),
    "conv_same_strided": lambda lib, nn: nn.Conv2d(2, 2, 3, stride=2, padding="same"),
    "conv_dtype": lambda lib, nn: nn.functional.conv2d(lib.ones(1, 2, 4, 4, dtype=lib.float64), lib.ones(1, 2, 3, 3)),
    "max_pool_rank": lambda lib, nn: nn.functional.max_pool2d(lib.ones(2, 3), 2),
    "max_pool_too_small": lambda lib, nn: nn.functional.max_pool2d(lib.ones(1, 2, 3), 4),
    "max_pool_pad": lambda lib, nn: nn.MaxPool2d(2, padding=2)(lib.ones(1, 1, 4, 4)),
    "dropout1d_rank": lambda lib, nn: nn.Dropout1d()(lib.ones(2, 3, 4, 5)),
    "avg_pool_rank": lambda lib, nn: nn.functional.avg_pool2d(lib.ones(2, 3), 2),
    "avg_pool_pad": lambda lib, nn: nn.AvgPool2d(2, padding=2)(lib.ones(1, 1, 4, 4)),
    "rnn_input_size": lambda lib, nn: nn.RNN(3, 4)(lib.randn(2, 2, 5)),
    "rnn_nonlinearity": lambda lib, nn: nn.RNN(3, 4, nonlinearity="sigmoid"),
    "soft_margin_target_grad": lambda lib, nn: nn.functional.soft_margin_loss(
        lib.ones(2), lib.ones(2, requires_grad=True)
    ),
    "plateau_factor": lambda lib, nn: lib.optim.lr_scheduler.ReduceLROnPlateau(
        lib.optim.SGD([nn.Parameter(lib.ones(1))], lr=0.1), factor=1.0
    ),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors_match_torch(name: str) -> None:
    with pytest.raises(Exception) as theirs:
        ERRORS[name](torch, torch.nn)
    with pytest.raises(Exception) as ours:
        ERRORS[name](mt, mt.nn)
    assert type(ours.value).__name__ == type(theirs.value).__name__
    assert str(ours.value) == str(theirs.value)


SCHEDULERS: dict[str, Callable[[Any, Any], Any]] = {
    "linear": lambda S, opt: S.LinearLR(opt),
    "linear_custom": lambda S, opt: S.LinearLR(opt, start_factor=0.1, end_factor=0.5, total_iters=4),
    "constant": lambda S, opt: S.ConstantLR(opt),
    "constant_custom": lambda S, opt: S.ConstantLR(opt, factor=0.5, total_iters=2),
    "one_cycle": lambda S, opt: S.OneCycleLR(opt, max_lr=1.0, total_steps=10),
    "one_cycle_three_phase": lambda S, opt: S.OneCycleLR(
        opt, 0.5, epochs=3, steps_per_epoch=4, anneal_strategy="linear", three_phase=True
    ),
    "one_cycle_no_momentum": lambda S, opt: S.OneCycleLR(opt, 0.5, 7, pct_start=0.5, cycle_momentum=False),
}


@pytest.mark.parametrize("optimizer", ["SGD", "Adam"])
@pytest.mark.parametrize("name", sorted(SCHEDULERS))
def test_new_schedulers_give_torchs_floats(name: str, optimizer: str) -> None:
    def scenario(lib: Any, nn: Any) -> list[Any]:
        extra = {"momentum": 0.9} if optimizer == "SGD" else {}
        opt = getattr(lib.optim, optimizer)([nn.Parameter(lib.ones(1))], lr=0.1, **extra)
        sched = SCHEDULERS[name](lib.optim.lr_scheduler, opt)
        keys = ("lr", "momentum", "betas")
        seen = [[opt.param_groups[0].get(k) for k in keys]]
        for _ in range(getattr(sched, "total_steps", 9) - 1):
            opt.step()
            sched.step()
            seen.append([opt.param_groups[0].get(k) for k in keys])
        return [seen, sched.get_last_lr()]

    _same(scenario)


def test_conv_and_pool_modules_init_repr_and_training_step() -> None:
    def scenario(lib: Any, nn: Any) -> list[Any]:
        lib.manual_seed(0)
        net = nn.Sequential(
            nn.Conv2d(1, 4, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(4, 2, (2, 3), stride=(1, 2), dilation=(2, 1), groups=2, bias=False),
            nn.Flatten(),
            nn.Linear(4, 3),
        )
        x, y = lib.randn(5, 1, 8, 8), lib.tensor([0, 2, 1, 1, 0])
        opt = lib.optim.SGD(net.parameters(), lr=0.1)
        losses = []
        for _ in range(3):
            opt.zero_grad()
            loss = nn.functional.cross_entropy(net(x), y)
            loss.backward()
            opt.step()
            losses.append(loss.detach())
        pooled, index = nn.MaxPool2d(2, return_indices=True)(lib.randn(2, 4, 4))
        return [
            repr(net),
            repr(nn.Conv1d(4, 4, 3, padding="same", groups=2)),
            repr(nn.Conv2d(2, 2, 3, padding_mode="reflect")),
            repr(nn.MaxPool2d(3, 1, 1, ceil_mode=True)),
            repr(nn.MaxPool1d(2)),
            list(net.state_dict()),
            *losses,
            net[0].weight,
            net[3].weight.grad,
            pooled,
            index,
            type(pooled.grad_fn).__name__ if pooled.grad_fn else "",
        ]

    _same(scenario)


def test_conv_double_backward() -> None:
    def scenario(lib: Any, nn: Any) -> list[Any]:
        lib.manual_seed(4)
        conv = nn.Conv2d(2, 4, 3, padding=(1, 0), groups=2, stride=(1, 2))
        x = lib.randn(1, 2, 5, 6, requires_grad=True)
        (g,) = lib.autograd.grad((conv(x) ** 2).sum(), x, create_graph=True)
        return [type(g.grad_fn).__name__, g, *lib.autograd.grad((g**2).sum(), [x, conv.weight, conv.bias])]

    _same(scenario)


def test_channel_dropout_draws_torchs_masks() -> None:
    def scenario(lib: Any, nn: Any) -> list[Any]:
        lib.manual_seed(0)
        out: list[Any] = []
        cases = [
            (nn.Dropout2d(0.5), lib.ones(2, 3, 2, 2)),
            (nn.Dropout2d(0.3), lib.ones(3, 2, 2)),
            (nn.Dropout1d(0.5), lib.ones(2, 3, 4)),
            (nn.Dropout1d(0.5), lib.ones(3, 4)),
            (nn.Dropout2d(0.5), lib.ones(4, 5)),
        ]
        for module, x in cases:
            x.requires_grad_()
            y = module(x)
            y.sum().backward()
            out += [repr(module), y, type(y.grad_fn).__name__, x.grad, module.eval()(x) is x]
        return out + [lib.rand(3)]  # the generator advanced exactly as torch's

    _same(scenario)


def test_pool_modules_repr() -> None:
    def scenario(lib: Any, nn: Any) -> list[Any]:
        return [
            repr(nn.AvgPool2d(2)),
            repr(nn.AvgPool2d(3, 2, 1, ceil_mode=True, count_include_pad=False)),
            repr(nn.AdaptiveAvgPool2d((1, 1))),
            repr(nn.AdaptiveAvgPool2d(1)),
            nn.AdaptiveAvgPool2d((2, None))(lib.ones(1, 4, 3)),
        ]

    _same(scenario)


def test_recurrent_layers_init_outputs_and_grads() -> None:
    def scenario(lib: Any, nn: Any) -> list[Any]:
        lib.manual_seed(0)
        modules = [
            nn.RNN(3, 4),
            nn.LSTM(3, 4, num_layers=2, batch_first=True),
            nn.GRU(3, 4, bidirectional=True),
            nn.LSTM(3, 2, num_layers=2, bidirectional=True, dropout=0.5),
            nn.RNN(3, 4, nonlinearity="relu", bias=False, num_layers=2),
        ]
        inputs = [lib.randn(5, 2, 3), lib.randn(2, 5, 3), lib.randn(4, 3), lib.randn(3, 2, 3), lib.randn(4, 1, 3)]
        out: list[Any] = []
        for module, x in zip(modules, inputs):
            x.requires_grad_()
            y, h = module(x)
            states = list(h) if isinstance(h, tuple) else [h]
            (y.sum() + sum((s * s).sum() for s in states)).backward()
            out += [repr(module), [n for n, _ in module.named_parameters()], y, *states, x.grad]
            out += [p.grad for p in module.parameters()]
        lstm = nn.LSTM(3, 4)
        y, (h, c) = lstm(lib.randn(2, 3), (lib.randn(1, 4), lib.randn(1, 4)))
        return out + [y, h, c]

    _same(scenario)


def test_recurrent_cells() -> None:
    def scenario(lib: Any, nn: Any) -> list[Any]:
        lib.manual_seed(1)
        out: list[Any] = []
        for cell in [
            nn.RNNCell(3, 4),
            nn.LSTMCell(3, 4),
            nn.GRUCell(3, 4, bias=False),
            nn.RNNCell(3, 2, nonlinearity="relu"),
        ]:
            x = lib.randn(2, 3, requires_grad=True)
            batched, single = cell(x), cell(x[0])
            states = list(batched) if isinstance(batched, tuple) else [batched]
            sum(s.sum() for s in states).backward()
            out += [
                repr(cell),
                *states,
                *(single if isinstance(single, tuple) else [single]),
                x.grad,
                cell.weight_hh.grad,
            ]
        return out

    _same(scenario)


def test_trunc_normal_and_orthogonal_draw_torchs_values() -> None:
    def scenario(lib: Any, nn: Any) -> list[Any]:
        lib.manual_seed(0)
        out: list[Any] = []
        for shape, options in [
            ((1000,), {}),
            ((20, 30), {"mean": 1.0, "std": 0.5, "a": 0.0, "b": 1.5}),
            ((30,), {"a": 2.0, "b": 3.0}),
            ((40,), {"std": 0.02, "a": -0.01, "b": 0.005}),
        ]:
            out.append(nn.init.trunc_normal_(lib.empty(*shape), **options))
        for shape, gain in [((3, 5), 1.0), ((6, 2), 2.0), ((4, 2, 3), 1.0)]:
            out.append(nn.init.orthogonal_(lib.empty(*shape), gain=gain))
        return out + [lib.rand(3)]

    _same(scenario)
