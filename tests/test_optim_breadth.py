"""Adadelta, Adamax, NAdam, RAdam, ASGD, Rprop, LBFGS and the extra lr schedulers without torch:
first steps derived by hand from each update rule (in float64), convergence on quadratics, state
dicts, and the schedules' values."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import minitorch_scalar as mt
from minitorch_scalar import optim
from minitorch_scalar.optim import lr_scheduler as sch


def _one_step(factory: Callable[[list[Any]], Any], p0: float, g: float, steps: int = 1) -> tuple[float, Any]:
    """Parameter after ``steps`` updates with a constant gradient ``g`` (float64)."""
    p = mt.nn.Parameter(mt.tensor([p0], dtype=mt.float64))
    opt = factory([p])
    for _ in range(steps):
        p.grad = mt.tensor([g], dtype=mt.float64)
        opt.step()
    return p.item(), opt.state[p]


def test_adadelta_first_step() -> None:
    got, state = _one_step(lambda ps: optim.Adadelta(ps), 1.0, 2.0)
    v = 0.1 * 4.0
    delta = math.sqrt(1e-6) / math.sqrt(v + 1e-6) * 2.0
    assert got == pytest.approx(1.0 - delta, rel=1e-15)
    assert state["square_avg"].item() == pytest.approx(v)
    assert state["acc_delta"].item() == pytest.approx(0.1 * delta * delta)
    assert list(state) == ["step", "square_avg", "acc_delta"]


def test_adamax_first_step_is_sign_times_lr() -> None:
    got, state = _one_step(lambda ps: optim.Adamax(ps, lr=0.01), 1.0, -3.0)
    assert got == pytest.approx(1.0 + 0.01 * 3.0 / (3.0 + 1e-8), rel=1e-15)
    assert state["exp_inf"].item() == pytest.approx(3.0 + 1e-8)


def test_nadam_first_step() -> None:
    got, state = _one_step(lambda ps: optim.NAdam(ps, lr=0.1), 1.0, 2.0)
    beta1, beta2, decay = 0.9, 0.999, 4e-3
    mu = beta1 * (1 - 0.5 * 0.96 ** (1 * decay))
    mu_next = beta1 * (1 - 0.5 * 0.96 ** (2 * decay))
    m, v = 0.1 * 2.0, 0.001 * 4.0
    denom = math.sqrt(v / (1 - beta2)) + 1e-8
    want = 1.0 - 0.1 * (1 - mu) / (1 - mu) * 2.0 / denom - 0.1 * mu_next / (1 - mu * mu_next) * m / denom
    assert got == pytest.approx(want, rel=1e-7)  # mu_product is a float32 tensor, as in torch
    assert state["mu_product"].dtype == mt.float32
    assert state["mu_product"].item() == pytest.approx(mu, rel=1e-7)


def test_radam_falls_back_to_momentum_while_rho_is_small() -> None:
    got, _ = _one_step(lambda ps: optim.RAdam(ps, lr=0.1), 1.0, 2.0)
    assert got == pytest.approx(1.0 - 0.1 * 2.0, rel=1e-15)  # m_hat = g on the first step
    # beta2 = 0.5: rho_inf = 3 < 5, never rectified; with a constant g, m_hat = g at every step
    got, _ = _one_step(lambda ps: optim.RAdam(ps, lr=0.1, betas=(0.9, 0.5)), 1.0, 2.0, steps=6)
    assert got == pytest.approx(1.0 - 6 * 0.1 * 2.0, rel=1e-12)


def test_radam_rectified_step_matches_formula() -> None:
    """beta2 = 0.9 gives rho_inf = 19, so rho_t > 5 from step 6: check step 6's rectified update."""
    lr, b1, b2, g = 0.1, 0.9, 0.9, 2.0
    after_two, _ = _one_step(lambda ps: optim.RAdam(ps, lr=lr, betas=(b1, b2)), 1.0, g, steps=5)
    after_three, _ = _one_step(lambda ps: optim.RAdam(ps, lr=lr, betas=(b1, b2)), 1.0, g, steps=6)
    t = 6
    m = g * (1 - b1**t)
    v = g * g * (1 - b2**t)
    rho_inf = 2 / (1 - b2) - 1
    rho_t = rho_inf - 2 * t * b2**t / (1 - b2**t)
    assert rho_t > 5
    rect = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
    step = m / (1 - b1**t) * lr * math.sqrt(1 - b2**t) / (math.sqrt(v) + 1e-8) * rect
    assert after_three == pytest.approx(after_two - step, rel=1e-14)


