"""``torch.testing``: ``assert_close`` (and the deprecated ``assert_allclose``) with torch's messages.

Two values are close when ``|actual - expected| <= atol + rtol * |expected|`` elementwise (equal infinities
are close; NaNs only with ``equal_nan``). Default tolerances come from the dtype:

=========  ==========  ==========
dtype      rtol        atol
=========  ==========  ==========
float16    1e-3        1e-5
bfloat16   1.6e-2      1e-5
float32    1.3e-6      1e-5
float64    1e-7        1e-7
other      0           0
=========  ==========  ==========

A mismatch raises ``AssertionError`` with torch's report: the number of mismatched elements and the
greatest absolute and relative differences among them, with their index. Sequences and mappings are
compared item by item, and the report names the failing item.
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from minitorch_scalar import dtypes
from minitorch_scalar.tensor import Tensor

_PRECISIONS: dict[str, tuple[float, float]] = {
    "float16": (0.001, 1e-5),
    "bfloat16": (0.016, 1e-5),
    "float32": (1.3e-6, 1e-5),
    "float64": (1e-7, 1e-7),
}
_OLD_PRECISIONS: dict[str, tuple[float, float]] = {
    "float16": (1e-3, 1e-3),
    "float32": (1e-4, 1e-5),
    "float64": (1e-5, 1e-8),
}


class _Mismatch(Exception):
    """A comparison failed: ``kind`` is the exception type to raise with ``message``."""

    def __init__(self, kind: type[Exception], message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def _type_name(x: Any) -> str:
    return "<class 'torch.Tensor'>" if isinstance(x, Tensor) else str(type(x))


def _pairs(actual: Any, expected: Any) -> list[tuple[str, Any, Any]]:
    """The leaves of two nested sequence/mapping structures, paired, with their item path (``[1]['a']``)."""
    out: list[tuple[str, Any, Any]] = []
    stack: list[tuple[str, Any, Any]] = [("", actual, expected)]
    while stack:
        path, a, e = stack.pop()
        if _is_sequence(a) and _is_sequence(e):
            if len(a) != len(e):
                raise _Mismatch(AssertionError, f"The length of the sequences mismatch: {len(a)} != {len(e)}")
            stack.extend((f"{path}[{i}]", x, y) for i, x, y in reversed(list(zip(range(len(a)), a, e))))
        elif isinstance(a, Mapping) and isinstance(e, Mapping):
            if set(a) != set(e):
                raise _Mismatch(AssertionError, _keys_message(a, e))
            stack.extend((f"{path}[{k!r}]", a[k], e[k]) for k in reversed(list(e)))
        else:
            out.append((path, a, e))
    return out


def _is_sequence(x: Any) -> bool:
    return isinstance(x, Sequence) and not isinstance(x, str)


def _keys_message(a: Mapping[Any, Any], e: Mapping[Any, Any]) -> str:
    missing = sorted(set(e) - set(a), key=repr)
    extra = sorted(set(a) - set(e), key=repr)
    lines = ["The keys of the mappings do not match:"]
    if missing:
        lines.append(f"Missing keys in the actual mapping: {missing}")
    if extra:
        lines.append(f"Extra keys in the actual mapping: {extra}")
    return "\n".join(lines)


def _default_tolerances(*dts: Any, table: dict[str, tuple[float, float]] = _PRECISIONS) -> tuple[float, float]:
    pairs = [table.get(dt.name, (0.0, 0.0)) for dt in dts]
    return max(p[0] for p in pairs), max(p[1] for p in pairs)


def _report(identifier: str, extra: str, abs_diff: Any, abs_idx: Any, rel_diff: Any, rel_idx: Any,
            rtol: float, atol: float) -> str:
    """torch's mismatch report (header, extra line, absolute and relative difference lines)."""
    equality = rtol == 0 and atol == 0

    def line(kind: str, diff: Any, idx: Any, tol: float) -> str:
        if idx is None:
            text = f"{kind.title()} difference: {diff}"
        else:
            text = f"Greatest {kind} difference: {diff} at index {idx}"
        return text + ("" if equality else f" (up to {tol} allowed)")

    head = f"{identifier} are not {'equal' if equality else 'close'}!\n\n{extra}"
    return "\n".join([head, line("absolute", abs_diff, abs_idx, atol), line("relative", rel_diff, rel_idx, rtol)])


def _scalar_message(actual: Any, expected: Any, rtol: float, atol: float) -> str:
    abs_diff = abs(actual - expected)
    rel_diff = float("inf") if expected == 0 else abs_diff / abs(expected)
    return _report("Scalars", f"Expected {expected} but got {actual}.", abs_diff, None, rel_diff, None, rtol, atol)


def _close_mask(a: np.ndarray, e: np.ndarray, rtol: float, atol: float, equal_nan: bool) -> np.ndarray:
    """torch.isclose: equal, or finite and within ``atol + rtol * |e|`` (NaN == NaN with ``equal_nan``)."""
    with np.errstate(all="ignore"):
        close = a == e
        if a.dtype.kind in "fc":
            close |= np.isfinite(a) & np.isfinite(e) & (np.abs(a - e) <= atol + rtol * np.abs(e))
            if equal_nan:
                close |= np.isnan(a) & np.isnan(e)
    return np.asarray(close)


