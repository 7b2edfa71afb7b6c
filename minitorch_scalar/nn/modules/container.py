"""``torch.nn.modules.container``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("container"))
__all__ = sorted(name for name in collect("container") if not name.startswith("_"))
