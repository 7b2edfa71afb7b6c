"""minitorch_scalar: an educational autograd library that speaks PyTorch.

``from minitorch_scalar import Value, draw_dot`` gives the micrograd lecture's objects;
``import minitorch_scalar as torch`` gives a torch-named Tensor engine.
"""

from minitorch_scalar import ops
from minitorch_scalar.numeric import numerical_grad
from minitorch_scalar.value import Value

__version__ = "0.1.0"

__all__ = ["Value", "numerical_grad", "ops"]
