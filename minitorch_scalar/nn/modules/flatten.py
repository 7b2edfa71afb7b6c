"""``torch.nn.modules.flatten``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("flatten"))
__all__ = sorted(name for name in collect("flatten") if not name.startswith("_"))
