"""Tensor odds and ends, torch-free, with hand-derived numbers: in-place shape methods, layout
queries, unfold, fill_diagonal_, addcmul/addcdiv, logical ops, diff, quantile, unique, numpy
interop, dtype inference and messages, finfo/iinfo, and the padding modes and layers."""

from __future__ import annotations

import importlib
import warnings

import numpy as np
import pytest

import minitorch_scalar as torch
import minitorch_scalar.nn as nn
import minitorch_scalar.nn.functional as F  # noqa: N812

tensor_mod = importlib.import_module("minitorch_scalar.tensor")  # the module (``torch.tensor`` is the function)


def leaf(data: object, dtype: torch.dtype = torch.float32) -> torch.Tensor:
    return torch.tensor(data, dtype=dtype, requires_grad=True)


# ------------------------------------------------------------------------------------------------
# In-place shape methods
# ------------------------------------------------------------------------------------------------


def test_inplace_view_ops_change_shape_and_bump_the_version() -> None:
    x = torch.ones(2, 3)
    assert x.unsqueeze_(0) is x and x.shape == (1, 2, 3) and x._version == 1
    assert x.squeeze_(0).shape == (2, 3) and x._version == 2
    assert x.t_().shape == (3, 2) and x.stride() == (1, 3) and x._version == 3
    assert torch.ones(2, 3, 4).transpose_(0, 2).shape == (4, 3, 2)
    assert torch.ones(2, 3, 4).swapdims_(0, 1).shape == (3, 2, 4)
    assert torch.ones(1, 2, 1).squeeze_((0, 2)).shape == (2,)


def test_inplace_view_ops_on_a_graph_use_torchs_node_names_and_grads() -> None:
    a = leaf([1.0, 2.0])
    y = a * 3
    y.unsqueeze_(0)
    assert type(y.grad_fn).__name__ == "UnsqueezeBackward1"
    y.t_()
    assert type(y.grad_fn).__name__ == "TBackward1" and y.shape == (2, 1)
    (y * torch.tensor([[1.0], [10.0]])).sum().backward()
    assert a.grad.tolist() == [3.0, 30.0]
    assert type((a * 1).unsqueeze(0).squeeze_().grad_fn).__name__ == "SqueezeBackward3"
    assert type((a * 1).unsqueeze(0).squeeze_(0).grad_fn).__name__ == "SqueezeBackward4"


def test_inplace_view_ops_refuse_leaves_that_require_grad() -> None:
    with pytest.raises(RuntimeError, match="^a leaf Variable that requires grad"):
        leaf([1.0]).unsqueeze_(0)
    with pytest.raises(RuntimeError, match="^a view of a leaf Variable"):
        leaf([1.0])[:].unsqueeze_(0)
    with pytest.raises(RuntimeError, match=r"t_\(\) expects a tensor with <= 2 dimensions, but self is 3D"):
        torch.ones(1, 1, 1).t_()


def test_resize_keeps_the_leading_elements() -> None:
    x = torch.arange(6.0)
    assert x.resize_(2, 2).tolist() == [[0.0, 1.0], [2.0, 3.0]] and x._version == 1
    assert x.resize_(2, 2)._version == 1  # same shape: no bump
    assert x.resize_(5).tolist()[:4] == [0.0, 1.0, 2.0, 3.0] and x.shape == (5,)
    assert torch.arange(6.0).resize_as_(torch.ones(3, 2)).shape == (3, 2)
    with pytest.raises(RuntimeError, match="^cannot resize variables that require grad$"):
        leaf([1.0]).resize_(1)


# ------------------------------------------------------------------------------------------------
# narrow, unfold, layout
# ------------------------------------------------------------------------------------------------


