"""05: the same neuron in PyTorch, side by side with our gradients.

The lecture's torch cell builds the neuron from float64 tensors. We run that cell three times: with
real PyTorch (when installed), with ``import minitorch_scalar as torch`` (our Tensor engine, same
code), and as the lecture's scalar Values; then we draw the Value graph with both engines' gradients
in every node (``draw_parity``: red would mark a disagreement).

Run: python examples/05_pytorch_side_by_side.py      (figure: examples/out/05_parity.svg)
Without PyTorch installed the torch column is skipped: pip install 'minitorch-scalar[parity]'
"""

from __future__ import annotations

import importlib
from types import ModuleType

from _common import save_graph

import minitorch_scalar
from minitorch_scalar import Value, draw_dot, draw_parity

LEAVES = {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432}


def torch_cell(torch: ModuleType) -> dict[str, float]:
    """The lecture's torch cell, unchanged, for whichever ``torch`` it is given."""
    x1 = torch.Tensor([2.0]).double()
    x1.requires_grad = True
    x2 = torch.Tensor([0.0]).double()
    x2.requires_grad = True
    w1 = torch.Tensor([-3.0]).double()
    w1.requires_grad = True
    w2 = torch.Tensor([1.0]).double()
    w2.requires_grad = True
    b = torch.Tensor([6.8813735870195432]).double()
    b.requires_grad = True
    n = x1 * w1 + x2 * w2 + b
    o = torch.tanh(n)
    o.backward()
    return {"o": o.data.item(), **{k: t.grad.item() for k, t in zip(LEAVES, (x1, x2, w1, w2, b))}}


def value_neuron() -> tuple[Value, dict[str, Value]]:
    leaves = {k: Value(v, label=k) for k, v in LEAVES.items()}
    n = leaves["x1"] * leaves["w1"] + leaves["x2"] * leaves["w2"] + leaves["b"]
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    return o, leaves


def main() -> None:
    o, leaves = value_neuron()
    o.backward()
    columns = {"Value": {"o": o.data, **{k: v.grad for k, v in leaves.items()}}}
    columns["our Tensor"] = torch_cell(minitorch_scalar)
    try:
        real = importlib.import_module("torch")
    except ImportError:
        real = None
        print("PyTorch is not installed: skipping the torch column (pip install 'minitorch-scalar[parity]')")
    if real is not None:
        columns[f"torch {real.__version__}"] = torch_cell(real)

    print(f"{'':8}" + "".join(f"{name:>22}" for name in columns))
    for key in ("o", *LEAVES):
        what = "o.data" if key == "o" else f"{key}.grad"
        print(f"{what:8}" + "".join(f"{col[key]:>22.17g}" for col in columns.values()))
    names = list(columns)
    for name in names[1:]:
        col, prev = columns[name], columns[names[names.index(name) - 1]]
        worst = max(abs(col[k] - prev[k]) for k in col)
        print(f"largest difference, {name} vs {names[names.index(name) - 1]}: {worst:.3g}")
    print(
        "The Value column differs in the 7th digit because torch.Tensor([6.88...]) makes a float32 tensor"
        " first:\n.double() then widens an already rounded bias. Same code, same rounding: our Tensor engine"
        " and torch agree\ndigit for digit."
    )

    save_graph(draw_dot(o), "05_value_graph.svg")
    save_graph(draw_dot(_tensor_o(), params=None), "05_tensor_graph.svg")
    if real is not None:
        save_graph(draw_parity(o), "05_parity.svg")


def _tensor_o() -> object:
    """Our Tensor engine's neuron output, for drawing its grad_fn graph."""
    t = minitorch_scalar
    x = t.tensor([2.0, 0.0], dtype=t.float64)
    w = t.tensor([-3.0, 1.0], dtype=t.float64, requires_grad=True)
    b = t.tensor(6.8813735870195432, dtype=t.float64, requires_grad=True)
    return t.tanh((x * w).sum() + b)


if __name__ == "__main__":
    main()
