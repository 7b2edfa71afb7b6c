"""``torch.cuda`` as a CPU-only build answers it: no devices; seeding calls are accepted and do nothing."""

from __future__ import annotations

from minitorch_scalar.device import NO_CUDA


def is_available() -> bool:
    """False: minitorch_scalar computes on the CPU."""
    return False


def device_count() -> int:
    """0 CUDA devices."""
    return 0


def is_initialized() -> bool:
    """False: CUDA is never initialised."""
    return False


def manual_seed(seed: int) -> None:
    """Accepted and ignored, as in a CPU-only torch (there is no CUDA generator to seed)."""
    int(seed)


def manual_seed_all(seed: int) -> None:
    """Accepted and ignored, as in a CPU-only torch."""
    int(seed)


def current_device() -> int:
    """Raises, as a CPU-only torch does."""
    raise AssertionError(NO_CUDA)


def synchronize(device: object = None) -> None:
    """Raises, as a CPU-only torch does."""
    raise AssertionError(NO_CUDA)
