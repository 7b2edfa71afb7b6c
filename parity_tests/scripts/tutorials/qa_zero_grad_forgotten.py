# Q&A: "loss goes up / gradients accumulate" - forgetting zero_grad, set_to_none, grad accumulation on purpose.
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(3, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
x = torch.randn(8, 3)
y = x @ torch.tensor([[1.0], [-2.0], [0.5]])
for step in range(3):
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    print(step, round(loss.item(), 4), model.weight.grad)
    opt.step()
opt.zero_grad()
print(model.weight.grad)
opt.zero_grad(set_to_none=False)
print(model.weight.grad)
model.zero_grad()
print(model.bias.grad)
accum = 4
opt.zero_grad()
for i in range(accum):
    xb, yb = x[2 * i: 2 * i + 2], y[2 * i: 2 * i + 2]
    loss = nn.functional.mse_loss(model(xb), yb) / accum
    loss.backward()
opt.step()
print(model.weight, model.bias)
for p in model.parameters():
    p.grad = None
print([p.grad for p in model.parameters()])
