"""``torch.optim.swa_utils``: stochastic weight averaging (AveragedModel, SWALR, update_bn) and the
averaging functions (equal-weight SWA and exponential moving averages)."""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Callable, Iterable, Sequence
from copy import deepcopy
from typing import Any

from minitorch_scalar import dtypes
from minitorch_scalar.autograd import no_grad
from minitorch_scalar.nn.module import Module
from minitorch_scalar.nn.normalization import _BatchNorm
from minitorch_scalar.optim import kernels
from minitorch_scalar.optim.lr_scheduler import _GET_LR_WARNING, LRScheduler, _per_group
from minitorch_scalar.optim.optimizer import Optimizer
from minitorch_scalar.tensor import Tensor, tensor

__all__ = [
    "SWALR", "AveragedModel", "get_ema_avg_fn", "get_ema_multi_avg_fn", "get_swa_avg_fn", "get_swa_multi_avg_fn",
    "update_bn",
]

AvgFn = Callable[[Tensor, Tensor, Any], Tensor]
MultiAvgFn = Callable[[Sequence[Tensor], Sequence[Tensor], Any], None]


def _check_decay(decay: float) -> None:
    if decay < 0.0 or decay > 1.0:
        raise ValueError(f"Invalid decay value {decay} provided. Please provide a value in [0,1] range.")


def get_ema_multi_avg_fn(decay: float = 0.999) -> MultiAvgFn:
    """In place on lists of tensors: ``ema = ema + (1 - decay) * (p - ema)`` (a lerp).

    Raises:
        ValueError: for a decay outside [0, 1].
    """
    _check_decay(decay)

    def ema_update(ema_params: Sequence[Tensor], params: Sequence[Tensor], _: Any) -> None:
        with no_grad():
            for ema, current in zip(ema_params, params):
                if ema.is_floating_point():
                    kernels.lerp_(ema._data, current._data, 1 - decay)
                else:
                    ema.copy_(ema * decay + current * (1 - decay))

    return ema_update


def get_swa_multi_avg_fn() -> MultiAvgFn:
    """In place on lists of tensors: the running mean ``avg = avg + (p - avg) / (n + 1)`` (a lerp with ``1/(n+1)``)."""

    def swa_update(averaged: Sequence[Tensor], params: Sequence[Tensor], num_averaged: Any) -> None:
        with no_grad():
            weight = 1 / (float(num_averaged) + 1)
            for avg, current in zip(averaged, params):
                if avg.is_floating_point():
                    kernels.lerp_(avg._data, current._data, weight)
                else:
                    avg.copy_(avg + (current - avg) / (num_averaged + 1))

    return swa_update


def get_ema_avg_fn(decay: float = 0.999) -> AvgFn:
    """``decay * ema + (1 - decay) * p`` for one tensor (returns a new tensor).

    Raises:
        ValueError: for a decay outside [0, 1].
    """
    _check_decay(decay)

    def ema_update(ema: Tensor, current: Tensor, num_averaged: Any) -> Tensor:
        with no_grad():
            return decay * ema + (1 - decay) * current

    return ema_update


def get_swa_avg_fn() -> AvgFn:
    """``avg + (p - avg) / (n + 1)`` for one tensor (returns a new tensor): the running mean of ``n + 1`` models."""

    def swa_update(averaged: Tensor, current: Tensor, num_averaged: Any) -> Tensor:
        with no_grad():
            return averaged + (current - averaged) / (num_averaged + 1)

    return swa_update


class AveragedModel(Module):
    """A copy of ``model`` whose parameters are the running average of the models passed to
    :meth:`update_parameters` (equal weights by default; ``avg_fn``/``multi_avg_fn`` for e.g. an EMA).

    ``n_averaged`` (an int64 buffer) counts the models averaged; the first call copies the parameters.
    Buffers (BatchNorm statistics) are copied from the latest model unless ``use_buffers=True``, which
    averages them like parameters. On the CPU torch averages one tensor at a time with
    :func:`get_swa_avg_fn`, as here.

    Raises:
        AssertionError: when both ``avg_fn`` and ``multi_avg_fn`` are given (torch's message).
    """

    def __init__(
        self,
        model: Module,
        device: Any = None,
        avg_fn: AvgFn | None = None,
        multi_avg_fn: MultiAvgFn | None = None,
        use_buffers: bool = False,
    ) -> None:
        super().__init__()
        if avg_fn is not None and multi_avg_fn is not None:
            raise AssertionError("Only one of avg_fn and multi_avg_fn should be provided")
        self.module = deepcopy(model)
        if device is not None:
            self.module = self.module.to(device)
        self.register_buffer("n_averaged", tensor(0, dtype=dtypes.int64))
        self.avg_fn = avg_fn
        self.multi_avg_fn = multi_avg_fn
        self.use_buffers = use_buffers

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        """The averaged copy applied to the inputs."""
        return self.module(*args, **kwargs)

    def update_parameters(self, model: Module) -> None:
        """Fold ``model``'s current parameters (and buffers with ``use_buffers``) into the average."""
        mine: Iterable[Tensor] = (
            itertools.chain(self.module.parameters(), self.module.buffers()) if self.use_buffers else self.parameters()
        )
        theirs: Iterable[Tensor] = (
            itertools.chain(model.parameters(), model.buffers()) if self.use_buffers else model.parameters()
        )
        averaged = [p.detach() for p in mine]
        current = [p.detach() for p in theirs]
        count = int(self.n_averaged.item())
        with no_grad():
            if count == 0:
                for avg, new in zip(averaged, current):
                    avg.copy_(new)
            elif self.multi_avg_fn is not None:
                self.multi_avg_fn(averaged, current, self.n_averaged)
            else:
                avg_fn = self.avg_fn if self.avg_fn is not None else get_swa_avg_fn()
                for avg, new in zip(averaged, current):
                    avg.copy_(avg_fn(avg, new, self.n_averaged))
            if not self.use_buffers:
                for mine_buffer, their_buffer in zip(self.module.buffers(), model.buffers()):
                    mine_buffer.copy_(their_buffer.detach())
            self.n_averaged += 1


