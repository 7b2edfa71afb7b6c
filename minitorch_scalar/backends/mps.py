"""``torch.backends.mps``: Apple's GPU backend is neither built nor available."""

from __future__ import annotations


def is_available() -> bool:
    """False: minitorch_scalar computes on the CPU."""
    return False


def is_built() -> bool:
    """False: no MPS support is built in."""
    return False
