"""``torch.nn.utils.convert_parameters``: parameters to one vector and back (from ``nn.utils``)."""

from minitorch_scalar.nn.utils import parameters_to_vector, vector_to_parameters

__all__ = ["parameters_to_vector", "vector_to_parameters"]