def _tensor_message(a: np.ndarray, e: np.ndarray, matches: np.ndarray, rtol: float, atol: float) -> str:
    """The element-wise report: mismatch count and the greatest differences among mismatched elements."""
    total = matches.size
    bad = total - int(matches.sum())
    extra = f"Mismatched elements: {bad} / {total} ({bad / total:.1%})"
    if a.dtype.kind not in "fc":
        a, e = a.astype(np.int64), e.astype(np.int64)
    with np.errstate(all="ignore"):
        abs_diff = np.abs(a - e).reshape(-1)
        abs_diff[matches.reshape(-1)] = 0
        rel_diff = abs_diff / np.abs(e.reshape(-1))
        if a.dtype.kind not in "fc":
            rel_diff = rel_diff.astype(np.float32)  # torch divides integers in the default float dtype
        rel_diff[matches.reshape(-1)] = 0
    i_abs = int(np.argmax(abs_diff))
    i_rel = int(np.argmax(rel_diff))
    shape = matches.shape
    return _report(
        "Tensor-likes", extra, abs_diff[i_abs].item(), tuple(int(i) for i in np.unravel_index(i_abs, shape)),
        rel_diff[i_rel].item(), tuple(int(i) for i in np.unravel_index(i_rel, shape)), rtol, atol,
    )


def _compare_tensors(a: Tensor, e: Tensor, rtol: float | None, atol: float | None, equal_nan: bool,
                     check_dtype: bool) -> None:
    if a.shape != e.shape:
        raise _Mismatch(AssertionError, f"The values for attribute 'shape' do not match: {a.shape} != {e.shape}.")
    if a.dtype is not e.dtype:
        if check_dtype:
            raise _Mismatch(AssertionError, f"The values for attribute 'dtype' do not match: {a.dtype} != {e.dtype}.")
        common = dtypes.promote_types(a.dtype, e.dtype)
        a, e = a.to(common), e.to(common)
    if rtol is None or atol is None:
        rtol, atol = _default_tolerances(a.dtype, e.dtype)
    av, ev = a._data, e._data
    matches = _close_mask(av, ev, rtol, atol, equal_nan)
    if matches.all():
        return
    if av.ndim == 0:
        raise _Mismatch(AssertionError, _scalar_message(av.item(), ev.item(), rtol, atol))
    raise _Mismatch(AssertionError, _tensor_message(av, ev, matches, rtol, atol))


def _compare_numbers(a: Any, e: Any, rtol: float | None, atol: float | None, equal_nan: bool) -> None:
    if rtol is None or atol is None:
        rtol, atol = (1e-7, 1e-7) if isinstance(a, float) or isinstance(e, float) else (0.0, 0.0)
    if a == e or (equal_nan and a != a and e != e):
        return
    if abs(a - e) <= atol + rtol * abs(e):
        return
    raise _Mismatch(AssertionError, _scalar_message(a, e, rtol, atol))


def _is_number(x: Any) -> bool:
    return isinstance(x, numbers.Number) and not isinstance(x, Tensor)


def assert_close(
    actual: Any,
    expected: Any,
    *,
    allow_subclasses: bool = True,
    rtol: float | None = None,
    atol: float | None = None,
    equal_nan: bool = False,
    check_device: bool = True,
    check_dtype: bool = True,
    check_layout: bool = True,
    check_stride: bool = False,
    msg: str | Callable[[str], str] | None = None,
) -> None:
    """Raise ``AssertionError`` unless ``actual`` and ``expected`` are close (see the module docstring).

    Raises:
        ValueError: when only one of ``rtol``/``atol`` is given.
        TypeError: for inputs that cannot be compared (a Tensor with a list, ...).
        AssertionError: on a shape, dtype or value mismatch, with torch's report (or ``msg``).
    """
    if (rtol is None) != (atol is None):
        missing = "rtol" if rtol is None else "atol"
        raise ValueError(f"Both 'rtol' and 'atol' must be either specified or omitted, but got no {missing}.")
    try:
        for path, a, e in _pairs(actual, expected):
            try:
                if isinstance(a, Tensor) and isinstance(e, Tensor):
                    _compare_tensors(a, e, rtol, atol, equal_nan, check_dtype)
                elif _is_number(a) and _is_number(e):
                    _compare_numbers(a, e, rtol, atol, equal_nan)
                else:
                    raise TypeError(
                        f"No comparison pair was able to handle inputs of type {_type_name(a)} and {_type_name(e)}."
                    )
            except _Mismatch as err:
                if path:
                    err.message += f"\n\nThe failure occurred for item {path}"
                raise
    except _Mismatch as err:
        text = err.message if msg is None else (msg(err.message) if callable(msg) else msg)
        raise err.kind(text) from None


def assert_allclose(actual: Any, expected: Any, rtol: float | None = None, atol: float | None = None,
                    equal_nan: bool = True, msg: str = "") -> None:
    """Deprecated (FutureWarning): ``assert_close`` with looser float defaults, no dtype check, NaN == NaN."""
    warnings.warn(
        "`torch.testing.assert_allclose()` is deprecated since 1.12 and will be removed in a future release. "
        "Please use `torch.testing.assert_close()` instead. You can find detailed upgrade instructions in "
        "https://github.com/pytorch/pytorch/issues/61844.",
        FutureWarning,
        stacklevel=2,
    )
    from minitorch_scalar.tensor import tensor

    if not isinstance(actual, Tensor):
        actual = tensor(actual)
    if not isinstance(expected, Tensor):
        expected = tensor(expected, dtype=actual.dtype)
    if rtol is None and atol is None:
        rtol, atol = _default_tolerances(actual.dtype, expected.dtype, table=_OLD_PRECISIONS)
    assert_close(actual, expected, rtol=rtol, atol=atol, equal_nan=equal_nan, check_dtype=False, msg=msg or None)


__all__ = ["assert_allclose", "assert_close"]
