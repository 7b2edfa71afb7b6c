"""torch.optim against real torch: 20 training steps per optimizer/scheduler on a regression and a
classification problem, losses step for step and parameters to the ulp; printing, state dicts, errors.

Every scenario is written once as ``scenario(torch, nn, optim)`` (a toy PyTorch training script) and run
with the real modules and with ours. Both start from the same weights: ours are drawn from our copy of
torch's generator, and the tests assert they are torch's to 1 ulp (the FMA caveat of uniform_), then copy
torch's into ours so the runs differ only by the training arithmetic.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import minitorch_scalar as mt  # noqa: E402

RNG = np.random.default_rng(7)
REG_X = RNG.uniform(-1, 1, size=(16, 3)).astype(np.float32)
REG_Y = (np.sin(REG_X.sum(1, keepdims=True)) + 0.1 * REG_X[:, :1] ** 2).astype(np.float32)
CLS_X = RNG.standard_normal((24, 4)).astype(np.float32)
CLS_Y = (CLS_X[:, 0] + CLS_X[:, 1] > 0).astype(np.int64) + (CLS_X[:, 2] > 1).astype(np.int64)

OPTIMIZERS: dict[str, Callable[[Any, Any], Any]] = {
    "sgd": lambda optim, ps: optim.SGD(ps, lr=0.1),
    "sgd_momentum_wd": lambda optim, ps: optim.SGD(ps, lr=0.05, momentum=0.9, weight_decay=0.01),
    "sgd_dampening": lambda optim, ps: optim.SGD(ps, lr=0.05, momentum=0.5, dampening=0.3),
    "sgd_nesterov_max": lambda optim, ps: optim.SGD(ps, lr=0.05, momentum=0.8, nesterov=True, maximize=False),
    "adam": lambda optim, ps: optim.Adam(ps, lr=0.01),
    "adam_wd_amsgrad": lambda optim, ps: optim.Adam(ps, lr=0.02, betas=(0.8, 0.99), weight_decay=0.1, amsgrad=True),
    "adam_decoupled": lambda optim, ps: optim.Adam(ps, lr=0.02, weight_decay=0.1, decoupled_weight_decay=True),
    "adamw": lambda optim, ps: optim.AdamW(ps, lr=0.01),
    "adamw_amsgrad": lambda optim, ps: optim.AdamW(ps, lr=0.01, amsgrad=True, eps=1e-6),
    "rmsprop": lambda optim, ps: optim.RMSprop(ps, lr=0.01),
    "rmsprop_centered_momentum": lambda optim, ps: optim.RMSprop(
        ps, lr=0.005, alpha=0.9, momentum=0.5, centered=True, weight_decay=0.01
    ),
    "adagrad": lambda optim, ps: optim.Adagrad(ps, lr=0.1),
    "adagrad_decay": lambda optim, ps: optim.Adagrad(
        ps, lr=0.1, lr_decay=0.01, weight_decay=0.01, initial_accumulator_value=0.1
    ),
}

SCHEDULERS: dict[str, Callable[[Any, Any], Any]] = {
    "step": lambda optim, opt: optim.lr_scheduler.StepLR(opt, step_size=3, gamma=0.5),
    "multistep": lambda optim, opt: optim.lr_scheduler.MultiStepLR(opt, milestones=[2, 5, 5, 11], gamma=0.7),
    "exponential": lambda optim, opt: optim.lr_scheduler.ExponentialLR(opt, gamma=0.9),
    "lambda": lambda optim, opt: optim.lr_scheduler.LambdaLR(opt, lambda epoch: 1.0 / (1 + epoch)),
    "cosine": lambda optim, opt: optim.lr_scheduler.CosineAnnealingLR(opt, T_max=6, eta_min=0.001),
}


def _libs(lib: Any) -> tuple[Any, Any, Any]:
    return lib, lib.nn, lib.optim



def _model(lib: Any, problem: str) -> Any:
    nn = lib.nn
    lib.manual_seed(0)
    if problem == "regression":
        return nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 1))
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))


def _copy_weights(source: Any, target: Any) -> None:
    """Give ``target`` (ours) exactly ``source``'s (torch's) initial weights."""
    with mt.no_grad():
        for p_src, p_dst in zip(source.parameters(), target.parameters()):
            p_dst.copy_(mt.tensor(p_src.detach().numpy().copy()))


def _train(lib: Any, model: Any, problem: str, make_opt: Callable[..., Any], make_sched: Any = None) -> Any:
    """20 steps of a toy training loop; returns losses, parameters after each step, and learning rates."""
    _, nn, optim = _libs(lib)
    opt = make_opt(optim, model.parameters())
    sched = make_sched(optim, opt) if make_sched else None
    if problem == "regression":
        x, y, loss_fn = lib.tensor(REG_X), lib.tensor(REG_Y), nn.MSELoss()
    else:
        x, y, loss_fn = lib.tensor(CLS_X), lib.tensor(CLS_Y), nn.CrossEntropyLoss()
    losses, params, lrs = [], [], []
    for _ in range(20):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        if sched is not None:
            sched.step()
            lrs.append(sched.get_last_lr())
        losses.append(loss.item())
        params.append([p.detach().numpy().copy() for p in model.parameters()])
    return losses, params, lrs


def _run_both(problem: str, opt_name: str, sched_name: str | None = None) -> tuple[Any, Any]:
    theirs_model = _model(torch, problem)
    ours_model = _model(mt, problem)
    for p_o, p_t in zip(ours_model.parameters(), theirs_model.parameters()):
        assert _ulps(p_o.detach().numpy(), p_t.detach().numpy()) <= 1
    _copy_weights(theirs_model, ours_model)
    sched = SCHEDULERS[sched_name] if sched_name else None
    theirs = _train(torch, theirs_model, problem, OPTIMIZERS[opt_name], sched)
    ours = _train(mt, ours_model, problem, OPTIMIZERS[opt_name], sched)
    return ours, theirs


@pytest.mark.parametrize("problem", ["regression", "classification"])
@pytest.mark.parametrize("opt_name", list(OPTIMIZERS))
def test_optimizer_training_matches_torch_for_20_steps(problem: str, opt_name: str) -> None:
    """Same initial weights, 20 full training steps: losses step for step, parameters at the end.

    The runs differ by the engines' forward/backward rounding (about 1 ulp per op) as well as the
    optimizer, so the comparison has a tolerance; the exact optimizer check is the next test.
    """
    ours, theirs = _run_both(problem, opt_name)
    np.testing.assert_allclose(ours[0], theirs[0], rtol=1e-5, atol=1e-7)
    assert ours[0][-1] < ours[0][0]
    for mine, ref in zip(ours[1][-1], theirs[1][-1]):
        np.testing.assert_allclose(mine, ref, rtol=1e-4, atol=2e-6)


GRAD_RNG = np.random.default_rng(11)
SHAPES = [(7,), (5, 8), (37,)]
INIT = [GRAD_RNG.standard_normal(s) for s in SHAPES]
GRADS = [[GRAD_RNG.standard_normal(s) for s in SHAPES] for _ in range(20)]


def _ulps(a: np.ndarray, b: np.ndarray) -> int:
    kind = np.int32 if a.dtype == np.float32 else np.int64
    return int(np.abs(a.view(kind).astype(np.int64) - b.view(kind).astype(np.int64)).max())


def _scaled_ulps(a: np.ndarray, b: np.ndarray) -> float:
    """The largest difference in units of the last place of the array's largest magnitude."""
    scale = np.spacing(np.max(np.abs(b))) if b.size else 1.0
    return float(np.max(np.abs(a - b)) / scale) if b.size else 0.0


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("opt_name", list(OPTIMIZERS))
def test_optimizer_step_rounding_matches_torch(opt_name: str, dtype: Any) -> None:
    """Identical gradients, state re-synchronised after every step: each update matches torch's bits.

    SGD is bit for bit. The others use ``sqrt``, which torch computes with Intel MKL (not correctly
    rounded); numpy's is, so an update may differ by a few ulps (of the array's largest value), never more.
    """
    theirs = [torch.nn.Parameter(torch.tensor(a.astype(dtype))) for a in INIT]
    ours = [mt.nn.Parameter(mt.tensor(a.astype(dtype))) for a in INIT]
    opt_t, opt_o = OPTIMIZERS[opt_name](torch.optim, theirs), OPTIMIZERS[opt_name](mt.optim, ours)
    uses_sqrt = not opt_name.startswith("sgd")
    for step_grads in GRADS:
        for p_t, p_o, g in zip(theirs, ours, step_grads):
            p_t.grad, p_o.grad = torch.tensor(g.astype(dtype)), mt.tensor(g.astype(dtype))
        opt_t.step()
        opt_o.step()
        for p_t, p_o in zip(theirs, ours):
            got, want = p_o.detach().numpy(), p_t.detach().numpy()
            assert _scaled_ulps(got, want) <= (4 if uses_sqrt else 0)
            with mt.no_grad():
                p_o.copy_(mt.tensor(want.copy()))
            for key, value in opt_t.state[p_t].items():
                mine = opt_o.state[p_o][key]
                assert mine.dtype.name == str(value.dtype).removeprefix("torch.")
                assert _scaled_ulps(mine.numpy(), value.numpy()) <= (4 if uses_sqrt else 0)
                mine.copy_(mt.tensor(value.numpy().copy()))


