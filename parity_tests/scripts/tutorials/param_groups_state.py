# Per-layer learning rates with param groups, changing lr by hand, add_param_group, optimizer state inspection.
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
opt = torch.optim.SGD([
    {"params": model[0].parameters()},
    {"params": model[2].parameters(), "lr": 1e-3},
], lr=1e-2, momentum=0.9)
print(opt)
x = torch.randn(6, 3)
y = torch.randn(6, 1)
for epoch in range(4):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    opt.step()
    if epoch == 1:
        for g in opt.param_groups:
            g["lr"] *= 0.5
    print(epoch, round(loss.item(), 5), [g["lr"] for g in opt.param_groups])
state = opt.state_dict()
print(sorted(state.keys()), len(state["state"]), state["param_groups"][1]["params"])
print(opt.state[model[2].bias]["momentum_buffer"])
extra = nn.Parameter(torch.zeros(2))
opt.add_param_group({"params": [extra], "lr": 0.5})
print(len(opt.param_groups), opt.param_groups[2]["momentum"])
adam = torch.optim.Adam(model.parameters(), lr=0.01)
model(x).sum().backward()
adam.step()
st = adam.state[model[0].weight]
print(sorted(st.keys()), st["step"], st["exp_avg"].shape)
