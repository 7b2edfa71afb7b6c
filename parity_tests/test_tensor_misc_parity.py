"""Tensor odds and ends against real torch: in-place shape methods, layout queries, addcmul/addcdiv,
logical ops, diff, quantile, unique, numpy interop, dtype inference and messages, finfo/iinfo, padding.

Each case is a function of the torch-like module (and numpy); it runs under real torch and under
minitorch_scalar, and the printed results (reprs, grads, versions) or the exception type and message
must be the same.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import minitorch_scalar as ours  # noqa: E402
import minitorch_scalar.nn as ours_nn  # noqa: E402
import minitorch_scalar.nn.functional as ours_F  # noqa: E402


class Mods:
    """The three namespaces a case uses: ``T`` (torch), ``nn``, ``F``."""

    def __init__(self, real: bool) -> None:
        if real:
            import torch.nn as nn
            import torch.nn.functional as F  # noqa: N812

            self.T, self.nn, self.F = torch, nn, F
        else:
            self.T, self.nn, self.F = ours, ours_nn, ours_F


def _show(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [type(value).__name__, [_show(v) for v in value]]
    if isinstance(value, np.ndarray):
        return ["ndarray", str(value.dtype), value.tolist()]
    return repr(value)


def _run(case: Callable[[Mods], Any], real: bool) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return _show(case(Mods(real)))
        except Exception as e:  # noqa: BLE001 - the exception is the result being compared
            return ["raised", type(e).__name__, str(e)]


def _grads(fn: Callable[[Any, Any], Any], data: list[Any], dtype: str = "float32") -> Callable[[Mods], Any]:
    """A case: build leaves from ``data``, run ``fn(T, *leaves)``, backward a weighted sum, show all."""
    def case(m: Mods) -> Any:
        dt = getattr(m.T, dtype)
        leaves = [m.T.tensor(d, dtype=dt, requires_grad=True) for d in data]
        out = fn(m.T, *leaves)
        weights = m.T.arange(1, out.numel() + 1, dtype=dt).reshape(out.shape)
        (out * weights).sum().backward()
        return [out, type(out.grad_fn).__name__] + [leaf.grad for leaf in leaves]
    return case


def _inplace_np(m: Mods, op: str, requires_grad: bool = False) -> Any:
    """``x op= ndarray``: torch declines in place, so Python rebinds x to numpy's out-of-place result."""
    x = m.T.tensor([1.0, 2.0], requires_grad=requires_grad)
    y = x
    scope = {"x": x, "np": np}
    exec(f"x {op} np.array([2.0, 2.0])", scope)  # noqa: S102 - the augmented assignment under test
    return [scope["x"], scope["x"] is y, y]


def _versions(fn: Callable[[Any], Any]) -> Callable[[Mods], Any]:
    def case(m: Mods) -> Any:
        x = m.T.arange(6.0).reshape(2, 3)
        before = x._version
        res = fn(x)
        return [res, x.shape, x._version - before]
    return case


