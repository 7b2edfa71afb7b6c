# Binary classification: sigmoid + BCELoss, accuracy with round().
import torch
import torch.nn as nn

torch.manual_seed(1)
n = 200
x0 = torch.randn(n, 2) + 2
x1 = torch.randn(n, 2) - 2
X = torch.cat([x0, x1], dim=0)
Y = torch.cat([torch.zeros(n), torch.ones(n)]).unsqueeze(1)
print(X.shape, Y.shape)

model = nn.Sequential(nn.Linear(2, 1), nn.Sigmoid())
loss_fn = nn.BCELoss()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(30):
    pred = model(X)
    loss = loss_fn(pred, Y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if epoch % 5 == 0:
        acc = (pred.round() == Y).float().mean()
        print(f"epoch {epoch}: loss {loss.item():.4f}, acc {acc.item():.3f}")

with torch.no_grad():
    probs = model(torch.tensor([[2.0, 2.0], [-2.0, -2.0], [0.0, 0.0]]))
print(probs)
print(probs.squeeze().tolist())