def test_narrow_is_a_view_and_narrow_copy_is_not() -> None:
    x = torch.zeros(4)
    x.narrow(0, 1, 2).fill_(7.0)
    assert x.tolist() == [0.0, 7.0, 7.0, 0.0]
    x.narrow_copy(0, 0, 2).fill_(5.0)
    assert x.tolist() == [0.0, 7.0, 7.0, 0.0]
    assert torch.arange(12).view(3, 4).narrow(-1, -2, 2).tolist() == [[2, 3], [6, 7], [10, 11]]
    with pytest.raises(RuntimeError, match=r"^start \(3\) \+ length \(2\) exceeds dimension size \(4\)\.$"):
        torch.ones(4).narrow(0, 3, 2)
    a = leaf([1.0, 2.0, 3.0])
    assert type(a.narrow(0, 1, 2).grad_fn).__name__ == "SliceBackward0"
    b = a.narrow_copy(0, 1, 2)
    assert type(b.grad_fn).__name__ == "NarrowCopyBackward0"
    (b * torch.tensor([2.0, 5.0])).sum().backward()
    assert a.grad.tolist() == [0.0, 2.0, 5.0]


def test_strides_offsets_and_sizes() -> None:
    x = torch.ones(2, 3)
    assert x.stride() == (3, 1) and x.stride(-1) == 1 and x.t().stride() == (1, 3)
    assert torch.ones(3).expand(2, 3).stride() == (0, 1) and torch.tensor(1.0).stride() == ()
    base = torch.arange(6)
    assert base[2:].storage_offset() == 2 and base.view(2, 3)[1].storage_offset() == 3
    assert base[1:].data_ptr() - base.data_ptr() == 8
    assert (x.nbytes, x.itemsize, torch.ones(2, dtype=torch.float64).itemsize) == (24, 4, 8)
    assert not x.is_pinned() and x.share_memory_() is x
    with pytest.raises(RuntimeError, match="Cannot access accelerator device when none is available."):
        x.pin_memory()


def test_unfold_values_view_and_grad() -> None:
    x = torch.arange(7.0)
    assert x.unfold(0, 3, 2).tolist() == [[0.0, 1.0, 2.0], [2.0, 3.0, 4.0], [4.0, 5.0, 6.0]]
    assert torch.arange(12.0).view(3, 4).unfold(1, 2, 2).shape == (3, 2, 2)
    w = torch.arange(4.0)
    w.unfold(0, 2, 2).mul_(10)
    assert w.tolist() == [0.0, 10.0, 20.0, 30.0]
    a = leaf([1.0, 2.0, 3.0, 4.0, 5.0])
    u = a.unfold(0, 3, 1)  # windows [0..2], [1..3], [2..4]: element i is in 1, 2, 3, 2, 1 windows
    assert type(u.grad_fn).__name__ == "UnfoldBackward0"
    u.sum().backward()
    assert a.grad.tolist() == [1.0, 2.0, 3.0, 2.0, 1.0]
    with pytest.raises(RuntimeError, match="^maximum size for tensor at dimension 0 is 7 but size is 8$"):
        x.unfold(0, 8, 1)
    with pytest.raises(RuntimeError, match="^step is 0 but must be > 0$"):
        x.unfold(0, 2, 0)


def test_unfold_second_order() -> None:
    a = leaf([1.0, 2.0, 3.0])
    y = (a.unfold(0, 2, 1) ** 2).sum()  # sum of squares, middle element counted twice
    (g,) = torch.autograd.grad(y, a, create_graph=True)
    assert g.tolist() == [2.0, 8.0, 6.0]
    (h,) = torch.autograd.grad(g.sum(), a)
    assert h.tolist() == [2.0, 4.0, 2.0]


