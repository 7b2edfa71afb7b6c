"""gradcheck / gradgradcheck on the Tensor engine (torch-free), with hand-derived Jacobians."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

import minitorch_scalar as torch
from minitorch_scalar.gradcheck import GradcheckError, gradcheck, gradgradcheck


class WrongSquare(torch.autograd.Function):
    """x*x whose backward forgets the factor 2: d/dx is given as x instead of 2x."""

    @staticmethod
    def forward(ctx: Any, a: torch.Tensor) -> torch.Tensor:
        ctx.save_for_backward(a)
        return a * a

    @staticmethod
    def backward(ctx: Any, g: torch.Tensor) -> torch.Tensor:
        (a,) = ctx.saved_tensors
        return g * a


def square(a: torch.Tensor) -> torch.Tensor:
    return WrongSquare.apply(a)


def leaf(values: list[float] | float) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.float64, requires_grad=True)


def test_correct_gradients_pass() -> None:
    x = leaf([0.5, -1.0])
    assert gradcheck(torch.tanh, (x,)) is True
    assert gradcheck(lambda a, b: a * b, (x, leaf(3.0))) is True
    assert gradcheck(lambda a: (a.sum(), a.exp()), x) is True


def test_wrong_backward_message_starts_like_torch_and_names_every_bad_element() -> None:
    with pytest.raises(GradcheckError) as info:
        gradcheck(square, (leaf([1.5, 2.0]),))
    message = str(info.value)
    assert message.startswith(
        "Jacobian mismatch for output 0 with respect to input 0,\n"
        "numerical:tensor([[3.0000, 0.0000],\n        [0.0000, 4.0000]], dtype=torch.float64)\n"
        "analytical:tensor([[1.5000, 0.0000],\n        [0.0000, 2.0000]], dtype=torch.float64)\n"
    )
    details = message.splitlines()[5:]
    assert len(details) == 2
    assert details[0].startswith("  input 0 (a)[0] -> output 0 element 0: numerical=2.99999999")
    assert "analytical=1.5 diff=1.5 > tolerance 0.00301" in details[0]
    assert isinstance(info.value, RuntimeError)


def test_raise_exception_false_returns_false() -> None:
    assert gradcheck(square, (leaf([1.5, 2.0]),), raise_exception=False) is False


def test_relu_at_its_kink_fails_as_in_torch() -> None:
    with pytest.raises(GradcheckError, match=r"numerical:tensor\(\[\[0.5000\]\], dtype=torch.float64\)"):
        gradcheck(torch.relu, leaf(0.0))
    assert gradcheck(torch.abs, leaf(0.0))


def test_no_input_requiring_grad_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="^gradcheck expects at least one input tensor to require gradient, but none"):
        gradcheck(torch.tanh, (torch.tensor([1.0], dtype=torch.float64),))


def test_float32_input_warns() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert gradcheck(torch.tanh, torch.tensor([0.5], requires_grad=True), eps=1e-3, atol=1e-2)
    assert [str(w.message) for w in caught] == [
        "Input #0 requires gradient and is not a double precision floating point or complex. This check will "
        "likely fail if all the inputs are not of double precision floating point or complex. "
    ]


def test_gradgradcheck() -> None:
    x = leaf([0.5, -1.0])
    assert gradgradcheck(lambda a: (a**3).sum(), (x,)) is True
    assert gradgradcheck(lambda a, b: (a * b).tanh(), (x, leaf(0.3))) is True
    assert gradgradcheck(lambda a: a.sigmoid(), x, grad_outputs=torch.tensor([1.0, -2.0], dtype=torch.float64))
