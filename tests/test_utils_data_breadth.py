"""utils.data breadth without torch: iterable datasets, samplers, collation rules and the in-process
emulation of DataLoader workers (which worker loads which batch, their seeded random streams, the
main process's stream left untouched)."""

from __future__ import annotations

import collections
import random
from typing import Any

import numpy as np
import pytest

import minitorch_scalar as mt
from minitorch_scalar import random as mt_random
from minitorch_scalar.utils.data import (
    BatchSampler,
    ChainDataset,
    ConcatDataset,
    DataLoader,
    Dataset,
    IterableDataset,
    RandomSampler,
    SequentialSampler,
    StackDataset,
    SubsetRandomSampler,
    TensorDataset,
    WeightedRandomSampler,
    default_collate,
    default_convert,
    get_worker_info,
)


class Count(IterableDataset):
    def __init__(self, n: int) -> None:
        self.n = n

    def __iter__(self) -> Any:
        return iter(range(self.n))


class Sized(Count):
    def __len__(self) -> int:
        return self.n


class WhoLoads(Dataset):
    """Samples record the loading worker's id and a draw from the current torch stream."""

    def __len__(self) -> int:
        return 6

    def __getitem__(self, i: int) -> Any:
        info = get_worker_info()
        return [i, -1 if info is None else info.id, mt.rand(()).item()]


def test_iterable_dataset_batches_and_drop_last() -> None:
    assert [b.tolist() for b in DataLoader(Count(7), batch_size=3)] == [[0, 1, 2], [3, 4, 5], [6]]
    assert [b.tolist() for b in DataLoader(Count(7), batch_size=3, drop_last=True)] == [[0, 1, 2], [3, 4, 5]]
    assert list(DataLoader(Count(3), batch_size=None)) == [0, 1, 2]  # default_convert leaves ints alone
    assert len(DataLoader(Sized(7), batch_size=3)) == 3
    assert len(DataLoader(Sized(7), batch_size=3, drop_last=True)) == 2
    with pytest.raises(TypeError):
        len(DataLoader(Count(7)))


def test_chain_dataset_and_plus() -> None:
    assert list(ChainDataset([Count(2), Count(3)])) == [0, 1, 0, 1, 2]
    assert list(Count(1) + Count(2)) == [0, 0, 1]
    assert len(ChainDataset([Sized(2), Sized(3)])) == 5
    with pytest.raises(AssertionError, match="ChainDataset only supports IterableDataset"):
        list(ChainDataset([TensorDataset(mt.arange(2))]))
    with pytest.raises(AssertionError, match="ConcatDataset does not support IterableDataset"):
        ConcatDataset([Count(2)])


def test_concat_dataset_sizes_are_python_ints() -> None:
    ds = TensorDataset(mt.arange(4))
    both = ConcatDataset([ds, ds])
    assert both.cumulative_sizes == [4, 8] and all(type(n) is int for n in both.cumulative_sizes)
    assert both[5][0].item() == 1 and both[-1][0].item() == 3


def test_stack_dataset() -> None:
    ds = TensorDataset(mt.arange(3))
    assert StackDataset(ds, [10, 11, 12])[1] == (ds[1], 11)
    named = StackDataset(x=[1, 2], y=["a", "b"])
    assert named[0] == {"x": 1, "y": "a"} and len(named) == 2
    batch = next(iter(DataLoader(named, batch_size=2)))
    assert batch["x"].tolist() == [1, 2] and batch["y"] == ["a", "b"]
    with pytest.raises(ValueError, match="Size mismatch between datasets"):
        StackDataset([1], [1, 2])


def test_iterable_dataset_refuses_samplers() -> None:
    with pytest.raises(ValueError, match="expected unspecified shuffle option, but got shuffle=True"):
        DataLoader(Count(3), shuffle=True)
    with pytest.raises(ValueError, match="expected unspecified sampler option"):
        DataLoader(Count(3), sampler=[0])


def test_random_sampler_with_replacement_draws_randint_in_blocks_of_32() -> None:
    gen = mt.Generator().manual_seed(7)
    got = list(RandomSampler(range(5), replacement=True, num_samples=70, generator=gen))
    gen.manual_seed(7)
    want = [mt_random.randint_array(0, 5, (n,), gen).tolist() for n in (32, 32, 6)]
    assert got == sum(want, [])
    assert all(0 <= i < 5 for i in got)


