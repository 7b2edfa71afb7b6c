"""``torch.nn.modules.padding``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("padding"))
__all__ = sorted(name for name in collect("padding") if not name.startswith("_"))
