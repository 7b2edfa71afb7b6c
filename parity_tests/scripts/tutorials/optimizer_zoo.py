"""The less common optimizers and schedulers on a tiny regression: warm-up then cosine (SequentialLR),
cosine with warm restarts, cyclic rates with Adam's beta1 cycling, and each optimizer's printout."""

import torch
import torch.nn as nn
import torch.optim as optim
from torch.optim import lr_scheduler

torch.manual_seed(0)
X = torch.randn(32, 3)
Y = X @ torch.tensor([[1.5], [-2.0], [0.5]]) + 0.3


def train(make_opt, make_sched=None, steps=12):
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 1))
    opt = make_opt(model.parameters())
    sched = make_sched(opt) if make_sched else None
    for _ in range(steps):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(X), Y)
        loss.backward()
        opt.step()
        if sched is not None:
            sched.step()
    lr = sched.get_last_lr()[0] if sched is not None else opt.param_groups[0]["lr"]
    return loss.item(), lr, opt


runs = {
    "Adadelta": (lambda p: optim.Adadelta(p, lr=1.0), None),
    "Adamax": (lambda p: optim.Adamax(p, lr=0.02), lambda o: lr_scheduler.PolynomialLR(o, total_iters=10, power=2.0)),
    "NAdam": (lambda p: optim.NAdam(p, lr=0.02, decoupled_weight_decay=True, weight_decay=0.01),
              lambda o: lr_scheduler.SequentialLR(
                  o, [lr_scheduler.LinearLR(o, start_factor=0.1, total_iters=4),
                      lr_scheduler.CosineAnnealingLR(o, T_max=8)], milestones=[4])),
    "RAdam": (lambda p: optim.RAdam(p, lr=0.02),
              lambda o: lr_scheduler.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2)),
    "ASGD": (lambda p: optim.ASGD(p, lr=0.05, t0=5), lambda o: lr_scheduler.MultiplicativeLR(o, lambda e: 0.97)),
    "Rprop": (lambda p: optim.Rprop(p, lr=0.01), None),
    "Adam+CyclicLR": (lambda p: optim.Adam(p, lr=0.01),
                      lambda o: lr_scheduler.CyclicLR(o, base_lr=0.001, max_lr=0.02, step_size_up=3,
                                                      mode="triangular2")),
    "SGD+Chained": (lambda p: optim.SGD(p, lr=0.05, momentum=0.9),
                    lambda o: lr_scheduler.ChainedScheduler([lr_scheduler.ConstantLR(o, factor=0.5, total_iters=3),
                                                             lr_scheduler.ExponentialLR(o, gamma=0.95)])),
}
for name, (make_opt, make_sched) in runs.items():
    loss, lr, opt = train(make_opt, make_sched)
    print(f"{name:14s} loss {loss:.4f} lr {lr:.6f}")
    if "betas" in opt.param_groups[0]:
        print("   betas", tuple(round(b, 6) for b in opt.param_groups[0]["betas"]))
print(train(lambda p: optim.NAdam(p), None, 1)[2])
print(train(lambda p: optim.Rprop(p), None, 1)[2])
