"""``torch.nn.modules.pooling``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("pooling"))
__all__ = sorted(name for name in collect("pooling") if not name.startswith("_"))
