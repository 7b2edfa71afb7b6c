"""``torch.nn.modules.pixelshuffle``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("pixelshuffle"))
__all__ = sorted(name for name in collect("pixelshuffle") if not name.startswith("_"))
