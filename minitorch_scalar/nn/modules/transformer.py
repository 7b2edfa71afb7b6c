"""``torch.nn.modules.transformer``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("transformer"))
__all__ = sorted(name for name in collect("transformer") if not name.startswith("_"))