def test_as_strided_views_memory_and_routes_grads_by_position() -> None:
    base = torch.arange(6.0)
    assert base[1:].as_strided((2, 2), (1, 2)).tolist() == [[1.0, 3.0], [2.0, 4.0]]  # default offset: the view's
    base.as_strided((2,), (3,)).fill_(-1.0)
    assert base.tolist() == [-1.0, 1.0, 2.0, -1.0, 4.0, 5.0]
    a = leaf([1.0, 2.0, 3.0, 4.0])
    w = a.as_strided((3, 2), (1, 1))  # overlapping windows: rows (0,1), (1,2), (2,3)
    assert type(w.grad_fn).__name__ == "AsStridedBackward0"
    (g,) = torch.autograd.grad((w**2).sum(), a, create_graph=True)
    assert g.tolist() == [2.0, 8.0, 12.0, 8.0]  # 2 a * (1, 2, 2, 1)
    (h,) = torch.autograd.grad(g.sum(), a)
    assert h.tolist() == [2.0, 4.0, 4.0, 2.0]
    with pytest.raises(RuntimeError, match="^setStorage: sizes \\[3\\], strides \\[1\\], storage offset 4"):
        base[4:].as_strided((3,), (1,))


def test_fill_diagonal() -> None:
    assert torch.zeros(2, 3).fill_diagonal_(5).tolist() == [[5.0, 0.0, 0.0], [0.0, 5.0, 0.0]]
    tall = torch.zeros(5, 2).fill_diagonal_(1, wrap=True)
    assert tall.tolist() == [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]
    assert torch.zeros(5, 2).fill_diagonal_(1).sum().item() == 2.0
    assert torch.zeros(2, 2, 2).fill_diagonal_(1).sum().item() == 2.0
    with pytest.raises(RuntimeError, match="^dimensions must larger than 1$"):
        torch.zeros(3).fill_diagonal_(1)
    with pytest.raises(RuntimeError, match="^all dimensions of input must be of equal length$"):
        torch.zeros(2, 3, 2).fill_diagonal_(1)
    a = leaf([[1.0, 2.0], [3.0, 4.0]])
    y = a * 1
    y.fill_diagonal_(0.0)
    y.sum().backward()
    assert a.grad.tolist() == [[0.0, 1.0], [1.0, 0.0]]


# ------------------------------------------------------------------------------------------------
# addcmul / addcdiv, logical ops, diff
# ------------------------------------------------------------------------------------------------


def test_addcmul_addcdiv_values_and_grads() -> None:
    r, p, q = leaf([0.5, 0.25]), leaf([1.0, 2.0]), leaf([4.0, 8.0])
    out = torch.addcmul(r, p, q, value=2)
    assert out.tolist() == [8.5, 32.25] and type(out.grad_fn).__name__ == "AddcmulBackward0"
    out.sum().backward()
    assert (r.grad.tolist(), p.grad.tolist(), q.grad.tolist()) == ([1.0, 1.0], [8.0, 16.0], [2.0, 4.0])
    for t in (r, p, q):
        t.grad = None
    out = r.addcdiv(p, q, value=2)  # r + 2 p / q
    assert out.tolist() == [1.0, 0.75]
    out.sum().backward()
    assert (p.grad.tolist(), q.grad.tolist()) == ([0.5, 0.25], [-0.125, -0.0625])  # 2/q, -2p/q^2
    assert torch.ones(2).addcmul_(torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])).tolist() == [4.0, 9.0]
    with pytest.raises(RuntimeError, match="^Integer division with addcdiv is no longer supported"):
        torch.addcdiv(torch.ones(1, dtype=torch.long), torch.tensor([1]), torch.tensor([2]))


def test_addcmul_second_order() -> None:
    p = leaf([3.0])
    out = torch.addcmul(torch.zeros(1), p, p, value=1.5)  # 1.5 p^2
    (g,) = torch.autograd.grad(out.sum(), p, create_graph=True)
    assert g.tolist() == [9.0]
    (h,) = torch.autograd.grad(g.sum(), p)
    assert h.tolist() == [3.0]


def test_logical_ops() -> None:
    a, b = torch.tensor([True, False, True]), torch.tensor([1.0, 1.0, 0.0])
    assert torch.logical_and(a, b).tolist() == [True, False, False]
    assert torch.logical_or(a, b).tolist() == [True, True, True]
    assert a.logical_xor(b).tolist() == [False, True, True]
    assert torch.logical_not(b).tolist() == [False, False, True]
    assert torch.tensor([2.0, 0.0]).logical_and_(torch.tensor([True, True])).tolist() == [1.0, 0.0]
    with pytest.raises(TypeError, match=r"^logical_and\(\): argument 'other' \(position 2\) must be Tensor, not bool$"):
        torch.logical_and(a, True)


