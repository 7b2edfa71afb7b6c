"""``optim.LBFGS``: limited-memory BFGS with an optional strong-Wolfe line search (closure API).

The arithmetic mirrors torch's: vectors are flat arrays in the parameters' dtype, inner products and
the quantities torch keeps as 0-d tensors (``ys``, ``ro``, ``H_diag``, ``gtd`` ...) are numpy scalars
of that dtype, and the losses are Python floats. Inner products are summed by numpy rather than by
torch's BLAS, so float32 runs may drift from torch's by a few ulps per iteration; float64 runs agree
to about 1e-12.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from minitorch_scalar.autograd import enable_grad, no_grad
from minitorch_scalar.optim import kernels
from minitorch_scalar.optim.checks import check_nonnegative
from minitorch_scalar.optim.optimizer import Optimizer
from minitorch_scalar.tensor import Tensor, from_array

Scalar = Any  # a Python float or a 0-d numpy floating value, as torch mixes floats and 0-d tensors


def _cubic_interpolate(
    x1: Scalar, f1: Scalar, g1: Scalar, x2: Scalar, f2: Scalar, g2: Scalar,
    bounds: tuple[Scalar, Scalar] | None = None,
) -> Scalar:
    """The minimiser of the cubic through ``(x1, f1)``, ``(x2, f2)`` with slopes ``g1``, ``g2``, clipped to ``bounds``.

    With ``d1 = g1 + g2 - 3 (f1 - f2) / (x1 - x2)`` and ``d2 = sqrt(d1**2 - g1 g2)``, the minimiser is
    ``x2 - (x2 - x1) (g2 + d2 - d1) / (g2 - g1 + 2 d2)`` (for ``x1 <= x2``); with no real ``d2`` the
    middle of the bounds is returned.
    """
    low, high = bounds if bounds is not None else ((x1, x2) if x1 <= x2 else (x2, x1))
    d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
    d2_square = d1**2 - g1 * g2
    if not d2_square >= 0:  # negative or nan: no real minimiser
        return (low + high) / 2.0
    d2 = np.sqrt(d2_square)
    if x1 <= x2:
        min_pos = x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
    else:
        min_pos = x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
    return min(max(min_pos, low), high)


@dataclass
class _Point:
    """One trial step ``t`` of the line search: the loss, the flat gradient and the slope along ``d``."""

    t: Scalar
    f: Scalar
    g: np.ndarray
    gtd: Scalar


def _strong_wolfe(
    evaluate: Callable[[Scalar], tuple[float, np.ndarray]], t: Scalar, d: np.ndarray, start: _Point,
    c1: float = 1e-4, c2: float = 0.9, tolerance_change: float = 1e-9, max_ls: int = 25,
) -> tuple[_Point, int]:
    """A step satisfying the strong Wolfe conditions (torch's port of minFunc's ``WolfeLineSearch``).

    Sufficient decrease ``f(t) <= f(0) + c1 t g(0).d`` and curvature ``|g(t).d| <= -c2 g(0).d``: first
    bracket such a step (growing ``t`` by cubic extrapolation), then shrink the bracket (cubic
    interpolation, kept 10% away from its ends) until the conditions hold.

    Returns:
        The accepted point and the number of function evaluations used.
    """
    f_new, g_new = evaluate(t)
    evals, ls_iter = 1, 0
    new = _Point(t, f_new, g_new, g_new.dot(d))
    prev = _Point(0, start.f, start.g, start.gtd)
    bracket: list[_Point] = []
    done = False
    while ls_iter < max_ls:
        if new.f > start.f + c1 * new.t * start.gtd or (ls_iter > 1 and new.f >= prev.f):
            bracket = [prev, new]
            break
        if abs(new.gtd) <= -c2 * start.gtd:
            bracket, done = [new], True
            break
        if new.gtd >= 0:
            bracket = [prev, new]
            break
        t = _cubic_interpolate(
            prev.t, prev.f, prev.gtd, new.t, new.f, new.gtd,
            bounds=(new.t + 0.01 * (new.t - prev.t), new.t * 10),
        )
        prev = new
        f_new, g_new = evaluate(t)
        new = _Point(t, f_new, g_new, g_new.dot(d))
        evals += 1
        ls_iter += 1
    if ls_iter == max_ls:
        bracket = [_Point(0, start.f, start.g, start.gtd), new]
    if done:
        return bracket[0], evals
    return _zoom(evaluate, bracket, d, start, (c1, c2, tolerance_change), (ls_iter, max_ls, evals))


def _zoom(
    evaluate: Callable[[Scalar], tuple[float, np.ndarray]], bracket: list[_Point], d: np.ndarray, start: _Point,
    constants: tuple[float, float, float], counts: tuple[int, int, int],
) -> tuple[_Point, int]:
    """Shrink ``bracket`` (two points around an acceptable step) until the strong Wolfe conditions hold.

    ``counts`` is (line-search iterations so far, their maximum, function evaluations so far).
    """
    c1, c2, tolerance_change = constants
    ls_iter, max_ls, evals = counts
    d_norm = np.abs(d).max()
    insufficient = False
    low, high = (0, 1) if bracket[0].f <= bracket[-1].f else (1, 0)
    while ls_iter < max_ls:
        ends = [point.t for point in bracket]
        if abs(ends[1] - ends[0]) * d_norm < tolerance_change:
            break
        t = _cubic_interpolate(
            bracket[0].t, bracket[0].f, bracket[0].gtd, bracket[1].t, bracket[1].f, bracket[1].gtd
        )
        t, insufficient = _keep_inside(t, max(ends), min(ends), insufficient)
        f_new, g_new = evaluate(t)
        new = _Point(t, f_new, g_new, g_new.dot(d))
        evals += 1
        ls_iter += 1
        if new.f > start.f + c1 * t * start.gtd or new.f >= bracket[low].f:
            bracket[high] = new
            low, high = (0, 1) if bracket[0].f <= bracket[1].f else (1, 0)
            continue
        if abs(new.gtd) <= -c2 * start.gtd:
            bracket[low] = new
            break
        if new.gtd * (bracket[high].t - bracket[low].t) >= 0:
            bracket[high] = bracket[low]
        bracket[low] = new
    return bracket[low], evals


def _keep_inside(t: Scalar, top: Scalar, bottom: Scalar, insufficient: bool) -> tuple[Scalar, bool]:
    """Move a trial step within 10% of the bracket's ends inward, as torch does when progress stalls.

    Returns:
        The (possibly moved) step and whether the last trial made insufficient progress.
    """
    eps = 0.1 * (top - bottom)
    if min(top - t, t - bottom) >= eps:
        return t, False
    if not (insufficient or t >= top or t <= bottom):
        return t, True
    return (top - eps if abs(t - top) < abs(t - bottom) else bottom + eps), False


def _as_float(loss: Any) -> float:
    """The closure's loss as a Python float (torch reads it under ``no_grad``, where it does not warn)."""
    return float(loss.detach() if isinstance(loss, Tensor) else loss)


