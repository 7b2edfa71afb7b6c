"""BatchNorm, LayerNorm, Embedding, the extra activations, distances, padding, KL divergence, Unflatten,
ParameterDict, parameters_to_vector and ReduceLROnPlateau without torch: hand-derived numbers, central
differences (gradcheck / gradgradcheck in float64) and module state."""

from __future__ import annotations

import math

import numpy as np
import pytest

import minitorch_scalar as mt
from minitorch_scalar import nn
from minitorch_scalar.nn import functional as F

RNG = np.random.default_rng(7)


def _t(values: object, grad: bool = False) -> mt.Tensor:
    return mt.tensor(np.asarray(values, dtype=np.float64), requires_grad=grad)


# ------------------------------------------------------------------------------------------------ BatchNorm
def test_batchnorm1d_normalises_per_channel_and_updates_running_stats() -> None:
    bn = nn.BatchNorm1d(3)
    x = mt.tensor([[1.0, 2.0, 3.0], [3.0, 2.0, 0.0]])
    y = bn(x)
    # column variances (biased) are 1, 0 and 2.25: y = (x - mean) / sqrt(var + eps)
    expected = np.array([[-1.0, 0.0, 1.5], [1.0, 0.0, -1.5]]) / np.sqrt(np.array([1.0, 0.0, 2.25]) + 1e-5)
    np.testing.assert_allclose(y.detach().numpy(), expected, rtol=1e-6, atol=1e-6)
    assert type(y.grad_fn).__name__ == "NativeBatchNormBackward0"
    # running = 0.9 * running + 0.1 * batch, with the unbiased variance (2, 0, 4.5)
    np.testing.assert_allclose(bn.running_mean.numpy(), [0.2, 0.2, 0.15], rtol=1e-6)
    np.testing.assert_allclose(bn.running_var.numpy(), [1.1, 0.9, 1.35], rtol=1e-6)
    assert bn.num_batches_tracked.item() == 1 and bn.num_batches_tracked.dtype == mt.int64


def test_batchnorm_eval_uses_running_stats_and_freezes_them() -> None:
    bn = nn.BatchNorm1d(2)
    bn(mt.tensor([[0.0, 4.0], [2.0, 0.0]]))
    mean, var = bn.running_mean.numpy().copy(), bn.running_var.numpy().copy()
    bn.eval()
    x = mt.tensor([[5.0, -1.0]])
    y = bn(x)  # one sample is fine in eval mode
    np.testing.assert_allclose(y.detach().numpy(), (x.numpy() - mean) / np.sqrt(var + 1e-5), rtol=1e-6)
    np.testing.assert_array_equal(bn.running_mean.numpy(), mean)
    assert bn.num_batches_tracked.item() == 1


def test_batchnorm_momentum_none_is_the_cumulative_average() -> None:
    bn = nn.BatchNorm1d(1, momentum=None)
    batches = [[[1.0], [3.0]], [[5.0], [7.0]], [[0.0], [0.0]]]
    for batch in batches:
        bn(mt.tensor(batch))
    np.testing.assert_allclose(bn.running_mean.numpy(), [np.mean([2.0, 6.0, 0.0])], rtol=1e-6)
    # the first batch gets factor 1/1, so the initial 1 drops out: the mean of the unbiased variances 2, 2, 0
    np.testing.assert_allclose(bn.running_var.numpy(), [np.mean([2.0, 2.0, 0.0])], rtol=1e-6)
    assert bn.num_batches_tracked.item() == 3


def test_batchnorm_flags_state_dict_and_repr() -> None:
    bn = nn.BatchNorm1d(3)
    assert list(bn.state_dict()) == ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"]
    assert repr(bn) == "BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)"
    bare = nn.BatchNorm1d(3, affine=False, track_running_stats=False)
    assert list(bare.state_dict()) == [] and bare.weight is None and bare.running_mean is None
    bare.eval()  # no running stats: batch statistics even in eval mode
    np.testing.assert_allclose(bare(mt.tensor([[1.0, 0.0, 2.0], [3.0, 0.0, 2.0]])).numpy()[:, 0], [-1, 1], rtol=1e-5)
    assert list(nn.BatchNorm2d(2, bias=False).state_dict())[:2] == ["weight", "running_mean"]


