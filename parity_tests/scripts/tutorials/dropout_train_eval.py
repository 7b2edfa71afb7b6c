# Dropout in train vs eval mode, model.training flag, BatchNorm1d in train/eval.
import torch
import torch.nn as nn

torch.manual_seed(0)
drop = nn.Dropout(p=0.5)
x = torch.ones(2, 8)
print(drop(x))
drop.eval()
print(drop(x))
print(drop.training)
net = nn.Sequential(nn.Linear(4, 4), nn.Dropout(0.25), nn.ReLU())
print(net.training, net[1].training)
net.eval()
print(net.training, net[1].training)
net.train()
print(net[1].training)
print(nn.functional.dropout(torch.ones(6), p=0.5, training=True))
print(nn.functional.dropout(torch.ones(6), p=0.5, training=False))
bn = nn.BatchNorm1d(3)
data = torch.randn(6, 3) * 3 + 1
print(bn(data))
print(bn.running_mean, bn.running_var)
bn.eval()
print(bn(data))
print(nn.Dropout(0.2))
