"""torch.utils.data breadth against real torch 2.13: samplers' orders after manual_seed (random with and
without replacement, subset, weighted), IterableDataset/ChainDataset loading, default_collate and
default_convert on nested samples, DataLoader options and their errors, and ``num_workers > 0``
(emulated in-process here, real worker processes in torch): the same batches in the same order, the
same random draws inside workers, the main process's random stream left as torch leaves it.

Each scenario is written once against a library's namespace and run with torch and with ours.
"""

from __future__ import annotations

import collections
import importlib
import math
import random
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import minitorch_scalar as mt  # noqa: E402


def _plain(obj: Any) -> Any:
    """Tensors as (dtype, values); containers keep their type name so list/tuple/dict differences show."""
    if hasattr(obj, "detach") and hasattr(obj, "dtype"):
        return ("tensor", str(obj.dtype).removeprefix("torch."), obj.tolist())
    if isinstance(obj, np.ndarray):
        return ("ndarray", str(obj.dtype), obj.tolist())
    if isinstance(obj, dict):
        return (type(obj).__name__, {k: _plain(v) for k, v in obj.items()})
    if isinstance(obj, (list, tuple)):
        return (type(obj).__name__, [_plain(v) for v in obj])
    return obj


def _samplers(lib: Any) -> list[Any]:
    data = lib.utils.data
    lib.manual_seed(0)
    gen = lib.Generator().manual_seed(3)
    return [
        list(data.SubsetRandomSampler([10, 20, 30, 40, 50])),
        list(data.WeightedRandomSampler([0.1, 0.9, 0.4, 0.7], 10)),
        list(data.WeightedRandomSampler([0.1, 0.9, 0.4, 0.7], 3, replacement=False)),
        list(data.WeightedRandomSampler(lib.tensor([1.0, 2.0, 3.0]), 5, generator=gen)),
        list(data.RandomSampler(range(5), replacement=True, num_samples=70)),
        list(data.RandomSampler(range(5), replacement=True)),
        list(data.RandomSampler(range(4), num_samples=10, generator=gen)),
        list(data.BatchSampler(data.SequentialSampler(range(10)), batch_size=3, drop_last=False)),
        list(data.BatchSampler(range(10), 4, True)),
        len(data.BatchSampler(range(10), 4, True)), len(data.WeightedRandomSampler([1.0, 2.0], 7)),
        lib.rand(2).tolist(),
    ]


def _loaders(lib: Any) -> list[Any]:
    data = lib.utils.data
    lib.manual_seed(1)
    ds = data.TensorDataset(lib.arange(10.0), lib.arange(10))
    gen = lib.Generator().manual_seed(42)
    shuffled = data.DataLoader(ds, batch_size=4, shuffle=True, generator=gen)
    out: list[Any] = [[b[1].tolist() for b in shuffled], [b[1].tolist() for b in shuffled]]
    out.append(list(data.DataLoader(ds, batch_size=3, shuffle=True, collate_fn=lambda b: [x[1].item() for x in b])))
    out.append(_plain(next(iter(data.DataLoader(ds, batch_size=None)))))
    for sampler in (data.SubsetRandomSampler([0, 2, 4, 6]), data.WeightedRandomSampler([1.0] * 10, 6)):
        out.append([b[1].tolist() for b in data.DataLoader(ds, sampler=sampler, batch_size=3)])
    by_batches = data.DataLoader(ds, batch_sampler=data.BatchSampler(data.RandomSampler(ds), 3, False))
    out.append(([b[1].tolist() for b in by_batches], len(by_batches)))
    out.append([b[1].tolist() for b in data.DataLoader(ds, batch_size=4, drop_last=True)])
    concat = data.ConcatDataset([ds, data.Subset(ds, [9, 8])])
    out.append((len(concat), concat.cumulative_sizes, _plain(concat[11]), _plain(concat[-1])))
    out.append([list(s.indices) for s in data.random_split(ds, [0.7, 0.3])])
    stacked = data.StackDataset(ds, lib.arange(10) * 2)
    named = data.StackDataset(x=ds, y=list(range(10)))
    out.append((len(stacked), _plain(stacked[3]), _plain(named[4])))
    out.append(_plain(next(iter(data.DataLoader(named, batch_size=3, shuffle=True)))))
    out.append(lib.rand(2).tolist())
    return out


class _Stream:
    """An IterableDataset of ``n`` two-element samples (created per library)."""

    @staticmethod
    def make(lib: Any, n: int) -> Any:
        class Stream(lib.utils.data.IterableDataset):
            def __iter__(self) -> Any:
                for i in range(n):
                    yield lib.tensor([float(i), i * 2.0])

        return Stream()


