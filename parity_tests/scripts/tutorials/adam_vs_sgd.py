# Compare optimizers on the same problem: SGD, SGD+momentum, Adam, RMSprop, Adagrad, AdamW.
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.randn(50, 3)
y = X @ torch.tensor([1.5, -2.0, 0.7]) + 0.3


def train(opt_name, **kw):
    torch.manual_seed(1)
    model = nn.Linear(3, 1)
    opt = getattr(torch.optim, opt_name)(model.parameters(), **kw)
    for _ in range(50):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(X).squeeze(), y)
        loss.backward()
        opt.step()
    return loss.item()


for name, kw in [("SGD", {"lr": 0.05}), ("SGD", {"lr": 0.05, "momentum": 0.9}),
                 ("SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
                 ("SGD", {"lr": 0.05, "weight_decay": 1e-2}),
                 ("Adam", {"lr": 0.05}), ("Adam", {"lr": 0.05, "betas": (0.8, 0.9)}),
                 ("AdamW", {"lr": 0.05}), ("RMSprop", {"lr": 0.01}), ("Adagrad", {"lr": 0.5})]:
    print(f"{name:8s} {kw} {train(name, **kw):.6f}")
opt = torch.optim.Adam(nn.Linear(2, 2).parameters())
print(opt)
print(opt.defaults["lr"], len(opt.param_groups), opt.param_groups[0]["betas"])
