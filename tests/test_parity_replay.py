"""The torch-free parts of check_graph: the graph walk, node names, input validation, the torch hint."""

from __future__ import annotations

import sys

import pytest

from minitorch_scalar import Value
from minitorch_scalar.parity import check_graph, check_parity
from minitorch_scalar.parity.replay import graph_nodes, node_names


def test_graph_nodes_orders_inputs_first_and_includes_constants() -> None:
    a = Value(2.0, label="a")
    y = (a * 3 + a).tanh()
    nodes = graph_nodes(y)
    assert nodes[-1] is y and nodes[0] is a
    assert len(nodes) == 5  # a, const 3, mul, add, tanh
    for i, n in enumerate(nodes):
        assert all(nodes.index(p) < i for p in n._prev)


def test_graph_nodes_walks_a_deep_chain_without_recursion() -> None:
    y = x = Value(1.0)
    for _ in range(50_000):
        y = y + x
    assert len(graph_nodes(y)) == 50_001


def test_node_names_use_labels_ops_and_indices() -> None:
    a, b = Value(1.0, label="a"), Value(2.0, label="a")
    y = a * b + 1.0
    names = node_names(graph_nodes(y))
    assert sorted(names.values()) == ["a#0", "a#1", "add#4", "const#3", "mul#2"]


def test_bad_grads_mode_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="grads must be one of"):
        check_graph(Value(1.0), grads="later")


def test_hand_built_nodes_cannot_be_replayed() -> None:
    a, b = Value(2.0, label="a"), Value(3.0, label="b")
    c = Value(a.data * b.data, (a, b), "*", label="c")  # the lecture's first Value, without an op
    with pytest.raises(ValueError, match="node 'c' .* has inputs but no registry op"):
        check_graph(c)


def test_missing_torch_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(ImportError, match=r"pip install 'minitorch-scalar\[parity\]'"):
        check_graph(Value(1.0) * 2)
    with pytest.raises(ImportError, match=r"pip install 'minitorch-scalar\[parity\]'"):
        check_parity(lambda x: x * 2, [1.0])
