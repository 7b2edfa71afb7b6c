# XOR with a two-layer MLP, Tanh, MSELoss and SGD with momentum.
import torch
from torch import nn, optim

torch.manual_seed(2)
X = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
Y = torch.tensor([[0.], [1.], [1.], [0.]])
model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1))
optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
loss_func = nn.MSELoss()
for epoch in range(200):
    optimizer.zero_grad()
    out = model(X)
    loss = loss_func(out, Y)
    loss.backward()
    optimizer.step()
    if epoch % 50 == 0:
        print(f"Epoch: {epoch}, Loss: {loss.item():.6f}")
model.eval()
with torch.no_grad():
    print(model(X).round())
print(optimizer)
print(model[0].weight.grad.shape)
