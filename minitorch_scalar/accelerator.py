"""``torch.accelerator`` as a CPU-only build answers it: no accelerator is available.

Recent PyTorch tutorials pick their device with
``torch.accelerator.current_accelerator().type if torch.accelerator.is_available() else "cpu"``.
"""

from __future__ import annotations

from minitorch_scalar.device import device


def is_available() -> bool:
    """False: minitorch_scalar computes on the CPU."""
    return False


def device_count() -> int:
    """0 accelerators."""
    return 0


def current_accelerator(check_available: bool = False) -> device | None:
    """None: there is no accelerator (torch returns None on a CPU-only build)."""
    return None
