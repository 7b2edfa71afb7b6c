"""Known disagreements with torch that the parity suite found and has not seen fixed yet.

The suite marks these cases ``xfail(strict=True)``: when one is fixed its test fails until the entry
is removed here. ``docs/parity.md`` lists them. Keys are the parity tests' case ids.
"""

from __future__ import annotations

VALUE_SPECIAL: dict[str, str] = {}
"""Value engine, one op at special values: ``<op>-input<i>=<value>`` (the other inputs mid-domain) or
``<op>(<a>, <b>)``."""

TENSOR_SPECIAL: dict[str, str] = {}
"""Tensor engine, one op with special values in one input: ``<op>-input<i>``."""

TENSOR_SECOND_ORDER: dict[str, str] = {}
"""Tensor engine, second derivatives: ``<op>``."""


def for_op(name: str) -> list[str]:
    """Every known difference of one op, as ``'<case>: <reason>'``."""
    found = []
    for table in (VALUE_SPECIAL, TENSOR_SPECIAL):
        for case, reason in table.items():
            if case.startswith((f"{name}(", f"{name}-input")):
                found.append(f"{case}: {reason}")
    if name in TENSOR_SECOND_ORDER:
        found.append(f"second order: {TENSOR_SECOND_ORDER[name]}")
    return found
