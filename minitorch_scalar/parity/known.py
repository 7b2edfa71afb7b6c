"""Known disagreements with torch that the parity suite found and has not seen fixed yet.

The suite marks these cases ``xfail(strict=True)``: when one is fixed its test fails until the entry
is removed here. ``docs/parity.md`` lists them. Keys are the parity tests' case ids.
"""

from __future__ import annotations

VALUE_SPECIAL: dict[str, str] = {
    "div(0.0, 1e-300)": "registry div d/db = -a/(b*b) underflows to -0/0 = nan; torch computes -(a/b)/b = -0.0",
    "clamp(0.0, inf, 3.35)": "low > high: torch gives the grad to high (clamp = min(max(x, low), high)), ours to low",
    "clamp(0.0, 1e+300, 3.35)": "low > high: torch gives the grad to high, ours to low",
    "clamp(0.0, nan, 3.35)": "a nan bound: torch's clamp returns nan (grads 0), ours returns x",
    "clamp(0.0, -3.35, nan)": "a nan bound: torch's clamp returns nan (grads 0), ours returns x",
    **{
        f"{name}{point}": f"torch.{name} returns its first input at a tie of zeros (so its sign), ours the second"
        for name in ("maximum", "minimum")
        for point in ((0.0, -0.0), (-0.0, 0.0))
    },
}
"""Value engine, one op at special values: ``<op>(<inputs>)``."""

TENSOR_SPECIAL: dict[str, str] = {
    "div-input1": "registry div d/db = -a/(b*b) underflows to -0/0 = nan at b = 1e-300; torch computes -(a/b)/b",
    "clamp-input1": "low > high or a nan bound: torch's clamp gives high / nan (and the grads follow), ours does not",
    "clamp-input2": "a nan bound: torch's clamp returns nan, ours returns x",
}
"""Tensor engine, one op with special values in one input: ``<op>-input<i>``."""

TENSOR_SECOND_ORDER: dict[str, str] = {
    "relu": "torch's relu grad with create_graph has a graph (ThresholdBackwardBackward0) whose grad is 0; "
    "ours has none, so the input's grad is None instead of 0",
}
"""Tensor engine, second derivatives: ``<op>``."""


def for_op(name: str) -> list[str]:
    """Every known difference of one op, as ``'<case>: <reason>'``."""
    found = []
    for table in (VALUE_SPECIAL, TENSOR_SPECIAL):
        for case, reason in table.items():
            if case.startswith((f"{name}(", f"{name}-")):
                found.append(f"{case}: {reason}")
    if name in TENSOR_SECOND_ORDER:
        found.append(f"second order: {TENSOR_SECOND_ORDER[name]}")
    return found
