"""``gradcheck`` and ``gradgradcheck``: torch.autograd's checks of gradients against central differences.

For every output ``i`` and every input ``j`` that requires grad, the analytical Jacobian (rows from
``autograd.grad`` with one-hot ``grad_outputs``) is compared with the numerical one (each perturbed
input is a fresh tensor that requires grad, as torch's in-place perturbation leaves it),

    J_num[p, q] = (f_q(x + eps e_p) - f_q(x - eps e_p)) / (2 eps),

both laid out as torch prints them, ``(input numel, output numel)``. They agree when
``|analytical - numerical| <= atol + rtol * |numerical|`` elementwise (``torch.allclose``: a nan
never agrees). Before that, two backward passes must give Jacobians within ``nondet_tol``.

On a mismatch the :class:`GradcheckError` (a RuntimeError) starts with torch's exact text,
``Jacobian mismatch for output i with respect to input j,`` plus both Jacobians, and then adds one
line per bad element: the input's name (the function's parameter name) and element, the output
element, both values, their difference and the tolerance it exceeded.

``gradgradcheck`` runs ``gradcheck`` on the function ``(inputs, grad_outputs) -> autograd.grad(func(inputs),
inputs, grad_outputs, create_graph=True)``; when ``grad_outputs`` is not given it draws them from a
fixed seed (values in [-1, 1)), so runs are reproducible.

Only ``eps``, ``atol``, ``rtol``, ``raise_exception`` and ``nondet_tol`` change the check; the other
keyword arguments of torch's signature are accepted for compatibility (the batched, forward-mode and
fast-mode variants do not apply to this engine).
"""

from __future__ import annotations

import importlib
import inspect
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np

_FLOAT32_WARNING = (
    "Input #{j} requires gradient and is not a double precision floating point or complex. This check will "
    "likely fail if all the inputs are not of double precision floating point or complex. "
)
_NO_INPUT = (
    "gradcheck expects at least one input tensor to require gradient, but none of them have requires_grad=True."
)
_GRADGRAD_SEED = 0


class GradcheckError(RuntimeError):
    """Raised by :func:`gradcheck` when a Jacobian mismatches (torch's ``torch.autograd.gradcheck.GradcheckError``)."""


@dataclass(frozen=True)
class _Setup:
    """The validated call: the engine namespace, the inputs tuple, and which inputs are differentiated."""

    ns: ModuleType
    inputs: tuple[Any, ...]
    diff: list[int]
    names: list[str]


def _namespace() -> ModuleType:
    return importlib.import_module("minitorch_scalar")


def _as_inputs(ns: ModuleType, inputs: Any) -> tuple[Any, ...]:
    if isinstance(inputs, ns.Tensor):
        return (inputs,)
    return tuple(inputs)


