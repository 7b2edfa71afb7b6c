"""torch.amp for a CPU-only float32/float64 engine: ``autocast`` and ``GradScaler``, honestly.

* ``autocast(device_type, dtype=None, enabled=True)``: with ``enabled=False`` a no-op context (and decorator), as
  in torch. ``device_type="cuda"`` is disabled with torch's warning (there is no CUDA). An enabled CPU autocast
  would run ops in bfloat16 or float16, which this engine does not do: that raises NotImplementedError naming it.
* ``GradScaler(device="cuda", init_scale=2.**16, growth_factor=2.0, backoff_factor=0.5, growth_interval=2000,
  enabled=True)``: for "cuda" it disables itself with torch's warning; disabled, ``scale`` returns its input,
  ``step`` is ``optimizer.step()`` and ``get_scale()`` is 1.0. On "cpu" it scales for real: ``scale(loss)`` is
  ``loss * s``; ``unscale_`` multiplies every grad by 1/s and notes non-finite grads; ``step`` skips the
  optimizer step when one was found; ``update`` halves s after such a step (``backoff_factor``) and doubles it
  (``growth_factor``) after ``growth_interval`` clean steps in a row.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from minitorch_scalar.tensor import Tensor

__all__ = ["GradScaler", "autocast", "is_autocast_available", "is_autocast_enabled"]

_DEVICE_TYPES = (
    "cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, maia, xla, lazy, vulkan, mps, meta, hpu, "
    "mtia, privateuseone"
)


def is_autocast_available(device_type: str) -> bool:
    """Whether torch could autocast on ``device_type`` (cpu and cuda; minitorch_scalar runs neither enabled)."""
    return device_type in ("cpu", "cuda")


def is_autocast_enabled(device_type: str | None = None) -> bool:
    """False: an autocast region is never enabled here (torch.is_autocast_enabled)."""
    return False


class autocast:  # noqa: N801 - torch's class name
    """Mixed-precision region: a no-op when disabled; enabled autocast needs half-precision dtypes we lack.

    Raises:
        ValueError: ``device_type`` is not a str (torch's message).
        RuntimeError: ``device_type`` is not a device type torch knows (torch's message).
        NotImplementedError: an enabled CPU autocast (it would compute in bfloat16/float16).
    """

    def __init__(self, device_type: str, dtype: Any = None, enabled: bool = True,
                 cache_enabled: bool | None = None) -> None:
        if not isinstance(device_type, str):
            raise ValueError(f"Expected `device_type` of type `str`, got: `{type(device_type)}`")
        if device_type.split(":")[0] not in _DEVICE_TYPES.split(", "):
            raise RuntimeError(f"Expected one of {_DEVICE_TYPES} device type at start of device string: "
                               f"{device_type}")
        if enabled and device_type == "cuda":
            warnings.warn("CUDA is not available or torch_xla is imported. Disabling autocast.", UserWarning,
                          stacklevel=2)
            enabled = False
        if enabled:
            wanted = "bfloat16" if dtype is None else getattr(dtype, "name", str(dtype))
            raise NotImplementedError(
                f"torch.autocast(device_type={device_type!r}, enabled=True) would compute in {wanted}; "
                "minitorch_scalar has no mixed precision (float32/float64 only): pass enabled=False"
            )
        self.device = device_type
        self.fast_dtype = dtype
        self._enabled = False

    def __enter__(self) -> autocast:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def __call__(self, func: Callable[..., Any]) -> Callable[..., Any]:
        """Use as a decorator: ``func`` runs inside this (disabled) autocast region."""

        def run(*args: Any, **kwargs: Any) -> Any:
            with self:
                return func(*args, **kwargs)

        return run


class GradScaler:
    """Loss scaling for mixed precision (see the module docstring for what each method does)."""

    def __init__(self, device: str = "cuda", init_scale: float = 2.0**16, growth_factor: float = 2.0,
                 backoff_factor: float = 0.5, growth_interval: int = 2000, enabled: bool = True) -> None:
        if enabled and device == "cuda":
            warnings.warn("torch.cuda.amp.GradScaler is enabled, but CUDA is not available.  Disabling.",
                          UserWarning, stacklevel=2)
            enabled = False
        self._device = device
        self._enabled = enabled
        self._scale = float(init_scale)
        self._growth_factor = float(growth_factor)
        self._backoff_factor = float(backoff_factor)
        self._growth_interval = int(growth_interval)
        self._growth_tracker = 0
        self._unscaled: dict[int, bool] = {}  # id(optimizer) -> whether a non-finite grad was found

    def is_enabled(self) -> bool:
        """Whether scaling is on."""
        return self._enabled

    def get_scale(self) -> float:
        """The current scale (1.0 when disabled)."""
        return self._scale if self._enabled else 1.0

    def get_growth_factor(self) -> float:
        """The factor the scale grows by after ``growth_interval`` clean steps."""
        return self._growth_factor

    def get_backoff_factor(self) -> float:
        """The factor the scale shrinks by after a step with non-finite grads."""
        return self._backoff_factor

    def get_growth_interval(self) -> int:
        """How many clean steps in a row before the scale grows."""
        return self._growth_interval

    def scale(self, outputs: Any) -> Any:
        """``outputs * scale`` (a tensor, or each tensor of an iterable); ``outputs`` itself when disabled."""
        if not self._enabled:
            return outputs
        if isinstance(outputs, Tensor):
            return outputs * self._scale
        if isinstance(outputs, (list, tuple)) and all(isinstance(o, Tensor) for o in outputs):
            return type(outputs)(o * self._scale for o in outputs)
        raise ValueError("outputs must be a Tensor or an iterable of Tensors")

    def unscale_(self, optimizer: Any) -> None:
        """Divide the grads of ``optimizer``'s params by the scale, noting any inf/nan among them."""
        if not self._enabled:
            return
        if id(optimizer) in self._unscaled:
            raise RuntimeError("unscale_() has already been called on this optimizer since the last update().")
        inv = 1.0 / self._scale
        found = False
        for group in optimizer.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    data = p.grad._data
                    np.multiply(data, inv, out=data, casting="unsafe")
                    found = found or not bool(np.isfinite(data).all())
        self._unscaled[id(optimizer)] = found

    def step(self, optimizer: Any, *args: Any, **kwargs: Any) -> Any:
        """Unscale (unless done), then ``optimizer.step()`` unless a grad was inf/nan (then None)."""
        if not self._enabled:
            return optimizer.step(*args, **kwargs)
        if id(optimizer) not in self._unscaled:
            self.unscale_(optimizer)
        return None if self._unscaled[id(optimizer)] else optimizer.step(*args, **kwargs)

    def update(self, new_scale: float | Tensor | None = None) -> None:
        """Back off after a skipped step, grow after ``growth_interval`` clean ones (or set ``new_scale``)."""
        if not self._enabled:
            return
        if new_scale is not None:
            self._scale = float(new_scale)
        elif any(self._unscaled.values()):
            self._scale *= self._backoff_factor
            self._growth_tracker = 0
        elif self._unscaled:
            self._growth_tracker += 1
            if self._growth_tracker == self._growth_interval:
                self._scale = min(self._scale * self._growth_factor, math.inf)
                self._growth_tracker = 0
        self._unscaled = {}

    def state_dict(self) -> dict[str, Any]:
        """The scale and its schedule ({} when disabled), as torch's keys."""
        if not self._enabled:
            return {}
        return {"scale": self._scale, "growth_factor": self._growth_factor, "backoff_factor": self._backoff_factor,
                "growth_interval": self._growth_interval, "_growth_tracker": self._growth_tracker}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Restore what :meth:`state_dict` gave."""
        if not self._enabled:
            return
        if not state_dict:
            raise RuntimeError("The source state dict is empty, possibly because it was saved from a disabled "
                               "instance of GradScaler.")
        self._scale = float(state_dict["scale"])
        self._growth_factor = float(state_dict["growth_factor"])
        self._backoff_factor = float(state_dict["backoff_factor"])
        self._growth_interval = int(state_dict["growth_interval"])
        self._growth_tracker = int(state_dict["_growth_tracker"])
