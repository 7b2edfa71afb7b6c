"""``torch.nn.modules.instancenorm``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("instancenorm"))
__all__ = sorted(name for name in collect("instancenorm") if not name.startswith("_"))
