"""nn breadth without torch: hand-derived values of the less common losses, activations and layers, the
identities that define them (adjoints, inverses, normalisation), and numerical gradient checks (first and
second order) of every new graph node."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import minitorch_scalar as mt
import minitorch_scalar.nn as nn
from minitorch_scalar.autograd import gradcheck, gradgradcheck
from minitorch_scalar.nn import functional as F
from minitorch_scalar.nn import init

RNG = np.random.default_rng(99)


def t(values: Any, grad: bool = False) -> mt.Tensor:
    return mt.tensor(np.asarray(values, dtype=np.float64), requires_grad=grad)


def close(a: mt.Tensor, b: Any, tol: float = 1e-12) -> None:
    np.testing.assert_allclose(a.detach().numpy(), np.asarray(b, dtype=np.float64), rtol=tol, atol=tol)


# ------------------------------------------------------------------------------------------------- losses
def test_multi_margin_loss_by_hand() -> None:
    x = t([[0.1, 0.2, 0.4, 0.8]], True)
    loss = F.multi_margin_loss(x, mt.tensor([3]))
    close(loss, (0.3 + 0.4 + 0.6) / 4)
    loss.backward()
    close(x.grad, [[0.25, 0.25, 0.25, -0.75]])
    assert type(loss.grad_fn).__name__ == "MultiMarginLossBackward0"


def test_multi_margin_loss_p2_weight_by_hand() -> None:
    x = t([0.1, 0.9, 0.5], True)
    loss = F.multi_margin_loss(x, mt.tensor(1), p=2, margin=0.5, weight=t([1.0, 2.0, 3.0]))
    # z_j = 0.5 - 0.9 + x_j: z_0 = -0.3 (inactive), z_2 = 0.1; w_y = 2; C = 3
    close(loss, 2 * 0.1**2 / 3)
    loss.backward()
    close(x.grad, [0.0, -2 * 2 * 0.1 / 3, 2 * 2 * 0.1 / 3])


def test_multilabel_margin_loss_by_hand() -> None:
    x = t([[0.1, 0.2, 0.4, 0.8]], True)
    loss = F.multilabel_margin_loss(x, mt.tensor([[3, 0, -1, 1]]))
    # labels {3, 0} against non-labels {1, 2}: (1-(0.8-0.2)) + (1-(0.8-0.4)) + (1-(0.1-0.2)) + (1-(0.1-0.4))
    close(loss, (0.4 + 0.6 + 1.1 + 1.3) / 4)
    loss.backward()
    close(x.grad, [[-0.5, 0.5, 0.5, -0.5]])


def test_cosine_embedding_loss_by_hand() -> None:
    a, b = t([[1.0, 0.0], [3.0, 4.0]]), t([[0.0, 2.0], [3.0, 4.0]])
    close(F.cosine_embedding_loss(a, b, t([1.0, 1.0]), reduction="none"), [1.0, 0.0])
    close(F.cosine_embedding_loss(a, b, t([-1.0, -1.0]), margin=0.5, reduction="none"), [0.0, 0.5])


def test_poisson_and_gaussian_nll_by_hand() -> None:
    close(F.poisson_nll_loss(t([0.0, math.log(2.0)]), t([2.0, 1.0]), reduction="none"), [1.0, 2.0 - math.log(2.0)])
    close(F.poisson_nll_loss(t([2.0]), t([2.0]), log_input=False, eps=0.0), 2.0 - 2.0 * math.log(2.0))
    stirling = 3 * math.log(3) - 3 + 0.5 * math.log(2 * math.pi * 3)
    close(F.poisson_nll_loss(t([0.0, 0.0]), t([1.0, 3.0]), full=True, reduction="none"), [1.0, 1.0 + stirling])
    close(
        F.gaussian_nll_loss(t([1.0, 2.0]), t([1.0, 4.0]), t([1.0, 2.0]), reduction="none"),
        [0.0, 0.5 * (math.log(2) + 2)],
    )
    close(F.gaussian_nll_loss(t([1.0]), t([1.0]), 1.0, full=True), 0.5 * math.log(2 * math.pi))


def test_gaussian_nll_clamp_is_invisible_to_autograd() -> None:
    var = t([1e-9], True)
    F.gaussian_nll_loss(t([0.0]), t([0.0]), var, eps=0.5).backward()
    close(var.grad, [0.5 / 0.5])  # d/dv of log(v)/2 at the clamped v = 0.5, passed straight to var


def test_triplet_losses_by_hand() -> None:
    a, p, n = t([[0.0, 0.0]]), t([[3.0, 4.0]]), t([[0.0, 1.0]])
    close(F.triplet_margin_loss(a, p, n, eps=0.0), 1.0 + 5.0 - 1.0)
    close(F.triplet_margin_loss(a, n, p, eps=0.0), 0.0)
    close(F.triplet_margin_loss(a, p, n, eps=0.0, swap=True), 1.0 + 5.0 - 1.0)
    l1 = nn.TripletMarginWithDistanceLoss(distance_function=lambda x, y: (x - y).abs().sum(-1), margin=2.0)
    close(l1(a, p, n), 2.0 + 7.0 - 1.0)


def test_multilabel_soft_margin_by_hand() -> None:
    loss = F.multilabel_soft_margin_loss(t([[0.0, 0.0]]), t([[1.0, 0.0]]))
    close(loss, math.log(2.0))


# ------------------------------------------------------------------------------------------- activations
def test_glu_and_shrinks_by_hand() -> None:
    x = t([1.0, 2.0, 0.0, 0.0], True)
    y = F.glu(x)
    close(y, [0.5, 1.0])
    y.sum().backward()
    close(x.grad, [0.5, 0.5, 0.25, 0.5])
    close(F.softshrink(t([-1.0, -0.2, 0.3, 2.0]), 0.5), [-0.5, 0.0, 0.0, 1.5])
    close(F.hardshrink(t([-1.0, -0.2, 0.5, 2.0]), 0.5), [-1.0, 0.0, 0.0, 2.0])
    close(F.tanhshrink(t([1.0])), [1.0 - math.tanh(1.0)])
    close(F.celu(t([-1.0, 2.0]), 2.0), [2.0 * math.expm1(-0.5), 2.0])
    close(F.rrelu(t([-2.0, 3.0])), [-2.0 * (1 / 8 + 1 / 3) / 2, 3.0])


def test_rrelu_training_slopes_lie_in_range() -> None:
    mt.manual_seed(0)
    x = t(-np.ones(200), True)
    y = F.rrelu(x, 0.1, 0.3, training=True)
    slopes = -y.detach().numpy()
    assert slopes.min() >= 0.1 and slopes.max() <= 0.3 and len(set(slopes)) > 100
    y.sum().backward()
    close(x.grad, slopes)


def test_softmax2d_sums_to_one_over_channels() -> None:
    out = nn.Softmax2d()(t(RNG.standard_normal((2, 3, 4, 5))))
    close(out.sum(1), np.ones((2, 4, 5)))


# ------------------------------------------------------------------------------------- transposed conv
def test_conv_transpose1d_by_hand() -> None:
    x = t([[[1.0, 2.0]]], True)
    w = t([[[1.0, 1.0, 1.0]]], True)
    y = F.conv_transpose1d(x, w, stride=2)
    close(y, [[[1.0, 1.0, 3.0, 2.0, 2.0]]])
    y.sum().backward()
    close(x.grad, [[[3.0, 3.0]]])
    close(w.grad, [[[3.0, 3.0, 3.0]]])


@pytest.mark.parametrize(
    ("stride", "padding", "output_padding", "dilation", "groups"),
    [(1, 0, 0, 1, 1), (2, 1, 1, 1, 2), (3, 2, 1, 2, 1), (1, 0, 1, 2, 1)],
)
def test_conv_transpose_is_the_adjoint_of_conv(
    stride: int, padding: int, output_padding: int, dilation: int, groups: int
) -> None:
    """``<conv_transpose(x, w), y> = <x, conv(y, w)>`` for the same stride, padding, dilation, groups."""
    x = t(RNG.standard_normal((2, 4, 3, 5)))
    w = t(RNG.standard_normal((4, 6 // groups, 3, 2)))
    y = F.conv_transpose2d(x, w, None, stride, padding, output_padding, groups, dilation)
    probe = t(RNG.standard_normal(tuple(y.shape)))
    back = F.conv2d(probe, w, None, stride, padding, dilation, groups)
    lhs = float((y * probe).sum())
    rhs = float((x * back[:, :, : x.shape[2], : x.shape[3]]).sum())
    assert lhs == pytest.approx(rhs, rel=1e-10)


def test_conv_transpose_module_shapes_and_output_size() -> None:
    m = nn.ConvTranspose2d(8, 4, 4, stride=2, padding=1)
    assert tuple(m.weight.shape) == (8, 4, 4, 4)
    assert tuple(m(mt.randn(2, 8, 5, 5)).shape) == (2, 4, 10, 10)
    up = nn.ConvTranspose2d(2, 1, 3, stride=2)
    assert tuple(up(mt.randn(1, 2, 4, 4), output_size=(10, 10)).shape) == (1, 1, 10, 10)
    with pytest.raises(ValueError, match="valid sizes range from"):
        up(mt.randn(1, 2, 4, 4), output_size=(11, 9))


# ------------------------------------------------------------------------------------------ normalisation
def test_group_norm_normalises_each_group() -> None:
    x = t(RNG.standard_normal((3, 6, 4)) * 5 + 2)
    y = F.group_norm(x, 3, eps=0.0).detach().numpy().reshape(3, 3, -1)
    np.testing.assert_allclose(y.mean(-1), 0.0, atol=1e-12)
    np.testing.assert_allclose(y.var(-1), 1.0, rtol=1e-12)


def test_instance_norm_running_stats_by_hand() -> None:
    m = nn.InstanceNorm1d(1, momentum=0.5, track_running_stats=True)
    m(t([[[0.0, 2.0]], [[4.0, 8.0]]]))
    # per-instance means 1 and 6, unbiased variances 2 and 8: running = 0.5 * initial + 0.5 * batch average
    close(m.running_mean.double(), [0.5 * 3.5])
    close(m.running_var.double(), [0.5 * 1.0 + 0.5 * 5.0])
    m.eval()
    close(m(t([[[1.75, 1.75]]])), [[[0.0, 0.0]]])


def test_local_response_norm_by_hand() -> None:
    x = t([[[1.0], [2.0]]])
    y = F.local_response_norm(x, 2, alpha=1.0, beta=1.0, k=1.0)
    # channel 0 averages (0^2 + 1^2) / 2, channel 1 (1^2 + 2^2) / 2
    close(y, [[[1.0 / 1.5], [2.0 / 3.5]]])


# ------------------------------------------------------------------------------------------- resampling
def test_interpolate_by_hand() -> None:
    close(F.interpolate(t([[[1.0, 2.0]]]), scale_factor=2), [[[1.0, 1.0, 2.0, 2.0]]])
    close(F.interpolate(t([[[0.0, 1.0]]]), size=3, mode="linear", align_corners=True), [[[0.0, 0.5, 1.0]]])
    close(F.interpolate(t([[[0.0, 1.0]]]), scale_factor=2, mode="linear"), [[[0.0, 0.25, 0.75, 1.0]]])
    grid = t([[[[0.0, 1.0], [2.0, 3.0]]]])
    close(F.interpolate(grid, size=(3, 3), mode="bilinear", align_corners=True)[0, 0, 1], [1.0, 1.5, 2.0])
    close(F.interpolate(grid, size=(1, 1), mode="area"), [[[[1.5]]]])


def test_shuffles_by_hand() -> None:
    x = t(np.arange(8.0).reshape(1, 4, 1, 2))
    shuffled = F.pixel_shuffle(x, 2)
    close(shuffled, [[[[0.0, 2.0, 1.0, 3.0], [4.0, 6.0, 5.0, 7.0]]]])
    close(F.pixel_unshuffle(shuffled, 2), x.numpy())
    close(F.channel_shuffle(t(np.arange(6.0).reshape(1, 6, 1)), 2).flatten(), [0.0, 3.0, 1.0, 4.0, 2.0, 5.0])


def test_pooling_by_hand() -> None:
    x = t([[[1.0, 5.0, 2.0, 4.0]]], True)
    out, idx = F.adaptive_max_pool1d(x, 2, return_indices=True)
    close(out, [[[5.0, 4.0]]])
    assert idx.tolist() == [[[1, 3]]]
    out.sum().backward()
    close(x.grad, [[[0.0, 1.0, 0.0, 1.0]]])
    close(F.avg_pool1d(t([[[1.0, 3.0, 5.0, 7.0]]]), 2), [[[2.0, 6.0]]])
    close(F.adaptive_avg_pool1d(t([[[1.0, 3.0, 5.0]]]), 2), [[[2.0, 4.0]]])
    close(F.adaptive_max_pool2d(t(np.arange(16.0).reshape(1, 4, 4)), 2), [[[5.0, 7.0], [13.0, 15.0]]])


# ----------------------------------------------------------------------------------------- bilinear, dropout
def test_bilinear_is_x1_a_x2_plus_b() -> None:
    x1, x2 = RNG.standard_normal((3, 4)), RNG.standard_normal((3, 2))
    w, b = RNG.standard_normal((5, 4, 2)), RNG.standard_normal(5)
    expected = np.einsum("bi,oij,bj->bo", x1, w, x2) + b
    close(F.bilinear(t(x1), t(x2), t(w), t(b)), expected)


def test_alpha_dropout_values() -> None:
    x = t(RNG.standard_normal((50, 40)))
    assert F.alpha_dropout(x, 0.3) is x  # training defaults to False, as in torch
    mt.manual_seed(1)
    y = F.alpha_dropout(x, 0.2, training=True).numpy()
    alpha = 1.7580993408473766
    a = 1 / math.sqrt((alpha**2 * 0.2 + 1) * 0.8)
    dropped = np.isclose(y, alpha * a * (0.2 - 1))
    np.testing.assert_allclose(y[~dropped], a * x.numpy()[~dropped] + alpha * a * 0.2, rtol=1e-12)
    assert 0.1 < dropped.mean() < 0.3


def test_feature_alpha_dropout_and_dropout3d_drop_whole_channels() -> None:
    mt.manual_seed(2)
    y = F.feature_alpha_dropout(t(RNG.standard_normal((4, 6, 3))), 0.5, training=True).numpy()
    per_channel = np.ptp(y, axis=-1)
    z = F.dropout3d(t(np.ones((4, 6, 2, 2, 2))), 0.5).numpy()
    assert set(np.unique(z)) <= {0.0, 2.0}
    assert np.all(np.ptp(z.reshape(4, 6, -1), axis=-1) == 0)
    assert np.any(per_channel == 0)


# ------------------------------------------------------------------------------------------------- init
def test_dirac_conv_is_identity() -> None:
    w = init.dirac_(mt.empty(3, 3, 3, 3).double())
    x = t(RNG.standard_normal((1, 3, 5, 5)))
    close(F.conv2d(x, w, padding=1), x.numpy())


def test_sparse_zeroes_a_fraction_of_each_column() -> None:
    mt.manual_seed(0)
    w = init.sparse_(mt.empty(10, 6), 0.35)
    assert ((w.numpy() == 0).sum(0) == 4).all()


def test_orthogonal_and_trunc_normal_properties() -> None:
    mt.manual_seed(0)
    q = init.orthogonal_(mt.empty(3, 7).double(), gain=2.0).numpy()
    np.testing.assert_allclose(q @ q.T, 4 * np.eye(3), atol=1e-12)
    w = init.trunc_normal_(mt.empty(1000), mean=1.0, std=2.0, a=0.0, b=1.5).numpy()
    assert w.min() >= 0.0 and w.max() <= 1.5


# ------------------------------------------------------------------------------------- numerical gradients
def _x(*shape: int) -> mt.Tensor:
    return t(RNG.standard_normal(shape), True)


GRAD_CASES: dict[str, Callable[[], tuple[Callable[..., Any], tuple[Any, ...]]]] = {
    "multi_margin_p2": lambda: (
        lambda x: F.multi_margin_loss(x, mt.tensor([0, 2, 1]), p=2, reduction="none"),
        (_x(3, 4),),
    ),
    "multilabel_margin": lambda: (
        lambda x: F.multilabel_margin_loss(x, mt.tensor([[0, 2, -1], [1, -1, 0]])),
        (_x(2, 3),),
    ),
    "cosine_embedding": lambda: (lambda a, b: F.cosine_embedding_loss(a, b, t([1.0, -1.0])), (_x(2, 3), _x(2, 3))),
    "gaussian_nll": lambda: (lambda a, v: F.gaussian_nll_loss(a, t(np.zeros(3)), v * v + 0.5), (_x(3), _x(3))),
    "triplet": lambda: (lambda a, p, n: F.triplet_margin_loss(a, p, n, margin=5.0), (_x(2, 3), _x(2, 3), _x(2, 3))),
    "glu": lambda: (lambda x: F.glu(x, 0), (_x(4, 3),)),
    "celu": lambda: (lambda x: F.celu(x, 0.7), (_x(5),)),
    "conv_transpose2d": lambda: (
        lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2, padding=1, output_padding=1),
        (_x(1, 2, 3, 3), _x(2, 3, 3, 3), _x(3)),
    ),
    "conv_transpose1d_groups": lambda: (
        lambda x, w: F.conv_transpose1d(x, w, stride=1, groups=2, dilation=2, output_padding=1),
        (_x(2, 4, 3), _x(4, 1, 2)),
    ),
    "group_norm": lambda: (lambda x, w, b: F.group_norm(x, 2, w, b), (_x(2, 4, 3), _x(4), _x(4))),
    "instance_norm": lambda: (lambda x, w: F.instance_norm(x, weight=w), (_x(2, 3, 4), _x(3))),
    "local_response_norm": lambda: (lambda x: F.local_response_norm(x, 3, alpha=0.5), (_x(1, 4, 3),)),
    "bilinear_interp": lambda: (lambda x: F.interpolate(x, scale_factor=1.5, mode="bilinear"), (_x(1, 2, 3, 2),)),
    "nearest_interp": lambda: (lambda x: F.interpolate(x, size=5), (_x(1, 2, 3),)),
    "pixel_shuffle": lambda: (lambda x: F.pixel_shuffle(x, 2) * F.pixel_shuffle(x, 2), (_x(1, 4, 2, 3),)),
    "channel_shuffle": lambda: (lambda x: F.channel_shuffle(x, 3) ** 2, (_x(1, 6, 2),)),
    "adaptive_max2d": lambda: (lambda x: F.adaptive_max_pool2d(x, (2, 2)) ** 2, (_x(1, 3, 5),)),
    "bilinear": lambda: (lambda a, b, w: F.bilinear(a, b, w), (_x(3, 2), _x(3, 4), _x(2, 2, 4))),
    "embedding_bag_sum_psw": lambda: (
        lambda w, p: F.embedding_bag(
            mt.tensor([0, 2, 2, 3, 1]), w, mt.tensor([0, 2]), mode="sum", per_sample_weights=p
        ),
        (_x(4, 3), _x(5)),
    ),
    "embedding_bag_max": lambda: (
        lambda w: F.embedding_bag(mt.tensor([[0, 2], [3, 1]]), w, mode="max") ** 2,
        (_x(4, 3),),
    ),
}


def test_embedding_bag_by_hand() -> None:
    w = t([[1.0, 0.0], [0.0, 2.0], [4.0, 4.0]], True)
    ids, offsets = mt.tensor([0, 1, 2, 2]), mt.tensor([0, 2, 2])
    close(F.embedding_bag(ids, w, offsets), [[0.5, 1.0], [0.0, 0.0], [4.0, 4.0]])
    close(F.embedding_bag(ids, w, offsets, mode="max"), [[1.0, 2.0], [0.0, 0.0], [4.0, 4.0]])
    close(F.embedding_bag(ids, w, offsets, mode="sum", padding_idx=1), [[1.0, 0.0], [0.0, 0.0], [8.0, 8.0]])
    F.embedding_bag(ids, w, offsets).sum().backward()
    close(w.grad, [[0.5, 0.5], [0.5, 0.5], [1.0, 1.0]])


@pytest.mark.parametrize("name", sorted(GRAD_CASES))
def test_gradients_match_central_differences(name: str) -> None:
    func, inputs = GRAD_CASES[name]()
    assert gradcheck(func, inputs)
    assert gradgradcheck(func, inputs)


def test_ctc_loss_by_hand() -> None:
    one_step = t(np.log([[[0.3, 0.7]]]))
    close(F.ctc_loss(one_step, mt.tensor([[1]]), (1,), (1,), reduction="sum"), -math.log(0.7))
    # two steps, target "1": alignments 11, b1 and 1b, each 0.25 with uniform probabilities
    uniform = t(np.log(np.full((2, 1, 2), 0.5)))
    close(F.ctc_loss(uniform, mt.tensor([[1]]), (2,), (1,)), -math.log(0.75))
    close(F.ctc_loss(uniform, mt.tensor([[1, 1]]), (2,), (2,), reduction="none"), [math.inf])
    close(F.ctc_loss(uniform, mt.tensor([[1, 1]]), (2,), (2,), reduction="none", zero_infinity=True), [0.0])


def test_ctc_loss_gradient_through_log_softmax() -> None:
    logits = _x(5, 2, 4)
    targets, lengths = mt.tensor([[1, 3], [2, 2]]), (mt.tensor([5, 4]), mt.tensor([2, 2]))
    assert gradcheck(lambda x: F.ctc_loss(x.log_softmax(2), targets, *lengths), (logits,))
    loss = F.ctc_loss(logits.log_softmax(2), targets, *lengths)
    (grad,) = mt.autograd.grad(loss, (logits,), create_graph=True)
    with pytest.raises(RuntimeError, match="_ctc_loss_backward is not implemented"):
        mt.autograd.grad(grad.sum(), (logits,))


def test_rms_norm_and_lp_pool_by_hand() -> None:
    close(F.rms_norm(t([[3.0, 4.0]]), (2,), eps=0.0), [[3.0 / math.sqrt(12.5), 4.0 / math.sqrt(12.5)]])
    close(nn.RMSNorm(2, eps=0.0)(t([[1.0, -1.0]])), [[1.0, -1.0]])
    close(F.lp_pool1d(t([[[3.0, 4.0, 1.0, 1.0]]]), 2, 2), [[[5.0, math.sqrt(2.0)]]])
    close(F.lp_pool2d(t([[[[1.0, 2.0], [2.0, 4.0]]]]), 1, 2), [[[[9.0]]]])


def test_gumbel_softmax_hard_is_one_hot_with_soft_gradient() -> None:
    mt.manual_seed(0)
    logits = _x(4, 5)
    hard = F.gumbel_softmax(logits, tau=0.7, hard=True)
    assert (hard.detach().numpy().sum(1) == 1).all() and set(np.unique(hard.detach().numpy())) == {0.0, 1.0}
    mt.manual_seed(0)
    soft = F.gumbel_softmax(logits, tau=0.7)
    close(soft.sum(1), np.ones(4))
    (hard * t(np.arange(20.0).reshape(4, 5))).sum().backward()
    straight = logits.grad.numpy().copy()
    logits.grad = None
    (soft * t(np.arange(20.0).reshape(4, 5))).sum().backward()
    close(logits.grad, straight)


def test_deprecated_init_aliases_warn_and_fill() -> None:
    mt.manual_seed(3)
    expected = init.xavier_normal_(mt.empty(3, 4)).numpy()
    mt.manual_seed(3)
    with pytest.warns(FutureWarning, match="`nn.init.xavier_normal` is now deprecated"):
        got = init.xavier_normal(mt.empty(3, 4)).numpy()
    np.testing.assert_array_equal(got, expected)
