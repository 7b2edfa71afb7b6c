"""``optim.Adam`` and ``optim.AdamW``: adaptive moment estimation."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from minitorch_scalar.optim import kernels
from minitorch_scalar.optim.checks import refuse_capturable
from minitorch_scalar.optim.optimizer import Optimizer


class Adam(Optimizer):
    """Adam, as ``torch.optim.Adam`` (single-tensor path) computes it.

    For each parameter ``p`` with gradient ``g`` at step ``t`` (1, 2, ...)::

        g = g + weight_decay * p            (or p = p * (1 - lr * weight_decay) when decoupled: AdamW)
        m = m + (1 - beta1) * (g - m)        (lerp: beta1 * m + (1 - beta1) * g)
        v = beta2 * v + (1 - beta2) * g * g
        v_max = max(v_max, v)                (amsgrad only; then v_max replaces v below)
        denom = sqrt(v) / sqrt(1 - beta2**t) + eps
        p = p - (lr / (1 - beta1**t)) * m / denom

    ``state[p]`` holds ``step`` (a float32 0-d tensor), ``exp_avg`` (m), ``exp_avg_sq`` (v) and,
    with amsgrad, ``max_exp_avg_sq``. Rounding follows torch's kernels except that torch's square
    root (Intel MKL) can be 1 ulp off the correctly rounded one numpy gives.
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        amsgrad: bool = False,
        *,
        foreach: bool | None = None,
        maximize: bool = False,
        capturable: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
        decoupled_weight_decay: bool = False,
    ) -> None:
        _check_hyper(lr, betas, eps, weight_decay)
        defaults = {
            "lr": lr,
            "betas": betas,
            "eps": eps,
            "weight_decay": weight_decay,
            "amsgrad": amsgrad,
            "maximize": maximize,
            "foreach": foreach,
            "capturable": capturable,
            "differentiable": differentiable,
            "fused": fused,
            "decoupled_weight_decay": decoupled_weight_decay,
        }
        super().__init__(params, defaults)

    def _state_for(self, param: Any, amsgrad: bool) -> dict[str, Any]:
        """The parameter's buffers, created on its first update."""
        state = self.state[param]
        if not state:
            state["step"] = self._step_counter()
            state["exp_avg"] = self._zeros_like(param)
            state["exp_avg_sq"] = self._zeros_like(param)
            if amsgrad:
                state["max_exp_avg_sq"] = self._zeros_like(param)
        return state

    def _update_group(self, group: dict[str, Any]) -> None:
        beta1, beta2 = group["betas"]
        lr, weight_decay, amsgrad = group["lr"], group["weight_decay"], group["amsgrad"]
        params = self._with_grad(group)
        if params:
            refuse_capturable(group)
        for param in params:
            state = self._state_for(param, amsgrad)
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
            second = exp_avg_sq
            if amsgrad:
                second = state["max_exp_avg_sq"]._data
                np.maximum(second, exp_avg_sq, out=second)
            step_size = lr / (1 - beta1**step)
            bias_correction2_sqrt = (1 - beta2**step) ** 0.5
            denom = kernels.sqrt(second) / kernels.scalar(bias_correction2_sqrt, second)
            denom += kernels.scalar(group["eps"], denom)
            kernels.addcdiv_(data, exp_avg, denom, -step_size)
            self._bump(param)


class AdamW(Adam):
    """Adam with decoupled weight decay (``p = p * (1 - lr * weight_decay)`` before the moments).

    The same as ``Adam(..., decoupled_weight_decay=True)``; ``weight_decay`` defaults to 0.01.
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 1e-2,
        amsgrad: bool = False,
        *,
        maximize: bool = False,
        foreach: bool | None = None,
        capturable: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
    ) -> None:
        super().__init__(
            params,
            lr=lr,
            betas=betas,
            eps=eps,
            weight_decay=weight_decay,
            amsgrad=amsgrad,
            foreach=foreach,
            maximize=maximize,
            capturable=capturable,
            differentiable=differentiable,
            fused=fused,
            decoupled_weight_decay=True,
        )


def _check_hyper(lr: float, betas: tuple[float, float], eps: float, weight_decay: float) -> None:
    """torch's range checks on Adam's hyper-parameters (ValueError naming the bad one)."""
    if not 0.0 <= lr:
        raise ValueError(f"Invalid learning rate: {lr}")
    if not 0.0 <= eps:
        raise ValueError(f"Invalid epsilon value: {eps}")
    for i, beta in enumerate(betas):
        if not 0.0 <= beta < 1.0:
            raise ValueError(f"Invalid beta parameter at index {i}: {beta}")
    if not 0.0 <= weight_decay:
        raise ValueError(f"Invalid weight_decay value: {weight_decay}")
