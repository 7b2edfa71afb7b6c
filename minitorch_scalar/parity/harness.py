"""Check that a function written against torch's API computes the same in minitorch_scalar and torch.

Write the function once::

    check_parity(lambda x, w: (x * w).tanh().sum(), [1.0, -2.0], [0.5, 0.25])
    check_parity(lambda torch, x: torch.relu(x) + torch.sigmoid(x), x=[[0.5, -1.0], [2.0, 0.0]])

Each argument (positional, or by keyword) is a Python number, nested list or numpy array; the harness
makes it a float64 numpy array and builds ``tensor(array, dtype=float64, requires_grad=True)`` from it
in each engine (upstream gradients are built from float64 arrays too), then calls ``fn`` with them.
When ``fn``'s first parameter is called ``torch``, it also receives the engine's namespace
(``minitorch_scalar`` or ``torch``), so it can call ``torch.tanh``, ``torch.nn.functional.relu`` ...
Inputs are named after ``fn``'s parameters in the report (``x``, ``w``; keywords by their key).

``fn`` returns a tensor, a number, or a tuple/list of them. The harness then

1. compares the outputs: their count and kinds, then each tensor's shape, dtype and ``grad_fn`` class name
   (``MulBackward0`` ...), then every element;
2. backpropagates: a single 0-d output directly (``out.backward()``); otherwise each output with an
   upstream gradient drawn from ``seed`` (values of both signs, magnitudes 0.5 to 1.5, never all ones, so
   a transposed or summed-wrongly gradient shows) or all ones with ``upstream='ones'``;
3. compares every input's gradient element by element (a None against a tensor is a mismatch);
4. runs everything a second time in each engine and reports any difference (nondeterminism);
5. with ``numeric=True``, adds the central difference ``(L(x + eps) - L(x - eps)) / (2 eps)`` of
   ``L = sum(out * upstream)`` (computed with torch's forward, eps = 1e-6) to each gradient entry, so a
   mismatch shows which engine is wrong.

Default tolerances: ``rtol=1e-10``, ``atol=1e-12`` (both engines compute in float64; see
:mod:`minitorch_scalar.parity.report`). A function that raises in either engine is reported as a
problem naming the exception of each engine.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import numpy as np

from minitorch_scalar.parity.realtorch import load_torch
from minitorch_scalar.parity.report import DEFAULT_ATOL, DEFAULT_RTOL, ParityError, ParityReport, make_entry

UPSTREAM_MODES = ("random", "ones")
NUMERIC_EPS = 1e-6


@dataclass
class Output:
    """One output of ``fn`` as data: kind (``'tensor'`` or ``'number'``), shape, dtype, values, requires_grad,
    and the class name of its ``grad_fn`` (None for a leaf or a number)."""

    kind: str
    shape: tuple[int, ...]
    dtype: str
    values: np.ndarray
    requires_grad: bool = False
    grad_fn: str | None = None


@dataclass
class Run:
    """What one engine computed: outputs, input gradients (None where absent), or the exception raised."""

    outputs: list[Output] = field(default_factory=list)
    grads: list[np.ndarray | None] = field(default_factory=list)
    error: str | None = None


def _wants_namespace(fn: Callable[..., Any]) -> bool:
    """True when ``fn``'s first parameter is named ``torch``."""
    try:
        params = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return False
    return bool(params) and params[0] == "torch"


def input_names(fn: Callable[..., Any], count: int, named: Sequence[str]) -> list[str]:
    """Names for ``count`` positional inputs (``fn``'s parameter names, else ``arg<i>``), then the keywords."""
    try:
        params = [
            p.name
            for p in inspect.signature(fn).parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
    except (TypeError, ValueError):
        params = []
    if _wants_namespace(fn):
        params = params[1:]
    positional = [params[i] if i < len(params) else f"arg{i}" for i in range(count)]
    return positional + list(named)


def as_float64(value: Any, name: str) -> np.ndarray:
    """An input as a float64 array.

    Raises:
        TypeError: naming the input when it is not a number, a (nested) list of numbers or an array.
    """
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"check_parity: input {name!r} must be a number, a nested list of numbers or a numpy array, "
            f"got {type(value).__name__}"
        ) from exc
    return arr


