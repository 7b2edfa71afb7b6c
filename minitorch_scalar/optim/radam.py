"""``optim.RAdam``: Adam with a rectified (variance-corrected) adaptive step."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from minitorch_scalar.optim import kernels
from minitorch_scalar.optim.checks import check_betas, check_nonnegative, refuse_capturable
from minitorch_scalar.optim.optimizer import Optimizer


class RAdam(Optimizer):
    """RAdam, as ``torch.optim.RAdam`` (single-tensor path) computes it.

    For each parameter ``p`` with gradient ``g`` at step ``t``::

        g = g + weight_decay * p          (or p = p * (1 - lr * weight_decay) when decoupled_weight_decay)
        m = m + (1 - beta1) * (g - m)
        v = beta2 * v + (1 - beta2) * g * g
        rho_inf = 2 / (1 - beta2) - 1
        rho_t = rho_inf - 2 t beta2**t / (1 - beta2**t)
        m_hat = m / (1 - beta1**t)
        if rho_t > 5:
            r = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))
            p = p - m_hat * lr * (sqrt(1 - beta2**t) / (sqrt(v) + eps)) * r
        else:
            p = p - m_hat * lr                                (plain momentum while the variance is untrusted)

    ``state[p]`` holds ``step``, ``exp_avg`` and ``exp_avg_sq``. torch's MKL square root may differ
    from numpy's by 1 ulp.

    Raises:
        ValueError: for a negative lr, eps or weight_decay, or a beta outside [0, 1) (torch's messages).
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        decoupled_weight_decay: bool = False,
        *,
        foreach: bool | None = None,
        maximize: bool = False,
        capturable: bool = False,
        differentiable: bool = False,
    ) -> None:
        check_nonnegative(("learning rate", lr), ("epsilon value", eps))
        check_betas(betas)
        check_nonnegative(("weight_decay value", weight_decay))
        defaults = {
            "lr": lr,
            "betas": betas,
            "eps": eps,
            "weight_decay": weight_decay,
            "maximize": maximize,
            "foreach": foreach,
            "capturable": capturable,
            "decoupled_weight_decay": decoupled_weight_decay,
            "differentiable": differentiable,
        }
        super().__init__(params, defaults)

    def _update_group(self, group: dict[str, Any]) -> None:
        beta1, beta2 = group["betas"]
        lr, weight_decay = group["lr"], group["weight_decay"]
        for param in self._with_grad(group):
            refuse_capturable(group)
            state = self.state[param]
            if not state:
                state["step"] = self._step_counter()
                state["exp_avg"] = self._zeros_like(param)
                state["exp_avg_sq"] = self._zeros_like(param)
            grad = self._grad_array(param, group["maximize"])
            data = param._data
            step = self._tick(state["step"])
            if weight_decay != 0:
                if group["decoupled_weight_decay"]:
                    kernels.mul_(data, 1 - lr * weight_decay)
                else:
                    grad = kernels.added(grad, data, weight_decay)
            exp_avg, exp_avg_sq = state["exp_avg"]._data, state["exp_avg_sq"]._data
            kernels.lerp_(exp_avg, grad, 1 - beta1)
            kernels.mul_(exp_avg_sq, beta2)
            kernels.addcmul_(exp_avg_sq, grad, grad, 1 - beta2)
            bias_correction1 = 1 - beta1**step
            bias_correction2 = 1 - beta2**step
            corrected = exp_avg / kernels.scalar(bias_correction1, exp_avg)
            rho_inf = 2 / (1 - beta2) - 1
            rho_t = rho_inf - 2 * step * (beta2**step) / bias_correction2
            update = corrected * kernels.scalar(lr, corrected)
            if rho_t > 5.0:
                update = update * _adaptive_lr(exp_avg_sq, group["eps"], bias_correction2)
                rect = ((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t)) ** 0.5
                update = update * kernels.scalar(rect, update)
            kernels.add_(data, update, -1.0)
            self._bump(param)


def _adaptive_lr(exp_avg_sq: np.ndarray, eps: float, bias_correction2: float) -> np.ndarray:
    """``sqrt(1 - beta2**t) / (sqrt(v) + eps)``, as torch's ``number / tensor``: ``reciprocal(...) * number``."""
    root = kernels.sqrt(exp_avg_sq)
    root += kernels.scalar(eps, root)
    one = kernels.scalar(1.0, root)
    return (one / root) * kernels.scalar(bias_correction2**0.5, root)
