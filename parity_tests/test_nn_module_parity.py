"""nn.Module machinery against real torch: printing, names and order, state dicts, errors, default init.

Scenarios are written once as ``scenario(torch, nn)`` and run with the real modules and with ours.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import minitorch_scalar as mt  # noqa: E402

LIBS = {"torch": torch, "ours": mt}


def _both(scenario: Callable[[Any, Any], Any]) -> tuple[Any, Any]:
    """(ours, torch's) results of one scenario."""
    return scenario(mt, mt.nn), scenario(torch, torch.nn)



def _mlp_class(nn: Any, lib: Any) -> type:
    class MLP(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.fc1 = nn.Linear(2, 3)
            self.act = nn.Tanh()
            self.fc2 = nn.Linear(3, 1)
            self.scale = nn.Parameter(lib.tensor(1.0))
            self.not_param = lib.zeros(2)

        def forward(self, x: Any) -> Any:
            return self.fc2(self.act(self.fc1(x))) * self.scale

    return MLP


def test_reference_mlp_printing_names_and_forward() -> None:
    def scenario(lib: Any, nn: Any) -> Any:
        lib.manual_seed(0)
        m = _mlp_class(nn, lib)()
        out = m(lib.tensor([[1.0, 2.0]]))
        out.sum().backward()
        grads_set = all(p.grad is not None for p in m.parameters())
        m.zero_grad()
        return (
            repr(m),
            [n for n, _ in m.named_parameters()],
            [tuple(p.shape) for p in m.parameters()],
            type(m.parameters()).__name__,
            list(m.state_dict()),
            repr(out),
            grads_set,
            [p.grad for p in m.parameters()],
            m.training,
            m.eval().training,
            m.train().training,
        )

    ours, theirs = _both(scenario)
    assert ours == theirs


def test_sequential_reference() -> None:
    def scenario(lib: Any, nn: Any) -> Any:
        lib.manual_seed(0)
        seq = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1), nn.Sigmoid())
        return (
            repr(seq),
            repr(seq[0]),
            len(seq),
            [n for n, _ in seq.named_parameters()],
            repr(seq(lib.tensor([[0.5, -1.0]]))),
            repr(seq[1:]),
            repr(seq[-1]),
            repr(seq[::-1]),
        )

    ours, theirs = _both(scenario)
    assert ours == theirs


def test_default_linear_init_matches_torch() -> None:
    """manual_seed + default init: weights within 1 ulp (the FMA caveat), consuming the same stream."""
    for seed in (0, 1, 42):
        params = []
        for lib in (torch, mt):
            lib.manual_seed(seed)
            model = lib.nn.Sequential(lib.nn.Linear(3, 4), lib.nn.Linear(4, 4), lib.nn.Linear(4, 1, bias=False))
            after = lib.rand(2)
            params.append([p.detach().numpy().copy() for p in model.parameters()] + [after.numpy().copy()])
        for ours, theirs in zip(params[1], params[0]):
            assert ours.dtype == theirs.dtype == np.float32
            ulps = np.abs(ours.view(np.int32).astype(np.int64) - theirs.view(np.int32).astype(np.int64))
            assert ulps.max() <= 1


def test_reprs_of_every_module() -> None:
    def scenario(lib: Any, nn: Any) -> Any:
        w = lib.ones(2)
        mods = [
            nn.Linear(2, 1, bias=False), nn.Identity(), nn.Flatten(), nn.Flatten(0, 2), nn.Tanh(), nn.ReLU(),
            nn.ReLU(inplace=True), nn.LeakyReLU(), nn.LeakyReLU(0.2, inplace=True), nn.Sigmoid(), nn.Softmax(),
            nn.Softmax(dim=1), nn.LogSoftmax(dim=-1), nn.GELU(), nn.GELU("tanh"), nn.Dropout(), nn.Dropout(0.2),
            nn.MSELoss(), nn.MSELoss(reduction="sum"), nn.L1Loss(), nn.BCELoss(weight=w),
            nn.BCEWithLogitsLoss(pos_weight=w), nn.CrossEntropyLoss(label_smoothing=0.1), nn.NLLLoss(),
            nn.HuberLoss(delta=2.0), nn.SmoothL1Loss(beta=0.5),
            nn.ModuleList([nn.ReLU(), nn.ReLU(), nn.ReLU(), nn.Tanh(), nn.ReLU()]), nn.ModuleList(),
            nn.ModuleDict({"b": nn.ReLU(), "a": nn.Sequential(nn.Tanh())}), nn.Sequential(),
            nn.Sequential(OrderedDict([("first", nn.ReLU()), ("second", nn.Tanh())])),
        ]
        return [repr(m) for m in mods] + [list(nn.BCEWithLogitsLoss(pos_weight=w).state_dict())]

    ours, theirs = _both(scenario)
    assert ours == theirs


