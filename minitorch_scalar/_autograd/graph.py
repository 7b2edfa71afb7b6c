"""``torch.autograd.graph``: the graph node type (``Node``, defined in ``minitorch_scalar.autograd``)."""

from minitorch_scalar.autograd import Node

__all__ = ["Node"]
