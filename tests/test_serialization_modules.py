"""save/load of whole modules and optimizers (``torch.save(model)``, ``torch.load(..., weights_only=False)``)."""

from __future__ import annotations

import hashlib
import io
import json
import math
import pathlib
import struct
import sys
import types
from collections import defaultdict
from pickle import PicklingError, UnpicklingError
from typing import Any

import numpy as np
import pytest

import minitorch_scalar as mt
from minitorch_scalar import nn, optim
from minitorch_scalar.nn import functional as F
from minitorch_scalar.random import manual_seed
from minitorch_scalar.serialization import MAGIC, SerializationError, load, save
from minitorch_scalar.tensor import Tensor


class Net(nn.Module):
    """A user module with a child, a plain attribute and both kinds of buffer."""

    inits = 0

    def __init__(self, scale: float = 2.0) -> None:
        super().__init__()
        Net.inits += 1
        self.fc = nn.Linear(3, 2)
        self.scale = scale
        self.name = "net"
        self.register_buffer("running", mt.arange(2.0))
        self.register_buffer("scratch", mt.ones(2), persistent=False)

    def forward(self, x: Tensor) -> Tensor:
        return self.fc(x) * self.scale + self.running


class WithActivation(nn.Module):
    """A module holding a function as an attribute, as ``TransformerEncoderLayer(activation=F.relu)`` does."""

    def __init__(self, activation: Any) -> None:
        super().__init__()
        self.activation = activation
        self.lin = nn.Linear(2, 2)

    def forward(self, x: Tensor) -> Tensor:
        return self.activation(self.lin(x))


MODULE_LEVEL_LAMBDAS = [lambda t: t]


def to_bytes(obj: Any) -> bytes:
    buf = io.BytesIO()
    save(obj, buf)
    return buf.getvalue()


def from_bytes(data: bytes, **kwargs: Any) -> Any:
    return load(io.BytesIO(data), **kwargs)


def roundtrip(obj: Any) -> Any:
    return from_bytes(to_bytes(obj), weights_only=False)


def forge(nodes: list[Any]) -> bytes:
    """A file with a valid checksum around a hand-written node table (root: the last node)."""
    head = json.dumps({"format": "minitorch_scalar", "version": 1, "root": len(nodes) - 1, "nodes": nodes}).encode()
    body = MAGIC + struct.pack("<I", 1) + struct.pack("<Q", len(head)) + head + struct.pack("<Q", 0)
    return body + hashlib.sha256(body).digest()


def arrays(module: nn.Module) -> dict[str, np.ndarray]:
    return {k: v.detach().numpy().copy() for k, v in module.state_dict().items()}


# ---- whole modules round trip --------------------------------------------------------------------

def test_user_module_loads_as_its_class_without_calling_init() -> None:
    manual_seed(0)
    net = Net(scale=3.0)
    before = Net.inits
    loaded = roundtrip(net)
    assert Net.inits == before
    assert type(loaded) is Net and loaded is not net
    assert loaded.training is True and loaded.scale == 3.0 and loaded.name == "net"
    assert type(loaded.fc) is nn.Linear and type(loaded.fc.weight) is nn.Parameter
    assert loaded.fc.weight.requires_grad and not loaded.running.requires_grad
    assert loaded._non_persistent_buffers_set == {"scratch"}
    assert list(loaded.state_dict()) == list(net.state_dict()) == ["running", "fc.weight", "fc.bias"]
    for key, value in arrays(net).items():
        np.testing.assert_array_equal(arrays(loaded)[key], value)
    x = mt.randn(4, 3)
    np.testing.assert_array_equal(loaded(x).detach().numpy(), net(x).detach().numpy())
    assert repr(loaded) == repr(net)


def test_loaded_module_trains_on_its_own_parameters() -> None:
    manual_seed(1)
    net = Net()
    loaded = roundtrip(net)
    loaded(mt.randn(2, 3)).sum().backward()
    assert loaded.fc.weight.grad is not None and net.fc.weight.grad is None
    assert not np.shares_memory(loaded.fc.weight.detach().numpy(), net.fc.weight.detach().numpy())


def test_nested_modules_keep_training_flags_and_shared_children() -> None:
    shared = nn.Linear(2, 2)
    model = nn.Sequential(shared, nn.Tanh(), nn.Dropout(0.25), shared)
    model[2].eval()
    loaded = roundtrip(model)
    assert loaded[0] is loaded[3]
    assert loaded.training and not loaded[2].training and loaded[2].p == 0.25
    assert repr(loaded) == repr(model)
    assert len(list(loaded.parameters())) == 2


