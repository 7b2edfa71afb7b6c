"""``torch.nn.modules.conv``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("conv"))
__all__ = sorted(name for name in collect("conv") if not name.startswith("_"))
