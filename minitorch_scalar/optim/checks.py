"""Argument checks shared by the optimizers, with torch's exception types and messages."""

from __future__ import annotations

from typing import Any

_CAPTURABLE_DEVICES = "['cuda', 'xpu', 'hpu', 'privateuseone', 'xla']"


def check_nonnegative(*checks: tuple[str, float]) -> None:
    """``ValueError("Invalid <label>: <value>")`` for the first negative value of ``(label, value)`` pairs."""
    for label, value in checks:
        if not 0.0 <= value:
            raise ValueError(f"Invalid {label}: {value}")


def check_betas(betas: tuple[float, float]) -> None:
    """Each beta must lie in [0, 1) (torch's ``Invalid beta parameter at index i``)."""
    for i, beta in enumerate(betas):
        if not 0.0 <= beta < 1.0:
            raise ValueError(f"Invalid beta parameter at index {i}: {beta}")


def refuse_capturable(group: dict[str, Any], tensors: str = "params and state_steps", xla: bool = True) -> None:
    """torch raises ``AssertionError`` at ``step()`` when ``capturable=True`` on CPU tensors; so do we.

    Args:
        group: the parameter group about to be updated.
        tensors: the words torch's message uses for the tensors it checked.
        xla: whether torch's list of devices names ``'xla'`` (Adadelta's does not).
    """
    if group.get("capturable"):
        devices = _CAPTURABLE_DEVICES if xla else _CAPTURABLE_DEVICES.replace(", 'xla'", "")
        raise AssertionError(f"If capturable=True, {tensors} must be on supported devices: {devices}.")