def _to_state(value: Any) -> Any:
    """An array or 0-d numpy value as the Tensor torch keeps in its state (Python numbers stay)."""
    if isinstance(value, (np.ndarray, np.floating)):
        return from_array(np.array(value))
    return value


def _from_state(value: Any) -> Any:
    """The array (or 0-d numpy value) behind a state Tensor (Python numbers stay)."""
    if isinstance(value, Tensor):
        data = value._data
        return data.copy() if data.ndim else data.dtype.type(data)
    return value


class _Memory:
    """The L-BFGS history: the last direction ``d`` and step ``t``, the pairs ``(y, s)``, ``ro = 1 / y.s``,
    the scaling ``H_diag``, the previous flat gradient and the two-loop coefficients ``al``."""

    def __init__(self, state: dict[str, Any], history_size: int) -> None:
        self.history_size = history_size
        self.d: np.ndarray = _from_state(state.get("d"))
        self.t: Scalar = _from_state(state.get("t"))
        self.old_dirs: list[np.ndarray] = [_from_state(v) for v in state.get("old_dirs", [])]
        self.old_stps: list[np.ndarray] = [_from_state(v) for v in state.get("old_stps", [])]
        self.ro: list[Scalar] = [_from_state(v) for v in state.get("ro", [])]
        self.h_diag: Scalar = _from_state(state.get("H_diag"))
        self.prev_flat_grad: np.ndarray | None = _from_state(state.get("prev_flat_grad"))
        self.al: list[Scalar] | None = [_from_state(v) for v in state["al"]] if "al" in state else None

    def save(self, state: dict[str, Any], prev_loss: float | None) -> None:
        """Store the history in ``state`` under torch's keys, as tensors where torch has tensors."""
        state["d"] = _to_state(self.d)
        state["t"] = _to_state(self.t)
        state["old_dirs"] = [_to_state(v) for v in self.old_dirs]
        state["old_stps"] = [_to_state(v) for v in self.old_stps]
        state["ro"] = [_to_state(v) for v in self.ro]
        state["H_diag"] = _to_state(self.h_diag)
        state["prev_flat_grad"] = _to_state(self.prev_flat_grad)
        state["prev_loss"] = prev_loss
        if self.al is not None:
            state["al"] = [_to_state(v) for v in self.al]

    def new_direction(self, flat_grad: np.ndarray, first: bool) -> None:
        """Record the last step's ``(y, s)`` pair and set ``d = -H g`` by the two-loop recursion."""
        if first:
            self.d = -flat_grad
            self.old_dirs, self.old_stps, self.ro, self.h_diag = [], [], [], 1
        else:
            self._remember(flat_grad - self.prev_flat_grad, self.d * self.t)
            self.d = self._two_loop(flat_grad)
        self.prev_flat_grad = flat_grad.copy()

    def _remember(self, y: np.ndarray, s: np.ndarray) -> None:
        """Keep the pair when ``y.s > 1e-10`` (curvature positive), dropping the oldest past ``history_size``."""
        ys = y.dot(s)
        if ys > 1e-10:
            if len(self.old_dirs) == self.history_size:
                del self.old_dirs[0], self.old_stps[0], self.ro[0]
            self.old_dirs.append(y)
            self.old_stps.append(s)
            self.ro.append(ys.dtype.type(1.0) / ys)
            self.h_diag = ys / y.dot(y)

    def _two_loop(self, flat_grad: np.ndarray) -> np.ndarray:
        """``-H g``: ``q = -g``; newest to oldest ``al_i = ro_i s_i.q``, ``q -= al_i y_i``; ``r = H_diag q``;
        oldest to newest ``be_i = ro_i y_i.r``, ``r += (al_i - be_i) s_i``."""
        if self.al is None:
            self.al = [None] * self.history_size
        al = self.al
        q = -flat_grad
        for i in range(len(self.old_dirs) - 1, -1, -1):
            al[i] = self.old_stps[i].dot(q) * self.ro[i]
            kernels.add_(q, self.old_dirs[i], float(-al[i]))
        r = q * self.h_diag
        for i in range(len(self.old_dirs)):
            be_i = self.old_dirs[i].dot(r) * self.ro[i]
            kernels.add_(r, self.old_stps[i], float(al[i] - be_i))
        return r


