"""nn breadth against real torch: the less common losses, activations and layers (values, grad_fn names,
gradients with a non-uniform upstream gradient, reprs, seeded init, error types and messages).

Each case is written once as ``case(F, nn, t)``, where ``t`` builds a tensor in the engine under test, and
runs on torch and on minitorch_scalar with the same inputs, in float64 (compared tightly) and float32.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import minitorch_scalar as mt  # noqa: E402

RNG = np.random.default_rng(4321)
X = RNG.standard_normal((4, 5))
Y = RNG.standard_normal((4, 5))
Z = RNG.standard_normal((4, 5))
SIGNS = np.array([1.0, -1.0, -1.0, 1.0])
COUNTS = np.array([[0.0, 1.0, 2.0, 5.0, 3.0], [1.0, 0.0, 4.0, 2.0, 7.0]] * 2)
LABELS = np.array([0, 4, 2, 2])
MULTI = np.array([[3, 0, -1, 1, 2], [0, 1, 2, 3, 4], [1, -1, 0, 0, 0], [4, 4, -1, 2, 2]])
IMG = RNG.standard_normal((2, 4, 5, 6))
SEQ = RNG.standard_normal((2, 4, 7))
REDUCTIONS = ("mean", "sum", "none")
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
        lib.manual_seed(7)
        out = case(F, nn, t)
    name = type(out.grad_fn).__name__ if out.grad_fn is not None else ""
    value = out.detach().numpy().copy()
    if made and out.requires_grad:
        upstream = np.linspace(0.5, 1.5, max(out.numel(), 1)).reshape(tuple(out.shape))
        out.backward(lib.tensor(upstream.astype(dtype)))
    grads = [None if m.grad is None else m.grad.numpy().copy() for m in made]
    return value, name, grads


def _compare(case: Callable[..., Any], dtype: str = "float64", rtol: float = 1e-10, atol: float = 1e-12) -> None:
    theirs = _run(case, "torch", dtype)
    ours = _run(case, "ours", dtype)
    assert ours[1] == theirs[1], f"grad_fn {ours[1]} != torch's {theirs[1]}"
    assert ours[0].shape == theirs[0].shape
    np.testing.assert_allclose(ours[0], theirs[0], rtol=rtol, atol=atol)
    assert len(ours[2]) == len(theirs[2])
    for mine, ref in zip(ours[2], theirs[2]):
        assert (mine is None) == (ref is None)
        if ref is not None:
            np.testing.assert_allclose(mine, ref, rtol=rtol, atol=atol)


def _error(case: Callable[..., Any]) -> None:
    """Both engines raise the same exception type with the same message."""
    caught = []
    for engine in ("torch", "ours"):
        lib, nn, F = ENGINES[engine]

        def t(values: Any, grad: bool = False, kind: str = "float", lib: Any = lib) -> Any:
            dt = np.int64 if kind == "long" else np.float32
            return lib.tensor(np.asarray(values, dtype=dt), requires_grad=grad)

        with pytest.raises(Exception) as info:  # noqa: PT011 - the type is compared below
            case(F, nn, t)
        caught.append(info.value)
    assert type(caught[1]) is type(caught[0]), (caught[1], caught[0])
    assert str(caught[1]) == str(caught[0])


LOSSES: dict[str, Callable[..., Any]] = {
    "cosine_embedding": lambda F, nn, t, r: F.cosine_embedding_loss(t(X, True), t(Y, True), t(SIGNS), reduction=r),
    "cosine_embedding_margin": lambda F, nn, t, r: nn.CosineEmbeddingLoss(0.2, reduction=r)(
        t(X, True), t(X + 0.3 * Y, True), t(SIGNS)
    ),
    "cosine_embedding_1d": lambda F, nn, t, r: F.cosine_embedding_loss(
        t(X[0], True), t(Y[0], True), t(-1.0), margin=-0.5, reduction=r
    ),
    "poisson": lambda F, nn, t, r: F.poisson_nll_loss(t(X, True), t(COUNTS), reduction=r),
    "poisson_full": lambda F, nn, t, r: nn.PoissonNLLLoss(full=True, reduction=r)(t(X, True), t(COUNTS)),
    "poisson_rate": lambda F, nn, t, r: nn.PoissonNLLLoss(log_input=False, reduction=r)(
        t(np.abs(X) + 0.1, True), t(COUNTS)
    ),
    "gaussian": lambda F, nn, t, r: F.gaussian_nll_loss(t(X, True), t(Y, True), t(np.abs(Z) + 0.01, True), reduction=r),
    "gaussian_full_clamped": lambda F, nn, t, r: nn.GaussianNLLLoss(full=True, eps=0.5, reduction=r)(
        t(X, True), t(Y), t(np.abs(Z), True)
    ),
    "gaussian_homo": lambda F, nn, t, r: F.gaussian_nll_loss(
        t(X, True), t(Y), t(np.abs(Z[:, 0]) + 0.1, True), reduction=r
    ),
    "gaussian_float": lambda F, nn, t, r: F.gaussian_nll_loss(t(X, True), t(Y), 0.7, reduction=r),
    "multilabel_soft_margin": lambda F, nn, t, r: F.multilabel_soft_margin_loss(
        t(X, True), t((Y > 0).astype(float)), reduction=r
    ),
    "multilabel_soft_margin_w": lambda F, nn, t, r: nn.MultiLabelSoftMarginLoss(t(np.abs(Z[0])), reduction=r)(
        t(X, True), t((Y > 0).astype(float))
    ),
    "multi_margin": lambda F, nn, t, r: F.multi_margin_loss(t(X, True), t(LABELS, kind="long"), reduction=r),
    "multi_margin_p2_w": lambda F, nn, t, r: nn.MultiMarginLoss(p=2, margin=0.7, weight=t(np.abs(Z[1])), reduction=r)(
        t(X, True), t(LABELS, kind="long")
    ),
    "multi_margin_1d": lambda F, nn, t, r: F.multi_margin_loss(t(X[0], True), t(3, kind="long"), reduction=r),
    "multilabel_margin": lambda F, nn, t, r: nn.MultiLabelMarginLoss(reduction=r)(t(X, True), t(MULTI, kind="long")),
    "multilabel_margin_1d": lambda F, nn, t, r: F.multilabel_margin_loss(
        t(X[1], True), t(MULTI[2], kind="long"), reduction=r
    ),
    "triplet": lambda F, nn, t, r: F.triplet_margin_loss(t(X, True), t(Y, True), t(Z, True), reduction=r),
    "triplet_swap_p1": lambda F, nn, t, r: nn.TripletMarginLoss(margin=2.0, p=1, swap=True, reduction=r)(
        t(X, True), t(Y, True), t(X + 0.1 * Z, True)
    ),
    "triplet_distance": lambda F, nn, t, r: F.triplet_margin_with_distance_loss(
        t(X, True), t(Y, True), t(Z, True), reduction=r
    ),
    "triplet_distance_cos": lambda F, nn, t, r: nn.TripletMarginWithDistanceLoss(
        distance_function=lambda a, b: 1.0 - F.cosine_similarity(a, b), margin=0.5, swap=True, reduction=r
    )(t(X, True), t(Y, True), t(Z, True)),
}


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", sorted(LOSSES))
def test_loss_matches_torch(name: str, reduction: str) -> None:
    case = LOSSES[name]
    _compare(lambda F, nn, t: case(F, nn, t, reduction))
    _compare(lambda F, nn, t: case(F, nn, t, reduction), "float32", rtol=2e-5, atol=2e-6)


LOSS_ERRORS: dict[str, Callable[..., Any]] = {
    "cos_emb_rank": lambda F, nn, t: F.cosine_embedding_loss(t(X), t(Y[0]), t(SIGNS)),
    "cos_emb_reduction": lambda F, nn, t: F.cosine_embedding_loss(t(X), t(Y), t(SIGNS), reduction="avg"),
    "gauss_size": lambda F, nn, t: F.gaussian_nll_loss(t(X), t(Y), t(np.ones(2))),
    "gauss_negative": lambda F, nn, t: F.gaussian_nll_loss(t(X), t(Y), t(-np.ones(4))),
    "gauss_reduction": lambda F, nn, t: F.gaussian_nll_loss(t(X), t(Y), 1.0, reduction="avg"),
    "mlsm_reduction": lambda F, nn, t: F.multilabel_soft_margin_loss(t(X), t(Y), reduction="avg"),
    "poisson_reduction": lambda F, nn, t: F.poisson_nll_loss(t(X), t(Y), reduction="avg"),
    "mm_range": lambda F, nn, t: F.multi_margin_loss(t(X), t([1, 2, 4, 5], kind="long")),
    "mm_size": lambda F, nn, t: F.multi_margin_loss(t(X), t([1, 2], kind="long")),
    "mm_p": lambda F, nn, t: F.multi_margin_loss(t(X), t(LABELS, kind="long"), p=3),
    "mm_float": lambda F, nn, t: F.multi_margin_loss(t(X), t(LABELS)),
    "mm_weight": lambda F, nn, t: F.multi_margin_loss(t(X), t(LABELS, kind="long"), weight=t(np.ones(3))),
    "mlm_size": lambda F, nn, t: F.multilabel_margin_loss(t(X), t(LABELS, kind="long")),
    "mlm_float": lambda F, nn, t: F.multilabel_margin_loss(t(X), t(MULTI)),
    "triplet_margin": lambda F, nn, t: F.triplet_margin_loss(t(X), t(Y), t(Z), margin=0),
    "triplet_rank": lambda F, nn, t: F.triplet_margin_loss(t(X), t(Y), t(Z[0])),
    "tripletd_rank": lambda F, nn, t: F.triplet_margin_with_distance_loss(t(X), t(Y), t(Z[0])),
    "tripletd_reduction": lambda F, nn, t: F.triplet_margin_with_distance_loss(t(X), t(Y), t(Z), reduction="avg"),
}


@pytest.mark.parametrize("name", sorted(LOSS_ERRORS))
def test_loss_errors_match_torch(name: str) -> None:
    _error(LOSS_ERRORS[name])


KINKS = np.array([[-0.5, 0.5, 0.0, -1.0, 1.0], [0.25, -0.25, 2.0, -2.0, 0.6]])
ACTIVATIONS: dict[str, Callable[..., Any]] = {
    "glu": lambda F, nn, t: F.glu(t(X[:, :4], True)),
    "glu_dim0": lambda F, nn, t: nn.GLU(0)(t(X, True)),
    "softmax2d": lambda F, nn, t: nn.Softmax2d()(t(IMG, True)),
    "softmax2d_3d": lambda F, nn, t: nn.Softmax2d()(t(IMG[0], True)),
    "tanhshrink": lambda F, nn, t: nn.Tanhshrink()(t(X, True)),
    "softshrink": lambda F, nn, t: F.softshrink(t(X, True), 0.7),
    "softshrink_kinks": lambda F, nn, t: nn.Softshrink()(t(KINKS, True)),
    "hardshrink": lambda F, nn, t: F.hardshrink(t(X, True), 0.7),
    "hardshrink_kinks": lambda F, nn, t: nn.Hardshrink()(t(KINKS, True)),
    "celu": lambda F, nn, t: F.celu(t(X * 2, True)),
    "celu_alpha": lambda F, nn, t: nn.CELU(0.4)(t(X * 2, True)),
    "celu_kinks": lambda F, nn, t: F.celu(t(KINKS, True), 2.0),
    "rrelu_eval": lambda F, nn, t: F.rrelu(t(X, True)),
    "rrelu_eval_module": lambda F, nn, t: nn.RReLU(0.1, 0.3).eval()(t(KINKS, True)),
    "rrelu_train": lambda F, nn, t: F.rrelu(t(X, True), training=True),
    "rrelu_train_module": lambda F, nn, t: nn.RReLU(0.2, 0.6)(t(np.concatenate([X, KINKS]), True)),
}


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_matches_torch(name: str) -> None:
    _compare(ACTIVATIONS[name])
    _compare(ACTIVATIONS[name], "float32", rtol=2e-6, atol=1e-6)


def test_rrelu_training_continues_torch_stream() -> None:
    """After an rrelu draw, the generator is where torch's is: the next rand matches."""
    for lib in (torch, mt):
        lib.manual_seed(3)
    x = np.concatenate([X, KINKS])
    torch.nn.functional.rrelu(torch.tensor(x), training=True)
    mt.nn.functional.rrelu(mt.tensor(x), training=True)
    np.testing.assert_array_equal(mt.rand(5).numpy(), torch.rand(5).numpy())


