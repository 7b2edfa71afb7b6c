# Weight init with nn.init and model.apply(init_fn); counting parameters.
import torch
import torch.nn as nn

torch.manual_seed(0)


def init_weights(m):
    if isinstance(m, nn.Linear):
        torch.nn.init.xavier_uniform_(m.weight)
        m.bias.data.fill_(0.01)


net = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1))
net.apply(init_weights)
print(net[0].weight, net[0].bias)
nn.init.zeros_(net[2].bias)
nn.init.ones_(net[2].weight)
print(net[2].weight, net[2].bias)
w = torch.empty(3, 5)
nn.init.uniform_(w, a=-0.1, b=0.1)
print(w)
nn.init.normal_(w, mean=0.0, std=0.02)
print(w)
nn.init.constant_(w, 0.3)
print(w)
nn.init.kaiming_normal_(w, mode='fan_out', nonlinearity='relu')
print(w)
nn.init.kaiming_uniform_(w)
print(w)
nn.init.xavier_normal_(w)
print(w)
print(nn.init.calculate_gain('relu'), nn.init.calculate_gain('tanh'))
nn.init.eye_(w)
print(w)
total = sum(p.numel() for p in net.parameters())
trainable = sum(p.numel() for p in net.parameters() if p.requires_grad)
print(f"{total} total, {trainable} trainable")
for name, module in net.named_modules():
    print(repr(name), type(module).__name__)
print(len(list(net.children())), len(list(net.modules())))
