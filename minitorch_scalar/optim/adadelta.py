"""``optim.Adadelta``: steps sized by the ratio of running RMS of updates to running RMS of gradients."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from minitorch_scalar.optim import kernels
from minitorch_scalar.optim.checks import check_nonnegative, refuse_capturable
from minitorch_scalar.optim.optimizer import Optimizer


class Adadelta(Optimizer):
    """Adadelta, as ``torch.optim.Adadelta`` (single-tensor path) computes it.

    For each parameter ``p`` with gradient ``g``::

        g = g + weight_decay * p
        v = rho * v + (1 - rho) * g * g                      (square_avg)
        delta = sqrt(u + eps) / sqrt(v + eps) * g            (u: acc_delta)
        u = rho * u + (1 - rho) * delta * delta
        p = p - lr * delta

    ``state[p]`` holds ``step``, ``square_avg`` and ``acc_delta``. torch's MKL square root may
    differ from numpy's by 1 ulp.

    Raises:
        ValueError: for a negative lr, eps or weight_decay, or rho outside [0, 1] (torch's messages).
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1.0,
        rho: float = 0.9,
        eps: float = 1e-6,
        weight_decay: float = 0,
        foreach: bool | None = None,
        *,
        capturable: bool = False,
        maximize: bool = False,
        differentiable: bool = False,
    ) -> None:
        check_nonnegative(("learning rate", lr))
        if not 0.0 <= rho <= 1.0:
            raise ValueError(f"Invalid rho value: {rho}")
        check_nonnegative(("epsilon value", eps), ("weight_decay value", weight_decay))
        defaults = {
            "lr": lr,
            "rho": rho,
            "eps": eps,
            "weight_decay": weight_decay,
            "maximize": maximize,
            "capturable": capturable,
            "foreach": foreach,
            "differentiable": differentiable,
        }
        super().__init__(params, defaults)

    def _update_group(self, group: dict[str, Any]) -> None:
        rho, eps = group["rho"], group["eps"]
        for param in self._with_grad(group):
            refuse_capturable(group, xla=False)
            state = self.state[param]
            if not state:
                state["step"] = self._step_counter()
                state["square_avg"] = self._zeros_like(param)
                state["acc_delta"] = self._zeros_like(param)
            self._tick(state["step"])
            grad = self._grad_array(param, group["maximize"])
            if group["weight_decay"] != 0:
                grad = kernels.added(grad, param._data, group["weight_decay"])
            square_avg, acc_delta = state["square_avg"]._data, state["acc_delta"]._data
            kernels.mul_(square_avg, rho)
            kernels.addcmul_(square_avg, grad, grad, 1 - rho)
            std = kernels.sqrt(square_avg + kernels.scalar(eps, square_avg))
            delta = kernels.sqrt(acc_delta + kernels.scalar(eps, acc_delta))
            np.divide(delta, std, out=delta)
            np.multiply(delta, grad, out=delta)
            kernels.mul_(acc_delta, rho)
            kernels.addcmul_(acc_delta, delta, delta, 1 - rho)
            kernels.add_(param._data, delta, -group["lr"])
            self._bump(param)
