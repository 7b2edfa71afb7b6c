"""``torch.backends.cudnn``: settable flags with torch's defaults; cuDNN is never available here."""

from __future__ import annotations

enabled = True
deterministic = False
benchmark = False
allow_tf32 = True


def is_available() -> bool:
    """False: there is no cuDNN on the CPU."""
    return False


def version() -> int | None:
    """None: cuDNN is not available."""
    return None
