"""The multivariate normal distribution (``torch.distributions.MultivariateNormal``).

Parametrised by exactly one of ``covariance_matrix`` (Sigma), ``precision_matrix`` (Sigma^-1) or
``scale_tril`` (the lower Cholesky factor L, Sigma = L L^T). Everything is computed from L with Tensor
ops, so gradients reach every parameter: the Cholesky factorisation and the triangular solves below are
written column by column / row by row (O(n) Tensor ops for an n-dimensional event, fine for the small
dimensions this library targets).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions.distribution import Distribution
from minitorch_scalar.distributions.utils import as_size, lazy_property, standard_normal
from minitorch_scalar.functional_api import broadcast_shapes
from minitorch_scalar.tensor import Size, Tensor, arange, eye, stack

__all__ = ["MultivariateNormal"]


def cholesky(a: Tensor) -> Tensor:
    """The lower triangular L with ``L L^T = a`` for symmetric positive-definite ``a`` (batched).

    Column ``j`` is ``(a[:, j] - L[:, :j] L[j, :j]) / sqrt(that at row j)``, kept from row ``j`` down.
    ``a`` is read as ``(a + a^T) / 2``, so the gradient is symmetric as torch's ``linalg.cholesky`` gives it.

    Raises:
        RuntimeError: if a leading minor is not positive-definite (torch's linalg message).
    """
    n = a.shape[-1]
    a = (a + a.mT) / 2  # exact for symmetric input; makes the gradient symmetric, as torch's
    columns: list[Tensor] = []
    for j in range(n):
        column = a[..., :, j]
        if j:
            done = stack(columns, -1)
            column = column - (done * done[..., j : j + 1, :]).sum(-1)
        pivot = column[..., j : j + 1]
        if not (pivot.detach() > 0).all().item():
            raise RuntimeError(
                "linalg.cholesky: The factorization could not be completed because the input is not "
                f"positive-definite (the leading minor of order {j + 1} is not positive-definite)."
            )
        below = (arange(n) >= j).to(a.dtype)  # rows above the diagonal are zero
        columns.append((column / pivot.sqrt()) * below)
    return stack(columns, -1)


def solve_lower(lower: Tensor, b: Tensor) -> Tensor:
    """x with ``lower @ x = b`` for vectors ``b`` (..., n) and lower triangular ``lower`` (..., n, n), broadcast.

    Forward substitution: ``x_i = (b_i - sum_{k<i} lower[i, k] x_k) / lower[i, i]``.
    """
    n = b.shape[-1]
    xs: list[Tensor] = []
    for i in range(n):
        row = lower[..., i, :]
        acc = b[..., i]
        if i:
            acc = acc - (row[..., :i] * stack(xs, -1)).sum(-1)
        xs.append(acc / row[..., i])
    return stack(xs, -1)


def solve_lower_matrix(lower: Tensor, b: Tensor) -> Tensor:
    """X with ``lower @ X = b`` for a matrix right-hand side (..., n, m)."""
    return solve_lower(lower.unsqueeze(-3), b.mT).mT


def batch_mahalanobis(lower: Tensor, x: Tensor) -> Tensor:
    """``x^T (L L^T)^-1 x = |L^-1 x|^2`` over the last dimension, broadcasting batch dimensions."""
    return solve_lower(lower, x).pow(2).sum(-1)


def _precision_to_scale_tril(precision: Tensor) -> Tensor:
    """The lower L with ``L L^T = precision^-1``: from the Cholesky factor of the flipped precision (as torch)."""
    flipped_factor = cholesky(precision.flip((-2, -1)))
    l_inv = flipped_factor.flip((-2, -1)).transpose(-2, -1)
    return solve_lower_matrix(l_inv, eye(precision.shape[-1], dtype=precision.dtype))


class MultivariateNormal(Distribution):
    """N(loc, Sigma) over vectors of length n (``event_shape == (n,)``).

    Raises:
        ValueError: unless exactly one matrix parametrisation is given, or for parameters of too few dims.
    """

    arg_constraints = {
        "loc": constraints.real_vector,
        "covariance_matrix": constraints.positive_definite,
        "precision_matrix": constraints.positive_definite,
        "scale_tril": constraints.lower_cholesky,
    }
    support = constraints.real_vector
    has_rsample = True

    def __init__(
        self,
        loc: Tensor,
        covariance_matrix: Tensor | None = None,
        precision_matrix: Tensor | None = None,
        scale_tril: Tensor | None = None,
        validate_args: bool | None = None,
    ) -> None:
        if loc.dim() < 1:
            raise ValueError("loc must be at least one-dimensional.")
        given = [(name, m) for name, m in (("scale_tril", scale_tril), ("covariance_matrix", covariance_matrix),
                                           ("precision_matrix", precision_matrix)) if m is not None]
        if len(given) != 1:
            raise ValueError("Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.")
        name, matrix = given[0]
        if matrix.dim() < 2:
            label = "scale_tril matrix" if name == "scale_tril" else name
            raise ValueError(f"{label} must be at least two-dimensional, with optional leading batch dimensions")
        batch_shape = broadcast_shapes(tuple(matrix.shape[:-2]), tuple(loc.shape[:-1]))
        setattr(self, name, matrix.expand(tuple(batch_shape) + (-1, -1)))
        self.loc = loc.expand(tuple(batch_shape) + (-1,))
        super().__init__(batch_shape, self.loc.shape[-1:], validate_args=validate_args)
        if name == "scale_tril":
            self._unbroadcasted_scale_tril = matrix
        elif name == "covariance_matrix":
            self._unbroadcasted_scale_tril = cholesky(matrix)
        else:
            self._unbroadcasted_scale_tril = _precision_to_scale_tril(matrix)

    def expand(self, batch_shape: Sequence[int], _instance: Any = None) -> MultivariateNormal:
        new = self._checked_instance(MultivariateNormal, _instance)
        shape = as_size(batch_shape)
        cov_shape = tuple(shape) + tuple(self.event_shape) * 2
        new.loc = self.loc.expand(tuple(shape) + tuple(self.event_shape))
        new._unbroadcasted_scale_tril = self._unbroadcasted_scale_tril
        for name in ("covariance_matrix", "scale_tril", "precision_matrix"):
            if name in self.__dict__:
                setattr(new, name, getattr(self, name).expand(cov_shape))
        new._init_expanded(shape, self.event_shape, self._validate_args)
        return new

    def _matrix_shape(self) -> tuple[int, ...]:
        return tuple(self._batch_shape) + tuple(self._event_shape) * 2

    @lazy_property
    def scale_tril(self) -> Tensor:
        """L, broadcast to ``batch_shape + (n, n)``."""
        return self._unbroadcasted_scale_tril.expand(self._matrix_shape())

    @lazy_property
    def covariance_matrix(self) -> Tensor:
        """``L L^T``."""
        lower = self._unbroadcasted_scale_tril
        return lower.matmul(lower.mT).expand(self._matrix_shape())

    @lazy_property
    def precision_matrix(self) -> Tensor:
        """``(L L^T)^-1 = L^-T L^-1``."""
        lower = self._unbroadcasted_scale_tril
        l_inv = solve_lower_matrix(lower, eye(lower.shape[-1], dtype=lower.dtype))
        return l_inv.mT.matmul(l_inv).expand(self._matrix_shape())

    @property
    def mean(self) -> Tensor:
        return self.loc

    @property
    def mode(self) -> Tensor:
        return self.loc

    @property
    def variance(self) -> Tensor:
        """The diagonal of Sigma: row sums of ``L**2``."""
        return self._unbroadcasted_scale_tril.pow(2).sum(-1).expand(tuple(self._batch_shape) + tuple(self._event_shape))

    def rsample(self, sample_shape: Sequence[int] = Size()) -> Tensor:
        """``loc + L eps`` with ``eps ~ N(0, I)`` drawn by ``normal_()`` (torch's draws after a seed)."""
        shape = self._extended_shape(sample_shape)
        eps = standard_normal(shape, self.loc.dtype)
        return self.loc + self._unbroadcasted_scale_tril.matmul(eps.unsqueeze(-1)).squeeze(-1)

    def _half_log_det(self) -> Tensor:
        """``log det(L) = sum log L_ii`` (half of log det Sigma)."""
        return self._unbroadcasted_scale_tril.diagonal(dim1=-2, dim2=-1).log().sum(-1)

    def log_prob(self, value: Tensor) -> Tensor:
        """``-(n log(2 pi) + (x - mu)^T Sigma^-1 (x - mu)) / 2 - log det L``."""
        if self._validate_args:
            self._validate_sample(value)
        m = batch_mahalanobis(self._unbroadcasted_scale_tril, value - self.loc)
        return -0.5 * (self._event_shape[0] * math.log(2 * math.pi) + m) - self._half_log_det()

    def entropy(self) -> Tensor:
        """``n (1 + log(2 pi)) / 2 + log det L``."""
        entropy = 0.5 * self._event_shape[0] * (1.0 + math.log(2 * math.pi)) + self._half_log_det()
        return entropy if len(self._batch_shape) == 0 else entropy.expand(tuple(self._batch_shape))
