"""``torch.utils.data``: datasets, samplers and DataLoader, laid out in torch's submodules.

Single-process only (``num_workers`` must be 0). Shuffling draws from the torch-compatible generator in
torch's order, so a seeded script visits its batches in the same order as under PyTorch.
"""

from minitorch_scalar.utils.data.dataloader import DataLoader, default_collate
from minitorch_scalar.utils.data.dataset import ConcatDataset, Dataset, Subset, TensorDataset, random_split
from minitorch_scalar.utils.data.sampler import (
    BatchSampler,
    RandomSampler,
    Sampler,
    SequentialSampler,
    SubsetRandomSampler,
)

__all__ = [
    "BatchSampler", "ConcatDataset", "DataLoader", "Dataset", "RandomSampler", "Sampler", "SequentialSampler",
    "Subset", "SubsetRandomSampler", "TensorDataset", "default_collate", "random_split",
]
