"""torch.utils.data without torch: datasets, batching, collation and errors."""

from __future__ import annotations

import pytest

import minitorch_scalar as torch
from minitorch_scalar.utils.data import ConcatDataset, DataLoader, Dataset, TensorDataset, default_collate


def test_tensor_dataset_and_sequential_batches() -> None:
    ds = TensorDataset(torch.arange(5.0), torch.arange(5))
    assert len(ds) == 5
    x, y = ds[1]
    assert x.item() == 1.0 and y.item() == 1
    batches = list(DataLoader(ds, batch_size=2))
    assert [b[0].tolist() for b in batches] == [[0.0, 1.0], [2.0, 3.0], [4.0]]
    assert [b[1].tolist() for b in batches] == [[0, 1], [2, 3], [4]]
    assert len(DataLoader(ds, batch_size=2)) == 3
    assert len(DataLoader(ds, batch_size=2, drop_last=True)) == 2


def test_shuffle_is_a_permutation_and_reproducible() -> None:
    ds = TensorDataset(torch.arange(10))
    torch.manual_seed(1)
    first = [i for (b,) in DataLoader(ds, batch_size=3, shuffle=True) for i in b.tolist()]
    torch.manual_seed(1)
    again = [i for (b,) in DataLoader(ds, batch_size=3, shuffle=True) for i in b.tolist()]
    assert sorted(first) == list(range(10)) and first == again and first != list(range(10))


def test_default_collate_kinds() -> None:
    assert default_collate([(1.0, 2), (3.0, 4)])[0].dtype == torch.float64
    assert default_collate([(1.0, 2), (3.0, 4)])[1].tolist() == [2, 4]
    assert default_collate([torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])]).shape == (2, 2)
    assert default_collate([{"a": 1.0}, {"a": 2.0}])["a"].tolist() == [1.0, 2.0]
    assert default_collate(["x", "y"]) == ["x", "y"]


def test_custom_dataset_and_concat() -> None:
    class Squares(Dataset):
        def __len__(self) -> int:
            return 4

        def __getitem__(self, i: int) -> float:
            return float(i * i)

    both = ConcatDataset([Squares(), Squares()])
    assert len(both) == 8 and both[5] == 1.0 and both[-1] == 9.0
    assert next(iter(DataLoader(Squares(), batch_size=4))).tolist() == [0.0, 1.0, 4.0, 9.0]


def test_errors() -> None:
    with pytest.raises(AssertionError, match="Size mismatch"):
        TensorDataset(torch.arange(5.0), torch.arange(4))
    with pytest.raises(ValueError, match="batch_size"):
        DataLoader(TensorDataset(torch.arange(3)), batch_size=0)
    with pytest.raises(ValueError, match="num_workers option should be non-negative"):
        DataLoader(TensorDataset(torch.arange(3)), num_workers=-1)
    with pytest.raises(ValueError, match="mutually exclusive"):
        DataLoader(TensorDataset(torch.arange(3)), sampler=[0, 1], shuffle=True)
