# Tensor creation from other tensors: new_zeros/new_ones/new_tensor/new_full, *_like, set_default_dtype float64.
import torch
import torch.nn as nn

x = torch.tensor([[1.0, 2.0]], dtype=torch.float64)
print(x.new_zeros(2, 3), x.new_ones(2).dtype, x.new_tensor([1, 2]), x.new_full((2,), 7.0))
print(torch.empty_like(x).shape, torch.full_like(x, 3), torch.ones_like(x, dtype=torch.int32))
print(x.new_empty(3).shape)
torch.set_default_dtype(torch.float64)
print(torch.tensor([1.0]).dtype, torch.zeros(2).dtype, torch.randn(1).dtype)
torch.manual_seed(0)
lin = nn.Linear(2, 1)
print(lin.weight.dtype, lin(torch.ones(1, 2)))
torch.set_default_dtype(torch.float32)
print(torch.tensor([1.0]).dtype, torch.arange(3).dtype, torch.arange(3.0).dtype)
print(torch.tensor(1) * 2.5, (torch.tensor([1, 2], dtype=torch.int8) * 100))
print(torch.finfo(torch.float32).eps, torch.iinfo(torch.int64).max)
