"""``draw_dot``: the lecture's graph picture, for Values and for Tensors.

A Value graph is drawn as in the micrograd lecture: one record ``{ label | data 2.0000 | grad 6.0000 }``
per Value and one oval per op, with edges ``input -> op -> output``. A Tensor graph is drawn as torch
records it: one node per ``grad_fn`` (``MulBackward0`` ...), its ``next_functions`` as inputs, and each
leaf that requires grad (torch's ``AccumulateGrad``) as a record with its shape and, for small tensors,
its values and grad. The output tensor closes the picture on the right.

Every walk is iterative, and node ids come from the order in which the walk meets the nodes (``n0``
is the root), so the same graph always gives the same DOT source and the same picture.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import graphviz
import numpy as np

from minitorch_scalar.value import Value

MAX_NODES = 500
"""Default ``max_nodes``: larger graphs are drawn collapsed (``dot`` gets slow past a few hundred records)."""

SMALL_TENSOR = 8
"""Tensors with at most this many elements show their values and grads in Tensor drawings."""

PARAMETER_COLOR = "#cfe3ff"
CONSTANT_COLOR = "#e8e8e8"
INTERMEDIATE_COLOR = "#ffffff"
OUTPUT_COLOR = "#fff2b3"
OP_COLOR = "#f4f4f4"
FLOW_COLOR = "#d62728"
LEGEND = "blue: leaves with requires_grad   grey: constants (no grad)   white: intermediates   yellow: output"

_MISSING_DOT = (
    "rendering a graph needs Graphviz's `dot` program, which was not found on PATH. Install it: "
    "`sudo apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz` (macOS), `conda install "
    "graphviz`, or the installer from https://graphviz.org/download/ (Windows: tick 'add to PATH'). "
    "Building the graph (its .source) works without it."
)

_RECORD_SPECIALS = re.compile(r'([\\{}|<>"])')


class DotNotFoundError(RuntimeError):
    """Graphviz's ``dot`` program is missing, so a graph cannot be rendered; the message says how to install it."""


class Graph(graphviz.Digraph):
    """A ``graphviz.Digraph`` whose rendering raises :class:`DotNotFoundError` when ``dot`` is missing.

    Everything else (``.source``, ``.save()``, Jupyter's inline display) is graphviz's own.
    """

    def pipe(self, *args: Any, **kwargs: Any) -> Any:
        """graphviz's ``pipe`` (render to bytes or str), with a clear error when ``dot`` is missing."""
        try:
            return super().pipe(*args, **kwargs)
        except graphviz.ExecutableNotFound as exc:
            raise DotNotFoundError(_MISSING_DOT) from exc

    def render(self, *args: Any, **kwargs: Any) -> Any:
        """graphviz's ``render`` (render to a file), with a clear error when ``dot`` is missing."""
        try:
            return super().render(*args, **kwargs)
        except graphviz.ExecutableNotFound as exc:
            raise DotNotFoundError(_MISSING_DOT) from exc


def render(graph: graphviz.Digraph, path: str | Path, format: str | None = None) -> Path:
    """Render ``graph`` to ``path`` (an image file) and return the path.

    Args:
        graph: a drawing from :func:`draw_dot` (or any ``graphviz.Digraph``).
        path: the file to write; its suffix (``.svg``, ``.png``, ``.pdf``) picks the format unless
            ``format`` is given.
        format: an output format ``dot`` understands.

    Raises:
        DotNotFoundError: when Graphviz's ``dot`` program is not installed.
        ValueError: when neither ``format`` nor the suffix names a format.
    """
    target = Path(path)
    fmt = format or target.suffix.lstrip(".").lower()
    if not fmt:
        raise ValueError(f"render(): cannot tell the image format of {str(path)!r}; add a suffix such as .svg or .png")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        data = graph.pipe(format=fmt)
    except graphviz.ExecutableNotFound as exc:
        raise DotNotFoundError(_MISSING_DOT) from exc
    target.write_bytes(data)
    return target


def trace(root: Value) -> tuple[list[Value], list[tuple[Value, Value]]]:
    """Every Value ``root`` depends on, and every ``(input, output)`` edge, as the lecture's ``trace``.

    Unlike the lecture's sets, the result is ordered and deterministic: nodes in depth-first order from
    ``root`` (``root`` first, each node's inputs in argument order), found with an explicit stack, and
    each node's input edges when it is visited, with their multiplicity (``a + a`` has the edge
    ``(a, out)`` twice).
    """
    nodes: list[Value] = []
    seen: set[Value] = set()
    edges: list[tuple[Value, Value]] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        nodes.append(node)
        prev = node._prev
        edges.extend((child, node) for child in prev)
        stack.extend(child for child in reversed(prev) if child not in seen)
    return nodes, edges


