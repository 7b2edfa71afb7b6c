"""``torch.backends.cuda``: not built; ``matmul.allow_tf32`` is a settable flag as in torch."""

from __future__ import annotations

from types import SimpleNamespace

matmul = SimpleNamespace(allow_tf32=False)
"""``torch.backends.cuda.matmul.allow_tf32`` (no effect on the CPU)."""


def is_built() -> bool:
    """False: no CUDA support is built in."""
    return False
