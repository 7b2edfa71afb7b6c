"""The backward pass one chain-rule step at a time, and a page of frames to watch it.

The lecture backpropagates through the tanh neuron by hand: ``o.grad = 1``, then ``o._backward()``,
``n._backward()`` ... in reverse topological order. :func:`backward_steps` is that loop, pausing after
each node: a node's gradient is complete once every Value using it has been processed, and the step
passes ``upstream * local`` to each input, ``local`` being ``d node / d input`` from the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from minitorch_scalar.value import Value, topological_order
from minitorch_scalar.viz.draw import MAX_NODES, ValueStyle, bfs_order, fmt, node_names, value_graph
from minitorch_scalar.viz.html import write_frames_page

MAX_FRAME_NODES = 80
"""``render_backward`` refuses larger graphs: one frame per node stops being watchable."""


@dataclass(frozen=True)
class BackwardStep:
    """One chain-rule step of a Value backward pass.

    Attributes:
        index: 0 for the root, then 1, 2, ... in reverse topological order.
        total: the number of steps in the pass.
        node: the Value processed; its gradient for this pass is complete.
        upstream: ``d root / d node``, this pass's gradient of ``node`` (1.0 for the root).
        local: ``(input, d node / d input)`` for each input that requires grad, from the registry.
        received: ``(input, upstream * local)``: what each input received from this step.
    """

    index: int
    total: int
    node: Value
    upstream: float
    local: tuple[tuple[Value, float], ...]
    received: tuple[tuple[Value, float], ...]

    def describe(self, names: Mapping[Value, str] | None = None) -> str:
        """The step in words, e.g. ``n.grad += o.grad * (1 - out**2) = 1.0000 * 0.5000 = 0.5000``.

        Args:
            names: a name per Value (default its ``label``, or ``?`` without one).
        """

        def name(v: Value) -> str:
            return (names or {}).get(v) or v.label or "?"

        node = self.node
        head = f"step {self.index + 1}/{self.total}: {name(node)}.grad = {fmt(self.upstream)}"
        if self.index == 0:
            head += f" (d {name(node)} / d {name(node)} = 1, the seed)"
        if not self.local:
            return head + f"; {name(node)} is a leaf: nothing more to pass back"
        lines = [head + f"; {name(node)} = {_formula(node, name)}"]
        if node._fn is not None:
            lines.append(f"local derivatives of {node._fn.name}: {node._fn.doc}")
        for (child, local), (_, amount) in zip(self.local, self.received):
            lines.append(
                f"{name(child)}.grad += {name(node)}.grad * d{name(node)}/d{name(child)}"
                f" = {fmt(self.upstream)} * {fmt(local)} = {fmt(amount)}"
            )
        return "\n".join(lines)


def _formula(node: Value, name: Callable[[Value], str]) -> str:
    """``a * b``, ``tanh(n)``, ``x**2``: how ``node`` was computed, in its inputs' names."""
    args = [name(a) if isinstance(a, Value) else f"{a:g}" for a in node._args]
    if len(args) == 2 and node._op in ("+", "-", "*", "/", "**"):
        return f"{args[0]} {node._op} {args[1]}"
    if node._op.startswith("**"):
        return f"{args[0]}{node._op}"
    if node._op.endswith("**"):
        return f"{node._op}{args[1]}"
    return f"{node._op}({', '.join(args)})"


def pass_steps(root: Value) -> Iterator[BackwardStep]:
    """The steps of a backward pass from ``root``, touching no ``.grad`` (the pass keeps its own table).

    The arithmetic is :meth:`Value.backward`'s, in the same order, so the numbers are identical.
    """
    order = list(reversed(topological_order(root)))
    grads = {root: 1.0}
    for i, node in enumerate(order):
        upstream = grads.pop(node)
        local = tuple(node.local_grads())
        received = tuple((child, upstream * lg) for child, lg in local)
        for child, amount in received:
            grads[child] = grads.get(child, 0.0) + amount
        yield BackwardStep(i, len(order), node, upstream, local, received)


def backward_steps(root: Value) -> Iterator[BackwardStep]:
    """Run ``root.backward()`` one step at a time, yielding each chain-rule step as it is applied.

    Each step adds ``step.upstream`` to ``step.node.grad`` just before it is yielded, so when the
    iteration is finished every ``.grad`` is what ``root.backward()`` would have left (stopping early
    leaves the later nodes untouched). The order is reverse topological: the root first, and a node
    only after every Value that uses it.

    Example:
        >>> for step in backward_steps(o):
        ...     print(step.describe())
    """
    for step in pass_steps(root):
        step.node.grad += step.upstream
        yield step


def render_backward(
    root: Value,
    out_dir: str | Path,
    rankdir: str = "LR",
    title: str = "Backpropagation, one step at a time",
) -> Path:
    """Run the backward pass from ``root`` and write it as frames to watch.

    Writes ``out_dir/step_000.svg`` (the graph after the forward pass, every gradient 0), then one
    ``step_NNN.svg`` per :class:`BackwardStep` (the processed node outlined in red, the gradient it
    passes back drawn as dashed red edges labelled with the amounts), and ``out_dir/index.html``, a
    self-contained page with the frames inlined, buttons, a slider and arrow keys.

    Like :func:`backward_steps`, this leaves every ``.grad`` as ``root.backward()`` would.

    Returns:
        The path of ``index.html``.

    Raises:
        ValueError: when the graph has more than :data:`MAX_FRAME_NODES` Values.
        DotNotFoundError: when Graphviz's ``dot`` program is not installed.
    """
    size = len(bfs_order(root))
    if size > MAX_FRAME_NODES:
        raise ValueError(
            f"render_backward(): the graph has {size} Values; frames are for graphs of at most {MAX_FRAME_NODES}"
            " (use draw_dot(root, show_backprop=True) after root.backward() for a larger one)"
        )
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = node_names(root)
    shown: dict[Value, float] = {}
    frames = [_frame(root, ValueStyle(grads=shown, name_unlabelled=True), rankdir, out / "step_000.svg",
                     "before backward: the forward pass computed every data; every grad is 0")]
    for step in backward_steps(root):
        shown[step.node] = step.upstream
        for child, amount in step.received:
            shown[child] = shown.get(child, 0.0) + amount
        style = ValueStyle(
            show_backprop=True,
            grads=dict(shown),
            highlight=[step.node],
            flows={(child, step.node) for child, _ in step.received},
            name_unlabelled=True,
        )
        caption = step.describe(names)
        frames.append(_frame(root, style, rankdir, out / f"step_{step.index + 1:03d}.svg", caption))
    return write_frames_page(out / "index.html", title, frames)


def _frame(root: Value, style: ValueStyle, rankdir: str, path: Path, caption: str) -> tuple[str, str]:
    """Render one frame to ``path``; return ``(caption, svg text)``."""
    style.caption = caption.split("\n")[0]
    graph = value_graph(root, style, rankdir, "svg", MAX_NODES)
    svg = graph.pipe(format="svg", encoding="utf-8")
    path.write_text(svg, encoding="utf-8")
    return caption, svg
