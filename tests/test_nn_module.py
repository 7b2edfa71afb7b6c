"""nn.Module, Parameter and containers without torch: registration, traversal order, state dicts, errors."""

from __future__ import annotations

import copy
import pickle
from collections import OrderedDict

import pytest

import minitorch_scalar as mt
from minitorch_scalar import nn


class Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.scale = nn.Parameter(mt.tensor(2.0))
        self.body = nn.Sequential(nn.Linear(2, 3), nn.Tanh())
        self.head = nn.Linear(3, 1)
        self.register_buffer("count", mt.zeros(1))
        self.plain = mt.ones(2)

    def forward(self, x: mt.Tensor) -> mt.Tensor:
        return self.head(self.body(x)) * self.scale


def test_parameters_in_registration_order_with_dotted_names() -> None:
    net = Net()
    names = [name for name, _ in net.named_parameters()]
    assert names == ["scale", "body.0.weight", "body.0.bias", "head.weight", "head.bias"]
    assert [tuple(p.shape) for p in net.parameters()] == [(), (3, 2), (3,), (1, 3), (1,)]
    assert [name for name, _ in net.named_parameters(recurse=False)] == ["scale"]
    assert list(net.state_dict()) == ["scale", "count", "body.0.weight", "body.0.bias", "head.weight", "head.bias"]
    assert [name for name, _ in net.named_modules()] == ["", "body", "body.0", "body.1", "head"]
    assert [name for name, _ in net.named_children()] == ["body", "head"]
    assert "plain" not in dict(net.named_buffers())


def test_shared_parameter_listed_once() -> None:
    net = nn.Module()
    layer = nn.Linear(2, 2)
    net.a = layer
    net.b = layer
    assert len(list(net.parameters())) == 2
    assert len(list(net.named_parameters(remove_duplicate=False))) == 4
    assert list(net.state_dict()) == ["a.weight", "a.bias", "b.weight", "b.bias"]


def test_forward_backward_and_zero_grad() -> None:
    net = Net()
    out = net(mt.tensor([[1.0, -1.0]]))
    assert tuple(out.shape) == (1, 1)
    out.sum().backward()
    assert all(p.grad is not None for p in net.parameters())
    net.zero_grad(set_to_none=False)
    assert all(p.grad is not None and not p.grad.abs().sum().item() for p in net.parameters())
    net.zero_grad()
    assert all(p.grad is None for p in net.parameters())


def test_train_eval_propagate_and_return_self() -> None:
    net = Net()
    assert net.eval() is net
    assert [m.training for m in net.modules()] == [False] * 5
    assert net.train() is net and all(m.training for m in net.modules())
    with pytest.raises(ValueError, match="training mode is expected to be boolean"):
        net.train(1)  # type: ignore[arg-type]


def test_getattr_typo_raises_instead_of_none() -> None:
    net = Net()
    with pytest.raises(AttributeError, match="'Net' object has no attribute 'haed'"):
        _ = net.haed
    assert net.head is net._modules["head"]
    assert "head" in dir(net) and "count" in dir(net)


def test_assignment_rules() -> None:
    net = Net()
    with pytest.raises(TypeError, match="cannot assign 'int' as child module 'head'"):
        net.head = 3
    with pytest.raises(TypeError, match=r"cannot assign 'torch.FloatTensor' as parameter 'scale'"):
        net.scale = mt.tensor(1.0)
    net.count = mt.ones(1)
    assert net.state_dict()["count"].tolist() == [1.0]
    net.head = None
    assert [n for n, _ in net.named_children()] == ["body"]
    del net.scale
    assert "scale" not in dict(net.named_parameters())


def test_missing_super_init_and_forward() -> None:
    class Early(nn.Module):
        def __init__(self) -> None:
            self.layer = nn.Linear(1, 1)

    class NoForward(nn.Module):
        pass

    with pytest.raises(AttributeError, match=r"cannot assign module before Module.__init__\(\) call"):
        Early()
    with pytest.raises(NotImplementedError, match=r'Module \[NoForward\] is missing the required "forward" function'):
        NoForward()(mt.zeros(1))


