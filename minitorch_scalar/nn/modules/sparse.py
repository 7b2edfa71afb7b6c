"""``torch.nn.modules.sparse``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("sparse"))
__all__ = sorted(name for name in collect("sparse") if not name.startswith("_"))