class LBFGS(Optimizer):
    """L-BFGS, as ``torch.optim.LBFGS`` computes it; ``step(closure)`` runs up to ``max_iter`` iterations.

    The closure re-evaluates the model and returns the loss (after ``zero_grad()`` and ``backward()``).
    Each iteration builds a direction ``d = -H g`` from the last ``history_size`` pairs
    ``s = x_{k+1} - x_k``, ``y = g_{k+1} - g_k`` (two-loop recursion, initial scaling
    ``H_diag = y.s / y.y``; pairs with ``y.s <= 1e-10`` are skipped), then moves ``x = x + t d`` with
    ``t = lr`` (the first iteration ever: ``t = min(1, 1 / sum|g|) * lr``) or, with
    ``line_search_fn='strong_wolfe'``, a step found by a strong-Wolfe line search. It stops early when
    ``max|g| <= tolerance_grad``, when the step or the loss change is below ``tolerance_change``, or after
    ``max_eval`` closure calls (default ``max_iter * 5 // 4``).

    ``state`` (kept on the first parameter, as in torch) holds ``func_evals``, ``n_iter``, ``d``, ``t``,
    ``old_dirs``, ``old_stps``, ``ro``, ``H_diag``, ``prev_flat_grad``, ``prev_loss`` and ``al``.

    Raises:
        ValueError: for a negative lr, or more than one parameter group (torch's messages).
    """

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1,
        max_iter: int = 20,
        max_eval: int | None = None,
        tolerance_grad: float = 1e-7,
        tolerance_change: float = 1e-9,
        history_size: int = 100,
        line_search_fn: str | None = None,
    ) -> None:
        check_nonnegative(("learning rate", lr))
        defaults = {
            "lr": lr,
            "max_iter": max_iter,
            "max_eval": max_iter * 5 // 4 if max_eval is None else max_eval,
            "tolerance_grad": tolerance_grad,
            "tolerance_change": tolerance_change,
            "history_size": history_size,
            "line_search_fn": line_search_fn,
        }
        super().__init__(params, defaults)
        if len(self.param_groups) != 1:
            raise ValueError("LBFGS doesn't support per-parameter options (parameter groups)")
        self._params: list[Tensor] = self.param_groups[0]["params"]

    # ------------------------------------------------------------ flat views
    def _flat_grad(self) -> np.ndarray:
        """Every parameter's gradient (zeros where there is none), flattened and concatenated."""
        parts = [
            np.zeros(p._data.size, p._data.dtype) if p.grad is None else p.grad._data.reshape(-1)
            for p in self._params
        ]
        return np.concatenate(parts)

    def _add_grad(self, step_size: Scalar, update: np.ndarray) -> None:
        """``p += step_size * update[slice of p]`` for each parameter (``Tensor.add_(.., alpha=step_size)``)."""
        offset = 0
        for p in self._params:
            size = p._data.size
            kernels.add_(p._data, update[offset : offset + size].reshape(p._data.shape), float(step_size))
            self._bump(p)
            offset += size

    def _evaluate(self, closure: Callable[[], Any]) -> Any:
        """Call the closure with gradients enabled (as torch wraps it in ``enable_grad``)."""
        with enable_grad():
            return closure()

    def _directional_evaluate(self, closure: Callable[[], Any], t: Scalar, d: np.ndarray) -> tuple[float, np.ndarray]:
        """Loss and flat gradient at ``x + t d``; the parameters are restored to ``x`` afterwards."""
        saved = [p._data.copy() for p in self._params]
        self._add_grad(t, d)
        loss = _as_float(self._evaluate(closure))
        flat_grad = self._flat_grad()
        for p, data in zip(self._params, saved):
            p._data[...] = data
            self._bump(p)
        return loss, flat_grad

    # ------------------------------------------------------------------ step
    def step(self, closure: Callable[[], Any]) -> Any:  # type: ignore[override]
        """Run up to ``max_iter`` L-BFGS iterations; returns the closure's first loss.

        Raises:
            RuntimeError: for a ``line_search_fn`` other than None and ``'strong_wolfe'``.
        """
        with no_grad():
            return self._step(closure)

    def _step(self, closure: Callable[[], Any]) -> Any:
        """:meth:`step`'s body, run with gradients disabled outside the closure (as torch's ``@no_grad``)."""
        group = self.param_groups[0]
        state = self.state[self._params[0]]
        state.setdefault("func_evals", 0)
        state.setdefault("n_iter", 0)
        orig_loss = self._evaluate(closure)
        loss = _as_float(orig_loss)
        state["func_evals"] += 1
        flat_grad = self._flat_grad()
        if np.abs(flat_grad).max() <= group["tolerance_grad"]:
            return orig_loss
        memory = _Memory(state, group["history_size"])
        prev_loss = state.get("prev_loss")
        evals, n_iter = 1, 0
        while n_iter < group["max_iter"]:
            n_iter += 1
            state["n_iter"] += 1
            memory.new_direction(flat_grad, first=state["n_iter"] == 1)
            prev_loss = loss
            t = group["lr"]
            if state["n_iter"] == 1:
                t = min(1.0, flat_grad.dtype.type(1.0) / np.abs(flat_grad).sum()) * group["lr"]
            memory.t = t
            gtd = flat_grad.dot(memory.d)
            if gtd > -group["tolerance_change"]:
                break
            loss, flat_grad, used = self._move(closure, group, memory, _Point(t, loss, flat_grad, gtd), evals, n_iter)
            evals += used
            state["func_evals"] += used
            if self._should_stop(group, memory, flat_grad, (loss, prev_loss), (n_iter, evals)):
                break
        memory.save(state, prev_loss)
        return orig_loss

    def _move(
        self, closure: Callable[[], Any], group: dict[str, Any], memory: _Memory, start: _Point, evals: int,
        n_iter: int,
    ) -> tuple[float, np.ndarray, int]:
        """Step along ``memory.d`` (fixed ``t`` or line search); returns the new loss, gradient and evaluations."""
        if group["line_search_fn"] is not None:
            if group["line_search_fn"] != "strong_wolfe":
                raise RuntimeError("only 'strong_wolfe' is supported")
            point, used = _strong_wolfe(
                lambda t: self._directional_evaluate(closure, t, memory.d), start.t, memory.d, start,
                max_ls=group["max_eval"] - evals,
            )
            memory.t = point.t
            self._add_grad(point.t, memory.d)
            return point.f, point.g, used
        self._add_grad(start.t, memory.d)
        if n_iter == group["max_iter"]:
            return start.f, start.g, 0
        loss = _as_float(self._evaluate(closure))
        return loss, self._flat_grad(), 1

    @staticmethod
    def _should_stop(
        group: dict[str, Any], memory: _Memory, flat_grad: np.ndarray, losses: tuple[float, float],
        counts: tuple[int, int],
    ) -> bool:
        """torch's stopping tests after an iteration, in its order."""
        n_iter, evals = counts
        if n_iter == group["max_iter"] or evals >= group["max_eval"]:
            return True
        if np.abs(flat_grad).max() <= group["tolerance_grad"]:
            return True
        if np.abs(memory.d * memory.t).max() <= group["tolerance_change"]:
            return True
        return bool(abs(losses[0] - losses[1]) < group["tolerance_change"])
