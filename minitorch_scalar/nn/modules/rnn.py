"""``torch.nn.modules.rnn``: the classes of torch's file of that name that minitorch_scalar has."""

from minitorch_scalar.nn.modules import collect

globals().update(collect("rnn"))
__all__ = sorted(name for name in collect("rnn") if not name.startswith("_"))
