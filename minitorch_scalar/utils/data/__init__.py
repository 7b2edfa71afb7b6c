"""``torch.utils.data``: datasets, samplers and DataLoader, laid out in torch's submodules.

Shuffling and weighted sampling draw from the torch-compatible generator in torch's order, so a seeded
script visits its batches in the same order as under PyTorch. ``num_workers > 0`` is emulated in the
main process with torch's batches, order and worker seeding (see :mod:`.worker`).
"""

from minitorch_scalar.utils.data.collate import default_collate, default_convert
from minitorch_scalar.utils.data.dataloader import DataLoader
from minitorch_scalar.utils.data.dataset import (
    ChainDataset,
    ConcatDataset,
    Dataset,
    IterableDataset,
    StackDataset,
    Subset,
    TensorDataset,
    random_split,
)
from minitorch_scalar.utils.data.sampler import (
    BatchSampler,
    RandomSampler,
    Sampler,
    SequentialSampler,
    SubsetRandomSampler,
    WeightedRandomSampler,
)
from minitorch_scalar.utils.data.worker import WorkerInfo, get_worker_info

__all__ = [
    "BatchSampler", "ChainDataset", "ConcatDataset", "DataLoader", "Dataset", "IterableDataset", "RandomSampler",
    "Sampler", "SequentialSampler", "StackDataset", "Subset", "SubsetRandomSampler", "TensorDataset",
    "WeightedRandomSampler", "WorkerInfo", "default_collate", "default_convert", "get_worker_info", "random_split",
]