def test_parameter_behaviour() -> None:
    def scenario(lib: Any, nn: Any) -> Any:
        p = nn.Parameter(lib.tensor([1.0, 2.0]))
        q = nn.Parameter(lib.tensor(1.0), requires_grad=False)
        from_graph = nn.Parameter(lib.tensor([1.0, 2.0], requires_grad=True) * 2)
        return (
            repr(p), str(p), repr(q), repr(from_graph), from_graph.is_leaf, type(p * 2).__name__,
            type(p.data).__name__, type(p.detach()).__name__, isinstance(p, lib.Tensor), repr(nn.Parameter()),
            type(copy.deepcopy(p)).__name__, repr(copy.deepcopy(p)),
        )

    ours, theirs = _both(scenario)
    assert ours == theirs


def test_traversal_with_shared_and_nested_modules() -> None:
    def scenario(lib: Any, nn: Any) -> Any:
        class Net(nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.seq = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
                self.l = nn.Linear(2, 1, bias=False)
                self.shared = self.l
                self.register_buffer("running", lib.zeros(1))
                self.register_buffer("scratch", lib.ones(1), persistent=False)

        net = Net()
        seen = []
        net.apply(lambda m: seen.append(type(m).__name__))
        return (
            [n for n, _ in net.named_modules()],
            [n for n, _ in net.named_modules(remove_duplicate=False)],
            [n for n, _ in net.named_modules(prefix="p")],
            [n for n, _ in net.named_parameters()],
            [n for n, _ in net.named_parameters(prefix="p", recurse=False)],
            [n for n, _ in net.named_children()],
            [n for n, _ in net.named_buffers()],
            list(net.state_dict()),
            seen,
            type(net.children()).__name__,
            "seq" in dir(net) and "running" in dir(net) and "0" not in dir(net.seq),
            repr(net),
        )

    ours, theirs = _both(scenario)
    assert ours == theirs


def test_state_dict_round_trip_and_errors() -> None:
    def scenario(lib: Any, nn: Any) -> Any:
        lib.manual_seed(0)
        a = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
        lib.manual_seed(1)
        b = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
        sd = a.state_dict()
        result = b.load_state_dict(sd)
        pairs = zip(a.parameters(), b.parameters())
        same = all(np.array_equal(p.detach().numpy(), q.detach().numpy()) for p, q in pairs)
        keeps_identity = b[0].weight is list(b.parameters())[0]
        shares = sd["0.weight"].requires_grad
        broken = OrderedDict(sd)
        del broken["2.bias"]
        broken["extra"] = lib.zeros(1)
        broken["0.weight"] = lib.zeros(2, 2)
        try:
            b.load_state_dict(broken)
            error = None
        except RuntimeError as exc:
            error = str(exc)
        partial = OrderedDict(sd)
        del partial["2.bias"]
        partial["extra"] = lib.zeros(1)
        loose = b.load_state_dict(partial, strict=False)
        return repr(result), same, keeps_identity, shares, error, repr(loose), loose.missing_keys, type(sd).__name__

    ours, theirs = _both(scenario)
    assert ours == theirs


def _error(fn: Callable[[], Any]) -> tuple[type, str]:
    with pytest.raises(Exception) as info:  # noqa: B017 - the type is compared with torch's
        fn()
    return type(info.value), str(info.value)


def test_module_errors_match_torch() -> None:
    def scenario(lib: Any, nn: Any) -> Any:
        class NoInit(nn.Module):
            def __init__(self, what: str) -> None:
                if what == "module":
                    self.sub = nn.ReLU()
                elif what == "param":
                    self.p = nn.Parameter(lib.zeros(1))
                else:
                    self.register_buffer("b", lib.zeros(1))

        class NoFwd(nn.Module):
            pass

        m = nn.Module()
        m.lin = nn.Linear(2, 3)
        m.register_buffer("rm", lib.zeros(3))
        m.x = 5
        cases: list[Callable[[], Any]] = [
            lambda: NoInit("module"), lambda: NoInit("param"), lambda: NoInit("buffer"), lambda: NoFwd()(lib.zeros(1)),
            lambda: m.foo, lambda: m.lin.wieght, lambda: setattr(m, "lin", 3),
            lambda: setattr(m.lin, "weight", lib.zeros(3, 2)), lambda: setattr(m, "rm", 3),
            lambda: m.register_buffer(1, None), lambda: m.register_buffer("a.b", None),
            lambda: m.register_buffer("", None), lambda: m.register_buffer("x", None),
            lambda: m.register_parameter("x", None), lambda: m.add_module("x", None), lambda: m.add_module(1, None),
            lambda: m.add_module("a.b", nn.ReLU()), lambda: m.add_module("q", 3),
            lambda: m.register_parameter("q", lib.zeros(1)), lambda: m.register_buffer("q", 3),
            lambda: m.register_parameter("a.b", None), lambda: m.train(1), lambda: m.get_submodule("nope"),
            lambda: nn.Sequential(nn.ReLU())[3], lambda: nn.Sequential(nn.ReLU())["a"], lambda: nn.Sequential(1),
            lambda: nn.ModuleList([nn.ReLU()])[-2], lambda: nn.ModuleDict()["z"],
            lambda: nn.Parameter(lib.tensor([1, 2])),
        ]
        return [_error(case) for case in cases]

    ours, theirs = _both(scenario)
    for mine, ref in zip(ours, theirs):
        assert mine == ref


def test_containers_mutation() -> None:
    def scenario(lib: Any, nn: Any) -> Any:
        seq = nn.Sequential(nn.ReLU(), nn.Tanh(), nn.Sigmoid())
        del seq[1]
        seq.append(nn.GELU())
        seq.insert(0, nn.Identity())
        ml = nn.ModuleList([nn.ReLU()])
        ml.append(nn.Tanh())
        ml.extend([nn.Sigmoid()])
        ml.insert(0, nn.Identity())
        ml[1] = nn.GELU()
        md = nn.ModuleDict({"a": nn.ReLU()})
        md["b"] = nn.Tanh()
        popped = md.pop("a")
        pl = nn.ParameterList([nn.Parameter(lib.zeros(2)), lib.ones(3)])
        return (
            repr(seq), repr(ml), len(ml), repr(md), list(md.keys()), "b" in md, repr(popped),
            [type(p).__name__ for p in pl], repr(pl), [n for n, _ in pl.named_parameters()],
        )

    ours, theirs = _both(scenario)
    assert ours == theirs


def test_dtype_moves_and_requires_grad() -> None:
    def scenario(lib: Any, nn: Any) -> Any:
        lib.manual_seed(0)
        model = nn.Sequential(nn.Linear(2, 2))
        weight = model[0].weight
        model(lib.ones(1, 2)).sum().backward()
        model.double()
        kept = model[0].weight is weight
        out = model(lib.ones(1, 2, dtype=lib.float64))
        model.to(lib.float32)
        model.requires_grad_(False)
        return (kept, str(weight.dtype), str(weight.grad.dtype), str(out.dtype), repr(model[0].weight.dtype),
                [p.requires_grad for p in model.parameters()], model.to("cpu") is model)

    ours, theirs = _both(scenario)
    assert ours == theirs


def test_forward_hooks() -> None:
    def scenario(lib: Any, nn: Any) -> Any:
        calls = []
        layer = nn.Tanh()
        h1 = layer.register_forward_pre_hook(lambda mod, args: (args[0] * 2,))
        h2 = layer.register_forward_hook(lambda mod, args, out: calls.append(out.item()) or out + 1)
        first = layer(lib.tensor(0.5)).item()
        h1.remove()
        h2.remove()
        second = layer(lib.tensor(0.5)).item()
        return round(first, 6), round(second, 6), [round(c, 6) for c in calls]

    ours, theirs = _both(scenario)
    assert ours == theirs