def test_batchnorm_errors() -> None:
    with pytest.raises(ValueError, match="more than 1 value per channel"):
        nn.BatchNorm1d(2)(mt.ones(1, 2))
    with pytest.raises(ValueError, match=r"expected 2D or 3D input \(got 4D input\)"):
        nn.BatchNorm1d(2)(mt.ones(1, 2, 1, 1))
    with pytest.raises(ValueError, match=r"expected 4D input \(got 2D input\)"):
        nn.BatchNorm2d(2)(mt.ones(2, 2))
    with pytest.raises(RuntimeError, match="running_mean should contain 2 elements not 3"):
        nn.BatchNorm1d(3)(mt.ones(2, 2))
    with pytest.raises(RuntimeError, match="running_mean must be defined in evaluation mode"):
        F.batch_norm(mt.ones(2, 2), None, None)


@pytest.mark.parametrize("training", [True, False])
def test_batch_norm_gradients_match_central_differences(training: bool) -> None:
    x = _t(RNG.standard_normal((4, 2, 3)), True)
    w, b = _t([0.7, -1.2], True), _t([0.1, 0.3], True)
    mean, var = _t([0.2, -0.1]), _t([1.5, 0.5])

    def fn(x: mt.Tensor, w: mt.Tensor, b: mt.Tensor) -> mt.Tensor:
        return F.batch_norm(x, mean, var, w, b, training=training, momentum=0.0)

    assert mt.autograd.gradcheck(fn, (x, w, b))
    assert mt.autograd.gradgradcheck(fn, (x, w, b))


# ------------------------------------------------------------------------------------------------ LayerNorm
def test_layer_norm_values_grads_and_module() -> None:
    ln = nn.LayerNorm(3)
    y = ln(mt.tensor([[1.0, 2.0, 3.0]]))
    np.testing.assert_allclose(y.detach().numpy(), [[-math.sqrt(1.5), 0.0, math.sqrt(1.5)]], rtol=1e-5)
    assert type(y.grad_fn).__name__ == "NativeLayerNormBackward0"
    assert repr(ln) == "LayerNorm((3,), eps=1e-05, elementwise_affine=True, bias=True)"
    assert list(ln.state_dict()) == ["weight", "bias"]
    ln.eval()
    np.testing.assert_array_equal(ln(mt.tensor([[1.0, 2.0, 3.0]])).detach().numpy(), y.detach().numpy())
    with pytest.raises(RuntimeError, match=r"expected input with shape \[\*, 3\], but got input of size\[2, 4\]"):
        ln(mt.ones(2, 4))

    x = _t(RNG.standard_normal((2, 3, 4)), True)
    w, b = _t(RNG.standard_normal((3, 4)), True), _t(RNG.standard_normal((3, 4)), True)
    assert mt.autograd.gradcheck(lambda x, w, b: F.layer_norm(x, (3, 4), w, b), (x, w, b))
    assert mt.autograd.gradgradcheck(lambda x, w, b: F.layer_norm(x, (3, 4), w, b), (x, w, b))


# ------------------------------------------------------------------------------------------------ Embedding
def test_embedding_lookup_and_gradient_accumulation() -> None:
    table = _t([[0.0, 1.0], [2.0, 3.0], [4.0, 5.0]], True)
    idx = mt.tensor([[2, 2], [0, 1]])
    out = F.embedding(idx, table)
    np.testing.assert_array_equal(out.detach().numpy(), [[[4, 5], [4, 5]], [[0, 1], [2, 3]]])
    assert type(out.grad_fn).__name__ == "EmbeddingBackward0"
    out.backward(mt.ones(2, 2, 2, dtype=mt.float64))
    np.testing.assert_array_equal(table.grad.numpy(), [[1, 1], [1, 1], [2, 2]])  # row 2 used twice

    table.grad = None
    F.embedding(idx, table, padding_idx=1, scale_grad_by_freq=True).sum().backward()
    np.testing.assert_array_equal(table.grad.numpy(), [[1, 1], [0, 0], [1, 1]])  # 2 uses / count 2; pad row 0


