"""Porting gaps closed by H8, with hand-derived numbers (no torch needed).

numpy's axis=/keepdims= aliases, nansum/nanmean, the repr under another default dtype, torch.tensor of
tensors, in-place twins, ad-hoc tensor attributes, torch.special, bucketize, isin, cov, corrcoef.
"""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest

import minitorch_scalar as torch
import minitorch_scalar.nn as nn
from minitorch_scalar.numpy_keywords import numpy_keywords


def _values(t: torch.Tensor) -> list[float]:
    return np.asarray(t.detach().numpy(), dtype=np.float64).ravel().tolist()


# ---------------------------------------------------------------------------------- axis= / keepdims=

def test_axis_and_keepdims_on_methods_and_functions() -> None:
    a = torch.tensor([[1.0, 5.0, 2.0], [4.0, 0.5, 6.0]])
    assert a.argmax(axis=1).tolist() == [1, 2]
    assert torch.argmax(a, axis=1).tolist() == [1, 2]
    assert a.max(axis=0, keepdims=True).values.tolist() == [[4.0, 5.0, 6.0]]
    assert a.cumsum(axis=1).tolist() == [[1.0, 6.0, 8.0], [4.0, 4.5, 10.5]]
    assert torch.cumsum(a, axis=0).tolist() == [[1.0, 5.0, 2.0], [5.0, 5.5, 8.0]]
    assert a.unsqueeze(axis=1).shape == (2, 1, 3)
    assert torch.softmax(a, axis=1).sum(axis=1).tolist() == pytest.approx([1.0, 1.0])
    assert a.prod(axis=1, keepdims=True).tolist() == [[10.0], [12.0]]


def test_alias_with_its_torch_name_is_a_type_error() -> None:
    a = torch.ones(2, 3)
    with pytest.raises(TypeError, match=r"^argmax\(\) got an unexpected keyword argument 'axis'$"):
        a.argmax(dim=1, axis=0)
    with pytest.raises(TypeError, match=r"^argmax\(\) got an unexpected keyword argument 'axis'$"):
        a.argmax(1, axis=0)  # dim given by position
    with pytest.raises(TypeError, match="keepdims"):
        a.amax(1, True, keepdims=True)


def test_torch_python_functions_keep_rejecting_axis() -> None:
    with pytest.raises(TypeError, match="axis"):
        torch.ones(2, 3).norm(axis=1)
    with pytest.raises(TypeError, match="axis"):
        torch.ones(2, 3).split(1, axis=1)


def test_numpy_keywords_decorator_on_a_plain_function() -> None:
    def pick(x: list[int], dim: int = 0, keepdim: bool = False) -> tuple[int, bool]:
        return x[dim], keepdim

    wrapped = numpy_keywords(pick)
    assert wrapped([7, 8], axis=1, keepdims=True) == (8, True)
    assert wrapped([7, 8], 1) == (8, False)
    with pytest.raises(TypeError, match=r"^pick\(\) got an unexpected keyword argument 'keepdims'$"):
        wrapped([7, 8], 0, True, keepdims=False)


# ---------------------------------------------------------------------------------- nansum / nanmean

def test_nansum_and_nanmean_values_and_grads() -> None:
    nan = float("nan")
    x = torch.tensor([[1.0, nan, 3.0], [nan, nan, 2.0]], requires_grad=True)
    s = x.nansum()
    m = torch.nanmean(x, axis=1)
    assert s.item() == 6.0 and s.grad_fn.name() == "NansumBackward0"
    assert m.tolist() == [2.0, 2.0]
    (s + m.sum()).backward()
    # d nansum = 1 at numbers, 0 at nan; d nanmean_row = 1 / (numbers in the row): 1/2 and 1/1
    assert _values(x.grad) == [1.5, 0.0, 1.5, 0.0, 0.0, 2.0]
    assert torch.nansum(torch.tensor([1, 2])).dtype == torch.int64
    with pytest.raises(RuntimeError, match="nanmean\\(\\): expected input to have floating point .* got Long"):
        torch.tensor([1, 2]).nanmean()


def test_mean_with_integer_dtype_names_the_optional_dtype() -> None:
    with pytest.raises(RuntimeError, match="Optional dtype must be .* Got: Long$"):
        torch.tensor([1.0, 2.0]).mean(dtype=torch.int64)
    with pytest.raises(RuntimeError, match="Input dtype must be .* Got: Long$"):
        torch.arange(5).mean()


# ---------------------------------------------------------------------------------- repr and creation