ACTIVATION_ERRORS: dict[str, Callable[..., Any]] = {
    "glu_odd": lambda F, nn, t: F.glu(t(X)),
    "glu_scalar": lambda F, nn, t: F.glu(t(1.0)),
    "softshrink_negative": lambda F, nn, t: F.softshrink(t(X), -1),
    "celu_zero": lambda F, nn, t: F.celu(t(X), 0.0),
    "rrelu_bounds": lambda F, nn, t: F.rrelu(t(X), 0.5, 0.1),
    "softmax2d_rank": lambda F, nn, t: nn.Softmax2d()(t(X)),
}


@pytest.mark.parametrize("name", sorted(ACTIVATION_ERRORS))
def test_activation_errors_match_torch(name: str) -> None:
    _error(ACTIVATION_ERRORS[name])


def _modules(nn: Any) -> list[Any]:
    """Modules whose repr is compared (built after the same seed in both engines)."""
    return [
        nn.GLU(),
        nn.GLU(dim=1),
        nn.Softmax2d(),
        nn.Tanhshrink(),
        nn.Softshrink(),
        nn.Hardshrink(0.3),
        nn.CELU(),
        nn.CELU(0.5, inplace=True),
        nn.RReLU(),
        nn.RReLU(0.1, 0.2, True),
        nn.CosineEmbeddingLoss(0.5),
        nn.PoissonNLLLoss(),
        nn.GaussianNLLLoss(full=True),
        nn.MultiLabelSoftMarginLoss(),
        nn.MultiLabelMarginLoss(),
        nn.MultiMarginLoss(),
        nn.TripletMarginLoss(),
        nn.TripletMarginWithDistanceLoss(),
        nn.TripletMarginWithDistanceLoss(distance_function=nn.CosineSimilarity()),
        nn.CTCLoss(),
        nn.CTCLoss(blank=3, reduction="sum", zero_infinity=True),
        nn.EmbeddingBag(10, 3),
        nn.EmbeddingBag(10, 3, max_norm=1.0, norm_type=1.0, scale_grad_by_freq=True, mode="sum", padding_idx=-2),
    ]


