# XOR with a 2-4-1 network, BCELoss and sigmoid output; accuracy by rounding.
import torch
import torch.nn as nn

torch.manual_seed(1)
X = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
Y = torch.tensor([[0.], [1.], [1.], [0.]])


class XOR(nn.Module):
    def __init__(self):
        super(XOR, self).__init__()
        self.fc1 = nn.Linear(2, 4)
        self.fc2 = nn.Linear(4, 1)

    def forward(self, x):
        x = torch.sigmoid(self.fc1(x))
        return torch.sigmoid(self.fc2(x))


net = XOR()
opt = torch.optim.Adam(net.parameters(), lr=0.05)
loss_fn = nn.BCELoss()
for i in range(300):
    opt.zero_grad()
    out = net(X)
    loss = loss_fn(out, Y)
    loss.backward()
    opt.step()
    if i % 100 == 0:
        print(i, loss.item())
print(net(X).round())
print(net(X).detach().squeeze())
acc = (net(X).round() == Y).float().mean()
print("accuracy", acc.item())
print(net)
