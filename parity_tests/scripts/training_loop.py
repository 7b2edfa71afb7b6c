"""A small seeded training loop (torch_semantics.md section 10's end-to-end check)."""

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(1, 8), nn.Tanh(), nn.Linear(8, 1))
opt = torch.optim.SGD(model.parameters(), lr=0.05)
X = torch.linspace(-1, 1, 10).unsqueeze(1)
Y = X**2
for step in range(3):
    opt.zero_grad()
    loss = F.mse_loss(model(X), Y)
    loss.backward()
    opt.step()
    print(step, loss.item())
print(model(torch.tensor([[0.5]])))
