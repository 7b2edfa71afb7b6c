"""``torch.nn.modules.activation``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("activation"))
__all__ = sorted(name for name in collect("activation") if not name.startswith("_"))
