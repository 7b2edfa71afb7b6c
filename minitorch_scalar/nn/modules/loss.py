"""``torch.nn.modules.loss``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("loss"))
__all__ = sorted(name for name in collect("loss") if not name.startswith("_"))
