"""Custom autograd Functions and nn.Module backward hooks against real torch.

Each scenario is written once as ``scenario(torch)`` and returns what a script would print (reprs,
values, error types and messages, with object addresses masked); ours must equal torch's.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from typing import Any

import pytest

torch = pytest.importorskip("torch")

import minitorch_scalar as mt  # noqa: E402


def _mask(text: str) -> str:
    return re.sub(r"0x[0-9a-f]+", "0x?", text)


def _run(scenario: Callable[[Any], list[Any]], lib: Any) -> list[str]:
    out: list[str] = []

    def show(*items: Any) -> None:
        out.append(_mask(" ".join(str(i) for i in items)))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            scenario(lib, show)
        except Exception as err:  # the way the scenario ended is compared too
            show("raised", type(err).__name__, err)
    return out


def _same(scenario: Callable[..., Any]) -> None:
    assert _run(scenario, mt) == _run(scenario, torch)


def _function_classes(lib: Any) -> dict[str, Any]:
    once = lib.autograd.function.once_differentiable

    class Two(lib.autograd.Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            ctx.save_for_backward(x)
            return x * 2, x * 3, 5

        @staticmethod
        def backward(ctx: Any, ga: Any, gb: Any, gc: Any) -> Any:
            (x,) = ctx.saved_tensors
            return ga * 2 + gb * x

    class Lazy(lib.autograd.Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            ctx.set_materialize_grads(False)
            return x.exp(), x.sin()

        @staticmethod
        def backward(ctx: Any, ga: Any, gb: Any) -> Any:
            return ga if gb is None else ga + gb

    class Clamp(lib.autograd.Function):
        @staticmethod
        def forward(ctx: Any, x: Any, lo: float, hi: float) -> Any:
            ctx.save_for_backward(x)
            ctx.lo, ctx.hi = lo, hi
            return x.clamp(lo, hi)

        @staticmethod
        @once
        def backward(ctx: Any, g: Any) -> Any:
            (x,) = ctx.saved_tensors
            return g * ((x >= ctx.lo) & (x <= ctx.hi)).float(), None, None

    class Dirty(lib.autograd.Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            x.mul_(2)
            ctx.mark_dirty(x)
            return x

        @staticmethod
        def backward(ctx: Any, g: Any) -> Any:
            return g * 2

    return {"Two": Two, "Lazy": Lazy, "Clamp": Clamp, "Dirty": Dirty}


def test_multi_output_function() -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        fns = _function_classes(lib)
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        a, b, c = fns["Two"].apply(x)
        show(a, b, c, a.grad_fn is b.grad_fn, a.grad_fn, a.grad_fn.next_functions)
        ((a * b).sum()).backward(retain_graph=True)
        show(x.grad)
        b.sum().backward()
        show(x.grad)
        try:
            a.sum().backward()
        except RuntimeError as err:
            show("error", err)
        y = lib.tensor([0.5, -1.0], requires_grad=True)
        e, s = fns["Lazy"].apply(y)
        e.sum().backward()
        show(e, s, y.grad)

    _same(scenario)


def test_ctx_flags_and_create_graph() -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        fns = _function_classes(lib)
        x = lib.tensor([-2.0, 0.5, 3.0], requires_grad=True)
        y = fns["Clamp"].apply(x, -1.0, 1.0)
        (g,) = lib.autograd.grad(y.sum(), x, create_graph=True)
        show(y, g, g.requires_grad)
        (g2,) = lib.autograd.grad(y, x, grad_outputs=lib.ones(3, requires_grad=True), create_graph=True)
        show(g2)
        a = x * 1
        b = fns["Dirty"].apply(a)
        show(b is a, a, a._version)
        b.sum().backward()
        show(x.grad)
        g2.sum().backward()

    _same(scenario)


def test_function_errors() -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        class Wrong(lib.autograd.Function):
            @staticmethod
            def forward(ctx: Any, x: Any, y: Any) -> Any:
                return x * y

            @staticmethod
            def backward(ctx: Any, g: Any) -> Any:
                return g

        class Shape(lib.autograd.Function):
            @staticmethod
            def forward(ctx: Any, x: Any) -> Any:
                return x * 1

            @staticmethod
            def backward(ctx: Any, g: Any) -> Any:
                return g[:1]

        x = lib.tensor([1.0, 2.0], requires_grad=True)
        for f in (lambda: Wrong.apply(x, x).sum().backward(), lambda: Shape.apply(x).sum().backward(),
                  lambda: _function_classes(lib)["Dirty"].apply(x), lambda: Wrong()(x)):
            try:
                f()
                show("no error")
            except Exception as err:
                show(type(err).__name__, err)

    _same(scenario)


def test_module_full_backward_hooks() -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        lib.manual_seed(0)
        net = lib.nn.Sequential(lib.nn.Linear(2, 3), lib.nn.Tanh(), lib.nn.Linear(3, 1))

        def hook(m: Any, gin: Any, gout: Any) -> Any:
            show(type(m).__name__, gin, gout)
            return (gin[0] * 2,)

        net[2].register_full_backward_hook(hook)
        net[0].register_full_backward_pre_hook(lambda m, gout: show("pre", gout))
        net.register_full_backward_hook(lambda m, gin, gout: show("net", gin))
        x = lib.tensor([[1.0, -1.0], [0.5, 2.0]], requires_grad=True)
        out = net(x)
        show(out)
        out.sum().backward()
        show(x.grad, net[0].weight.grad)
        net(lib.ones(1, 2)).sum().backward()

    _same(scenario)


def test_module_deprecated_backward_hook() -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        lib.manual_seed(1)
        lin = lib.nn.Linear(2, 1)
        lin.register_backward_hook(lambda m, gin, gout: show([None if g is None else g.shape for g in gin], gout))
        lin(lib.ones(3, 2, requires_grad=True)).sum().backward()
        lin.register_full_backward_hook(lambda m, gin, gout: None)

    _same(scenario)


def test_post_accumulate_hooks_and_anomaly_mode() -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        lib.manual_seed(0)
        lin = lib.nn.Linear(2, 1)
        opts = {p: lib.optim.SGD([p], lr=0.1) for p in lin.parameters()}
        steps: list[str] = []

        def step(p: Any) -> None:  # which leaf comes first is the engine's order: compare them sorted
            steps.append(str(p.grad))
            opts[p].step()
            opts[p].zero_grad()

        for p in lin.parameters():
            p.register_post_accumulate_grad_hook(step)
        for _ in range(2):
            lin(lib.ones(3, 2)).pow(2).mean().backward()
        show(sorted(steps), lin.weight, lin.bias)
        with lib.autograd.set_detect_anomaly(True):
            x = lib.tensor([1.0, 0.0], requires_grad=True)
            try:
                (x.log() * 0).sum().backward()
            except RuntimeError as err:
                show(err, lib.is_anomaly_enabled())
        show(lib.is_anomaly_enabled(), lib.is_anomaly_check_nan_enabled())

    _same(scenario)