def _iterables(lib: Any) -> list[Any]:
    data = lib.utils.data
    out: list[Any] = [
        _plain(list(data.DataLoader(_Stream.make(lib, 7), batch_size=3))),
        _plain(list(data.DataLoader(_Stream.make(lib, 7), batch_size=3, drop_last=True))),
        _plain(list(data.DataLoader(_Stream.make(lib, 3), batch_size=None))),
        _plain(list(data.DataLoader(data.ChainDataset([_Stream.make(lib, 2), _Stream.make(lib, 3)]), batch_size=2))),
        _plain(list(data.DataLoader(_Stream.make(lib, 2) + _Stream.make(lib, 1), batch_size=2))),
        data.get_worker_info(),
    ]
    return out


def _collates(lib: Any) -> list[Any]:
    data = lib.utils.data
    point = collections.namedtuple("point", ["x", "y"])
    batches: list[list[Any]] = [
        [point(1.0, 2), point(3.0, 4)],
        [(1, "a", np.float32(2.5)), (2, "b", np.float32(3.5))],
        [{"a": np.array([1.0, 2.0]), "b": [1, 2]}, {"a": np.array([3.0, 4.0]), "b": [3, 4]}],
        [np.array(3, dtype=np.int32), np.array(4, dtype=np.int32)],
        [True, False], [np.float64(1.5), np.float64(2.5)], ["x", "y"], [b"x", b"y"],
        [lib.tensor([1, 2]), lib.tensor([3, 4])], [[1.0, 2.0], [3.0, 4.0]],
        [collections.OrderedDict(a=1, b=2.0), collections.OrderedDict(a=3, b=4.0)],
    ]
    out: list[Any] = [_plain(data.default_collate(b)) for b in batches]
    converts: list[Any] = [
        np.array([1, 2], dtype=np.int16), (np.float32(2.0), [np.array([1.0])]), {"k": np.array([1.5])},
        point(np.array([1]), "s"), "text", 3.5, np.array(["a", "b"]),
    ]
    out += [_plain(data.default_convert(c)) for c in converts]
    return out


class _Box:
    def __init__(self, value: int) -> None:
        self.value = value


def _custom_collate(lib: Any) -> list[Any]:
    """torch's extension point: a rule map passed to ``_utils.collate.collate``."""
    module = importlib.import_module(lib.__name__ + ".utils.data._utils.collate")

    def collate_box(batch: Any, *, collate_fn_map: Any = None) -> Any:
        return lib.tensor([b.value for b in batch]) * 10

    rules = {**module.default_collate_fn_map, _Box: collate_box}
    samples = [{"box": _Box(i), "x": np.float32(i) / 2, "t": (i, "s")} for i in range(5)]
    loader = lib.utils.data.DataLoader(
        samples, batch_size=2, collate_fn=lambda b: module.collate(b, collate_fn_map=rules)
    )
    return [_plain(batch) for batch in loader] + [_error(lambda: module.default_collate([_Box(1)]))]


def _error(fn: Callable[[], Any]) -> tuple[str, str]:
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - the type is compared with torch's
        return type(exc).__name__, str(exc)
    return "no error", ""


def _errors(lib: Any) -> list[tuple[str, str]]:
    data = lib.utils.data
    ds = data.TensorDataset(lib.arange(3.0))
    stream = _Stream.make(lib, 3)
    cases: list[Callable[[], Any]] = [
        lambda: data.DataLoader(ds, num_workers=-1), lambda: data.DataLoader(ds, prefetch_factor=2),
        lambda: data.DataLoader(ds, persistent_workers=True), lambda: data.DataLoader(ds, timeout=-1),
        lambda: data.DataLoader(ds, batch_size=None, drop_last=True),
        lambda: data.DataLoader(ds, sampler=[0, 1], shuffle=True),
        lambda: data.DataLoader(ds, batch_sampler=[[0]], batch_size=2),
        lambda: data.DataLoader(stream, shuffle=True), lambda: data.DataLoader(stream, sampler=[0, 1]),
        lambda: data.DataLoader(stream, batch_sampler=[[0]]), lambda: len(data.DataLoader(stream)),
        lambda: data.RandomSampler(ds, replacement=1), lambda: data.RandomSampler(ds, num_samples=0),
        lambda: data.WeightedRandomSampler([1.0], 0), lambda: data.WeightedRandomSampler([1.0], 2, replacement=1),
        lambda: data.WeightedRandomSampler([[1.0, 2.0]], 2), lambda: data.BatchSampler(range(3), 2, drop_last=1),
        lambda: data.BatchSampler(range(3), 0, False), lambda: list(data.WeightedRandomSampler([1.0, 2.0], 3, False)),
        lambda: data.ConcatDataset([stream]), lambda: data.ConcatDataset([]),
        lambda: data.StackDataset(), lambda: data.StackDataset(ds, b=ds), lambda: data.StackDataset(ds, [1]),
        lambda: list(data.ChainDataset([ds])), lambda: data.Dataset()[0],
        lambda: data.default_collate([object()]), lambda: data.default_collate([[1, 2], [3]]),
        lambda: data.default_collate([np.array(["a"]), np.array(["b"])]),
    ]
    return [_error(case) for case in cases]


