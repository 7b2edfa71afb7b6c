"""``optim.NAdam``: Adam with Nesterov momentum (and a momentum schedule)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from minitorch_scalar.optim import kernels
from minitorch_scalar.optim.checks import check_betas, check_nonnegative, refuse_capturable
from minitorch_scalar.optim.optimizer import Optimizer
from minitorch_scalar.tensor import from_array


class NAdam(Optimizer):
    """NAdam, as ``torch.optim.NAdam`` (single-tensor path) computes it.

    For each parameter ``p`` with gradient ``g`` at step ``t``::

        g = g + weight_decay * p          (or p = p * (1 - lr * weight_decay) when decoupled_weight_decay)
        mu_t = beta1 * (1 - 0.5 * 0.96 ** (t * momentum_decay))
        P_t = P_{t-1} * mu_t                                  (mu_product, a float32 0-d tensor)
        m = m + (1 - beta1) * (g - m)
        v = beta2 * v + (1 - beta2) * g * g
        denom = sqrt(v / (1 - beta2**t)) + eps
        p = p - lr * (1 - mu_t) / (1 - P_t) * g / denom
        p = p - lr * mu_{t+1} / (1 - P_t * mu_{t+1}) * m / denom

    ``state[p]`` holds ``step``, ``mu_product``, ``exp_avg`` and ``exp_avg_sq``. torch's MKL square
    root may differ from numpy's by 1 ulp.

    Raises:
        ValueError: for a negative lr, eps, weight_decay or momentum_decay, or a beta outside [0, 1).
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 2e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        momentum_decay: float = 4e-3,
        decoupled_weight_decay: bool = False,
        *,
        foreach: bool | None = None,
        maximize: bool = False,
        capturable: bool = False,
        differentiable: bool = False,
    ) -> None:
        check_nonnegative(("learning rate", lr), ("epsilon value", eps))
        check_betas(betas)
        check_nonnegative(("weight_decay value", weight_decay), ("momentum_decay value", momentum_decay))
        defaults = {
            "lr": lr,
            "betas": betas,
            "eps": eps,
            "weight_decay": weight_decay,
            "momentum_decay": momentum_decay,
            "decoupled_weight_decay": decoupled_weight_decay,
            "maximize": maximize,
            "foreach": foreach,
            "capturable": capturable,
            "differentiable": differentiable,
        }
        super().__init__(params, defaults)

    def _state_for(self, param: Any) -> dict[str, Any]:
        """The parameter's buffers, created on its first update."""
        state = self.state[param]
        if not state:
            state["step"] = self._step_counter()
            state["mu_product"] = from_array(np.array(1.0, dtype=np.float32))
            state["exp_avg"] = self._zeros_like(param)
            state["exp_avg_sq"] = self._zeros_like(param)
        return state

    def _update_group(self, group: dict[str, Any]) -> None:
        beta1, beta2 = group["betas"]
        lr, weight_decay, decay = group["lr"], group["weight_decay"], group["momentum_decay"]
        for param in self._with_grad(group):
            refuse_capturable(group, "params, mu_products and state_steps")
            state = self._state_for(param)
            grad = self._grad_array(param, group["maximize"])
            data = param._data
            step = self._tick(state["step"])
            bias_correction2 = 1 - beta2**step
            if weight_decay != 0:
                if group["decoupled_weight_decay"]:
                    kernels.mul_(data, 1 - lr * weight_decay)
                else:
                    grad = kernels.added(grad, data, weight_decay)
            mu = beta1 * (1.0 - 0.5 * (0.96 ** (step * decay)))
            mu_next = beta1 * (1.0 - 0.5 * (0.96 ** ((step + 1) * decay)))
            product = state["mu_product"]._data
            kernels.mul_(product, mu)
            exp_avg, exp_avg_sq = state["exp_avg"]._data, state["exp_avg_sq"]._data
            kernels.lerp_(exp_avg, grad, 1 - beta1)
            kernels.mul_(exp_avg_sq, beta2)
            kernels.addcmul_(exp_avg_sq, grad, grad, 1 - beta2)
            denom = kernels.sqrt(exp_avg_sq / kernels.scalar(bias_correction2, exp_avg_sq))
            denom += kernels.scalar(group["eps"], denom)
            product_value = float(product)
            kernels.addcdiv_(data, grad, denom, -lr * (1.0 - mu) / (1.0 - product_value))
            kernels.addcdiv_(data, exp_avg, denom, (-lr * mu_next) / (1.0 - product_value * mu_next))
            self._bump(param)
