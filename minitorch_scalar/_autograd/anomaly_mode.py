"""``torch.autograd.anomaly_mode``: anomaly detection (a backward pass checks each node's gradients for NaN).

With detection on (and ``check_nan``), a node whose backward returns a gradient holding NaN stops the pass
with torch's ``RuntimeError: Function 'DivBackward0' returned nan values in its 1th output.`` (``1th`` is
the position among the node's inputs). torch also prints the forward traceback of that op; forward
tracebacks are not recorded here, so the warning says so.
"""

from __future__ import annotations

import warnings

from minitorch_scalar.autograd import anomaly_state


def is_anomaly_enabled() -> bool:
    """Whether anomaly detection is on."""
    return anomaly_state[0]


def is_anomaly_check_nan_enabled() -> bool:
    """Whether anomaly detection checks gradients for NaN."""
    return anomaly_state[1]


class detect_anomaly:  # noqa: N801 - torch's name
    """Context manager turning anomaly detection on inside its block (with torch's warning on entry)."""

    def __init__(self, check_nan: bool = True) -> None:
        self.prev = anomaly_state[0]
        self.prev_check_nan = anomaly_state[1]
        self.check_nan = check_nan
        warnings.warn(
            "Anomaly Detection has been enabled. This mode will increase the runtime and should only be enabled "
            "for debugging.",
            UserWarning,
            stacklevel=2,
        )

    def __enter__(self) -> None:
        anomaly_state[0] = True
        anomaly_state[1] = self.check_nan

    def __exit__(self, *exc: object) -> None:
        anomaly_state[0] = self.prev
        anomaly_state[1] = self.prev_check_nan


class set_detect_anomaly:  # noqa: N801 - torch's name
    """Turn anomaly detection on or off at once; as a context manager the old setting returns on exit."""

    def __init__(self, mode: bool, check_nan: bool = True) -> None:
        self.prev = anomaly_state[0]
        self.prev_check_nan = anomaly_state[1]
        anomaly_state[0] = mode
        anomaly_state[1] = check_nan

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        anomaly_state[0] = self.prev
        anomaly_state[1] = self.prev_check_nan


__all__ = ["detect_anomaly", "is_anomaly_check_nan_enabled", "is_anomaly_enabled", "set_detect_anomaly"]
