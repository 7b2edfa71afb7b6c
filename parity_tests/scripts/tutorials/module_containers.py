# nn.ModuleList, nn.ModuleDict, nn.Sequential with OrderedDict, add_module, ParameterList.
from collections import OrderedDict
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(OrderedDict([
    ('fc1', nn.Linear(3, 4)),
    ('relu1', nn.ReLU()),
    ('fc2', nn.Linear(4, 2)),
]))
print(model)
print(model.fc1.weight.shape, model[2].bias)


class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])])
        self.acts = nn.ModuleDict({"relu": nn.ReLU(), "tanh": nn.Tanh()})
        self.scale = nn.Parameter(torch.ones(1))

    def forward(self, x, act="relu"):
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < len(self.layers) - 1:
                x = self.acts[act](x)
        return x * self.scale


mlp = MLP([3, 5, 5, 1])
print(mlp)
x = torch.randn(2, 3)
print(mlp(x), mlp(x, act="tanh"))
print(len(mlp.layers), [n for n, _ in mlp.named_parameters()])
seq = nn.Sequential()
seq.add_module("lin", nn.Linear(2, 2))
seq.append(nn.Sigmoid())
print(seq, len(seq))
print(seq[-1], seq[:1])
plist = nn.ParameterList([nn.Parameter(torch.zeros(2)) for _ in range(3)])
print(len(list(plist.parameters())))
print(sum(p.numel() for p in mlp.parameters()))