def test_repr_hides_the_current_default_dtype() -> None:
    torch.set_default_dtype(torch.float64)
    try:
        assert repr(torch.tensor([1.5])) == "tensor([1.5000])"
        assert repr(torch.tensor([1.5], dtype=torch.float32)) == "tensor([1.5000], dtype=torch.float32)"
        assert repr(torch.tensor([], dtype=torch.float32)) == "tensor([], dtype=torch.float32)"
        assert repr(torch.tensor([1, 2])) == "tensor([1, 2])"
    finally:
        torch.set_default_dtype(torch.float32)
    assert repr(torch.tensor([1.5], dtype=torch.float64)) == "tensor([1.5000], dtype=torch.float64)"


def test_tensor_of_tensors_reads_each_as_one_number() -> None:
    with pytest.raises(ValueError, match="^only one element tensors can be converted to Python scalars$"):
        torch.tensor([torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])])
    with pytest.raises(ValueError, match="only one element tensors"):
        torch.Tensor([torch.tensor([1.0, 2.0])])
    assert torch.tensor([torch.tensor(1.0), torch.tensor([2.0])]).tolist() == [1.0, 2.0]
    assert torch.tensor([[1.0, 2.0], torch.tensor([3.0, 4.0])]).tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert torch.tensor([torch.tensor(0.5), 2], dtype=torch.float64).dtype == torch.float64


# ---------------------------------------------------------------------------------- in-place twins

def test_lerp_inplace_ema_step() -> None:
    w = torch.ones(3)
    out = w.lerp_(torch.zeros(3), 0.25)  # 1 + 0.25 * (0 - 1)
    assert out is w and w.tolist() == [0.75, 0.75, 0.75]


def test_inplace_twin_keeps_the_out_of_place_grad() -> None:
    w = torch.tensor([0.5, 1.0], requires_grad=True)
    x = w * 1.0
    x.sin_()
    assert x.grad_fn.name() == "SinBackward0"
    x.sum().backward()
    assert _values(w.grad) == pytest.approx([math.cos(0.5), math.cos(1.0)], rel=1e-6)
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
        w.clamp_min_(0.0)


def test_rsqrt_records_one_node_with_its_own_grad() -> None:
    x = torch.tensor([4.0], requires_grad=True)
    y = x.rsqrt()
    assert y.grad_fn.name() == "RsqrtBackward0" and y.item() == 0.5
    y.backward()
    assert x.grad.item() == pytest.approx(-0.5 * 0.5**3)


# ---------------------------------------------------------------------------------- ad-hoc attributes

def test_tensors_take_adhoc_attributes() -> None:
    t = torch.zeros(2)
    t.g = t + 1
    assert t.g.tolist() == [1.0, 1.0]
    assert copy.deepcopy(t).g.tolist() == [1.0, 1.0]
    p = nn.Parameter(torch.ones(2))
    p.label = "w"
    assert p.label == "w" and isinstance(p, torch.Tensor)


# ---------------------------------------------------------------------------------- torch.special

def test_special_values() -> None:
    s = torch.special
    assert s.expit(torch.tensor([0.0])).item() == 0.5
    assert s.logit(torch.tensor([0.5])).item() == 0.0
    assert s.logit(torch.tensor([0.1]), eps=0.25).item() == pytest.approx(math.log(1 / 3))
    assert s.erfc(torch.tensor([0.0])).item() == 1.0
    assert s.xlogy(torch.tensor([0.0, 2.0]), torch.tensor([0.0, math.e])).tolist() == pytest.approx([0.0, 2.0])
    assert s.xlog1py(torch.tensor([2.0]), torch.tensor([math.e - 1])).item() == pytest.approx(2.0)
    assert s.entr(torch.tensor([0.0, 1.0, -1.0])).tolist() == [0.0, -0.0, -math.inf]
    assert s.sinc(torch.tensor([0.0, 0.5])).tolist() == pytest.approx([1.0, 2 / math.pi])
    assert s.ndtr(torch.tensor([0.0])).item() == pytest.approx(0.5)
    assert s.erfinv(torch.tensor([math.erf(0.3), 0.0], dtype=torch.float64)).tolist() == pytest.approx([0.3, 0.0])
    assert torch.erfinv(torch.tensor([-1.0, 1.0, 2.0])).tolist()[:2] == [-math.inf, math.inf]
    assert math.isnan(torch.erfinv(torch.tensor([2.0])).item())