def bfs_order(root: Value) -> list[Value]:
    """Values nearest the root first (breadth-first), for choosing what a collapsed drawing keeps."""
    order = [root]
    seen = {root}
    i = 0
    while i < len(order):
        for child in order[i]._prev:
            if child not in seen:
                seen.add(child)
                order.append(child)
        i += 1
    return order


def fmt(x: float) -> str:
    """A float as the lecture prints it in graphs: four decimals (``inf``/``nan`` as is)."""
    return f"{x:.4f}"


def record_text(text: str) -> str:
    """Escape the characters a Graphviz record label treats as structure."""
    return _RECORD_SPECIALS.sub(r"\\\1", text)


def new_graph(rankdir: str, format: str) -> Graph:
    """An empty drawing with the lecture's layout settings."""
    if rankdir not in ("LR", "TB"):
        raise ValueError(f"rankdir must be 'LR' (left to right) or 'TB' (top to bottom), got {rankdir!r}")
    graph = Graph(format=format, graph_attr={"rankdir": rankdir})
    graph.attr("node", fontname="Helvetica", fontsize="11")
    graph.attr("edge", fontname="Helvetica", fontsize="9")
    return graph


def value_kind(v: Value, root: Value) -> str:
    """``'output'``, ``'parameter'`` (a leaf that requires grad), ``'constant'`` or ``'intermediate'``."""
    if v is root:
        return "output"
    if not v._prev:
        return "parameter" if v.requires_grad else "constant"
    return "intermediate"


_KIND_COLOR = {
    "output": OUTPUT_COLOR,
    "parameter": PARAMETER_COLOR,
    "constant": CONSTANT_COLOR,
    "intermediate": INTERMEDIATE_COLOR,
}


@dataclass
class ValueStyle:
    """What a Value drawing shows; :func:`draw_dot`, the backward frames and the parity view fill it in.

    Attributes:
        show_grad: add a ``grad`` field to every record.
        show_backprop: draw the gradient flow as dashed reverse edges labelled with what each input received.
        colors: fill nodes by kind (see :data:`LEGEND`).
        grads: gradients to show instead of ``.grad`` (Values missing from it show 0).
        fields: extra record fields per Value (``(name, text)`` pairs), after data and grad.
        fill: fill colours overriding the kind's colour.
        highlight: Values drawn with a thick red border.
        flows: the only ``(input, output)`` edges whose flow is drawn; None draws every flow.
        caption: a line under the graph.
        name_unlabelled: show a Value without a label by its node id (``n3``), as step captions name it.
    """

    show_grad: bool = True
    show_backprop: bool = False
    colors: bool = True
    grads: Mapping[Value, float] | None = None
    fields: Mapping[Value, list[tuple[str, str]]] = field(default_factory=dict)
    fill: Mapping[Value, str] = field(default_factory=dict)
    highlight: Iterable[Value] = ()
    flows: set[tuple[Value, Value]] | None = None
    caption: str = ""
    name_unlabelled: bool = False


def node_names(root: Value) -> dict[Value, str]:
    """Each Value's ``label``, or its node id in drawings (``n3``) when it has none."""
    return {v: v.label or f"n{i}" for i, v in enumerate(bfs_order(root))}


