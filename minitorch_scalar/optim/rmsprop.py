"""``optim.RMSprop``: gradient steps scaled by a running average of squared gradients."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from minitorch_scalar.optim import kernels
from minitorch_scalar.optim.optimizer import Optimizer


class RMSprop(Optimizer):
    """RMSprop, as ``torch.optim.RMSprop`` (single-tensor path) computes it.

    For each parameter ``p`` with gradient ``g``::

        g = g + weight_decay * p
        v = alpha * v + (1 - alpha) * g * g
        avg = sqrt(v - a * a) + eps     with a = a + (1 - alpha) * (g - a)   (centered)
        avg = sqrt(v) + eps                                                  (otherwise)
        buf = momentum * buf + g / avg;  p = p - lr * buf                    (momentum > 0)
        p = p - lr * g / avg                                                 (otherwise)

    ``state[p]`` holds ``step``, ``square_avg`` (v), ``momentum_buffer`` (momentum > 0) and
    ``grad_avg`` (a, centered). torch's MKL square root may differ from numpy's by 1 ulp.
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-2,
        alpha: float = 0.99,
        eps: float = 1e-8,
        weight_decay: float = 0,
        momentum: float = 0,
        centered: bool = False,
        capturable: bool = False,
        foreach: bool | None = None,
        maximize: bool = False,
        differentiable: bool = False,
    ) -> None:
        checks = (("learning rate", lr), ("epsilon value", eps), ("momentum value", momentum))
        for label, value in (*checks, ("weight_decay value", weight_decay), ("alpha value", alpha)):
            if not 0.0 <= value:
                raise ValueError(f"Invalid {label}: {value}")
        defaults = {
            "lr": lr,
            "momentum": momentum,
            "alpha": alpha,
            "eps": eps,
            "centered": centered,
            "weight_decay": weight_decay,
            "capturable": capturable,
            "foreach": foreach,
            "maximize": maximize,
            "differentiable": differentiable,
        }
        super().__init__(params, defaults)

    def _state_for(self, param: Any, group: dict[str, Any]) -> dict[str, Any]:
        """The parameter's buffers, created on its first update."""
        state = self.state[param]
        if not state:
            state["step"] = self._step_counter()
            state["square_avg"] = self._zeros_like(param)
            if group["momentum"] > 0:
                state["momentum_buffer"] = self._zeros_like(param)
            if group["centered"]:
                state["grad_avg"] = self._zeros_like(param)
        return state

    def _update_group(self, group: dict[str, Any]) -> None:
        alpha, eps, lr, momentum = group["alpha"], group["eps"], group["lr"], group["momentum"]
        for param in self._with_grad(group):
            state = self._state_for(param, group)
            self._tick(state["step"])
            grad = self._grad_array(param, group["maximize"])
            if group["weight_decay"] != 0:
                grad = kernels.added(grad, param._data, group["weight_decay"])
            square_avg = state["square_avg"]._data
            kernels.mul_(square_avg, alpha)
            kernels.addcmul_(square_avg, grad, grad, 1 - alpha)
            if group["centered"]:
                grad_avg = state["grad_avg"]._data
                kernels.lerp_(grad_avg, grad, 1 - alpha)
                centered = square_avg.copy()
                kernels.addcmul_(centered, grad_avg, grad_avg, -1)
                avg = kernels.sqrt(centered)
            else:
                avg = kernels.sqrt(square_avg)
            avg += kernels.scalar(eps, avg)
            if momentum > 0:
                buf = state["momentum_buffer"]._data
                kernels.mul_(buf, momentum)
                kernels.addcdiv_(buf, grad, avg)
                kernels.add_(param._data, buf, -lr)
            else:
                kernels.addcdiv_(param._data, grad, avg, -lr)
            self._bump(param)
