"""save/load with the Tensor engine: tensors, Parameters, module and optimizer state_dicts."""

from __future__ import annotations

import io
import pathlib
from collections import OrderedDict
from typing import Any

import numpy as np
import pytest

import minitorch_scalar as mt
from minitorch_scalar import nn, optim
from minitorch_scalar.random import manual_seed
from minitorch_scalar.serialization import SerializationError, load, save
from minitorch_scalar.tensor import Tensor


def roundtrip(obj: Any) -> Any:
    buf = io.BytesIO()
    save(obj, buf)
    buf.seek(0)
    return load(buf)


def same_tensor(a: Any, b: Any) -> None:
    assert type(a) is type(b)
    assert a.dtype == b.dtype and a.shape == b.shape and a.requires_grad == b.requires_grad
    np.testing.assert_array_equal(a.detach().numpy(), b.detach().numpy())
    assert a.detach().numpy().tobytes() == b.detach().numpy().tobytes()


@pytest.mark.parametrize("make", [
    lambda: mt.tensor(2.5),
    lambda: mt.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True),
    lambda: mt.tensor([0.1, -0.0, float("inf"), float("nan")], dtype=mt.float64),
    lambda: mt.tensor([1, 2, 3]),
    lambda: mt.tensor([True, False]),
    lambda: mt.zeros(0, 3),
    lambda: mt.tensor([1.0, 2.0]).half(),
])
def test_tensors_keep_dtype_shape_requires_grad(make: Any) -> None:
    t = make()
    back = roundtrip(t)
    same_tensor(t, back)
    assert back.is_leaf and back.grad is None


def test_a_computed_tensor_loads_as_a_leaf_like_torch() -> None:
    x = mt.tensor([1.0, 2.0], requires_grad=True)
    back = roundtrip({"y": x * 2})["y"]
    np.testing.assert_array_equal(back.detach().numpy(), [2.0, 4.0])
    assert back.is_leaf and back.requires_grad and back.grad_fn is None


def test_parameters_stay_parameters() -> None:
    p = nn.Parameter(mt.tensor([1.0, 2.0]))
    frozen = nn.Parameter(mt.tensor([3.0]), requires_grad=False)
    back = roundtrip({"p": p, "frozen": frozen, "tied": p})
    assert type(back["p"]) is nn.Parameter and back["p"].requires_grad
    assert type(back["frozen"]) is nn.Parameter and not back["frozen"].requires_grad
    assert back["tied"] is back["p"]
    same_tensor(p, back["p"])


def test_loaded_tensors_do_not_share_memory_with_the_file_buffer() -> None:
    back = roundtrip(mt.tensor([1.0, 2.0]))
    back.add_(1.0)
    np.testing.assert_array_equal(back.numpy(), [2.0, 3.0])


def make_model(seed: int) -> Any:
    manual_seed(seed)
    return nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))


def test_module_state_dict_roundtrip_into_a_fresh_module(tmp_path: pathlib.Path) -> None:
    model = make_model(0)
    path = tmp_path / "model.mts"
    save(model.state_dict(), path)
    state = load(path)
    assert type(state) is OrderedDict and list(state) == ["0.weight", "0.bias", "2.weight", "2.bias"]
    fresh = make_model(1)
    fresh.load_state_dict(state)
    x = mt.tensor([[0.5, -1.0], [2.0, 0.25]])
    np.testing.assert_array_equal(fresh(x).detach().numpy(), model(x).detach().numpy())


def train(model: Any, opt: Any, steps: int) -> None:
    x = mt.tensor([[0.5, -1.0], [2.0, 0.25], [-1.5, 1.0]])
    y = mt.tensor([[1.0], [-1.0], [0.5]])
    for _ in range(steps):
        opt.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        opt.step()


@pytest.mark.parametrize("make_opt", [
    lambda params: optim.Adam(params, lr=0.05, betas=(0.8, 0.95)),
    lambda params: optim.SGD(params, lr=0.1, momentum=0.9),
])
def test_checkpoint_resume_gives_the_uninterrupted_run(make_opt: Any, tmp_path: pathlib.Path) -> None:
    straight = make_model(0)
    straight_opt = make_opt(straight.parameters())
    train(straight, straight_opt, 5)

    first = make_model(0)
    first_opt = make_opt(first.parameters())
    train(first, first_opt, 2)
    save({"model": first.state_dict(), "optim": first_opt.state_dict(), "epoch": 2}, tmp_path / "ckpt.mts")

    checkpoint = load(tmp_path / "ckpt.mts")
    resumed = make_model(7)
    resumed.load_state_dict(checkpoint["model"])
    resumed_opt = make_opt(resumed.parameters())
    resumed_opt.load_state_dict(checkpoint["optim"])
    assert checkpoint["epoch"] == 2
    train(resumed, resumed_opt, 3)
    for a, b in zip(straight.parameters(), resumed.parameters()):
        np.testing.assert_array_equal(a.detach().numpy(), b.detach().numpy())


def test_optimizer_state_dict_structure_survives() -> None:
    model = make_model(0)
    opt = optim.Adam(model.parameters(), lr=0.1)
    train(model, opt, 1)
    state = opt.state_dict()
    back = roundtrip(state)
    assert list(back["state"]) == list(state["state"])
    assert back["param_groups"][0]["betas"] == (0.9, 0.999)
    assert type(back["param_groups"][0]["betas"]) is tuple
    assert back["param_groups"][0]["params"] == state["param_groups"][0]["params"]
    for key, value in state["state"][0].items():
        if isinstance(value, Tensor):
            same_tensor(value, back["state"][0][key])


def test_truncated_checkpoint_never_gives_a_partial_state_dict(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "model.mts"
    save(make_model(0).state_dict(), path)
    data = path.read_bytes()
    for size in range(0, len(data), 7):
        path.write_bytes(data[:size])
        with pytest.raises(SerializationError, match="model.mts"):
            load(path)


def test_forged_tensor_node_is_a_clear_error(tmp_path: pathlib.Path) -> None:
    import hashlib
    import json
    import struct

    from minitorch_scalar.serialization import MAGIC

    nodes = [{"k": "array", "dtype": "<i8", "shape": [1], "offset": 0, "nbytes": 8},
             {"k": "tensor", "a": 0, "requires_grad": True, "parameter": False}]  # an int tensor cannot require grad
    head = json.dumps({"format": "minitorch_scalar", "version": 1, "root": 1, "nodes": nodes}).encode()
    body = MAGIC + struct.pack("<IQ", 1, len(head)) + head + struct.pack("<Q", 8) + b"\0" * 8
    path = tmp_path / "forged.mts"
    path.write_bytes(body + hashlib.sha256(body).digest())
    with pytest.raises(SerializationError, match="forged.mts: invalid header: node 1: cannot make a tensor"):
        load(path)