def upstream_gradient(shape: tuple[int, ...], mode: str, rng: np.random.Generator) -> np.ndarray:
    """The upstream gradient for an output: ones, or seeded values with |u| in [0.5, 1.5] and random signs."""
    if mode == "ones":
        return np.ones(shape)
    signs = rng.choice(np.array([-1.0, 1.0]), size=shape)
    return np.asarray(signs * rng.uniform(0.5, 1.5, size=shape), dtype=np.float64)


def values_of(t: Any) -> np.ndarray:
    """A tensor's values as a float64 array (cloned first: torch may hand out lazy zero tensors as grads)."""
    return np.asarray(t.detach().clone().tolist(), dtype=np.float64)


def _flatten(result: Any) -> list[Any]:
    if isinstance(result, (tuple, list)):
        return list(result)
    return [result]


def _is_tensor(ns: ModuleType, x: Any) -> bool:
    return isinstance(x, ns.Tensor)


def _record(ns: ModuleType, out: Any) -> Output:
    if _is_tensor(ns, out):
        values = values_of(out)
        dtype = str(out.dtype).replace("torch.", "")
        grad_fn = None if out.grad_fn is None else type(out.grad_fn).__name__
        return Output("tensor", tuple(out.shape), dtype, values, bool(out.requires_grad), grad_fn)
    if isinstance(out, (int, float)):
        return Output("number", (), type(out).__name__, np.asarray(float(out)))
    raise TypeError(
        f"check_parity: fn must return tensors or numbers (or a tuple/list of them), got {type(out).__name__}"
    )


def _call(ns: ModuleType, fn: Callable[..., Any], tensors: list[Any], names: list[str], npos: int) -> Any:
    pos = tensors[:npos]
    kw = dict(zip(names[npos:], tensors[npos:]))
    return fn(ns, *pos, **kw) if _wants_namespace(fn) else fn(*pos, **kw)


def _backward(ns: ModuleType, outs: list[Any], mode: str, seed: int) -> None:
    """Backpropagate through every output that requires grad (see the module docstring, step 2)."""
    rng = np.random.default_rng(seed)
    live = [o for o in outs if _is_tensor(ns, o) and o.requires_grad]
    if len(live) == 1 and live[0].dim() == 0:
        live[0].backward()
        return
    for k, o in enumerate(live):
        u = upstream_gradient(tuple(o.shape), mode, rng)
        o.backward(ns.tensor(u, dtype=o.dtype), retain_graph=k < len(live) - 1)


def run_engine(
    ns: ModuleType,
    fn: Callable[..., Any],
    values: list[np.ndarray],
    names: list[str],
    npos: int,
    upstream: str,
    seed: int,
) -> Run:
    """Run ``fn`` forward and backward in the engine ``ns`` on fresh float64 leaves; record everything."""
    tensors = [ns.tensor(v.copy(), dtype=ns.float64, requires_grad=True) for v in values]
    run = Run()
    try:
        outs = _flatten(_call(ns, fn, tensors, names, npos))
        run.outputs = [_record(ns, o) for o in outs]
        _backward(ns, outs, upstream, seed)
    except Exception as exc:  # noqa: BLE001 - any failure of user code is reported, not raised
        run.error = f"{type(exc).__name__}: {exc}"
        return run
    run.grads = [None if t.grad is None else values_of(t.grad) for t in tensors]
    return run


def _loss_of(torch: ModuleType, fn: Callable[..., Any], values: list[np.ndarray], names: list[str], npos: int,
             ups: list[np.ndarray | None]) -> float:
    """``sum_k sum(out_k * upstream_k)`` with torch's forward, no graph."""
    with torch.no_grad():
        tensors = [torch.tensor(v.copy(), dtype=torch.float64) for v in values]
        outs = _flatten(_call(torch, fn, tensors, names, npos))
        total = 0.0
        for o, u in zip(outs, ups):
            if u is not None:
                total += float(np.sum(values_of(o) * u))
        return total


