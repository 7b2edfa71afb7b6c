# Physics-informed style: derivatives of a network output w.r.t. its input with create_graph, ODE residual loss.
import torch
import torch.nn as nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(1, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 1))
opt = torch.optim.Adam(net.parameters(), lr=1e-2)
t = torch.linspace(0, 1, 20).view(-1, 1).requires_grad_(True)
for step in range(30):
    u = net(t)
    du = torch.autograd.grad(u, t, grad_outputs=torch.ones_like(u), create_graph=True)[0]
    d2u = torch.autograd.grad(du, t, grad_outputs=torch.ones_like(du), create_graph=True)[0]
    residual = d2u + u
    t0 = torch.zeros(1, 1, requires_grad=True)
    u0 = net(t0)
    du0 = torch.autograd.grad(u0, t0, torch.ones_like(u0), create_graph=True)[0]
    loss = residual.pow(2).mean() + (u0 - 1).pow(2).sum() + du0.pow(2).sum()
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 10 == 0:
        print(step, f"{loss.item():.6f}")
print(du.shape, d2u.requires_grad)
print(net(torch.tensor([[0.0], [0.5]])).detach().view(-1))
