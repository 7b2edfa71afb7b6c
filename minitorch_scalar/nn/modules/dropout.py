"""``torch.nn.modules.dropout``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("dropout"))
__all__ = sorted(name for name in collect("dropout") if not name.startswith("_"))
