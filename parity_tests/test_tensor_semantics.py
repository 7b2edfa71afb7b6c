"""The Tensor engine against real torch, case by case: printed results, exception types and messages.

Each case is a function of the torch module. It runs once with ``import torch`` and once with
``import minitorch_scalar as torch``; the results are compared as the text torch prints (tensors by
their repr, tuples element by element), an exception by its type and message, and the warnings
raised by category and message.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import minitorch_scalar as mt

real_torch = pytest.importorskip("torch")


def describe(value: Any) -> Any:
    """What a result prints as, recursively for tuples and lists (return_types included)."""
    if isinstance(value, (tuple, list)) and not isinstance(value, (mt.Size, real_torch.Size)):
        return [type(value).__name__ if type(value).__name__ in ("tuple", "list") else repr(type(value))] + [
            describe(v) for v in value
        ]
    return repr(value)


def outcome(case: Callable[[Any], Any], torch: Any) -> tuple[Any, list[str]]:
    """The described result (or exception) of one case, plus the warnings it raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result: Any = describe(case(torch))
        except Exception as e:  # noqa: BLE001 - the exception is the result under test
            result = ("raises", type(e).__name__, str(e))
    return result, [f"{w.category.__name__}: {str(w.message).split('(Triggered internally')[0]}" for w in caught]


def leaf(torch: Any, value: Any = 2.0, **kwargs: Any) -> Any:
    return torch.tensor(value, requires_grad=True, **kwargs)


def matrix(torch: Any) -> Any:
    return torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)


def vector(torch: Any) -> Any:
    return torch.tensor([1.0, 3.0, 2.0], requires_grad=True)


def grads_of(build: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], Any]:
    """A case that builds (output, *leaves), backprops output.sum() and returns the leaves' grads."""

    def case(torch: Any) -> Any:
        out, *leaves = build(torch)
        out.sum().backward()
        return tuple(t.grad for t in leaves)

    return case


def second_backward(build: Callable[[Any, Any], Any]) -> Callable[[Any], Any]:
    """A case that runs backward twice without retain_graph (torch frees saved tensors)."""

    def case(torch: Any) -> Any:
        x = leaf(torch)
        y = build(torch, x)
        y.backward()
        y.backward()
        return x.grad

    return case