def value_graph(root: Value, style: ValueStyle, rankdir: str, format: str, max_nodes: int) -> Graph:
    """Draw a Value graph; see :func:`draw_dot`."""
    graph = new_graph(rankdir, format)
    order = bfs_order(root)
    kept = order if len(order) <= max_nodes else order[:max_nodes]
    ids = {v: f"n{i}" for i, v in enumerate(kept)}
    highlight = set(style.highlight)

    def grad_of(v: Value) -> float:
        return v.grad if style.grads is None else style.grads.get(v, 0.0)

    for v, uid in ids.items():
        name = v.label or (uid if style.name_unlabelled else "")
        parts = [record_text(name), f"data {fmt(v.data)}"]
        if style.show_grad:
            parts.append(f"grad {fmt(grad_of(v))}")
        parts.extend(f"{record_text(name)} {record_text(text)}" for name, text in style.fields.get(v, []))
        attrs: dict[str, str] = {"shape": "record"}
        fill = style.fill.get(v) or (_KIND_COLOR[value_kind(v, root)] if style.colors else "")
        if fill:
            attrs.update(style="filled", fillcolor=fill)
        if v in highlight:
            attrs.update(color=FLOW_COLOR, penwidth="3")
        graph.node(uid, label="{ " + " | ".join(parts) + " }", **attrs)
        if v._op or v._prev:
            op_attrs = {"style": "filled", "fillcolor": OP_COLOR} if style.colors else {}
            graph.node(uid + "_op", label=v._op or "?", **op_attrs)
            graph.edge(uid + "_op", uid)
            hidden = 0
            for child in v._prev:
                if child in ids:
                    graph.edge(ids[child], uid + "_op")
                else:
                    hidden += 1
            if hidden:
                graph.edge("collapsed", uid + "_op", style="dotted")
    if len(order) > max_nodes:
        graph.node(
            "collapsed",
            label=f"{len(order) - max_nodes} more Values not drawn\\n(graph has {len(order)}, max_nodes={max_nodes})",
            shape="note",
        )
    if style.show_backprop:
        _draw_flows(graph, ids, grad_of, style.flows)
    caption = "\\n".join(x for x in (style.caption, LEGEND if style.colors else "") if x)
    if caption:
        graph.attr(label=caption, labelloc="b", fontname="Helvetica", fontsize="10")
    return graph


def _draw_flows(graph: Graph, ids: Mapping[Value, str], grad_of: Any, only: set[tuple[Value, Value]] | None) -> None:
    """Dashed reverse edges ``output -> input``, labelled with ``upstream * local`` (what the input received).

    A node whose gradient is 0 has passed nothing back (or backward has not reached it): no edges.
    """
    for node, uid in ids.items():
        upstream = grad_of(node)
        if upstream == 0.0:
            continue
        for child, local in node.local_grads():
            if child not in ids or (only is not None and (child, node) not in only):
                continue
            graph.edge(
                uid,
                ids[child],
                label=fmt(upstream * local),
                color=FLOW_COLOR,
                fontcolor=FLOW_COLOR,
                style="dashed",
                constraint="false",
            )


# ---- Tensor graphs -------------------------------------------------------------------------------


def _array_text(t: Any) -> str:
    """A small tensor's values with four decimals (``[1.0000, 2.0000]``), or a plain number for 0-d."""
    arr = np.asarray(t.detach().tolist(), dtype=float)
    if arr.ndim == 0:
        return fmt(float(arr))
    return re.sub(r"\s*\n\s*", " ", np.array2string(arr, precision=4, floatmode="fixed", separator=", "))


def _shape_text(t: Any) -> str:
    return "(" + ", ".join(str(int(s)) for s in t.shape) + ("," if len(t.shape) == 1 else "") + ")"


def _tensor_fields(t: Any, name: str, show_grad: bool) -> str:
    parts = [record_text(name), f"shape {_shape_text(t)}"]
    small = math.prod(int(s) for s in t.shape) <= SMALL_TENSOR
    if small:
        parts.append("data " + record_text(_array_text(t)))
    if show_grad:
        grad = t.grad
        if grad is None:
            parts.append("grad None")
        elif small:
            parts.append("grad " + record_text(_array_text(grad)))
    return "{ " + " | ".join(parts) + " }"