def test_state_dict_round_trip_and_strictness() -> None:
    mt.manual_seed(0)
    a = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
    mt.manual_seed(1)
    b = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
    weight = b[0].weight
    result = b.load_state_dict(a.state_dict())
    assert repr(result) == "<All keys matched successfully>"
    assert b[0].weight is weight
    assert b[0].weight.tolist() == a[0].weight.tolist()
    partial = OrderedDict(a.state_dict())
    del partial["1.bias"]
    partial["stray"] = mt.zeros(1)
    with pytest.raises(RuntimeError) as info:
        b.load_state_dict(partial)
    assert str(info.value) == (
        'Error(s) in loading state_dict for Sequential:\n\tMissing key(s) in state_dict: "1.bias". '
        '\n\tUnexpected key(s) in state_dict: "stray". '
    )
    loose = b.load_state_dict(partial, strict=False)
    assert loose.missing_keys == ["1.bias"] and loose.unexpected_keys == ["stray"]
    partial = OrderedDict(a.state_dict())
    partial["0.bias"] = mt.zeros(3)
    with pytest.raises(RuntimeError, match=r"size mismatch for 0.bias: copying a param with shape torch.Size\(\[3\]\)"):
        b.load_state_dict(partial)


def test_repr_nests_children() -> None:
    net = Net()
    assert repr(net) == (
        "Net(\n"
        "  (body): Sequential(\n"
        "    (0): Linear(in_features=2, out_features=3, bias=True)\n"
        "    (1): Tanh()\n"
        "  )\n"
        "  (head): Linear(in_features=3, out_features=1, bias=True)\n"
        ")"
    )
    folded = nn.ModuleList([nn.ReLU(), nn.ReLU(), nn.Tanh()])
    assert repr(folded) == "ModuleList(\n  (0-1): 2 x ReLU()\n  (2): Tanh()\n)"


def test_sequential_indexing() -> None:
    seq = nn.Sequential(nn.ReLU(), nn.Tanh(), nn.Sigmoid())
    assert isinstance(seq[-1], nn.Sigmoid) and len(seq) == 3
    assert [type(m).__name__ for m in seq[1:]] == ["Tanh", "Sigmoid"]
    with pytest.raises(IndexError, match="index 3 is out of range"):
        seq[3]
    named = nn.Sequential(OrderedDict([("act", nn.ReLU())]))
    assert named.act is named[0]
    assert seq(mt.tensor([-1.0, 0.0])).tolist() == pytest.approx([0.5, 0.5])


def test_apply_runs_children_first() -> None:
    net = Net()
    order: list[str] = []
    net.apply(lambda m: order.append(type(m).__name__))
    assert order == ["Linear", "Tanh", "Sequential", "Linear", "Net"]


def test_dtype_cast_keeps_parameter_objects() -> None:
    net = Net()
    params = list(net.parameters())
    net.double()
    assert all(p is q for p, q in zip(params, net.parameters()))
    assert {p.dtype for p in net.parameters()} == {mt.float64}
    assert net.count.dtype is mt.float64
    assert net.to(mt.float32) is net and params[0].dtype is mt.float32
    with pytest.raises(TypeError, match="only accepts floating point"):
        net.to(mt.int64)


def test_parameter_is_a_leaf_tensor() -> None:
    p = nn.Parameter(mt.tensor([1.0, 2.0]) * 2)
    assert p.is_leaf and p.requires_grad and isinstance(p, mt.Tensor)
    assert repr(p) == "Parameter containing:\ntensor([2., 4.], requires_grad=True)"
    assert type(p * 2) is mt.Tensor
    clone = copy.deepcopy(p)
    assert type(clone) is nn.Parameter and clone.tolist() == [2.0, 4.0] and clone is not p
    restored = pickle.loads(pickle.dumps(p))
    assert type(restored) is nn.Parameter and restored.requires_grad
    with pytest.raises(RuntimeError, match="Only Tensors of floating point"):
        nn.Parameter(mt.tensor([1, 2]))


def test_forward_hooks_and_removal() -> None:
    layer = nn.Tanh()
    seen: list[float] = []
    handle = layer.register_forward_hook(lambda mod, args, out: seen.append(out.item()))
    pre = layer.register_forward_pre_hook(lambda mod, args: (args[0] * 0,))
    assert layer(mt.tensor(3.0)).item() == 0.0 and seen == [0.0]
    handle.remove()
    pre.remove()
    assert layer(mt.tensor(0.0)).item() == 0.0 and seen == [0.0]


def test_containers_register_children() -> None:
    md = nn.ModuleDict({"a": nn.Linear(1, 1)})
    md["b"] = nn.Linear(1, 2)
    assert [n for n, _ in md.named_parameters()] == ["a.weight", "a.bias", "b.weight", "b.bias"]
    ml = nn.ModuleList([nn.Linear(1, 1)])
    ml.append(nn.Linear(1, 1))
    assert len(list(ml.parameters())) == 4
    pl = nn.ParameterList([mt.zeros(2)])
    assert type(pl[0]) is nn.Parameter and len(pl) == 1
