# Shape and dtype mistakes people post on forums: mismatched matmul, broadcast failure, Long vs Float.
import torch
import torch.nn as nn

a = torch.randn(3, 4)
b = torch.randn(3, 4)
try:
    a @ b
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    a + torch.randn(3)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.mm(a, torch.randn(5, 2))
except RuntimeError as e:
    print(type(e).__name__, e)
lin = nn.Linear(4, 2)
try:
    lin(torch.randn(2, 3))
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    lin(torch.tensor([[1, 2, 3, 4]]))
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    nn.CrossEntropyLoss()(torch.randn(3, 5), torch.tensor([1.0, 2.0, 0.0]))
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    nn.MSELoss()(torch.randn(3, 1), torch.randn(3))
except Exception as e:
    print(type(e).__name__, e)
try:
    nn.CrossEntropyLoss()(torch.randn(3, 5), torch.tensor([1, 7, 0]))
except IndexError as e:
    print(type(e).__name__, e)
try:
    a.view(5, -1)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    a.t().view(-1)
except RuntimeError as e:
    print(type(e).__name__, str(e)[:60])
print(a.t().reshape(-1).shape, a.t().contiguous().view(-1).shape)
try:
    torch.cat([a, torch.randn(2, 3)])
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.stack([a, torch.randn(3, 5)])
except RuntimeError as e:
    print(type(e).__name__, e)
print((torch.tensor([1, 2]) / 2).dtype, (torch.tensor([1, 2]) // 2).dtype)