def test_random_sampler_checks() -> None:
    with pytest.raises(TypeError, match="replacement should be a boolean value, but got replacement=1"):
        RandomSampler(range(3), replacement=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="num_samples should be a positive integer value, but got num_samples=0"):
        RandomSampler(range(3), num_samples=0)


def test_weighted_random_sampler() -> None:
    mt.manual_seed(3)
    drawn = list(WeightedRandomSampler([0.0, 1.0, 0.0, 3.0], 200))
    assert set(drawn) == {1, 3}
    assert drawn.count(3) > drawn.count(1)
    distinct = list(WeightedRandomSampler([0.2, 1.0, 0.5, 3.0], 4, replacement=False))
    assert sorted(distinct) == [0, 1, 2, 3]
    gen = mt.Generator().manual_seed(11)
    first = list(WeightedRandomSampler([1.0, 2.0, 3.0], 6, generator=gen))
    gen.manual_seed(11)
    assert list(WeightedRandomSampler(mt.tensor([1.0, 2.0, 3.0]), 6, generator=gen)) == first
    assert WeightedRandomSampler([1, 2], 3).weights.dtype == mt.float64
    with pytest.raises(ValueError, match="weights should be a 1d sequence but given weights have shape"):
        WeightedRandomSampler([[1.0]], 1)


def test_subset_random_sampler_and_batch_sampler() -> None:
    mt.manual_seed(0)
    assert sorted(SubsetRandomSampler([10, 20, 30])) == [10, 20, 30]
    assert list(BatchSampler(SequentialSampler(range(7)), 3, drop_last=True)) == [[0, 1, 2], [3, 4, 5]]
    assert list(BatchSampler(range(7), 3, drop_last=False)) == [[0, 1, 2], [3, 4, 5], [6]]
    with pytest.raises(ValueError, match="drop_last should be a boolean value, but got drop_last=1"):
        BatchSampler(range(3), 2, 1)  # type: ignore[arg-type]


def test_default_collate_rules() -> None:
    point = collections.namedtuple("point", ["x", "y"])
    got = default_collate([point(1.0, 2), point(3.0, 4)])
    assert type(got) is point and got.x.dtype == mt.float64 and got.y.tolist() == [2, 4]
    mixed = default_collate([(1, "a", np.float32(2.5)), (2, "b", np.float32(3.5))])
    assert isinstance(mixed, list) and mixed[1] == ("a", "b") and mixed[2].dtype == mt.float32
    nested = default_collate([{"a": np.array([1, 2], dtype=np.int16)}, {"a": np.array([3, 4], dtype=np.int16)}])
    assert nested["a"].dtype == mt.int16 and nested["a"].tolist() == [[1, 2], [3, 4]]
    assert default_collate([True, False]).dtype == mt.bool
    ordered = default_collate([collections.OrderedDict(k=1), collections.OrderedDict(k=2)])
    assert type(ordered) is collections.OrderedDict and ordered["k"].tolist() == [1, 2]
    with pytest.raises(RuntimeError, match="each element in list of batch should be of equal size"):
        default_collate([[1, 2], [3]])
    with pytest.raises(TypeError, match="default_collate: batch must contain tensors, numpy arrays"):
        default_collate([object()])


def test_collate_with_a_custom_rule_map() -> None:
    from minitorch_scalar.utils.data._utils.collate import collate, default_collate_fn_map

    class Box:
        def __init__(self, value: int) -> None:
            self.value = value

    def collate_box(batch: Any, *, collate_fn_map: Any = None) -> Any:
        return sum(b.value for b in batch)

    rules = {**default_collate_fn_map, Box: collate_box}
    merged = collate([{"b": Box(1), "x": 1.5}, {"b": Box(2), "x": 2.5}], collate_fn_map=rules)
    assert merged["b"] == 3 and merged["x"].tolist() == [1.5, 2.5]
    with pytest.raises(TypeError, match="default_collate: batch must contain"):
        default_collate([Box(1)])


def test_default_convert() -> None:
    converted = default_convert((np.float32(2.0), [np.array([1.0])], "s"))
    assert isinstance(converted, list) and converted[0].dtype == mt.float32
    assert converted[1][0].tolist() == [1.0] and converted[2] == "s"
    strings = np.array(["a"])
    assert default_convert(strings) is strings


def test_get_worker_info_is_none_in_the_main_process() -> None:
    assert get_worker_info() is None


