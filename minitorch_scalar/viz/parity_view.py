"""``draw_parity``: a Value graph with every node's gradient from this engine and from real torch."""

from __future__ import annotations

from typing import Any

from minitorch_scalar.value import Value
from minitorch_scalar.viz.draw import MAX_NODES, Graph, ValueStyle, fmt, value_graph

MISMATCH_COLOR = "#ff9e9e"


def draw_parity(
    root: Value,
    format: str = "svg",
    rankdir: str = "LR",
    rtol: float | None = None,
    atol: float | None = None,
    grads: str = "auto",
    max_nodes: int = MAX_NODES,
) -> Graph:
    """Draw ``root``'s graph with ``ours`` and ``torch`` gradients side by side in every record.

    The graph is replayed in real torch by :func:`minitorch_scalar.parity.replay.check_graph` (float64,
    node for node, ``retain_grad()`` on every intermediate); a node whose data or grad differs beyond
    the tolerances is filled red, and the caption gives the report's summary and diagnosis.

    Args:
        root: the Value to backpropagate from.
        format: the output format used when the drawing is rendered.
        rankdir: ``'LR'`` or ``'TB'``.
        rtol: relative tolerance (default: ``check_graph``'s, 1e-10).
        atol: absolute tolerance (default: ``check_graph``'s, 1e-12).
        grads: which of our gradients to compare, as ``check_graph``'s ``grads``: ``'fresh'`` (a new
            backward pass; the graph's ``.grad`` values are left as they were), ``'existing'`` (the
            ``.grad`` already there) or ``'auto'`` (``'existing'`` once ``root.grad`` is not 0).
        max_nodes: as in :func:`~minitorch_scalar.viz.draw_dot`.

    Raises:
        ImportError: naming ``pip install 'minitorch-scalar[parity]'`` when torch is not installed.
    """
    from minitorch_scalar.parity.replay import check_graph, graph_nodes, node_names

    tolerances: dict[str, Any] = {}
    if rtol is not None:
        tolerances["rtol"] = rtol
    if atol is not None:
        tolerances["atol"] = atol
    report = check_graph(root, grads=grads, **tolerances)
    entries = {(e.kind, e.name): e for e in report.entries}
    fields: dict[Value, list[tuple[str, str]]] = {}
    fill: dict[Value, str] = {}
    for node, name in node_names(graph_nodes(root)).items():
        grad = entries.get(("grad", name))
        data = entries.get(("data", name))
        if grad is not None:
            fields[node] = [("ours", _num(grad.ours)), ("torch", _num(grad.torch))]
        if (grad is not None and not grad.ok) or (data is not None and not data.ok):
            fill[node] = MISMATCH_COLOR
    caption = "\\n".join([report.summary(), *report.diagnosis, "red: differs from torch"])
    style = ValueStyle(show_grad=False, fields=fields, fill=fill, caption=caption)
    return value_graph(root, style, rankdir, format, max_nodes)


def _num(x: float | None) -> str:
    return "None" if x is None else fmt(x)
