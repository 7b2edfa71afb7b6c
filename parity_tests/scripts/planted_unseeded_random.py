"""A planted difference: random numbers without a seed differ between runs and engines."""

import torch

print(torch.rand(3))
