import torch
from torch.utils.data import DataLoader, TensorDataset, random_split
torch.manual_seed(0)
X = torch.arange(10.).unsqueeze(1)
y = torch.arange(10)
ds = TensorDataset(X, y)
train, test = random_split(ds, [7, 3])
print(len(train), len(test), [int(train[i][1]) for i in range(len(train))])
dl = DataLoader(train, batch_size=3, shuffle=True)
for epoch in range(2):
    for xb, yb in dl:
        print(epoch, xb.squeeze(1).tolist(), yb.tolist())
print(torch.rand(2))
g = torch.Generator().manual_seed(3)
print([b.tolist() for b, _ in DataLoader(ds, batch_size=4, shuffle=True, generator=g, drop_last=True)])
print(len(DataLoader(ds, batch_size=4)), len(DataLoader(ds, batch_size=4, drop_last=True)))
print(next(iter(DataLoader([(1.0, 2), (3.0, 4)], batch_size=2))))