def update_bn(loader: Iterable[Any], model: Module, device: Any = None) -> None:
    """Recompute every BatchNorm's running statistics with one pass over ``loader`` (for an averaged
    model, whose averaged weights do not match the statistics gathered in training).

    Running stats are reset and accumulated as a cumulative average (``momentum=None``) in training
    mode; the first element of list/tuple batches is the input. Momenta and the training flag are
    restored afterwards.
    """
    momenta: dict[Module, Any] = {}
    for module in model.modules():
        if isinstance(module, _BatchNorm):
            module.reset_running_stats()
            momenta[module] = module.momentum
    if not momenta:
        return
    was_training = model.training
    model.train()
    for module in momenta:
        module.momentum = None
    with no_grad():
        for batch in loader:
            inputs = batch[0] if isinstance(batch, (list, tuple)) else batch
            if device is not None:
                inputs = inputs.to(device)
            model(inputs)
    for module, momentum in momenta.items():
        module.momentum = momentum
    model.train(was_training)


class SWALR(LRScheduler):
    """Anneal each group's rate to ``swa_lr`` over ``anneal_epochs`` epochs (cosine or linear), then hold it.

    With ``alpha(t)`` = ``(1 - cos(pi t)) / 2`` (cos) or ``t`` (linear) and ``t = min(1, step / anneal_epochs)``,
    the rate is ``swa_lr * alpha + lr_start * (1 - alpha)``, where ``lr_start`` is recovered from the
    previous rate as torch does.

    Raises:
        ValueError: for an unknown ``anneal_strategy`` or a negative / non-int ``anneal_epochs``.
    """

    def __init__(
        self,
        optimizer: Optimizer,
        swa_lr: float | list[float],
        anneal_epochs: int = 10,
        anneal_strategy: str = "cos",
        last_epoch: int = -1,
    ) -> None:
        for value, group in zip(_per_group("swa_lr", optimizer, swa_lr), optimizer.param_groups):
            group["swa_lr"] = value
        if anneal_strategy not in ("cos", "linear"):
            raise ValueError(f"anneal_strategy must be one of 'cos' or 'linear', instead got {anneal_strategy}")
        self._anneal_strategy = anneal_strategy
        if not isinstance(anneal_epochs, int) or anneal_epochs < 0:
            raise ValueError(f"anneal_epochs must be equal or greater than 0, got {anneal_epochs}")
        self.anneal_epochs = anneal_epochs
        super().__init__(optimizer, last_epoch)

    def anneal_func(self, t: float) -> float:
        """The fraction of the way to ``swa_lr`` at progress ``t`` in [0, 1]."""
        return (1 - math.cos(math.pi * t)) / 2 if self._anneal_strategy == "cos" else t

    @staticmethod
    def _initial_lr(lr: float, swa_lr: float, alpha: float) -> float:
        """The rate annealing started from, given the rate ``lr`` reached at fraction ``alpha``."""
        if alpha == 1:
            return swa_lr
        return (lr - alpha * swa_lr) / (1 - alpha)

    def get_lr(self) -> list[float]:
        if not self._get_lr_called_within_step:
            warnings.warn(_GET_LR_WARNING, UserWarning, stacklevel=2)
        step = self._step_count - 1
        if self.anneal_epochs == 0:
            step = max(1, step)
        prev_alpha = self.anneal_func(max(0, min(1, (step - 1) / max(1, self.anneal_epochs))))
        groups = self.optimizer.param_groups
        starts = [self._initial_lr(group["lr"], group["swa_lr"], prev_alpha) for group in groups]
        alpha = self.anneal_func(max(0, min(1, step / max(1, self.anneal_epochs))))
        return [group["swa_lr"] * alpha + start * (1 - alpha) for group, start in zip(groups, starts)]