CASES: dict[str, Callable[[Mods], Any]] = {
    # in-place view ops: shape, version bump, grad_fn name, errors
    "unsqueeze_": _versions(lambda x: x.unsqueeze_(0)),
    "squeeze_": lambda m: m.T.ones(1, 2, 1).squeeze_().shape,
    "squeeze_dim": _versions(lambda x: x.unsqueeze_(1).squeeze_(1)),
    "squeeze_tuple": lambda m: m.T.ones(1, 2, 1).squeeze_((0, 2)).shape,
    "t_": _versions(lambda x: x.t_()),
    "t_3d": lambda m: m.T.ones(2, 3, 4).t_(),
    "transpose_": lambda m: (m.T.ones(2, 3, 4).transpose_(0, 2).shape, m.T.ones(2, 3, 4).swapdims_(0, 1).shape,
                             m.T.ones(2, 3, 4).swapaxes_(1, 2).stride()),
    "inplace_view_names": lambda m: [
        type(getattr(make(m.T.tensor([1.0, 2.0], requires_grad=True)), name)(*args).grad_fn).__name__
        for name, args in [("squeeze_", (0,)), ("squeeze_", ()), ("squeeze_", ((0,),)), ("transpose_", (0, 1)),
                           ("t_", ()), ("unsqueeze_", (1,))]
        for make in (lambda a: (a * 2).unsqueeze(0), lambda a: (a * 2).reshape(1, 2).clone())
    ],
    "inplace_view_of_leaf": lambda m: m.T.tensor([1.0, 2.0], requires_grad=True)[:].unsqueeze_(0),
    "inplace_view_no_grad": lambda m: (lambda a: (a.detach().unsqueeze_(0)._version, a.shape))(
        m.T.tensor([1.0, 2.0], requires_grad=True)),
    "from_numpy_byteorder": lambda m: m.T.from_numpy(np.zeros(2, dtype=">f8")),
    "unsqueeze_leaf": lambda m: m.T.tensor([1.0], requires_grad=True).unsqueeze_(0),
    "unsqueeze_grad": _grads(lambda T, a: (a * 2).unsqueeze_(0).t_(), [[1.0, 2.0]]),
    "resize_": _versions(lambda x: x.resize_(3, 2)),
    "resize_shrink": _versions(lambda x: x.resize_(4)),
    "resize_same": _versions(lambda x: x.resize_(2, 3)),
    "resize_memory_order": lambda m: (m.T.arange(6.0).view(2, 3).t().resize_(6), m.T.arange(6.0)[:2].resize_(4),
                                      (lambda x: (x[1:].resize_(2).fill_(0), x))(m.T.arange(4.0))),
    "resize_negative": lambda m: m.T.arange(6.0).resize_(-1),
    "resize_as_": lambda m: m.T.arange(6.0).resize_as_(m.T.ones(3, 2)),
    "resize_grad": lambda m: m.T.ones(2, requires_grad=True).resize_(2),
    # narrow / unfold / layout
    "narrow": lambda m: (m.T.arange(12.0).view(3, 4).narrow(1, 1, 2), m.T.arange(12.0).view(3, 4).narrow(-1, -2, 2)),
    "narrow_bad": lambda m: m.T.arange(12.0).view(3, 4).narrow(1, 3, 2),
    "narrow_fn": lambda m: (m.T.narrow(m.T.arange(5), 0, 1, 2), m.T.narrow_copy(m.T.arange(5), 0, 2, 2)),
    "narrow_grad": _grads(lambda T, a: a.narrow(0, 1, 2), [[1.0, 2.0, 3.0]]),
    "narrow_copy_grad": _grads(lambda T, a: a.narrow_copy(0, 1, 2), [[1.0, 2.0, 3.0]]),
    "narrow_shares": lambda m: (lambda x: (x.narrow(0, 1, 2).fill_(9), x))(m.T.zeros(4)),
    "stride": lambda m: (m.T.ones(2, 3).stride(), m.T.ones(2, 3).stride(1), m.T.ones(2, 3).t().stride(),
                         m.T.ones(3).expand(2, 3).stride(), m.T.tensor(1.0).stride(), m.T.ones(2, 3, 4)[:, 1].stride()),
    "storage_offset": lambda m: (m.T.arange(6)[2:].storage_offset(), m.T.arange(6).view(2, 3)[1].storage_offset(),
                                 m.T.arange(6).storage_offset()),
    "data_ptr": lambda m: (lambda t: (t[1:].data_ptr() - t.data_ptr(), type(t.data_ptr()).__name__))(m.T.ones(3)),
    "unfold": lambda m: (m.T.arange(7.0).unfold(0, 3, 2), m.T.arange(12.0).view(3, 4).unfold(1, 2, 1),
                         m.T.tensor(3.0).unfold(0, 1, 1)),
    "unfold_errors": lambda m: [_run(lambda _: m.T.arange(7.0).unfold(0, 8, 2), False),
                                _run(lambda _: m.T.arange(7.0).unfold(0, 2, 0), False)],
    "unfold_grad": _grads(lambda T, a: a.unfold(0, 3, 2), [[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]]),
    "unfold_grad_2d": _grads(lambda T, a: a.unfold(0, 2, 1), [[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]),
    "unfold_0d_grad": _grads(lambda T, a: a.unfold(0, 1, 1), [3.0]),
    "unfold_view": lambda m: (lambda x: (x.unfold(0, 2, 2).mul_(10), x))(m.T.arange(4.0)),
    "as_strided": lambda m: (m.T.arange(10.0)[2:].as_strided((2, 2), (1, 2)),
                             m.T.arange(10.0)[2:].as_strided((2, 2), (1, 2), 0),
                             m.T.as_strided(m.T.arange(6.0), (3,), (2,)),
                             (lambda x: (x.as_strided((2,), (2,)).fill_(9), x))(m.T.arange(4.0))),
    "as_strided_errors": lambda m: [_run(lambda _: m.T.arange(10.0)[8:].as_strided((3,), (1,)), False),
                                    _run(lambda _: m.T.arange(4.0).as_strided((2,), (-1,)), False)],
    "as_strided_grad": _grads(lambda T, a: a.as_strided((3, 3), (1, 1)), [[0.0, 1.0, 2.0, 3.0, 4.0]]),
    "as_strided_grad_view": _grads(lambda T, a: (a * 1)[1:].as_strided((2,), (2,), 0), [[0.0, 1.0, 2.0, 3.0]]),
    "sizes": lambda m: (m.T.ones(2, 3).nbytes, m.T.ones(2, 3).t().nbytes, m.T.ones(3).expand(4, 3).nbytes,
                        m.T.ones(2, dtype=m.T.float64).itemsize, m.T.ones(1, dtype=m.T.bool).element_size()),
    "pinned": lambda m: (m.T.ones(2).is_pinned(), m.T.ones(2).share_memory_()),
    "pin_memory": lambda m: m.T.ones(2).pin_memory(),
    # fill_diagonal_
    "fill_diagonal_": lambda m: (m.T.zeros(3, 4).fill_diagonal_(5), m.T.zeros(7, 3).fill_diagonal_(5, wrap=True),
                                 m.T.zeros(7, 3).fill_diagonal_(5), m.T.zeros(2, 2, 2).fill_diagonal_(1)),
    "fill_diagonal_errors": lambda m: [_run(lambda _: m.T.zeros(2, 3, 2).fill_diagonal_(1), False),
                                       _run(lambda _: m.T.zeros(3).fill_diagonal_(1), False)],
    "fill_diagonal_version": lambda m: (lambda x: (x.fill_diagonal_(1), x._version))(m.T.zeros(2, 2)),
    "fill_diagonal_grad": _grads(lambda T, a: (a * 1).fill_diagonal_(2.0), [[[1.0, 2.0], [3.0, 4.0]]]),
    "fill_diagonal_leaf": lambda m: m.T.zeros(2, 2, requires_grad=True).fill_diagonal_(1),
    # addcmul / addcdiv
    "addcmul": lambda m: (m.T.addcmul(m.T.ones(2), m.T.tensor([1.0, 2.0]), m.T.tensor([3.0, 4.0]), value=0.5),
                          m.T.addcdiv(m.T.ones(2), m.T.tensor([1.0, 2.0]), m.T.tensor([3.0, 4.0]), value=2)),
    "addcmul_grad": _grads(lambda T, r, p, q: T.addcmul(r, p, q, value=2), [[0.5, 0.25], [1.0, 2.0], [3.0, 4.0]]),
    "addcdiv_grad": _grads(lambda T, r, p, q: T.addcdiv(r, p, q, value=2), [[0.5, 0.25], [1.0, 2.0], [3.0, 4.0]]),
    "addcdiv_grad_f64": _grads(lambda T, r, p, q: r.addcdiv(p, q, value=0.3), [[0.5], [1.0, 2.0], [3.0, 7.0]],
                               "float64"),
    "addc_inplace": lambda m: (m.T.ones(2).addcmul_(m.T.tensor([1.0, 2.0]), m.T.tensor([3.0, 4.0]), value=2),
                               m.T.ones(2).addcdiv_(m.T.tensor([1.0, 2.0]), m.T.tensor([3.0, 4.0]))),
    "addc_inplace_grad": _grads(lambda T, r, p, q: (r * 1).addcmul_(p, q), [[0.5, 0.25], [1.0, 2.0], [3.0, 4.0]]),
    "addcdiv_int": lambda m: m.T.addcdiv(m.T.ones(2, dtype=m.T.long), m.T.tensor([1, 2]), m.T.tensor([3, 4])),
    "addcmul_bcast": lambda m: m.T.addcmul(m.T.ones(2, 1), m.T.tensor([1.0, 2.0]), m.T.tensor([[3.0], [4.0]])),
    "addcmul_positional": lambda m: m.T.addcmul(m.T.ones(2), m.T.ones(2), m.T.ones(2), 2),
    "addcmul_rounding": lambda m: m.T.addcmul(m.T.tensor([0.1, 0.7]), m.T.tensor([0.3, 1.1]),
                                              m.T.tensor([0.7, 0.9]), value=0.1).tolist(),
    "close": lambda m: (m.T.ones(2).allclose(m.T.ones(2) + 1e-9), m.T.ones(2).isclose(m.T.tensor([1.0, 1.1]))),
    # H / mT / mH / T
    "H": lambda m: (m.T.arange(6.0).view(2, 3).H, m.T.arange(6.0).view(2, 3).requires_grad_().H),
    "H_errors": lambda m: [_run(lambda _: m.T.ones(3).H, False), _run(lambda _: m.T.ones(2, 2, 2).H, False),
                           _run(lambda _: m.T.ones(3).mT, False), _run(lambda _: m.T.ones(3).mH, False)],
    "mH": lambda m: (m.T.ones(2, 2, 3).mH.shape, type(m.T.ones(2, 2, 3, requires_grad=True).mH.grad_fn).__name__),
    "T_shapes": lambda m: (m.T.ones(2, 3, 4).T.shape, m.T.ones(2).T.shape, m.T.tensor(1.0).T.shape),
    # logical ops
    "logical": lambda m: (m.T.logical_and(m.T.tensor([True, False]), m.T.tensor([True, True])),
                          m.T.logical_or(m.T.tensor([0.0, 2.0]), m.T.tensor([0, 0])),
                          m.T.tensor([True, False]).logical_xor(m.T.tensor([True, True])),
                          m.T.logical_not(m.T.tensor([0.0, 2.0])),
                          m.T.logical_and(m.T.tensor([[1.0], [0.0]]), m.T.tensor([1.0, 0.0, 2.0]))),
    "logical_inplace": lambda m: (m.T.tensor([1.0, 0.0]).logical_and_(m.T.tensor([True, True])),
                                  m.T.tensor([1.0, 0.0]).logical_not_(),
                                  m.T.tensor([1, 0]).logical_or_(m.T.tensor([False, True]))),
    "logical_inplace_graph": _grads(lambda T, a: (a * 2).logical_and_(T.tensor([True, False])), [[1.0, 0.0]]),
    "logical_inplace_leaf": lambda m: (lambda a: (a.logical_not_(), a._version))(
        m.T.tensor([1.0, 0.0], requires_grad=True)),
    "logical_scalar": lambda m: m.T.logical_and(m.T.tensor([True]), True),
    "logical_shape": lambda m: m.T.logical_and(m.T.ones(2), m.T.ones(3)),
    # diff
    "diff": lambda m: (m.T.diff(m.T.tensor([1.0, 4.0, 9.0])), m.T.diff(m.T.tensor([1.0, 4.0, 9.0, 16.0]), n=2),
                       m.T.arange(6.0).view(2, 3).diff(dim=0), m.T.diff(m.T.tensor([1, 4, 9])),
                       m.T.diff(m.T.tensor([True, False, False])), m.T.diff(m.T.tensor([1.0, 2.0]), n=0),
                       m.T.diff(m.T.tensor([1.0, 2.0]), n=5)),
    "diff_prepend": lambda m: m.T.diff(m.T.tensor([1.0, 4.0]), prepend=m.T.tensor([0.0]),
                                       append=m.T.tensor([10.0, 20.0])),
    "diff_grad": _grads(lambda T, a: T.diff(a, n=2), [[1.0, 4.0, 9.0, 3.0]]),
    "diff_grad_prepend": _grads(lambda T, a, p: a.diff(dim=0, prepend=p), [[[1.0, 2.0], [4.0, 8.0]], [[0.5, 0.5]]]),
    "diff_errors": lambda m: [_run(lambda _: m.T.diff(m.T.tensor(1.0)), False),
                              _run(lambda _: m.T.diff(m.T.tensor([1.0]), n=-1), False),
                              _run(lambda _: m.T.diff(m.T.tensor([1.0]), prepend=m.T.tensor([[0.0]])), False),
                              _run(lambda _: m.T.diff(m.T.tensor([1.0]), prepend=1.0), False)],
    # quantile / nanquantile
    "quantile": lambda m: (m.T.tensor([[1.0, 2.0], [3.0, 5.0]]).quantile(0.25, dim=1),
                           m.T.tensor([[1.0, 2.0], [3.0, 5.0]]).quantile(0.5),
                           m.T.tensor([[1.0, 2.0], [3.0, 5.0]]).quantile(m.T.tensor([0.25, 0.5]), dim=0, keepdim=True),
                           m.T.tensor([1.0, 5.0, 2.0, 8.0]).quantile(0.3, keepdim=True)),
    "quantile_interp": lambda m: [m.T.tensor([[1.0, 2.0], [3.0, 5.0]]).quantile(0.4, interpolation=i)
                                  for i in ("linear", "lower", "higher", "midpoint", "nearest")],
    "quantile_nan": lambda m: (m.T.tensor([1.0, float("nan"), 3.0]).nanquantile(0.5),
                               m.T.tensor([1.0, float("nan"), 3.0]).quantile(0.5),
                               m.T.tensor([[float("nan")] * 2, [1.0, 2.0]]).nanquantile(0.5, dim=1),
                               m.T.nanquantile(m.T.tensor([1.0, float("nan"), 3.0]), 0.25)),
    "quantile_grad": _grads(lambda T, a: a.quantile(0.3), [[1.0, 5.0, 2.0, 8.0]]),
    "quantile_grad_q": _grads(lambda T, a: a.quantile(T.tensor([0.3, 0.9]), dim=1),
                              [[[1.0, 5.0, 2.0], [8.0, 0.0, 3.0]]]),
    "nanquantile_grad": _grads(lambda T, a: a.nanquantile(0.3), [[1.0, float("nan"), 2.0, 8.0]]),
    "quantile_grad_nan_rows": _grads(lambda T, a: a.quantile(0.4, dim=1),
                                     [[[1.0, float("nan"), 2.0], [4.0, 0.0, 3.0]]]),
    "nanquantile_grad_nan_rows": _grads(lambda T, a: a.nanquantile(0.4, dim=1, interpolation="midpoint"),
                                        [[[float("nan"), float("nan"), 2.0], [float("nan")] * 3]]),
    "quantile_negative_zero": lambda m: m.T.tensor([-0.0, 1.0]).quantile(0.2, interpolation="lower"),
    "pad_reflect_message_dims": lambda m: [_run(lambda _, i=i: m.F.pad(m.T.ones(1, 2, 2, 2), tuple(
        3 if j == 2 * i else 0 for j in range(6)), mode="reflect"), False) for i in range(3)],
    "quantile_float64": lambda m: m.T.tensor([0.1, 0.7, 0.3], dtype=m.T.float64).quantile(0.35),
    "quantile_errors": lambda m: [_run(lambda _: m.T.ones(3).quantile(1.5), False),
                                  _run(lambda _: m.T.tensor([1, 2]).quantile(0.5), False),
                                  _run(lambda _: m.T.ones(3).quantile(0.3, interpolation="foo"), False),
                                  _run(lambda _: m.T.ones(3).quantile(m.T.tensor([[0.3]])), False),
                                  _run(lambda _: m.T.tensor([]).quantile(0.3), False),
                                  _run(lambda _: m.T.ones(3).quantile(m.T.tensor([0.3], dtype=m.T.float64)), False)],
    # unique
    "unique_consecutive": lambda m: (
        m.T.unique_consecutive(m.T.tensor([1, 1, 2, 2, 3, 1, 1, 2])),
        m.T.unique_consecutive(m.T.tensor([1, 1, 2, 2, 3, 1, 1, 2]), return_inverse=True, return_counts=True),
        m.T.tensor([[1, 1], [1, 1], [2, 3]]).unique_consecutive(dim=0, return_counts=True)),
    "unique_dim": lambda m: (m.T.tensor([[1, 2], [1, 2], [0, 5]]).unique(dim=0),
                             m.T.tensor([[1, 2, 1], [3, 4, 3]]).unique(dim=1, return_inverse=True, return_counts=True),
                             m.T.unique(m.T.tensor([[2.0, 1.0], [1.0, 0.0], [2.0, 1.0]]), dim=0, return_counts=True)),
    "unique_empty": lambda m: (m.T.unique_consecutive(m.T.tensor([], dtype=m.T.long), return_counts=True),
                               m.T.tensor([[1, 2]])[0:0].unique(dim=0)),
    "unique_grad_fn": lambda m: (m.T.unique(m.T.tensor([2.0, 1.0, 2.0], requires_grad=True)),
                                 m.T.tensor([1.0, 1.0, 2.0], requires_grad=True).unique_consecutive(),
                                 m.T.unique(m.T.ones(2, 2, requires_grad=True), dim=0)),
    "unique_backward": lambda m: m.T.unique(m.T.tensor([2.0, 1.0], requires_grad=True)).sum().backward(),
    "unique_consecutive_backward": lambda m: m.T.unique_consecutive(
        m.T.tensor([2.0, 1.0], requires_grad=True)).sum().backward(),
    # numpy interop
    "np_right": lambda m: (m.T.tensor([1.0, 2.0]) + np.array([1.0]), m.T.tensor([1.0, 2.0]) * np.float32(2),
                           m.T.tensor([1.0, 2.0]) - np.array([1.0, 1.0]),
                           m.T.tensor([1.0, 2.0]) ** np.array([2.0, 2.0]),
                           m.T.tensor([1.0, 2.0]) @ np.array([1.0, 2.0]), m.T.tensor([1.0, 2.0]) * np.array(2.0),
                           m.T.tensor([1.0, 2.0]) * np.array([2.0], dtype=np.float32)),
    "np_left_add": lambda m: np.array([1.0]) + m.T.tensor([1.0, 2.0]),
    "np_left_mul": lambda m: np.array([1.0]) * m.T.tensor([1.0, 2.0]),
    "np_left_sub": lambda m: np.array([1.0]) - m.T.tensor([1.0, 2.0]),
    "np_left_div": lambda m: np.array([1.0, 1.0]) / m.T.tensor([1.0, 2.0]),
    "np_left_div_grad": lambda m: np.array([1.0, 1.0]) / m.T.tensor([1.0, 2.0], requires_grad=True),
    "np_right_grad": lambda m: m.T.tensor([1.0, 2.0], requires_grad=True) + np.array([1.0, 1.0]),
    "np_compare": lambda m: (m.T.tensor([1.0, 2.0]) == np.array([1.0, 3.0]),
                             np.array([1.0, 3.0]) == m.T.tensor([1.0, 2.0]),
                             m.T.tensor([1.0, 2.0], requires_grad=True) == np.array([1.0, 3.0])),
    "np_lt": lambda m: m.T.tensor([1.0, 2.0]) < np.array([1.0, 3.0]),
    "np_scalars": lambda m: (np.float64(2.0) * m.T.tensor([1.0, 2.0]), m.T.tensor([1.0, 2.0]) * np.float64(2.0),
                             np.float32(2) * m.T.tensor([1.0, 2.0]), np.int64(2) * m.T.tensor([1.0, 2.0]),
                             m.T.tensor([1, 2]) * np.float64(2.0), m.T.tensor([1, 2]) + np.int32(2),
                             np.float64(1.0) / m.T.tensor([1.0, 2.0]), np.float64(1.0) - m.T.tensor([1.0, 2.0]),
                             np.float64(2.0) ** m.T.tensor([1.0, 2.0]), np.float64(1.5) < m.T.tensor([1.0, 2.0]),
                             np.float64(2.0) * m.T.tensor(3.0)),
    "np_inplace_ops": lambda m: [_inplace_np(m, op) for op in ("+=", "-=", "*=", "/=", "**=")],
    "np_inplace_grad": lambda m: _inplace_np(m, "-=", True),
    "np_ufunc": lambda m: (np.exp(m.T.tensor([0.0, 1.0])), np.greater(m.T.tensor([1.0, 2.0]), 1),
                           np.add(m.T.tensor([1.0]), 1)),
    "np_ufunc_grad": lambda m: np.exp(m.T.tensor([0.0], requires_grad=True)),
    "np_asarray": lambda m: (np.asarray(m.T.tensor([1.0, 2.0])), np.array(m.T.tensor([1, 2])),
                             np.array(m.T.tensor([1.0, 2.0]), dtype=np.float64), np.array(m.T.tensor(3.0))),
    "np_asarray_shares": lambda m: (lambda t: (np.asarray(t).__setitem__(0, 9), np.array(t).__setitem__(1, 9), t))(
        m.T.tensor([1.0, 2.0])),
    "np_asarray_grad": lambda m: np.asarray(m.T.tensor([1.0], requires_grad=True)),
    "as_tensor_shares": lambda m: (lambda a: (m.T.as_tensor(a).add_(1), m.T.from_numpy(a).mul_(2), a))(np.zeros(2)),
    "from_numpy_errors": lambda m: [_run(lambda _: m.T.from_numpy(np.array(["a"])), False),
                                    _run(lambda _: m.T.from_numpy(np.array([1, "a"], dtype=object)), False),
                                    _run(lambda _: m.T.from_numpy([1, 2]), False),
                                    _run(lambda _: m.T.from_numpy(np.float64(1.0)), False)],
    # torch.tensor inference and messages
    "infer": lambda m: (m.T.tensor([]), m.T.tensor([[]]), m.T.tensor([np.float32(2.5), 1]),
                        m.T.tensor([np.float64(2.5), 1]), m.T.tensor([np.float16(2.5), 1]),
                        m.T.tensor([np.int32(2), 1]),
                        m.T.tensor(np.int32(2)), m.T.tensor(np.float32(2)), m.T.tensor([1, np.float32(2.5)]),
                        m.T.tensor([1.0, np.float64(2.5)]), m.T.tensor([True, 1]), m.T.tensor([True, 1.5]),
                        m.T.tensor((1, 2.5)), m.T.tensor(range(3)), m.T.tensor([[], []]),
                        m.T.tensor([m.T.tensor(1.0), m.T.tensor(2.0, dtype=m.T.float64)]),
                        m.T.tensor([1, m.T.tensor(2.0)]), m.T.tensor([np.uint8(3), 1])),
    "infer_errors": lambda m: [_run(lambda _, d=d: m.T.tensor(d), False) for d in (
        [[1, 2], [3]], [[1.0, 2.0], [3.0]], [[[1, 2]], [[3]]], [[1, 2], 3], ["a"], "a", [[1, "a"]], [None], [{}],
        None, [b"a"], [m.T.tensor([1.0, 2.0]), m.T.tensor([1.0])], [2**63])],
    "mask_errors": lambda m: [_run(f, False) for f in (
        lambda _: m.T.ones(3)[m.T.tensor([True, False])],
        lambda _: m.T.ones(3, 2)[m.T.tensor([[True, False], [True, True]])],
        lambda _: m.T.ones(3, 2)[:, m.T.tensor([True, False, True])],
        lambda _: m.T.ones(3).__setitem__(m.T.tensor([True, False]), 0))],
    # finfo / iinfo
    "finfo": lambda m: [(repr(m.T.finfo(d)), m.T.finfo(d).bits, m.T.finfo(d).eps, m.T.finfo(d).max, m.T.finfo(d).min,
                         m.T.finfo(d).tiny, m.T.finfo(d).smallest_normal, m.T.finfo(d).resolution, m.T.finfo(d).dtype)
                        for d in (m.T.float32, m.T.float64, m.T.float16, m.T.half, m.T.double)],
    "finfo_default": lambda m: (str(m.T.finfo()), m.T.finfo(m.T.float32) == m.T.finfo(m.T.float)),
    "finfo_errors": lambda m: [_run(lambda _: m.T.finfo(m.T.int32), False), _run(lambda _: m.T.finfo("float32"), False),
                               _run(lambda _: hash(m.T.finfo()), False)],
    "iinfo": lambda m: [(repr(m.T.iinfo(d)), m.T.iinfo(d).bits, m.T.iinfo(d).min, m.T.iinfo(d).max, m.T.iinfo(d).dtype)
                        for d in (m.T.int8, m.T.uint8, m.T.int16, m.T.int32, m.T.int64, m.T.long, m.T.int)],
    "iinfo_errors": lambda m: [_run(lambda _: m.T.iinfo(m.T.float32), False),
                               _run(lambda _: m.T.iinfo(m.T.bool), False)],
}

_PAD_X = [[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]]
_PAD_X4 = [[[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]]]]
for _mode in ("reflect", "replicate", "circular", "constant"):
    CASES[f"pad_{_mode}_1d"] = _grads(lambda T, a, mode=_mode: _F(T).pad(a, (2, 1), mode=mode), [_PAD_X])
    CASES[f"pad_{_mode}_2d"] = _grads(lambda T, a, mode=_mode: _F(T).pad(a, (1, 2, 2, 0), mode=mode), [_PAD_X4])
    CASES[f"pad_{_mode}_neg"] = _grads(lambda T, a, mode=_mode: _F(T).pad(a, (-1, 2), mode=mode), [_PAD_X])
    CASES[f"pad_{_mode}_2d_input"] = _grads(lambda T, a, mode=_mode: _F(T).pad(a, (1, 1), mode=mode), [_PAD_X[0]])
