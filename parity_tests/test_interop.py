"""to_torch / from_torch against real torch: tensors, state_dicts, modules, trained models both ways."""

from __future__ import annotations

import sys
from collections import OrderedDict
from typing import Any

import numpy as np
import pytest

import minitorch_scalar as mt
from minitorch_scalar import nn, optim
from minitorch_scalar.interop import INSTALL_HINT, from_torch, to_torch
from minitorch_scalar.random import get_rng_state, manual_seed

X = [[0.5, -1.0], [2.0, 0.25], [-1.5, 1.0], [0.1, 0.2]]
Y = [[1.0], [-1.0], [0.5], [0.0]]


@pytest.fixture
def torch() -> Any:
    return pytest.importorskip("torch")


def ours_model(seed: int = 0) -> Any:
    manual_seed(seed)
    return nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 4), nn.ReLU(), nn.Linear(4, 1))


def assert_close(ours: Any, theirs: Any, atol: float = 0.0) -> None:
    np.testing.assert_allclose(ours.detach().numpy(), theirs.detach().numpy(), rtol=0, atol=atol)


def test_missing_torch_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)  # makes `import torch` raise ImportError
    with pytest.raises(ImportError, match=r"pip install 'minitorch-scalar\[parity\]'"):
        to_torch(mt.tensor([1.0]))
    with pytest.raises(ImportError, match=r"minitorch-scalar\[parity\]"):
        from_torch([1.0])
    assert INSTALL_HINT == "pip install 'minitorch-scalar[parity]'"


@pytest.mark.parametrize("values, dtype_name", [
    ([1.5, -2.0], "float32"), ([0.1, 1e-300], "float64"), ([1, -2], "int64"), ([True, False], "bool"),
    ([1.0, 2.0], "float16"), ([[1.0, 2.0], [3.0, 4.0]], "float32"), (3.0, "float32"),
])
def test_tensor_roundtrip_keeps_dtype_shape_values(torch: Any, values: Any, dtype_name: str) -> None:
    ours = mt.tensor(values, dtype=getattr(mt, dtype_name))
    theirs = to_torch(ours)
    assert type(theirs) is torch.Tensor and theirs.dtype == getattr(torch, dtype_name)
    assert tuple(theirs.shape) == tuple(ours.shape)
    assert theirs.numpy().tobytes() == ours.numpy().tobytes()
    back = from_torch(theirs)
    assert back.dtype == ours.dtype and back.numpy().tobytes() == ours.numpy().tobytes()


def test_requires_grad_grad_and_parameters_cross_over(torch: Any) -> None:
    w = nn.Parameter(mt.tensor([1.0, -2.0]))
    (w * w).sum().backward()
    tw = to_torch(w)
    assert type(tw) is torch.nn.Parameter and tw.requires_grad and tw.is_leaf
    assert tw.grad.tolist() == [2.0, -4.0]
    x = torch.tensor([3.0], requires_grad=True)
    y = from_torch(x * 2)  # a computed tensor arrives as a leaf, like detach().clone().requires_grad_()
    assert type(y) is mt.Tensor and y.is_leaf and y.requires_grad and y.tolist() == [6.0]
    frozen = from_torch(torch.nn.Parameter(torch.ones(2), requires_grad=False))
    assert type(frozen) is nn.Parameter and not frozen.requires_grad


def test_copies_share_no_memory(torch: Any) -> None:
    ours = mt.tensor([1.0, 2.0])
    theirs = to_torch(ours)
    theirs.add_(10.0)
    assert ours.tolist() == [1.0, 2.0]
    back = from_torch(theirs)
    back.add_(1.0)
    assert theirs.tolist() == [11.0, 12.0]


def test_state_dict_into_an_existing_torch_module(torch: Any) -> None:
    model = ours_model()
    torch.manual_seed(123)
    theirs = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 4), torch.nn.ReLU(),
                                 torch.nn.Linear(4, 1))
    state = to_torch(model.state_dict())
    assert type(state) is OrderedDict and list(state) == list(model.state_dict())
    theirs.load_state_dict(state)
    assert_close(model(mt.tensor(X)), theirs(torch.tensor(X)), atol=1e-6)
    other = ours_model(seed=5)
    other.load_state_dict(from_torch(theirs.state_dict()))
    assert_close(other(mt.tensor(X)), model(mt.tensor(X)))


