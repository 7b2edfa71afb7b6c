# Learning-rate schedulers: StepLR, ExponentialLR, MultiStepLR, LambdaLR, CosineAnnealingLR, ReduceLROnPlateau.
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR, ExponentialLR, MultiStepLR, LambdaLR, CosineAnnealingLR, ReduceLROnPlateau

torch.manual_seed(0)
model = nn.Linear(2, 1)


def run(make, n=6):
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    sched = make(opt)
    lrs = []
    for _ in range(n):
        opt.step()
        sched.step()
        lrs.append(round(opt.param_groups[0]["lr"], 6))
    print(type(sched).__name__, lrs, [round(v, 6) for v in sched.get_last_lr()])


run(lambda o: StepLR(o, step_size=2, gamma=0.5))
run(lambda o: ExponentialLR(o, gamma=0.9))
run(lambda o: MultiStepLR(o, milestones=[2, 4], gamma=0.1))
run(lambda o: LambdaLR(o, lr_lambda=lambda epoch: 0.95 ** epoch))
run(lambda o: CosineAnnealingLR(o, T_max=6))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
plateau = ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=1)
for val_loss in [1.0, 0.9, 0.95, 0.97, 0.99, 0.5]:
    plateau.step(val_loss)
    print(opt.param_groups[0]["lr"])
