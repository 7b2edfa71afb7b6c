"""Elementwise math, rounding, shape manipulation and range indexing against real torch.

Values, gradients and grad_fn names go through ``check_parity``; reprs of integer results and the
exceptions of bad calls are compared as text between the two namespaces.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import minitorch_scalar
from minitorch_scalar.parity import check_parity

real_torch = pytest.importorskip("torch")

X23 = np.array([[0.3, -1.7, 2.5], [1.2, -0.4, 0.9]])
UNIT = np.array([[0.3, -0.7, 0.5], [0.2, -0.4, 0.9]])

CASES: dict[str, tuple[Callable[..., Any], tuple[Any, ...]]] = {
    "tan": (lambda torch, x: torch.tan(x * 0.4), (X23,)),
    "tan_method": (lambda torch, x: (x * 0.4).tan(), (X23,)),
    "log1p": (lambda torch, x: torch.log1p(x.abs()), (X23,)),
    "expm1": (lambda torch, x: x.expm1(), (X23,)),
    "log2": (lambda torch, x: torch.log2(x.abs() + 0.1), (X23,)),
    "log10": (lambda torch, x: (x.abs() + 0.1).log10(), (X23,)),
    "floor_ceil_trunc": (lambda torch, x: (torch.floor(x), x.ceil(), torch.trunc(x), x.fix()), (X23,)),
    "frac": (lambda torch, x: torch.frac(x), (X23,)),
    "asin_acos_atan": (lambda torch, x: (torch.asin(x), x.acos(), torch.atan(x * 3)), (UNIT,)),
    "aliases": (lambda torch, x: (torch.arcsin(x), x.arccos(), x.arctan(), torch.arccos(x)), (UNIT,)),
    "sinh_cosh": (lambda torch, x: (torch.sinh(x), x.cosh()), (X23,)),
    "erf": (lambda torch, x: (torch.erf(x), x.erf()), (X23,)),
    "atan2": (lambda torch, y, x: torch.atan2(y, x), (X23, X23[::-1].copy())),
    "atan2_broadcast": (lambda torch, y, x: y.atan2(x), (X23, np.array([0.5, -1.0, 2.0]))),
    "arctan2": (lambda torch, y, x: torch.arctan2(y, x), (X23, UNIT)),
    "atan2_origin": (lambda torch, y, x: torch.atan2(y, x), (np.array([0.0, 1.0]), np.array([0.0, -1.0]))),
    "round_decimals": (lambda torch, x: (torch.round(x * 1.2345, decimals=2), x.round(decimals=-1)), (X23 * 10,)),
    "round_decimals_zero": (lambda torch, x: x.round(decimals=0), (X23,)),
    "repeat": (lambda torch, x: x.repeat(2, 1), (X23,)),
    "repeat_more_dims": (lambda torch, x: x.repeat(2, 1, 3), (X23,)),
    "repeat_interleave": (lambda torch, x: (x.repeat_interleave(2), torch.repeat_interleave(x, 3, dim=1)), (X23,)),
    "chunk": (lambda torch, x: torch.chunk(x, 2, 1), (X23,)),
    "chunk_method": (lambda torch, x: x.chunk(3), (np.arange(5.0),)),
    "split_int": (lambda torch, x: torch.split(x, 2, dim=1), (X23,)),
    "split_sizes": (lambda torch, x: x.split([1, 2], 1), (X23,)),
    "unbind": (lambda torch, x: x.unbind(1), (X23,)),
    "unbind_fn": (lambda torch, x: torch.unbind(x), (X23,)),
    "flip": (lambda torch, x: (x.flip(0), torch.flip(x, [0, 1]), x.flip(-1)), (X23,)),
    "fliplr_flipud": (lambda torch, x: (x.fliplr(), torch.flipud(x)), (X23,)),
    "roll": (lambda torch, x: (x.roll(1), torch.roll(x, -1, 1), x.roll((1, 2), (0, 1))), (X23,)),
    "hstack": (lambda torch, a, b: torch.hstack([a, b]), (X23, X23[:, :1].copy())),
    "hstack_1d": (lambda torch, a, b: torch.hstack((a, b)), (np.arange(3.0), np.arange(2.0))),
    "vstack": (lambda torch, a, b: torch.vstack([a, b]), (np.arange(3.0), X23)),
    "column_stack": (lambda torch, a, b: torch.column_stack([a, b]), (np.arange(2.0), X23)),
    "meshgrid_ij": (lambda torch, a, b: torch.meshgrid(a, b, indexing="ij"), (np.arange(2.0), np.arange(3.0) + 1)),
    "meshgrid_xy": (lambda torch, a, b: torch.meshgrid([a, b], indexing="xy"), (np.arange(2.0), np.arange(3.0) + 1)),
    "cat_axis": (lambda torch, a, b: torch.cat([a, b], axis=1), (X23, X23)),
    "stack_axis": (lambda torch, a, b: torch.stack([a, b], axis=1), (X23, X23)),
    "concat": (lambda torch, a, b: (torch.concat([a, b]), torch.concatenate([a, b], dim=1)), (X23, X23)),
    "sum_mean_axis": (lambda torch, x: (x.sum(axis=0), x.mean(axis=1, keepdim=True), torch.sum(x, axis=1)), (X23,)),
    "range_index": (lambda torch, x: -x.log_softmax(1)[range(2), [2, 0]].mean(), (X23,)),
    "range_index_tensor": (lambda torch, x: x[range(2), torch.tensor([1, 2])], (X23,)),
    "range_rows": (lambda torch, x: x[range(0, 2, 1)], (X23,)),
    "tuple_in_index": (lambda torch, x: x[(0, 1), (2, 0)], (X23,)),
    "gather": (lambda torch, x: x.gather(1, torch.tensor([[2, 2], [0, 1]])), (X23,)),
    "gather_fn_dim0": (lambda torch, x: torch.gather(x, 0, torch.tensor([[1, 0, 1]])), (X23,)),
    "index_select": (lambda torch, x: (x.index_select(1, torch.tensor([2, 0, 2])), torch.index_select(x, 0,
                     torch.tensor([1]))), (X23,)),
    "take": (lambda torch, x: x.take(torch.tensor([[0, 5], [5, 1]])), (X23,)),
    "masked_select": (lambda torch, x: (x.masked_select(x > 0.5), torch.masked_select(x, x[0] > 0)), (X23,)),
    "masked_fill": (lambda torch, x: (x.masked_fill(x > 1.0, -1.0), torch.masked_fill(x, x[:, :1] < 0.5, 0.0)),
                    (X23,)),
    "masked_fill_tensor_value": (lambda torch, x, v: x.masked_fill(x > 1.0, v), (X23, 7.0)),
    "masked_fill_inplace": (lambda torch, x: (x * 1).masked_fill_(x < 0, 0.0), (X23,)),
    "scatter_src": (lambda torch, x, s: x.scatter(1, torch.tensor([[2, 0], [1, 0]]), s), (X23, X23[:, :2].copy())),
    "scatter_value": (lambda torch, x: torch.scatter(x, 0, torch.tensor([[1, 0, 1]]), 5.0), (X23,)),
    "scatter_add": (lambda torch, x, s: x.scatter_add(1, torch.tensor([[0, 0], [2, 2]]), s), (X23, X23[:, 1:].copy())),
    "scatter_add_inplace": (lambda torch, x, s: (x * 1).scatter_add_(0, torch.tensor([[1, 1, 0]]), s),
                            (X23, X23[:1].copy())),
    "sort": (lambda torch, x: tuple(x.sort(1)) + tuple(torch.sort(x, 0, descending=True)), (X23,)),
    "sort_stable": (lambda torch, x: tuple(x.sort(stable=True)), (X23,)),
    "argsort": (lambda torch, x: (x.argsort(), torch.argsort(x, 0, descending=True)), (X23,)),
    "topk": (lambda torch, x: tuple(x.topk(2)) + tuple(torch.topk(x, 1, 0, largest=False)), (X23,)),
    "kthvalue": (lambda torch, x: tuple(x.kthvalue(2)) + tuple(x.kthvalue(1, 0, keepdim=True)), (X23,)),
    "median": (lambda torch, x: (x.median(),) + tuple(torch.median(x, 1)) + tuple(x.median(0, True)), (X23,)),
    "cumsum": (lambda torch, x: (x.cumsum(1), torch.cumsum(x, dim=0), x[0].cumsum(-1)), (X23,)),
    "logsumexp": (lambda torch, x: (x.logsumexp(1), torch.logsumexp(x, (0, 1)), x.logsumexp(0, keepdim=True)),
                  (X23,)),
    "outer": (lambda torch, a, b: (torch.outer(a, b), a.ger(b)), (np.arange(3.0), np.array([0.5, -2.0]))),
    "where_then_index": (lambda torch, x: x[torch.where(x > 0.5)], (X23,)),
    "nonzero_index": (lambda torch, x: x[tuple(torch.nonzero(x > 0.5).t())], (X23,)),
    "select": (lambda torch, x: (x.select(1, 2), x.select(0, -1)), (X23,)),
    "index_add": (lambda torch, x, s: (x.index_add(0, torch.tensor([1, 1, 0]), s, alpha=2),
                                       torch.index_add(x, 0, torch.tensor([0, 0, 0]), s)), (X23, X23[[0, 1, 0]])),
    "index_add_inplace": (lambda torch, x, s: (x * 1).index_add_(1, torch.tensor([2, 0]), s), (X23, X23[:, :2].copy())),
    "index_fill": (lambda torch, x: (x.index_fill(1, torch.tensor([0, 2]), -1.0), (x * 1).index_fill_(0,
                   torch.tensor([1]), 3.0)), (X23,)),
    "nan_to_num": (lambda torch, x: torch.nan_to_num(torch.log(x) * 1.0, posinf=9.0, neginf=-9.0),
                   (np.array([[0.0, -1.0, 2.0], [np.inf, 0.5, 1.0]]),)),
    "cumprod": (lambda torch, x: (x.cumprod(1), torch.cumprod(x, 0)), (X23,)),
    "cumprod_zeros": (lambda torch, x: x.cumprod(1), (np.array([[0.0, 2.0, 3.0, 0.0], [1.5, 0.0, -2.0, 4.0]]),)),
    "mode": (lambda torch, x: tuple(x.mode(1)) + tuple(torch.mode(x, 0, keepdim=True)),
             (np.array([[1.0, 2.0, 2.0, 1.0], [3.0, 3.0, 1.0, 0.5]]),)),
    "triu_tril": (lambda torch, x: (torch.triu(x), x.tril(-1), x.triu(1), torch.tril(x, 1)), (X23,)),
    "tile": (lambda torch, x: (torch.tile(x, (2,)), x.tile((2, 1, 2))), (X23,)),
    "movedim": (lambda torch, x: (x.movedim(0, 1), torch.movedim(x[None], (0, 2), (2, 0)), x.moveaxis(-1, 0)),
                (X23,)),
    "swapaxes": (lambda torch, x: (x.swapaxes(0, 1), torch.swapdims(x, 1, 0)), (X23,)),
    "std_mean": (lambda torch, x: torch.std_mean(x, dim=1) + torch.std_mean(x), (X23,)),
    "var_mean": (lambda torch, x: torch.var_mean(x, 0, correction=0, keepdim=True) + torch.var_mean(x, True),
                 (X23,)),
    "quantile": (lambda torch, x: (torch.quantile(x, 0.3), torch.quantile(x, 0.5, dim=1, keepdim=True),
                                   torch.quantile(x[0], torch.tensor([0.25, 1.0], dtype=torch.float64))), (X23,)),
    "kthvalue_ties": (lambda torch, x: tuple(x.kthvalue(2)) + tuple(x.kthvalue(3, 0)),
                      (np.array([[1.0, 1.0, 1.0, 1.0], [2.0, 1.0, 2.0, 1.0], [1.0, 1.0, 1.0, 2.0]]),)),
    "diagonal": (lambda torch, x: (x.diagonal(), torch.diagonal(x, 1), x.diagonal(-1), x[None].diagonal(0, 1, 2)),
                 (X23,)),
    "diag": (lambda torch, x, v: (torch.diag(x), torch.diag(v), torch.diag(v, -1), x.diag(1)), (X23, X23[0].copy())),
    "trace": (lambda torch, x: (torch.trace(x[:, :2]), x.trace()), (X23,)),
    "bmm": (lambda torch, a, b: (torch.bmm(a, b), a.bmm(b)), (np.arange(12.0).reshape(2, 2, 3) / 7,
                                                          np.arange(6.0).reshape(2, 3, 1) - 2)),
    "lerp": (lambda torch, a, b: (torch.lerp(a, b, 0.3), a.lerp(b, 0.75)), (X23, UNIT)),
    "lerp_tensor_weight": (lambda torch, a, b, w: torch.lerp(a, b, w), (X23, UNIT, np.array([0.2, 0.5, 0.9]))),
    "broadcast_tensors": (lambda torch, a, b: torch.broadcast_tensors(a, b), (X23[:, :1].copy(), X23[0].copy())),
    "jacobian": (lambda torch, x: torch.autograd.functional.jacobian(lambda t: t.sin() * t.sum(), x,
                                                                     create_graph=True), (X23[0].copy(),)),
    "hessian": (lambda torch, x, y: sum(torch.autograd.functional.hessian(lambda a, b: (a * a * b).sum(), (x, y),
                                                                          create_graph=True), ()),
                (X23[0].copy(), UNIT[0].copy())),
    "remainder_fmod": (lambda torch, a, b: (a % 0.7, torch.remainder(a, b), torch.fmod(a, b), a.fmod(-0.7)),
                       (X23 * 3, UNIT + 1.5)),
    "median_ties": (lambda torch, x: (x.median(),) + tuple(x.median(1)) + tuple(x.median(0, keepdim=True)),
                    (np.array([[1.0, 2.0, 1.0, 2.0], [1.0, 1.0, 1.0, 1.0]]),)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_values_gradients_and_grad_fn_match_torch(name: str) -> None:
    fn, args = CASES[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = check_parity(fn, *args)
    assert report.ok, report.format()


def test_setitem_with_range_matches_torch() -> None:
    for ns in (minitorch_scalar, real_torch):
        y = ns.zeros(6, dtype=ns.long)
        y[range(2, 4)] = 1
        x = ns.zeros(2, 3)
        x[range(2), [0, 2]] = 5.0
        if ns is minitorch_scalar:
            ours = (repr(y), repr(x))
        else:
            theirs = (repr(y), repr(x))
    assert ours == theirs


PRINTED: list[Callable[[Any], Any]] = [
    lambda t: t.arange(6).reshape(2, 3).repeat(2, 1),
    lambda t: t.arange(6).reshape(2, 3).flip(0),
    lambda t: t.chunk(t.arange(5), 2),
    lambda t: t.arange(6).chunk(4),
    lambda t: t.arange(5).split(2),
    lambda t: t.arange(5).split([2, 3]),
    lambda t: t.roll(t.arange(6).reshape(2, 3), 1),
    lambda t: t.meshgrid(t.arange(2), t.arange(3), indexing="ij"),
    lambda t: t.column_stack([t.arange(3), t.arange(3)]),
    lambda t: t.hstack([t.tensor(1), t.tensor([2])]),
    lambda t: t.tensor([1, 2, 3]).repeat_interleave(t.tensor([1, 0, 2])),
    lambda t: t.tensor([2.567]).round(decimals=2),
    lambda t: t.tensor([1234.5, -0.5]).round(decimals=-2),
    lambda t: t.floor(t.tensor([1, -2])),
    lambda t: t.sin(t.tensor([1, 2])),
    lambda t: t.log2(t.tensor([8])),
    lambda t: t.tensor([-0.5, 1.5, float("inf")]).ceil(),
    lambda t: t.tensor([-1.5, 2.25, float("inf")]).frac(),
    lambda t: t.tensor([[1.0, 0.0], [1.0, 1.0]]).any(dim=1),
    lambda t: t.tensor([[1.0, 0.0], [1.0, 1.0]]).all(1, keepdim=True),
    lambda t: t.any(t.tensor([[0, 0], [1, 0]]), 0),
    lambda t: t.erf(t.tensor([0.5, -3.0, 0.0])),
    lambda t: t.atan2(t.tensor([1.0, -1.0]), t.tensor([-1.0, -1.0])),
    lambda t: t.arange(6).reshape(2, 3).masked_fill(t.arange(6).reshape(2, 3) > 3, -1),
    lambda t: t.where(t.arange(6).reshape(2, 3) > 3),
    lambda t: t.tensor([3.0, 1.0, 2.0]).topk(2),
    lambda t: t.sort(t.tensor([3, 1, 2, 1]), descending=True),
    lambda t: t.tensor([[1, 5, 2], [2, 2, 1]]).median(1),
    lambda t: t.unique(t.tensor([3, 1, 2, 1]), return_counts=True, return_inverse=True),
    lambda t: t.tensor([3, 1, 2, 1]).unique(),
    lambda t: t.tensor([True, False, True]).cumsum(0),
    lambda t: t.tensor([[1, 0], [0, 3]]).nonzero(),
    lambda t: t.nonzero(t.tensor([[1, 0], [0, 3]]), as_tuple=True),
    lambda t: t.tensor([0, 1, 1, 3]).bincount(),
    lambda t: t.zeros(2, 3, dtype=t.long).scatter_(1, t.tensor([[2], [0]]), 7),
    lambda t: t.arange(6).take(t.tensor([5, 0])),
    lambda t: t.zeros(3, 2).index_add_(0, t.tensor([1, 1]), t.ones(2, 2)),
    lambda t: t.arange(6).reshape(2, 3).index_fill_(1, t.tensor([0]), -1),
    lambda t: t.nan_to_num(t.tensor([float("nan"), float("inf"), -float("inf")])),
    lambda t: t.tensor([1, 1, 2, 3, 3, 3, 2, 2, 2]).mode(),
    lambda t: t.tensor([[1, 2, 2], [3, 3, 1]]).mode(0),
    lambda t: t.tensor([[0.0, 1.0], [2.0, 0.0]]).count_nonzero(),
    lambda t: t.count_nonzero(t.tensor([[0, 1], [2, 0], [3, 3]]), dim=0),
    lambda t: t.tensor([1, 2, 3]).cumprod(0),
    lambda t: t.histc(t.tensor([1.0, 2, 1, 9, 0]), bins=3, min=0, max=9),
    lambda t: t.histc(t.tensor([1.0, 2, 1]), bins=4),
    lambda t: t.searchsorted(t.tensor([1.0, 3.0, 5.0]), t.tensor([2.0, 6.0, 3.0]), right=True),
    lambda t: t.searchsorted(t.tensor([[1, 3, 5], [2, 4, 6]]), t.tensor([[3], [3]])),
    lambda t: t.logspace(0, 2, 3),
    lambda t: t.logspace(0, 1, 2, base=2),
    lambda t: t.tril_indices(3, 3),
    lambda t: t.triu_indices(2, 3, 1),
    lambda t: t.tensor([1.0, 2.0]).apply_(lambda v: v * 2),
    lambda t: t.tensor([[1, 2], [3, 4]]).movedim(0, 1),
    lambda t: t.tensor([3.0, 1.0, 4.0, 1.0, 5.0]).kthvalue(2),
    lambda t: t.tensor([1.0, float("nan"), 2.0]).median(0),
    lambda t: t.tensor([1.0, float("inf")]).isinf(),
    lambda t: t.isfinite(t.tensor([1.0, float("inf"), float("nan")])),
    lambda t: t.var_mean(t.tensor([[1.0, 2.0], [3.0, 5.0]]), 1, correction=0, keepdim=True),
    lambda t: t.diag(t.tensor([1, 2]), 1),
    lambda t: t.arange(6).reshape(2, 3).trace(),
    lambda t: t.broadcast_shapes((3, 1), (1, 2)),
    lambda t: t.broadcast_shapes((2,)),
    lambda t: [x.shape for x in t.broadcast_tensors(t.ones(3, 1), t.ones(2))],
    lambda t: (t.pi, t.e, t.inf, t.nan),
    lambda t: (t.tensor(7).remainder(3), t.fmod(t.tensor(-7.0), 3), t.tensor(-7) // 2, t.fmod(t.tensor([-7]), 3)),
    lambda t: (t.remainder(t.tensor([-7.0, -0.0]), 0.0), t.tensor([-7.0, 7.0]) % -3, t.remainder(t.tensor([-0.0]), 2)),
    lambda t: t.autograd.functional.jacobian(lambda v: v.sin(), t.tensor([1.0, 2.0])),
    lambda t: t.autograd.functional.jacobian(lambda a, b: (a * b, a.sum()), (t.tensor([1.0, 2.0]), t.ones(2))),
    lambda t: t.autograd.functional.hessian(lambda v: (v**3).sum(), t.tensor([1.0, 2.0])),
    lambda t: t.autograd.functional.hessian(lambda a, b: (a * b).sum(), (t.tensor([1.0, 2.0]), t.ones(2))),
]


@pytest.mark.parametrize("i", range(len(PRINTED)))
def test_printed_results_match_torch(i: int) -> None:
    assert repr(PRINTED[i](minitorch_scalar)) == repr(PRINTED[i](real_torch))


ERRORS: list[Callable[[Any], Any]] = [
    lambda t: t.tensor([1, 2]).frac(),
    lambda t: t.tensor([15, 25]).round(decimals=-1),
    lambda t: t.atan2(t.tensor([1.0]), 2.0),
    lambda t: t.tensor([1.0]).atan2(2.0),
    lambda t: t.sin([1.0]),
    lambda t: t.ones(2, 2).repeat(2),
    lambda t: t.ones(2, 2).sum(0, axis=0),
    lambda t: t.ones(4).split([1, 2]),
    lambda t: t.ones(4).chunk(0),
    lambda t: t.ones(2, 2).flip(0, 0),
    lambda t: t.ones(3).fliplr(),
    lambda t: t.ones(3).roll((1, 2), 0),
    lambda t: t.meshgrid(t.ones(2), t.ones(2), indexing="ab"),
    lambda t: t.ones(2, 3).gather(1, t.tensor([0, 1])),
    lambda t: t.ones(2, 3).topk(4),
    lambda t: t.ones(2, 3).masked_fill(t.ones(2, 3) > 0, t.ones(2)),
    lambda t: t.logsumexp(t.ones(2)),
    lambda t: t.tensor([1.0], requires_grad=True).apply_(lambda v: v),
    lambda t: t.histc(t.tensor([1, 2])),
    lambda t: t.quantile(t.tensor([1.0, 2.0]), 1.5),
    lambda t: t.ones(3).triu(),
    lambda t: t.tensor([1.0, 2.0]).kthvalue(3),
    lambda t: t.trace(t.ones(3)),
    lambda t: t.bmm(t.ones(2, 3), t.ones(2, 3)),
    lambda t: t.bmm(t.ones(2, 2, 3), t.ones(2, 2, 3)),
    lambda t: t.broadcast_shapes((3, 1), (1, 2), (4,)),
    lambda t: t.broadcast_shapes((2, 3), (1,), (5,)),
    lambda t: t.ones(3).diagonal(),
    lambda t: t.autograd.functional.hessian(lambda v: v**2, t.ones(2)),
]


def _raised(fn: Callable[[Any], Any], ns: Any) -> tuple[str, str]:
    try:
        fn(ns)
    except Exception as e:  # noqa: BLE001 - the exception is what is compared
        return type(e).__name__, str(e).split("\n")[0]
    return "no error", ""


@pytest.mark.parametrize("i", range(len(ERRORS)))
def test_errors_match_torch(i: int) -> None:
    ours = _raised(ERRORS[i], minitorch_scalar)
    assert ours[0] != "no error"
    assert ours == _raised(ERRORS[i], real_torch)


def test_meshgrid_without_indexing_warns_like_torch() -> None:
    with pytest.warns(UserWarning, match="it will be required to pass the indexing argument"):
        grids = minitorch_scalar.meshgrid(minitorch_scalar.arange(2), minitorch_scalar.arange(3))
    assert [tuple(g.shape) for g in grids] == [(2, 3), (2, 3)]


def test_second_derivatives_of_new_math_match_torch() -> None:
    def fn(torch: Any, x: Any) -> Any:
        y = torch.tan(x * 0.3) + torch.asin(x * 0.2) + x.atan() + x.sinh() + x.cosh() + x.erf() + (x.abs() + 1).log1p()
        y = y + x.expm1() + (x.abs() + 1).log2() + (x.abs() + 1).log10() + torch.atan2(x, x * x + 1)
        return torch.autograd.grad(y.sum(), x, create_graph=True)

    report = check_parity(fn, X23, check_grad_fn=False)
    assert report.ok, report.format()


def test_inference_mode_state_matches_torch() -> None:
    def states(t: Any) -> list[tuple[bool, bool]]:
        seen = [(t.is_inference_mode_enabled(), t.is_grad_enabled())]
        with t.inference_mode():
            seen.append((t.is_inference_mode_enabled(), t.is_grad_enabled()))
            with t.inference_mode(mode=False):
                seen.append((t.is_inference_mode_enabled(), t.is_grad_enabled()))
        with t.no_grad(), t.inference_mode(False):
            seen.append((t.is_inference_mode_enabled(), t.is_grad_enabled()))

        @t.inference_mode
        def bare() -> tuple[bool, bool]:
            return t.is_inference_mode_enabled(), t.is_grad_enabled()

        seen.append(bare())
        seen.append((t.is_inference_mode_enabled(), t.is_grad_enabled()))
        return seen

    assert states(minitorch_scalar) == states(real_torch)