def test_reprs_match_torch() -> None:
    for lib in (torch, mt):
        lib.manual_seed(0)
    theirs = [repr(m) for m in _modules(torch.nn)]
    ours = [repr(m) for m in _modules(mt.nn)]
    assert ours == theirs


def _run_module(build: Callable[..., Any], inputs: tuple[np.ndarray, ...], engine: str, dtype: str) -> dict[str, Any]:
    """Seed, build a module, run it on ``inputs`` (which require grad) and backward a non-uniform gradient;
    returns the output, its grad_fn name, the input grads and each parameter's value and grad, by name."""
    lib, nn, F = ENGINES[engine]
    lib.manual_seed(11)
    module = build(nn)
    if dtype == "float64":
        module = module.double()
    xs = [lib.tensor(np.asarray(x, dtype=dtype), requires_grad=True) for x in inputs]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = module(*xs)
    upstream = np.linspace(-1.0, 1.5, out.numel()).reshape(tuple(out.shape)).astype(dtype)
    out.backward(lib.tensor(upstream))
    result = {"out": out.detach().numpy(), "grad_fn": type(out.grad_fn).__name__, "repr": repr(module)}
    for i, x in enumerate(xs):
        result[f"input{i}.grad"] = x.grad.numpy()
    for name, p in module.named_parameters():
        result[name] = p.detach().numpy()
        result[name + ".grad"] = p.grad.numpy()
    return result


def _compare_module(
    build: Callable[..., Any], *inputs: np.ndarray, rtol: float = 1e-10, atol: float = 1e-12, f32: bool = True
) -> None:
    for dtype, rt, at in (("float64", rtol, atol), ("float32", 3e-5, 3e-6)):
        if dtype == "float32" and not f32:
            continue
        theirs = _run_module(build, inputs, "torch", dtype)
        ours = _run_module(build, inputs, "ours", dtype)
        assert sorted(ours) == sorted(theirs)
        assert ours["grad_fn"] == theirs["grad_fn"]
        assert ours["repr"] == theirs["repr"]
        for key in theirs:
            if key not in ("grad_fn", "repr"):
                assert ours[key].shape == theirs[key].shape, key
                np.testing.assert_allclose(ours[key], theirs[key], rtol=rt, atol=at, err_msg=key)