CASES: dict[str, Callable[[Any], Any]] = {
    # creation and dtypes
    "tensor-float": lambda torch: (torch.tensor(2.0), torch.tensor([1, 2]), torch.tensor(True),
                                   torch.tensor([[1.0, 2.0]])),
    "tensor-np": lambda torch: (torch.tensor(np.array([1.0, 2.0])), torch.tensor([np.float64(1.5)])),
    "legacy": lambda torch: (torch.Tensor([2.0]), torch.Tensor([1, 2]), torch.Tensor(), torch.Tensor(3).shape),
    "legacy-float": lambda torch: torch.Tensor(2.0),
    "int-rg": lambda torch: torch.tensor(1, requires_grad=True),
    "int-rg-attr": lambda torch: setattr(torch.tensor([1, 2]), "requires_grad", True),
    "int-rg-method": lambda torch: torch.tensor([1, 2]).requires_grad_(),
    "double": lambda torch: (leaf(torch).double(), leaf(torch).double().float(), leaf(torch).double().is_leaf),
    "same-dtype": lambda torch: [(x.float() is x, x.to(torch.float32) is x) for x in [leaf(torch)]],
    "factories": lambda torch: (torch.zeros(3), torch.zeros(2, 2), torch.zeros(()), torch.ones(2, requires_grad=True),
                                torch.full((2,), 7.0), torch.eye(2), torch.arange(5), torch.arange(1, 4),
                                torch.arange(5.0), torch.arange(0, 1, 0.25), torch.linspace(0, 1, 5),
                                torch.linspace(-1, 1, 3), torch.linspace(0, 10, steps=4), torch.arange(0.0, 1.0, 0.1)),
    "like": lambda torch: (torch.ones_like(leaf(torch, 1.0)), torch.zeros_like(matrix(torch)),
                           torch.full_like(vector(torch), 3.0)),
    "stack-cat": lambda torch: (torch.stack([torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])]),
                                torch.stack([torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])], dim=1),
                                torch.stack([torch.tensor(1.0), torch.tensor(2.0)]),
                                torch.cat([torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])]),
                                torch.cat([torch.ones(1, 2), torch.zeros(1, 2)], dim=1)),
    "cat-0d": lambda torch: torch.cat([torch.tensor(1.0), torch.tensor(2.0)]),
    "stack-sizes": lambda torch: torch.stack([torch.tensor([1.0]), torch.tensor([1.0, 2.0])]),
    "promotion": lambda torch: (torch.tensor(3) * 2.5, torch.tensor(3) / 2, torch.tensor(7) // 2,
                                torch.tensor([3.0]) * torch.tensor(2.0, dtype=torch.float64),
                                torch.tensor(2.0) * torch.tensor(2.0, dtype=torch.float64),
                                torch.tensor([1, 2]) * torch.tensor(2.5, dtype=torch.float64),
                                torch.tensor(2) ** 2, torch.tensor(2) ** -1.0, torch.tensor(2) / torch.tensor(4),
                                torch.tensor([True]) + True, torch.tensor([1], dtype=torch.int32) * 2),
    "int-neg-pow": lambda torch: torch.tensor(2) ** -1,
    "int-zero-div": lambda torch: torch.tensor(1) // 0,
    "float-div-zero": lambda torch: (torch.tensor(1.0) / 0, -1 / torch.tensor(0.0), torch.tensor(0.0) / 0,
                                     torch.tensor(1) / 0, torch.tensor(1.0) // 0, torch.tensor(-7) % 3,
                                     torch.tensor(-7.5) % 2),
    "numpy-scalars": lambda torch: (np.float64(2) * leaf(torch), leaf(torch) * np.float64(2),
                                    np.float32(3) + leaf(torch),
                                    np.array([torch.tensor(1.0), torch.tensor(2.0)])),
    "numpy-array-operand": lambda torch: np.array(2.0) * leaf(torch),
    "overflow": lambda torch: leaf(torch) * 10**20,
    "big-float": lambda torch: leaf(torch) * 1e20,
    # accessors
    "accessors": lambda torch: (matrix(torch).shape, matrix(torch).size(), matrix(torch).size(-1), matrix(torch).dim(),
                                matrix(torch).numel(), len(matrix(torch)), matrix(torch).dtype, matrix(torch).type(),
                                matrix(torch).is_floating_point(), str(matrix(torch).device)),
    "item": lambda torch: (leaf(torch).item(), torch.tensor(0.1).item(), torch.tensor(0.1, dtype=torch.float64).item(),
                           torch.tensor([[1, 2], [3, 4]]).tolist(), leaf(torch).tolist()),
    "format": lambda torch: (f"{leaf(torch)}", f"{leaf(torch) * 2}", f"{leaf(torch):.3f}", f"{vector(torch)}"),
    "format-1d": lambda torch: format(torch.tensor([2.5]), ".2f"),
    "float-1d": lambda torch: float(torch.tensor([1.0, 2.0])),
    "bool-1d": lambda torch: bool(torch.tensor([1.0, 2.0])),
    "item-1d": lambda torch: torch.tensor([1.0, 2.0]).item(),
    "len-0d": lambda torch: len(torch.tensor(2.0)),
    "iter-0d": lambda torch: iter(torch.tensor(2.0)),
    "index-0d": lambda torch: torch.tensor(2.0)[0],
    "numpy-rg": lambda torch: leaf(torch).numpy(),
    "scalars": lambda torch: (int(torch.tensor(2.7)), int(torch.tensor(-2.7)), bool(torch.tensor(0.0))),
    "float-warns": lambda torch: float(leaf(torch)),
    "copy-construct": lambda torch: torch.tensor(leaf(torch)),
    # grad_fn names
    "names-arith": lambda torch: [leaf(torch) + leaf(torch), leaf(torch) + 1, 1 + leaf(torch), leaf(torch) - 1,
                                  1 - leaf(torch), -leaf(torch), leaf(torch) * 2, 2 * leaf(torch), leaf(torch) / 2,
                                  2 / leaf(torch), leaf(torch) ** 2, leaf(torch) ** leaf(torch), 2 ** leaf(torch),
                                  leaf(torch).square(), abs(leaf(torch)), leaf(torch) * True],
    "names-fns": lambda torch: [f(leaf(torch, 0.5)) for f in (torch.tanh, torch.exp, torch.log, torch.relu,
                                                               torch.sigmoid, torch.sqrt, torch.abs, torch.sign)],
    "names-clamp": lambda torch: [leaf(torch, 0.5).clamp(min=0), leaf(torch, 0.5).clamp(0, 1),
                                  leaf(torch, 0.5).clamp(max=0.3), torch.clip(leaf(torch, 0.5), 0, 1),
                                  leaf(torch, 0.5).clamp_min(0.6), torch.maximum(leaf(torch), torch.tensor(3.0))],
    "names-reduce": lambda torch: [matrix(torch).sum(), matrix(torch).sum(0), matrix(torch).sum(dim=1, keepdim=True),
                                   matrix(torch).sum((0, 1)), matrix(torch).mean(), matrix(torch).mean(dim=0),
                                   matrix(torch).mean(1, keepdim=True), matrix(torch).max(), matrix(torch).min(),
                                   matrix(torch).max(dim=1), matrix(torch).min(0), matrix(torch).argmax(),
                                   matrix(torch).prod(), matrix(torch).std(), matrix(torch).var(1),
                                   matrix(torch).norm(), matrix(torch).amax(1), matrix(torch).argmin(dim=1)],
    "names-matmul": lambda torch: [matrix(torch) @ vector(torch), vector(torch) @ vector(torch),
                                   matrix(torch) @ matrix(torch).T, vector(torch)[:2] @ matrix(torch),
                                   matrix(torch).mm(matrix(torch).t()), vector(torch).dot(vector(torch))],
    "names-views": lambda torch: [matrix(torch).t(), matrix(torch).T, matrix(torch)[0], matrix(torch)[:, 1],
                                  vector(torch)[1:3], vector(torch)[-1], vector(torch)[[0, 2]],
                                  matrix(torch).view(3, 2), matrix(torch).reshape(-1, 1).shape,
                                  vector(torch).unsqueeze(0), matrix(torch).flatten(), matrix(torch).permute(1, 0),
                                  matrix(torch).transpose(0, 1), matrix(torch).expand(2, 2, 3), leaf(torch).clone(),
                                  matrix(torch).unsqueeze(1).squeeze(), matrix(torch)[None, ..., 1]],
    "names-softmax": lambda torch: [matrix(torch).softmax(1), matrix(torch).log_softmax(0),
                                    torch.softmax(vector(torch), 0)],
    "names-stack": lambda torch: [torch.stack([vector(torch), vector(torch)]),
                                  torch.cat([vector(torch), vector(torch)]),
                                  torch.where(vector(torch) > 1.5, vector(torch), torch.zeros(3))],
    "flatten-self": lambda torch: [(v.flatten() is v) for v in [vector(torch)]],
    "next-functions": lambda torch: [
        [(type(n).__name__ if n is not None else None, i) for n, i in t.grad_fn.next_functions]
        for t in (leaf(torch) * leaf(torch), leaf(torch) * 2, leaf(torch) ** 2, 2 / leaf(torch), -leaf(torch),
                  torch.tensor(3.0) * leaf(torch), torch.stack([leaf(torch), leaf(torch)]))
    ],
    "accumulate-node": lambda torch: [
        (type(acc).__name__, acc.variable is x, acc.next_functions, (x * 2).grad_fn.metadata, callable(acc))
        for x in [leaf(torch)] for acc in [(x * 2).grad_fn.next_functions[0][0]]
    ],
    "comparisons": lambda torch: (leaf(torch) > 0, 0 < leaf(torch), vector(torch) > 1.5, (vector(torch) > 1.5).float(),
                                  vector(torch)[vector(torch) > 1.5], (vector(torch) > 1.5).sum(),
                                  torch.equal(vector(torch), vector(torch)), vector(torch) == 3.0),
    # errors
    "mean-int": lambda torch: torch.tensor([1, 2]).mean(),
    "dim-range": lambda torch: vector(torch).sum(dim=1),
    "broadcast": lambda torch: torch.tensor([1.0, 2.0, 3.0]) + torch.tensor([1.0, 2.0]),
    "mm-shapes": lambda torch: torch.tensor([[1.0, 2.0]]) @ torch.tensor([[1.0, 2.0]]),
    "dot-sizes": lambda torch: torch.tensor([1.0, 2.0]) @ torch.tensor([1.0, 2.0, 3.0]),
    "matmul-0d": lambda torch: torch.tensor(2.0) @ torch.tensor(3.0),
    "mm-vector": lambda torch: torch.mm(torch.tensor([1.0, 2.0]), torch.ones(2, 2)),
    "mm-dtypes": lambda torch: torch.tensor([[1.0, 2.0]]) @ torch.tensor([[1], [2]]),
    "exp-float": lambda torch: torch.exp(2.0),
    "tanh-int": lambda torch: torch.tanh(2),
    "add-str": lambda torch: leaf(torch) + "a",
    "add-none": lambda torch: leaf(torch) + None,
    "clamp-none": lambda torch: leaf(torch).clamp(),
    "view-size": lambda torch: vector(torch).view(2, 2),
    "expand-size": lambda torch: vector(torch).expand(2, 2),
    "index-range": lambda torch: vector(torch)[5],
    # backward
    "backward-basic": lambda torch: [(r, x.grad, x.grad.requires_grad, x.grad.is_leaf)
                                     for x in [leaf(torch)] for r in [(x * x + 3 * x).backward()]],
    "backward-vector": lambda torch: (vector(torch) * 2).backward(),
    "backward-1elem": lambda torch: [(v * 2).backward() or v.grad for v in [torch.tensor([3.0], requires_grad=True)]],
    "backward-gradient": lambda torch: [(v * 2).backward(gradient=torch.tensor([1.0, 10.0, 100.0])) or v.grad
                                        for v in [vector(torch)]],
    "backward-shape": lambda torch: (vector(torch) * 2).backward(torch.ones(2)),
    "backward-0d-shape": lambda torch: (leaf(torch) * 2).backward(torch.tensor([1.0])),
    "backward-float": lambda torch: (leaf(torch) * 2).backward(5.0),
    "backward-no-grad": lambda torch: (torch.tensor(2.0) * 2).backward(),
    "backward-leaf": lambda torch: [x.backward() or x.grad for x in [leaf(torch)]],
    "backward-cast": lambda torch: [(x.double() ** 2).backward() or (x.grad, x.grad.dtype) for x in [leaf(torch)]],
    "fan-out": lambda torch: [(x * y + x).backward() or (x.grad, y.grad)
                              for x in [leaf(torch)] for y in [leaf(torch, 3.0)]],
    "second-add": second_backward(lambda torch, x: x + 1),
    "second-neg": second_backward(lambda torch, x: -x),
    "second-sum": second_backward(lambda torch, x: (x * 1.0 + x).sum() if False else (x + x).sum()),
    "second-mean": second_backward(lambda torch, x: (x + x).mean()),
    "second-clone": second_backward(lambda torch, x: x.clone()),
    "second-view": second_backward(lambda torch, x: x.view(1).sum()),
    "second-double": second_backward(lambda torch, x: x.double()),
    "second-leaf": second_backward(lambda torch, x: x),
    "second-mul-scalar": second_backward(lambda torch, x: x * 2),
    "second-mul-const": second_backward(lambda torch, x: x * torch.tensor(3.0)),
    "second-div": second_backward(lambda torch, x: x / 2),
    "second-pow": second_backward(lambda torch, x: x ** 2),
    "second-tanh": second_backward(lambda torch, x: x.tanh()),
    "second-relu": second_backward(lambda torch, x: x.relu()),
    "second-abs": second_backward(lambda torch, x: x.abs()),
    "second-clamp": second_backward(lambda torch, x: x.clamp(min=0)),
    "second-exp-add": second_backward(lambda torch, x: x.exp() + 1),
    "retain-graph": lambda torch: [
        y.backward(retain_graph=True) or y.backward() or x.grad for x in [leaf(torch)] for y in [x.tanh()]
    ],
    "retain-grad": lambda torch: [
        (y.retain_grad(), (y ** 2).backward(), y.grad, x.grad, y.retains_grad, x.retains_grad)
        for x in [leaf(torch)] for y in [x * 3]
    ],
    "nonleaf-grad-warns": lambda torch: (leaf(torch) * 3).grad,
    "retain-no-grad": lambda torch: torch.tensor(2.0).retain_grad(),
    "grad-zero": lambda torch: [((x * 3).backward(), x.grad.zero_() is x.grad, x.grad) for x in [leaf(torch)]],
    "grad-set-shape": lambda torch: setattr(leaf(torch), "grad", torch.tensor([1.0, 2.0])),
    "grad-set-float": lambda torch: setattr(leaf(torch), "grad", 1.0),
    "grad-accumulates": lambda torch: [
        ((x * 3).backward(), (x * 3).backward(), (x ** 2).backward(), x.grad) for x in [leaf(torch)]
    ],
    "grad-by-hand": lambda torch: [
        (setattr(x, "grad", torch.tensor(5.0)), (x * 2).backward(), x.grad) for x in [leaf(torch)]
    ],
    "grads-broadcast": grads_of(lambda torch: (
        ((m := matrix(torch)) + (b := torch.tensor([1.0, 2.0, 3.0], requires_grad=True))) * (s := leaf(torch, 2.0))
        + (c := torch.tensor([[1.0], [2.0]], requires_grad=True)), m, b, s, c)),
    "grads-reduce": grads_of(lambda torch: (
        (m := matrix(torch)).sum(0) * m.mean(1, keepdim=True) + m.max() + m.amax(0) + m.prod() + m.std()
        + m.norm(), m)),
    "grads-max-ties": grads_of(lambda torch: (
        (v := torch.tensor([1.0, 3.0, 3.0], requires_grad=True)).max() + v.max(dim=0).values * 2 + v.min() * 4, v)),
    "grads-matmul": grads_of(lambda torch: (
        ((m := matrix(torch)) @ (v := vector(torch))) * 2 + (v[:2] @ m).sum() + (m @ m.T).sum() + v.dot(v), m, v)),
    "grads-views": grads_of(lambda torch: (
        (m := matrix(torch))[0] * m[:, 1].sum() + m.view(3, 2).t()[1] + m.T[1:, 0].sum() + m[[0, 1, 1], [2, 0, 0]].sum()
        + m[m > 2].sum() + m.unsqueeze(0).expand(2, 2, 3).sum(), m)),
    "grads-stack": grads_of(lambda torch: (
        torch.stack([(v := vector(torch)), v * 2], 1).sum(0) + torch.cat([v, v ** 2])[2:5]
        + torch.where(v > 1.5, v, v * 3), v)),
    "grads-softmax": grads_of(lambda torch: (
        ((m := matrix(torch)).softmax(1) * torch.tensor([1.0, 2.0, 3.0])).sum(1)
        + (m.log_softmax(0) * torch.tensor([[1.0], [2.0]])).sum(0)[:2], m)),
    "grads-kinks": grads_of(lambda torch: (
        (v := torch.tensor([-1.0, 0.0, 1.0], requires_grad=True)).relu() + v.abs() + v.clamp(min=0) + v.clamp(-1, 1)
        + v.sign() + torch.maximum(v, torch.zeros(3)), v)),
    "grads-pow": grads_of(lambda torch: ((x := leaf(torch, 3.0)) ** (y := leaf(torch, 2.0)) + 2 ** x + x ** 0.5, x, y)),
    "no-grad-leaf": lambda torch: [(c.grad, c.is_leaf, c.requires_grad) for c in [torch.tensor(5.0)]
                                   if (leaf(torch) * c).backward() is None],
    # autograd.grad and higher order
    "grad-basic": lambda torch: [(torch.autograd.grad(x ** 3, x), x.grad) for x in [leaf(torch)]],
    "grad-twice": lambda torch: [(torch.autograd.grad(y, x), torch.autograd.grad(y, x)) for x in [leaf(torch)]
                                 for y in [x * x]],
    "grad-retain": lambda torch: [(torch.autograd.grad(y, x, retain_graph=True), torch.autograd.grad(y, x))
                                  for x in [leaf(torch)] for y in [x * x]],
    "grad-pair": lambda torch: [torch.autograd.grad(x * y, (x, y)) for x in [leaf(torch)] for y in [leaf(torch, 3.0)]],
    "grad-vector": lambda torch: torch.autograd.grad(vector(torch) * 2, vector(torch)),
    "grad-outputs": lambda torch: [torch.autograd.grad(v * 2, v, grad_outputs=torch.ones(3)) for v in [vector(torch)]],
    "grad-nonleaf": lambda torch: [torch.autograd.grad(x * y, y) for x in [leaf(torch)] for y in [x * 3]],
    "grad-higher": lambda torch: [
        (dy, d2, torch.autograd.grad(d2, x), x.grad)
        for x in [leaf(torch)] for (dy,) in [torch.autograd.grad(x ** 3, x, create_graph=True)]
        for (d2,) in [torch.autograd.grad(dy, x, create_graph=True)]
    ],
    "grad-no-graph": lambda torch: [torch.autograd.grad(dy, x) for x in [leaf(torch)]
                                    for (dy,) in [torch.autograd.grad(x ** 3, x)]],
    "grad-tanh2": lambda torch: [(dy, dy.backward(), x.grad) for x in [leaf(torch)]
                                 for (dy,) in [torch.autograd.grad(x.tanh(), x, create_graph=True)]],
    "grad-sigmoid2": lambda torch: [torch.autograd.grad(torch.sigmoid(x), x, create_graph=True) for x in [leaf(torch)]],
    "grad-relu2": lambda torch: [(g, torch.autograd.grad(g, x)) for x in [leaf(torch, 0.5)]
                                 for (g,) in [torch.autograd.grad(torch.relu(x), x, create_graph=True)]],
    "grad-sum2": lambda torch: [(g, torch.autograd.grad(g.sum(), x)) for x in [vector(torch)]
                                for (g,) in [torch.autograd.grad((x ** 2).sum(), x, create_graph=True)]],
    "grad-const": lambda torch: [(g, g.requires_grad) for x in [leaf(torch)]
                                 for (g,) in [torch.autograd.grad(x * 3, x, create_graph=True)]],
    "grad-unused": lambda torch: torch.autograd.grad(leaf(torch) * 2, [leaf(torch), leaf(torch)]),
    "grad-allow-unused": lambda torch: [
        (torch.autograd.grad(x * 2, [x, y], allow_unused=True),
         torch.autograd.grad(x * 2, [x, y], allow_unused=True, materialize_grads=True))
        for x in [leaf(torch)] for y in [leaf(torch, 3.0)]
    ],
    "grad-not-rg": lambda torch: [torch.autograd.grad(leaf(torch) * c, c) for c in [torch.tensor(5.0)]],
    "backward-create": lambda torch: [
        (y.backward(create_graph=True), x.grad, x.grad.requires_grad) for x in [leaf(torch)] for y in [x ** 3]
    ],
    "backward-inputs": lambda torch: [((x * y).backward(inputs=[x]), x.grad, y.grad) for x in [leaf(torch)]
                                      for y in [leaf(torch, 3.0)]],
    "autograd-backward": lambda torch: [(torch.autograd.backward([x * 1, x * 2]), x.grad) for x in [leaf(torch)]],
    # hooks
    "hook-replace": lambda torch: [
        (h.remove(), x.grad, type(h).__name__) for x in [leaf(torch)] for h in [x.register_hook(lambda g: g * 10)]
        if (x * 3).backward() is None
    ],
    "hook-chain": lambda torch: [
        (x.register_hook(lambda g: g + 1), x.register_hook(lambda g: g * 100), (x * 3).backward(), x.grad)[2:]
        for x in [leaf(torch)]
    ],
    "hook-nonleaf": lambda torch: [
        (y.register_hook(lambda g: g * 10), y.retain_grad(), (y * 2).backward(), y.grad, x.grad)[2:]
        for x in [leaf(torch)] for y in [x * 3]
    ],
    "hook-float": lambda torch: [(x.register_hook(lambda g: 5.0), (x * 3).backward()) for x in [leaf(torch)]],
    "hook-size": lambda torch: [(x.register_hook(lambda g: torch.ones(2)), (x * 3).backward()) for x in [leaf(torch)]],
    "hook-no-grad": lambda torch: torch.tensor(2.0).register_hook(lambda g: g),
    "hook-grad": lambda torch: [(x.register_hook(lambda g: g * 2), torch.autograd.grad(x * 3, x))[1]
                                for x in [leaf(torch)]],
    # grad mode
    "no-grad": lambda torch: [(y, y.requires_grad, y.grad_fn, y.is_leaf) for x in [leaf(torch)]
                              for y in [torch.no_grad()(lambda: x * 2)()]],  # noqa: B023 - called at once
    "no-grad-decorators": lambda torch: (
        torch.no_grad(lambda t: (t * 2, torch.is_grad_enabled()))(leaf(torch)),
        torch.enable_grad()(lambda t: t * 2)(leaf(torch)),
    ),
    "set-grad-enabled": lambda torch: [
        (torch.set_grad_enabled(False), torch.is_grad_enabled(), leaf(torch) * 2, torch.set_grad_enabled(True),
         torch.is_grad_enabled(), type(torch.set_grad_enabled(True)).__name__)[1:]
    ],
    "detach": lambda torch: [(d, d.requires_grad, d.is_leaf, d.grad_fn, d.add_(1), y, y.detach_() is y, y.is_leaf)
                             for y in [leaf(torch) * 3] for d in [y.detach()]],
    "detach-view": lambda torch: leaf(torch, [1.0]).view(1).detach_(),
    # in-place
    "inplace-leaf": lambda torch: leaf(torch).add_(1),
    "inplace-leaf-iadd": lambda torch: [x.__iadd__(1) for x in [leaf(torch)]],
    "inplace-leaf-zero": lambda torch: leaf(torch).zero_(),
    "inplace-leaf-view": lambda torch: leaf(torch, [2.0, 3.0]).__setitem__(0, 5.0),
    "inplace-update": lambda torch: [
        ((3 * w) ** 2).backward(), torch.no_grad()(lambda: (w.sub_(0.1 * w.grad), w.__isub__(0.1 * w.grad)))(),
        w, w.is_leaf, w.grad, w._version,
    ][2:] if (w := leaf(torch)) is not None else None,
    "inplace-data": lambda torch: [
        ((3 * w) ** 2).backward(), w.data.sub_(0.1 * w.grad), w, w.is_leaf,
        setattr(w, "data", torch.tensor([1.0, 2.0])), w,
    ][2:] if (w := leaf(torch)) is not None else None,
    "inplace-nonleaf": lambda torch: [
        (y.add_(1), repr(y), y.mul_(3), repr(y), y.backward(), x.grad)[1:] for x in [leaf(torch)] for y in [x * 2]
    ],
    "inplace-version-tanh": lambda torch: [(y.add_(1), y.backward()) for y in [leaf(torch).tanh()]],
    "inplace-version-mul": lambda torch: [(y.add_(1), z.backward()) for y in [leaf(torch) * 1] for z in [y * y]],
    "inplace-version-leaf": lambda torch: [
        (torch.no_grad()(lambda: x.add_(1))(), y.backward())  # noqa: B023 - called at once
        for x in [leaf(torch)] for y in [x * x]
    ],
    "inplace-data-bypass": lambda torch: [(y.data.add_(1), y.backward(), x.grad) for x in [leaf(torch)]
                                          for y in [x.exp()]],
    "setitem-nonleaf": lambda torch: [
        (y.__setitem__(0, 5.0), (y * torch.tensor([1.0, 2.0, 3.0])).sum().backward(), y, x.grad)[2:]
        for x in [vector(torch)] for y in [x * 1]
    ],
    "inplace-int-float": lambda torch: torch.tensor([1, 2]).add_(0.5),
    "copy-fill": lambda torch: [
        (torch.no_grad()(lambda: (x.copy_(torch.tensor(5.0)), x.fill_(7.0)))(), x, x._version)[1:]  # noqa: B023
        for x in [leaf(torch)]
    ],
    "zero-fill-copy-graph": lambda torch: [
        (y.zero_(), y.sum().backward(), x.grad, (x * 2).fill_(3.0), (x * 2).copy_(torch.tensor([1.0, 2.0])),
         z.copy_(x), (z * torch.tensor([1.0, 5.0])).sum().backward(), x.grad)[2:]
        for x in [torch.tensor([2.0, 3.0], requires_grad=True)] for y in [x * 2] for z in [x * 2]
    ],
    "round-bincount-out": lambda torch: [
        (v.round(), torch.round(v * 2), torch.bincount(torch.tensor([0, 2, 2, 5])), torch.matmul(m, m.T, out=out), out)
        for v in [torch.tensor([-2.5, -0.3, 0.5, 1.5, 2.6], requires_grad=True)]
        for m in [torch.tensor([[1.0, 2.0], [3.0, 4.0]])] for out in [torch.zeros(1)]
    ],
    "round-builtin": lambda torch: round(leaf(torch)),
    "plain-inplace": lambda torch: [x.__iadd__(1).requires_grad_() for x in [torch.tensor(2.0)]],
}


