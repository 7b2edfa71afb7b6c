"""nn.functional, layers and nn.init without torch: hand-derived values and gradients."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import minitorch_scalar as mt
from minitorch_scalar import nn
from minitorch_scalar.nn import functional as F
from minitorch_scalar.nn import init


def leaf(values: object) -> mt.Tensor:
    return mt.tensor(np.asarray(values, dtype=np.float64), requires_grad=True)


def test_mse_each_reduction() -> None:
    pred, target = leaf([1.0, 2.0, 3.0]), mt.tensor(np.ones(3))
    loss = F.mse_loss(pred, target)
    assert loss.item() == pytest.approx(5 / 3) and type(loss.grad_fn).__name__ == "MseLossBackward0"
    loss.backward()
    assert pred.grad.tolist() == pytest.approx([0.0, 2 / 3, 4 / 3])
    assert F.mse_loss(pred, target, reduction="sum").item() == 5.0
    assert F.mse_loss(pred, target, reduction="none").tolist() == [0.0, 1.0, 4.0]
    assert nn.MSELoss(reduction="sum")(pred, target).item() == 5.0
    with pytest.raises(ValueError, match="foo is not a valid value for reduction"):
        F.mse_loss(pred, target, reduction="foo")


def test_mse_warns_and_broadcasts() -> None:
    with pytest.warns(UserWarning, match=r"Using a target size \(torch.Size\(\[2\]\)\) that is different"):
        loss = F.mse_loss(mt.tensor([[1.0], [2.0]]), mt.tensor([1.0, 2.0]))
    assert loss.item() == pytest.approx(0.5)


def test_l1_huber_smooth_l1() -> None:
    pred, target = leaf([0.0, 0.5, 2.0]), mt.tensor(np.zeros(3))
    assert F.l1_loss(pred, target).item() == pytest.approx(2.5 / 3)
    huber = F.huber_loss(pred, target, reduction="none")
    assert huber.tolist() == pytest.approx([0.0, 0.125, 1.5])
    F.huber_loss(pred, target).backward()
    assert pred.grad.tolist() == pytest.approx([0.0, 0.5 / 3, 1 / 3])
    smooth = F.smooth_l1_loss(pred, target, reduction="none", beta=0.5)
    assert smooth.tolist() == pytest.approx([0.0, 0.25, 1.75])
    assert type(smooth.grad_fn).__name__ == "SmoothL1LossBackward0"


def test_binary_cross_entropy_clamps_logs() -> None:
    p, t = leaf([0.5, 0.0]), mt.tensor(np.array([1.0, 1.0]))
    loss = F.binary_cross_entropy(p, t, reduction="none")
    assert loss.tolist() == pytest.approx([math.log(2), 100.0])
    F.binary_cross_entropy(p[:1], t[:1]).backward()
    assert p.grad.tolist() == pytest.approx([-2.0, 0.0])
    with pytest.raises(RuntimeError, match="all elements of input should be between 0 and 1"):
        F.binary_cross_entropy(mt.tensor([1.5]), mt.tensor([1.0]))


def test_bce_with_logits_is_stable() -> None:
    x = leaf([0.0, 100.0, -100.0])
    t = mt.tensor(np.array([1.0, 0.0, 1.0]))
    loss = F.binary_cross_entropy_with_logits(x, t, reduction="none")
    assert loss.tolist() == pytest.approx([math.log(2), 100.0, 100.0])
    loss.sum().backward()
    assert x.grad.tolist() == pytest.approx([-0.5, 1.0, -1.0])
    weighted = F.binary_cross_entropy_with_logits(x[:1], t[:1], pos_weight=mt.tensor(np.array([3.0])))
    assert weighted.item() == pytest.approx(3 * math.log(2))


def test_cross_entropy_and_nll() -> None:
    logits = leaf([[0.0, 0.0, 0.0]])
    loss = F.cross_entropy(logits, mt.tensor([1]))
    assert loss.item() == pytest.approx(math.log(3))
    assert type(loss.grad_fn).__name__ == "NllLossBackward0"
    loss.backward()
    assert logits.grad.tolist()[0] == pytest.approx([1 / 3, -2 / 3, 1 / 3])
    logp = leaf([[-1.0, -2.0], [-3.0, -4.0]])
    weighted = F.nll_loss(logp, mt.tensor([0, 1]), weight=mt.tensor(np.array([1.0, 3.0])))
    assert weighted.item() == pytest.approx((1 + 12) / 4)
    assert F.nll_loss(logp, mt.tensor([0, 1]), ignore_index=1).item() == pytest.approx(1.0)
    with pytest.raises(IndexError, match="Target 2 is out of bounds."):
        F.nll_loss(logp, mt.tensor([0, 2]))
    with pytest.raises(RuntimeError, match="expected target dtype to be Long or Byte, but got Float"):
        F.cross_entropy(logp, mt.tensor([0.0, 1.0]))
    probs = F.cross_entropy(leaf([[0.0, 0.0]]), mt.tensor(np.array([[0.5, 0.5]])))
    assert probs.item() == pytest.approx(math.log(2))


def test_activations() -> None:
    x = leaf([-1.0, 2.0])
    y = F.leaky_relu(x, 0.1)
    assert y.tolist() == pytest.approx([-0.1, 2.0]) and type(y.grad_fn).__name__ == "LeakyReluBackward0"
    y.sum().backward()
    assert x.grad.tolist() == pytest.approx([0.1, 1.0])
    z = leaf([0.0])
    g = F.gelu(z)
    g.backward()
    assert g.item() == 0.0 and z.grad.item() == pytest.approx(0.5)
    assert F.gelu(mt.tensor([10.0])).item() == pytest.approx(10.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert F.softmax(mt.tensor([1.0, 1.0]), dim=0).tolist() == [0.5, 0.5]
    with pytest.warns(UserWarning, match="Implicit dimension choice for softmax"):
        F.softmax(mt.tensor([1.0, 1.0]))
    assert F.log_softmax(mt.tensor([1000.0, 1000.0]), dim=0).tolist() == pytest.approx([-math.log(2)] * 2)


def test_erf_matches_math_erf() -> None:
    from minitorch_scalar.nn.functional import _erf_array

    xs = np.concatenate([np.linspace(-7, 7, 2001), [0.0, -0.0, 1e-300, 3.0, -3.0, np.inf, -np.inf]])
    expected = np.array([math.erf(v) for v in xs])
    assert np.max(np.abs(_erf_array(xs) - expected)) < 5e-15
    assert np.isnan(_erf_array(np.array([np.nan]))[0])


def test_linear_forward_backward_and_names() -> None:
    layer = nn.Linear(2, 2)
    with mt.no_grad():
        layer.weight.copy_(mt.tensor([[1.0, 2.0], [3.0, 4.0]]))
        layer.bias.copy_(mt.tensor([1.0, 1.0]))
    x = mt.tensor([[1.0, 1.0]], requires_grad=True)
    y = layer(x)
    assert y.tolist() == [[4.0, 8.0]] and type(y.grad_fn).__name__ == "AddmmBackward0"
    y.sum().backward()
    assert layer.weight.grad.tolist() == [[1.0, 1.0], [1.0, 1.0]]
    assert layer.bias.grad.tolist() == [1.0, 1.0] and x.grad.tolist() == [[4.0, 6.0]]
    assert type(layer(mt.tensor([1.0, 1.0])).grad_fn).__name__ == "ViewBackward0"
    assert tuple(layer(mt.zeros(3, 4, 2)).shape) == (3, 4, 2)
    assert repr(nn.Linear(2, 1, bias=False)) == "Linear(in_features=2, out_features=1, bias=False)"


def test_linear_init_bounds_and_dtype() -> None:
    layer = nn.Linear(16, 300)
    bound = 1 / math.sqrt(16)
    assert layer.weight.abs().max().item() <= bound and layer.bias.abs().max().item() <= bound
    assert layer.weight.abs().max().item() > 0.9 * bound
    assert nn.Linear(2, 2, dtype=mt.float64).weight.dtype is mt.float64


def test_one_hot_and_dropout() -> None:
    assert F.one_hot(mt.tensor([0, 2])).tolist() == [[1, 0, 0], [0, 0, 1]]
    with pytest.raises(RuntimeError, match="Class values must be smaller than num_classes."):
        F.one_hot(mt.tensor([0, 3]), 2)
    x = mt.ones(1000)
    out = F.dropout(x, 0.25)
    kept = sum(1 for v in out.tolist() if v != 0.0)
    assert 650 < kept < 850
    assert set(round(v, 5) for v in out.tolist()) <= {0.0, round(1 / 0.75, 5)}
    with pytest.raises(ValueError, match="dropout probability has to be between 0 and 1, but got 1.5"):
        F.dropout(x, 1.5)


def test_init_functions() -> None:
    assert init.calculate_gain("tanh") == pytest.approx(5 / 3)
    assert init.calculate_gain("relu") == pytest.approx(math.sqrt(2))
    assert init.calculate_gain("leaky_relu", 0.2) == pytest.approx(math.sqrt(2 / 1.04))
    with pytest.raises(ValueError, match="Unsupported nonlinearity foo"):
        init.calculate_gain("foo")
    w = mt.zeros(20, 30)
    init.xavier_uniform_(w)
    assert w.abs().max().item() <= math.sqrt(6 / 50)
    init.kaiming_normal_(w, mode="fan_out", nonlinearity="relu")
    assert 0.7 * math.sqrt(2 / 20) < float(np.std(w.numpy())) < 1.3 * math.sqrt(2 / 20)
    assert init.constant_(w, 0.5).tolist()[0][0] == 0.5 and init.zeros_(w).abs().sum().item() == 0.0
    assert init.eye_(mt.zeros(2, 3)).tolist() == [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]
    with pytest.raises(ValueError, match="fewer than 2 dimensions"):
        init.xavier_normal_(mt.zeros(3))
    with pytest.raises(ValueError, match="Mode fan_up not supported"):
        init.kaiming_uniform_(w, mode="fan_up")
    p = nn.Parameter(mt.zeros(2, 2))
    init.normal_(p, 1.0, 0.0)
    assert p.tolist() == [[1.0, 1.0], [1.0, 1.0]] and p.is_leaf and p.requires_grad
    with pytest.warns(UserWarning, match="Initializing zero-element tensors is a no-op"):
        init.kaiming_uniform_(mt.zeros(0, 3))


def test_init_is_reproducible_from_the_seed() -> None:
    mt.manual_seed(5)
    first = nn.Linear(3, 2).weight.tolist()
    mt.manual_seed(5)
    assert nn.Linear(3, 2).weight.tolist() == first


def test_clip_grad_norm_and_value() -> None:
    p, q = nn.Parameter(mt.zeros(2)), nn.Parameter(mt.zeros(1))
    p.grad, q.grad = mt.tensor([3.0, 4.0]), mt.tensor([12.0])
    total = nn.utils.clip_grad_norm_([p, q], 1.0)
    assert total.item() == pytest.approx(13.0)
    assert p.grad.tolist() + q.grad.tolist() == pytest.approx([3 / 13, 4 / 13, 12 / 13], rel=1e-5)
    assert nn.utils.clip_grad_norm_(p, 10.0).item() == pytest.approx(5 / 13, rel=1e-5)
    assert p.grad.tolist() == pytest.approx([3 / 13, 4 / 13], rel=1e-5)
    p.grad = mt.tensor([3.0, -4.0])
    nn.utils.clip_grad_value_([p], 2.0)
    assert p.grad.tolist() == [2.0, -2.0]
    p.grad = mt.tensor([float("inf"), 1.0])
    with pytest.raises(RuntimeError, match="non-finite"):
        nn.utils.clip_grad_norm_([p], 1.0, error_if_nonfinite=True)
