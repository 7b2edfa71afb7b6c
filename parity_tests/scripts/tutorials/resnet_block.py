# Mini ResNet: residual BasicBlock with downsample shortcut, nn.Identity, kaiming init, forward shapes.
import torch
import torch.nn as nn
import torch.nn.functional as F


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Identity()
        if stride != 1 or in_planes != planes:
            self.shortcut = nn.Sequential(nn.Conv2d(in_planes, planes, 1, stride=stride, bias=False),
                                          nn.BatchNorm2d(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + self.shortcut(x))


torch.manual_seed(0)
net = nn.Sequential(BasicBlock(3, 4), BasicBlock(4, 8, stride=2), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 3))
for m in net.modules():
    if isinstance(m, nn.Conv2d):
        nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
print(net[1])
x = torch.randn(2, 3, 8, 8)
out = net(x)
print(out)
loss = F.cross_entropy(out, torch.tensor([0, 2]))
loss.backward()
print(loss.item())
print(net[0].conv1.weight.grad.abs().sum())
print(sum(p.numel() for p in net.parameters()), len(list(net.buffers())))
net.eval()
print(net(x).argmax(1))
