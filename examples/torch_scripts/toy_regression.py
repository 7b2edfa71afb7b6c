"""A toy PyTorch script, unmodified: fit y = 2x - 1 with a one-hidden-layer network.

Runs with real PyTorch (python examples/torch_scripts/toy_regression.py) and, unchanged, on
minitorch_scalar (python -m minitorch_scalar run examples/torch_scripts/toy_regression.py).
"""

import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.linspace(-1, 1, 32).unsqueeze(1)
Y = 2 * X - 1 + 0.1 * torch.randn(32, 1)

model = nn.Sequential(nn.Linear(1, 8), nn.Tanh(), nn.Linear(8, 1))
loss_fn = nn.MSELoss()
opt = torch.optim.SGD(model.parameters(), lr=0.1)

for epoch in range(60):
    opt.zero_grad()
    loss = loss_fn(model(X), Y)
    loss.backward()
    opt.step()
    if epoch % 5 == 0:
        print(f"epoch {epoch:2d} loss {loss.item():.6f}")

print("prediction at x=0.5:", model(torch.tensor([[0.5]])))
print("first layer bias grad:", model[0].bias.grad)
