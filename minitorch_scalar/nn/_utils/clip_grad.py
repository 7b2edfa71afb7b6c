"""``torch.nn.utils.clip_grad``: gradient clipping (defined in ``minitorch_scalar.nn.utils``)."""

from minitorch_scalar.nn.utils import clip_grad_norm_, clip_grad_value_

__all__ = ["clip_grad_norm_", "clip_grad_value_"]