@pytest.mark.parametrize("sched_name", list(SCHEDULERS))
def test_scheduler_matches_torch(sched_name: str) -> None:
    ours, theirs = _run_both("regression", "sgd_momentum_wd", sched_name)
    assert ours[2] == theirs[2]
    np.testing.assert_allclose(ours[0], theirs[0], rtol=2e-5, atol=1e-6)


def test_scheduler_state_dict_and_warnings() -> None:
    results = []
    for lib in (mt, torch):
        p = lib.nn.Parameter(lib.zeros(1))
        opt = lib.optim.SGD([p], lr=0.1)
        sched = lib.optim.lr_scheduler.StepLR(opt, 2, gamma=0.5)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            sched.step()
            sched.get_lr()
        state = sched.state_dict()
        opt2 = lib.optim.SGD([p], lr=0.1)
        sched2 = lib.optim.lr_scheduler.StepLR(opt2, 2, gamma=0.5)
        sched2.load_state_dict(state)
        messages = [str(w.message) for w in caught]
        results.append((state, messages, sched2.last_epoch, opt.param_groups[0]["initial_lr"]))
    assert results[0] == results[1]


def test_optimizer_printing_state_dict_and_groups() -> None:
    results = []
    for lib in (mt, torch):
        a = lib.nn.Parameter(lib.tensor([1.0, 2.0]))
        b = lib.nn.Parameter(lib.tensor(3.0))
        sgd = lib.optim.SGD([{"params": [a]}, {"params": b, "lr": 0.5}], lr=0.1, momentum=0.9)
        (a.sum() + b * 2).backward()
        sgd.step()
        adam = lib.optim.Adam([a, b], lr=0.1)
        adam.step()
        adam_sd = adam.state_dict()
        fresh = lib.optim.Adam([a, b], lr=0.3)
        fresh.load_state_dict(adam_sd)
        named = lib.optim.SGD([("w", a)], lr=0.1)
        results.append((
            repr(sgd), repr(adam), repr(lib.optim.RMSprop([a])), repr(lib.optim.Adagrad([a])),
            repr(lib.optim.AdamW([a])), repr(named), _plain(sgd.state_dict()), _plain(adam_sd),
            _plain(fresh.state_dict()),
            fresh.param_groups[0]["lr"], list(sgd.param_groups[1]), _plain(lib.optim.Adagrad([a, b]).state_dict()),
        ))
    assert results[0] == results[1]