IMG_SMALL = RNG.standard_normal((2, 4, 3, 4))
LAYERS: dict[str, tuple[Callable[..., Any], tuple[np.ndarray, ...]]] = {
    "convt1d": (lambda nn: nn.ConvTranspose1d(4, 3, 3), (SEQ,)),
    "convt1d_all": (
        lambda nn: nn.ConvTranspose1d(4, 6, 3, stride=2, padding=1, output_padding=1, groups=2, dilation=2),
        (SEQ,),
    ),
    "convt1d_unbatched": (lambda nn: nn.ConvTranspose1d(4, 2, 2, stride=3, bias=False), (SEQ[0],)),
    "convt1d_pad_gt_extra": (lambda nn: nn.ConvTranspose1d(4, 2, 3, stride=2, padding=2, output_padding=1), (SEQ,)),
    "convt1d_extra_ge_stride": (lambda nn: nn.ConvTranspose1d(4, 2, 3, stride=1, output_padding=1, dilation=2), (SEQ,)),
    "convt2d": (lambda nn: nn.ConvTranspose2d(4, 3, 3), (IMG_SMALL,)),
    "convt2d_gan": (lambda nn: nn.ConvTranspose2d(4, 2, 4, stride=2, padding=1), (IMG_SMALL,)),
    "convt2d_rect": (
        lambda nn: nn.ConvTranspose2d(4, 2, (3, 2), stride=(2, 1), padding=(1, 0), output_padding=(1, 0)),
        (IMG_SMALL,),
    ),
    "convt2d_unbatched": (lambda nn: nn.ConvTranspose2d(4, 2, 2, stride=2), (IMG_SMALL[0],)),
    "groupnorm": (lambda nn: nn.GroupNorm(2, 4), (IMG,)),
    "groupnorm_seq": (lambda nn: nn.GroupNorm(4, 4, eps=1e-3), (SEQ,)),
    "groupnorm_one_group_2d": (lambda nn: nn.GroupNorm(1, 5), (X,)),
    "instancenorm1d": (lambda nn: nn.InstanceNorm1d(4), (SEQ,)),
    "instancenorm1d_affine_unbatched": (lambda nn: nn.InstanceNorm1d(4, affine=True), (SEQ[0],)),
    "instancenorm2d_affine": (lambda nn: nn.InstanceNorm2d(4, affine=True), (IMG,)),
    "instancenorm2d_tracked": (lambda nn: nn.InstanceNorm2d(4, track_running_stats=True), (IMG,)),
    "instancenorm2d_tracked_eval": (
        lambda nn: _trained_then_eval(nn.InstanceNorm2d(4, momentum=0.3, track_running_stats=True, affine=True)),
        (IMG,),
    ),
    "lrn4d": (lambda nn: nn.LocalResponseNorm(3, alpha=0.1), (IMG,)),
    "lrn3d": (lambda nn: nn.LocalResponseNorm(2, alpha=0.3, beta=0.5, k=2.0), (SEQ,)),
    "upsample_nearest2x": (lambda nn: nn.Upsample(scale_factor=2), (IMG_SMALL,)),
    "upsample_nearest_size": (lambda nn: nn.Upsample(size=(5, 7)), (IMG_SMALL,)),
    "upsample_nearest_frac": (lambda nn: nn.Upsample(scale_factor=(1.7, 0.6)), (IMG,)),
    "upsample_nearest1d": (lambda nn: nn.Upsample(scale_factor=2.5), (SEQ,)),
    "upsample_nearest_exact": (lambda nn: nn.Upsample(scale_factor=1.7, mode="nearest-exact"), (IMG_SMALL,)),
    "upsample_nearest_exact1d": (lambda nn: nn.Upsample(size=4, mode="nearest-exact"), (SEQ,)),
    "upsample_bilinear": (lambda nn: nn.Upsample(scale_factor=2, mode="bilinear"), (IMG_SMALL,)),
    "upsample_bilinear_frac": (lambda nn: nn.Upsample(scale_factor=(1.3, 2.6), mode="bilinear"), (IMG_SMALL,)),
    "upsample_bilinear_down": (lambda nn: nn.Upsample(size=(3, 4), mode="bilinear"), (IMG,)),
    "upsample_bilinear_ac": (lambda nn: nn.Upsample(size=(7, 5), mode="bilinear", align_corners=True), (IMG_SMALL,)),
    "upsample_bilinear_recompute": (
        lambda nn: nn.Upsample(scale_factor=1.55, mode="bilinear", recompute_scale_factor=True),
        (IMG_SMALL,),
    ),
    "upsampling_bilinear2d": (lambda nn: nn.UpsamplingBilinear2d(scale_factor=2), (IMG_SMALL,)),
    "upsampling_nearest2d": (lambda nn: nn.UpsamplingNearest2d(size=5), (IMG_SMALL,)),
    "upsample_linear": (lambda nn: nn.Upsample(scale_factor=1.5, mode="linear"), (SEQ,)),
    "upsample_linear_ac": (lambda nn: nn.Upsample(size=12, mode="linear", align_corners=True), (SEQ,)),
    "upsample_area": (lambda nn: nn.Upsample(size=(2, 3), mode="area"), (IMG,)),
    "upsample_area1d": (lambda nn: nn.Upsample(scale_factor=0.5, mode="area"), (SEQ,)),
    "pixel_shuffle": (lambda nn: nn.PixelShuffle(2), (RNG.standard_normal((2, 8, 3, 2)),)),
    "pixel_shuffle_3d": (lambda nn: nn.PixelShuffle(3), (RNG.standard_normal((9, 2, 3)),)),
    "pixel_unshuffle": (lambda nn: nn.PixelUnshuffle(2), (RNG.standard_normal((2, 3, 4, 6)),)),
    "channel_shuffle": (lambda nn: nn.ChannelShuffle(2), (IMG,)),
    "channel_shuffle_seq": (lambda nn: nn.ChannelShuffle(4), (SEQ,)),
    "avgpool1d": (lambda nn: nn.AvgPool1d(2), (SEQ,)),
    "avgpool1d_all": (lambda nn: nn.AvgPool1d(3, 2, 1, True, False), (SEQ,)),
    "avgpool1d_unbatched": (lambda nn: nn.AvgPool1d(3, stride=1), (SEQ[0],)),
    "adaptive_avg1d": (lambda nn: nn.AdaptiveAvgPool1d(3), (SEQ,)),
    "adaptive_avg1d_one": (lambda nn: nn.AdaptiveAvgPool1d(1), (SEQ[0],)),
    "adaptive_max1d": (lambda nn: nn.AdaptiveMaxPool1d(3), (SEQ,)),
    "adaptive_max2d": (lambda nn: nn.AdaptiveMaxPool2d((2, 4)), (IMG,)),
    "adaptive_max2d_none": (lambda nn: nn.AdaptiveMaxPool2d((None, 2)), (IMG[0],)),
    "adaptive_max2d_global": (lambda nn: nn.AdaptiveMaxPool2d(1), (IMG,)),
    "bilinear": (lambda nn: nn.Bilinear(5, 4, 3), (X, RNG.standard_normal((4, 4)))),
    "bilinear_nobias_3d": (
        lambda nn: nn.Bilinear(4, 3, 2, bias=False),
        (SEQ.transpose(0, 2, 1), SEQ[:, :3].transpose(0, 2, 1)),
    ),
    "bilinear_1d": (lambda nn: nn.Bilinear(5, 5, 2), (X[0], Y[0])),
    "alpha_dropout": (lambda nn: nn.AlphaDropout(0.3), (IMG,)),
    "alpha_dropout_eval": (lambda nn: nn.AlphaDropout(0.3).eval(), (IMG,)),
    "feature_alpha_dropout": (lambda nn: nn.FeatureAlphaDropout(0.4), (IMG,)),
    "dropout3d": (lambda nn: nn.Dropout3d(0.5), (IMG[None],)),
    "dropout3d_unbatched": (lambda nn: nn.Dropout3d(0.4), (IMG,)),
    "rmsnorm": (lambda nn: nn.RMSNorm(6), (IMG,)),
    "rmsnorm_2d_eps": (lambda nn: nn.RMSNorm([5, 6], eps=1e-3), (IMG,)),
    "rmsnorm_plain": (lambda nn: nn.RMSNorm(7, elementwise_affine=False), (SEQ,)),
    "lppool2d": (lambda nn: nn.LPPool2d(2, 2), (np.abs(IMG) + 0.1,)),
    "lppool2d_stride": (lambda nn: nn.LPPool2d(3, (2, 3), stride=1, ceil_mode=True), (np.abs(IMG) + 0.1,)),
    "lppool1d": (lambda nn: nn.LPPool1d(1.5, 3, stride=2), (np.abs(SEQ) + 0.1,)),
}


def _trained_then_eval(module: Any) -> Any:
    """Run one training batch (updating the running stats) and switch to eval mode."""
    lib = torch if isinstance(module, torch.nn.Module) else mt
    module(lib.tensor((IMG * 2 + 1).astype(np.float32)))
    return module.eval()


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_layer_matches_torch(name: str) -> None:
    build, inputs = LAYERS[name]
    # the eval-mode case's running stats come from a float32 batch: float32-level agreement only
    _compare_module(build, *inputs, rtol=1e-5 if name.endswith("_eval") else 1e-10)


def test_conv_transpose_output_size_matches_torch() -> None:
    outs = []
    for lib in (torch, mt):
        lib.manual_seed(0)
        m = lib.nn.ConvTranspose2d(4, 3, 3, stride=2)
        x = lib.tensor(IMG_SMALL.astype(np.float32))
        outs.append([m(x, output_size=size).detach().numpy() for size in ((8, 10), (2, 3, 7, 9))])
    for mine, ref in zip(outs[1], outs[0]):
        np.testing.assert_allclose(mine, ref, rtol=1e-5, atol=1e-6)


