"""nn.functional, activation and loss modules against real torch: values, grad_fn names, gradients, errors.

Each case is written once as ``case(F, nn, t)`` where ``t`` builds a tensor in the engine under test; it
runs on torch and on minitorch_scalar with the same inputs (float64, so the two engines can be compared
tightly, and float32 for the default dtype), and every input that requires grad is compared after
``backward`` with an upstream gradient that is not all ones.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import minitorch_scalar as mt  # noqa: E402

RNG = np.random.default_rng(1234)
X = RNG.standard_normal((4, 3))
T = RNG.standard_normal((4, 3))
P = 1.0 / (1.0 + np.exp(-X))
Y01 = RNG.uniform(size=(4, 3))
LABELS = np.array([0, 2, 1, 1])
WEIGHT3 = np.array([0.5, 2.0, 1.5])
REDUCTIONS = ("mean", "sum", "none")

ENGINES = {"torch": (torch, torch.nn, torch.nn.functional), "ours": (mt, mt.nn, mt.nn.functional)}


def _run(case: Callable[..., Any], engine: str, dtype: str) -> tuple[Any, str, list[Any]]:
    """Run ``case`` in one engine; returns (output array, grad_fn name, grads of the grad inputs)."""
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
        upstream = np.linspace(0.5, 1.5, max(out.numel(), 1)).reshape(tuple(out.shape))
        out.backward(lib.tensor(upstream.astype(dtype)))
    grads = [None if m.grad is None else m.grad.numpy().copy() for m in made]
    return value, name, grads


def _compare(case: Callable[..., Any], dtype: str = "float64", rtol: float = 1e-12, atol: float = 1e-12) -> None:
    theirs = _run(case, "torch", dtype)
    ours = _run(case, "ours", dtype)
    assert ours[1] == theirs[1], f"grad_fn {ours[1]} != torch's {theirs[1]}"
    np.testing.assert_allclose(ours[0], theirs[0], rtol=rtol, atol=atol)
    assert len(ours[2]) == len(theirs[2])
    for mine, ref in zip(ours[2], theirs[2]):
        assert (mine is None) == (ref is None)
        if ref is not None:
            np.testing.assert_allclose(mine, ref, rtol=rtol, atol=atol)


ACTIVATIONS: dict[str, Callable[..., Any]] = {
    "relu": lambda F, nn, t: F.relu(t(X, True)),
    "tanh": lambda F, nn, t: F.tanh(t(X, True)),
    "sigmoid": lambda F, nn, t: F.sigmoid(t(X, True)),
    "softmax1": lambda F, nn, t: F.softmax(t(X, True), dim=1),
    "softmax0": lambda F, nn, t: F.softmax(t(X, True), dim=0),
    "log_softmax": lambda F, nn, t: F.log_softmax(t(X, True), dim=-1),
    "softmax_implicit": lambda F, nn, t: F.softmax(t(X, True)),
    "gelu": lambda F, nn, t: F.gelu(t(X * 2, True)),
    "gelu_tanh": lambda F, nn, t: F.gelu(t(X * 2, True), approximate="tanh"),
    "leaky_relu": lambda F, nn, t: F.leaky_relu(t(X, True), 0.2),
    "nn.Tanh": lambda F, nn, t: nn.Tanh()(t(X, True)),
    "nn.ReLU": lambda F, nn, t: nn.ReLU()(t(X, True)),
    "nn.Sigmoid": lambda F, nn, t: nn.Sigmoid()(t(X, True)),
    "nn.LeakyReLU": lambda F, nn, t: nn.LeakyReLU()(t(X, True)),
    "nn.GELU": lambda F, nn, t: nn.GELU()(t(X, True)),
    "nn.Softmax": lambda F, nn, t: nn.Softmax(dim=1)(t(X, True)),
    "nn.LogSoftmax": lambda F, nn, t: nn.LogSoftmax(dim=1)(t(X, True)),
    "nn.Flatten": lambda F, nn, t: nn.Flatten()(t(X.reshape(2, 3, 2), True)),
    "linear2d": lambda F, nn, t: F.linear(t(X, True), t(T[:2], True), t(X[0, :2], True)),
    "linear1d": lambda F, nn, t: F.linear(t(X[0], True), t(T[:2], True), t(X[1, :2], True)),
    "linear3d": lambda F, nn, t: F.linear(t(X.reshape(2, 2, 3), True), t(T[:2], True), t(X[1, :2], True)),
    "linear_nobias": lambda F, nn, t: F.linear(t(X, True), t(T[:2], True)),
}


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activation_float64(name: str) -> None:
    tol = 1e-7 if "gelu" in name else 1e-12
    _compare(ACTIVATIONS[name], rtol=tol, atol=tol)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activation_float32(name: str) -> None:
    _compare(ACTIVATIONS[name], dtype="float32", rtol=2e-6, atol=2e-6)


def _losses(reduction: str) -> dict[str, Callable[..., Any]]:
    r = reduction
    return {
        "mse": lambda F, nn, t: F.mse_loss(t(X, True), t(T, True), reduction=r),
        "nn.MSELoss": lambda F, nn, t: nn.MSELoss(reduction=r)(t(X, True), t(T)),
        "l1": lambda F, nn, t: F.l1_loss(t(X, True), t(T, True), reduction=r),
        "nn.L1Loss": lambda F, nn, t: nn.L1Loss(reduction=r)(t(X, True), t(T)),
        "huber": lambda F, nn, t: F.huber_loss(t(X, True), t(T, True), reduction=r, delta=0.7),
        "nn.HuberLoss": lambda F, nn, t: nn.HuberLoss(reduction=r)(t(X, True), t(T)),
        "smooth_l1": lambda F, nn, t: F.smooth_l1_loss(t(X, True), t(T, True), reduction=r, beta=0.5),
        "nn.SmoothL1Loss": lambda F, nn, t: nn.SmoothL1Loss(reduction=r)(t(X, True), t(T)),
        "bce": lambda F, nn, t: F.binary_cross_entropy(t(P, True), t(Y01, True), reduction=r),
        "bce_weight": lambda F, nn, t: nn.BCELoss(weight=t(WEIGHT3), reduction=r)(t(P, True), t(Y01)),
        "bce_logits": lambda F, nn, t: F.binary_cross_entropy_with_logits(t(X * 3, True), t(Y01, True), reduction=r),
        "bce_logits_pw": lambda F, nn, t: nn.BCEWithLogitsLoss(pos_weight=t(WEIGHT3), reduction=r)(
            t(X, True), t(Y01)
        ),
        "bce_logits_w": lambda F, nn, t: F.binary_cross_entropy_with_logits(
            t(X, True), t(Y01, True), weight=t(WEIGHT3), pos_weight=t(WEIGHT3[::-1].copy()), reduction=r
        ),
        "nll": lambda F, nn, t: F.nll_loss(F.log_softmax(t(X, True), 1), t(LABELS, kind="long"), reduction=r),
        "nll_weight_ignore": lambda F, nn, t: nn.NLLLoss(weight=t(WEIGHT3), ignore_index=1, reduction=r)(
            t(X, True), t(LABELS, kind="long")
        ),
        "ce": lambda F, nn, t: F.cross_entropy(t(X, True), t(LABELS, kind="long"), reduction=r),
        "nn.CrossEntropyLoss": lambda F, nn, t: nn.CrossEntropyLoss(reduction=r)(t(X, True), t(LABELS, kind="long")),
        "ce_weight": lambda F, nn, t: F.cross_entropy(t(X, True), t(LABELS, kind="long"), t(WEIGHT3), reduction=r),
        "ce_ignore": lambda F, nn, t: F.cross_entropy(t(X, True), t(LABELS, kind="long"), ignore_index=2, reduction=r),
        "ce_probs": lambda F, nn, t: F.cross_entropy(t(X, True), t(Y01 / Y01.sum(1, keepdims=True)), reduction=r),
        "ce_probs_weight": lambda F, nn, t: F.cross_entropy(t(X, True), t(Y01, True), t(WEIGHT3), reduction=r),
        "ce_1d": lambda F, nn, t: F.cross_entropy(t(X[0], True), t(2, kind="long"), reduction=r),
        "ce_3d": lambda F, nn, t: F.cross_entropy(
            t(X.reshape(2, 3, 2), True), t([[0, 2], [1, 1]], kind="long"), reduction=r
        ),
        "ce_smooth": lambda F, nn, t: F.cross_entropy(
            t(X, True), t(LABELS, kind="long"), reduction=r, label_smoothing=0.1
        ),
        "ce_smooth_weight_ignore": lambda F, nn, t: F.cross_entropy(
            t(X, True), t(LABELS, kind="long"), t(WEIGHT3), ignore_index=0, reduction=r, label_smoothing=0.2
        ),
        "ce_probs_smooth": lambda F, nn, t: F.cross_entropy(t(X, True), t(Y01), reduction=r, label_smoothing=0.3),
        "mse_broadcast": lambda F, nn, t: F.mse_loss(t(X[:, :1], True), t(T[0], True), reduction=r),
        "mse_weight": lambda F, nn, t: F.mse_loss(t(X, True), t(T), weight=t(Y01), reduction=r),
    }


LOSS_CASES = [(name, r) for r in REDUCTIONS for name in _losses(r)]


@pytest.mark.parametrize(("name", "reduction"), LOSS_CASES)
def test_loss_float64(name: str, reduction: str) -> None:
    _compare(_losses(reduction)[name], rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize(("name", "reduction"), LOSS_CASES)
def test_loss_float32(name: str, reduction: str) -> None:
    _compare(_losses(reduction)[name], dtype="float32", rtol=2e-6, atol=2e-6)


def test_mse_loss_broadcast_warning_text() -> None:
    messages = []
    for lib in (torch, mt):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            lib.nn.functional.mse_loss(lib.zeros(2, 1), lib.zeros(2))
        messages.append([(w.category, str(w.message)) for w in caught])
    assert messages[0] == messages[1]
    assert "torch.Size([2, 1])" in messages[1][0][1]


ERROR_CASES: dict[str, Callable[[Any, Any], Any]] = {
    "bad_reduction": lambda lib, F: F.mse_loss(lib.zeros(2), lib.zeros(2), reduction="foo"),
    "bce_shape": lambda lib, F: F.binary_cross_entropy(lib.full((2, 2), 0.5), lib.ones(2)),
    "bce_range": lambda lib, F: F.binary_cross_entropy(lib.full((2,), 1.5), lib.ones(2)),
    "bce_long_target": lambda lib, F: F.binary_cross_entropy(lib.full((2,), 0.5), lib.tensor([1, 0])),
    "bce_logits_shape": lambda lib, F: F.binary_cross_entropy_with_logits(lib.zeros(2, 2), lib.ones(2)),
    "bce_logits_long": lambda lib, F: F.binary_cross_entropy_with_logits(lib.zeros(2), lib.tensor([1, 0])),
    "ce_out_of_bounds": lambda lib, F: F.cross_entropy(lib.zeros(2, 2), lib.tensor([0, 5])),
    "ce_negative": lambda lib, F: F.nll_loss(lib.zeros(2, 2), lib.tensor([0, -1])),
    "ce_float_target": lambda lib, F: F.cross_entropy(lib.zeros(2, 2), lib.tensor([0.0, 1.0])),
    "ce_int32_target": lambda lib, F: F.cross_entropy(lib.zeros(2, 2), lib.tensor([0, 1], dtype=lib.int32)),
    "ce_batch": lambda lib, F: F.cross_entropy(lib.zeros(2, 2), lib.tensor([0, 1, 1])),
    "one_hot_float": lambda lib, F: F.one_hot(lib.tensor([0.0, 1.0])),
    "one_hot_negative": lambda lib, F: F.one_hot(lib.tensor([0, -1])),
    "one_hot_big": lambda lib, F: F.one_hot(lib.tensor([0, 3]), 2),
    "gelu_approx": lambda lib, F: F.gelu(lib.zeros(2), approximate="foo"),
    "dropout_p": lambda lib, F: F.dropout(lib.zeros(2), 1.5),
    "dropout_module_p": lambda lib, F: lib.nn.Dropout(-0.1),
    "linear_shapes": lambda lib, F: F.linear(lib.zeros(2, 2), lib.ones(3, 3)),
    "linear_shapes_1d": lambda lib, F: F.linear(lib.ones(2), lib.ones(2, 1), lib.ones(2)),
    "linear_0d": lambda lib, F: F.linear(lib.tensor(1.0), lib.ones(2, 1), lib.ones(2)),
    "relu_float": lambda lib, F: F.relu(2.0),
}


@pytest.mark.parametrize("name", list(ERROR_CASES))
def test_errors_match_torch(name: str) -> None:
    results = []
    for lib in (torch, mt):
        with pytest.raises(Exception) as info:  # noqa: B017 - the type is what is compared
            ERROR_CASES[name](lib, lib.nn.functional)
        results.append((type(info.value), str(info.value)))
    assert results[1] == results[0]


def test_one_hot_and_dropout_values() -> None:
    for num in (-1, 4):
        ours = mt.nn.functional.one_hot(mt.tensor([0, 2, 1]), num)
        theirs = torch.nn.functional.one_hot(torch.tensor([0, 2, 1]), num)
        assert ours.tolist() == theirs.tolist()
        assert ours.dtype is mt.int64
    x_t, x_o = torch.ones(40, requires_grad=True), mt.ones(40, requires_grad=True)
    torch.manual_seed(3)
    mt.manual_seed(3)
    y_t, y_o = torch.nn.functional.dropout(x_t, 0.3), mt.nn.functional.dropout(x_o, 0.3)
    assert y_o.tolist() == y_t.tolist()
    assert type(y_o.grad_fn).__name__ == type(y_t.grad_fn).__name__ == "MulBackward0"
    y_t.sum().backward()
    y_o.sum().backward()
    assert x_o.grad.tolist() == x_t.grad.tolist()
    for lib in (torch, mt):
        x = lib.ones(3, requires_grad=True)
        assert lib.nn.functional.dropout(x, 0.5, training=False) is x
        assert lib.nn.functional.dropout(x, 0.0) is x
        assert lib.nn.functional.dropout(x, 1.0).tolist() == [0.0, 0.0, 0.0]


def test_dropout_module_train_eval() -> None:
    layer = mt.nn.Dropout(0.5)
    x = mt.ones(50)
    assert layer.eval()(x) is x
    out = layer.train()(x)
    assert set(out.tolist()) <= {0.0, 2.0}
    assert 0 < out.tolist().count(0.0) < 50


def test_second_derivative_through_losses() -> None:
    """create_graph=True through our own nodes: second derivatives equal torch's."""
    results = []
    for lib in (torch, mt):
        F = lib.nn.functional
        x = lib.tensor(X, requires_grad=True)
        target = lib.tensor(T)
        loss = F.mse_loss(F.gelu(x), target) + F.binary_cross_entropy_with_logits(x, lib.sigmoid(target))
        loss = loss + F.huber_loss(F.leaky_relu(x, 0.1), target, delta=0.5)
        (g,) = lib.autograd.grad(loss, x, create_graph=True)
        (gg,) = lib.autograd.grad((g * g).sum(), x)
        results.append((g.detach().numpy(), gg.numpy()))
    np.testing.assert_allclose(results[1][0], results[0][0], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(results[1][1], results[0][1], rtol=1e-6, atol=1e-8)


def _clip_scenario(lib: Any) -> Any:
    clip = lib.nn.utils
    out = []
    for norm_type, max_norm in ((2.0, 1.0), (2.0, 100.0), ("inf", 1.5), (1.0, 2.0), (3.0, 0.5)):
        p = lib.nn.Parameter(lib.tensor(np.array([3.0, -4.0], dtype=np.float32)))
        q = lib.nn.Parameter(lib.tensor(np.array([1.0], dtype=np.float32)))
        r = lib.nn.Parameter(lib.tensor(np.array([1.0], dtype=np.float32)))
        p.grad = lib.tensor(X[0].astype(np.float32)[:2] * 7)
        q.grad = lib.tensor(np.array([12.0], dtype=np.float32))
        total = clip.clip_grad_norm_([p, q, r], max_norm, norm_type=norm_type)
        out.append((total.item(), p.grad.tolist(), q.grad.tolist(), r.grad))
    p.grad = lib.tensor(np.array([3.0, -4.0], dtype=np.float32))
    clip.clip_grad_value_(p, 2.0)
    out.append(p.grad.tolist())
    p.grad = lib.tensor(np.array([np.inf, 1.0], dtype=np.float32))
    out.append(_error(lambda: clip.clip_grad_norm_([p], 1.0, error_if_nonfinite=True)))
    out.append(clip.clip_grad_norm_([], 1.0).item())
    return out


def _error(fn: Callable[[], Any]) -> tuple[type, str]:
    with pytest.raises(Exception) as info:  # noqa: B017 - the type is compared with torch's
        fn()
    return type(info.value), str(info.value)


def test_clip_grad_matches_torch() -> None:
    ours, theirs = _clip_scenario(mt), _clip_scenario(torch)
    assert ours[-3:] == theirs[-3:]
    for mine, ref in zip(ours[:-3], theirs[:-3]):
        assert mine[0] == pytest.approx(ref[0], rel=1e-6)
        np.testing.assert_allclose(mine[1] + mine[2], ref[1] + ref[2], rtol=1e-6)
        assert mine[3] is None and ref[3] is None


def _legacy_flags(lib: Any) -> list[Any]:
    out = []
    for size_average, reduce in [(None, False), (False, None), (True, True), (False, True), (None, True)]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            loss = lib.nn.MSELoss(size_average=size_average, reduce=reduce)
        out.append((loss.reduction, [str(w.message) for w in caught]))
    return out


def test_legacy_reduction_flags_match_torch() -> None:
    assert _legacy_flags(mt) == _legacy_flags(torch)


def _second_backward(lib: Any) -> list[tuple[str, str]]:
    F = lib.nn.functional
    cases: dict[str, Callable[[Any], Any]] = {
        "nll": lambda x: F.nll_loss(x, lib.tensor([0, 1])),
        "mse": lambda x: F.mse_loss(x, lib.zeros(2, 2)),
        "ce_probs": lambda x: F.cross_entropy(x, lib.ones(2, 2) / 2),
        "leaky": lambda x: F.leaky_relu(x).sum(),
        "gelu": lambda x: F.gelu(x).sum(),
        "bce_logits": lambda x: F.binary_cross_entropy_with_logits(x, lib.ones(2, 2)),
        "huber": lambda x: F.huber_loss(x, lib.ones(2, 2)),
        "linear": lambda x: F.linear(x, lib.ones(2, 2)).sum(),
    }
    out = []
    for name, fn in cases.items():
        x = lib.ones(2, 2, requires_grad=True)
        loss = fn(x)
        loss.backward()
        out.append((name, _error(loss.backward)[1][:40]))
    return out


def test_second_backward_frees_like_torch() -> None:
    assert _second_backward(mt) == _second_backward(torch)
