# Linear regression with nn.Linear, SGD, and printing learned params (classic tutorial).
import torch
import torch.nn as nn

torch.manual_seed(42)
X = torch.linspace(0, 1, 50).unsqueeze(1)
y = 3 * X + 2 + 0.1 * torch.randn(X.size())
model = nn.Linear(1, 1)
criterion = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
for epoch in range(100):
    pred = model(X)
    loss = criterion(pred, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if (epoch + 1) % 20 == 0:
        print(f"Epoch [{epoch+1}/100], Loss: {loss.item():.4f}")
print(model)
w, b = model.parameters()
print(w.item(), b.item())
print(model.weight.data, model.bias.data)
with torch.no_grad():
    print(model(torch.tensor([[0.5], [2.0]])))
print(list(model.state_dict().keys()))
