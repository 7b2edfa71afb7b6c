"""``torch.nn.modules.linear``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("linear"))
__all__ = sorted(name for name in collect("linear") if not name.startswith("_"))
