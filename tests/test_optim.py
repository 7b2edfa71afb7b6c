"""Optimizers, schedulers and the rounding kernels without torch: hand-derived numbers (torch_semantics §10)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

import minitorch_scalar as mt
from minitorch_scalar import nn, optim
from minitorch_scalar.optim import kernels


def quadratic_steps(opt_factory, steps: int = 3) -> list[list[float]]:  # type: ignore[no-untyped-def]
    """Minimise sum(w**2) from w = [1, -2]; the parameter after each step."""
    w = mt.tensor([1.0, -2.0], requires_grad=True)
    opt = opt_factory([w])
    history = []
    for _ in range(steps):
        opt.zero_grad()
        (w**2).sum().backward()
        opt.step()
        history.append(w.tolist())
    return history


def test_plain_sgd_is_the_lecture_update() -> None:
    assert quadratic_steps(lambda ps: optim.SGD(ps, lr=0.1), 1)[0] == pytest.approx([0.8, -1.6])


def test_sgd_momentum_weight_decay_reference() -> None:
    got = quadratic_steps(lambda ps: optim.SGD(ps, lr=0.1, momentum=0.9, weight_decay=0.01))
    expected = [[0.7990, -1.5980], [0.4575, -0.9150], [0.0582, -0.1164]]
    for row, ref in zip(got, expected):
        assert row == pytest.approx(ref, abs=6e-5)


def test_sgd_nesterov_reference() -> None:
    got = quadratic_steps(lambda ps: optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True), 2)
    assert got[0] == pytest.approx([0.62, -1.24], abs=1e-6)
    assert got[1] == pytest.approx([0.2224, -0.4448], abs=6e-5)


def test_adam_reference_and_state() -> None:
    w = mt.tensor([1.0, -2.0], requires_grad=True)
    opt = optim.Adam([w], lr=0.1)
    rows = []
    for _ in range(3):
        opt.zero_grad()
        (w**2).sum().backward()
        opt.step()
        state = opt.state[w]
        rows.append((w.tolist(), state["step"].item(), state["exp_avg"].tolist(), state["exp_avg_sq"].tolist()))
    assert rows[0][0] == pytest.approx([0.9, -1.9], abs=1e-6)
    assert rows[1][0] == pytest.approx([0.8004, -1.8002], abs=6e-5)
    assert rows[2][0] == pytest.approx([0.7016, -1.7006], abs=6e-5)
    assert [r[1] for r in rows] == [1.0, 2.0, 3.0]
    assert rows[2][2] == pytest.approx([0.4841, -1.0260], abs=6e-5)
    assert rows[2][3] == pytest.approx([0.0098, 0.0434], abs=6e-5)
    assert opt.state[w]["step"].dtype is mt.float32


@pytest.mark.parametrize(
    "factory",
    [
        lambda ps: optim.SGD(ps, lr=0.1, momentum=0.5, maximize=False),
        lambda ps: optim.Adam(ps, lr=0.1, amsgrad=True),
        lambda ps: optim.AdamW(ps, lr=0.1),
        lambda ps: optim.RMSprop(ps, lr=0.05, centered=True, momentum=0.3),
        lambda ps: optim.Adagrad(ps, lr=0.5),
    ],
)
def test_every_optimizer_decreases_a_quadratic(factory) -> None:  # type: ignore[no-untyped-def]
    history = quadratic_steps(factory, 25)
    assert sum(v * v for v in history[-1]) < 0.5 * 5.0


def test_maximize_climbs() -> None:
    history = quadratic_steps(lambda ps: optim.SGD(ps, lr=0.1, maximize=True), 1)
    assert history[0] == pytest.approx([1.2, -2.4])


def test_params_without_grad_are_skipped_and_stay_leaves() -> None:
    w = mt.tensor([1.0], requires_grad=True)
    v = mt.tensor([3.0], requires_grad=True)
    opt = optim.Adam([w, v], lr=0.1)
    (w * 2).sum().backward()
    assert opt.step() is None
    assert v.tolist() == [3.0] and v not in opt.state and w.is_leaf
    assert w._version == 1


def test_zero_grad_modes() -> None:
    w = mt.tensor([1.0, 2.0], requires_grad=True)
    opt = optim.SGD([w], lr=0.1)
    (w * 3).sum().backward()
    grad = w.grad
    opt.zero_grad(set_to_none=False)
    assert w.grad is grad and grad.tolist() == [0.0, 0.0]
    opt.zero_grad()
    assert w.grad is None


def test_param_groups_and_repr() -> None:
    a, b = nn.Parameter(mt.zeros(1)), nn.Parameter(mt.zeros(1))
    opt = optim.SGD([{"params": [a]}, {"params": b, "lr": 0.5}], lr=0.1)
    assert [g["lr"] for g in opt.param_groups] == [0.1, 0.5]
    assert list(opt.param_groups[1]) == [
        "params", "lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "foreach",
        "differentiable", "fused",
    ]
    assert repr(optim.SGD([a], lr=0.1)) == (
        "SGD (\nParameter Group 0\n    dampening: 0\n    differentiable: False\n    foreach: None\n"
        "    fused: None\n    lr: 0.1\n    maximize: False\n    momentum: 0\n    nesterov: False\n"
        "    weight_decay: 0\n)"
    )
    with pytest.raises(ValueError, match="some parameters appear in more than one parameter group"):
        opt.add_param_group({"params": [a]})
    with pytest.raises(ValueError, match="optimizer got an empty parameter list"):
        optim.SGD([], lr=0.1)
    with pytest.raises(ValueError, match="can't optimize a non-leaf Tensor"):
        optim.SGD([a * 2], lr=0.1)


def test_state_dict_round_trip_continues_identically() -> None:
    def run(load: bool) -> list[float]:
        w = nn.Parameter(mt.tensor([1.0, -2.0]))
        opt = optim.Adam([w], lr=0.1)
        for _ in range(2):
            opt.zero_grad()
            (w**2).sum().backward()
            opt.step()
        if load:
            saved = opt.state_dict()
            assert saved["param_groups"][0]["params"] == [0] and list(saved["state"][0]) == [
                "step", "exp_avg", "exp_avg_sq",
            ]
            opt = optim.Adam([w], lr=0.5)
            opt.load_state_dict(saved)
            assert opt.param_groups[0]["lr"] == 0.1
        opt.zero_grad()
        (w**2).sum().backward()
        opt.step()
        return w.tolist()

    assert run(True) == run(False)


def test_schedulers_hand_computed() -> None:
    def lrs(make, steps: int = 7) -> list[float]:  # type: ignore[no-untyped-def]
        opt = optim.SGD([nn.Parameter(mt.zeros(1))], lr=1.0)
        sched = make(opt)
        out = []
        for _ in range(steps):
            opt.step()
            sched.step()
            out.append(sched.get_last_lr()[0])
        return out

    assert lrs(lambda o: optim.lr_scheduler.StepLR(o, 3, gamma=0.5)) == [1, 1, 0.5, 0.5, 0.5, 0.25, 0.25]
    assert lrs(lambda o: optim.lr_scheduler.MultiStepLR(o, [2, 4], gamma=0.1)) == pytest.approx(
        [1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.01]
    )
    assert lrs(lambda o: optim.lr_scheduler.ExponentialLR(o, 0.5), 3) == [0.5, 0.25, 0.125]
    inverse = lrs(lambda o: optim.lr_scheduler.LambdaLR(o, lambda e: 1 / (e + 1)), 3)
    assert inverse == pytest.approx([1 / 2, 1 / 3, 1 / 4])
    cosine = lrs(lambda o: optim.lr_scheduler.CosineAnnealingLR(o, T_max=4), 4)
    assert cosine == pytest.approx([(1 + math.cos(math.pi * e / 4)) / 2 for e in range(1, 5)], abs=1e-12)


def test_scheduler_order_warning() -> None:
    opt = optim.SGD([nn.Parameter(mt.zeros(1))], lr=1.0)
    sched = optim.lr_scheduler.StepLR(opt, 1)
    with pytest.warns(UserWarning, match=r"Detected call of `lr_scheduler.step\(\)` before `optimizer.step\(\)`"):
        sched.step()


def _exact(a: float, b: float, c: float) -> float:
    return float(Fraction(a) * Fraction(b) + Fraction(c))


def test_fma_kernels_round_once() -> None:
    rng = np.random.default_rng(3)
    a, b, c = (rng.standard_normal(500) for _ in range(3))
    x = c.copy()
    kernels.add_(x, a, 0.37)
    scale = float(np.float64(0.37))
    assert x.tolist() == [_exact(ai, scale, ci) for ai, ci in zip(a.tolist(), c.tolist())]
    x32 = c.astype(np.float32)
    kernels.add_(x32, a.astype(np.float32), 0.37)
    exact32 = [np.float32(_exact(float(ai), float(np.float32(0.37)), float(ci))) for ai, ci in
               zip(a.astype(np.float32), c.astype(np.float32))]
    assert x32.tolist() == [float(v) for v in exact32]


def test_lerp_and_addc_kernels_formulas() -> None:
    x = np.array([1.0, 2.0])
    kernels.lerp_(x, np.array([3.0, 2.0]), 0.25)
    assert x.tolist() == [1.5, 2.0]
    kernels.lerp_(x, np.array([3.5, 4.0]), 0.75)
    assert x.tolist() == [3.0, 3.5]
    y = np.array([1.0])
    kernels.addcmul_(y, np.array([2.0]), np.array([3.0]), 0.5)
    kernels.addcdiv_(y, np.array([2.0]), np.array([4.0]), -2.0)
    assert y.tolist() == [3.0]


def test_fma_kernel_keeps_non_finite_values() -> None:
    for dtype in (np.float32, np.float64):
        x = np.array([1.0, 1.0, np.nan], dtype=dtype)
        kernels.add_(x, np.array([np.inf, -1e308 if dtype == np.float64 else -3e38, 1.0], dtype=dtype), 10.0)
        assert np.isneginf(x[1]) and np.isposinf(x[0]) and np.isnan(x[2])
