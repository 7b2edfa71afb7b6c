"""``torch.nn.modules.module``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("module"))
__all__ = sorted(name for name in collect("module") if not name.startswith("_"))