def test_diff() -> None:
    x = torch.tensor([1.0, 4.0, 9.0, 16.0])
    assert torch.diff(x).tolist() == [3.0, 5.0, 7.0] and x.diff(n=2).tolist() == [2.0, 2.0]
    assert torch.diff(x, n=7).shape == (0,)
    assert torch.diff(torch.tensor([1.0]), prepend=torch.tensor([0.5]), append=torch.tensor([3.0])).tolist() == [
        0.5, 2.0]
    assert torch.diff(torch.tensor([True, True, False])).tolist() == [False, True]
    assert torch.arange(6).view(2, 3).diff(dim=0).tolist() == [[3, 3, 3]]
    a = leaf([1.0, 4.0, 9.0, 3.0])
    d = torch.diff(a, n=2)  # a2 - 2 a1 + a0, a3 - 2 a2 + a1
    assert type(d.grad_fn).__name__ == "SubBackward0"
    (d * torch.tensor([1.0, 10.0])).sum().backward()
    assert a.grad.tolist() == [1.0, 8.0, -19.0, 10.0]
    with pytest.raises(RuntimeError, match="^diff expects input to be at least one-dimensional$"):
        torch.diff(torch.tensor(1.0))
    with pytest.raises(RuntimeError, match="^order must be non-negative but got -1$"):
        torch.diff(x, n=-1)


# ------------------------------------------------------------------------------------------------
# quantile, unique
# ------------------------------------------------------------------------------------------------


def test_quantile_interpolations_and_nan() -> None:
    x = torch.tensor([[1.0, 2.0], [3.0, 5.0]])
    assert x.quantile(0.25, dim=1).tolist() == [1.25, 3.5]
    v = torch.tensor([1.0, 2.0, 4.0, 8.0])  # rank 0.5 * 3 = 1.5: between 2 and 4
    got = [v.quantile(0.5, interpolation=i).item() for i in ("linear", "lower", "higher", "midpoint", "nearest")]
    assert got == [3.0, 2.0, 4.0, 3.0, 4.0]  # nearest rounds 1.5 half to even: 2 -> value 4
    assert v.quantile(torch.tensor([0.0, 1.0])).tolist() == [1.0, 8.0]
    assert v.quantile(0.5, keepdim=True).shape == (1,)
    nan = float("nan")
    with_nan = torch.tensor([1.0, nan, 3.0])
    assert np.isnan(with_nan.quantile(0.5).item()) and with_nan.nanquantile(0.5).item() == 2.0
    rows = torch.nanquantile(torch.tensor([[nan, nan], [1.0, 2.0]]), 0.5, dim=1)
    assert np.isnan(rows[0].item()) and rows[1].item() == 1.5
    with pytest.raises(RuntimeError, match=r"^quantile\(\) q must be in the range \[0, 1\] but got 1.5$"):
        v.quantile(1.5)
    with pytest.raises(RuntimeError, match=r"^quantile\(\) input tensor must be either float or double dtype$"):
        torch.tensor([1, 2]).quantile(0.5)


def test_quantile_grad_goes_to_the_two_neighbours() -> None:
    a = leaf([1.0, 5.0, 2.0, 8.0])  # sorted 1 2 5 8; rank 0.5 * 3 = 1.5 -> half to 2, half to 5
    q = a.quantile(0.5)
    assert q.item() == 3.5 and type(q.grad_fn).__name__ == "SqueezeBackward4"
    q.backward()
    assert a.grad.tolist() == [0.0, 0.5, 0.5, 0.0]


