# Module patterns: Lambda layer, Sequential from a list with *, forward with kwargs, module __getitem__ slicing.
import torch
import torch.nn as nn


class Lambda(nn.Module):
    def __init__(self, func):
        super().__init__()
        self.func = func

    def forward(self, x):
        return self.func(x)


def preprocess(x):
    return x.view(-1, 1, 4, 4)


torch.manual_seed(0)
layers = [Lambda(preprocess), nn.Conv2d(1, 2, 3), nn.ReLU(), Lambda(lambda x: x.view(x.size(0), -1)), nn.Linear(8, 3)]
model = nn.Sequential(*layers)
print(model)
x = torch.randn(5, 16)
print(model(x).shape)
print(model[:3])
print(model[1:3](preprocess(x)).shape)
model.append(nn.Softmax(dim=1))
print(len(model), model(x).sum(dim=1))
model.insert(0, nn.Identity())
print(type(model[0]).__name__)
del model[0]
print(len(model))
seq = nn.Sequential()
seq.add_module("fc", nn.Linear(2, 2))
seq.add_module("act", nn.Sigmoid())
print(seq)
print(seq.fc is seq[0], hasattr(seq, "act"))
for idx, m in enumerate(seq):
    print(idx, m)
print(nn.ModuleList([nn.ReLU(), nn.Tanh()]))
