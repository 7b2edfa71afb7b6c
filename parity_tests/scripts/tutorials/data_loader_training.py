# Mini-batch training with TensorDataset + DataLoader(shuffle=True) and Adam.
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(3)
X = torch.rand(64, 3)
y = (X.sum(dim=1, keepdim=True) > 1.5).float()
loader = DataLoader(TensorDataset(X, y), batch_size=16, shuffle=True)
model = nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 1))
loss_fn = nn.BCEWithLogitsLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
for epoch in range(5):
    total = 0.0
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * xb.size(0)
    print(f"epoch {epoch} loss {total / len(loader.dataset):.5f}")
with torch.no_grad():
    acc = ((model(X) > 0).float() == y).float().mean()
print("accuracy", acc.item())