def test_special_grads() -> None:
    x = torch.tensor([0.5], requires_grad=True)
    (g,) = torch.autograd.grad(torch.special.logit(x).sum(), x)
    assert g.item() == pytest.approx(4.0)  # 1 / (p (1 - p))
    (g,) = torch.autograd.grad(torch.special.entr(x).sum(), x)
    assert g.item() == pytest.approx(-(math.log(0.5) + 1))
    z = torch.tensor([0.0, 2.0], requires_grad=True)
    y = torch.tensor([0.0, 3.0], requires_grad=True)
    gz, gy = torch.autograd.grad(torch.xlogy(z, y).sum(), (z, y))
    assert _values(gz) == pytest.approx([0.0, math.log(3.0)])  # 0 where z == 0 and y <= 0
    assert _values(gy)[1] == pytest.approx(2.0 / 3.0)
    (g,) = torch.autograd.grad(torch.sinc(z).sum(), z)
    assert _values(g) == pytest.approx([0.0, 0.5])  # (cos(2 pi) - sinc 2) / 2


def test_special_rejects_non_tensors_with_torchs_name() -> None:
    with pytest.raises(TypeError, match=r"^special_expit\(\): argument 'input' \(position 1\) must be Tensor"):
        torch.special.expit(1.0)


# ---------------------------------------------------------------------------------- search, statistics

def test_bucketize_and_isin() -> None:
    b = torch.tensor([1.0, 2.0, 3.0])
    v = torch.tensor([0.5, 1.0, 2.5, 4.0])
    assert torch.bucketize(v, b).tolist() == [0, 0, 2, 3]
    assert torch.bucketize(v, b, right=True).tolist() == [0, 1, 2, 3]
    assert torch.bucketize(v, b, out_int32=True).dtype == torch.int32
    assert torch.isin(torch.tensor([1, 2, 3]), torch.tensor([2, 5])).tolist() == [False, True, False]
    assert torch.isin(torch.tensor([1, 2]), 2, invert=True).tolist() == [True, False]


def test_cov_and_corrcoef() -> None:
    x = torch.tensor([[1.0, 2.0, 3.0], [2.0, 2.0, 5.0]])
    # row means 2 and 3; deviations (-1, 0, 1) and (-1, -1, 2): sums of products / (3 - 1)
    assert torch.cov(x).tolist() == [[1.0, 1.5], [1.5, 3.0]]
    assert _values(torch.cov(x, correction=0)) == pytest.approx([2 / 3, 1.0, 1.0, 2.0])
    r = torch.corrcoef(x)
    assert _values(r) == pytest.approx([1.0, 1.5 / math.sqrt(3.0), 1.5 / math.sqrt(3.0), 1.0])
    assert torch.cov(torch.tensor([1, 2, 3])).item() == 1.0


# ---------------------------------------------------------------------------------- torch.amp

def test_disabled_autocast_and_scaler_pass_through() -> None:
    w = nn.Parameter(torch.tensor([1.0, 2.0]))
    opt = torch.optim.SGD([w], lr=0.5)
    scaler = torch.amp.GradScaler(enabled=False)
    with torch.autocast(device_type="cpu", dtype=torch.float16, enabled=False):
        loss = (w * w).sum()
    assert scaler.scale(loss) is loss and scaler.get_scale() == 1.0 and scaler.state_dict() == {}
    loss.backward()
    scaler.step(opt)
    scaler.update()
    assert w.tolist() == [0.0, 0.0]  # w - 0.5 * 2w


def test_enabled_cpu_autocast_says_what_is_missing() -> None:
    with pytest.raises(NotImplementedError, match="bfloat16"):
        torch.autocast("cpu")
    with pytest.warns(UserWarning, match="Disabling autocast"):
        torch.autocast("cuda")


def test_cpu_grad_scaler_scales_skips_and_backs_off() -> None:
    w = nn.Parameter(torch.tensor([1.0, 2.0]))
    opt = torch.optim.SGD([w], lr=0.1)
    scaler = torch.amp.GradScaler("cpu", init_scale=4.0, growth_interval=1)
    scaler.scale((w * w).sum()).backward()
    assert w.grad.tolist() == [8.0, 16.0]  # 2w * 4
    scaler.unscale_(opt)
    assert w.grad.tolist() == [2.0, 4.0]
    with pytest.raises(RuntimeError, match="already been called"):
        scaler.unscale_(opt)
    scaler.step(opt)
    scaler.update()
    assert w.tolist() == pytest.approx([0.8, 1.6]) and scaler.get_scale() == 8.0  # grown after 1 clean step
    opt.zero_grad()
    scaler.scale((w * float("inf")).sum()).backward()
    assert scaler.step(opt) is None
    scaler.update()
    assert w.tolist() == pytest.approx([0.8, 1.6]) and scaler.get_scale() == 4.0  # skipped, backed off
