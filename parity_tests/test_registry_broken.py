"""The parity checks catch a broken local derivative and name the op (the suite can fail).

Each test swaps a registry entry for a copy whose first local derivative is off by 0.25
(``dataclasses.replace`` on the frozen ``ops.Op``), patched into ``ops.REGISTRY`` and the module's
constant with ``monkeypatch``, and asserts the report points at that op.

The Value engine prepares each entry's backward step once, at import (``value._GENERAL`` /
``value._FAST``, and operator methods such as ``Value.__mul__``), so those are rebuilt from the
broken entry too.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from minitorch_scalar import Value, ops
from minitorch_scalar import value as value_engine
from minitorch_scalar.parity import ParityError, assert_graph, assert_parity, check_graph, check_parity

pytest.importorskip("torch")

OPS = list(ops.REGISTRY.values())


def _break(monkeypatch: pytest.MonkeyPatch, name: str) -> ops.Op:
    """Patch a copy of the entry whose local derivative for input 0 is 0.25 too large."""
    good = ops.REGISTRY[name]
    first = good.local[0]

    def wrong(m: Any, out: Any, *inputs: Any) -> Any:
        return first(m, out, *inputs) + 0.25

    bad = dataclasses.replace(good, local=(wrong, *good.local[1:]))
    monkeypatch.setitem(ops.REGISTRY, name, bad)
    for attr, entry in vars(ops).items():
        if entry is good:
            monkeypatch.setattr(ops, attr, bad)
    rule = value_engine._Rule(bad)
    monkeypatch.setitem(value_engine._GENERAL, name, rule)
    if name in value_engine._FAST:
        monkeypatch.setitem(value_engine._FAST, name, rule)
    return bad


@pytest.mark.parametrize("name", [op.name for op in OPS])
def test_check_graph_names_the_op_with_a_broken_local(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    bad = _break(monkeypatch, name)
    point = [Value((low + high) / 2 + 0.1, label=f"x{i}") for i, (low, high) in enumerate(bad.domain)]
    out = Value._apply(ops.REGISTRY[name], tuple(point))
    report = check_graph(out)
    assert not report.ok
    assert [e.where for e in report.mismatches] == ["grad x0"]
    assert f"({name}, input 0)" in report.diagnosis[0]


def test_operator_path_uses_the_patched_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Value's ``*`` reads the registry at call time, so the broken mul is what the lecture code runs."""
    bad = _break(monkeypatch, "mul")
    monkeypatch.setattr(Value, "__mul__", value_engine._binary_method(bad, False))
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    loss = (a * b + a).tanh()
    loss.label = "loss"
    with pytest.raises(ParityError) as info:
        assert_graph(loss)
    message = str(info.value)
    assert "!! grad a" in message and "mul" in message
    assert "grad b" in message and "!! grad b" not in message


def _torch_call(name: str) -> Any:
    def fn(torch: Any, *xs: Any) -> Any:
        return getattr(torch, name)(*xs)

    fn.__name__ = name
    return fn


@pytest.mark.parametrize("name", [op.name for op in OPS])
def test_check_parity_catches_a_broken_local_on_the_tensor_engine(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    bad = _break(monkeypatch, name)
    point = [[(low + high) / 2 + 0.1, high - 0.05] for low, high in bad.domain]
    report = check_parity(_torch_call(name), *point)
    assert not report.ok
    assert report.title == f"check_parity({name})"
    assert {e.where for e in report.mismatches} == {"grad arg0[0]", "grad arg0[1]"}
    assert "gradients of arg0 differ" in report.diagnosis[0]


def test_tensor_operator_path_uses_the_patched_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    _break(monkeypatch, "mul")
    with pytest.raises(ParityError, match="!! grad x"):
        assert_parity(lambda x, y: (x * y).sum(), [1.0, 2.0], [3.0, -1.0])
    assert check_parity(lambda x, y: (x + y).sum(), [1.0, 2.0], [3.0, -1.0]).ok