def _param_names(func: Callable[..., Any], count: int) -> list[str]:
    try:
        params = [
            p.name
            for p in inspect.signature(func).parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
    except (TypeError, ValueError):
        params = []
    return [f"input {j} ({params[j]})" if j < len(params) else f"input {j}" for j in range(count)]


def _setup(ns: ModuleType, func: Callable[..., Any], inputs: Any) -> _Setup:
    tup = _as_inputs(ns, inputs)
    diff = [j for j, t in enumerate(tup) if isinstance(t, ns.Tensor) and t.requires_grad]
    if not diff:
        raise ValueError(_NO_INPUT)
    for j in diff:
        if tup[j].dtype != ns.float64:
            warnings.warn(_FLOAT32_WARNING.format(j=j), UserWarning, stacklevel=3)
    return _Setup(ns, tup, diff, _param_names(func, len(tup)))


def _outputs(ns: ModuleType, result: Any) -> tuple[Any, ...]:
    return (result,) if isinstance(result, ns.Tensor) else tuple(result)


def _flat(ns: ModuleType, t: Any) -> np.ndarray:
    return np.asarray(t.detach().clone().tolist(), dtype=np.float64).reshape(-1)


def _numerical(s: _Setup, func: Callable[..., Any], eps: float) -> dict[tuple[int, int], np.ndarray]:
    """Central-difference Jacobians ``(input numel, output numel)`` per (output i, input j)."""
    ns = s.ns
    base = [np.asarray(t.detach().tolist(), dtype=np.float64) if j in s.diff else None for j, t in enumerate(s.inputs)]

    def evaluate(j: int, flat_index: int, delta: float) -> list[np.ndarray]:
        args = list(s.inputs)
        arr = base[j].copy()  # type: ignore[union-attr]
        arr.reshape(-1)[flat_index] += delta
        args[j] = ns.tensor(arr, dtype=s.inputs[j].dtype, requires_grad=True)
        return [_flat(ns, o) for o in _outputs(ns, func(*args))]

    jac: dict[tuple[int, int], np.ndarray] = {}
    for j in s.diff:
        n_in = s.inputs[j].numel()
        for p in range(n_in):
            plus, minus = evaluate(j, p, eps), evaluate(j, p, -eps)
            for i, (a, b) in enumerate(zip(plus, minus)):
                block = jac.setdefault((i, j), np.zeros((n_in, a.size)))
                with np.errstate(invalid="ignore", over="ignore"):
                    block[p] = (a - b) / (2 * eps)
    return jac


def _analytical(s: _Setup, outputs: tuple[Any, ...]) -> dict[tuple[int, int], np.ndarray]:
    """Jacobians from autograd.grad with one-hot grad_outputs, per (output i, input j)."""
    ns = s.ns
    wrt = [s.inputs[j] for j in s.diff]
    jac: dict[tuple[int, int], np.ndarray] = {}
    for i, out in enumerate(outputs):
        n_out = out.numel()
        for j in s.diff:
            jac[(i, j)] = np.zeros((s.inputs[j].numel(), n_out))
        if not out.requires_grad:
            continue
        for q in range(n_out):
            onehot = np.zeros(n_out)
            onehot[q] = 1.0
            seed = ns.tensor(onehot.reshape(tuple(out.shape)), dtype=out.dtype)
            grads = ns.autograd.grad(out, wrt, grad_outputs=seed, retain_graph=True, allow_unused=True)
            for j, g in zip(s.diff, grads):
                if g is not None:
                    jac[(i, j)][:, q] = _flat(ns, g)
    return jac


def _mismatch_message(
    s: _Setup, i: int, j: int, num: np.ndarray, ana: np.ndarray, atol: float, rtol: float
) -> str:
    ns = s.ns
    dtype = s.inputs[j].dtype
    text = (
        f"Jacobian mismatch for output {i:d} with respect to input {j:d},\n"
        f"numerical:{ns.tensor(num, dtype=dtype)}\n"
        f"analytical:{ns.tensor(ana, dtype=dtype)}\n"
    )
    in_shape = tuple(s.inputs[j].shape)
    lines = []
    for p, q in zip(*np.nonzero(~_allclose_mask(ana, num, atol, rtol))):
        element = "[" + ", ".join(str(int(k)) for k in np.unravel_index(p, in_shape)) + "]" if in_shape else ""
        n, a = float(num[p, q]), float(ana[p, q])
        lines.append(
            f"  {s.names[j]}{element} -> output {i} element {q}: numerical={n!r} analytical={a!r} "
            f"diff={abs(a - n):.3g} > tolerance {atol + rtol * abs(n):.3g} (atol + rtol * |numerical|)"
        )
    return text + "\n".join(lines)


def _allclose_mask(ana: np.ndarray, num: np.ndarray, atol: float, rtol: float) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.isclose(ana, num, rtol=rtol, atol=atol)


def _check(
    ns: ModuleType,
    func: Callable[..., Any],
    inputs: Any,
    eps: float,
    atol: float,
    rtol: float,
    raise_exception: bool,
    nondet_tol: float,
) -> bool:
    s = _setup(ns, func, inputs)
    outputs = _outputs(ns, func(*s.inputs))
    analytical = _analytical(s, outputs)
    again = _analytical(s, _outputs(ns, func(*s.inputs)))
    for key, block in analytical.items():
        with np.errstate(invalid="ignore"):
            differs = np.any(np.abs(block - again[key]) > nondet_tol)  # nan differences pass, as in torch
        if differs:
            return _fail(
                "Backward is not reentrant, i.e., running backward with same input and grad_output multiple "
                "times gives different values, although analytical gradient matches numerical gradient."
                f"The tolerance for nondeterminism was {nondet_tol}.",
                raise_exception,
            )
    numerical = _numerical(s, func, eps)
    for (i, j), num in numerical.items():
        ana = analytical[(i, j)]
        if not _allclose_mask(ana, num, atol, rtol).all():
            return _fail(_mismatch_message(s, i, j, num, ana, atol, rtol), raise_exception)
    return True


def _fail(message: str, raise_exception: bool) -> bool:
    if raise_exception:
        raise GradcheckError(message)
    return False


def gradcheck(
    func: Callable[..., Any],
    inputs: Any,
    *,
    eps: float = 1e-06,
    atol: float = 1e-05,
    rtol: float = 0.001,
    raise_exception: bool = True,
    nondet_tol: float = 0.0,
    check_undefined_grad: bool = True,
    check_grad_dtypes: bool = False,
    check_batched_grad: bool = False,
    check_batched_forward_grad: bool = False,
    check_forward_ad: bool = False,
    check_backward_ad: bool = True,
    fast_mode: bool = False,
    masked: bool | None = None,
) -> bool:
    """Check ``func``'s gradients against central differences (torch.autograd.gradcheck).

    Args:
        func: a function of the inputs returning a Tensor or a tuple of Tensors.
        inputs: a Tensor or a tuple/list of them (non-tensors are passed through).
        eps: the finite-difference step.
        atol: absolute tolerance.
        rtol: relative tolerance.
        raise_exception: raise :class:`GradcheckError` on failure (else return False).
        nondet_tol: how much two backward passes may differ.
        check_undefined_grad: accepted for torch compatibility.
        check_grad_dtypes: accepted for torch compatibility.
        check_batched_grad: accepted for torch compatibility.
        check_batched_forward_grad: accepted for torch compatibility.
        check_forward_ad: accepted for torch compatibility.
        check_backward_ad: accepted for torch compatibility.
        fast_mode: accepted for torch compatibility.
        masked: accepted for torch compatibility.

    Returns:
        True when every Jacobian matches.

    Raises:
        GradcheckError: on a mismatch, when ``raise_exception`` is True.
        ValueError: when no input requires grad.
    """
    return _check(_namespace(), func, inputs, eps, atol, rtol, raise_exception, nondet_tol)


def _random_grad_outputs(ns: ModuleType, outputs: tuple[Any, ...]) -> list[Any]:
    rng = np.random.default_rng(_GRADGRAD_SEED)
    return [
        ns.tensor(rng.uniform(-1.0, 1.0, size=tuple(o.shape)), dtype=o.dtype, requires_grad=True)
        for o in outputs
    ]


def _gradgrad(
    ns: ModuleType,
    func: Callable[..., Any],
    inputs: Any,
    grad_outputs: Any,
    eps: float,
    atol: float,
    rtol: float,
    raise_exception: bool,
    nondet_tol: float,
) -> bool:
    tup = _as_inputs(ns, inputs)
    diff = [j for j, t in enumerate(tup) if isinstance(t, ns.Tensor) and t.requires_grad]
    if not diff:
        raise ValueError(_NO_INPUT)
    outputs = _outputs(ns, func(*tup))
    if grad_outputs is None:
        gos = _random_grad_outputs(ns, outputs)
    else:
        gos = list(_as_inputs(ns, grad_outputs))
    n = len(tup)

    def first_grads(*args: Any) -> tuple[Any, ...]:
        xs, gs = args[:n], args[n:]
        outs = _outputs(ns, func(*xs))
        wrt = [xs[j] for j in diff]
        grads = ns.autograd.grad(outs, wrt, grad_outputs=list(gs), create_graph=True, allow_unused=True)
        return tuple(g if g is not None else ns.zeros_like(w) for g, w in zip(grads, wrt))

    return _check(ns, first_grads, (*tup, *gos), eps, atol, rtol, raise_exception, nondet_tol)


def gradgradcheck(
    func: Callable[..., Any],
    inputs: Any,
    grad_outputs: Any = None,
    *,
    eps: float = 1e-06,
    atol: float = 1e-05,
    rtol: float = 0.001,
    gen_non_contig_grad_outputs: bool = False,
    raise_exception: bool = True,
    nondet_tol: float = 0.0,
    check_undefined_grad: bool = True,
    check_grad_dtypes: bool = False,
    check_batched_grad: bool = False,
    check_fwd_over_rev: bool = False,
    check_rev_over_rev: bool = True,
    fast_mode: bool = False,
    masked: bool = False,
) -> bool:
    """Check second derivatives: :func:`gradcheck` of ``func``'s first gradients (torch.autograd.gradgradcheck).

    Args:
        func: a function of the inputs returning a Tensor or a tuple of Tensors.
        inputs: a Tensor or a tuple/list of them.
        grad_outputs: the upstream gradients of ``func``'s outputs (default: seeded values in [-1, 1)).
        eps: the finite-difference step.
        atol: absolute tolerance.
        rtol: relative tolerance.
        gen_non_contig_grad_outputs: accepted for torch compatibility.
        raise_exception: raise :class:`GradcheckError` on failure (else return False).
        nondet_tol: how much two backward passes may differ.
        check_undefined_grad: accepted for torch compatibility.
        check_grad_dtypes: accepted for torch compatibility.
        check_batched_grad: accepted for torch compatibility.
        check_fwd_over_rev: accepted for torch compatibility.
        check_rev_over_rev: accepted for torch compatibility.
        fast_mode: accepted for torch compatibility.
        masked: accepted for torch compatibility.

    Returns:
        True when every Jacobian of the first gradients matches.

    Raises:
        GradcheckError: on a mismatch, when ``raise_exception`` is True.
        ValueError: when no input requires grad.
    """
    return _gradgrad(_namespace(), func, inputs, grad_outputs, eps, atol, rtol, raise_exception, nondet_tol)

