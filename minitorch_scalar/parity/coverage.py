"""Generate docs/parity.md: what the parity suite checks for every registry op.

Run from the repository root::

    python -m minitorch_scalar.parity.coverage > docs/parity.md

The table comes from the op registry (``ops.REGISTRY``: names, math, kinks, arity), from the Tensor
engine's namespace (whether ``torch.<name>`` and ``Tensor.<name>`` exist), and from the suite's table
of known differences (:mod:`minitorch_scalar.parity.known`); the toy scripts are listed from
``parity_tests/scripts``. ``tests/test_parity_coverage.py`` fails when the committed file is
out of date.
"""

from __future__ import annotations

import ast
import importlib
import math
from pathlib import Path

from minitorch_scalar import ops
from minitorch_scalar.parity import known

SPECIAL_VALUES: tuple[float, ...] = (0.0, -0.0, 1.0, -1.5, math.inf, -math.inf, math.nan, 1e300, -1e300, 1e-300)
"""The special values each input of each op is checked at, on both engines."""

SCRIPTS_DIR = Path(__file__).resolve().parents[2] / "parity_tests" / "scripts"

HEADER = """# Parity with PyTorch

This file is generated: `python -m minitorch_scalar.parity.coverage > docs/parity.md` (a test fails
when it is out of date). It is built from the op registry (`minitorch_scalar/ops.py`) and the
parity suite's table of known differences (`minitorch_scalar/parity/known.py`).

## How parity is checked

Every check runs real PyTorch next to minitorch_scalar in float64 and compares number by number
(default tolerances `rtol=1e-10`, `atol=1e-12`: both engines evaluate the same formulas).

- `parity_tests/test_registry_value.py`: every registry op on the lecture's `Value`, replayed in
  torch by `check_graph`: data and grad at hypothesis-drawn points of the op's domain, at every
  pinned kink (and the kink table itself is checked against torch), and at special values.
- `parity_tests/test_registry_tensor.py`: every registry op as `torch.<name>(...)` on the Tensor
  engine through `check_parity` (broadcast shapes, seeded upstream gradients that are not all
  ones), at kinks and special values; second derivatives by differentiating
  `autograd.grad(..., create_graph=True)` in both engines.
- `parity_tests/test_registry_gradcheck.py`: `gradcheck`/`gradgradcheck` pass for every op, give
  torch's verdict at every kink, and fail with torch's exact message (plus per-element detail).
- `parity_tests/test_random_graphs_value.py` / `test_random_graphs_tensor.py`: random expression
  DAGs of registry ops (fan-out, constants, broadcasting, several outputs) on both engines.
- `parity_tests/test_value_lecture.py`: the lecture's graphs (`L = (a*b + c)*f`, the tanh neuron
  both ways, `b = a + a`, `f = (a*b)*(a+b)`, an MLP loss, a 20,000-op chain).
- `parity_tests/test_registry_broken.py`: a registry entry with a wrong local derivative is caught
  and named, on both engines.
- `parity_tests/test_cli_parity.py`: `python -m minitorch_scalar parity` on the scripts below
  (each runs with real torch and with ours in fresh processes; printed numbers are compared).
"""


def _has(ns: object, name: str) -> str:
    return "yes" if hasattr(ns, name) else "**no**"


def op_rows() -> list[str]:
    """One markdown table row per registry op."""
    ns = importlib.import_module("minitorch_scalar")
    tensor = getattr(ns, "Tensor", None)
    rows = [
        "| op | math | `torch.<op>` / `Tensor.<op>` in ours | forward | gradient | second order | edge cases |",
        "|---|---|---|---|---|---|---|",
    ]
    for op in ops.REGISTRY.values():
        second = "Tensor: known difference" if op.name in known.TENSOR_SECOND_ORDER else "Tensor"
        edges = f"{len(op.kinks)} pinned kinks; {len(SPECIAL_VALUES)} special values x {op.arity} inputs"
        if not op.smooth:
            edges += "; a kink inside its domain"
        names = f"{_has(ns, op.name)} / {_has(tensor, op.name)}"
        math_text = op.doc.replace("|", "\\|")
        rows.append(f"| `{op.name}` | {math_text} | {names} | Value, Tensor | Value, Tensor | {second} | {edges} |")
    return rows


def known_rows() -> list[str]:
    """The known differences, per op."""
    lines = []
    for op in ops.REGISTRY.values():
        for item in known.for_op(op.name):
            lines.append(f"- `{op.name}`: {item}")
    return lines or ["None."]


def script_rows() -> list[str]:
    """The toy scripts with the first line of their docstrings."""
    lines = []
    for path in sorted(SCRIPTS_DIR.glob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text())) or ""
        role = "must be reported as different" if path.name.startswith("planted_") else "must agree"
        lines.append(f"- `{path.name}` ({role}): {doc.splitlines()[0] if doc else '(no description)'}")
    return lines


def render() -> str:
    """The whole of docs/parity.md."""
    parts = [HEADER, "## Registry ops", "", *op_rows(), "", "## Known differences", ""]
    parts += [
        "Cases the suite marks `xfail(strict=True)`: found, reported, not fixed yet.",
        "",
        *known_rows(),
        "",
    ]
    scripts = script_rows()
    if scripts:
        parts += ["## Scripts checked with `python -m minitorch_scalar parity`", "", *scripts, ""]
    return "\n".join(parts)


def main() -> None:
    """Print docs/parity.md."""
    print(render(), end="")


if __name__ == "__main__":
    main()
