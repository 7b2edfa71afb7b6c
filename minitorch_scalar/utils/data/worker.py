"""DataLoader workers, emulated in the main process.

torch's ``DataLoader(num_workers=k)`` forks ``k`` processes. Worker ``i`` seeds torch's generator and
Python's ``random`` with ``base_seed + i`` and numpy's global generator with a SeedSequence of
``(i, base_seed)``, sets :func:`get_worker_info`, calls ``worker_init_fn(i)``, then loads the batches
sent to it: for a map-style dataset batch ``n`` goes to worker ``n % k``; for an iterable dataset each
worker iterates its own pass over the dataset and the batches are taken from the workers in turn.

Here each worker is a shallow copy of the dataset plus a set of saved random states: loading a batch
"in" a worker swaps its states in, runs the fetch and collate on its copy, and swaps the main
process's states back. The batches, their order and every random draw are therefore torch's, without
processes. What differs: a worker's copy shares the data (tensors, lists) with the main process, so a
dataset that mutates its data in place behaves differently (a forked torch worker mutates its own copy);
nothing runs in parallel.
"""

from __future__ import annotations

import copy
import random as _py_random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from minitorch_scalar import random as _random


@dataclass(frozen=True, slots=True)
class WorkerInfo:
    """What :func:`get_worker_info` returns inside a worker (torch's attributes and repr order)."""

    id: int
    num_workers: int
    seed: int
    dataset: Any
    rng: Any = None
    worker_method: str | None = "multiprocessing"


_current: WorkerInfo | None = None


def get_worker_info() -> WorkerInfo | None:
    """The running worker's :class:`WorkerInfo`, or None in the main process (as in torch)."""
    return _current


class _SavedStates:
    """The three random states a torch worker seeds: torch's default generator, ``random`` and numpy's."""

    def __init__(self, torch_state: Any, python_state: Any, numpy_state: Any) -> None:
        self.torch_state = torch_state
        self.python_state = python_state
        self.numpy_state = numpy_state

    @classmethod
    def capture(cls) -> _SavedStates:
        """The states as they are now."""
        return cls(_random.get_rng_state(), _py_random.getstate(), np.random.get_state())

    def restore(self) -> None:
        """Make these the current states."""
        _random.set_rng_state(self.torch_state)
        _py_random.setstate(self.python_state)
        np.random.set_state(self.numpy_state)


def _own_copy(dataset: Any) -> Any:
    """A shallow copy of the dataset for one worker (a forked worker has its own copy).

    Attributes reassigned in one worker (``worker_info.dataset.start = ...`` in a ``worker_init_fn``,
    torch's documented way to split an iterable dataset) stay in that worker; the data itself (tensors,
    lists) is shared, not duplicated. A dataset that cannot be copied is shared as it is.
    """
    try:
        return copy.copy(dataset)
    except (TypeError, copy.Error):
        return dataset


class Worker:
    """One emulated worker: its :class:`WorkerInfo` and its random states between batches."""

    def __init__(self, worker_id: int, num_workers: int, base_seed: int, dataset: Any) -> None:
        seed = base_seed + worker_id
        self.info = WorkerInfo(id=worker_id, num_workers=num_workers, seed=seed, dataset=_own_copy(dataset))
        main = _SavedStates.capture()
        _random.manual_seed(seed)
        _py_random.seed(seed)
        entropy = [worker_id, base_seed & 0xFFFFFFFF, base_seed >> 32, 0]
        np.random.seed(np.random.SeedSequence(entropy).generate_state(4))
        self._states = _SavedStates.capture()
        main.restore()

    @contextmanager
    def running(self) -> Iterator[WorkerInfo]:
        """Run the body as this worker: its random states and worker info, the main process's restored after."""
        global _current
        outer, main = _current, _SavedStates.capture()
        self._states.restore()
        _current = self.info
        try:
            yield self.info
        finally:
            _current = outer
            self._states = _SavedStates.capture()
            main.restore()


def start_workers(
    num_workers: int, base_seed: int, dataset: Any, worker_init_fn: Callable[[int], Any] | None
) -> list[Worker]:
    """Create the workers and run ``worker_init_fn(worker_id)`` inside each, as torch's workers do at start."""
    workers = [Worker(i, num_workers, base_seed, dataset) for i in range(num_workers)]
    if worker_init_fn is not None:
        for worker in workers:
            with worker.running():
                worker_init_fn(worker.info.id)
    return workers
