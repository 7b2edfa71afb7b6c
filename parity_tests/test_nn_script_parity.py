"""Unmodified PyTorch training scripts run on minitorch_scalar and print what torch prints.

Each script is plain torch code (``import torch``, ``torch.nn``, ``torch.optim``); it runs once with real
torch and once inside :func:`minitorch_scalar.importmap.torch_as_minitorch`, and the printed lines
(losses to 4 decimals, accuracies, reprs) must be identical.
"""

from __future__ import annotations

import contextlib
import io

import pytest

pytest.importorskip("torch")

from minitorch_scalar.importmap import torch_as_minitorch  # noqa: E402

CLASSIFIER = '''
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import optim

torch.manual_seed(0)
X = torch.randn(64, 2)
y = ((X[:, 0] * X[:, 1]) > 0).long()


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(2, 16)
        self.drop = nn.Dropout(0.1)
        self.out = nn.Linear(16, 2)

    def forward(self, x):
        return self.out(self.drop(F.relu(self.hidden(x))))


model = Net()
print(model)
opt = optim.Adam(model.parameters(), lr=0.05)
sched = optim.lr_scheduler.StepLR(opt, step_size=10, gamma=0.5)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(30):
    model.train()
    for start in range(0, 64, 16):
        xb, yb = X[start:start + 16], y[start:start + 16]
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
    sched.step()
    if epoch % 5 == 4:
        print(epoch, f"{loss.item():.4f}", sched.get_last_lr())
model.eval()
with torch.no_grad():
    acc = (model(X).argmax(dim=1) == y).float().mean()
print("accuracy", f"{acc.item():.4f}")
clone = Net()
print(clone.load_state_dict(model.state_dict()))
clone.eval()
print(torch.equal(clone(X), model(X)))
print(opt)
'''

REGRESSION = '''
import torch
from torch import nn

torch.manual_seed(1)
x = torch.linspace(-2, 2, 40).unsqueeze(1)
y = 0.1 * x**3 - 0.5 * x
model = nn.Sequential(nn.Linear(1, 16), nn.Tanh(), nn.Linear(16, 16), nn.GELU(), nn.Linear(16, 1))
for m in model.modules():
    if isinstance(m, nn.Linear):
        nn.init.xavier_uniform_(m.weight)
        nn.init.zeros_(m.bias)
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=50)
criterion = nn.MSELoss()
for step in range(50):
    pred = model(x)
    loss = criterion(pred, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    sched.step()
    if step % 10 == 0:
        print(step, f"{loss.item():.4f}")
print(sum(p.numel() for p in model.parameters()))
print([name for name, _ in model.named_parameters()][:3])
'''


def _run(source: str, ours: bool) -> str:
    buffer = io.StringIO()
    context = torch_as_minitorch() if ours else contextlib.nullcontext()
    with context, contextlib.redirect_stdout(buffer):
        exec(compile(source, "<script>", "exec"), {"__name__": "__main__"})
    return buffer.getvalue()


@pytest.mark.parametrize("source", [CLASSIFIER, REGRESSION], ids=["classifier", "regression"])
def test_unmodified_script_prints_the_same(source: str) -> None:
    theirs = _run(source, ours=False)
    ours = _run(source, ours=True)
    assert ours.splitlines() == theirs.splitlines()
