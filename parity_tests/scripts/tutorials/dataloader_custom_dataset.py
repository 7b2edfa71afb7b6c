# Custom Dataset subclass, DataLoader with shuffle/drop_last/collate, random_split, enumerate batches.
import torch
from torch.utils.data import Dataset, DataLoader, random_split, TensorDataset


class SquaresDataset(Dataset):
    def __init__(self, n):
        self.x = torch.arange(n, dtype=torch.float32).unsqueeze(1)
        self.y = self.x ** 2

    def __len__(self):
        return len(self.x)

    def __getitem__(self, idx):
        return self.x[idx], self.y[idx]


ds = SquaresDataset(10)
print(len(ds), ds[3])
loader = DataLoader(ds, batch_size=4, shuffle=False)
for i, (xb, yb) in enumerate(loader):
    print(i, xb.squeeze(1).tolist(), yb.shape)
print(len(loader), len(DataLoader(ds, batch_size=4, drop_last=True)))
torch.manual_seed(0)
for xb, yb in DataLoader(ds, batch_size=5, shuffle=True):
    print(xb.view(-1))
g = torch.Generator().manual_seed(1)
train, val = random_split(ds, [8, 2], generator=g)
print(len(train), len(val), [int(train[i][0]) for i in range(len(train))])


def collate(batch):
    xs, ys = zip(*batch)
    return torch.cat(xs), torch.cat(ys)


for xb, yb in DataLoader(ds, batch_size=3, collate_fn=collate):
    print(xb, yb)
    break
td = TensorDataset(torch.arange(6.0), torch.arange(6) % 2)
print(td[2], len(td), td.tensors[1])
print(next(iter(DataLoader(td, batch_size=6))))
dl = DataLoader([(torch.tensor([1.0]), 0), (torch.tensor([2.0]), 1)], batch_size=2)
print(next(iter(dl)))
