"""``torch.nn.modules.normalization``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("normalization"))
__all__ = sorted(name for name in collect("normalization") if not name.startswith("_"))
