"""Lazy access to real PyTorch, which only the parity tools need."""

from __future__ import annotations

import importlib
from types import ModuleType

INSTALL_HINT = "pip install 'minitorch-scalar[parity]'"


def load_torch() -> ModuleType:
    """Import and return real torch.

    Raises:
        ImportError: naming the extra to install when torch is missing.
    """
    try:
        return importlib.import_module("torch")
    except ImportError as exc:
        raise ImportError(
            f"minitorch_scalar's parity tools compare against real PyTorch, which is not installed: {INSTALL_HINT}"
        ) from exc
