# Binary classifier on synthetic blobs: nn.Module with sigmoid, BCELoss, accuracy, predict with threshold.
import torch
import torch.nn as nn

torch.manual_seed(0)
n = 100
X0 = torch.randn(n, 2) + torch.tensor([2.0, 2.0])
X1 = torch.randn(n, 2) + torch.tensor([-2.0, -2.0])
X = torch.cat([X0, X1])
y = torch.cat([torch.zeros(n), torch.ones(n)]).unsqueeze(1)


class LogisticRegression(nn.Module):
    def __init__(self, in_features):
        super().__init__()
        self.linear = nn.Linear(in_features, 1)

    def forward(self, x):
        return torch.sigmoid(self.linear(x))


model = LogisticRegression(2)
criterion = nn.BCELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(100):
    y_pred = model(X)
    loss = criterion(y_pred, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if (epoch + 1) % 25 == 0:
        print(f'epoch: {epoch+1}, loss = {loss.item():.4f}')
with torch.no_grad():
    y_predicted = model(X)
    y_predicted_cls = y_predicted.round()
    acc = y_predicted_cls.eq(y).sum() / float(y.shape[0])
    print(f'accuracy: {acc.item():.4f}')
    print((y_predicted > 0.5).float().mean(), y_predicted[:3])
print(model.linear.weight.data, model.linear.bias.data.numpy())
[w, b] = model.parameters()
print(w[0][0].item(), b[0].item())
