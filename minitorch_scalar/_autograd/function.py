"""``torch.autograd.function``: custom autograd Functions (defined in ``minitorch_scalar.custom_function``)."""

from minitorch_scalar.custom_function import BackwardCFunction, Function, FunctionCtx, once_differentiable

__all__ = ["BackwardCFunction", "Function", "FunctionCtx", "once_differentiable"]
