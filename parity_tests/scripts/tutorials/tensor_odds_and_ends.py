"""Odds and ends a notebook reaches for: numpy interop, finfo eps, quantile, unfold windows, padding."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

# numpy interop: both directions and numpy scalars
t = torch.tensor([1.0, 2.0, 3.0])
print(t + np.array([0.5, 0.5, 0.5]), np.float64(2.0) * t, t * np.float32(0.5))
print(np.asarray(t), np.exp(t), torch.tensor([np.float32(2.5), 1]), torch.tensor([]))
print(torch.as_tensor(np.arange(3)), torch.from_numpy(np.ones((2, 2))).dtype)

# a hand-written loss with a safe log
eps = torch.finfo(torch.float32).eps
print(eps, torch.iinfo(torch.int32).max, torch.finfo(torch.float64))
p = torch.tensor([0.0, 0.3, 1.0], requires_grad=True)
y = torch.tensor([0.0, 1.0, 1.0])
loss = -(y * torch.log(p.clamp(eps, 1 - eps)) + (1 - y) * torch.log((1 - p).clamp(eps, 1 - eps))).mean()
loss.backward()
print(loss, p.grad)

# robust statistics
x = torch.randn(4, 5, requires_grad=True)
q = x.quantile(torch.tensor([0.1, 0.5, 0.9]), dim=1)
print(q)
q.sum().backward()
print(x.grad)
print(torch.diff(torch.tensor([1.0, 4.0, 9.0, 16.0])), torch.logical_and(x > 0, x < 1).sum())
print(torch.tensor([[1, 2], [1, 2], [0, 5]]).unique(dim=0), torch.unique_consecutive(torch.tensor([1, 1, 2, 1])))

# sliding windows and padding in a tiny 1-D conv by hand
signal = torch.arange(8.0, requires_grad=True)
windows = F.pad(signal.view(1, 1, -1), (1, 1), mode="reflect").view(-1).unfold(0, 3, 1)
kernel = torch.tensor([0.25, 0.5, 0.25])
smooth = (windows * kernel).sum(dim=1)
print(windows.shape, smooth)
smooth.pow(2).sum().backward()
print(signal.grad)
print(nn.ReplicationPad1d(2)(torch.arange(3.0).view(1, 1, 3)), nn.ZeroPad2d((1, 0, 0, 1)))
img = torch.arange(9.0).view(1, 1, 3, 3)
print(nn.ReflectionPad2d(1)(img), F.pad(img, (1, 1, 1, 1), mode="circular").sum())

# in-place shape changes and low-level queries
m = torch.ones(2, 3)
print(m.unsqueeze_(0).shape, m.narrow(2, 0, 2).shape, m.stride(), m.t_().shape if m.dim() <= 2 else m.squeeze_(0).shape)
print(torch.addcmul(torch.zeros(3), t, t, value=0.5), torch.zeros(3, 3).fill_diagonal_(2.0).trace())