def test_embedding_module_init_padding_and_errors() -> None:
    mt.manual_seed(0)
    emb = nn.Embedding(4, 2, padding_idx=-1)
    assert emb.padding_idx == 3 and repr(emb) == "Embedding(4, 2, padding_idx=3)"
    np.testing.assert_array_equal(emb.weight.detach().numpy()[3], [0.0, 0.0])
    mt.manual_seed(0)
    draws = mt.randn(4, 2).numpy()
    np.testing.assert_array_equal(emb.weight.detach().numpy()[:3], draws[:3])  # N(0, 1) draws, in order
    with pytest.raises(IndexError, match="index out of range in self"):
        emb(mt.tensor([4]))
    with pytest.raises(RuntimeError, match="Long, Int; but got torch.FloatTensor"):
        emb(mt.tensor([1.0]))
    with pytest.raises(AssertionError, match="Padding_idx must be within num_embeddings"):
        nn.Embedding(4, 2, padding_idx=4)
    frozen = nn.Embedding.from_pretrained(mt.tensor([[3.0, 4.0]]))
    assert not frozen.weight.requires_grad


def test_embedding_max_norm_renormalises_used_rows_in_place() -> None:
    emb = nn.Embedding(2, 2, max_norm=1.0, _weight=mt.tensor([[3.0, 4.0], [0.3, 0.4]]))
    emb(mt.tensor([0]))
    np.testing.assert_allclose(emb.weight.detach().numpy(), [[0.6, 0.8], [0.3, 0.4]], rtol=1e-6)


# ---------------------------------------------------------------------------------------------- activations
def test_activation_values_by_hand() -> None:
    x = mt.tensor([-1.0, 0.0, 1.0, 7.0])
    e = math.exp(-1.0)
    np.testing.assert_allclose(F.elu(x).numpy(), [e - 1, 0, 1, 7], rtol=1e-6)
    np.testing.assert_allclose(
        F.softplus(x).numpy(), [math.log1p(e), math.log(2), math.log1p(math.e), 7.000912], rtol=1e-6
    )
    np.testing.assert_allclose(
        F.silu(x).numpy(), [-1 / (1 + math.e), 0, 1 / (1 + e), 7 / (1 + math.exp(-7))], rtol=1e-6
    )
    np.testing.assert_array_equal(F.hardtanh(x).numpy(), [-1, 0, 1, 1])
    np.testing.assert_array_equal(F.relu6(x).numpy(), [0, 0, 1, 6])
    np.testing.assert_allclose(F.softsign(x).numpy(), [-0.5, 0, 0.5, 7 / 8], rtol=1e-6)
    np.testing.assert_allclose(F.hardsigmoid(x).numpy(), [2 / 6, 0.5, 4 / 6, 1], rtol=1e-6)
    np.testing.assert_allclose(F.hardswish(x).numpy(), [-2 / 6, 0, 4 / 6, 7], rtol=1e-6)
    np.testing.assert_array_equal(F.threshold(x, 0.5, -9.0).numpy(), [-9, -9, 1, 7])
    np.testing.assert_allclose(
        F.logsigmoid(x).numpy(), [-math.log1p(math.e), -math.log(2), -math.log1p(e), -0.000911], rtol=1e-3
    )
    np.testing.assert_allclose(F.prelu(x, mt.tensor([0.25])).numpy(), [-0.25, 0, 1, 7])


def test_piecewise_activation_grads_at_the_kinks() -> None:
    x = _t([-3.0, -1.0, 0.0, 1.0, 3.0, 6.0], True)
    cases = {
        F.hardtanh: [0, 0, 1, 0, 0, 0],
        F.relu6: [0, 0, 0, 1, 1, 0],
        F.hardswish: [0, 1 / 6, 0.5, 5 / 6, 1, 1],
        lambda t: F.elu(t, 0.5): [0.5 * math.exp(-3), 0.5 * math.exp(-1), 0.5, 1, 1, 1],
        lambda t: F.threshold(t, 1.0, 2.0): [0, 0, 0, 0, 1, 1],
    }
    for fn, expected in cases.items():
        (grad,) = mt.autograd.grad(fn(x).sum(), x)
        np.testing.assert_allclose(grad.numpy(), expected, rtol=1e-12)
        assert not np.signbit(grad.numpy()).any()  # flat pieces give +0, as torch's kernels


@pytest.mark.parametrize(
    "fn", [F.elu, F.selu, F.softplus, F.silu, F.mish, F.logsigmoid, F.softsign, lambda t: F.softmin(t, 0)]
)
def test_smooth_activation_grads_match_central_differences(fn: object) -> None:
    x = _t([-2.5, -0.7, 0.3, 1.9], True)
    assert mt.autograd.gradcheck(fn, (x,))
    assert mt.autograd.gradgradcheck(fn, (x,))