def tensor_graph(
    root: Any,
    show_grad: bool,
    show_backprop: bool,
    colors: bool,
    rankdir: str,
    format: str,
    max_nodes: int,
    params: Mapping[str, Any] | None,
) -> Graph:
    """Draw a Tensor's autograd graph (works on real torch tensors too); see :func:`draw_dot`."""
    graph = new_graph(rankdir, format)
    names = {id(t): name for name, t in (params or {}).items()}
    root_attrs = {"shape": "record", "style": "filled", "fillcolor": OUTPUT_COLOR} if colors else {"shape": "record"}
    graph.node("n0", label=_tensor_fields(root, "output", show_grad=False), **root_attrs)
    fn = root.grad_fn
    if fn is None:
        return graph
    ids: dict[int, str] = {id(fn): "n1"}  # the queue keeps every node alive, so ids stay unique
    edges: list[tuple[str, str]] = [("n1", "n0")]
    queue = [fn]
    hidden = 0
    i = 0
    while i < len(queue):
        node = queue[i]
        i += 1
        uid = ids[id(node)]
        _tensor_node(graph, node, uid, names, show_grad, colors)
        hidden_here = 0
        for nxt, _ in node.next_functions:
            if nxt is None:
                continue
            if id(nxt) not in ids:
                if len(ids) >= max_nodes:
                    hidden_here += 1
                    continue
                ids[id(nxt)] = f"n{len(ids) + 1}"
                queue.append(nxt)
            edges.append((ids[id(nxt)], uid))
        if hidden_here:
            hidden += hidden_here
            edges.append(("collapsed", uid))
    if hidden:
        graph.node("collapsed", label=f"{hidden} more inputs not drawn\\n(max_nodes={max_nodes})", shape="note")
    for src, dst in edges:
        if src == "collapsed":
            graph.edge(src, dst, style="dotted")
            continue
        graph.edge(src, dst)
        if show_backprop:
            graph.edge(dst, src, color=FLOW_COLOR, style="dashed", constraint="false")
    if colors:
        graph.attr(label="blue: leaves with requires_grad (AccumulateGrad)   grey: backward nodes   yellow: output",
                   labelloc="b", fontname="Helvetica", fontsize="10")
    return graph


def _tensor_node(graph: Graph, node: Any, uid: str, names: Mapping[int, str], show_grad: bool, colors: bool) -> None:
    variable = getattr(node, "variable", None)
    if variable is not None:
        label = _tensor_fields(variable, names.get(id(variable), "AccumulateGrad"), show_grad)
        attrs = {"shape": "record"}
        if colors:
            attrs.update(style="filled", fillcolor=PARAMETER_COLOR)
        graph.node(uid, label=label, **attrs)
        return
    name = node.name() if callable(getattr(node, "name", None)) else type(node).__name__
    attrs = {"shape": "box", "style": "rounded,filled", "fillcolor": OP_COLOR} if colors else {"shape": "box"}
    graph.node(uid, label=name, **attrs)


def draw_dot(
    root: Any,
    format: str = "svg",
    rankdir: str = "LR",
    show_grad: bool = True,
    show_backprop: bool = False,
    colors: bool = True,
    max_nodes: int = MAX_NODES,
    params: Mapping[str, Any] | None = None,
) -> Graph:
    """Draw the computation graph that produced ``root``, as the lecture's ``draw_dot`` does.

    Building the drawing needs no ``dot`` program; rendering it (Jupyter's inline display,
    :func:`render`, ``.render()``) does.

    Args:
        root: a :class:`~minitorch_scalar.Value`, or a Tensor (ours or real torch's) with a ``grad_fn``.
        format: the output format used when the drawing is rendered (``'svg'``, ``'png'`` ...).
        rankdir: ``'LR'`` (left to right, inputs on the left) or ``'TB'`` (top to bottom).
        show_grad: show each node's gradient (a Value's ``grad``; a Tensor leaf's ``.grad``).
        show_backprop: draw the gradient flow as dashed red reverse edges; on a Value graph each is
            labelled with what the input received, ``output.grad * d output / d input`` (nodes whose
            grad is still 0 draw none, so call ``backward()`` first).
        colors: fill nodes by kind (parameters blue, inputs and constants grey, intermediates white,
            the output yellow) and print the legend under the graph.
        max_nodes: Values (or backward nodes) drawn at most; a larger graph keeps the ones nearest the
            output and shows the rest as one note.
        params: names for Tensor leaves (``dict(model.named_parameters())``); unnamed leaves are
            labelled ``AccumulateGrad``. Ignored for Values, which carry their own ``label``.

    Returns:
        A :class:`Graph` (a ``graphviz.Digraph``).

    Raises:
        TypeError: when ``root`` is neither a Value nor a tensor.
        ValueError: for a bad ``rankdir`` or ``max_nodes``.
    """
    if not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"max_nodes must be a positive int, got {max_nodes!r}")
    if isinstance(root, Value):
        style = ValueStyle(show_grad=show_grad, show_backprop=show_backprop, colors=colors)
        return value_graph(root, style, rankdir, format, max_nodes)
    if hasattr(root, "grad_fn") and hasattr(root, "shape"):
        return tensor_graph(root, show_grad, show_backprop, colors, rankdir, format, max_nodes, params)
    raise TypeError(f"draw_dot() expects a Value or a Tensor, got {type(root).__name__}")
