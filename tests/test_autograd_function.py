"""Custom autograd Functions (torch.autograd.Function): several outputs, ctx flags, torch's checks.

Hand-derived numbers; the torch-side behaviour they encode was checked against torch 2.13.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from minitorch_scalar.autograd.function import Function, FunctionCtx, once_differentiable

import minitorch_scalar as torch

FREED = "Trying to backward through the graph a second time"


def _x() -> Any:
    return torch.tensor([1.0, 2.0], requires_grad=True)


class TwoOut(Function):
    """(2x, 3x, 5): two tensor outputs and a non-tensor one."""

    calls: list[Any] = []

    @staticmethod
    def forward(ctx: Any, x: Any) -> Any:
        return x * 2, x * 3, 5

    @staticmethod
    def backward(ctx: Any, ga: Any, gb: Any, gc: Any) -> Any:
        TwoOut.calls.append((ga, gb, gc))
        return ga * 2 + gb * 3


def test_outputs_share_one_node_named_after_the_function() -> None:
    a, b, c = TwoOut.apply(_x())
    assert a.grad_fn is b.grad_fn
    assert a.grad_fn.name() == "TwoOutBackward"
    assert type(a.grad_fn).__name__ == "TwoOutBackward"
    assert isinstance(a.grad_fn, FunctionCtx)
    assert c == 5
    assert repr(a) == "tensor([2., 4.], grad_fn=<TwoOutBackward>)"
    assert repr(a.grad_fn).startswith("<torch.autograd.function.TwoOutBackward object at 0x")


def test_backward_runs_once_with_a_grad_per_output_missing_ones_as_zeros() -> None:
    x = _x()
    a, b, _ = TwoOut.apply(x)
    TwoOut.calls.clear()
    (a.sum() + (b * 10).sum()).backward()
    assert len(TwoOut.calls) == 1
    ga, gb, gc = TwoOut.calls[0]
    assert ga.tolist() == [1.0, 1.0] and gb.tolist() == [10.0, 10.0] and gc is None
    assert x.grad.tolist() == [32.0, 32.0]  # 2*1 + 3*10
    x.grad = None
    a, b, _ = TwoOut.apply(x)
    TwoOut.calls.clear()
    b.sum().backward()
    assert TwoOut.calls[0][0].tolist() == [0.0, 0.0]
    assert x.grad.tolist() == [3.0, 3.0]


def test_set_materialize_grads_false_passes_none() -> None:
    seen: list[Any] = []

    class Lazy(Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            ctx.set_materialize_grads(False)
            return x * 2, x * 3

        @staticmethod
        def backward(ctx: Any, ga: Any, gb: Any) -> Any:
            seen.append(gb)
            return ga * 2

    x = _x()
    a, _ = Lazy.apply(x)
    a.sum().backward()
    assert seen == [None]
    assert x.grad.tolist() == [2.0, 2.0]


def test_each_output_keeps_its_own_hooks_retained_grad_and_autograd_grad() -> None:
    x = _x()
    a, b, _ = TwoOut.apply(x)
    b.retain_grad()
    b.register_hook(lambda g: g * 10)
    (a.sum() + b.sum()).backward()
    assert b.grad.tolist() == [10.0, 10.0]
    assert x.grad.tolist() == [32.0, 32.0]
    a, b, _ = TwoOut.apply(x)
    (gb,) = torch.autograd.grad((a * 4).sum() + b.sum(), b)
    assert gb.tolist() == [1.0, 1.0]


def test_non_differentiable_outputs_get_no_grad_and_zero_grads() -> None:
    seen: list[Any] = []

    class ArgMax(Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            idx = x.argmax()
            ctx.mark_non_differentiable(idx)
            ctx.save_for_backward(x, idx)
            return x.max(), idx

        @staticmethod
        def backward(ctx: Any, g: Any, g_idx: Any) -> Any:
            seen.append(g_idx)
            x, idx = ctx.saved_tensors
            out = torch.zeros_like(x)
            out[idx] = g
            return out

    x = torch.tensor([-2.0, 0.5, 3.0], requires_grad=True)
    m, i = ArgMax.apply(x)
    assert not i.requires_grad and i.grad_fn is None
    (m * 2).backward()
    assert x.grad.tolist() == [0.0, 0.0, 2.0]
    assert seen[0].item() == 0 and seen[0].dtype == torch.int64


def test_mark_dirty_returns_the_input_with_a_new_grad_fn() -> None:
    class Double_(Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            x.mul_(2)
            ctx.mark_dirty(x)
            return x

        @staticmethod
        def backward(ctx: Any, g: Any) -> Any:
            return g * 2

    x = _x()
    a = x * 1
    b = Double_.apply(a)
    assert b is a and a._version == 2
    assert repr(a) == "tensor([2., 4.], grad_fn=<Double_Backward>)"
    b.sum().backward()
    assert x.grad.tolist() == [2.0, 2.0]
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad has been used in an in-place operation"):
        Double_.apply(x)


def test_an_input_returned_as_is_becomes_a_new_tensor() -> None:
    class Same(Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            return x

        @staticmethod
        def backward(ctx: Any, g: Any) -> Any:
            return g * 5

    x = _x()
    y = Same.apply(x)
    assert y is not x and y.grad_fn is not None
    y.sum().backward()
    assert x.grad.tolist() == [5.0, 5.0]


class Square(Function):
    @staticmethod
    def forward(ctx: Any, x: Any) -> Any:
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx: Any, g: Any) -> Any:
        (x,) = ctx.saved_tensors
        return 2 * x * g


def test_saved_tensors_are_freed_after_backward_and_version_checked() -> None:
    x = _x()
    y = Square.apply(x)
    assert y.grad_fn.saved_tensors[0] is x
    assert y.grad_fn.needs_input_grad == (True,)
    y.sum().backward()
    assert x.grad.tolist() == [2.0, 4.0]
    with pytest.raises(RuntimeError, match=FREED):
        _ = y.grad_fn.saved_tensors
    with pytest.raises(RuntimeError, match=FREED):
        y.sum().backward()
    z = x * 1
    y = Square.apply(z)
    with torch.no_grad():
        z.add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        y.sum().backward()


def test_unsaved_function_can_run_backward_twice() -> None:
    x = _x()
    a, _, _ = TwoOut.apply(x)
    a.sum().backward()
    a.sum().backward()
    assert x.grad.tolist() == [4.0, 4.0]


def test_saving_the_output_and_double_backward() -> None:
    class Exp(Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            out = x.exp()
            ctx.save_for_backward(out)
            return out

        @staticmethod
        def backward(ctx: Any, g: Any) -> Any:
            (out,) = ctx.saved_tensors
            return g * out

    x = torch.tensor(0.0, requires_grad=True)
    (g,) = torch.autograd.grad(Exp.apply(x), x, create_graph=True)
    assert g.item() == 1.0 and g.requires_grad
    x2 = torch.tensor([1.0, 2.0], requires_grad=True)
    (g2,) = torch.autograd.grad(Square.apply(x2).sum(), x2, create_graph=True)
    g2.sum().backward()
    assert x2.grad.tolist() == [2.0, 2.0]


def test_gradient_count_and_type_checks() -> None:
    class Two(Function):
        @staticmethod
        def forward(ctx: Any, x: Any, y: Any) -> Any:
            return x * y

        @staticmethod
        def backward(ctx: Any, g: Any) -> Any:
            return g

    x = _x()
    with pytest.raises(RuntimeError, match=r"^function TwoBackward returned an incorrect number of gradients "
                                           r"\(expected 2, got 1\)$"):
        Two.apply(x, x).sum().backward()

    class Extra(Function):
        @staticmethod
        def forward(ctx: Any, x: Any, n: Any) -> Any:
            return x * n

        @staticmethod
        def backward(ctx: Any, g: Any) -> Any:
            return g, None, None

    Extra.apply(x, 2).sum().backward()  # trailing extra Nones are fine
    assert x.grad.tolist() == [1.0, 1.0]

    class ForInt(Extra):
        @staticmethod
        def backward(ctx: Any, g: Any) -> Any:
            return g, g

    with pytest.raises(RuntimeError, match="returned a gradient different than None at position 2, but the "
                                           "corresponding forward input was not a Variable"):
        ForInt.apply(x, 2).sum().backward()

    class Floaty(Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            return x * 2

        @staticmethod
        def backward(ctx: Any, g: Any) -> Any:
            return 3.0

    with pytest.raises(RuntimeError, match=r"^expected Variable or None \(got float\)$"):
        Floaty.apply(x).sum().backward()


def test_gradient_shape_is_checked_and_broadcast_grads_are_summed() -> None:
    class Short(Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            return x * 2

        @staticmethod
        def backward(ctx: Any, g: Any) -> Any:
            return g[:1]

    x = _x()
    with pytest.raises(RuntimeError, match=r"Function ShortBackward returned an invalid gradient at index 0 - got "
                                           r"\[1\] but expected shape compatible with \[2\]"):
        Short.apply(x).sum().backward()

    class Wide(Short):
        @staticmethod
        def backward(ctx: Any, g: Any) -> Any:
            return g.expand(3, 2).double()

    x.grad = None
    Wide.apply(x).sum().backward()
    assert x.grad.tolist() == [3.0, 3.0] and x.grad.dtype == torch.float32


def test_keyword_arguments_bind_to_forward_parameters() -> None:
    seen: list[Any] = []

    class K(Function):
        @staticmethod
        def forward(ctx: Any, x: Any, y: Any = None, z: int = 2) -> Any:
            seen.append(ctx.needs_input_grad)
            return x * z

        @staticmethod
        def backward(ctx: Any, g: Any) -> Any:
            return g * 2, None

    x = _x()
    K.apply(x, y=x).sum().backward()
    assert seen == [(True, True)]
    assert x.grad.tolist() == [2.0, 2.0]  # the y-slot gradient is None


def test_setup_context_style() -> None:
    class Scale(Function):
        @staticmethod
        def forward(x: Any, k: float = 3.0) -> Any:
            return x * k

        @staticmethod
        def setup_context(ctx: Any, inputs: Any, output: Any) -> None:
            x, k = inputs
            ctx.k = k
            ctx.save_for_backward(x)

        @staticmethod
        def backward(ctx: Any, g: Any) -> Any:
            return g * ctx.k, None

    x = _x()
    y = Scale.apply(x)
    assert y.tolist() == [3.0, 6.0]
    y.sum().backward()
    assert x.grad.tolist() == [3.0, 3.0]


def test_instantiating_a_function_warns_and_calling_it_raises() -> None:
    with pytest.warns(DeprecationWarning, match="should not be instantiated"):
        fn = Square()
    with pytest.raises(RuntimeError, match="^Legacy autograd function with non-static forward method is deprecated"):
        fn(_x())


def test_missing_forward_or_backward() -> None:
    class NoForward(Function):
        pass

    with pytest.raises(NotImplementedError, match="You must implement the forward function"):
        NoForward.apply(_x())

    class NoBackward(Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            return x * 2

    with pytest.raises(NotImplementedError, match="You must implement either the backward or vjp method"):
        NoBackward.apply(_x()).sum().backward()


def test_save_for_backward_rejects_non_tensors() -> None:
    class Bad(Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            ctx.save_for_backward(x, None, 3)
            return x * 2

    with pytest.raises(TypeError, match="^save_for_backward can only save variables, but argument 2 is of type int$"):
        Bad.apply(_x())


def test_once_differentiable_blocks_a_second_differentiation() -> None:
    class Sq(Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        @once_differentiable
        def backward(ctx: Any, g: Any) -> Any:
            (x,) = ctx.saved_tensors
            assert not torch.is_grad_enabled()
            return 2 * x * g

    x = _x()
    (g,) = torch.autograd.grad(Sq.apply(x).sum(), x, create_graph=True)
    assert g.tolist() == [2.0, 4.0] and not g.requires_grad  # the incoming grad did not require grad
    y = Sq.apply(x)
    (gy,) = torch.autograd.grad(y, x, grad_outputs=torch.ones(2, requires_grad=True), create_graph=True)
    assert type(gy.grad_fn).__name__ == "Error"
    with pytest.raises(RuntimeError, match="^trying to differentiate twice a function that was marked with "
                                           "@once_differentiable$"):
        gy.sum().backward()


def test_no_graph_when_no_input_requires_grad_or_grad_mode_is_off() -> None:
    y = Square.apply(torch.tensor([1.0, 2.0]))
    assert y.grad_fn is None and not y.requires_grad
    with torch.no_grad():
        y = Square.apply(_x())
    assert y.grad_fn is None
    i = Square.apply(torch.tensor([1, 2]) * 1)
    assert i.tolist() == [1, 4]


def test_node_hooks_on_a_function_node_and_on_a_builtin_node() -> None:
    x = _x()
    y = Square.apply(x)
    seen: list[Any] = []
    y.grad_fn.register_prehook(lambda gouts: (gouts[0] * 10,))
    y.grad_fn.register_hook(lambda gins, gouts: seen.append((gins[0].tolist(), gouts[0].tolist())))
    y.sum().backward()
    assert seen == [([20.0, 40.0], [10.0, 10.0])]
    assert x.grad.tolist() == [20.0, 40.0]
    x.grad = None
    z = x * 3
    handle = z.grad_fn.register_hook(lambda gins, gouts: (gins[0] + 1, None))
    z.sum().backward(retain_graph=True)
    assert x.grad.tolist() == [4.0, 4.0]
    handle.remove()
    x.grad = None
    z.sum().backward()
    assert x.grad.tolist() == [3.0, 3.0]


def test_submodule_paths_name_the_same_objects() -> None:
    import minitorch_scalar.autograd.function as function_module
    from minitorch_scalar.autograd.grad_mode import no_grad
    from minitorch_scalar.autograd.variable import Variable

    assert torch.autograd.Function is function_module.Function is Function
    assert torch.autograd.function is function_module
    assert no_grad is torch.no_grad and Variable is torch.autograd.Variable
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert torch.autograd.grad_mode.set_grad_enabled is torch.set_grad_enabled


def test_post_accumulate_grad_hook_runs_right_after_accumulation() -> None:
    x = _x()
    seen: list[Any] = []
    handle = x.register_post_accumulate_grad_hook(lambda p: seen.append((p is x, p.grad.tolist())))
    (x * 2).sum().backward()
    (x * 3).sum().backward()
    assert seen == [(True, [2.0, 2.0]), (True, [5.0, 5.0])]
    torch.autograd.grad((x * 2).sum(), x)  # no accumulation, no call
    assert len(seen) == 2
    handle.remove()
    (x * 2).sum().backward()
    assert len(seen) == 2
    with pytest.raises(RuntimeError, match="^post accumulate grad hooks cannot be registered on non-leaf tensors$"):
        (x * 2).register_post_accumulate_grad_hook(lambda p: None)
    with pytest.raises(RuntimeError, match="^cannot register a hook on a tensor that doesn't require gradient$"):
        torch.ones(2).register_post_accumulate_grad_hook(lambda p: None)
    h = x.register_post_accumulate_grad_hook(lambda p: p * 2)
    with pytest.raises(RuntimeError, match="^Tensor post accumulate grad hooks should return None.$"):
        (x * 2).sum().backward()
    h.remove()
    x.register_post_accumulate_grad_hook(lambda p: 5)
    with pytest.raises(TypeError, match="^expected Variable, but hook returned 'int'$"):
        (x * 2).sum().backward()


def test_optimizer_step_inside_the_backward_pass() -> None:
    w = torch.tensor([1.0, -1.0], requires_grad=True)
    opt = torch.optim.SGD([w], lr=0.5)

    def step(p: Any) -> None:
        opt.step()
        opt.zero_grad()

    w.register_post_accumulate_grad_hook(step)
    (w * torch.tensor([2.0, 4.0])).sum().backward()
    assert w.tolist() == [0.0, -3.0] and w.grad is None


def test_anomaly_mode_finds_the_node_that_made_nan() -> None:
    assert not torch.is_anomaly_enabled() and torch.is_anomaly_check_nan_enabled()
    x = torch.zeros(1, requires_grad=True)
    y = x.sqrt()
    with torch.autograd.set_detect_anomaly(True):
        assert torch.is_anomaly_enabled()
        with pytest.warns(UserWarning, match="Error detected in DivBackward0"), pytest.raises(
            RuntimeError, match=r"^Function 'DivBackward0' returned nan values in its 1th output.$"
        ):
            torch.autograd.grad((y / y).sum(), x, retain_graph=True)
    assert not torch.is_anomaly_enabled()
    with pytest.warns(UserWarning, match="Anomaly Detection has been enabled"):
        guard = torch.autograd.detect_anomaly(check_nan=False)
    with guard:
        assert torch.is_anomaly_enabled() and not torch.is_anomaly_check_nan_enabled()
        (y / y).sum().backward()
    assert x.grad.isnan().all()
    assert not torch.is_anomaly_enabled() and torch.is_anomaly_check_nan_enabled()
    z = x * 2
    (z / z).sum().backward()  # off again: no check