def test_unique_dim_and_consecutive() -> None:
    rows = torch.tensor([[1, 2], [1, 2], [0, 5]])
    assert rows.unique(dim=0).tolist() == [[0, 5], [1, 2]]
    vals, inv, counts = rows.unique(dim=0, return_inverse=True, return_counts=True)
    assert (inv.tolist(), counts.tolist()) == ([1, 1, 0], [1, 2])
    seq = torch.tensor([1, 1, 2, 2, 3, 1, 1, 2])
    out, inv, counts = torch.unique_consecutive(seq, return_inverse=True, return_counts=True)
    assert out.tolist() == [1, 2, 3, 1, 2] and inv.tolist() == [0, 0, 1, 1, 2, 3, 3, 4]
    assert counts.tolist() == [2, 2, 1, 2, 1]
    assert seq.view(4, 2).unique_consecutive(dim=0).tolist() == [[1, 1], [2, 2], [3, 1], [1, 2]]
    u = torch.unique(leaf([2.0, 1.0, 2.0]))
    assert u.tolist() == [1.0, 2.0] and type(u.grad_fn).__name__ == "Unique2Backward0"
    with pytest.raises(NotImplementedError, match="^the derivative for '_unique2' is not implemented.$"):
        u.sum().backward()


# ------------------------------------------------------------------------------------------------
# numpy interop
# ------------------------------------------------------------------------------------------------