def lecture_003(torch: Any) -> Any:
    """The torch cells of seed notebook 003: a legacy-constructed matrix, then the neuron in float64."""
    tensor = torch.Tensor([[1, 2, 3], [4, 5, 6]])
    x1 = torch.Tensor([2.0]).double()
    x1.requires_grad = True
    x2 = torch.Tensor([0.0]).double()
    x2.requires_grad = True
    w1 = torch.Tensor([-3.0]).double()
    w1.requires_grad = True
    w2 = torch.Tensor([1.0]).double()
    w2.requires_grad = True
    b = torch.Tensor([6.8813735870195432]).double()
    b.requires_grad = True
    n = x1 * w1 + x2 * w2 + b
    o = torch.tanh(n)
    first = o.data.item()
    o.backward()
    return (tensor, tensor.shape, first, [t.grad.item() for t in (x2, w2, x1, w1)], o, o.item(), n)


CASES["lecture-003"] = lecture_003


@pytest.mark.parametrize("name", list(CASES))
def test_case_matches_torch(name: str) -> None:
    case = CASES[name]
    ours = outcome(case, mt)
    theirs = outcome(case, real_torch)
    assert ours == theirs


LECTURE_CELL = """
x1 = torch.Tensor([2.0]).double();   x1.requires_grad = True
x2 = torch.Tensor([0.0]).double();   x2.requires_grad = True
w1 = torch.Tensor([-3.0]).double(); w1.requires_grad = True
w2 = torch.Tensor([1.0]).double();  w2.requires_grad = True
b = torch.Tensor([6.8813735870195432]).double(); b.requires_grad = True
n = x1*w1 + x2*w2 + b
o = torch.tanh(n)
print(o.data.item())
o.backward()
print("-----------------")
print("x2", x2.grad.item())
print("w2", w2.grad.item())
print("x1", x1.grad.item())
print("w1", w1.grad.item())
print(o, n, x1.grad)
"""


def test_lecture_torch_cell_prints_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    exec(LECTURE_CELL, {"torch": real_torch})  # noqa: S102 - the lecture's cell, verbatim
    theirs = capsys.readouterr().out
    exec(LECTURE_CELL, {"torch": mt})  # noqa: S102
    ours = capsys.readouterr().out
    assert ours == theirs
    assert "0.7071" in ours