def test_asgd_first_steps_and_average() -> None:
    lr, lambd, alpha = 0.05, 1e-4, 0.75
    p = mt.nn.Parameter(mt.tensor([1.0], dtype=mt.float64))
    opt = optim.ASGD([p], lr=lr, t0=1)
    p.grad = mt.tensor([2.0], dtype=mt.float64)
    opt.step()
    eta = float(np.float32(lr))  # eta starts as a float32 tensor holding lr
    first = 1.0 * (1 - lambd * eta) - eta * 2.0
    assert p.item() == pytest.approx(first, rel=1e-15)
    state = opt.state[p]
    assert state["ax"].item() == pytest.approx(first)  # mu == 1: the average is the iterate
    assert state["eta"].item() == pytest.approx(lr / (1 + lambd * lr) ** alpha, rel=1e-7)
    assert state["mu"].item() == 1.0
    opt.step()
    opt.step()  # after step 3 (t > t0 + 1): mu = 1 / (t - t0)
    assert state["mu"].item() == pytest.approx(0.5)
    assert state["ax"].item() == pytest.approx(p.item())
    before, average = p.item(), state["ax"].item()
    opt.step()  # now the average lags: ax = ax + mu * (p - ax)
    assert state["ax"].item() == pytest.approx(average + 0.5 * (p.item() - average))
    assert p.item() < before


def test_rprop_grows_shrinks_and_skips() -> None:
    p = mt.nn.Parameter(mt.tensor([0.0, 0.0], dtype=mt.float64))
    opt = optim.Rprop([p], lr=0.1, etas=(0.5, 1.2), step_sizes=(0.01, 0.15))
    history = []
    for g in ([1.0, -1.0], [1.0, -1.0], [1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0]):
        p.grad = mt.tensor(g, dtype=mt.float64)
        opt.step()
        history.append(p.tolist())
    assert history[0] == pytest.approx([-0.1, 0.1])
    assert history[1] == pytest.approx([-0.22, 0.22])  # step size 0.1 * 1.2
    assert history[2] == pytest.approx([-0.364, 0.364])  # 0.12 * 1.2
    # coordinate 0 changes sign: its step halves to 0.072 and this update is skipped; 0.1728 is clamped to 0.15
    assert history[3] == pytest.approx([-0.364, 0.514])
    assert history[4] == pytest.approx([-0.292, 0.664])  # prev was zeroed: factor 1, step 0.072
    assert opt.state[p]["step_size"].tolist() == pytest.approx([0.072, 0.15])


QUAD_A = np.array([[3.0, 0.5, 0.0], [0.5, 2.0, 0.3], [0.0, 0.3, 1.0]])
QUAD_B = np.array([1.0, -2.0, 0.5])


