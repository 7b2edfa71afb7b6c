# Exponential moving average of weights (mean teacher), deepcopy, parameters_to_vector, in-place param ops.
import copy
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1))
ema = copy.deepcopy(model)
for p in ema.parameters():
    p.requires_grad_(False)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.randn(16, 3), torch.randn(16, 1)
decay = 0.9
for step in range(5):
    opt.zero_grad()
    nn.functional.mse_loss(model(x), y).backward()
    opt.step()
    with torch.no_grad():
        for ema_p, p in zip(ema.parameters(), model.parameters()):
            ema_p.mul_(decay).add_(p, alpha=1 - decay)
    print(step, nn.functional.mse_loss(ema(x), y).item())
v = nn.utils.parameters_to_vector(model.parameters())
print(v.shape)
nn.utils.vector_to_parameters(torch.zeros_like(v), ema.parameters())
print(ema[0].bias)
sd = model.state_dict()
sd["0.bias"].fill_(1.0)
print(model[0].bias)
with torch.no_grad():
    model[2].weight.copy_(torch.ones(1, 4))
    model[2].weight.lerp_(torch.zeros(1, 4), 0.25)
print(model[2].weight)