def test_conv_transpose_double_backward_matches_torch() -> None:
    """create_graph=True: the gradient of ``sum(dL/dx ** 2)`` with respect to the weight and input."""
    results = []
    for lib in (torch, mt):
        x = lib.tensor(SEQ, requires_grad=True)
        w = lib.tensor(RNG.standard_normal((4, 3, 3)) if lib is torch else results[0][2], requires_grad=True)
        y = lib.nn.functional.conv_transpose1d(x, w, stride=2, padding=1)
        (gx,) = lib.autograd.grad((y * y).sum(), (x,), create_graph=True)
        (gx * gx).sum().backward()
        results.append((x.grad.numpy(), w.grad.numpy(), w.detach().numpy()))
    np.testing.assert_allclose(results[1][0], results[0][0], rtol=1e-10)
    np.testing.assert_allclose(results[1][1], results[0][1], rtol=1e-10)


CONV_ERRORS: dict[str, Callable[..., Any]] = {
    "channels": lambda F, nn, t: F.conv_transpose1d(t(SEQ), t(np.ones((3, 2, 3)))),
    "rank": lambda F, nn, t: F.conv_transpose1d(t(IMG), t(np.ones((4, 2, 3)))),
    "output_padding": lambda F, nn, t: F.conv_transpose1d(t(SEQ), t(np.ones((4, 2, 3))), stride=2, output_padding=2),
    "output_padding_2d": lambda F, nn, t: F.conv_transpose2d(
        t(IMG_SMALL), t(np.ones((4, 2, 3, 3))), stride=(2, 3), output_padding=(2, 1)
    ),
    "groups": lambda F, nn, t: F.conv_transpose1d(t(SEQ), t(np.ones((4, 2, 3))), groups=3),
    "padding_mode": lambda F, nn, t: nn.ConvTranspose1d(4, 3, 3, padding_mode="reflect"),
    "output_size_range": lambda F, nn, t: nn.ConvTranspose2d(4, 3, 3, stride=2)(t(IMG_SMALL), output_size=(13, 12)),
    "output_size_len": lambda F, nn, t: nn.ConvTranspose2d(4, 3, 3, stride=2)(t(IMG_SMALL), output_size=(1,)),
}


@pytest.mark.parametrize("name", sorted(CONV_ERRORS))
def test_conv_transpose_errors_match_torch(name: str) -> None:
    _error(CONV_ERRORS[name])


def test_adaptive_max_indices_match_torch() -> None:
    ours = mt.nn.functional.adaptive_max_pool2d(mt.tensor(IMG), (3, 4), return_indices=True)[1]
    theirs = torch.nn.functional.adaptive_max_pool2d(torch.tensor(IMG), (3, 4), return_indices=True)[1]
    np.testing.assert_array_equal(ours.numpy(), theirs.numpy())
    ours = mt.nn.AdaptiveMaxPool1d(2, return_indices=True)(mt.tensor(SEQ))[1]
    theirs = torch.nn.AdaptiveMaxPool1d(2, return_indices=True)(torch.tensor(SEQ))[1]
    np.testing.assert_array_equal(ours.numpy(), theirs.numpy())
    assert str(ours.dtype) == str(theirs.dtype)


RESAMPLE_ERRORS: dict[str, Callable[..., Any]] = {
    "both": lambda F, nn, t: F.interpolate(t(IMG), size=3, scale_factor=2),
    "neither": lambda F, nn, t: F.interpolate(t(IMG)),
    "align_nearest": lambda F, nn, t: F.interpolate(t(IMG), scale_factor=2, align_corners=True),
    "bilinear_3d": lambda F, nn, t: F.interpolate(t(SEQ), scale_factor=2, mode="bilinear"),
    "linear_4d": lambda F, nn, t: F.interpolate(t(IMG), scale_factor=2, mode="linear"),
    "size_len": lambda F, nn, t: F.interpolate(t(IMG), size=(2, 3, 4)),
    "scale_len": lambda F, nn, t: F.interpolate(t(IMG), scale_factor=(2.0,)),
    "zero_out": lambda F, nn, t: F.interpolate(t(SEQ), scale_factor=0.1),
    "rank_2d": lambda F, nn, t: F.interpolate(t(X), scale_factor=2),
    "recompute_size": lambda F, nn, t: F.interpolate(t(IMG), size=3, recompute_scale_factor=True),
    "pixel_shuffle": lambda F, nn, t: F.pixel_shuffle(t(IMG), 3),
    "pixel_unshuffle": lambda F, nn, t: F.pixel_unshuffle(t(IMG), 2),
    "channel_shuffle": lambda F, nn, t: F.channel_shuffle(t(IMG), 3),
    "avg_pool1d_rank": lambda F, nn, t: F.avg_pool1d(t(X[0]), 2),
    "adaptive_avg1d_rank": lambda F, nn, t: F.adaptive_avg_pool1d(t(X[0]), 2),
    "adaptive_max2d_rank": lambda F, nn, t: F.adaptive_max_pool2d(t(X[0]), 2),
    "avg_pool1d_pad": lambda F, nn, t: F.avg_pool1d(t(SEQ), 2, padding=2),
    "groupnorm_groups": lambda F, nn, t: nn.GroupNorm(3, 4),
    "group_norm_channels": lambda F, nn, t: F.group_norm(t(IMG), 3),
    "instancenorm_rank": lambda F, nn, t: nn.InstanceNorm2d(4)(t(SEQ[0, 0])),
    "instancenorm_affine_channels": lambda F, nn, t: nn.InstanceNorm1d(3, affine=True)(t(SEQ)),
    "instance_norm_spatial": lambda F, nn, t: F.instance_norm(t(IMG[:, :, :1, :1])),
    "lrn_rank": lambda F, nn, t: F.local_response_norm(t(X), 2),
    "bilinear_batch": lambda F, nn, t: F.bilinear(t(SEQ), t(SEQ[:, :3]), t(np.ones((2, 7, 7)))),
    "bilinear_rank": lambda F, nn, t: F.bilinear(t(X), t(SEQ), t(np.ones((2, 5, 7)))),
    "bilinear_features": lambda F, nn, t: F.bilinear(t(X), t(Y), t(np.ones((2, 4, 5)))),
    "alpha_dropout_p": lambda F, nn, t: F.alpha_dropout(t(X), 1.5, True),
    "feature_alpha_dropout_rank": lambda F, nn, t: F.feature_alpha_dropout(t(X[0]), 0.5, True),
}


@pytest.mark.parametrize("name", sorted(RESAMPLE_ERRORS))
def test_layer_errors_match_torch(name: str) -> None:
    _error(RESAMPLE_ERRORS[name])


