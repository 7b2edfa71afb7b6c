# Tiny CNN on random 1x8x8 "images": Conv2d, MaxPool2d, flatten, Linear, a few training steps.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(4, 8, 3)
        self.fc1 = nn.Linear(8 * 2 * 2, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = F.relu(self.conv2(x))
        x = torch.flatten(x, 1)
        return self.fc1(x)


net = Net()
print(net)
images = torch.randn(8, 1, 8, 8)
labels = torch.randint(0, 10, (8,))
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
for epoch in range(5):
    optimizer.zero_grad()
    outputs = net(images)
    loss = criterion(outputs, labels)
    loss.backward()
    optimizer.step()
    print(f"[{epoch + 1}] loss: {loss.item():.3f}")
_, predicted = torch.max(outputs.data, 1)
print(predicted)
print((predicted == labels).sum().item())
print(net.conv1.weight.shape, net.conv1.weight.grad.shape)
params = list(net.parameters())
print(len(params), params[0].size())
