# Custom Dataset + random_split + DataLoader train/val loops with accuracy.
import torch
from torch import nn
from torch.utils.data import Dataset, DataLoader, random_split


class Blobs(Dataset):
    def __init__(self, n=200):
        g = torch.Generator().manual_seed(0)
        self.x = torch.randn(n, 2, generator=g)
        self.y = (self.x[:, 0] + self.x[:, 1] > 0).long()

    def __len__(self):
        return len(self.x)

    def __getitem__(self, idx):
        return self.x[idx], self.y[idx]


torch.manual_seed(0)
ds = Blobs()
train_ds, val_ds = random_split(ds, [160, 40])
print(len(train_ds), len(val_ds))
train_loader = DataLoader(train_ds, batch_size=32, shuffle=True)
val_loader = DataLoader(val_ds, batch_size=40)
model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2))
opt = torch.optim.Adam(model.parameters(), lr=0.01)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(5):
    model.train()
    total = 0.0
    for xb, yb in train_loader:
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        total += loss.item() * xb.size(0)
    model.eval()
    correct = 0
    with torch.no_grad():
        for xb, yb in val_loader:
            correct += (model(xb).argmax(dim=1) == yb).sum().item()
    print(f"epoch {epoch} train_loss {total / len(train_ds):.4f} val_acc {correct / len(val_ds):.3f}")
xb, yb = next(iter(train_loader))
print(xb.shape, yb.shape, yb.dtype)
print(len(train_loader), len(val_loader))