INITS: dict[str, Callable[..., Any]] = {
    "trunc_normal": lambda init, w: init.trunc_normal_(w),
    "trunc_normal_args": lambda init, w: init.trunc_normal_(w, mean=0.5, std=0.3, a=-0.1, b=0.8),
    "trunc_normal_narrow": lambda init, w: init.trunc_normal_(w, mean=0.0, std=1.0, a=2.0, b=2.5),
    "orthogonal": lambda init, w: init.orthogonal_(w),
    "orthogonal_gain": lambda init, w: init.orthogonal_(w.view(6, 20), gain=2.0),
    "orthogonal_wide": lambda init, w: init.orthogonal_(w.view(3, 40)),
    "orthogonal_tall": lambda init, w: init.orthogonal_(w.view(40, 3)),
    "sparse": lambda init, w: init.sparse_(w.view(12, 10), 0.3),
    "sparse_std": lambda init, w: init.sparse_(w.view(4, 30), 0.6, std=2.0),
    "dirac": lambda init, w: init.dirac_(w.view(4, 3, 10)),
    "dirac_groups": lambda init, w: init.dirac_(w.view(6, 2, 2, 5), groups=3),
    "dirac_5d": lambda init, w: init.dirac_(w.view(2, 3, 2, 2, 5)),
    "eye": lambda init, w: init.eye_(w.view(8, 15)),
    "xavier_uniform": lambda init, w: init.xavier_uniform_(w, gain=init.calculate_gain("tanh")),
    "xavier_normal": lambda init, w: init.xavier_normal_(w.view(3, 2, 4, 5), gain=0.5),
    "kaiming_uniform": lambda init, w: init.kaiming_uniform_(w),
    "kaiming_uniform_fan_out_relu": lambda init, w: init.kaiming_uniform_(w, mode="fan_out", nonlinearity="relu"),
    "kaiming_normal": lambda init, w: init.kaiming_normal_(w.view(4, 3, 10), a=0.2),
    "kaiming_normal_fan_out": lambda init, w: init.kaiming_normal_(w, mode="fan_out", nonlinearity="selu"),
    "deprecated_aliases": lambda init, w: init.kaiming_normal(init.sparse(init.xavier_uniform(w), 0.2)),
    "uniform_normal_constant": lambda init, w: init.constant_(init.normal_(init.uniform_(w, -2, 3), 1, 2), 0.5),
}


@pytest.mark.filterwarnings("ignore:`nn.init.:FutureWarning")
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", sorted(INITS))
def test_seeded_init_matches_torch(name: str, dtype: str) -> None:
    """The same init call after the same seed fills the same numbers (and leaves the generator in step)."""
    filled = []
    for lib in (torch, mt):
        lib.manual_seed(5)
        w = lib.empty(6, 20, dtype=getattr(lib, dtype))
        INITS[name](lib.nn.init, w)
        filled.append((w.numpy().copy(), lib.rand(3).numpy()))
    tol = 1e-6 if dtype == "float32" else 1e-12
    np.testing.assert_allclose(filled[1][0], filled[0][0], rtol=tol, atol=tol)
    np.testing.assert_array_equal(filled[1][1], filled[0][1])


@pytest.mark.parametrize(
    ("nonlinearity", "param"),
    [
        ("linear", None),
        ("conv1d", None),
        ("conv_transpose2d", None),
        ("sigmoid", None),
        ("tanh", None),
        ("relu", None),
        ("leaky_relu", None),
        ("leaky_relu", 0.2),
        ("leaky_relu", 3),
        ("selu", None),
    ],
)
def test_calculate_gain_matches_torch(nonlinearity: str, param: Any) -> None:
    ours = mt.nn.init.calculate_gain(nonlinearity, param)
    theirs = torch.nn.init.calculate_gain(nonlinearity, param)
    assert ours == theirs
    assert type(ours) is type(theirs)


INIT_ERRORS: dict[str, Callable[..., Any]] = {
    "dirac_rank": lambda init, lib: init.dirac_(lib.empty(3, 4)),
    "dirac_groups": lambda init, lib: init.dirac_(lib.empty(3, 4, 5), groups=2),
    "sparse_rank": lambda init, lib: init.sparse_(lib.empty(3, 4, 5), 0.5),
    "orthogonal_rank": lambda init, lib: init.orthogonal_(lib.empty(3)),
    "eye_rank": lambda init, lib: init.eye_(lib.empty(3, 4, 5)),
    "fan_rank": lambda init, lib: init.xavier_uniform_(lib.empty(3)),
    "kaiming_mode": lambda init, lib: init.kaiming_uniform_(lib.empty(3, 4), mode="fan_avg"),
    "gain_unknown": lambda init, lib: init.calculate_gain("swish"),
    "gain_slope": lambda init, lib: init.calculate_gain("leaky_relu", "big"),
}


@pytest.mark.parametrize("name", sorted(INIT_ERRORS))
def test_init_errors_match_torch(name: str) -> None:
    caught = []
    for lib in (torch, mt):
        with pytest.raises(Exception) as info:  # noqa: PT011 - the type is compared below
            INIT_ERRORS[name](lib.nn.init, lib)
        caught.append(info.value)
    assert type(caught[1]) is type(caught[0])
    assert str(caught[1]) == str(caught[0])


def test_embedding_from_pretrained_matches_torch() -> None:
    table = RNG.standard_normal((5, 3)).astype(np.float32)
    results = []
    for lib in (torch, mt):
        emb = lib.nn.Embedding.from_pretrained(lib.tensor(table), freeze=False, padding_idx=1)
        frozen = lib.nn.Embedding.from_pretrained(lib.tensor(table))
        out = emb(lib.tensor([[0, 1], [4, 1]]))
        out.backward(lib.tensor(np.arange(12, dtype=np.float32).reshape(2, 2, 3)))
        results.append(
            (repr(emb), repr(frozen), frozen.weight.requires_grad, out.detach().numpy(), emb.weight.grad.numpy())
        )
    assert results[1][:3] == results[0][:3]
    np.testing.assert_allclose(results[1][3], results[0][3])
    np.testing.assert_allclose(results[1][4], results[0][4])


