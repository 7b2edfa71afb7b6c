"""Stochastic weight averaging, as in the PyTorch SWA tutorial: train with SGD, switch to SWALR after a
few epochs while averaging the weights with AveragedModel, recompute BatchNorm statistics with
update_bn; also an exponential moving average of the weights."""

import torch
import torch.nn as nn
from torch.optim.swa_utils import SWALR, AveragedModel, get_ema_multi_avg_fn, update_bn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
X = torch.randn(64, 4)
Y = (X[:, :1] * 2 - X[:, 1:2]).tanh()
loader = DataLoader(TensorDataset(X, Y), batch_size=16, shuffle=True)

model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=10)
swa_model = AveragedModel(model)
ema_model = AveragedModel(model, multi_avg_fn=get_ema_multi_avg_fn(0.9))
swa_scheduler = SWALR(optimizer, swa_lr=0.05, anneal_epochs=2)
swa_start = 3
for epoch in range(6):
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(xb), yb)
        loss.backward()
        optimizer.step()
        ema_model.update_parameters(model)
    if epoch >= swa_start:
        swa_model.update_parameters(model)
        swa_scheduler.step()
    else:
        scheduler.step()
    print(epoch, f"{loss.item():.4f}", [f"{lr:.5f}" for lr in swa_scheduler.get_last_lr()], swa_model.n_averaged)
update_bn(loader, swa_model)
swa_model.eval()
print(swa_model.module[1].running_mean)
print(nn.functional.mse_loss(swa_model(X), Y))
print(ema_model.module[0].bias, ema_model.n_averaged)
print(swa_model)
print(sorted(swa_scheduler.state_dict()))
