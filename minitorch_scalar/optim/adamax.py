"""``optim.Adamax``: Adam with the infinity norm in place of the root mean square."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from minitorch_scalar.optim import kernels
from minitorch_scalar.optim.checks import check_betas, check_nonnegative, refuse_capturable
from minitorch_scalar.optim.optimizer import Optimizer


class Adamax(Optimizer):
    """Adamax, as ``torch.optim.Adamax`` (single-tensor path) computes it.

    For each parameter ``p`` with gradient ``g`` at step ``t``::

        g = g + weight_decay * p
        m = m + (1 - beta1) * (g - m)
        u = max(beta2 * u, |g| + eps)                        (exp_inf)
        p = p - (lr / (1 - beta1**t)) * m / u

    ``state[p]`` holds ``step``, ``exp_avg`` (m) and ``exp_inf`` (u). No square root is involved,
    so the update is torch's bit for bit.

    Raises:
        ValueError: for a negative lr, eps or weight_decay, or a beta outside [0, 1) (torch's messages).
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 2e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        foreach: bool | None = None,
        *,
        maximize: bool = False,
        differentiable: bool = False,
        capturable: bool = False,
    ) -> None:
        check_nonnegative(("learning rate", lr), ("epsilon value", eps))
        check_betas(betas)
        check_nonnegative(("weight_decay value", weight_decay))
        defaults = {
            "lr": lr,
            "betas": betas,
            "eps": eps,
            "weight_decay": weight_decay,
            "foreach": foreach,
            "maximize": maximize,
            "differentiable": differentiable,
            "capturable": capturable,
        }
        super().__init__(params, defaults)

    def _update_group(self, group: dict[str, Any]) -> None:
        beta1, beta2 = group["betas"]
        for param in self._with_grad(group):
            refuse_capturable(group)
            state = self.state[param]
            if not state:
                state["step"] = self._step_counter()
                state["exp_avg"] = self._zeros_like(param)
                state["exp_inf"] = self._zeros_like(param)
            step = self._tick(state["step"])
            grad = self._grad_array(param, group["maximize"])
            if group["weight_decay"] != 0:
                grad = kernels.added(grad, param._data, group["weight_decay"])
            exp_avg, exp_inf = state["exp_avg"]._data, state["exp_inf"]._data
            kernels.lerp_(exp_avg, grad, 1 - beta1)
            kernels.mul_(exp_inf, beta2)
            np.maximum(exp_inf, np.abs(grad) + kernels.scalar(group["eps"], exp_inf), out=exp_inf)
            clr = group["lr"] / (1 - beta1**step)
            kernels.addcdiv_(param._data, exp_avg, exp_inf, -clr)
            self._bump(param)
