"""A custom Dataset with random augmentation loaded by 2 workers (the usual tutorial setup), an
IterableDataset sharded with get_worker_info(), and a WeightedRandomSampler for class balance."""

import math

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, IterableDataset, WeightedRandomSampler, get_worker_info


class Jitter(Dataset):
    def __init__(self, n):
        self.x = torch.arange(n, dtype=torch.float32)

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return self.x[i] + 0.1 * torch.randn(()), int(i) % 3


def seed_worker(worker_id):
    np.random.seed(torch.initial_seed() % 2**32)


class Lines(IterableDataset):
    def __init__(self, start, end):
        self.start, self.end = start, end

    def __iter__(self):
        info = get_worker_info()
        if info is None:
            return iter(range(self.start, self.end))
        per_worker = int(math.ceil((self.end - self.start) / float(info.num_workers)))
        lo = self.start + info.id * per_worker
        return iter(range(lo, min(lo + per_worker, self.end)))


torch.manual_seed(0)
loader = DataLoader(Jitter(10), batch_size=4, shuffle=True, num_workers=2, worker_init_fn=seed_worker)
for epoch in range(2):
    for xb, yb in loader:
        print(epoch, xb, yb)
print(get_worker_info())
print(list(DataLoader(Lines(3, 10), batch_size=2, num_workers=2)))
print(list(DataLoader(Lines(3, 10), batch_size=2)))
labels = torch.tensor([0, 0, 0, 0, 0, 0, 1, 1])
weights = 1.0 / torch.bincount(labels).float()[labels]
sampler = WeightedRandomSampler(weights, num_samples=8)
print(weights, list(sampler))
print(torch.rand(2))
