"""Porting gaps closed by H8, against real torch: numpy's axis=/keepdims=, nansum/nanmean, the default-dtype
repr, torch.tensor of tensors, in-place twins, ad-hoc tensor attributes, torch.special, bucketize, isin, cov,
corrcoef, mean(dtype=int).

Each scenario is written once as ``scenario(lib, show)``; the printed text (reprs, grads, error types and
messages) of ours must equal torch's.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import pytest

torch = pytest.importorskip("torch")

import minitorch_scalar as mt  # noqa: E402


def _run(scenario: Callable[..., None], lib: Any) -> list[str]:
    out: list[str] = []

    def show(*items: Any) -> None:
        out.append(" ".join(str(i) for i in items))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            scenario(lib, show)
        except Exception as err:  # how the scenario ended is compared too
            show("raised", type(err).__name__, str(err).splitlines()[0])
    return out


def _same(scenario: Callable[..., None]) -> None:
    assert _run(scenario, mt) == _run(scenario, torch)


REDUCTIONS = ["argmax", "argmin", "max", "min", "prod", "std", "var", "all", "any", "logsumexp", "amax", "amin",
              "median", "nansum", "nanmean", "mean", "sum", "cumsum", "cumprod", "softmax", "log_softmax", "squeeze",
              "unsqueeze", "count_nonzero", "sort", "topk", "gather", "index_select", "kthvalue", "narrow"]
KEEPDIM = {"argmax", "argmin", "max", "min", "prod", "std", "var", "all", "any", "logsumexp", "amax", "amin",
           "median", "nansum", "nanmean", "mean", "sum", "kthvalue"}
EXTRA = {"topk": {"k": 1}, "gather": {"index": [[0, 1], [1, 0]]}, "index_select": {"index": [0]},
         "kthvalue": {"k": 1}, "narrow": {"start": 0, "length": 1}}


@pytest.mark.parametrize("name", REDUCTIONS)
@pytest.mark.parametrize("form", ["method", "function"])
def test_axis_keepdims_aliases(name: str, form: str) -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        a = lib.tensor([[1.0, 5.0, 2.0], [4.0, 0.5, 6.0]])
        kw = {k: (lib.tensor(v) if isinstance(v, list) else v) for k, v in EXTRA.get(name, {}).items()}
        call = getattr(a, name) if form == "method" else lambda **k: getattr(lib, name)(a, **k)
        show(call(axis=1, **kw))
        if name in KEEPDIM:
            show(call(axis=1, keepdims=True, **kw))
        try:  # both names: a TypeError (torch's text depends on its overloads; the type is compared)
            show(call(dim=1, axis=1, **kw))
        except TypeError:
            show("TypeError")

    _same(scenario)


def test_axis_rejected_where_torch_rejects_it() -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        a = lib.arange(6.0).reshape(2, 3)
        for call in (lambda: a.norm(axis=1), lambda: a.split(1, axis=1), lambda: a.argmax(1, axis=0)):
            try:
                show(call())
            except TypeError as err:
                show("TypeError", str(err).replace("Tensor.", ""))

    _same(scenario)


def test_nansum_nanmean() -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        x = lib.tensor([[1.0, float("nan"), 3.0], [float("nan"), float("nan"), 2.0]], requires_grad=True)
        a, b = x.nansum(), lib.nanmean(x, 1, keepdim=True)
        show(a, b, x.nansum(dim=0), lib.nansum(x, axis=1, keepdims=True))
        (a + (b * lib.tensor([[1.0], [3.0]])).sum()).backward()
        show(x.grad)
        show(lib.nansum(lib.tensor([1, 2])), lib.tensor([1, 2]).nansum(dtype=lib.float64))
        lib.tensor([1, 2]).nanmean()

    _same(scenario)


def test_repr_under_default_float64() -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        lib.set_default_dtype(lib.float64)
        try:
            show(lib.tensor([1.5]), lib.tensor([1.5], dtype=lib.float32), lib.tensor([], dtype=lib.float32),
                 lib.tensor([]), lib.zeros(0, 2), lib.tensor([1, 2]), lib.tensor([True]), lib.arange(3.0),
                 lib.tensor([1.0], dtype=lib.float16), lib.ones(2, requires_grad=True) * 2)
        finally:
            lib.set_default_dtype(lib.float32)
        show(lib.tensor([1.5]), lib.tensor([1.5], dtype=lib.float64), lib.tensor([], dtype=lib.float64))

    _same(scenario)


@pytest.mark.parametrize("data", [
    "[t([1.0, 2.0]), t([3.0, 4.0])]", "[t(1.0), t(2.0)]", "[t([1.0]), t([2.0])]", "[[t([[1.0]])], [t([2.0])]]",
    "[t(1), 2.5]", "[t([]), t([])]", "[[1.0, 2.0], t([3.0, 4.0])]", "(t(1.0, dtype=float64), 2)",
])
def test_tensor_of_tensors(data: str) -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        made = eval(data, {"t": lib.tensor, "float64": lib.float64})  # noqa: S307 - fixed test expressions
        show(lib.tensor(made))
        show(lib.tensor(made, dtype=lib.float64))

    _same(scenario)


def test_tensor_of_grad_tensors_warns() -> None:
    def outcome(lib: Any) -> list[str]:
        a = lib.tensor(1.0, requires_grad=True)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            made = lib.tensor([a, a * 2])
        return [str(made), *(str(w.message).split(" (Triggered")[0] for w in caught)]

    assert outcome(mt) == outcome(torch)


INPLACE = ["lerp_", "clamp_min_", "clamp_max_", "nan_to_num_", "atan2_", "arctan2_", "fmod_", "remainder_",
           "square_", "cumsum_", "cumprod_", "tril_", "triu_", "erf_", "erfc_", "expm1_", "log1p_", "frac_",
           "trunc_", "fix_", "round_", "sign_", "negative_", "reciprocal_", "rsqrt_", "log_", "log2_", "log10_",
           "sin_", "cos_", "tan_", "sinh_", "cosh_", "asin_", "arcsin_", "acos_", "arccos_", "atan_", "arctan_",
           "ceil_", "floor_", "absolute_", "logit_", "xlogy_", "sinc_", "erfinv_"]
INPLACE_ARGS: dict[str, Callable[[Any], tuple[Any, ...]]] = {
    "lerp_": lambda lib: (lib.zeros(2, 2), 0.25), "clamp_min_": lambda lib: (0.3,),
    "clamp_max_": lambda lib: (0.3,), "atan2_": lambda lib: (lib.full((2, 2), 0.5),),
    "arctan2_": lambda lib: (lib.full((2, 2), 0.5),), "fmod_": lambda lib: (0.3,), "remainder_": lambda lib: (0.3,),
    "cumsum_": lambda lib: (1,), "cumprod_": lambda lib: (0,), "xlogy_": lambda lib: (lib.full((2, 2), 3.0),),
}


@pytest.mark.parametrize("name", INPLACE)
def test_inplace_twins(name: str) -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        w = lib.tensor([[0.2, 0.7], [0.4, 0.9]], requires_grad=True)
        x = w * 1.0
        args = INPLACE_ARGS.get(name, lambda lib: ())(lib)
        r = getattr(x, name)(*args)
        (r * lib.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
        show(r is x, r, x._version if hasattr(x, "_version") else "", w.grad)
        getattr(w, name)(*args)  # a leaf requiring grad: torch's RuntimeError

    _same(scenario)


def test_ema_lerp_no_grad_and_rsqrt() -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        ema = lib.ones(3, requires_grad=True)
        with lib.no_grad():
            show(ema.lerp_(lib.zeros(3), 0.25))
        x = lib.tensor([4.0, 0.25], requires_grad=True)
        y = x.rsqrt()
        (g,) = lib.autograd.grad(y.sum(), x, create_graph=True)
        (g2,) = lib.autograd.grad(g.sum(), x)
        show(y, g, g2, lib.rsqrt(lib.tensor([4])))

    _same(scenario)


def test_adhoc_attributes() -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        import copy

        t = lib.zeros(2)
        t.g = t + 1
        show(t.g, copy.deepcopy(t).g)
        p = lib.nn.Parameter(lib.ones(2))
        p.label = "w"
        show(p.label, copy.deepcopy(p).label)

    _same(scenario)


def _special_scenario(lib: Any, show: Callable[..., None]) -> None:
    x = lib.tensor([0.2, 0.5, 0.9], requires_grad=True)
    special = lib.special
    calls: list[Callable[[], Any]] = [
        lambda: special.expit(x), lambda: special.logit(x), lambda: special.logit(x, eps=0.3),
        lambda: special.erf(x), lambda: special.erfc(x), lambda: special.xlogy(x, x), lambda: special.xlogy(2.0, x),
        lambda: special.xlogy(x, 2.0), lambda: special.xlog1py(x, x), lambda: special.log_softmax(x, 0),
        lambda: special.softmax(x, dim=0), lambda: special.entr(x), lambda: special.sinc(x),
        lambda: special.logsumexp(x, 0), lambda: special.log1p(x), lambda: special.expm1(x),
        lambda: x.logit(), lambda: x.xlogy(lib.tensor([0.5, 2.0, 3.0])), lambda: lib.erfc(x), lambda: lib.sinc(x),
        lambda: lib.logit(x, 0.1), lambda: lib.xlogy(x[:, None], x * 2), lambda: special.erfinv(x),
        lambda: lib.erfinv(x * 1.1 - 0.99),
    ]
    for call in calls:
        r = call()
        (g,) = lib.autograd.grad((r * lib.arange(1.0, r.numel() + 1).reshape(r.shape)).sum(), x)
        show(r, g)
    show(special.ndtr(x).detach(), lib.erfinv(lib.tensor([-1.0, -0.999, 1e-6, 0.99999, 1.0, 1.5])))
    show(special.entr(lib.tensor([0.0, -1.0, 1.0])), special.sinc(lib.tensor([0.0])),
         special.xlogy(lib.tensor([0.0]), lib.tensor([float("nan")])))
    show(special.expit(lib.tensor([1, 2])), special.logit(lib.tensor([0, 1])),
         special.xlogy(lib.tensor([0, 2]), lib.tensor([0, 3])))
    z = lib.tensor([0.0, 1.0], requires_grad=True)
    show(lib.autograd.grad(special.xlogy(z, lib.tensor([0.0, 2.0])).sum(), z)[0],
         lib.autograd.grad(special.sinc(z).sum(), z)[0])
    special.expit(1.0)


def test_special() -> None:
    _same(_special_scenario)


def test_special_import_path() -> None:
    import minitorch_scalar.special as ours

    assert ours.expit is mt.special.expit


def test_bucketize_isin() -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        v, b = lib.tensor([0.5, 1.0, 2.5, 4.0]), lib.tensor([1.0, 2.0, 3.0])
        show(lib.bucketize(v, b), lib.bucketize(v, b, right=True), lib.bucketize(2.0, b),
             lib.bucketize(lib.tensor([[1.0, 3.0]]), b, out_int32=True))
        show(lib.isin(lib.tensor([1, 2, 3]), lib.tensor([2, 5])), lib.isin(lib.tensor([1, 2, 3]), 2),
             lib.isin(2, lib.tensor([1, 2])), lib.isin(lib.tensor([1.0, 2.0]), lib.tensor([2]), invert=True))

    _same(scenario)


def test_cov_corrcoef() -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        lib.manual_seed(0)
        x = lib.randn(3, 5, requires_grad=True)
        c = lib.cov(x)
        r = lib.corrcoef(x)
        show(c, r)
        show(lib.cov(x, correction=0), lib.cov(x[0]), lib.cov(x, fweights=lib.tensor([1, 2, 1, 1, 3])),
             lib.cov(x, aweights=lib.tensor([0.1, 0.2, 0.3, 0.4, 0.5])), lib.corrcoef(x[0]))
        (r.sum() + c.sum()).backward()
        show(x.grad)
        show(lib.cov(lib.tensor([[1, 2, 3], [2, 2, 5]])))

    _same(scenario)


def test_mean_dtype_messages() -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        for call in (lambda: lib.tensor([1.0, 2.0]).mean(dtype=lib.int64), lambda: lib.arange(5).mean(),
                     lambda: lib.arange(3).mean(dtype=lib.int32), lambda: lib.tensor([True]).mean()):
            try:
                call()
            except RuntimeError as err:
                show(err)

    _same(scenario)


def test_amp_cpu_scaler_and_disabled_autocast() -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        w = lib.nn.Parameter(lib.tensor([1.0, 2.0]))
        opt = lib.optim.SGD([w], lr=0.1)
        s = lib.amp.GradScaler("cpu", init_scale=4.0, growth_interval=2)
        loss = (w * w).sum()
        scaled = s.scale(loss)
        show(scaled, s.get_scale())
        scaled.backward()
        s.unscale_(opt)
        show(w.grad)
        show(s.step(opt), w)
        s.update()
        show(s.get_scale(), s.state_dict())
        for factor in (1.0, 1.0, float("inf")):
            opt.zero_grad()
            s.scale((w * w * factor).sum()).backward()
            s.step(opt)
            s.update()
            show(s.get_scale(), w, s.state_dict())
        off = lib.amp.GradScaler(enabled=False)
        show(off.scale(loss) is loss, off.get_scale(), off.state_dict())
        with lib.autocast(device_type="cpu", dtype=lib.float16, enabled=False):
            show(lib.ones(2) @ lib.ones(2), lib.is_autocast_enabled())
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            show(lib.amp.GradScaler().is_enabled())
            with lib.autocast("cuda"):
                show(lib.is_autocast_enabled())
        show([str(c.message) for c in caught])
        s.scale(3.0)

    _same(scenario)


def test_name_stays_read_only() -> None:
    def scenario(lib: Any, show: Callable[..., None]) -> None:
        t = lib.zeros(2)
        show(t.name)
        t.name = "w"

    _same(scenario)