def test_tensor_op_ndarray_goes_through_numpy() -> None:
    t = torch.tensor([1.0, 2.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy deprecation warnings from our __array__/__array_wrap__
        r = t + np.array([1.0])
        assert r.dtype == torch.float64 and r.tolist() == [2.0, 3.0] and r.is_leaf
        assert (t * np.array([2.0], dtype=np.float32)).dtype == torch.float32
        assert (t @ np.array([1.0, 2.0])).item() == 5.0
        assert (np.array([1.0, 1.0]) / t).tolist() == [1.0, 0.5]
        assert np.greater(t, 1).dtype == torch.uint8
        assert (t == np.array([1.0, 3.0])).tolist() == [True, False]
    with pytest.raises(TypeError):
        np.array([1.0]) * t
    with pytest.raises(RuntimeError, match=r"^Can't call numpy\(\) on Tensor that requires grad"):
        leaf([1.0]) + np.array([1.0])


def test_numpy_scalars_act_as_python_numbers() -> None:
    t = torch.tensor([1.0, 2.0])
    for r in (np.float64(2.0) * t, t * np.float64(2.0), np.float32(2) * t, t * np.int64(2)):
        assert r.dtype == torch.float32 and r.tolist() == [2.0, 4.0]
    assert (torch.tensor([1, 2]) * np.float64(2.0)).dtype == torch.float32
    assert (torch.tensor([1, 2]) + np.int32(2)).dtype == torch.int64


def test_asarray_shares_and_array_copies() -> None:
    t = torch.tensor([1.0, 2.0])
    np.asarray(t)[0] = 9.0
    np.array(t)[1] = 9.0
    assert t.tolist() == [9.0, 2.0]
    arr = np.zeros(2)
    torch.as_tensor(arr).add_(1)
    assert arr.tolist() == [1.0, 1.0]
    with pytest.raises(TypeError, match=r"^can't convert np.ndarray of type numpy.str_. The only supported types"):
        torch.from_numpy(np.array(["a"]))
    with pytest.raises(TypeError, match="torch supports it, minitorch_scalar does not"):
        torch.from_numpy(np.zeros(2, dtype=np.uint16))
    with pytest.raises(ValueError, match="^given numpy array has byte order different"):
        torch.from_numpy(np.zeros(2, dtype=">f8"))


# ------------------------------------------------------------------------------------------------
# torch.tensor inference and messages; x.T warning; finfo / iinfo
# ------------------------------------------------------------------------------------------------


def test_tensor_dtype_inference() -> None:
    assert torch.tensor([]).dtype == torch.float32 and torch.tensor([[]]).shape == (1, 0)
    assert torch.tensor([np.float32(2.5), 1]).dtype == torch.float32
    assert torch.tensor([np.float64(2.5), 1]).dtype == torch.float64
    assert torch.tensor([np.int32(2), 1]).dtype == torch.int64
    assert torch.tensor(np.int32(2)).dtype == torch.int32
    assert torch.tensor([True, 1.5]).dtype == torch.float32 and torch.tensor([True, 1]).dtype == torch.int64
    assert torch.tensor([1, torch.tensor(2.0, dtype=torch.float64)]).dtype == torch.float64


@pytest.mark.parametrize(("data", "error", "message"), [
    ([[1, 2], [3]], ValueError, "expected sequence of length 2 at dim 1 (got 1)"),
    ([[[1, 2]], [[3]]], ValueError, "expected sequence of length 2 at dim 2 (got 1)"),
    ([[1, 2], 3], TypeError, "not a sequence"),
    (["a"], ValueError, "too many dimensions 'str'"),
    ("a", TypeError, "new(): invalid data type 'str'"),
    ([None], RuntimeError, "Could not infer dtype of NoneType"),
    ([2**63], ValueError, "Overflow when unpacking long long"),
])
def test_tensor_creation_messages(data: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as info:
        torch.tensor(data)
    assert str(info.value) == message


def test_bool_mask_messages() -> None:
    with pytest.raises(IndexError) as info:
        torch.ones(3)[torch.tensor([True, False])]
    assert str(info.value) == ("The shape of the mask [2] at index 0 does not match the shape of the indexed tensor "
                               "[3] at index 0")
    with pytest.raises(IndexError) as info:
        torch.ones(3, 2)[:, torch.tensor([True, False, True])]
    assert str(info.value).endswith("[3, 2] at index 1")
    with pytest.raises(IndexError, match="^The shape of the mask"):
        torch.ones(3)[torch.tensor([True, False])] = 0.0


def test_T_on_3d_warns_once() -> None:
    tensor_mod._warned.pop("T", None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert torch.ones(2, 3, 4).T.shape == (4, 3, 2)
        _ = torch.ones(2, 3, 4).T
        _ = torch.ones(2, 3).T
    texts = [str(w.message) for w in caught]
    assert len(texts) == 1 and texts[0].startswith("The use of `x.T` on tensors of dimension other than 2")


def test_H_mT_mH() -> None:
    m = torch.arange(6.0).view(2, 3)
    assert m.H.tolist() == [[0.0, 3.0], [1.0, 4.0], [2.0, 5.0]]
    assert torch.ones(2, 2, 3).mH.shape == (2, 3, 2)
    with pytest.raises(RuntimeError, match=r"^tensor.mT is only supported on matrices or batches of matrices. Got 1-D"):
        _ = torch.ones(3).mT
    with pytest.raises(RuntimeError, match=r"consider using tensor.mH$"):
        _ = torch.ones(2, 2, 2).H


def test_finfo_iinfo() -> None:
    f = torch.finfo(torch.float32)
    assert (f.bits, f.eps, f.tiny, f.resolution, f.dtype) == (32, 2.0**-23, 2.0**-126, 1e-06, "float32")
    assert f.max == -f.min == float(np.finfo(np.float32).max)
    assert repr(torch.finfo(torch.float16)) == ("finfo(resolution=0.001, min=-65504, max=65504, eps=0.000976562, "
                                                "smallest_normal=6.10352e-05, tiny=6.10352e-05, dtype=float16)")
    assert torch.finfo() == torch.finfo(torch.float32)
    i = torch.iinfo(torch.int32)
    assert (i.bits, i.min, i.max, i.dtype) == (32, -(2**31), 2**31 - 1, "int32")
    assert repr(torch.iinfo(torch.uint8)) == "iinfo(min=0, max=255, dtype=uint8)"
    with pytest.raises(TypeError, match="^torch.finfo\\(\\) requires a floating point input type"):
        torch.finfo(torch.int64)
    with pytest.raises(TypeError, match="^torch.bool is not supported by torch.iinfo$"):
        torch.iinfo(torch.bool)
    with pytest.raises(TypeError, match="^unhashable type: 'torch.finfo'$"):
        hash(f)


# ------------------------------------------------------------------------------------------------
# Padding
# ------------------------------------------------------------------------------------------------


def test_pad_modes_values() -> None:
    x = torch.arange(4.0).view(1, 1, 4)  # 0 1 2 3
    assert F.pad(x, (2, 1), mode="reflect").tolist() == [[[2.0, 1.0, 0.0, 1.0, 2.0, 3.0, 2.0]]]
    assert F.pad(x, (2, 1), mode="replicate").tolist() == [[[0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 3.0]]]
    assert F.pad(x, (2, 1), mode="circular").tolist() == [[[2.0, 3.0, 0.0, 1.0, 2.0, 3.0, 0.0]]]
    assert F.pad(x, (-1, 2), mode="circular").tolist() == [[[1.0, 2.0, 3.0, 1.0, 2.0]]]  # crop, then wrap
    m = torch.arange(4.0).view(1, 2, 2)
    assert F.pad(m, (1, 0, 0, 1), mode="replicate").tolist() == [[[0.0, 0.0, 1.0], [2.0, 2.0, 3.0],
                                                                  [2.0, 2.0, 3.0]]]


def test_pad_modes_grads() -> None:
    a = leaf([[[1.0, 2.0, 3.0]]])
    y = F.pad(a, (2, 2), mode="reflect")  # reads positions 2 1 0 1 2 1 0
    assert type(y.grad_fn).__name__ == "ReflectionPad1DBackward0"
    y.sum().backward()
    assert a.grad.tolist() == [[[2.0, 3.0, 2.0]]]
    a.grad = None
    y = F.pad(a, (2, 2), mode="replicate")  # reads 0 0 0 1 2 2 2
    assert type(y.grad_fn).__name__ == "ReplicationPad1DBackward0"
    y.sum().backward()
    assert a.grad.tolist() == [[[3.0, 1.0, 3.0]]]
    (g,) = torch.autograd.grad((F.pad(a, (1, 1), mode="circular") ** 2).sum(), a, create_graph=True)
    assert g.tolist() == [[[4.0, 4.0, 12.0]]]  # reads 2 0 1 2 0: counts 2 1 2, grad 2 a count


def test_pad_mode_errors() -> None:
    with pytest.raises(RuntimeError, match=r"^Argument #4: Padding size should be less than the corresponding input"):
        F.pad(torch.ones(1, 2, 3), (3, 1), mode="reflect")
    with pytest.raises(NotImplementedError, match="^Padding size 2 is not supported for 1D input tensor."):
        F.pad(torch.ones(3), (1, 1), mode="replicate")
    with pytest.raises(RuntimeError, match="^Padding value causes wrapping around more than once.$"):
        F.pad(torch.ones(1, 2, 3), (4, 1), mode="circular")
    with pytest.raises(NotImplementedError, match="^Unrecognised padding mode foo$"):
        F.pad(torch.ones(1, 2, 3), (1, 1), mode="foo")


def test_padding_layers() -> None:
    assert repr(nn.ReflectionPad1d(2)) == "ReflectionPad1d((2, 2))"
    assert repr(nn.ZeroPad2d(1)) == "ZeroPad2d((1, 1, 1, 1))"
    assert repr(nn.ConstantPad1d((1, 0), 3.5)) == "ConstantPad1d(padding=(1, 0), value=3.5)"
    assert nn.ConstantPad1d((1, 0), 3.5)(torch.zeros(1, 1)).tolist() == [[3.5, 0.0]]
    assert nn.ReplicationPad2d((1, 0, 0, 0))(torch.arange(2.0).view(1, 1, 2)).tolist() == [[[0.0, 0.0, 1.0]]]
    assert nn.CircularPad1d(1)(torch.arange(3.0).view(1, 3)).tolist() == [[2.0, 0.0, 1.0, 2.0, 0.0]]
    assert nn.ZeroPad3d(1)(torch.ones(1, 1, 1, 1)).shape == (1, 3, 3, 3)
