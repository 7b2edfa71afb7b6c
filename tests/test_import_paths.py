"""torch's submodule import paths exist under minitorch_scalar (scripts change only ``torch`` -> ours),
plus the small modules behind them: torch.testing.assert_close and nn.utils.rnn.pad_sequence."""

from __future__ import annotations

import importlib
import math

import pytest

import minitorch_scalar as torch
import minitorch_scalar.nn as nn

PATHS = [
    "autograd.function", "autograd.grad_mode", "autograd.variable", "autograd.functional", "autograd.graph",
    "nn.modules", "nn.modules.module", "nn.modules.loss", "nn.modules.linear", "nn.modules.activation",
    "nn.modules.container", "nn.modules.conv", "nn.modules.batchnorm", "nn.modules.dropout", "nn.modules.rnn",
    "nn.modules.sparse", "nn.modules.pooling", "nn.modules.normalization", "nn.modules.flatten", "nn.parameter",
    "nn.utils", "nn.utils.rnn", "nn.utils.clip_grad", "nn.utils.convert_parameters", "testing", "types",
    "optim.optimizer", "optim.lr_scheduler", "utils.data", "utils.data.dataset", "utils.data.sampler",
    "utils.data.dataloader", "utils.hooks",
]


@pytest.mark.parametrize("path", PATHS)
def test_submodule_imports(path: str) -> None:
    module = importlib.import_module(f"minitorch_scalar.{path}")
    assert module.__name__ == f"minitorch_scalar.{path}"


def test_names_come_from_their_torch_files() -> None:
    from minitorch_scalar.autograd.function import FunctionCtx, once_differentiable

    from minitorch_scalar.nn.modules.batchnorm import BatchNorm1d
    from minitorch_scalar.nn.modules.container import Sequential
    from minitorch_scalar.nn.modules.linear import Identity, Linear
    from minitorch_scalar.nn.modules.loss import MSELoss, _Loss, _WeightedLoss
    from minitorch_scalar.nn.modules.module import Module
    from minitorch_scalar.nn.parameter import Parameter
    from minitorch_scalar.optim.lr_scheduler import _LRScheduler
    from minitorch_scalar.optim.optimizer import Optimizer

    assert (Linear, Identity, Sequential, Module, Parameter) == (nn.Linear, nn.Identity, nn.Sequential, nn.Module,
                                                                 nn.Parameter)
    assert issubclass(MSELoss, _Loss) and issubclass(nn.CrossEntropyLoss, _WeightedLoss)
    assert BatchNorm1d is nn.BatchNorm1d and Optimizer is torch.optim.Optimizer
    assert callable(once_differentiable) and FunctionCtx is torch.autograd.function.FunctionCtx
    assert issubclass(_LRScheduler, torch.optim.lr_scheduler.LRScheduler)
    import minitorch_scalar.nn.modules as modules

    assert "Linear" in modules.__all__ and "_Loss" not in modules.__all__


def test_types_aliases() -> None:
    from minitorch_scalar.types import Device, Number

    assert isinstance(3.0, Number.__args__) and str in Device.__args__


def _message(actual: object, expected: object, **kwargs: object) -> str:
    with pytest.raises(AssertionError) as info:
        torch.testing.assert_close(actual, expected, **kwargs)
    return str(info.value)


def test_assert_close_reports_as_torch() -> None:
    torch.testing.assert_close(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0000001]))
    assert _message(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 2.5, 3.0])) == (
        "Tensor-likes are not close!\n\nMismatched elements: 1 / 3 (33.3%)\n"
        "Greatest absolute difference: 0.5 at index (1,) (up to 1e-05 allowed)\n"
        "Greatest relative difference: 0.20000000298023224 at index (1,) (up to 1.3e-06 allowed)"
    )
    assert _message(torch.tensor(1.0), torch.tensor(2.0)) == (
        "Scalars are not close!\n\nExpected 2.0 but got 1.0.\nAbsolute difference: 1.0 (up to 1e-05 allowed)\n"
        "Relative difference: 0.5 (up to 1.3e-06 allowed)"
    )
    assert _message(torch.tensor([1, 2]), torch.tensor([1, 3])) == (
        "Tensor-likes are not equal!\n\nMismatched elements: 1 / 2 (50.0%)\n"
        "Greatest absolute difference: 1 at index (1,)\nGreatest relative difference: 0.3333333432674408 at index (1,)"
    )
    assert _message(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0, 3.0])) == (
        "The values for attribute 'shape' do not match: torch.Size([2]) != torch.Size([3])."
    )
    assert _message(torch.tensor([1.0]), torch.tensor([1.0], dtype=torch.float64)) == (
        "The values for attribute 'dtype' do not match: torch.float32 != torch.float64."
    )
    assert _message(1.0, 1.1).startswith("Scalars are not close!\n\nExpected 1.1 but got 1.0.")
    assert _message({"a": torch.tensor([1.0])}, {"a": torch.tensor([2.0])}).endswith(
        "\n\nThe failure occurred for item ['a']"
    )
    assert _message(torch.tensor([1.0]), torch.tensor([3.0]), msg="custom") == "custom"


def test_assert_close_options_and_input_errors() -> None:
    nan = math.nan
    torch.testing.assert_close(torch.tensor([nan]), torch.tensor([nan]), equal_nan=True)
    assert "Greatest absolute difference: nan" in _message(torch.tensor([1.0, nan]), torch.tensor([1.0, nan]))
    torch.testing.assert_close(torch.tensor([1.0]), torch.tensor([1.1]), rtol=0.2, atol=0.0)
    torch.testing.assert_close(torch.tensor([1.0]), torch.tensor([1.0], dtype=torch.float64), check_dtype=False)
    with pytest.raises(ValueError, match="^Both 'rtol' and 'atol' must be either specified or omitted, but got no "
                                         "atol.$"):
        torch.testing.assert_close(torch.tensor([1.0]), torch.tensor([1.0]), rtol=0.1)
    with pytest.raises(TypeError, match=r"^No comparison pair was able to handle inputs of type <class "
                                        r"'torch.Tensor'> and <class 'list'>.$"):
        torch.testing.assert_close(torch.tensor([1.0]), [1.0])
    with pytest.warns(FutureWarning, match="assert_allclose"), pytest.raises(AssertionError, match="0.0001 allowed"):
        torch.testing.assert_allclose(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 3.0]))


def test_pad_sequence() -> None:
    from minitorch_scalar.nn.utils.rnn import pad_sequence

    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    b = torch.tensor([4.0, 5.0], requires_grad=True)
    p = pad_sequence([a, b])
    assert p.tolist() == [[1.0, 4.0], [2.0, 5.0], [3.0, 0.0]] and p.grad_fn.name() == "CopySlices"
    q = pad_sequence([a, b], batch_first=True, padding_value=-1.0, padding_side="left")
    assert q.tolist() == [[1.0, 2.0, 3.0], [-1.0, 4.0, 5.0]]
    (q * torch.arange(6.0).reshape(2, 3)).sum().backward()
    assert a.grad.tolist() == [0.0, 1.0, 2.0] and b.grad.tolist() == [4.0, 5.0]
    with pytest.raises(RuntimeError, match="^received an empty list of sequences$"):
        pad_sequence([])
    with pytest.raises(RuntimeError, match=r"^output with shape \[2\] doesn't match the broadcast shape \[2, 2\]$"):
        pad_sequence([a, torch.ones(2, 2)])
    with pytest.raises(RuntimeError, match="^Expected padding_side to be one of left or right, but got mid.$"):
        pad_sequence([a], padding_side="mid")
