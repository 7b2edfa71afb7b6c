"""``torch.utils.data.DataLoader``: batches from a map-style or iterable dataset.

Each ``iter(loader)`` draws a base seed (``random_()`` on an int64 scalar) as torch does, so a seeded
script consumes the random stream exactly as under PyTorch. ``num_workers > 0`` is accepted and
emulated in the main process (see :mod:`minitorch_scalar.utils.data.worker`): the batches, their order
and the random draws made inside workers are torch's, but nothing runs in parallel.
"""

from __future__ import annotations

import itertools
import math
import os
import warnings
from collections.abc import Callable, Iterator
from typing import Any

from minitorch_scalar import random as _random
from minitorch_scalar.utils.data.collate import default_collate, default_convert
from minitorch_scalar.utils.data.dataset import IterableDataset
from minitorch_scalar.utils.data.sampler import BatchSampler, RandomSampler, SequentialSampler
from minitorch_scalar.utils.data.worker import Worker, start_workers

__all__ = ["DataLoader", "default_collate", "default_convert"]

_PIN_MEMORY_WARNING = (
    "'pin_memory' argument is set as true but no accelerator is found, then device pinned memory won't be used."
)


def _check_options(num_workers: int, timeout: float, prefetch_factor: int | None, persistent_workers: bool) -> None:
    """torch's checks on the worker options (ValueError with its messages)."""
    if num_workers < 0:
        raise ValueError("num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.")
    if timeout < 0:
        raise ValueError("timeout option should be non-negative")
    if num_workers == 0 and prefetch_factor is not None:
        raise ValueError(
            "prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable "
            "multiprocessing, otherwise set prefetch_factor to None."
        )
    if prefetch_factor is not None and prefetch_factor < 0:
        raise ValueError("prefetch_factor option should be non-negative")
    if persistent_workers and num_workers == 0:
        raise ValueError("persistent_workers option needs num_workers > 0")


def _check_iterable_options(shuffle: bool | None, sampler: Any, batch_sampler: Any) -> None:
    """An IterableDataset decides its own order: no shuffle, sampler or batch_sampler (torch's messages)."""
    if shuffle not in (False, None):
        raise ValueError(
            f"DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle={shuffle}"
        )
    if sampler is not None:
        raise ValueError(
            f"DataLoader with IterableDataset: expected unspecified sampler option, but got sampler={sampler}"
        )
    if batch_sampler is not None:
        raise ValueError(
            "DataLoader with IterableDataset: expected unspecified batch_sampler option, but got "
            f"batch_sampler={batch_sampler}"
        )


def _available_cpus() -> int | None:
    """CPUs this process may run on (its affinity where known), as torch counts them."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count()


def _warn_worker_count(num_workers: int) -> None:
    """torch's UserWarning when more workers are requested than there are CPUs."""
    if num_workers == 0:
        return
    cpus = _available_cpus()
    if cpus is not None and num_workers <= cpus:
        return
    if cpus is None:
        suggestion = "DataLoader is not able to compute a suggested max number of worker in current system."
    else:
        unchecked = "" if hasattr(os, "sched_getaffinity") else " (`cpuset` is not taken into account)"
        suggestion = (
            f"Our suggested max number of worker in current system is {cpus}{unchecked}, which is smaller than "
            "what this DataLoader is going to create."
        )
    warnings.warn(
        f"This DataLoader will create {num_workers} worker processes in total. {suggestion} Please be aware that "
        "excessive worker creation might get DataLoader running slow or even freeze, lower the worker number to "
        "avoid potential slowness/freeze if necessary.",
        UserWarning,
        stacklevel=3,
    )