@pytest.mark.parametrize("line_search", [None, "strong_wolfe"])
def test_lbfgs_solves_a_quadratic(line_search: str | None) -> None:
    """f(x) = x.A x / 2 - b.x has its minimum at A^-1 b; L-BFGS reaches it within one step()
    (the default tolerance_change stops it near 1e-5 of it, in torch too)."""
    x = mt.nn.Parameter(mt.zeros(3, dtype=mt.float64))
    a, b = mt.tensor(QUAD_A), mt.tensor(QUAD_B)
    opt = optim.LBFGS([x], line_search_fn=line_search, tolerance_change=1e-15, tolerance_grad=1e-12)
    calls = []

    def closure() -> Any:
        opt.zero_grad()
        loss = 0.5 * (x @ (a @ x)) - b @ x
        loss.backward()
        calls.append(loss.item())
        return loss

    first = opt.step(closure)
    assert first.item() == 0.0  # the loss at the starting point is returned
    np.testing.assert_allclose(x.detach().numpy(), np.linalg.solve(QUAD_A, QUAD_B), atol=1e-9)
    state = opt.state[x]
    assert state["func_evals"] == len(calls)
    assert 1 <= state["n_iter"] <= 20
    assert set(state) == {
        "func_evals", "n_iter", "d", "t", "old_dirs", "old_stps", "ro", "H_diag", "prev_flat_grad", "prev_loss", "al",
    }


