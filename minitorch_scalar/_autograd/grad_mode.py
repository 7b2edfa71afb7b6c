"""``torch.autograd.grad_mode``: the grad-mode context managers (defined in ``minitorch_scalar.autograd``)."""

from minitorch_scalar.autograd import enable_grad, inference_mode, no_grad, set_grad_enabled

__all__ = ["enable_grad", "inference_mode", "no_grad", "set_grad_enabled"]