CASES["pad_3d"] = _grads(lambda T, a: _F(T).pad(a, (1, 1, 0, 1, 1, 0), mode="replicate"), [[_PAD_X4[0]]])
CASES["pad_reflect_3d"] = _grads(lambda T, a: _F(T).pad(a, (1, 1, 1, 1, 0, 0), mode="reflect"), [[_PAD_X4[0] * 2]])
CASES["pad_errors"] = lambda m: [_run(f, False) for f in (
    lambda _: m.F.pad(m.T.ones(1, 2, 3), (3, 1), mode="reflect"),
    lambda _: m.F.pad(m.T.ones(3), (1, 1), mode="reflect"),
    lambda _: m.F.pad(m.T.ones(1, 1, 2, 3), (1, 1), mode="replicate"),
    lambda _: m.F.pad(m.T.ones(3, 3), (1, 1, 1, 1), mode="circular"),
    lambda _: m.F.pad(m.T.ones(1, 2, 3), (4, 1), mode="circular"),
    lambda _: m.F.pad(m.T.ones(1, 2, 3), (1, 1), mode="foo"),
    lambda _: m.F.pad(m.T.ones(1, 2, 3), (1, 1), mode="reflect", value=1.0))]
CASES["pad_layers"] = lambda m: [
    (repr(layer), layer.padding, layer(m.T.arange(18.0).view(1, 2, 3, 3)) if "1d" not in repr(layer).lower()
     else layer(m.T.arange(6.0).view(1, 2, 3)))
    for layer in (m.nn.ReflectionPad1d(2), m.nn.ReflectionPad2d((1, 0, 2, 1)), m.nn.ReplicationPad1d((1, 2)),
                  m.nn.ReplicationPad2d(1), m.nn.ZeroPad2d(1), m.nn.ZeroPad1d(2), m.nn.ConstantPad1d(2, 3.5),
                  m.nn.ConstantPad2d((1, 0, 0, 1), 0.5), m.nn.CircularPad1d(1), m.nn.CircularPad2d(1))]
CASES["pad_layers_3d"] = lambda m: [
    (repr(layer), layer(m.T.arange(8.0).view(1, 2, 2, 2)).shape)
    for layer in (m.nn.ReflectionPad3d(1), m.nn.ReplicationPad3d(1), m.nn.ConstantPad3d(1, 2.0), m.nn.ZeroPad3d(1),
                  m.nn.CircularPad3d(1))]
CASES["pad_layer_grad_fn"] = lambda m: (m.nn.ZeroPad2d(1)(m.T.ones(1, 2, 3, requires_grad=True)).grad_fn.name(),
                                        m.nn.ReflectionPad2d(1)(m.T.ones(1, 2, 3, requires_grad=True)).grad_fn.name())


def _F(T: Any) -> Any:  # noqa: N802 - torch's spelling of the functional module
    return torch.nn.functional if T is torch else ours_F


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_matches_torch(name: str) -> None:
    case = CASES[name]
    assert _run(case, False) == _run(case, True)

