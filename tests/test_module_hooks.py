"""nn.Module backward hooks: full hooks, backward pre-hooks and the deprecated register_backward_hook.

Layers get hand-set weights so every gradient below is derived by hand: for ``y = x W^T + b`` with
upstream ``g``, ``grad_input = g W`` and ``grad_W = g^T x``.
"""

from __future__ import annotations

import copy
import pickle
import warnings
from typing import Any

import pytest

import minitorch_scalar as torch
import minitorch_scalar.nn as nn


def _linear() -> nn.Linear:
    lin = nn.Linear(2, 1)
    with torch.no_grad():
        lin.weight.copy_(torch.tensor([[2.0, -1.0]]))
        lin.bias.fill_(0.5)
    return lin


def test_full_hook_sees_grad_input_and_grad_output() -> None:
    lin = _linear()
    seen: list[Any] = []
    handle = lin.register_full_backward_hook(lambda m, gin, gout: seen.append((m, gin, gout)))
    x = torch.ones(3, 2, requires_grad=True)
    out = lin(x)
    assert repr(out.grad_fn).startswith("<torch.autograd.function.BackwardHookFunctionBackward object")
    (out * 2).sum().backward()
    (m, gin, gout), = seen
    assert m is lin and isinstance(gin, tuple) and isinstance(gout, tuple)
    assert gout[0].tolist() == [[2.0]] * 3
    assert gin[0].tolist() == [[4.0, -2.0]] * 3
    assert x.grad.tolist() == [[4.0, -2.0]] * 3
    assert lin.weight.grad.tolist() == [[6.0, 6.0]]
    handle.remove()
    assert len(lin._backward_hooks) == 0
    assert lin(x).grad_fn.name() == "AddmmBackward0"  # hook-free calls take the plain path again


def test_full_hook_can_replace_grad_input() -> None:
    lin = _linear()
    lin.register_full_backward_hook(lambda m, gin, gout: (gin[0] * 10,))
    x = torch.ones(1, 2, requires_grad=True)
    lin(x).sum().backward()
    assert x.grad.tolist() == [[20.0, -10.0]]
    assert lin.weight.grad.tolist() == [[1.0, 1.0]]  # the parameters' grads are not affected


def test_pre_hook_replaces_grad_output_for_everything_below() -> None:
    lin = _linear()
    seen: list[Any] = []
    lin.register_full_backward_pre_hook(lambda m, gout: (gout[0] * 3,))
    lin.register_full_backward_hook(lambda m, gin, gout: seen.append(gout[0].tolist()))
    x = torch.ones(1, 2, requires_grad=True)
    lin(x).sum().backward()
    assert seen == [[[3.0]]]
    assert x.grad.tolist() == [[6.0, -3.0]]
    assert lin.weight.grad.tolist() == [[3.0, 3.0]]


def test_hook_fires_at_the_outputs_when_no_input_requires_grad() -> None:
    lin = _linear()
    seen: list[Any] = []
    lin.register_full_backward_hook(lambda m, gin, gout: seen.append((gin, gout[0].tolist())))
    with pytest.warns(UserWarning, match="Full backward hook is firing when gradients are computed with respect to "
                                         "module outputs since no inputs require gradients"):
        lin(torch.ones(1, 2)).sum().backward()
    assert seen == [((None,), [[1.0]])]
    lin2 = _linear()
    lin2.register_full_backward_hook(lambda m, gin, gout: (torch.ones(1, 2),))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(RuntimeError, match="should always return None or None for all gradients"):
            lin2(torch.ones(1, 2)).sum().backward()


def test_module_with_two_inputs_and_two_outputs() -> None:
    class Pair(nn.Module):
        def forward(self, a: Any, b: Any) -> Any:
            return a * b, a + b

    seen: list[Any] = []
    mod = Pair()
    mod.register_full_backward_hook(lambda m, gin, gout: seen.append((gin, gout)))
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = torch.tensor([3.0, 4.0])
    p, q = mod(a, b)
    assert p.grad_fn is q.grad_fn
    (p.sum() * 2).backward()
    (gin, gout), = seen
    assert gout[0].tolist() == [2.0, 2.0] and gout[1] is None  # q got no gradient
    assert gin[0].tolist() == [6.0, 8.0] and gin[1].tolist() == [0.0, 0.0]  # b needs none: zeros
    assert a.grad.tolist() == [6.0, 8.0]


