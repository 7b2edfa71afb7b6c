"""``optim.Adagrad``: steps scaled by the root of the summed squared gradients."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from minitorch_scalar.optim import kernels
from minitorch_scalar.optim.optimizer import Optimizer


class Adagrad(Optimizer):
    """Adagrad, as ``torch.optim.Adagrad`` (single-tensor path) computes it.

    For each parameter ``p`` with gradient ``g`` at step ``t``::

        g = g + weight_decay * p
        clr = lr / (1 + (t - 1) * lr_decay)
        s = s + g * g
        p = p - clr * g / (sqrt(s) + eps)

    Unlike Adam, the state (``step`` and ``sum``, which starts at ``initial_accumulator_value``)
    exists from construction, as in torch. torch's MKL square root may differ by 1 ulp.
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-2,
        lr_decay: float = 0,
        weight_decay: float = 0,
        initial_accumulator_value: float = 0,
        eps: float = 1e-10,
        foreach: bool | None = None,
        *,
        maximize: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
    ) -> None:
        checks = (
            ("learning rate", lr),
            ("lr_decay value", lr_decay),
            ("weight_decay value", weight_decay),
            ("initial_accumulator_value value", initial_accumulator_value),
            ("epsilon value", eps),
        )
        for label, value in checks:
            if not 0.0 <= value:
                raise ValueError(f"Invalid {label}: {value}")
        defaults = {
            "lr": lr,
            "lr_decay": lr_decay,
            "eps": eps,
            "weight_decay": weight_decay,
            "initial_accumulator_value": initial_accumulator_value,
            "foreach": foreach,
            "maximize": maximize,
            "differentiable": differentiable,
            "fused": fused,
        }
        super().__init__(params, defaults)
        for group in self.param_groups:
            for param in group["params"]:
                state = self.state[param]
                state["step"] = self._step_counter()
                total = self._zeros_like(param)
                total._data[...] = kernels.scalar(initial_accumulator_value, total._data)
                state["sum"] = total

    def _update_group(self, group: dict[str, Any]) -> None:
        for param in self._with_grad(group):
            state = self.state[param]
            step = self._tick(state["step"])
            grad = self._grad_array(param, group["maximize"])
            if group["weight_decay"] != 0:
                grad = kernels.added(grad, param._data, group["weight_decay"])
            clr = group["lr"] / (1 + (step - 1) * group["lr_decay"])
            total = state["sum"]._data
            kernels.addcmul_(total, grad, grad, 1.0)
            std = kernels.sqrt(total)
            std += kernels.scalar(group["eps"], std)
            kernels.addcdiv_(param._data, grad, std, -clr)
            self._bump(param)