def test_prelu_module_channels_and_weight_grad() -> None:
    prelu = nn.PReLU(2, init=0.5)
    assert repr(prelu) == "PReLU(num_parameters=2)" and list(prelu.state_dict()) == ["weight"]
    y = prelu(mt.tensor([[-2.0, 4.0], [-6.0, -8.0]]))
    np.testing.assert_array_equal(y.detach().numpy(), [[-1, 4], [-3, -4]])
    y.sum().backward()
    np.testing.assert_array_equal(prelu.weight.grad.numpy(), [-8, -8])  # sum of x where x <= 0, per channel
    assert type(y.grad_fn).__name__ == "PreluKernelBackward0"


def test_activation_module_reprs() -> None:
    assert repr(nn.ELU(alpha=0.5, inplace=True)) == "ELU(alpha=0.5, inplace=True)"
    assert repr(nn.Softplus()) == "Softplus(beta=1.0, threshold=20.0)"
    assert repr(nn.Hardtanh()) == "Hardtanh(min_val=-1.0, max_val=1.0)"
    assert repr(nn.ReLU6(True)) == "ReLU6(inplace=True)"
    assert repr(nn.Threshold(0.1, 20)) == "Threshold(threshold=0.1, value=20)"
    assert repr(nn.Softmin(1)) == "Softmin(dim=1)" and repr(nn.SiLU()) == "SiLU()"
    with pytest.raises(AssertionError, match=r"max_val \(1\) must be greater than min_val \(2\)"):
        nn.Hardtanh(2, 1)


# ------------------------------------------------------------------------------ distances, pad, KL divergence
def test_cosine_similarity_normalize_and_pairwise_distance() -> None:
    a, b = _t([[3.0, 4.0], [0.0, 0.0]], True), _t([[4.0, 3.0], [1.0, 0.0]], True)
    np.testing.assert_allclose(F.cosine_similarity(a, b).detach().numpy(), [24 / 25, 0.0])
    np.testing.assert_allclose(F.normalize(a).detach().numpy(), [[0.6, 0.8], [0.0, 0.0]])
    np.testing.assert_allclose(F.pairwise_distance(a, b, eps=0.0).detach().numpy(), [math.sqrt(2), 1.0])
    assert type(F.pairwise_distance(a, b).grad_fn).__name__ == "NormBackward1"
    a2, b2 = _t(RNG.standard_normal((3, 4)), True), _t(RNG.standard_normal((3, 4)), True)
    for fn in (F.cosine_similarity, lambda x, y: F.pairwise_distance(x, y, p=3.0), lambda x, y: F.normalize(x) * y):
        assert mt.autograd.gradcheck(fn, (a2, b2))


def test_pad_constant_and_crop() -> None:
    x = _t([[1.0, 2.0], [3.0, 4.0]], True)
    y = F.pad(x, (1, -1, 0, 1), value=9.0)
    np.testing.assert_array_equal(y.detach().numpy(), [[9, 1], [9, 3], [9, 9]])
    assert type(y.grad_fn).__name__ == "ConstantPadNdBackward0"
    y.sum().backward()
    np.testing.assert_array_equal(x.grad.numpy(), [[1, 0], [1, 0]])  # the cropped column gets no gradient
    with pytest.raises(RuntimeError, match="Padding length must be divisible by 2"):
        F.pad(x, (1,))
    assert F.pad(x, (1, 1), mode="reflect").tolist() == [[2.0, 1.0, 2.0, 1.0], [4.0, 3.0, 4.0, 3.0]]


def test_kl_div_reductions() -> None:
    target = _t([[0.25, 0.75], [0.0, 1.0]])
    logp = _t(np.log([[0.5, 0.5], [0.5, 0.5]]), True)
    per = np.array([[0.25 * math.log(0.5), 0.75 * math.log(1.5)], [0.0, math.log(2.0)]])
    np.testing.assert_allclose(F.kl_div(logp, target, reduction="none").detach().numpy(), per, rtol=1e-12)
    np.testing.assert_allclose(F.kl_div(logp, target, reduction="batchmean").item(), per.sum() / 2, rtol=1e-12)
    with pytest.warns(UserWarning, match="'batchmean' divides only by the batch size"):
        mean = nn.KLDivLoss()(logp, target)
    np.testing.assert_allclose(mean.item(), per.mean(), rtol=1e-12)
    log_t = F.kl_div(logp, _t(np.log([[0.25, 0.75], [0.5, 0.5]])), reduction="sum", log_target=True)
    assert math.isfinite(log_t.item())
    (grad,) = mt.autograd.grad(F.kl_div(logp, target, reduction="sum"), logp)
    np.testing.assert_array_equal(grad.numpy(), -target.numpy())


