"""Helpers shared by the distributions (``torch.distributions.utils``).

``broadcast_all`` turns numbers and tensors into tensors of one broadcast shape; ``logits_to_probs`` and
``probs_to_logits`` convert between the two parametrisations of discrete distributions; ``lazy_property``
computes a parameter the first time it is read and stores it on the instance (so ``repr`` then shows it, as
torch's does).
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence
from functools import update_wrapper
from typing import Any, Generic, TypeVar, overload

import numpy as np

from minitorch_scalar import dtypes, random
from minitorch_scalar.autograd import enable_grad
from minitorch_scalar.functional_api import broadcast_tensors
from minitorch_scalar.tensor import Size, Tensor, from_array, tensor

__all__ = ["broadcast_all", "clamp_probs", "lazy_property", "logits_to_probs", "probs_to_logits"]

euler_constant = 0.57721566490153286060


def is_number(value: Any) -> bool:
    """True for a Python/numpy real number (torch's ``_Number``: bool, int, float)."""
    return isinstance(value, numbers.Real) and not isinstance(value, Tensor)


def broadcast_all(*values: Tensor | float) -> tuple[Tensor, ...]:
    """Tensors of one broadcast shape from tensors and numbers.

    Numbers become tensors of the first tensor's dtype (the default dtype when there is none).

    Raises:
        ValueError: for an argument that is neither a number nor a Tensor (torch's message).
    """
    if not all(isinstance(v, Tensor) or is_number(v) for v in values):
        raise ValueError(
            "Input arguments must all be instances of Number, torch.Tensor or objects implementing "
            "__torch_function__."
        )
    dtype = next((v.dtype for v in values if isinstance(v, Tensor)), dtypes.get_default_dtype())
    as_tensors = [v if isinstance(v, Tensor) else tensor(v, dtype=dtype) for v in values]
    return tuple(broadcast_tensors(*as_tensors))


def finfo_eps(dtype: dtypes.dtype) -> float:
    """Machine epsilon of a float dtype (``torch.finfo(dtype).eps``)."""
    return float(np.finfo(dtype.np).eps)


def finfo_min(dtype: dtypes.dtype) -> float:
    """Most negative finite value of a float dtype (``torch.finfo(dtype).min``)."""
    return float(np.finfo(dtype.np).min)


def clamp_probs(probs: Tensor) -> Tensor:
    """Probabilities clamped into ``[eps, 1 - eps]`` so their logs are finite."""
    eps = finfo_eps(probs.dtype)
    return probs.clamp(min=eps, max=1 - eps)


def logits_to_probs(logits: Tensor, is_binary: bool = False) -> Tensor:
    """``sigmoid(logits)`` (binary) or ``softmax(logits, -1)``."""
    if is_binary:
        return logits.sigmoid()
    return logits.softmax(-1)


def probs_to_logits(probs: Tensor, is_binary: bool = False) -> Tensor:
    """``log p - log1p(-p)`` (binary) or ``log p``, with ``p`` clamped away from 0 and 1."""
    clamped = clamp_probs(probs)
    if is_binary:
        return clamped.log() - (-clamped).log1p()
    return clamped.log()


def standard_normal(shape: Sequence[int], dtype: dtypes.dtype) -> Tensor:
    """What ``torch.empty(shape, dtype=dtype).normal_()`` draws (the stream rsample uses)."""
    return from_array(random.normal_array(tuple(shape), 0.0, 1.0, dtype.np))


def sum_rightmost(value: Tensor, dim: int) -> Tensor:
    """Sum over the ``dim`` rightmost dimensions (none when ``dim`` is 0)."""
    if dim == 0:
        return value
    return value.reshape(tuple(value.shape[: value.dim() - dim]) + (-1,)).sum(-1)


def as_size(shape: Sequence[int]) -> Size:
    """A ``torch.Size`` from a shape (tuple, list or Size; an int raises TypeError, as torch.Size(5) does)."""
    return Size(tuple(shape))


T = TypeVar("T")
R = TypeVar("R")


class lazy_property(Generic[T, R]):  # noqa: N801 - torch's name
    """A parameter computed on first access (with grad enabled) and then stored on the instance."""

    def __init__(self, wrapped: Callable[[T], R]) -> None:
        self.wrapped = wrapped
        update_wrapper(self, wrapped)  # type: ignore[arg-type]

    @overload
    def __get__(self, instance: None, owner: Any = None) -> lazy_property[T, R]: ...

    @overload
    def __get__(self, instance: T, owner: Any = None) -> R: ...

    def __get__(self, instance: T | None, owner: Any = None) -> R | lazy_property[T, R]:
        if instance is None:
            return self
        with enable_grad():
            value = self.wrapped(instance)
        setattr(instance, self.wrapped.__name__, value)
        return value