def test_wrong_number_of_returned_grads() -> None:
    lin = _linear()
    lin.register_full_backward_hook(lambda m, gin, gout: (gin[0], gin[0]))
    with pytest.raises(RuntimeError, match="^Backward hook returned an invalid number of grad_input, got 2, but "
                                           "expected 1$"):
        lin(torch.ones(1, 2, requires_grad=True)).sum().backward()
    lin = _linear()
    lin.register_full_backward_pre_hook(lambda m, gout: (gout[0], gout[0]))
    with pytest.raises(RuntimeError, match="^Backward pre hook returned an invalid number of grad_output, got 2, "
                                           "but expected 1$"):
        lin(torch.ones(1, 2, requires_grad=True)).sum().backward()


def test_hooks_in_a_sequential_run_outermost_last() -> None:
    order: list[str] = []
    net = nn.Sequential(_linear(), nn.Tanh())
    net[0].register_full_backward_hook(lambda m, gin, gout: order.append("linear"))
    net.register_full_backward_hook(lambda m, gin, gout: order.append("sequential"))
    net(torch.ones(2, 2, requires_grad=True)).sum().backward()
    assert order == ["linear", "sequential"]


def test_forward_hooks_run_before_the_output_side_backward_hook() -> None:
    lin = _linear()
    seen: list[Any] = []
    lin.register_forward_hook(lambda m, args, out: out * 2)
    lin.register_full_backward_hook(lambda m, gin, gout: seen.append(gin[0].tolist()))
    x = torch.ones(1, 2, requires_grad=True)
    y = lin(x)
    assert y.grad_fn.name() == "BackwardHookFunctionBackward"
    y.sum().backward()
    assert seen == [[[4.0, -2.0]]]  # the hook sees the input grad through the doubled output


def test_deprecated_backward_hook_sees_the_last_node() -> None:
    lin = _linear()
    seen: list[Any] = []
    lin.register_backward_hook(lambda m, gin, gout: seen.append([None if g is None else tuple(g.shape) for g in gin]))
    x = torch.ones(4, 2, requires_grad=True)
    with pytest.warns(FutureWarning, match="Using a non-full backward hook when the forward contains multiple "
                                           "autograd Nodes is deprecated"):
        out = lin(x)
    out.sum().backward()
    assert seen == [[(1,), (4, 2), (2, 1)]]  # AddmmBackward0: bias, input, weight.t()
    with pytest.raises(RuntimeError, match="^Cannot use both regular backward hooks and full backward hooks"):
        lin.register_full_backward_hook(lambda m, gin, gout: None)
    lin2 = _linear()
    lin2.register_full_backward_hook(lambda m, gin, gout: None)
    with pytest.raises(RuntimeError, match="^Cannot use both regular backward hooks and full backward hooks"):
        lin2.register_backward_hook(lambda m, gin, gout: None)


def test_prepend_and_handles() -> None:
    lin = _linear()
    order: list[int] = []
    lin.register_full_backward_hook(lambda m, gin, gout: order.append(1))
    lin.register_full_backward_hook(lambda m, gin, gout: order.append(0), prepend=True)
    with lin.register_full_backward_pre_hook(lambda m, gout: order.append(-1)):
        lin(torch.ones(1, 2, requires_grad=True)).sum().backward()
    assert order == [-1, 0, 1]
    assert len(lin._backward_pre_hooks) == 0 and len(lin._backward_hooks) == 2


def test_modules_copy_and_pickle_with_hook_tables() -> None:
    lin = _linear()
    state = dict(lin.__dict__)
    for name in ("_backward_hooks", "_backward_pre_hooks", "_is_full_backward_hook"):
        state.pop(name)
    old = nn.Linear.__new__(nn.Linear)
    old.__setstate__(state)  # as a module pickled before these tables existed
    assert old(torch.ones(1, 2)).tolist() == [[1.5]]
    clone = pickle.loads(pickle.dumps(_linear()))
    assert clone(torch.ones(1, 2)).tolist() == [[1.5]]
    hooked = _linear()
    seen: list[int] = []
    hooked.register_full_backward_hook(lambda m, gin, gout: seen.append(1))
    twin = copy.deepcopy(hooked)
    twin(torch.ones(1, 2, requires_grad=True)).sum().backward()
    assert seen == [1]
