"""The chi-squared distribution: ``Gamma(df / 2, 1 / 2)`` (``torch.distributions.Chi2``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions.gamma import Gamma
from minitorch_scalar.tensor import Tensor

__all__ = ["Chi2"]


class Chi2(Gamma):
    """Chi-squared with ``df`` degrees of freedom."""

    arg_constraints = {"df": constraints.positive}

    def __init__(self, df: Tensor | float, validate_args: bool | None = None) -> None:
        super().__init__(0.5 * df, 0.5, validate_args=validate_args)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> Chi2:
        new = self._checked_instance(Chi2, _instance)
        return cast(Chi2, super().expand(batch_shape, new))

    @property
    def df(self) -> Tensor:
        return self.concentration * 2