def test_new_layer_reprs_match_torch() -> None:
    def build(nn: Any) -> list[Any]:
        return [
            nn.ConvTranspose2d(4, 3, 3, stride=2),
            nn.ConvTranspose1d(4, 3, 3, stride=2, padding=1, output_padding=1, bias=False, dilation=2),
            nn.ConvTranspose2d(4, 6, (2, 3), groups=2),
            nn.GroupNorm(2, 4),
            nn.GroupNorm(1, 3, affine=False),
            nn.InstanceNorm1d(4),
            nn.InstanceNorm2d(4, affine=True, track_running_stats=True),
            nn.LocalResponseNorm(2),
            nn.Upsample(scale_factor=2),
            nn.Upsample(size=(3, 4), mode="bilinear", align_corners=True),
            nn.Upsample(scale_factor=(2, 1.5), mode="nearest"),
            nn.UpsamplingNearest2d(scale_factor=2),
            nn.UpsamplingBilinear2d(size=5),
            nn.PixelShuffle(2),
            nn.PixelUnshuffle(3),
            nn.ChannelShuffle(2),
            nn.AvgPool1d(3),
            nn.AvgPool1d(3, 2, 1, True, False),
            nn.AdaptiveAvgPool1d(3),
            nn.AdaptiveMaxPool1d(2, True),
            nn.AdaptiveMaxPool2d((2, None)),
            nn.Bilinear(4, 5, 2),
            nn.Bilinear(4, 5, 2, bias=False),
            nn.AlphaDropout(0.2),
            nn.FeatureAlphaDropout(inplace=True),
            nn.Dropout3d(),
            nn.RMSNorm(4),
            nn.RMSNorm([2, 3], eps=1e-4, elementwise_affine=False),
            nn.LPPool1d(1.5, 2, stride=1, ceil_mode=True),
            nn.LPPool2d(2, (2, 3)),
            nn.Sequential(
                nn.ConvTranspose2d(8, 4, 4, 2, 1), nn.GroupNorm(2, 4), nn.GLU(1), nn.Upsample(scale_factor=2)
            ),
        ]

    for lib in (torch, mt):
        lib.manual_seed(0)
    assert [repr(m) for m in build(mt.nn)] == [repr(m) for m in build(torch.nn)]
    for lib in (torch, mt):
        lib.manual_seed(0)
    theirs = [p.detach().numpy() for m in build(torch.nn) for p in m.parameters()]
    ours = [p.detach().numpy() for m in build(mt.nn) for p in m.parameters()]
    assert len(ours) == len(theirs)
    for mine, ref in zip(ours, theirs):
        np.testing.assert_array_equal(mine, ref)


PROBS = np.abs(Y) / np.abs(Y).sum(1, keepdims=True)
LOGITS3 = RNG.standard_normal((2, 5, 3))
TARGET3 = np.array([[0, 4, -100], [2, 2, 1]])
CHECKS: dict[str, Callable[..., Any]] = {
    "normalize_p1_dim0": lambda F, nn, t: F.normalize(t(X, True), p=1.0, dim=0),
    "normalize_default": lambda F, nn, t: F.normalize(t(SEQ, True)),
    "pairwise_p1_keepdim": lambda F, nn, t: nn.PairwiseDistance(p=1.0, keepdim=True)(t(X, True), t(Y, True)),
    "pairwise_p3": lambda F, nn, t: F.pairwise_distance(t(X, True), t(Y[0], True), p=3.0),
    "cosine_similarity_broadcast": lambda F, nn, t: nn.CosineSimilarity(dim=-1)(t(SEQ, True), t(SEQ[0, 0], True)),
    "margin_ranking": lambda F, nn, t: nn.MarginRankingLoss(0.3)(t(X[:, 0], True), t(Y[:, 0], True), t(SIGNS)),
    "hinge_embedding": lambda F, nn, t: nn.HingeEmbeddingLoss(0.5, reduction="sum")(t(X, True), t(np.sign(Y))),
    "soft_margin": lambda F, nn, t: nn.SoftMarginLoss(reduction="none")(t(X, True), t(np.sign(Y))),
    "ce_3d_ignore_smooth_weight": lambda F, nn, t: nn.CrossEntropyLoss(
        weight=t(np.abs(Z[0]) + 0.5), ignore_index=-100, label_smoothing=0.15
    )(t(LOGITS3, True), t(TARGET3, kind="long")),
    "ce_probs_weight": lambda F, nn, t: F.cross_entropy(t(X, True), t(PROBS), weight=t(np.abs(Z[1]) + 0.5)),
    "ce_probs_smooth_none": lambda F, nn, t: F.cross_entropy(
        t(X, True), t(PROBS), label_smoothing=0.2, reduction="none"
    ),
    "one_hot_matmul": lambda F, nn, t: (lambda x: F.one_hot(t(LABELS, kind="long"), 5).to(x.dtype) @ x)(t(X.T, True)),
    "dropout1d_train": lambda F, nn, t: nn.Dropout1d(0.5)(t(SEQ, True)),
    "gumbel_softmax": lambda F, nn, t: F.gumbel_softmax(t(X, True), tau=0.5),
    "gumbel_softmax_hard": lambda F, nn, t: F.gumbel_softmax(t(SEQ, True), hard=True, dim=1) * t(SEQ),
    "max_pool2d_with_indices": lambda F, nn, t: F.max_pool2d_with_indices(t(IMG, True), 2)[0],
    "adaptive_max_pool1d_with_indices": lambda F, nn, t: F.adaptive_max_pool1d_with_indices(t(SEQ, True), 3)[0],
    "upsample_deprecated": lambda F, nn, t: F.upsample_bilinear(t(IMG_SMALL, True), scale_factor=2),
    "identity": lambda F, nn, t: nn.Identity(3, unused=True)(t(X, True)) * 2,
}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_existing_pieces_match_torch(name: str) -> None:
    _compare(CHECKS[name])
    _compare(CHECKS[name], "float32", rtol=2e-5, atol=2e-6)


BAG_IDS = [1, 2, 4, 5, 4, 3, 2, 9, 0, 2]
BAG_CASES: dict[str, tuple[dict[str, Any], Any, Any, bool]] = {
    "mean_offsets": ({}, BAG_IDS, [0, 4, 4, 7], False),
    "sum_2d": ({"mode": "sum"}, [[1, 2, 3], [4, 4, 9]], None, False),
    "max_offsets": ({"mode": "max"}, BAG_IDS, [0, 3, 3, 8], False),
    "sum_psw": ({"mode": "sum"}, BAG_IDS, [0, 5], True),
    "sum_psw_2d": ({"mode": "sum"}, [[1, 2], [2, 2]], None, True),
    "mean_padding": ({"padding_idx": 2}, BAG_IDS, [0, 2, 6], False),
    "max_padding_2d": ({"mode": "max", "padding_idx": 4}, [[4, 4], [1, 4]], None, False),
    # ids past the last offset are left out of every bag (torch 2.13 leaves their weight gradient uninitialised)
    "last_offset": ({"include_last_offset": True, "mode": "sum"}, BAG_IDS, [0, 3, 10], False),
    # torch 2.13's CPU kernel divides the k-th distinct id by the count of the k-th sorted id; reproduced
    "scale_freq": ({"scale_grad_by_freq": True}, BAG_IDS, [0, 6], False),
    "scale_freq_sum": ({"scale_grad_by_freq": True, "mode": "sum"}, [1, 3, 3, 5, 1, 7], [0, 3], False),
    "max_norm": ({"max_norm": 1.0, "mode": "sum"}, BAG_IDS, [0, 6], False),
}


