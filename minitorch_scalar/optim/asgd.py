"""``optim.ASGD``: averaged stochastic gradient descent."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from minitorch_scalar.optim import kernels
from minitorch_scalar.optim.checks import check_nonnegative, refuse_capturable
from minitorch_scalar.optim.optimizer import Optimizer
from minitorch_scalar.tensor import from_array


class ASGD(Optimizer):
    """Averaged SGD, as ``torch.optim.ASGD`` (single-tensor path) computes it.

    For each parameter ``p`` with gradient ``g`` at step ``t``, with ``eta`` and ``mu`` from the
    previous step (``eta = lr`` and ``mu = 1`` at first, both float32 0-d tensors)::

        g = g + weight_decay * p
        p = p * (1 - lambd * eta) - eta * g
        ax = p                      if mu == 1
        ax = ax + mu * (p - ax)     otherwise            (the running average of the iterates)
        eta = lr / (1 + lambd * lr * t) ** alpha
        mu = 1 / max(1, t - t0)

    ``state[p]`` holds ``step``, ``eta``, ``mu`` and ``ax``. No square root: torch's bits.

    Raises:
        ValueError: for a negative lr or weight_decay (torch's messages).
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-2,
        lambd: float = 1e-4,
        alpha: float = 0.75,
        t0: float = 1e6,
        weight_decay: float = 0,
        foreach: bool | None = None,
        maximize: bool = False,
        differentiable: bool = False,
        capturable: bool = False,
    ) -> None:
        check_nonnegative(("learning rate", lr), ("weight_decay value", weight_decay))
        defaults = {
            "lr": lr,
            "lambd": lambd,
            "alpha": alpha,
            "t0": t0,
            "weight_decay": weight_decay,
            "foreach": foreach,
            "maximize": maximize,
            "differentiable": differentiable,
            "capturable": capturable,
        }
        super().__init__(params, defaults)

    def _state_for(self, param: Any, lr: float) -> dict[str, Any]:
        """The parameter's buffers, created on its first update."""
        state = self.state[param]
        if not state:
            state["step"] = self._step_counter()
            state["eta"] = from_array(np.array(lr, dtype=np.float32))
            state["mu"] = from_array(np.array(1.0, dtype=np.float32))
            state["ax"] = self._zeros_like(param)
        return state

    def _update_group(self, group: dict[str, Any]) -> None:
        lr, lambd = group["lr"], group["lambd"]
        for param in self._with_grad(group):
            refuse_capturable(group, "params, mus, etas, and state_steps")
            state = self._state_for(param, lr)
            grad = self._grad_array(param, group["maximize"])
            data = param._data
            step = self._tick(state["step"])
            if group["weight_decay"] != 0:
                grad = kernels.added(grad, data, group["weight_decay"])
            eta = float(state["eta"]._data)
            kernels.mul_(data, 1 - lambd * eta)
            kernels.add_(data, grad, -eta)
            ax, mu = state["ax"]._data, state["mu"]._data
            if float(mu) != 1:
                np.add(ax, (data - ax) * mu.astype(ax.dtype), out=ax)
            else:
                ax[...] = data
            state["eta"]._data[...] = lr / ((1 + lambd * lr * step) ** group["alpha"])
            state["mu"]._data[...] = 1 / max(1, step - group["t0"])
            self._bump(param)
