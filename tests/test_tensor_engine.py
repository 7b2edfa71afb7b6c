"""The Tensor engine without torch: hand-derived values and gradients, autograd semantics, errors."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import minitorch_scalar as torch
from minitorch_scalar import ops
from minitorch_scalar.autograd import FREED_MESSAGE


def leaf(value: object = 2.0, **kwargs: object) -> torch.Tensor:
    return torch.tensor(value, requires_grad=True, **kwargs)


# ---- creation, dtypes, promotion ------------------------------------------------------------


def test_default_dtypes_follow_torch() -> None:
    assert torch.tensor(1.5).dtype is torch.float32
    assert torch.tensor([1, 2]).dtype is torch.int64
    assert torch.tensor(True).dtype is torch.bool
    assert torch.tensor(np.array([1.0])).dtype is torch.float64
    assert torch.tensor([np.float64(1.5)]).dtype is torch.float64
    assert torch.Tensor([1, 2]).dtype is torch.float32
    assert torch.Tensor(2, 3).shape == (2, 3)
    assert repr(torch.float32) == "torch.float32" and torch.float is torch.float32 and torch.double is torch.float64


def test_float32_arithmetic_rounds_like_float32() -> None:
    assert torch.tensor(0.1).item() == float(np.float32(0.1))
    assert torch.tensor(0.1, dtype=torch.float64).item() == 0.1
    assert (torch.tensor(0.1) * 3).item() == float(np.float32(0.1) * np.float32(3))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (torch.tensor([3.0]), torch.tensor(2.0, dtype=torch.float64), torch.float32),  # 0-d does not promote
        (torch.tensor(3.0), torch.tensor(2.0, dtype=torch.float64), torch.float64),
        (torch.tensor([3]), 2.5, torch.float32),
        (torch.tensor([3]), torch.tensor(2.5, dtype=torch.float64), torch.float64),
        (torch.tensor([True]), 1, torch.int64),
        (torch.tensor([1], dtype=torch.int32), 7, torch.int32),
    ],
)
def test_promotion(a: torch.Tensor, b: object, expected: torch.dtype) -> None:
    assert (a * b).dtype is expected


def test_size_prints_like_torch() -> None:
    s = torch.zeros(2, 3).shape
    assert repr(s) == "torch.Size([2, 3])" and s == (2, 3) and s.numel() == 6 and isinstance(s[1:], torch.Size)


# ---- elementwise ops: every registry op, against central differences -------------------------

UNARY = [op for op in ops.REGISTRY.values() if op.arity == 1]
BINARY = [op for op in ops.REGISTRY.values() if op.arity == 2]


OPERATORS = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
             "div": lambda a, b: a / b, "pow": lambda a, b: a**b}


def _call(name: str, *args: torch.Tensor) -> torch.Tensor:
    """The op as users write it: an operator, or ``torch.<name>``."""
    if name in OPERATORS:
        return OPERATORS[name](*args)
    return getattr(torch, name)(*args)


def _numeric(op: ops.Op, values: list[float], i: int, eps: float = 1e-6) -> float:
    """Central difference of the float64 Tensor op in its i-th argument."""
    up, down = list(values), list(values)
    up[i] += eps
    down[i] -= eps
    f_up = _call(op.name, *[torch.tensor(v, dtype=torch.float64) for v in up]).item()
    f_down = _call(op.name, *[torch.tensor(v, dtype=torch.float64) for v in down]).item()
    return (f_up - f_down) / (2 * eps)


@settings(max_examples=15, deadline=None)
@given(fractions=st.lists(st.floats(0.05, 0.95), min_size=3, max_size=3))
@pytest.mark.parametrize("op", UNARY + BINARY + [ops.CLAMP], ids=lambda op: op.name)
def test_registry_op_grad_matches_central_differences(op: ops.Op, fractions: list[float]) -> None:
    values = [lo + f * (hi - lo) for (lo, hi), f in zip(op.domain, fractions)]
    kinks = [0.0] + (values[1:] if op is ops.CLAMP else [])
    if not op.smooth and any(abs(values[0] - k) < 1e-3 for k in kinks):
        return
    if not op.smooth and abs(2 * values[0] - round(2 * values[0])) < 1e-3:
        return  # the jumps of round / floor / ceil / trunc / frac sit at multiples of 1/2
    leaves = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in values]
    _call(op.name, *leaves).backward()
    for i, t in enumerate(leaves):
        expected = _numeric(op, values, i)
        assert t.grad is not None
        assert t.grad.item() == pytest.approx(expected, rel=1e-5, abs=1e-6), (op.name, values, i)


def test_hand_derived_gradients() -> None:
    x = leaf(3.0)
    (x * x + 3 * x).backward()
    assert x.grad.item() == 9.0  # 2x + 3
    x.grad = None
    (2 / x).backward()
    assert x.grad.item() == pytest.approx(-2 / 9, rel=1e-6)
    x.grad = None
    (2**x).backward()
    assert x.grad.item() == pytest.approx(8 * math.log(2), rel=1e-6)
    x.grad = None
    (1 - x).backward()
    assert x.grad.item() == -1.0


def test_kinks_follow_torch() -> None:
    v = leaf([-1.0, 0.0, 1.0])
    v.relu().sum().backward()
    assert v.grad.tolist() == [0.0, 0.0, 1.0]
    v.grad = None
    v.clamp(min=0).sum().backward()
    assert v.grad.tolist() == [0.0, 1.0, 1.0]  # the clamp boundary is inclusive
    v.grad = None
    v.abs().sum().backward()
    assert v.grad.tolist() == [-1.0, 0.0, 1.0]
    w = leaf([1.0, 3.0, 3.0])
    w.max().backward()
    assert w.grad.tolist() == [0.0, 0.5, 0.5]
    w.grad = None
    w.max(dim=0).values.backward()
    assert w.grad.tolist() == [0.0, 1.0, 0.0]
    x = leaf(0.0)
    torch.maximum(x, torch.tensor(0.0)).backward()
    assert x.grad.item() == 0.5


# ---- broadcasting, reductions, matmul, views, indexing ---------------------------------------


def test_broadcast_grads_reduce_to_each_shape() -> None:
    m = leaf([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    b = leaf([1.0, 2.0, 3.0])
    s = leaf(2.0)
    c = leaf([[1.0], [2.0]])
    y = (m + b) * s + c
    assert y.tolist() == [[5.0, 9.0, 13.0], [12.0, 16.0, 20.0]]
    y.sum().backward()
    assert m.grad.tolist() == [[2.0] * 3] * 2
    assert b.grad.tolist() == [4.0, 4.0, 4.0]
    assert c.grad.tolist() == [[3.0], [3.0]]
    assert s.grad.item() == 33.0  # sum(m + b) = 21 + 2 * 6


def test_broadcast_error_message() -> None:
    with pytest.raises(RuntimeError, match=r"The size of tensor a \(3\) must match the size of tensor b \(2\)"):
        torch.tensor([1.0, 2.0, 3.0]) + torch.tensor([1.0, 2.0])


def test_reductions() -> None:
    m = leaf([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert m.sum(0).tolist() == [5.0, 7.0, 9.0]
    assert m.mean(1, keepdim=True).tolist() == [[2.0], [5.0]]
    assert m.prod().item() == 720.0
    assert m.var(1).tolist() == [1.0, 1.0]
    assert m.argmax().item() == 5
    values, indices = m.max(dim=1)
    assert values.tolist() == [3.0, 6.0] and indices.tolist() == [2, 2]
    m.prod().backward()
    assert m.grad.tolist() == [[720.0, 360.0, 240.0], [180.0, 144.0, 120.0]]


def test_prod_with_a_zero_has_exact_grads() -> None:
    v = leaf([2.0, 0.0, 3.0])
    v.prod().backward()
    assert v.grad.tolist() == [0.0, 6.0, 0.0]


def test_matmul_grads() -> None:
    w = leaf([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    x = leaf([1.0, -1.0])
    y = w @ x
    assert y.tolist() == [-1.0, -1.0, -1.0] and type(y.grad_fn).__name__ == "MvBackward0"
    y.sum().backward()
    assert w.grad.tolist() == [[1.0, -1.0]] * 3
    assert x.grad.tolist() == [9.0, 12.0]


def test_softmax_rows_sum_to_one_and_are_stable() -> None:
    x = torch.tensor([[1000.0, 1001.0], [-5.0, 5.0]])
    p = x.softmax(1)
    assert np.allclose(p.sum(1).tolist(), [1.0, 1.0])
    assert np.isfinite(x.log_softmax(1).numpy()).all()


def test_views_share_memory_and_route_grads() -> None:
    v = leaf([1.0, 2.0, 3.0, 4.0])
    (v[1:3] * 2).sum().backward()
    assert v.grad.tolist() == [0.0, 2.0, 2.0, 0.0]
    v.grad = None
    v[[0, 0, 3]].sum().backward()  # repeated indices accumulate
    assert v.grad.tolist() == [2.0, 0.0, 0.0, 1.0]
    plain = torch.tensor([1.0, 2.0])
    view = plain.view(2, 1)
    view[0, 0] = 9.0
    assert plain.tolist() == [9.0, 2.0] and plain._version == 1


# ---- autograd semantics ------------------------------------------------------------------------


def test_grad_accumulates_in_place_into_the_same_tensor() -> None:
    w = leaf([1.0, 2.0])
    (w * 3).sum().backward()
    g = w.grad
    (w * 3).sum().backward()
    assert g is w.grad and w.grad.tolist() == [6.0, 6.0]


def test_second_backward_raises_only_for_nodes_that_saved_values() -> None:
    x = leaf()
    y = x + 1
    y.backward()
    y.backward()
    assert x.grad.item() == 2.0
    z = x * 2
    z.backward()
    with pytest.raises(RuntimeError) as e:
        z.backward()
    assert str(e.value) == FREED_MESSAGE


def test_fan_out_counts_every_path_once() -> None:
    a = leaf(2.0)
    c = a * a
    d = c * c
    d.backward()
    assert a.grad.item() == 32.0  # d = a**4
    d2 = (a * a) * (a * a)
    d2.backward()
    assert a.grad.item() == 64.0  # micrograd's double propagation would give 96


def test_chain_of_100k_ops_is_iterative() -> None:
    x = leaf(1.0)
    y = x
    for _ in range(100_000):
        y = y + 1.0
    y.backward()
    assert x.grad.item() == 1.0 and y.item() == 100_001.0


def test_higher_order_derivatives() -> None:
    x = leaf(2.0)
    (dy,) = torch.autograd.grad(x**3, x, create_graph=True)
    (d2,) = torch.autograd.grad(dy, x, create_graph=True)
    (d3,) = torch.autograd.grad(d2, x)
    assert (dy.item(), d2.item(), d3.item()) == (12.0, 12.0, 6.0)
    assert x.grad is None
    t = leaf(0.5, dtype=torch.float64)
    (g,) = torch.autograd.grad(t.tanh(), t, create_graph=True)
    (h,) = torch.autograd.grad(g, t)
    th = math.tanh(0.5)
    assert h.item() == pytest.approx(-2 * th * (1 - th * th), rel=1e-12)


def test_hooks_retain_grad_and_handles() -> None:
    x = leaf()
    handle = x.register_hook(lambda g: g * 10)
    (x * 3).backward()
    assert x.grad.item() == 30.0
    handle.remove()
    x.grad = None
    y = x * 3
    y.retain_grad()
    y.register_hook(lambda g: g + 1)
    (y * 2).backward()
    assert y.grad.item() == 3.0 and x.grad.item() == 9.0


def test_non_leaf_grad_access_warns() -> None:
    y = leaf() * 3
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert y.grad is None
    assert "not a leaf Tensor" in str(caught[0].message)


def test_grad_mode() -> None:
    x = leaf()
    with torch.no_grad():
        y = x * 2
        assert not torch.is_grad_enabled()
        with torch.enable_grad():
            assert (x * 2).grad_fn is not None
    assert y.grad_fn is None and not y.requires_grad and torch.is_grad_enabled()

    @torch.no_grad
    def bare(t: torch.Tensor) -> torch.Tensor:
        return t * 2

    @torch.no_grad()
    def called(t: torch.Tensor) -> torch.Tensor:
        return t * 2

    assert bare(x).grad_fn is None and called(x).grad_fn is None
    torch.set_grad_enabled(False)
    try:
        assert (x * 2).grad_fn is None
    finally:
        torch.set_grad_enabled(True)


def test_in_place_rules() -> None:
    w = leaf()
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad"):
        w += 1
    with torch.no_grad():
        w -= 0.5
    assert w.item() == 1.5 and w.is_leaf and w._version == 1
    x = leaf()
    y = x.tanh()
    y.add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        y.backward()
    z = x * 2
    z += 1
    z.mul_(3)
    assert type(z.grad_fn).__name__ == "MulBackward0" and z.item() == 15.0
    z.backward()
    assert x.grad.item() == 6.0


def test_errors_have_torch_types() -> None:
    with pytest.raises(RuntimeError, match="implicitly created only for scalar outputs"):
        (leaf([1.0, 2.0]) * 2).backward()
    with pytest.raises(RuntimeError, match="does not require grad and does not have a grad_fn"):
        torch.tensor(2.0).backward()
    with pytest.raises(TypeError, match="must be Tensor, not float"):
        torch.exp(2.0)  # type: ignore[arg-type]
    with pytest.raises(IndexError, match="invalid index of a 0-dim tensor"):
        torch.tensor(2.0)[0]
    with pytest.raises(RuntimeError, match="Only Tensors of floating point"):
        torch.tensor(1, requires_grad=True)
    with pytest.raises(NotImplementedError, match="torch.fft_thing"):
        torch.fft_thing  # noqa: B018
    assert not hasattr(torch, "_private_thing")


def test_parameter_style_subclass_is_a_leaf() -> None:
    class Param(torch.Tensor):
        pass

    p = torch.Tensor._make_subclass(Param, torch.tensor([1.0, 2.0]), True)
    assert isinstance(p, Param) and p.is_leaf and p.requires_grad
    out = p * 2
    assert type(out) is torch.Tensor
    out.sum().backward()
    assert p.grad.tolist() == [2.0, 2.0]


def test_record_api_defines_a_custom_op() -> None:
    from minitorch_scalar.autograd import record

    def backward(m: object, g: object, saved: tuple[object, ...], needs: tuple[bool, ...]) -> tuple[object, ...]:
        (x,) = saved
        return (g * x * 2.0,)  # type: ignore[operator]

    x = leaf([1.0, 3.0])
    y = record("SquareBackward0", x._data**2, (x,), (x,), backward)
    assert type(y.grad_fn).__name__ == "SquareBackward0"
    y.sum().backward()
    assert x.grad.tolist() == [2.0, 6.0]


def test_custom_function_with_ctx() -> None:
    class Cube(torch.autograd.Function):
        @staticmethod
        def forward(ctx: object, x: torch.Tensor) -> torch.Tensor:
            ctx.save_for_backward(x)  # type: ignore[attr-defined]
            return x**3

        @staticmethod
        def backward(ctx: object, grad: torch.Tensor) -> torch.Tensor:
            (x,) = ctx.saved_tensors  # type: ignore[attr-defined]
            return grad * 3 * x**2

    x = leaf([1.0, 2.0])
    y = Cube.apply(x)
    assert type(y.grad_fn).__name__ == "CubeBackward" and y.tolist() == [1.0, 8.0]
    y.sum().backward()
    assert x.grad.tolist() == [3.0, 12.0]
