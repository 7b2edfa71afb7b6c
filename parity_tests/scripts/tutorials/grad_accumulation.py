# Gradient accumulation: small micro-batches summed equal one big batch's gradient.
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(5, 1)
X = torch.randn(32, 5)
y = torch.randn(32, 1)
loss_fn = nn.MSELoss()
model.zero_grad()
loss_fn(model(X), y).backward()
full_grad = model.weight.grad.clone()
model.zero_grad()
accum_steps = 4
for i in range(accum_steps):
    xb = X[i * 8:(i + 1) * 8]
    yb = y[i * 8:(i + 1) * 8]
    loss = loss_fn(model(xb), yb) / accum_steps
    loss.backward()
print(full_grad)
print(model.weight.grad)
print(torch.allclose(full_grad, model.weight.grad, atol=1e-6))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for step, i in enumerate(range(0, 32, 8)):
    loss = loss_fn(model(X[i:i + 8]), y[i:i + 8]) / 2
    loss.backward()
    if (step + 1) % 2 == 0:
        opt.step()
        opt.zero_grad()
        print(step, model.bias.item())
print(model.weight.grad)
opt.zero_grad(set_to_none=False)
print(model.weight.grad)
