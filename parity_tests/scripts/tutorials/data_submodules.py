# Imports from torch.utils.data's submodules, a SubsetRandomSampler split, and a custom Dataset.
import torch
from torch.utils.data.dataloader import DataLoader
from torch.utils.data.dataset import Dataset, TensorDataset
from torch.utils.data.sampler import SubsetRandomSampler


class Squares(Dataset):
    def __len__(self):
        return 10

    def __getitem__(self, i):
        return torch.tensor([float(i)]), i * i


torch.manual_seed(4)
indices = list(range(10))
train_idx, val_idx = indices[:7], indices[7:]
train = DataLoader(Squares(), batch_size=3, sampler=SubsetRandomSampler(train_idx))
val = DataLoader(Squares(), batch_size=3, sampler=SubsetRandomSampler(val_idx))
for epoch in range(2):
    for x, y in train:
        print(epoch, x.squeeze(1).tolist(), y.tolist())
print([y.tolist() for _, y in val])
ds = TensorDataset(torch.arange(6.0).view(3, 2), torch.tensor([0, 1, 0]))
print(next(iter(DataLoader(ds, batch_size=3))))
print(torch.rand(1))
