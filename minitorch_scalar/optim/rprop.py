"""``optim.Rprop``: resilient backpropagation (per-element step sizes driven by gradient signs)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from minitorch_scalar.optim import kernels
from minitorch_scalar.optim.checks import check_nonnegative, refuse_capturable
from minitorch_scalar.optim.optimizer import Optimizer


class Rprop(Optimizer):
    """Rprop, as ``torch.optim.Rprop`` (single-tensor path) computes it.

    Per element, with ``s = sign(g * g_prev)``::

        step_size = clamp(step_size * (etaplus if s > 0, etaminus if s < 0, 1 if s == 0), *step_sizes)
        g = 0 where s < 0                 (after a sign change, skip this element once)
        p = p - sign(g) * step_size
        g_prev = g

    ``state[p]`` holds ``step``, ``prev`` (g_prev, zeros at first) and ``step_size`` (``lr`` at first).
    Only signs and products by constants: torch's bits.

    Raises:
        ValueError: for a negative lr, or etas not satisfying ``0 < etaminus < 1 < etaplus``.
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-2,
        etas: tuple[float, float] = (0.5, 1.2),
        step_sizes: tuple[float, float] = (1e-6, 50),
        *,
        capturable: bool = False,
        foreach: bool | None = None,
        maximize: bool = False,
        differentiable: bool = False,
    ) -> None:
        check_nonnegative(("learning rate", lr))
        if not 0.0 < etas[0] < 1.0 < etas[1]:
            raise ValueError(f"Invalid eta values: {etas[0]}, {etas[1]}")
        defaults = {
            "lr": lr,
            "etas": etas,
            "step_sizes": step_sizes,
            "foreach": foreach,
            "maximize": maximize,
            "differentiable": differentiable,
            "capturable": capturable,
        }
        super().__init__(params, defaults)

    def _update_group(self, group: dict[str, Any]) -> None:
        etaminus, etaplus = group["etas"]
        low, high = group["step_sizes"]
        for param in self._with_grad(group):
            state = self.state[param]
            if not state:
                state["step"] = self._step_counter()
                state["prev"] = self._zeros_like(param)
                step_size = self._zeros_like(param)
                step_size._data[...] = kernels.scalar(group["lr"], step_size._data)
                state["step_size"] = step_size
            refuse_capturable(group)
            self._tick(state["step"])
            grad = self._grad_array(param, group["maximize"])
            prev, sizes = state["prev"]._data, state["step_size"]._data
            sign = np.sign(grad * prev)
            factor = np.where(sign > 0, etaplus, np.where(sign < 0, etaminus, 1.0)).astype(sizes.dtype)
            np.multiply(sizes, factor, out=sizes)
            np.clip(sizes, kernels.scalar(low, sizes), kernels.scalar(high, sizes), out=sizes)
            grad = np.where(sign < 0, np.zeros_like(grad), grad)
            kernels.addcmul_(param._data, np.sign(grad), sizes, -1)
            prev[...] = grad
            self._bump(param)
