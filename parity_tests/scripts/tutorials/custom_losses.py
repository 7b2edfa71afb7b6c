# Custom loss functions as plain functions and nn.Module subclasses; built-in loss variety.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def rmse(pred, target):
    return torch.sqrt(torch.mean((pred - target) ** 2))


class HuberLoss(nn.Module):
    def __init__(self, delta=1.0):
        super().__init__()
        self.delta = delta

    def forward(self, pred, target):
        err = pred - target
        quad = torch.clamp(err.abs(), max=self.delta)
        lin = err.abs() - quad
        return (0.5 * quad ** 2 + self.delta * lin).mean()


pred = torch.randn(6, requires_grad=True)
target = torch.randn(6) * 2
for name, fn in [("rmse", rmse), ("huber", HuberLoss(0.5)), ("l1", nn.L1Loss()),
                 ("smoothl1", nn.SmoothL1Loss()), ("huber_builtin", nn.HuberLoss(delta=0.5)),
                 ("mse_sum", nn.MSELoss(reduction="sum"))]:
    pred.grad = None
    loss = fn(pred, target)
    loss.backward()
    print(name, f"{loss.item():.5f}", pred.grad)
logits = torch.randn(4, requires_grad=True)
labels = torch.tensor([1.0, 0.0, 1.0, 0.0])
print(nn.BCEWithLogitsLoss()(logits, labels), nn.BCELoss()(torch.sigmoid(logits), labels))
print(F.binary_cross_entropy_with_logits(logits, labels, pos_weight=torch.tensor(2.0)))
print(nn.MSELoss(reduction="none")(pred, target))
print(F.l1_loss(pred, target, reduction="sum"))