def _plain(obj: Any) -> Any:
    """Tensors replaced by (dtype name, values) so the two libraries' state dicts compare."""
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    if hasattr(obj, "detach") and hasattr(obj, "dtype"):
        return (str(obj.dtype), np.round(obj.detach().numpy().astype(np.float64), 6).tolist())
    return obj


def _error(fn: Callable[[], Any]) -> tuple[type, str]:
    with pytest.raises(Exception) as info:  # noqa: B017 - the type is compared with torch's
        fn()
    return type(info.value), str(info.value)


def _optimizer_errors(lib: Any) -> list[tuple[type, str]]:
    optim = lib.optim
    p = lib.nn.Parameter(lib.zeros(1))
    x = lib.ones(1, requires_grad=True)
    cases: list[Callable[[], Any]] = [
        lambda: optim.SGD([], lr=0.1), lambda: optim.SGD([x * 2], lr=0.1), lambda: optim.SGD(p, lr=0.1),
        lambda: optim.SGD([1.0], lr=0.1), lambda: optim.SGD([{"params": {p}}], lr=0.1),
        lambda: optim.SGD([{"params": [p]}, {"params": [p]}], lr=0.1), lambda: optim.SGD([p], lr=-1),
        lambda: optim.SGD([p], momentum=-1), lambda: optim.SGD([p], weight_decay=-1),
        lambda: optim.SGD([p], nesterov=True), lambda: optim.Adam([p], lr=-1), lambda: optim.Adam([p], eps=-1),
        lambda: optim.Adam([p], betas=(1.0, 0.9)), lambda: optim.Adam([p], betas=(0.9, -0.1)),
        lambda: optim.Adam([p], weight_decay=-1), lambda: optim.AdamW([p], weight_decay=-1),
        lambda: optim.RMSprop([p], alpha=-1), lambda: optim.RMSprop([p], momentum=-1),
        lambda: optim.Adagrad([p], lr_decay=-1), lambda: optim.SGD([p], lr=0.1).add_param_group([p]),
        lambda: optim.SGD([p], lr=0.1).add_param_group({"params": [p]}),
        lambda: optim.Adam([p]).load_state_dict(optim.Adam([p, x]).state_dict()),
        lambda: optim.lr_scheduler.StepLR(3, 2),
    ]
    return [_error(case) for case in cases]