def test_lbfgs_first_direction_and_step_length() -> None:
    """max_iter=1: one move along -g with t = min(1, 1/sum|g|) * lr, no second evaluation."""
    x = mt.nn.Parameter(mt.tensor([1.0, -2.0], dtype=mt.float64))
    opt = optim.LBFGS([x], lr=0.5, max_iter=1)

    def closure() -> Any:
        opt.zero_grad()
        loss = (x**2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    t = min(1.0, 1.0 / 6.0) * 0.5
    assert x.tolist() == pytest.approx([1.0 - t * 2.0, -2.0 + t * 4.0])
    assert opt.state[x]["func_evals"] == 1


def test_lbfgs_stops_at_once_when_the_gradient_is_tiny() -> None:
    x = mt.nn.Parameter(mt.tensor([0.0]))
    opt = optim.LBFGS([x])

    def closure() -> Any:
        opt.zero_grad()
        loss = (x**2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    assert opt.state[x] == {"func_evals": 1, "n_iter": 0}


@pytest.mark.parametrize(
    "factory",
    [
        lambda ps: optim.Adadelta(ps), lambda ps: optim.Adamax(ps), lambda ps: optim.NAdam(ps, weight_decay=0.1),
        lambda ps: optim.RAdam(ps, decoupled_weight_decay=True, weight_decay=0.1), lambda ps: optim.ASGD(ps, t0=2),
        lambda ps: optim.Rprop(ps),
    ],
)
def test_state_dict_round_trip_continues_identically(factory: Callable[[list[Any]], Any]) -> None:
    def run(resume: bool) -> list[float]:
        p = mt.nn.Parameter(mt.tensor([1.0, -2.0, 0.5]))
        opt = factory([p])
        for step in range(6):
            if resume and step == 3:
                saved = opt.state_dict()
                opt = factory([p])
                opt.load_state_dict(saved)
            opt.zero_grad()
            ((p - 0.3) ** 2).sum().backward()
            opt.step()
        return p.tolist()

    assert run(resume=True) == run(resume=False)
    assert run(resume=False) != [1.0, -2.0, 0.5]


def test_all_new_optimizers_minimise_a_quadratic() -> None:
    factories = [
        lambda ps: optim.Adadelta(ps, lr=20.0), lambda ps: optim.Adamax(ps, lr=0.1), lambda ps: optim.NAdam(ps, lr=0.1),
        lambda ps: optim.RAdam(ps, lr=0.1), lambda ps: optim.ASGD(ps, lr=0.1), lambda ps: optim.Rprop(ps, lr=0.1),
    ]
    for factory in factories:
        w = mt.nn.Parameter(mt.tensor([1.0, -2.0]))
        opt = factory([w])
        for _ in range(100):
            opt.zero_grad()
            (w**2).sum().backward()
            opt.step()
        assert (w**2).sum().item() < 0.05, factory


def test_capturable_on_cpu_is_refused_at_step_as_in_torch() -> None:
    p = mt.nn.Parameter(mt.zeros(1))
    p.grad = mt.ones(1)
    for cls in (optim.Adam, optim.NAdam, optim.Rprop):
        opt = cls([p], capturable=True)
        with pytest.raises(AssertionError, match="If capturable=True"):
            opt.step()


def _lrs(make: Callable[[Any], Any], epochs: int, momentum: bool = False) -> list[Any]:
    p = mt.nn.Parameter(mt.zeros(1))
    opt = optim.SGD([p], lr=0.1, momentum=0.9)
    sched = make(opt)
    out = [(sched.get_last_lr()[0], opt.param_groups[0]["momentum"]) if momentum else sched.get_last_lr()[0]]
    for _ in range(epochs):
        opt.step()
        sched.step()
        out.append((sched.get_last_lr()[0], opt.param_groups[0]["momentum"]) if momentum else sched.get_last_lr()[0])
    return out


def test_polynomial_lr() -> None:
    assert _lrs(lambda o: sch.PolynomialLR(o, total_iters=4), 5) == pytest.approx([0.1, 0.075, 0.05, 0.025, 0.0, 0.0])
    squared = _lrs(lambda o: sch.PolynomialLR(o, total_iters=2, power=2.0), 2)
    assert squared == pytest.approx([0.1, 0.025, 0.0])


def test_multiplicative_lr() -> None:
    assert _lrs(lambda o: sch.MultiplicativeLR(o, lambda epoch: 0.5), 3) == pytest.approx([0.1, 0.05, 0.025, 0.0125])


def test_cosine_warm_restarts() -> None:
    assert _lrs(lambda o: sch.CosineAnnealingWarmRestarts(o, T_0=2), 4) == pytest.approx([0.1, 0.05, 0.1, 0.05, 0.1])
    grown = _lrs(lambda o: sch.CosineAnnealingWarmRestarts(o, T_0=1, T_mult=2), 4)
    assert grown == pytest.approx([0.1, 0.1, 0.05, 0.1, 0.1 * (1 + math.cos(math.pi / 4)) / 2])


def test_cosine_warm_restarts_fractional_epochs() -> None:
    p = mt.nn.Parameter(mt.zeros(1))
    opt = optim.SGD([p], lr=0.1)
    sched = sch.CosineAnnealingWarmRestarts(opt, T_0=4)
    sched.step(1.0)
    assert sched.get_last_lr()[0] == pytest.approx(0.1 * (1 + math.cos(math.pi / 4)) / 2)
    sched.step(4.5)
    assert (sched.T_cur, sched.last_epoch) == (0.5, 4)


def test_cyclic_lr_triangular_with_momentum() -> None:
    got = _lrs(lambda o: sch.CyclicLR(o, base_lr=0.1, max_lr=0.5, step_size_up=2), 5, momentum=True)
    lrs, moms = [g[0] for g in got], [g[1] for g in got]
    assert lrs == pytest.approx([0.1, 0.3, 0.5, 0.3, 0.1, 0.3])
    assert moms == pytest.approx([0.9, 0.85, 0.8, 0.85, 0.9, 0.85])


def test_cyclic_lr_triangular2_halves_each_cycle() -> None:
    got = _lrs(lambda o: sch.CyclicLR(o, 0.1, 0.5, step_size_up=1, mode="triangular2", cycle_momentum=False), 5)
    assert got == pytest.approx([0.1, 0.5, 0.1, 0.3, 0.1, 0.2])


def test_sequential_and_chained() -> None:
    got = _lrs(lambda o: sch.SequentialLR(
        o, [sch.ConstantLR(o, factor=0.5, total_iters=2), sch.ExponentialLR(o, gamma=0.5)], milestones=[2]
    ), 4)
    assert got == pytest.approx([0.05, 0.05, 0.1, 0.05, 0.025])
    chained = _lrs(lambda o: sch.ChainedScheduler(
        [sch.ConstantLR(o, factor=0.5, total_iters=2), sch.ExponentialLR(o, gamma=0.5)]
    ), 3)
    assert chained == pytest.approx([0.05, 0.025, 0.025, 0.0125])


def test_scheduler_before_optimizer_step_warns() -> None:
    p = mt.nn.Parameter(mt.zeros(1))
    opt = optim.SGD([p], lr=0.1)
    sched = sch.PolynomialLR(opt)
    with pytest.warns(UserWarning, match=r"Detected call of `lr_scheduler.step\(\)` before `optimizer.step\(\)`"):
        sched.step()
    opt2 = optim.SGD([p], lr=0.1)
    sched2 = sch.PolynomialLR(opt2)
    opt2.step = lambda closure=None: None  # type: ignore[method-assign]
    with pytest.warns(UserWarning, match="Seems like `optimizer.step\\(\\)` has been overridden"):
        sched2.step()


def test_averaged_model_is_the_running_mean() -> None:
    from minitorch_scalar.optim.swa_utils import AveragedModel

    model = mt.nn.Linear(2, 1)
    swa = AveragedModel(model)
    seen = []
    for value in (1.0, 2.0, 6.0):
        with mt.no_grad():
            model.weight.fill_(value)
        swa.update_parameters(model)
        seen.append(value)
    assert swa.module.weight.tolist() == [[3.0, 3.0]]
    assert swa.n_averaged.item() == 3 and swa.n_averaged.dtype == mt.int64
    assert swa(mt.ones(1, 2)).shape == (1, 1)


def test_ema_average_and_decay_check() -> None:
    from minitorch_scalar.optim.swa_utils import AveragedModel, get_ema_avg_fn, get_ema_multi_avg_fn

    for ema_fn in ({"avg_fn": get_ema_avg_fn(0.5)}, {"multi_avg_fn": get_ema_multi_avg_fn(0.5)}):
        model = mt.nn.Linear(1, 1, bias=False)
        ema = AveragedModel(model, **ema_fn)  # type: ignore[arg-type]
        for value in (4.0, 0.0, 2.0):
            with mt.no_grad():
                model.weight.fill_(value)
            ema.update_parameters(model)
        assert ema.module.weight.item() == pytest.approx(2.0)  # 4 -> 2 -> 2
    with pytest.raises(ValueError, match=r"Invalid decay value 1.5 provided. Please provide a value in \[0,1\] range."):
        get_ema_avg_fn(1.5)
    with pytest.raises(AssertionError, match="Only one of avg_fn and multi_avg_fn should be provided"):
        AveragedModel(mt.nn.Linear(1, 1), avg_fn=get_ema_avg_fn(), multi_avg_fn=get_ema_multi_avg_fn())


def test_swalr_linear_anneal() -> None:
    from minitorch_scalar.optim.swa_utils import SWALR

    got = _lrs(lambda o: SWALR(o, swa_lr=0.02, anneal_epochs=4, anneal_strategy="linear"), 5)
    assert got == pytest.approx([0.1, 0.08, 0.06, 0.04, 0.02, 0.02])
    with pytest.raises(ValueError, match="anneal_strategy must be one of 'cos' or 'linear', instead got step"):
        SWALR(optim.SGD([mt.nn.Parameter(mt.zeros(1))]), 0.1, anneal_strategy="step")


def test_update_bn_recomputes_the_statistics() -> None:
    from minitorch_scalar.optim.swa_utils import update_bn

    model = mt.nn.Sequential(mt.nn.BatchNorm1d(2))
    model.eval()
    data = [mt.tensor([[1.0, 2.0], [3.0, 6.0]]), mt.tensor([[5.0, 10.0], [7.0, 14.0]])]
    update_bn([(x, None) for x in data], model)
    assert model[0].running_mean.tolist() == pytest.approx([4.0, 8.0])  # cumulative average of the batch means
    assert model[0].momentum == 0.1 and not model.training
