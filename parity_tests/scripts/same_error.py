"""Both engines raise the same error: that is parity too."""

import torch

print(torch.tensor([1.0, 2.0]) * 2)
torch.tensor([1.0, 2.0]).item()
