# dtype mix-ups from forums: Double vs Float in Linear, Long targets for BCE, int tensors and grads.
import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(0)
lin = nn.Linear(2, 1)
x64 = torch.from_numpy(np.array([[1.0, 2.0]]))
print(x64.dtype)
try:
    lin(x64)
except RuntimeError as e:
    print(type(e).__name__, e)
print(lin(x64.float()).dtype)
try:
    nn.BCELoss()(torch.sigmoid(torch.randn(3)), torch.tensor([1, 0, 1]))
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    nn.BCEWithLogitsLoss()(torch.randn(3), torch.tensor([1, 0, 1]))
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.tensor([1, 2, 3], requires_grad=True)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    nn.CrossEntropyLoss()(torch.randn(2, 3), torch.tensor([[0], [1]]))
except RuntimeError as e:
    print(type(e).__name__, e)
print(torch.tensor([1, 2]).float().dtype, torch.tensor([1.5]).long(), torch.tensor([1.7]).int())
print(torch.tensor([1, 2]) + torch.tensor([0.5, 0.5]))
print((torch.tensor([True, False]) + 1).dtype)
print(torch.tensor([1, 2], dtype=torch.float32).to(torch.int64))
print(torch.tensor(5).type(torch.FloatTensor))
print(torch.get_default_dtype())
try:
    torch.tensor([1.0, 2.0]).mean(dtype=torch.int64)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.arange(5).mean()
except RuntimeError as e:
    print(type(e).__name__, e)