def test_optimizer_errors_match_torch() -> None:
    for ours, theirs in zip(_optimizer_errors(mt), _optimizer_errors(torch)):
        assert ours == theirs


def _zero_grad_scenario(lib: Any) -> Any:
    w = lib.tensor([1.0, -2.0], requires_grad=True)
    v = lib.tensor(3.0, requires_grad=True)
    opt = lib.optim.SGD([w, v], lr=0.1)
    (w**2).sum().backward()
    returned = opt.step()
    after_step = w.tolist(), w.is_leaf, v.tolist()
    opt.zero_grad(set_to_none=False)
    zeroed = w.grad.tolist(), v.grad
    opt.zero_grad()
    lib.optim.SGD([lib.tensor(1.0)], lr=0.1)
    closure_loss = opt.step(lambda: lib.tensor(5.0)).item()
    return returned, after_step, zeroed, w.grad, closure_loss


def test_zero_grad_skip_and_accepted_inputs() -> None:
    assert _zero_grad_scenario(mt) == _zero_grad_scenario(torch)


def test_lecture_mlp_sgd_losses_match_torch() -> None:
    """The lecture's MLP task as a torch script: same 20 losses (float32, within 1e-6 relative)."""

    def scenario(torch_: Any, nn: Any, optim: Any) -> list[float]:
        torch_.manual_seed(1337)
        xs = torch_.tensor([[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]])
        ys = torch_.tensor([[1.0], [-1.0], [-1.0], [1.0]])
        model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 4), nn.Tanh(), nn.Linear(4, 1), nn.Tanh())
        opt = optim.SGD(model.parameters(), lr=0.05)
        losses = []
        for _ in range(20):
            loss = ((model(xs) - ys) ** 2).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        return losses

    ours = scenario(*_libs(mt))
    theirs = scenario(*_libs(torch))
    np.testing.assert_allclose(ours, theirs, rtol=1e-6)
    assert ours[-1] < ours[0] / 2


def test_reference_end_to_end_losses() -> None:
    """torch_semantics.md §10: seed 0, Linear(1,8)-Tanh-Linear(8,1), SGD lr=0.05, X=linspace(-1,1,10), mse."""

    def scenario(torch_: Any, nn: Any, optim: Any) -> list[float]:
        torch_.manual_seed(0)
        model = nn.Sequential(nn.Linear(1, 8), nn.Tanh(), nn.Linear(8, 1))
        opt = optim.SGD(model.parameters(), lr=0.05)
        x = torch_.linspace(-1, 1, 10).unsqueeze(1)
        y = x**2
        losses = []
        for _ in range(3):
            loss = nn.functional.mse_loss(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        return losses

    ours = scenario(*_libs(mt))
    np.testing.assert_allclose(ours, [0.5985528230667114, 0.46678274869918823, 0.3829053044319153], rtol=1e-6)
    np.testing.assert_allclose(ours, scenario(*_libs(torch)), rtol=1e-6)
