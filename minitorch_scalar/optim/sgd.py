"""``optim.SGD``: stochastic gradient descent with momentum, dampening, Nesterov and weight decay."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from minitorch_scalar.optim import kernels
from minitorch_scalar.optim.optimizer import Optimizer


class SGD(Optimizer):
    """Gradient descent, as ``torch.optim.SGD`` (single-tensor path) computes it.

    For each parameter ``p`` with gradient ``g`` (``-g`` when ``maximize``)::

        g = g + weight_decay * p
        buf = g                                    (first step)
        buf = momentum * buf + (1 - dampening) * g (later steps)
        g = g + momentum * buf   if nesterov   else   g = buf      (only when momentum != 0)
        p = p - lr * g

    With ``momentum=0`` this is the lecture's update ``p.data += -lr * p.grad``. Each line rounds as
    torch's float kernels do (see :mod:`minitorch_scalar.optim.kernels`), so parameters match
    torch bit for bit.
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        momentum: float = 0,
        dampening: float = 0,
        weight_decay: float = 0,
        nesterov: bool = False,
        *,
        maximize: bool = False,
        foreach: bool | None = None,
        differentiable: bool = False,
        fused: bool | None = None,
    ) -> None:
        if lr < 0.0:
            raise ValueError(f"Invalid learning rate: {lr}")
        if momentum < 0.0:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if weight_decay < 0.0:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        defaults = {
            "lr": lr,
            "momentum": momentum,
            "dampening": dampening,
            "weight_decay": weight_decay,
            "nesterov": nesterov,
            "maximize": maximize,
            "foreach": foreach,
            "differentiable": differentiable,
            "fused": fused,
        }
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        super().__init__(params, defaults)

    def _update_group(self, group: dict[str, Any]) -> None:
        momentum = group["momentum"]
        params = self._with_grad(group)
        if momentum == 0 and group["weight_decay"] == 0 and not group["maximize"]:
            grads = [p._grad._data for p in params if p._grad is not None]  # every one of them, by _with_grad
            kernels.add_each_([p._data for p in params], grads, -group["lr"])
            for param in params:
                self._bump(param)
            return
        for param in params:
            grad = self._grad_array(param, group["maximize"])
            if group["weight_decay"] != 0:
                grad = kernels.added(grad, param._data, group["weight_decay"])
            if momentum != 0:
                grad = self._momentum(param, grad, group)
            kernels.add_(param._data, grad, -group["lr"])
            self._bump(param)

    def _momentum(self, param: Any, grad: np.ndarray, group: dict[str, Any]) -> np.ndarray:
        """Update the momentum buffer and return the direction to step along."""
        state = self.state[param]
        momentum = group["momentum"]
        buf = state.get("momentum_buffer")
        if buf is None:
            buf = self._zeros_like(param)
            buf._data[...] = grad
            state["momentum_buffer"] = buf
        else:
            kernels.mul_(buf._data, momentum)
            kernels.add_(buf._data, grad, 1 - group["dampening"])
        if group["nesterov"]:
            return kernels.added(grad, buf._data, momentum)
        return buf._data
