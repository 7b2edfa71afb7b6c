# Q&A: gradient clipping with clip_grad_norm_ and clip_grad_value_.
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
x = torch.randn(16, 4) * 10
y = torch.randn(16, 1) * 10
for step in range(5):
    opt.zero_grad()
    loss = nn.MSELoss()(model(x), y)
    loss.backward()
    total = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    after = torch.sqrt(sum(p.grad.pow(2).sum() for p in model.parameters()))
    print(step, f"{loss.item():.4f}", f"{total.item():.4f}", f"{after.item():.4f}")
    opt.step()
opt.zero_grad()
nn.MSELoss()(model(x), y).backward()
nn.utils.clip_grad_value_(model.parameters(), clip_value=0.05)
print(model[2].weight.grad.abs().max())
nrm = nn.utils.clip_grad_norm_(model.parameters(), 2.0, norm_type=float("inf"))
print(nrm)
print(nn.utils.parameters_to_vector(model.parameters()).shape)
