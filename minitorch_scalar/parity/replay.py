"""Replay a lecture ``Value`` graph in real torch, node for node, and compare every node.

``check_graph(root)`` walks the graph that produced ``root`` (iteratively: any depth works), rebuilds
each node in torch as a float64 0-d tensor through the registry's torch name (``torch.<op.name>``:
``torch.mul``, ``torch.tanh``, ``torch.pow(x, 2.0)`` for ``x**2`` ...), calls ``retain_grad()`` on every
intermediate tensor, backpropagates from the root in torch, and compares each node's ``data`` and
``grad`` with torch's. Number constants (``2 * x`` makes a constant leaf Value) become tensors that do
not require grad; constant exponents stay Python numbers, as a torch user writes them.

Which gradients of ours are compared (``grads=``):

* ``'fresh'``: run ``root.backward()`` from zero gradients, read them, then put every node's previous
  ``grad`` back (the caller's graph is left as it was).
* ``'existing'``: compare the ``grad`` already on each node (after the learner called ``backward()``
  once, or set the gradients by hand as the lecture does first). Torch always runs one backward pass.
* ``'auto'`` (the default): ``'existing'`` when ``root.grad`` is not 0.0 (some backward has run),
  otherwise ``'fresh'``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from minitorch_scalar.ops import Op
from minitorch_scalar.parity.realtorch import load_torch
from minitorch_scalar.parity.report import DEFAULT_ATOL, DEFAULT_RTOL, ParityError, ParityReport, make_entry
from minitorch_scalar.value import Value

GRAD_MODES = ("auto", "fresh", "existing")


def graph_nodes(root: Value) -> list[Value]:
    """Every Value ``root`` depends on, constants included, each input before the ops that use it.

    An iterative depth-first search over ``_prev`` (an explicit stack, no recursion), visiting inputs
    in order, so the same graph always gives the same order; ``root`` comes last.
    """
    order: list[Value] = []
    visited: set[Value] = set()
    stack: list[tuple[Value, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        if node in visited:
            continue
        visited.add(node)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node._prev) if child not in visited)
    return order


def node_names(nodes: Iterable[Value]) -> dict[Value, str]:
    """A readable, unique name per node: its label, else ``<op>#<i>``, ``leaf#<i>`` or ``const#<i>``.

    ``i`` is the node's position in ``nodes``; a label used by several nodes gets ``#<i>`` appended.
    """
    nodes = list(nodes)
    counts: dict[str, int] = {}
    for n in nodes:
        if n.label:
            counts[n.label] = counts.get(n.label, 0) + 1
    names: dict[Value, str] = {}
    for i, n in enumerate(nodes):
        if n.label:
            names[n] = n.label if counts[n.label] == 1 else f"{n.label}#{i}"
        elif n._fn is not None:
            names[n] = f"{n._fn.name}#{i}"
        else:
            names[n] = f"leaf#{i}" if n.requires_grad else f"const#{i}"
    return names


def _check_replayable(nodes: list[Value], names: dict[Value, str]) -> None:
    for n in nodes:
        if n._prev and n._fn is None:
            raise ValueError(
                f"check_graph: node {names[n]!r} (_op={n._op!r}) has inputs but no registry op, so it cannot be "
                "replayed in torch; build graphs with Value's operators and methods"
            )


def _our_grads(root: Value, nodes: list[Value], mode: str) -> list[float]:
    """Our gradient of every node, per ``mode`` (see the module docstring)."""
    if mode == "existing":
        return [n.grad for n in nodes]
    saved = [n.grad for n in nodes]
    for n in nodes:
        n.grad = 0.0
    try:
        root.backward()
        return [n.grad for n in nodes]
    finally:
        for n, g in zip(nodes, saved):
            n.grad = g


def _torch_call(torch: Any, fn: Op, args: list[Any]) -> Any:
    """Apply the registry op ``fn`` in torch by its torch name."""
    return getattr(torch, fn.name)(*args)


def replay_in_torch(nodes: list[Value]) -> list[Any]:
    """Build every node as a float64 torch tensor (intermediates retain their grad) and backpropagate.

    Args:
        nodes: a graph in topological order, root last (as :func:`graph_nodes` returns it).

    Returns:
        The torch tensor of every node, after ``root.backward()`` ran in torch.
    """
    torch = load_torch()
    tensors: dict[Value, Any] = {}
    for n in nodes:
        if n._fn is None:
            t = torch.tensor(n.data, dtype=torch.float64, requires_grad=n.requires_grad)
        else:
            args = [tensors[a] if isinstance(a, Value) else a for a in n._args]
            t = _torch_call(torch, n._fn, args)
            if t.requires_grad:
                t.retain_grad()
        tensors[n] = t
    root = tensors[nodes[-1]]
    if root.requires_grad:
        root.backward()
    return [tensors[n] for n in nodes]


def _diagnose(nodes: list[Value], names: dict[Value, str], report: ParityReport) -> None:
    """Name the op to blame: the first node (forward order) with wrong data, else the first wrong grad."""
    bad_data = {e.name for e in report.entries if e.kind == "data" and not e.ok}
    bad_grad = {e.name for e in report.entries if e.kind == "grad" and not e.ok}
    for n in nodes:
        if names[n] in bad_data:
            what = f"the forward of {n._fn.name}" if n._fn is not None else "a leaf's data"
            report.diagnosis.append(
                f"{names[n]!r} is the first node whose data differs while its inputs match: {what} is wrong"
            )
            return
    users: dict[Value, list[tuple[Value, int]]] = {}
    for n in nodes:
        for i, a in enumerate(n._args):
            if isinstance(a, Value):
                users.setdefault(a, []).append((n, i))
    for n in reversed(nodes):
        if names[n] not in bad_grad:
            continue
        if n is nodes[-1]:
            report.diagnosis.append(f"the root {names[n]!r} has grad {n.grad!r}; torch's backward() starts from 1.0")
            return
        blamed = ", ".join(
            f"{names[u]} ({u._fn.name if u._fn else u._op}, input {i})" for u, i in users.get(n, [])
        )
        report.diagnosis.append(
            f"{names[n]!r} has the first wrong grad (the grads of the ops using it match torch): the local "
            f"derivative of {blamed} with respect to it is wrong"
        )
        return


def check_graph(
    root: Value, *, rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL, grads: str = "auto"
) -> ParityReport:
    """Compare every node of a Value graph (data and grad) with the same graph replayed in torch.

    Args:
        root: the Value to backpropagate from (the loss).
        rtol: relative tolerance (default 1e-10: both sides compute in float64).
        atol: absolute tolerance (default 1e-12).
        grads: ``'auto'``, ``'fresh'`` or ``'existing'``: which of our gradients to compare (see the module
            docstring). The graph's ``grad`` values are left unchanged in every mode.

    Returns:
        A :class:`ParityReport` with a ``data`` entry for every node and a ``grad`` entry for every node
        that requires grad, named by label (or ``<op>#<i>``).

    Raises:
        ValueError: for an unknown ``grads`` mode, or a node with inputs but no registry op.
        ImportError: when torch is not installed.
    """
    if grads not in GRAD_MODES:
        raise ValueError(f"check_graph: grads must be one of {GRAD_MODES}, got {grads!r}")
    nodes = graph_nodes(root)
    names = node_names(nodes)
    _check_replayable(nodes, names)
    mode = grads if grads != "auto" else ("existing" if root.grad != 0.0 else "fresh")
    ours = _our_grads(root, nodes, mode)
    tensors = replay_in_torch(nodes)
    report = ParityReport(rtol=rtol, atol=atol, title=f"check_graph({names[root]!r}, grads={mode!r})")
    for n, t in zip(nodes, tensors):
        report.entries.append(make_entry("data", names[n], (), n.data, t.item(), rtol, atol))
    for n, g, t in zip(nodes, ours, tensors):
        if n.requires_grad:
            theirs = None if t.grad is None else t.grad.item()
            report.entries.append(make_entry("grad", names[n], (), g, theirs, rtol, atol))
    _diagnose(nodes, names, report)
    return report


def assert_graph(
    root: Value, *, rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL, grads: str = "auto"
) -> ParityReport:
    """:func:`check_graph`, raising :class:`ParityError` (an AssertionError) with the report when it fails."""
    report = check_graph(root, rtol=rtol, atol=atol, grads=grads)
    if not report.ok:
        raise ParityError(report)
    return report
