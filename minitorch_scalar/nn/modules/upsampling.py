"""``torch.nn.modules.upsampling``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("upsampling"))
__all__ = sorted(name for name in collect("upsampling") if not name.startswith("_"))
