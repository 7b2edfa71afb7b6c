"""Legacy tensor types (torch.FloatTensor ...) and the new_* constructors, without torch."""

from __future__ import annotations

import pytest

import minitorch_scalar as torch


def test_legacy_types_build_tensors_of_their_dtype() -> None:
    assert torch.FloatTensor([1, 2]).dtype == torch.float32
    assert torch.LongTensor([1, 2]).tolist() == [1, 2] and torch.LongTensor([1, 2]).dtype == torch.int64
    assert torch.DoubleTensor(2, 3).shape == (2, 3) and torch.DoubleTensor(2, 3).dtype == torch.float64
    assert isinstance(torch.FloatTensor([1.0]), torch.FloatTensor)
    assert not isinstance(torch.LongTensor([1]), torch.FloatTensor)
    assert isinstance(torch.LongTensor([1]), torch.Tensor)
    with pytest.raises(TypeError, match="data must be a sequence"):
        torch.FloatTensor(2.0)


def test_type_conversions() -> None:
    a = torch.tensor([1.7, -2.2])
    assert a.type(torch.LongTensor).tolist() == [1, -2]
    assert a.type("torch.DoubleTensor").dtype == torch.float64
    assert a.type() == "torch.FloatTensor"
    assert torch.tensor([1, 2]).type_as(a).dtype == torch.float32


def test_new_constructors_follow_the_source_dtype() -> None:
    x = torch.tensor([1, 2])
    assert x.new_zeros(3).dtype == torch.int64 and x.new_zeros(3).tolist() == [0, 0, 0]
    assert x.new_ones((2, 2)).tolist() == [[1, 1], [1, 1]]
    assert x.new_full((2,), 7).tolist() == [7, 7]
    assert x.new_tensor([1.9]).dtype == torch.int64
    assert x.new_zeros(2, dtype=torch.float64).dtype == torch.float64
    assert x.new_empty(4).shape == (4,)
    y = torch.tensor([1.0]).new_zeros(2, requires_grad=True)
    assert y.requires_grad and y.is_leaf
