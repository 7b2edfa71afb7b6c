"""``torch.autograd.variable``: the pre-0.4 ``Variable`` wrapper (defined in ``minitorch_scalar.autograd``)."""

from minitorch_scalar.autograd import Variable

__all__ = ["Variable"]
