# register_buffer, persistent buffers in state_dict, copy.deepcopy of a model, early-stopping best-model copy, weight tying.
import copy
import torch
import torch.nn as nn


class Normalizer(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.register_buffer("mean", torch.zeros(n))
        self.register_buffer("count", torch.tensor(0), persistent=False)
        self.lin = nn.Linear(n, 1)

    def forward(self, x):
        if self.training:
            self.mean = 0.9 * self.mean + 0.1 * x.mean(0)
            self.count += 1
        return self.lin(x - self.mean)


torch.manual_seed(0)
m = Normalizer(2)
print(list(m.state_dict().keys()), [n for n, _ in m.named_buffers()])
x = torch.randn(8, 2)
y = x.sum(1, keepdim=True)
opt = torch.optim.SGD(m.parameters(), lr=0.1)
best, best_state = float("inf"), None
for epoch in range(6):
    m.train()
    opt.zero_grad()
    loss = ((m(x) - y) ** 2).mean()
    loss.backward()
    opt.step()
    m.eval()
    with torch.no_grad():
        val = ((m(x) - y) ** 2).mean().item()
    if val < best:
        best, best_state = val, copy.deepcopy(m.state_dict())
    print(epoch, f"{val:.5f}", m.count.item())
print(m.mean, best_state["mean"])
clone = copy.deepcopy(m)
clone.lin.weight.data.fill_(0.0)
print(m.lin.weight, clone.lin.weight)
m.load_state_dict(best_state)
print(f"{best:.5f}")


class Tied(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Linear(3, 2, bias=False)
        self.dec = nn.Linear(2, 3, bias=False)
        self.dec.weight = nn.Parameter(self.enc.weight.t())

    def forward(self, x):
        return self.dec(self.enc(x))


t = Tied()
print(sum(p.numel() for p in t.parameters()), len(list(t.parameters())))