# ------------------------------------------------------------------------------------ containers and utils
def test_unflatten() -> None:
    u = nn.Unflatten(1, (2, 3))
    assert repr(u) == "Unflatten(dim=1, unflattened_size=(2, 3))"
    assert tuple(u(mt.ones(4, 6)).shape) == (4, 2, 3)
    assert tuple(nn.Unflatten(-1, (-1, 2))(mt.ones(3, 4)).shape) == (3, 2, 2)
    with pytest.raises(TypeError, match="must be a tuple of ints, but found type int"):
        nn.Unflatten(1, 3)  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match=r"Provided sizes \[2, 3\] don't multiply up to the size of dim 1 \(5\)"):
        u(mt.ones(2, 5))


def test_parameter_dict_registers_sorted_and_wraps() -> None:
    pd = nn.ParameterDict({"b": nn.Parameter(mt.ones(2)), "a": mt.zeros(3)})
    assert list(pd) == ["a", "b"] and isinstance(pd["a"], nn.Parameter)
    pd["c"] = mt.ones(1, 2)
    pd["note"] = "text"
    assert [name for name, _ in pd.named_parameters()] == ["a", "b", "c"]
    assert list(pd.state_dict()) == ["a", "b", "c"] and len(pd) == 4
    assert "(c): Parameter containing: [torch.FloatTensor of size 1x2]" in repr(pd)
    assert "(note): Object of type: str" in repr(pd)
    pd.pop("c")
    assert "c" not in pd and [name for name, _ in pd.named_parameters()] == ["a", "b"]
    with pytest.raises(TypeError, match="not a string"):
        pd[1] = mt.ones(1)  # type: ignore[index]


def test_parameters_to_vector_and_back() -> None:
    lin = nn.Linear(2, 1)
    vec = nn.utils.parameters_to_vector(lin.parameters())
    np.testing.assert_array_equal(
        vec.detach().numpy(), np.concatenate([lin.weight.detach().numpy()[0], lin.bias.detach().numpy()])
    )
    nn.utils.vector_to_parameters(mt.tensor([1.0, 2.0, 3.0]), lin.parameters())
    np.testing.assert_array_equal(lin.weight.detach().numpy(), [[1.0, 2.0]])
    np.testing.assert_array_equal(lin.bias.detach().numpy(), [3.0])


def test_reduce_lr_on_plateau_patience_cooldown_and_min_lr() -> None:
    opt = mt.optim.SGD([nn.Parameter(mt.ones(1))], lr=1.0)
    sched = mt.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=0.5, patience=1, cooldown=1, min_lr=0.3)
    lrs = []
    for loss in [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]:
        sched.step(loss)
        lrs.append(opt.param_groups[0]["lr"])
    # 2 bad epochs > patience 1 -> halve; 1 cooldown epoch ignores bad epochs; clamp at min_lr 0.3
    assert lrs == [1.0, 1.0, 0.5, 0.5, 0.5, 0.3, 0.3, 0.3]
    assert sched.get_last_lr() == [0.3]
    with pytest.raises(ValueError, match="Factor should be < 1.0."):
        mt.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=1.0)


def _lrs(make: object, steps: int) -> list[float]:
    opt = mt.optim.SGD([nn.Parameter(mt.ones(1))], lr=0.1, momentum=0.9)
    sched = make(opt)  # type: ignore[operator]
    out = [opt.param_groups[0]["lr"]]
    for _ in range(steps):
        opt.step()
        sched.step()
        out.append(opt.param_groups[0]["lr"])
    return out


def test_linear_and_constant_lr_warmups() -> None:
    linear = _lrs(lambda o: mt.optim.lr_scheduler.LinearLR(o, start_factor=0.5, total_iters=4), 6)
    np.testing.assert_allclose(linear, [0.05, 0.0625, 0.075, 0.0875, 0.1, 0.1, 0.1], rtol=1e-12)
    constant = _lrs(lambda o: mt.optim.lr_scheduler.ConstantLR(o, factor=0.5, total_iters=2), 4)
    np.testing.assert_allclose(constant, [0.05, 0.05, 0.1, 0.1, 0.1], rtol=1e-12)


