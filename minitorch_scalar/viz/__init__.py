"""Seeing autograd: graph drawings, a step-by-step backward pass, and ours-versus-torch views.

* :func:`draw_dot` draws a :class:`~minitorch_scalar.Value` graph the way the micrograd lecture does
  (a record ``{ label | data | grad }`` per Value, an oval per op) or a Tensor graph the way torch
  records it (one node per ``grad_fn``, leaves as records with shape, values and grads).
* :func:`backward_steps` runs a Value backward pass one chain-rule step at a time;
  :func:`render_backward` turns those steps into SVG frames and one self-contained HTML page.
* :func:`draw_parity` shows every node's gradient from this engine next to real torch's.

Building a drawing needs only the ``graphviz`` Python package; rendering it (SVG, PNG, inline in
Jupyter) needs Graphviz's ``dot`` program, and a missing ``dot`` raises :class:`DotNotFoundError`
with install instructions.
"""

from minitorch_scalar.viz.draw import DotNotFoundError, Graph, draw_dot, render, trace
from minitorch_scalar.viz.parity_view import draw_parity
from minitorch_scalar.viz.steps import BackwardStep, backward_steps, render_backward

__all__ = [
    "BackwardStep",
    "DotNotFoundError",
    "Graph",
    "backward_steps",
    "draw_dot",
    "draw_parity",
    "render",
    "render_backward",
    "trace",
]