def test_functions_are_saved_by_reference() -> None:
    for activation in (F.relu, mt.tanh):
        loaded = roundtrip(WithActivation(activation))
        assert loaded.activation is activation
    assert roundtrip([math.sqrt, Net]) == [math.sqrt, Net]


def test_library_layers_round_trip() -> None:
    manual_seed(2)
    layers = [nn.TransformerEncoderLayer(4, 2), nn.BatchNorm1d(3), nn.LSTM(3, 4), nn.Embedding(5, 3),
              nn.ModuleDict({"a": nn.Linear(1, 1)}), nn.Conv2d(1, 2, 3)]
    for layer in layers:
        loaded = roundtrip(layer)
        assert type(loaded) is type(layer) and repr(loaded) == repr(layer)
        for key, value in arrays(layer).items():
            np.testing.assert_array_equal(arrays(loaded)[key], value)


def test_module_inside_a_checkpoint_dict(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "ckpt.pt"
    model = Net()
    save({"epoch": 3, "model": model, "state": model.state_dict()}, path)
    loaded = load(path, weights_only=False)
    assert loaded["epoch"] == 3 and type(loaded["model"]) is Net
    assert loaded["model"].fc.weight is not loaded["state"]["fc.weight"]  # state_dict() holds detached tensors


# ---- optimizers ------------------------------------------------------------------------------------

@pytest.mark.parametrize("make", [lambda p: optim.Adam(p, lr=0.05), lambda p: optim.SGD(p, lr=0.1, momentum=0.9)])
def test_whole_optimizer_resumes_like_the_original(make: Any) -> None:
    manual_seed(3)
    model = nn.Linear(3, 1)
    opt = make(model.parameters())
    x, y = mt.randn(5, 3), mt.randn(5, 1)

    def step(m: nn.Module, o: Any) -> None:
        o.zero_grad()
        F.mse_loss(m(x), y).backward()
        o.step()

    step(model, opt)
    loaded = roundtrip({"model": model, "opt": opt})
    model2, opt2 = loaded["model"], loaded["opt"]
    assert type(opt2) is type(opt) and repr(opt2) == repr(opt)
    assert opt2.param_groups[0]["params"][0] is model2.weight
    assert isinstance(opt2.state, defaultdict)
    for _ in range(2):
        step(model, opt)
        step(model2, opt2)
    np.testing.assert_array_equal(model2.weight.detach().numpy(), model.weight.detach().numpy())


def test_default_dict_of_dicts_is_data() -> None:
    state: defaultdict[int, dict[str, int]] = defaultdict(dict, {1: {"a": 2}})
    loaded = from_bytes(to_bytes(state), weights_only=True)
    assert type(loaded) is defaultdict and loaded.default_factory is dict and loaded == state
    with pytest.raises(TypeError, match=r"obj is a collections.defaultdict"):
        to_bytes(defaultdict(list))


def test_dtypes_and_sizes_are_data() -> None:
    shape = mt.zeros(2, 3).shape
    loaded = from_bytes(to_bytes([mt.float32, mt.int64, mt.bool, shape, mt.Size([])]), weights_only=True)
    assert loaded[0] is mt.float32 and loaded[1] is mt.int64 and loaded[2] is mt.bool
    assert type(loaded[3]) is type(shape) and loaded[3] == (2, 3) and loaded[4] == ()


# ---- weights_only ------------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs", [{}, {"weights_only": None}, {"weights_only": True}])
def test_weights_only_load_refuses_with_torchs_error(kwargs: dict[str, Any]) -> None:
    data = to_bytes({"model": nn.Sequential(Net()), "w": mt.ones(1)})
    with pytest.raises(UnpicklingError) as info:
        from_bytes(data, **kwargs)
    message = str(info.value)
    assert message.splitlines()[0].startswith("Weights only load failed. This file can still be loaded")
    assert "Re-running `torch.load` with `weights_only` set to `False` will likely succeed" in message
    assert "GLOBAL minitorch_scalar.nn.containers.Sequential was not an allowed global" in message


def test_weights_only_load_imports_nothing() -> None:
    data = forge([{"k": "list", "c": []}, {"k": "object", "cls": "no_such_module_h10:Net", "c": []}])
    with pytest.raises(UnpicklingError, match="GLOBAL no_such_module_h10.Net"):
        from_bytes(data)
    assert "no_such_module_h10" not in sys.modules
    with pytest.raises(ModuleNotFoundError, match="no_such_module_h10"):
        from_bytes(data, weights_only=False)


def test_function_global_alone_also_needs_weights_only_false() -> None:
    data = to_bytes([F.relu])
    with pytest.raises(UnpicklingError, match="GLOBAL minitorch_scalar.nn.functional.relu"):
        from_bytes(data)


# ---- classes from the running script's __main__ ------------------------------------------------------

def fake_main(monkeypatch: pytest.MonkeyPatch, **attrs: Any) -> types.ModuleType:
    main = types.ModuleType("__main__")
    for name, value in attrs.items():
        setattr(main, name, value)
    monkeypatch.setitem(sys.modules, "__main__", main)
    return main


def main_class(tag: str) -> type:
    return type("Model", (nn.Module,), {"__module__": "__main__", "tag": tag,
                                         "forward": lambda self, x: x})


def test_main_classes_resolve_to_the_running_main(monkeypatch: pytest.MonkeyPatch) -> None:
    first = main_class("first")
    fake_main(monkeypatch, Model=first)
    data = to_bytes(first())
    assert type(from_bytes(data, weights_only=False)) is first
    second = main_class("second")
    fake_main(monkeypatch, Model=second)
    assert from_bytes(data, weights_only=False).tag == "second"
    fake_main(monkeypatch)
    with pytest.raises(AttributeError, match=r"Can't get attribute 'Model' on <module '__main__'"):
        from_bytes(data, weights_only=False)


# ---- what cannot be saved ------------------------------------------------------------------------------

def test_hooks_must_be_removed_before_saving() -> None:
    net = Net()
    handle = net.fc.register_forward_hook(lambda *args: None)
    with pytest.raises(TypeError, match=r"obj\._modules\['fc'\]\._forward_hooks holds the hook <function"):
        to_bytes(net)
    handle.remove()
    assert type(roundtrip(net)) is Net


def test_local_classes_and_lambdas_fail_like_pickle() -> None:
    class Local(nn.Module):
        pass

    with pytest.raises(AttributeError, match=r"Can't pickle local object '.*<locals>.Local'"):
        to_bytes(Local())
    with pytest.raises(AttributeError, match=r"Can't pickle local object '.*<locals>.<lambda>'"):
        to_bytes(WithActivation(lambda t: t))
    with pytest.raises(PicklingError, match=r"Can't pickle <function <lambda> at .*: attribute lookup <lambda> on "):
        to_bytes(WithActivation(MODULE_LEVEL_LAMBDAS[0]))


def test_module_referring_to_itself_is_refused() -> None:
    net = Net()
    net.__dict__["me"] = net
    with pytest.raises(ValueError, match=r"obj\.me contains itself"):
        to_bytes(net)


# ---- forged and damaged files ---------------------------------------------------------------------------

@pytest.mark.parametrize("nodes, problem", [
    ([{"k": "object", "cls": "builtins:dict", "c": []}], "builtins:dict is not an nn.Module or optim.Optimizer"),
    ([{"k": "object", "cls": "Net", "c": []}], "no import path 'module:qualname'"),
    ([{"k": "object", "cls": 7, "c": []}], "no import path"),
    ([{"k": "int", "v": 1}, {"k": "object", "cls": "minitorch_scalar.nn:Linear", "c": [0, 0]}],
     "attribute names must be str"),
    ([{"k": "global", "name": "minitorch_scalar.serialization:MAGIC"}], "is not a class or function"),
    ([{"k": "list", "c": []}, {"k": "set", "c": [0]}], "unusable set item"),
    ([{"k": "dtype", "v": "complex64"}], "unknown dtype 'complex64'"),
    ([{"k": "int", "v": -1}, {"k": "size", "c": [0]}], r"size node holds \[-1\]"),
])
def test_forged_object_nodes_are_clear_errors(nodes: list[Any], problem: str) -> None:
    with pytest.raises(SerializationError, match=problem):
        from_bytes(forge(nodes), weights_only=False)


def test_truncated_or_flipped_module_file_never_loads_partially() -> None:
    data = to_bytes(Net())
    for cut in range(0, len(data), max(1, len(data) // 64)):
        with pytest.raises(SerializationError):
            from_bytes(data[:cut], weights_only=False)
    for position in range(0, len(data), max(1, len(data) // 64)):
        flipped = bytearray(data)
        flipped[position] ^= 0x10
        with pytest.raises(SerializationError):
            from_bytes(bytes(flipped), weights_only=False)