def test_one_cycle_lr_rises_then_anneals_with_momentum_opposite() -> None:
    opt = mt.optim.SGD([nn.Parameter(mt.ones(1))], lr=0.1, momentum=0.9)
    sched = mt.optim.lr_scheduler.OneCycleLR(opt, max_lr=1.0, total_steps=10, pct_start=0.5, anneal_strategy="linear")
    lrs, moms = [opt.param_groups[0]["lr"]], [opt.param_groups[0]["momentum"]]
    for _ in range(9):
        opt.step()
        sched.step()
        lrs.append(opt.param_groups[0]["lr"])
        moms.append(opt.param_groups[0]["momentum"])
    assert lrs[0] == pytest.approx(1.0 / 25) and moms[0] == pytest.approx(0.95)
    assert max(lrs) == pytest.approx(1.0) and lrs.index(max(lrs)) == 4  # peak at pct_start * total - 1
    assert moms[4] == pytest.approx(0.85)
    assert lrs[-1] == pytest.approx(1.0 / 25 / 1e4)
    sched.step()  # step 10 of 10 is still allowed (torch's off-by-one)
    with pytest.raises(ValueError, match="Tried to step 11 times. The specified number of total steps is 10"):
        sched.step()


# ------------------------------------------------------------------------------------ convolution & pooling
def test_conv2d_by_hand() -> None:
    x = _t(np.arange(16.0).reshape(1, 1, 4, 4))
    w = _t([[[[1.0, 0.0], [0.0, -1.0]]]], True)  # x[i, j] - x[i + 1, j + 1]
    y = F.conv2d(x, w, _t([0.5]))
    np.testing.assert_array_equal(y.detach().numpy(), np.full((1, 1, 3, 3), -5.0 + 0.5))
    assert type(y.grad_fn).__name__ == "ConvolutionBackward0"
    padded = F.conv2d(x, _t(np.ones((1, 1, 3, 3))), padding=1, stride=3)
    np.testing.assert_array_equal(
        padded.numpy(), [[[[0 + 1 + 4 + 5, 2 + 3 + 6 + 7], [8 + 9 + 12 + 13, 10 + 11 + 14 + 15]]]]
    )
    conv = nn.Conv2d(1, 6, 5)
    assert repr(conv) == "Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))"
    assert tuple(conv.weight.shape) == (6, 1, 5, 5) and list(conv.state_dict()) == ["weight", "bias"]
    bound = 1 / math.sqrt(25)
    assert np.abs(conv.weight.detach().numpy()).max() <= bound and np.abs(conv.bias.detach().numpy()).max() <= bound


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"stride": 2, "padding": 1},
        {"dilation": (2, 1), "padding": (0, 1)},
        {"groups": 2, "padding": "same"},
    ],
)
def test_conv2d_gradients_match_central_differences(options: dict[str, object]) -> None:
    x = _t(RNG.standard_normal((1, 2, 5, 4)), True)
    w = _t(RNG.standard_normal((2, 2 // int(options.get("groups", 1)), 3, 2)), True)  # type: ignore[call-overload]
    b = _t(RNG.standard_normal(2), True)
    fn = lambda x, w, b: F.conv2d(x, w, b, **options)  # noqa: E731
    assert mt.autograd.gradcheck(fn, (x, w, b))
    assert mt.autograd.gradgradcheck(fn, (x, w, b))


def test_conv1d_gradients_and_unbatched_input() -> None:
    x, w = _t(RNG.standard_normal((3, 7)), True), _t(RNG.standard_normal((2, 3, 3)), True)
    y = F.conv1d(x, w, stride=2)
    assert tuple(y.shape) == (2, 3) and type(y.grad_fn).__name__ == "SqueezeBackward1"
    assert mt.autograd.gradcheck(lambda x, w: F.conv1d(x, w, padding=1, dilation=2), (x, w))
    with pytest.raises(RuntimeError, match=r"expected input\[1, 3, 7\] to have 6 channels, but got 3 channels"):
        F.conv1d(x[None], _t(np.ones((2, 6, 3))))


def test_max_pool_routes_the_gradient_to_the_first_maximum() -> None:
    x = _t([[[[1.0, 3.0, 2.0, 2.0], [3.0, 0.0, 2.0, 2.0]]]], True)
    out, index = F.max_pool2d(x, 2, return_indices=True)
    np.testing.assert_array_equal(out.detach().numpy(), [[[[3.0, 2.0]]]])
    np.testing.assert_array_equal(index.numpy(), [[[[1, 2]]]])  # flat index in the 2x4 plane
    assert type(out.grad_fn).__name__ == "MaxPool2DWithIndicesBackward0"
    out.sum().backward()
    np.testing.assert_array_equal(x.grad.numpy(), [[[[0, 1, 1, 0], [0, 0, 0, 0]]]])
    assert repr(nn.MaxPool2d(2)) == "MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)"
    ceil = nn.MaxPool2d(3, stride=2, ceil_mode=True)(mt.ones(1, 1, 6, 6))
    assert tuple(ceil.shape) == (1, 1, 3, 3)
    y = nn.MaxPool1d(2)(mt.tensor([[[1.0, 5.0, 2.0, 0.0, 9.0]]]))
    np.testing.assert_array_equal(y.numpy(), [[[5.0, 2.0]]])


def test_channel_dropout_zeroes_whole_channels() -> None:
    mt.manual_seed(3)
    y = nn.Dropout2d(0.5)(mt.ones(4, 6, 3, 3)).numpy()
    per_channel = y.reshape(4, 6, -1)
    assert set(np.unique(per_channel)) <= {0.0, 2.0}
    assert (per_channel.min(axis=-1) == per_channel.max(axis=-1)).all()  # each channel all kept or all zeroed
    assert 0 < (per_channel[..., 0] == 0).sum() < 24
    d = nn.Dropout1d(0.5).eval()
    x = mt.ones(2, 3, 4)
    assert d(x) is x
    with pytest.raises(RuntimeError, match="dropout1d: Expected 2D or 3D input, but received a 4D input"):
        nn.Dropout1d()(mt.ones(1, 2, 3, 4))


def test_avg_pool_divisors_and_gradients() -> None:
    x = _t(np.arange(16.0).reshape(1, 1, 4, 4), True)
    np.testing.assert_array_equal(F.avg_pool2d(x, 2).detach().numpy(), [[[[2.5, 4.5], [10.5, 12.5]]]])
    # padding 1: the corner window holds x[0,0], x[0,1], x[1,0], x[1,1] and 5 zeros of padding
    corner = (0 + 1 + 4 + 5) / 9
    np.testing.assert_allclose(F.avg_pool2d(x, 3, 2, 1).detach().numpy()[0, 0, 0, 0], corner)
    np.testing.assert_allclose(F.avg_pool2d(x, 3, 2, 1, count_include_pad=False).detach().numpy()[0, 0, 0, 0], 2.5)
    assert type(F.avg_pool2d(x, 2).grad_fn).__name__ == "AvgPool2DBackward0"
    for fn in (
        lambda t: F.avg_pool2d(t, 3, 2, 1, ceil_mode=True, count_include_pad=False),
        lambda t: F.adaptive_avg_pool2d(t, (3, 2)),
    ):
        assert mt.autograd.gradcheck(fn, (x,))
        assert mt.autograd.gradgradcheck(fn, (x,))
    assert type(nn.AdaptiveAvgPool2d(1)(x).grad_fn).__name__ == "MeanBackward1"
    np.testing.assert_allclose(F.adaptive_avg_pool2d(x, (1, 2)).detach().numpy(), [[[[6.5, 8.5]]]])


# ------------------------------------------------------------------------------------------- recurrent layers
def test_rnn_cell_by_hand_and_layer_unrolls_it() -> None:
    cell = nn.RNNCell(2, 2)
    with mt.no_grad():
        cell.weight_ih.copy_(mt.tensor([[1.0, 0.0], [0.0, 1.0]]))
        cell.weight_hh.copy_(mt.tensor([[0.5, 0.0], [0.0, 0.5]]))
        cell.bias_ih.zero_()
        cell.bias_hh.zero_()
    h1 = cell(mt.tensor([[1.0, -1.0]]))
    np.testing.assert_allclose(h1.detach().numpy(), np.tanh([[1.0, -1.0]]), rtol=1e-6)
    h2 = cell(mt.tensor([[0.0, 0.0]]), h1)
    np.testing.assert_allclose(h2.detach().numpy(), np.tanh(0.5 * np.tanh([[1.0, -1.0]])), rtol=1e-6)
    layer = nn.RNN(2, 2)
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        with mt.no_grad():
            getattr(layer, name + "_l0").copy_(getattr(cell, name))
    out, h_n = layer(mt.tensor([[[1.0, -1.0]], [[0.0, 0.0]]]))
    np.testing.assert_allclose(out.detach().numpy()[1], h2.detach().numpy(), rtol=1e-6)
    np.testing.assert_allclose(h_n.detach().numpy()[0], h2.detach().numpy(), rtol=1e-6)


def test_lstm_and_gru_shapes_parameters_and_gradients() -> None:
    mt.manual_seed(0)
    lstm = nn.LSTM(3, 4, num_layers=2, batch_first=True, bidirectional=True)
    names = [n for n, _ in lstm.named_parameters()]
    assert names[:4] == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"] and "bias_hh_l1_reverse" in names
    assert tuple(lstm.weight_ih_l1.shape) == (16, 8)  # 4 gates x hidden, reading both directions
    bound = 1 / math.sqrt(4)
    assert all(np.abs(p.detach().numpy()).max() <= bound for p in lstm.parameters())
    out, (h, c) = lstm(mt.randn(2, 5, 3))
    assert tuple(out.shape) == (2, 5, 8) and tuple(h.shape) == (4, 2, 4) and tuple(c.shape) == (4, 2, 4)
    assert repr(lstm) == "LSTM(3, 4, num_layers=2, batch_first=True, bidirectional=True)"
    gru = nn.GRU(2, 3).double()
    x = _t(RNG.standard_normal((4, 1, 2)), True)
    assert mt.autograd.gradcheck(lambda x: gru(x)[0], (x,))
    cell = nn.LSTMCell(2, 3).double()
    assert mt.autograd.gradcheck(lambda x: cell(x)[1], (x[0],))
    with pytest.raises(RuntimeError, match="input.size\\(-1\\) must be equal to input_size. Expected 2, got 3"):
        gru(mt.ones(2, 1, 3, dtype=mt.float64))


def test_trunc_normal_stays_in_bounds_and_orthogonal_is_orthogonal() -> None:
    mt.manual_seed(0)
    wide = nn.init.trunc_normal_(mt.empty(2000), mean=0.5, std=1.0, a=-1.0, b=1.0).numpy()
    narrow = nn.init.trunc_normal_(mt.empty(500), std=1.0, a=2.0, b=2.5).numpy()
    assert wide.min() >= -1.0 and wide.max() <= 1.0 and narrow.min() >= 2.0 and narrow.max() <= 2.5
    # N(0.5, 1) truncated to [-1, 1] has mean 0.5 + (phi(-1.5) - phi(0.5)) / (Phi(0.5) - Phi(-1.5)) = 0.144
    assert abs(float(wide.mean()) - 0.144) < 0.04
    tall = nn.init.orthogonal_(mt.empty(5, 3)).numpy().astype(np.float64)
    np.testing.assert_allclose(tall.T @ tall, np.eye(3), atol=1e-5)
    wide_q = nn.init.orthogonal_(mt.empty(2, 6), gain=2.0).numpy().astype(np.float64)
    np.testing.assert_allclose(wide_q @ wide_q.T, 4 * np.eye(2), atol=1e-5)
    with pytest.raises(ValueError, match="Only tensors with 2 or more dimensions are supported"):
        nn.init.orthogonal_(mt.empty(3))


def test_margin_losses_by_hand() -> None:
    x1, x2 = _t([0.5, -1.0, 2.0], True), _t([1.0, 0.0, 1.5])
    y = _t([1.0, -1.0, -1.0])
    # max(0, -y (x1 - x2) + 0.2) = [0.7, 0, 0.7]
    np.testing.assert_allclose(F.margin_ranking_loss(x1, x2, y, 0.2, reduction="none").detach().numpy(), [0.7, 0, 0.7])
    # y = 1 keeps x, y = -1 gives max(0, 1.5 - x)
    np.testing.assert_allclose(
        nn.HingeEmbeddingLoss(margin=1.5, reduction="none")(x1, y).detach().numpy(), [0.5, 2.5, 0]
    )
    soft = F.soft_margin_loss(x1, y, reduction="sum")
    np.testing.assert_allclose(soft.item(), sum(math.log1p(math.exp(-a * b)) for a, b in [(0.5, 1), (-1, -1), (2, -1)]))
    assert type(soft.grad_fn).__name__ == "SoftMarginLossBackward0"
    assert mt.autograd.gradcheck(lambda x: F.soft_margin_loss(x, y), (x1,))
