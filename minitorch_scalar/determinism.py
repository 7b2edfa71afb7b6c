"""``torch.use_deterministic_algorithms`` / ``are_deterministic_algorithms_enabled``.

minitorch_scalar's kernels are deterministic already (numpy on the CPU, one thread of Python), so the
setting is recorded and reported back, as scripts expect, and changes nothing else.
"""

from __future__ import annotations

_state = {"enabled": False, "warn_only": False}


def use_deterministic_algorithms(mode: bool, *, warn_only: bool = False) -> None:
    """Record the setting (every minitorch_scalar algorithm is deterministic)."""
    if not isinstance(mode, bool):
        raise TypeError(f"use_deterministic_algorithms expects a bool, but got {type(mode).__name__}")
    _state["enabled"] = mode
    _state["warn_only"] = bool(warn_only)


def are_deterministic_algorithms_enabled() -> bool:
    """What the last ``use_deterministic_algorithms`` call set (False by default)."""
    return _state["enabled"]


def is_deterministic_algorithms_warn_only_enabled() -> bool:
    """The ``warn_only`` flag of the last ``use_deterministic_algorithms`` call."""
    return _state["warn_only"]
