# Scaled dot-product attention by hand: softmax(QK^T / sqrt(d)) V, causal mask, and grads.
import math
import torch
import torch.nn.functional as F

torch.manual_seed(0)
B, T, d = 2, 4, 8
x = torch.randn(B, T, d)
Wq = torch.randn(d, d, requires_grad=True)
Wk = torch.randn(d, d, requires_grad=True)
Wv = torch.randn(d, d, requires_grad=True)
q, k, v = x @ Wq, x @ Wk, x @ Wv
scores = q @ k.transpose(-2, -1) / math.sqrt(d)
print(scores.shape)
mask = torch.tril(torch.ones(T, T))
scores = scores.masked_fill(mask == 0, float("-inf"))
weights = F.softmax(scores, dim=-1)
print(weights[0])
out = weights @ v
print(out.shape)
print(weights.sum(dim=-1))
out.sum().backward()
print(Wq.grad.norm().item(), Wk.grad.norm().item(), Wv.grad.norm().item())
w2 = torch.softmax(q @ k.mT / d ** 0.5, dim=-1)
print(w2[1, 0])
