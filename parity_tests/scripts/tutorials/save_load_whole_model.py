# "Save and Load the Model": checkpoint dicts, then whole models (torch.save(model)) and optimizers.
import os
import shutil
import tempfile

import torch
import torch.nn as nn
import torch.nn.functional as F


class TinyNet(nn.Module):
    def __init__(self, hidden=5):
        super().__init__()
        self.fc1 = nn.Linear(3, hidden)
        self.fc2 = nn.Linear(hidden, 1)
        self.act = F.relu
        self.scale = 0.5
        self.register_buffer("offset", torch.tensor([0.25]))

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x))) * self.scale + self.offset


torch.manual_seed(0)
workdir = tempfile.mkdtemp()
try:
    model = TinyNet()
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    x = torch.randn(6, 3)
    y = torch.randn(6, 1)
    for _ in range(3):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()

    path = os.path.join(workdir, "ckpt.pt")
    torch.save({"epoch": 3, "model_state_dict": model.state_dict(),
                "optimizer_state_dict": opt.state_dict(), "loss": 0.5}, path)
    checkpoint = torch.load(path)
    model2 = TinyNet()
    model2.load_state_dict(checkpoint["model_state_dict"])
    print(checkpoint["epoch"], checkpoint["loss"], torch.equal(model(x), model2(x)))

    # the whole model: needs weights_only=False since torch 2.6
    model_path = os.path.join(workdir, "model.pth")
    torch.save(model, model_path)
    try:
        torch.load(model_path)
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0])
    try:
        torch.load(model_path, weights_only=True)
    except Exception as e:
        print(type(e).__name__, "weights_only` set to `False`" in str(e))
    loaded = torch.load(model_path, weights_only=False)
    print(type(loaded).__name__, loaded.training, loaded.scale, loaded.act is F.relu)
    print(loaded)
    print(torch.equal(loaded(x), model(x)), loaded(x)[:2])
    print(list(loaded.state_dict().keys()))
    print(loaded.offset, loaded.fc1.weight.requires_grad, type(loaded.fc2.bias).__name__)

    # eval mode and a Sequential survive too
    seq = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Dropout(0.3), nn.Linear(4, 2))
    seq.eval()
    torch.save(seq, model_path)
    seq2 = torch.load(model_path, weights_only=False)
    print(seq2)
    print(seq2.training, seq2[2].training, torch.allclose(seq2(x), seq(x)))

    # model and optimizer together: the optimizer still drives the loaded model's parameters
    torch.save({"model": model, "opt": opt}, path)
    both = torch.load(path, weights_only=False)
    m3, opt3 = both["model"], both["opt"]
    print(opt3)
    print(opt3.param_groups[0]["params"][0] is m3.fc1.weight, opt3.state_dict()["state"][0]["step"])
    for m, o in ((model, opt), (m3, opt3)):
        o.zero_grad()
        F.mse_loss(m(x), y).backward()
        o.step()
    print(torch.equal(model.fc1.weight, m3.fc1.weight), m3.fc2.bias)

    # a hook-free model saves; one with a lambda attribute does not
    model.act = lambda t: t.clamp(min=0)
    try:
        torch.save(model, path)
    except Exception as e:
        print(type(e).__name__)
finally:
    shutil.rmtree(workdir)
print(os.path.exists(workdir))
