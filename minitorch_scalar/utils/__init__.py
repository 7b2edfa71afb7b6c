"""``torch.utils``: the data-loading helpers toy training scripts use."""

from minitorch_scalar.utils import data

__all__ = ["data"]