def test_map_style_workers_take_batches_in_turn() -> None:
    mt.manual_seed(0)
    batches = list(DataLoader(WhoLoads(), batch_size=2, num_workers=2, collate_fn=lambda b: b))
    assert [[s[1] for s in b] for b in batches] == [[0, 0], [1, 1], [0, 0]]
    assert get_worker_info() is None


def test_worker_streams_are_seeded_from_the_base_seed() -> None:
    """Worker i draws from manual_seed(base_seed + i); the main stream only loses the base-seed draw."""
    mt.manual_seed(0)
    base_seed = mt_random.random64_draw(None)
    after_draw = mt.rand(3).tolist()
    mt.manual_seed(0)
    batches = list(DataLoader(WhoLoads(), batch_size=2, num_workers=2, collate_fn=lambda b: b))
    assert mt.rand(3).tolist() == after_draw
    for worker in (0, 1):
        gen = mt.Generator().manual_seed(base_seed + worker)
        draws = [s[2] for b in batches[worker::2] for s in b]
        assert draws == pytest.approx(mt.rand(len(draws), generator=gen).tolist(), rel=0, abs=0)


def test_worker_init_fn_and_python_random_are_per_worker() -> None:
    ids: list[int] = []
    mt.manual_seed(1)
    random.seed(5)
    loader = DataLoader(TensorDataset(mt.arange(4)), batch_size=1, num_workers=2, worker_init_fn=ids.append)
    list(loader)
    assert ids == [0, 1]
    state = random.getstate()
    random.seed(5)
    assert state == random.getstate()  # the workers' random.seed(...) did not leak into the main process


@pytest.mark.filterwarnings("ignore:This DataLoader will create")
def test_iterable_dataset_with_workers_repeats_unless_sharded() -> None:
    got = [b.tolist() for b in DataLoader(Count(5), batch_size=2, num_workers=2)]
    assert got == [[0, 1], [0, 1], [2, 3], [2, 3], [4], [4]]

    class Sharded(IterableDataset):
        def __iter__(self) -> Any:
            info = get_worker_info()
            return iter(range(info.id, 9, info.num_workers))

    assert [b.tolist() for b in DataLoader(Sharded(), batch_size=2, num_workers=3)] == [
        [0, 3], [1, 4], [2, 5], [6], [7], [8],
    ]


def test_persistent_workers_draw_the_base_seed_once() -> None:
    mt.manual_seed(2)
    loader = DataLoader(TensorDataset(mt.arange(4)), batch_size=2, num_workers=2, persistent_workers=True)
    list(loader)
    list(loader)
    mt.manual_seed(2)
    mt_random.random64_draw(None)
    expected = mt.rand(2).tolist()
    mt.manual_seed(2)
    list(DataLoader(TensorDataset(mt.arange(4)), batch_size=2, num_workers=2))
    assert mt.rand(2).tolist() == expected


def test_dataloader_option_errors() -> None:
    ds = TensorDataset(mt.arange(3))
    with pytest.raises(ValueError, match="num_workers option should be non-negative"):
        DataLoader(ds, num_workers=-1)
    with pytest.raises(ValueError, match="persistent_workers option needs num_workers > 0"):
        DataLoader(ds, persistent_workers=True)
    with pytest.raises(ValueError, match="prefetch_factor option could only be specified in multiprocessing"):
        DataLoader(ds, prefetch_factor=2)
    with pytest.raises(ValueError, match="batch_size=None option disables auto-batching"):
        DataLoader(ds, batch_size=None, drop_last=True)


def test_pin_memory_warns_without_an_accelerator() -> None:
    loader = DataLoader(TensorDataset(mt.arange(2)), pin_memory=True)
    with pytest.warns(UserWarning, match="'pin_memory' argument is set as true but no accelerator is found"):
        iter(loader)


def test_each_worker_has_its_own_dataset_copy() -> None:
    seen: list[int] = []

    def narrow(worker_id: int) -> None:
        info = get_worker_info()
        info.dataset.n = worker_id + 1
        seen.append(id(info.dataset))

    dataset = Count(5)
    got = list(DataLoader(dataset, batch_size=None, num_workers=2, worker_init_fn=narrow))
    assert got == [0, 0, 1]  # worker 0 yields range(1), worker 1 range(2), taken in turn
    assert dataset.n == 5 and len(set(seen)) == 2