def test_a_model_trained_here_runs_the_same_in_torch(torch: Any) -> None:
    model = ours_model()
    opt = optim.SGD(model.parameters(), lr=0.1)
    x, y = mt.tensor(X), mt.tensor(Y)
    for _ in range(20):
        opt.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        opt.step()
    theirs = to_torch(model)
    assert isinstance(theirs, torch.nn.Sequential)
    assert [type(m).__name__ for m in theirs] == ["Linear", "Tanh", "Linear", "ReLU", "Linear"]
    tx, ty = torch.tensor(X), torch.tensor(Y)
    assert_close(model(x), theirs(tx), atol=1e-6)
    # the last step's gradients came along; then one more backward on both: same loss, same gradients
    for ours_p, their_p in zip(model.parameters(), theirs.parameters()):
        assert_close(ours_p.grad, their_p.grad)
    model.zero_grad()
    theirs.zero_grad()
    ours_loss = ((model(x) - y) ** 2).mean()
    ours_loss.backward()
    their_loss = ((theirs(tx) - ty) ** 2).mean()
    their_loss.backward()
    assert abs(ours_loss.item() - their_loss.item()) <= 1e-6
    for ours_p, their_p in zip(model.parameters(), theirs.parameters()):
        assert_close(ours_p.grad, their_p.grad, atol=1e-6)


def test_a_model_trained_in_torch_runs_the_same_here(torch: Any) -> None:
    torch.manual_seed(0)
    theirs = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Sigmoid(), torch.nn.Linear(8, 1))
    opt = torch.optim.Adam(theirs.parameters(), lr=0.05)
    tx, ty = torch.tensor(X), torch.tensor(Y)
    for _ in range(20):
        opt.zero_grad()
        torch.nn.functional.mse_loss(theirs(tx), ty).backward()
        opt.step()
    model = from_torch(theirs)
    assert isinstance(model, nn.Sequential) and isinstance(model[1], nn.Sigmoid)
    assert all(type(p) is nn.Parameter for p in model.parameters())
    assert_close(model(mt.tensor(X)), theirs(tx), atol=1e-6)


def test_optimizer_state_crosses_over_and_training_continues_alike(torch: Any) -> None:
    model = ours_model()
    opt = optim.Adam(model.parameters(), lr=0.05)
    x, y = mt.tensor(X), mt.tensor(Y)

    def step_ours() -> None:
        opt.zero_grad()
        ((model(x) - y) ** 2).mean().backward()
        opt.step()

    for _ in range(3):
        step_ours()
    theirs = to_torch(model)
    their_opt = torch.optim.Adam(theirs.parameters(), lr=0.05)
    their_opt.load_state_dict(to_torch(opt.state_dict()))
    tx, ty = torch.tensor(X), torch.tensor(Y)
    for _ in range(3):
        step_ours()
        their_opt.zero_grad()
        ((theirs(tx) - ty) ** 2).mean().backward()
        their_opt.step()
    for ours_p, their_p in zip(model.parameters(), theirs.parameters()):
        assert_close(ours_p, their_p, atol=1e-5)


def test_layer_details_survive_both_ways(torch: Any) -> None:
    manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(4, 3, bias=False), nn.Dropout(p=0.25),
                          nn.Sequential(nn.Identity(), nn.Linear(3, 2).double()))
    model.eval()
    theirs = to_torch(model)
    assert theirs[1].bias is None and theirs[2].p == 0.25 and not theirs.training and not theirs[3].training
    assert theirs[3][1].weight.dtype == torch.float64
    back = from_torch(theirs)
    assert repr(back) == repr(model)
    assert back[1].bias is None and back[3][1].weight.dtype == mt.float64 and not back.training


def test_conversion_draws_no_random_numbers(torch: Any) -> None:
    model = ours_model()
    torch.manual_seed(0)
    expected = torch.rand(3)
    torch.manual_seed(0)
    theirs = to_torch(model)
    assert torch.equal(torch.rand(3), expected)
    manual_seed(0)
    before = get_rng_state().numpy().tobytes()
    from_torch(theirs)
    assert get_rng_state().numpy().tobytes() == before


def test_tied_weights_stay_tied(torch: Any) -> None:
    shared = nn.Parameter(mt.tensor([1.0]))
    out = to_torch({"a": shared, "b": shared, "list": [shared]})
    assert out["a"] is out["b"] is out["list"][0]


def test_unsupported_objects_raise_type_error(torch: Any) -> None:
    with pytest.raises(TypeError, match="cannot convert the module MSELoss; supported: Dropout, Flatten"):
        to_torch(nn.MSELoss())
    with pytest.raises(TypeError, match="cannot convert a builtins.set"):
        to_torch({"x": {1, 2}})
    with pytest.raises(TypeError, match="bfloat16"):
        from_torch(torch.ones(2, dtype=torch.bfloat16))