@pytest.mark.parametrize("scenario", [_samplers, _loaders, _iterables, _collates, _custom_collate, _errors])
def test_scenario_matches_torch(scenario: Callable[[Any], Any]) -> None:
    assert scenario(mt) == scenario(torch)


def _workers(lib: Any, num_workers: int) -> list[Any]:
    """A map-style dataset that draws random numbers in ``__getitem__`` and a sharded iterable one."""
    data = lib.utils.data

    class Noisy(data.Dataset):
        def __len__(self) -> int:
            return 7

        def __getitem__(self, i: int) -> Any:
            info = data.get_worker_info()
            worker = float(info.id) if info is not None else -1.0
            return lib.tensor([float(i), worker, lib.rand(()).item(), random.random(), np.random.rand()])

    class Range(data.IterableDataset):
        def __iter__(self) -> Any:
            info = data.get_worker_info()
            lo, hi = 3, 14
            if info is not None:
                per = math.ceil((hi - lo) / info.num_workers)
                lo, hi = lo + info.id * per, min(lo + info.id * per + per, hi)
            return iter(range(lo, hi))

    def init(worker_id: int) -> None:
        info = data.get_worker_info()
        assert (info.id, info.num_workers) == (worker_id, num_workers)
        lib.rand(worker_id + 1)  # moves the worker's stream: later draws in that worker show it

    lib.manual_seed(0)
    random.seed(1)
    np.random.seed(2)
    noisy = data.DataLoader(Noisy(), batch_size=2, shuffle=True, num_workers=num_workers,
                            worker_init_fn=init if num_workers else None)
    out: list[Any] = [[b.tolist() for b in noisy]]
    out.append([lib.rand(1).item(), random.random(), np.random.rand()])
    out.append(list(map(_plain, data.DataLoader(Range(), batch_size=2, num_workers=num_workers))))
    out.append(list(map(_plain, data.DataLoader(Range(), batch_size=2, num_workers=num_workers, drop_last=True))))
    return out


@pytest.mark.parametrize("num_workers", [0, 2, 3])
def test_workers_match_torch(num_workers: int) -> None:
    """torch forks real worker processes; ours emulates them in-process with the same results."""
    assert _workers(mt, num_workers) == _workers(torch, num_workers)


def test_persistent_workers_keep_their_random_state_like_torch() -> None:
    def scenario(lib: Any) -> list[Any]:
        data = lib.utils.data
        lib.manual_seed(5)
        ds = data.TensorDataset(lib.arange(12.0).view(6, 2), lib.arange(6))
        loader = data.DataLoader(ds, batch_size=4, shuffle=True, num_workers=2, persistent_workers=True)
        orders = [[y.tolist() for _, y in loader] for _ in range(3)]
        return [orders, lib.rand(1).item()]

    assert scenario(mt) == scenario(torch)


def _docs_example_two(lib: Any) -> list[Any]:
    """torch's IterableDataset docs, example 2: each worker narrows its own copy in ``worker_init_fn``."""
    data = lib.utils.data

    class Span(data.IterableDataset):
        def __init__(self, start: int, end: int) -> None:
            self.start, self.end = start, end

        def __iter__(self) -> Any:
            return iter(range(self.start, self.end))

    def split(worker_id: int) -> None:
        info = data.get_worker_info()
        dataset = info.dataset
        per_worker = math.ceil((dataset.end - dataset.start) / info.num_workers)
        dataset.start = dataset.start + info.id * per_worker
        dataset.end = min(dataset.start + per_worker, dataset.end)

    span = Span(3, 8)
    out = [[b.tolist() for b in data.DataLoader(span, num_workers=workers, worker_init_fn=split)] for workers in (2, 3)]
    return [out, (span.start, span.end)]


def test_worker_init_fn_narrows_each_workers_own_dataset_copy() -> None:
    assert _docs_example_two(mt) == _docs_example_two(torch)