@pytest.mark.parametrize("name", sorted(BAG_CASES))
def test_embedding_bag_matches_torch(name: str) -> None:
    options, ids, offsets, weighted = BAG_CASES[name]
    results = []
    for lib in (torch, mt):
        lib.manual_seed(3)
        bag = lib.nn.EmbeddingBag(10, 3, **options)
        psw = (
            lib.tensor(np.linspace(0.5, 2.0, np.size(ids)).reshape(np.shape(ids)), dtype=lib.float32)
            if weighted
            else None
        )
        if psw is not None:
            psw.requires_grad_(True)
        off = None if offsets is None else lib.tensor(offsets)
        out = bag(lib.tensor(ids), off, per_sample_weights=psw)
        out.backward(lib.tensor(np.arange(out.numel(), dtype=np.float32).reshape(tuple(out.shape)) - 2))
        results.append(
            (
                repr(bag),
                type(out.grad_fn).__name__,
                out.detach().numpy(),
                bag.weight.detach().numpy(),
                bag.weight.grad.numpy(),
                None if psw is None else psw.grad.numpy(),
            )
        )
    assert results[1][:2] == results[0][:2]
    for mine, ref in zip(results[1][2:], results[0][2:]):
        if ref is None:
            assert mine is None
        else:
            np.testing.assert_allclose(mine, ref, rtol=1e-5, atol=1e-6)


BAG_ERRORS: dict[str, Callable[..., Any]] = {
    "no_offsets": lambda F, nn, t: F.embedding_bag(t([1, 2], kind="long"), t(np.ones((5, 2)))),
    "mode": lambda F, nn, t: F.embedding_bag(t([[1, 2]], kind="long"), t(np.ones((5, 2))), mode="min"),
    "psw_mean": lambda F, nn, t: F.embedding_bag(
        t([[1, 2]], kind="long"), t(np.ones((5, 2))), per_sample_weights=t([[1.0, 2.0]])
    ),
    "psw_shape": lambda F, nn, t: F.embedding_bag(
        t([[1, 2]], kind="long"), t(np.ones((5, 2))), mode="sum", per_sample_weights=t([1.0, 2.0])
    ),
    "max_freq": lambda F, nn, t: F.embedding_bag(
        t([[1, 2]], kind="long"), t(np.ones((5, 2))), mode="max", scale_grad_by_freq=True
    ),
    "padding_idx": lambda F, nn, t: nn.EmbeddingBag(5, 2, padding_idx=5),
    "pretrained_rank": lambda F, nn, t: nn.EmbeddingBag.from_pretrained(t(np.ones(3))),
}


@pytest.mark.parametrize("name", sorted(BAG_ERRORS))
def test_embedding_bag_errors_match_torch(name: str) -> None:
    _error(BAG_ERRORS[name])


CTC_LP = RNG.standard_normal((7, 3, 5))
CTC_CASES: dict[str, Callable[..., Any]] = {
    "padded": lambda F, nn, lp, lib: F.ctc_loss(
        lp, lib.tensor([[1, 2, 2], [3, 1, 0], [4, 4, 4]]), lib.tensor([7, 5, 7]), lib.tensor([3, 2, 3])
    ),
    "concatenated_sum": lambda F, nn, lp, lib: F.ctc_loss(
        lp, lib.tensor([1, 2, 2, 3, 1, 4]), (7, 6, 4), (3, 2, 1), reduction="sum"
    ),
    "none_blank": lambda F, nn, lp, lib: nn.CTCLoss(blank=4, reduction="none")(
        lp, lib.tensor([[1, 0, 3], [2, 2, 2], [0, 1, 1]]), lib.tensor([7, 7, 6]), lib.tensor([3, 1, 0])
    ),
    "zero_infinity": lambda F, nn, lp, lib: nn.CTCLoss(zero_infinity=True, reduction="none")(
        lp, lib.tensor([[1, 1, 1], [2, 3, 4], [1, 2, 3]]), lib.tensor([4, 7, 2]), lib.tensor([3, 3, 3])
    ),
    "unbatched": lambda F, nn, lp, lib: F.ctc_loss(lp[:, 0], lib.tensor([1, 3]), lib.tensor(7), lib.tensor(2)),
}


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", sorted(CTC_CASES))
def test_ctc_loss_matches_torch(name: str, dtype: str) -> None:
    results = []
    for lib in (torch, mt):
        logits = lib.tensor(CTC_LP.astype(dtype), requires_grad=True)
        lp = logits.log_softmax(2)
        out = CTC_CASES[name](lib.nn.functional, lib.nn, lp, lib)
        out.backward(lib.tensor(np.linspace(0.5, 1.5, out.numel()).reshape(tuple(out.shape)).astype(dtype)))
        results.append((type(out.grad_fn).__name__, out.detach().numpy(), logits.grad.numpy()))
    tol = 1e-10 if dtype == "float64" else 2e-5
    assert results[1][0] == results[0][0]
    np.testing.assert_allclose(results[1][1], results[0][1], rtol=tol, atol=tol)
    np.testing.assert_allclose(results[1][2], results[0][2], rtol=tol, atol=tol)


def test_ctc_loss_direct_log_probs_gradient_matches_torch() -> None:
    """torch's gradient assumes log_softmax inputs (it includes ``exp(lp)``); a leaf gets the same."""
    grads = []
    for lib in (torch, mt):
        lp = lib.tensor(np.log(np.full((4, 1, 3), 1 / 3)), requires_grad=True)
        lib.nn.functional.ctc_loss(lp, lib.tensor([[1, 2]]), (4,), (2,)).backward()
        grads.append(lp.grad.numpy())
    np.testing.assert_allclose(grads[1], grads[0], rtol=1e-12)


CTC_ERRORS: dict[str, Callable[..., Any]] = {
    "blank": lambda F, lib: F.ctc_loss(lib.tensor(CTC_LP), lib.tensor([[1]] * 3), (7, 7, 7), (1, 1, 1), blank=5),
    "input_len": lambda F, lib: F.ctc_loss(lib.tensor(CTC_LP), lib.tensor([[1]] * 3), (8, 7, 7), (1, 1, 1)),
    "batch": lambda F, lib: F.ctc_loss(lib.tensor(CTC_LP), lib.tensor([[1]] * 3), (7, 7), (1, 1, 1)),
    "target_len": lambda F, lib: F.ctc_loss(lib.tensor(CTC_LP), lib.tensor([[1]] * 3), (7, 7, 7), (2, 1, 1)),
    "double_backward": lambda F, lib: (
        lambda lp: lib.autograd.grad(
            lib.autograd.grad(F.ctc_loss(lp, lib.tensor([[1]] * 3), (7, 7, 7), (1, 1, 1)), lp, create_graph=True)[
                0
            ].sum(),
            lp,
        )
    )(lib.tensor(CTC_LP, requires_grad=True)),
}


@pytest.mark.parametrize("name", sorted(CTC_ERRORS))
def test_ctc_loss_errors_match_torch(name: str) -> None:
    caught = []
    for lib in (torch, mt):
        with pytest.raises(Exception) as info:  # noqa: PT011 - the type is compared below
            CTC_ERRORS[name](lib.nn.functional, lib)
        caught.append(info.value)
    assert type(caught[1]) is type(caught[0])
    assert str(caught[1]) == str(caught[0])