class DataLoader:
    """Iterates a dataset in batches, with torch's arguments, checks and order.

    Map-style datasets (``__getitem__`` + ``__len__``) are read in the order of ``sampler`` (sequential,
    or a fresh permutation per pass with ``shuffle=True``), grouped by ``batch_sampler`` (``batch_size``
    indices, the last batch dropped if short and ``drop_last``). An :class:`IterableDataset` is read in
    its own order, ``batch_size`` samples at a time. Each batch goes through ``collate_fn``
    (:func:`default_collate`, or :func:`default_convert` when ``batch_size=None``).

    ``num_workers > 0`` is emulated in the main process with torch's results: map-style batch ``n`` is
    loaded "in" worker ``n % num_workers`` (its own seeded random states, :func:`get_worker_info` set);
    an iterable dataset is iterated once per worker and the workers' batches are interleaved in turn,
    as torch does (so without sharding by ``get_worker_info()`` each sample appears once per worker).
    ``pin_memory``, ``timeout``, ``prefetch_factor`` and ``multiprocessing_context`` have no effect.

    Raises:
        ValueError: for contradictory options (torch's messages).
    """

    def __init__(
        self,
        dataset: Any,
        batch_size: int | None = 1,
        shuffle: bool | None = None,
        sampler: Any = None,
        batch_sampler: Any = None,
        num_workers: int = 0,
        collate_fn: Callable[[Any], Any] | None = None,
        pin_memory: bool = False,
        drop_last: bool = False,
        timeout: float = 0,
        worker_init_fn: Callable[[int], Any] | None = None,
        multiprocessing_context: Any = None,
        generator: Any = None,
        *,
        prefetch_factor: int | None = None,
        persistent_workers: bool = False,
        pin_memory_device: str = "",
        in_order: bool = True,
    ) -> None:
        _check_options(num_workers, timeout, prefetch_factor, persistent_workers)
        self.dataset = dataset
        self.num_workers = num_workers
        self.prefetch_factor = 2 if num_workers > 0 and prefetch_factor is None else prefetch_factor
        self.pin_memory, self.pin_memory_device, self.timeout = pin_memory, pin_memory_device, timeout
        self.worker_init_fn = worker_init_fn
        self.multiprocessing_context = multiprocessing_context
        self.in_order = in_order
        self._iterable = isinstance(dataset, IterableDataset)
        if self._iterable:
            _check_iterable_options(shuffle, sampler, batch_sampler)
        if sampler is not None and shuffle:
            raise ValueError("sampler option is mutually exclusive with shuffle")
        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise ValueError(
                    "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last"
                )
            batch_size, drop_last = None, False
        elif batch_size is None and drop_last:
            raise ValueError("batch_size=None option disables auto-batching and is mutually exclusive with drop_last")
        if sampler is None and not self._iterable:
            sampler = RandomSampler(dataset, generator=generator) if shuffle else SequentialSampler(dataset)
        if batch_size is not None and batch_sampler is None and not self._iterable:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self.generator = generator
        self.persistent_workers = persistent_workers
        auto_collation = batch_sampler is not None or (self._iterable and batch_size is not None)
        self.collate_fn = collate_fn if collate_fn is not None else (
            default_collate if auto_collation else default_convert
        )
        self._workers: list[Worker] | None = None
        _warn_worker_count(num_workers)

    def __iter__(self) -> Iterator[Any]:
        """A new pass over the data; the base seed is drawn now, as torch does when its iterator is created."""
        if not (self.persistent_workers and self._workers is not None):
            _warn_worker_count(self.num_workers)
            if self.pin_memory:
                warnings.warn(_PIN_MEMORY_WARNING, UserWarning, stacklevel=2)
            base_seed = _random.random64_draw(self.generator)
            if self.num_workers > 0:
                self._workers = start_workers(self.num_workers, base_seed, self.dataset, self.worker_init_fn)
        workers = self._workers if self.num_workers > 0 else None
        if self._iterable:
            return self._iterable_batches(workers)
        return self._map_batches(workers)

    def _fetch(self, dataset: Any, index: Any) -> Any:
        """One batch (or one sample without auto-batching) of a map-style dataset, collated."""
        if self.batch_sampler is None:
            return self.collate_fn(dataset[index])
        getitems = getattr(dataset, "__getitems__", None)
        samples = getitems(index) if getitems is not None else [dataset[i] for i in index]
        return self.collate_fn(samples)

    def _map_batches(self, workers: list[Worker] | None) -> Iterator[Any]:
        indices = self.batch_sampler if self.batch_sampler is not None else self.sampler
        for n, index in enumerate(indices):
            if workers is None:
                yield self._fetch(self.dataset, index)
            else:
                worker = workers[n % len(workers)]
                with worker.running():
                    batch = self._fetch(worker.info.dataset, index)
                yield batch

    def _next_batch(self, stream: Iterator[Any]) -> tuple[bool, Any]:
        """The next batch from one pass over an iterable dataset: ``(False, None)`` when it is exhausted."""
        if self.batch_size is None:
            for sample in stream:
                return True, self.collate_fn(sample)
            return False, None
        samples = list(itertools.islice(stream, self.batch_size))
        if not samples or (self.drop_last and len(samples) < self.batch_size):
            return False, None
        return True, self.collate_fn(samples)

    def _iterable_batches(self, workers: list[Worker] | None) -> Iterator[Any]:
        if workers is None:
            stream = iter(self.dataset)
            while True:
                more, batch = self._next_batch(stream)
                if not more:
                    return
                yield batch
        streams: dict[int, Iterator[Any]] = {}
        for worker in workers:
            with worker.running():
                streams[worker.info.id] = iter(worker.info.dataset)
        active = list(workers)
        while active:
            for worker in list(active):
                with worker.running():
                    more, batch = self._next_batch(streams[worker.info.id])
                if not more:
                    active.remove(worker)
                    continue
                yield batch

    def __len__(self) -> int:
        """Batches per pass; for an iterable dataset, from its ``__len__`` (TypeError without one)."""
        if self._iterable:
            length = len(self.dataset)
            if self.batch_size is not None:
                length = length // self.batch_size if self.drop_last else math.ceil(length / self.batch_size)
            return length
        if self.batch_sampler is not None:
            return len(self.batch_sampler)
        return len(self.sampler)
