"""``torch.device`` and the CPU-only answers scripts ask for (``torch.cuda.is_available()`` ...).

minitorch_scalar computes on the CPU only. Scripts written for PyTorch commonly pick a device with
``torch.device('cuda' if torch.cuda.is_available() else 'cpu')`` and move tensors and modules with
``.to(device)``; all of that works here, and asking for a CUDA tensor fails as a CPU-only torch build
does (``AssertionError: Torch not compiled with CUDA enabled``).
"""

from __future__ import annotations

from typing import Any

DEVICE_TYPES = (
    "cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve", "fpga", "maia", "xla",
    "lazy", "vulkan", "mps", "meta", "hpu", "mtia", "privateuseone",
)
NO_CUDA = "Torch not compiled with CUDA enabled"


class device:  # noqa: N801 - torch's name
    """A device description, ``device('cpu')``, ``device('cuda:0')`` or ``device('cuda', 0)``."""

    __slots__ = ("type", "index")
    __module__ = "torch"  # type(d) prints as torch's <class 'torch.device'>; pickles go through _rebuild_device
    type: str
    index: int | None

    def __reduce__(self) -> Any:
        return (_rebuild_device, (self.type, self.index))

    def __init__(self, type: Any, index: int | None = None) -> None:  # noqa: A002 - torch's argument name
        if isinstance(type, device):
            self.type = type.type
            self.index = type.index
            return
        if not isinstance(type, str):
            raise TypeError(f"device() received an invalid combination of arguments - got ({_typename(type)})")
        kind, _, idx = type.partition(":")
        if kind not in DEVICE_TYPES:
            expected = ", ".join(DEVICE_TYPES)
            raise RuntimeError(f"Expected one of {expected} device type at start of device string: {type}")
        if idx:
            if index is not None:
                raise RuntimeError(
                    f"type (string) must not include an index because index was passed explicitly: {type}"
                )
            if not idx.isdigit():
                raise RuntimeError(f"Invalid device string: '{type}'")
            index = int(idx)
        self.type = kind
        self.index = index

    def __repr__(self) -> str:
        if self.index is None:
            return f"device(type='{self.type}')"
        return f"device(type='{self.type}', index={self.index})"

    def __str__(self) -> str:
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, device) and (self.type, self.index) == (other.type, other.index)

    def __hash__(self) -> int:
        return hash((self.type, self.index))


def _typename(x: Any) -> str:
    return type(x).__name__


CPU = device("cpu")


def check_device(where: Any) -> device:
    """Resolve a ``device=`` / ``.to(...)`` argument, accepting only the CPU.

    Raises:
        AssertionError: for CUDA, as a CPU-only torch build does.
        RuntimeError: for other devices this build cannot use, or malformed device strings.
    """
    d = where if isinstance(where, device) else device(where) if isinstance(where, str) else None
    if d is None:
        if isinstance(where, int) and not isinstance(where, bool):
            raise AssertionError(NO_CUDA)
        raise TypeError(f"expected a device string or torch.device, got {_typename(where)}")
    if d.type == "cuda":
        raise AssertionError(NO_CUDA)
    if d.type not in ("cpu", "meta"):
        raise RuntimeError(f"minitorch_scalar computes on the CPU only; device '{d}' is not available")
    if d.type == "meta":
        raise NotImplementedError("minitorch_scalar has no 'meta' device; see README's list of supported functions")
    return CPU


def _rebuild_device(kind: str, index: int | None) -> device:
    """Unpickle a device (its class prints as torch's, so pickles name this function instead)."""
    return device(kind, index)