def numeric_grads(
    fn: Callable[..., Any], values: list[np.ndarray], names: list[str], npos: int, upstream: str, seed: int,
    torch_outputs: list[Output],
) -> list[np.ndarray]:
    """Central differences of ``L = sum(out * upstream)`` for every input element (torch's forward)."""
    torch = load_torch()
    rng = np.random.default_rng(seed)
    ups: list[np.ndarray | None] = [None] * len(torch_outputs)
    tensor_outs = [k for k, o in enumerate(torch_outputs) if o.requires_grad]
    if len(tensor_outs) == 1 and torch_outputs[tensor_outs[0]].shape == ():
        ups[tensor_outs[0]] = np.ones(())
    else:
        for k in tensor_outs:
            ups[k] = upstream_gradient(torch_outputs[k].shape, upstream, rng)
    result = []
    for j, v in enumerate(values):
        grad = np.zeros(v.shape)
        for idx in np.ndindex(*v.shape):
            shifted = [w.copy() for w in values]
            shifted[j][idx] = v[idx] + NUMERIC_EPS
            up = _loss_of(torch, fn, shifted, names, npos, ups)
            shifted[j][idx] = v[idx] - NUMERIC_EPS
            down = _loss_of(torch, fn, shifted, names, npos, ups)
            grad[idx] = (up - down) / (2 * NUMERIC_EPS)
        result.append(grad)
    return result


def _same(a: Run, b: Run) -> bool:
    """Bitwise equality of two runs of one engine (nan equal to nan)."""
    if a.error != b.error or len(a.outputs) != len(b.outputs) or len(a.grads) != len(b.grads):
        return False
    for x, y in zip(a.outputs, b.outputs):
        if x.shape != y.shape or not np.array_equal(x.values, y.values, equal_nan=True):
            return False
    for g, h in zip(a.grads, b.grads):
        if (g is None) != (h is None):
            return False
        if g is not None and h is not None and (g.shape != h.shape or not np.array_equal(g, h, equal_nan=True)):
            return False
    return True


def _compare_outputs(ours: Run, theirs: Run, report: ParityReport, check_grad_fn: bool) -> None:
    if len(ours.outputs) != len(theirs.outputs):
        report.problems.append(f"fn returned {len(ours.outputs)} outputs in ours, {len(theirs.outputs)} in torch")
        return
    single = len(ours.outputs) == 1
    for k, (a, b) in enumerate(zip(ours.outputs, theirs.outputs)):
        name = "out" if single else f"out{k}"
        if a.kind != b.kind:
            report.problems.append(f"{name}: ours is a {a.kind}, torch's is a {b.kind}")
            continue
        if a.shape != b.shape:
            report.problems.append(f"{name}: shape {list(a.shape)} in ours, {list(b.shape)} in torch")
            continue
        if a.dtype != b.dtype:
            report.problems.append(f"{name}: dtype {a.dtype} in ours, {b.dtype} in torch")
        if check_grad_fn and a.grad_fn != b.grad_fn:
            report.problems.append(f"{name}: grad_fn {a.grad_fn} in ours, {b.grad_fn} in torch")
        for idx in np.ndindex(*a.shape):
            report.entries.append(
                make_entry("output", name, idx, float(a.values[idx]), float(b.values[idx]), report.rtol, report.atol)
            )


def _compare_grads(
    ours: Run, theirs: Run, names: list[str], numeric: list[np.ndarray] | None, report: ParityReport
) -> None:
    for j, (name, g, h) in enumerate(zip(names, ours.grads, theirs.grads)):
        if g is None or h is None:
            if g is not None or h is not None:
                report.entries.append(
                    make_entry("grad", name, (), None if g is None else float(g.ravel()[0]),
                               None if h is None else float(h.ravel()[0]), report.rtol, report.atol)
                )
            continue
        if g.shape != h.shape:
            report.problems.append(f"grad {name}: shape {list(g.shape)} in ours, {list(h.shape)} in torch")
            continue
        for idx in np.ndindex(*g.shape):
            num = None if numeric is None else float(numeric[j][idx])
            report.entries.append(
                make_entry("grad", name, idx, float(g[idx]), float(h[idx]), report.rtol, report.atol, num)
            )


def _diagnose(report: ParityReport) -> None:
    bad_out = any(not e.ok for e in report.entries if e.kind == "output")
    bad_grad = sorted({e.name for e in report.entries if e.kind == "grad" and not e.ok})
    if bad_out:
        report.diagnosis.append("the forward outputs differ: fix the forward first (gradients follow from it)")
    elif bad_grad:
        names = ", ".join(bad_grad)
        report.diagnosis.append(f"the forward agrees but the gradients of {names} differ: a backward rule is wrong")


