"""``torch.nn.modules.fold``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("fold"))
__all__ = sorted(name for name in collect("fold") if not name.startswith("_"))
