"""``torch.nn.modules.distance``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("distance"))
__all__ = sorted(name for name in collect("distance") if not name.startswith("_"))