def compare_engines(
    fn: Callable[..., Any],
    ours_ns: ModuleType,
    torch_ns: ModuleType,
    args: Sequence[Any],
    named: dict[str, Any],
    *,
    rtol: float = DEFAULT_RTOL,
    atol: float = DEFAULT_ATOL,
    upstream: str = "random",
    seed: int = 0,
    numeric: bool = False,
    check_grad_fn: bool = True,
) -> ParityReport:
    """:func:`check_parity` between any two torch-like namespaces (``ours_ns`` is the one under test)."""
    if upstream not in UPSTREAM_MODES:
        raise ValueError(f"check_parity: upstream must be one of {UPSTREAM_MODES}, got {upstream!r}")
    names = input_names(fn, len(args), list(named))
    values = [as_float64(v, n) for v, n in zip([*args, *named.values()], names)]
    npos = len(args)
    report = ParityReport(rtol=rtol, atol=atol, title=f"check_parity({getattr(fn, '__name__', 'fn')})")
    runs = {}
    for label, ns in (("ours", ours_ns), ("torch", torch_ns)):
        first = run_engine(ns, fn, values, names, npos, upstream, seed)
        second = run_engine(ns, fn, values, names, npos, upstream, seed)
        if not _same(first, second):
            report.problems.append(f"{label}: a second run of the same inputs gave different results (nondeterminism)")
        runs[label] = first
    ours, theirs = runs["ours"], runs["torch"]
    if ours.error is not None or theirs.error is not None:
        report.problems.append(f"fn raised: torch: {theirs.error or 'nothing'}; ours: {ours.error or 'nothing'}")
        return report
    _compare_outputs(ours, theirs, report, check_grad_fn)
    nums = numeric_grads(fn, values, names, npos, upstream, seed, theirs.outputs) if numeric else None
    _compare_grads(ours, theirs, names, nums, report)
    _diagnose(report)
    return report


def _our_namespace() -> ModuleType:
    return importlib.import_module("minitorch_scalar")


def check_parity(
    fn: Callable[..., Any],
    *args: Any,
    rtol: float = DEFAULT_RTOL,
    atol: float = DEFAULT_ATOL,
    upstream: str = "random",
    seed: int = 0,
    numeric: bool = False,
    check_grad_fn: bool = True,
    **named: Any,
) -> ParityReport:
    """Run ``fn`` in minitorch_scalar and in real torch on the same float64 inputs; compare everything.

    Args:
        fn: the function under test, written against torch's API (see the module docstring).
        *args: positional inputs (numbers, nested lists, numpy arrays).
        rtol: relative tolerance (default 1e-10).
        atol: absolute tolerance (default 1e-12).
        upstream: ``'random'`` (seeded, not all ones) or ``'ones'``: the gradient fed to non-scalar outputs.
        seed: seeds the upstream gradient.
        numeric: also compute central differences of every input's gradient.
        check_grad_fn: compare the outputs' ``grad_fn`` class names (turn off for gradients computed with
            ``create_graph=True``, whose graph shape is an implementation detail).
        **named: keyword inputs.

    Returns:
        A :class:`~minitorch_scalar.parity.ParityReport`.

    Raises:
        ImportError: when torch is not installed.
        TypeError: when an input is not numeric.
        ValueError: for an unknown ``upstream``.
    """
    return compare_engines(
        fn, _our_namespace(), load_torch(), args, named,
        rtol=rtol, atol=atol, upstream=upstream, seed=seed, numeric=numeric, check_grad_fn=check_grad_fn,
    )


def assert_parity(
    fn: Callable[..., Any],
    *args: Any,
    rtol: float = DEFAULT_RTOL,
    atol: float = DEFAULT_ATOL,
    upstream: str = "random",
    seed: int = 0,
    numeric: bool = False,
    check_grad_fn: bool = True,
    **named: Any,
) -> ParityReport:
    """:func:`check_parity`, raising :class:`~minitorch_scalar.parity.ParityError` with the report on failure."""
    report = check_parity(
        fn, *args, rtol=rtol, atol=atol, upstream=upstream, seed=seed, numeric=numeric, check_grad_fn=check_grad_fn,
        **named,
    )
    if not report.ok:
        raise ParityError(report)
    return report
