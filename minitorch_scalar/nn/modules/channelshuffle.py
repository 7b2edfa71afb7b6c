"""``torch.nn.modules.channelshuffle``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("channelshuffle"))
__all__ = sorted(name for name in collect("channelshuffle") if not name.startswith("_"))
