"""``torch.nn.modules.batchnorm``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("batchnorm"))
__all__ = sorted(name for name in collect("batchnorm") if not name.startswith("_"))
