"""A planted difference: the two engines end with different exception types."""

import torch

print("before the error")
if torch.__name__ == "torch":
    raise ValueError("raised under real torch")
raise TypeError("raised under minitorch_scalar")
