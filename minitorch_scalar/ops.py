"""The op registry: the one place where each elementwise op's math lives.

Every entry names an op exactly as torch does (``add``, ``mul``, ``tanh`` ...), gives its forward
computation and one local derivative per input. Both are written against a *backend* ``m`` (see
:mod:`minitorch_scalar.math_backends`), using Python's arithmetic operators plus the backend's functions
(``m.exp``, ``m.div``, ``m.where`` ...). The same formula therefore serves

* a Python float (the :class:`~minitorch_scalar.Value` engine, backend ``FLOAT``),
* a numpy array (the Tensor engine's forward and first-order backward, backend ``ARRAY``),
* a graph node (the Tensor engine's ``create_graph=True``, where the derivative is itself recorded).

A local derivative is ``d out / d input_i`` as a function ``local(m, out, *inputs)``. The engines
apply the chain rule (``input.grad += upstream * local``); no formula here multiplies by the
upstream gradient itself.

Derivatives at special points follow torch's formulas exactly: ``relu'(0) = 0``, ``abs'(0) = 0``,
``sqrt'(0) = inf``, the pow masks (the base gradient is 0 where the exponent is 0; the exponent
gradient is 0 where the base is 0 and the exponent is >= 0), and division by zero gives inf/nan.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Forward = Callable[..., Any]
Local = Callable[..., Any]


@dataclass(frozen=True)
class Op:
    """One registry entry.

    Attributes:
        name: torch's name of the op (``torch.<name>`` / ``Tensor.<name>``).
        arity: number of inputs.
        forward: ``forward(m, *inputs) -> out``.
        local: one function per input, ``local[i](m, out, *inputs) -> d out / d input_i``.
        symbol: how the lecture's graphs label the op node (``'+'``, ``'*'``, ``'tanh'`` ...).
        doc: the math in one line.
        domain: ``(low, high)`` per input: where tests draw ordinary values from.
        kinks: ``(inputs, out, grads)`` special points whose value and local derivatives are
            pinned to torch's behaviour (``grads`` lists ``d out / d input_i``).
        smooth: False when the op has a kink inside its domain; random tests stay away from it.
    """

    name: str
    arity: int
    forward: Forward
    local: tuple[Local, ...]
    symbol: str
    doc: str
    domain: tuple[tuple[float, float], ...]
    kinks: tuple[tuple[tuple[float, ...], float, tuple[float, ...]], ...] = field(default=())
    smooth: bool = True


INF = math.inf
NAN = math.nan
_ANY = (-3.0, 3.0)
_POS = (0.1, 4.0)


def _pow_base_local(m: Any, out: Any, x: Any, y: Any) -> Any:
    """d(x**y)/dx = y * x**(y-1), masked to 0 where y == 0 (torch's rule)."""
    return m.where(y == 0, 0.0, y * m.pow(x, y - 1.0))


def _pow_exponent_local(m: Any, out: Any, x: Any, y: Any) -> Any:
    """d(x**y)/dy = x**y * log(x), masked to 0 where x == 0 and y >= 0 (torch's rule)."""
    return m.where(m.logical_and(x == 0, y >= 0), 0.0, out * m.log(x))


_ENTRIES: tuple[Op, ...] = (
    Op(
        "add", 2, lambda m, a, b: a + b,
        (lambda m, out, a, b: 1.0, lambda m, out, a, b: 1.0),
        "+", "a + b; d/da = 1, d/db = 1", (_ANY, _ANY),
    ),
    Op(
        "sub", 2, lambda m, a, b: a - b,
        (lambda m, out, a, b: 1.0, lambda m, out, a, b: -1.0),
        "-", "a - b; d/da = 1, d/db = -1", (_ANY, _ANY),
    ),
    Op(
        "mul", 2, lambda m, a, b: a * b,
        (lambda m, out, a, b: b, lambda m, out, a, b: a),
        "*", "a * b; d/da = b, d/db = a", (_ANY, _ANY),
        kinks=(((INF, 0.0), NAN, (0.0, INF)),),
    ),
    Op(
        "div", 2, lambda m, a, b: m.div(a, b),
        (lambda m, out, a, b: m.div(1.0, b), lambda m, out, a, b: m.div(-m.div(a, b), b)),
        "/", "a / b; d/da = 1/b, d/db = -(a/b)/b (torch's order: no underflow to nan for tiny b)", (_ANY, _POS),
        kinks=(
            ((1.0, 0.0), INF, (INF, -INF)),
            ((0.0, 0.0), NAN, (INF, NAN)),
            ((-1.0, 0.0), -INF, (INF, INF)),
        ),
    ),
    Op(
        "neg", 1, lambda m, x: -x,
        (lambda m, out, x: -1.0,),
        "neg", "-x; d/dx = -1", (_ANY,),
    ),
    Op(
        "pow", 2, lambda m, x, y: m.pow(x, y),
        (_pow_base_local, _pow_exponent_local),
        "**", "x ** y; d/dx = y * x**(y-1) (0 where y == 0), d/dy = x**y * log(x) (0 where x == 0 <= y)",
        (_POS, _ANY),
        kinks=(
            ((0.0, 0.0), 1.0, (0.0, 0.0)),
            ((-2.0, 2.0), 4.0, (-4.0, NAN)),
            ((0.0, -1.0), INF, (-INF, -INF)),
            ((0.0, 2.0), 0.0, (0.0, 0.0)),
            ((2.0, 0.0), 1.0, (0.0, math.log(2.0))),
            ((0.0, 0.5), 0.0, (INF, 0.0)),
            ((0.0, 1.0), 0.0, (1.0, 0.0)),
            ((-8.0, 1.5), NAN, (NAN, NAN)),
            ((-2.0, 3.0), -8.0, (12.0, NAN)),
            ((-2.0, -2.0), 0.25, (0.25, NAN)),
        ),
    ),
    Op(
        "exp", 1, lambda m, x: m.exp(x),
        (lambda m, out, x: out,),
        "exp", "e**x; d/dx = e**x = out", (_ANY,),
        kinks=(((100.0,), math.exp(100.0), (math.exp(100.0),)), ((-800.0,), 0.0, (0.0,)), ((1000.0,), INF, (INF,))),
    ),
    Op(
        "log", 1, lambda m, x: m.log(x),
        (lambda m, out, x: m.div(1.0, x),),
        "log", "ln x; d/dx = 1/x", (_POS,),
        kinks=(((0.0,), -INF, (INF,)), ((-1.0,), NAN, (-1.0,)), ((INF,), INF, (0.0,))),
    ),
    Op(
        "tanh", 1, lambda m, x: m.tanh(x),
        (lambda m, out, x: 1.0 - out * out,),
        "tanh", "tanh x; d/dx = 1 - tanh(x)**2 = 1 - out**2", (_ANY,),
        kinks=(((0.0,), 0.0, (1.0,)), ((100.0,), 1.0, (0.0,)), ((-100.0,), -1.0, (0.0,))),
    ),
    Op(
        "sigmoid", 1, lambda m, x: m.sigmoid(x),
        (lambda m, out, x: out * (1.0 - out),),
        "sigmoid", "1 / (1 + e**-x); d/dx = out * (1 - out)", (_ANY,),
        kinks=(((0.0,), 0.5, (0.25,)), ((-100.0,), math.exp(-100.0) / (1 + math.exp(-100.0)), (math.exp(-100.0),))),
    ),
    Op(
        "relu", 1, lambda m, x: m.relu(x),
        (lambda m, out, x: m.step(x),),
        "ReLU", "max(x, 0); d/dx = 1 if x > 0 else 0 (0 at x = 0, as torch)", (_ANY,),
        kinks=(((0.0,), 0.0, (0.0,)), ((-0.0,), -0.0, (0.0,))),
        smooth=False,
    ),
    Op(
        "sqrt", 1, lambda m, x: m.sqrt(x),
        (lambda m, out, x: m.div(0.5, out),),
        "sqrt", "x ** 0.5; d/dx = 1 / (2 * out) (inf at 0)", (_POS,),
        kinks=(((0.0,), 0.0, (INF,)), ((-1.0,), NAN, (NAN,))),
    ),
    Op(
        "abs", 1, lambda m, x: m.abs(x),
        (lambda m, out, x: m.sign(x),),
        "abs", "|x|; d/dx = sign(x) (0 at x = 0, as torch)", (_ANY,),
        kinks=(((0.0,), 0.0, (0.0,)), ((-0.0,), 0.0, (0.0,))),
        smooth=False,
    ),
)

def _clamp_forward(m: Any, x: Any, low: Any, high: Any) -> Any:
    """min(max(x, low), high), torch's order (so low > high gives high); a nan in x or a bound gives nan."""
    inner = m.where(low != low, low, m.where(x < low, low, x))
    return m.where(high != high, high, m.where(inner > high, high, inner))


def _tie_local(m: Any, x: Any, y: Any) -> Any:
    """d max(x, y)/dx as torch computes it: 0 where x < y, 1/2 at a tie, else 1 (also at nan)."""
    return m.where(x < y, 0.0, m.where(x == y, 0.5, 1.0))


def _tie_local_min(m: Any, x: Any, y: Any) -> Any:
    """d min(x, y)/dx as torch computes it: 0 where x > y, 1/2 at a tie, else 1 (also at nan)."""
    return m.where(x > y, 0.0, m.where(x == y, 0.5, 1.0))


def _round_forward(m: Any, x: Any) -> Any:
    """Round half to even (torch.round), with Python's ``//`` and ``%`` as floor and parity.

    inf stays inf, nan stays nan, and a zero result keeps the sign of ``x`` (``round(-0.3)`` is ``-0.``).
    """
    a = m.abs(x)
    r = (a + 0.5) // 1.0
    r = m.where(m.logical_and(r - a == 0.5, r % 2.0 == 1.0), r - 1.0, r)
    r = m.where(a == INF, a, r)
    return m.where(r == 0, x * 0.0, m.where(x < 0, -r, r))  # x * 0.0 keeps the sign of a zero result


_EXTRA: tuple[Op, ...] = (
    Op(
        "sin", 1, lambda m, x: m.sin(x),
        (lambda m, out, x: m.cos(x),),
        "sin", "sin x; d/dx = cos x", (_ANY,),
        kinks=(((0.0,), 0.0, (1.0,)), ((INF,), NAN, (NAN,))),
    ),
    Op(
        "cos", 1, lambda m, x: m.cos(x),
        (lambda m, out, x: -m.sin(x),),
        "cos", "cos x; d/dx = -sin x", (_ANY,),
        kinks=(((0.0,), 1.0, (-0.0,)), ((INF,), NAN, (NAN,))),
    ),
    Op(
        "reciprocal", 1, lambda m, x: m.div(1.0, x),
        (lambda m, out, x: -(out * out),),
        "1/x", "1 / x; d/dx = -1/x**2 = -out**2", (_POS,),
        kinks=(((0.0,), INF, (-INF,)),),
    ),
    Op(
        "clamp", 3, _clamp_forward,
        (
            lambda m, out, x, low, high: m.where(m.logical_and(x >= low, x <= high), 1.0, 0.0),
            lambda m, out, x, low, high: m.where(x < low, m.where(low < high, 1.0, 0.0), 0.0),
            lambda m, out, x, low, high: m.where(high < low, 1.0, m.where(x > high, 1.0, 0.0)),
        ),
        "clamp",
        "min(max(x, low), high); d/dx = 1 inside [low, high] (boundaries included, as torch), else 0;"
        " d/dlow = 1 where x < low < high; d/dhigh = 1 where x > high or high < low",
        (_ANY, (-2.0, -0.5), (0.5, 2.0)),
        kinks=(((0.0, 0.0, 1.0), 0.0, (1.0, 0.0, 0.0)), ((1.0, 0.0, 1.0), 1.0, (1.0, 0.0, 0.0))),
        smooth=False,
    ),
    Op(
        "sign", 1, lambda m, x: m.sign(x),
        (lambda m, out, x: 0.0,),
        "sign", "1, 0 or -1 by the sign of x; d/dx = 0", (_ANY,),
        kinks=(((0.0,), 0.0, (0.0,)),),
        smooth=False,
    ),
    Op(
        "round", 1, _round_forward,
        (lambda m, out, x: 0.0,),
        "round", "the nearest integer, ties to even; d/dx = 0 (as torch)", (_ANY,),
        kinks=(((0.5,), 0.0, (0.0,)), ((1.5,), 2.0, (0.0,)), ((-2.5,), -2.0, (0.0,))),
        smooth=False,
    ),
    Op(
        "maximum", 2, lambda m, a, b: m.where(a != a, a, m.where(b != b, b, m.where(b > a, b, a))),
        (lambda m, out, a, b: _tie_local(m, a, b), lambda m, out, a, b: _tie_local(m, b, a)),
        "max", "max(a, b) (nan propagates); d/da = 1 where a > b, 1/2 at a tie (torch splits ties)", (_ANY, _ANY),
        kinks=(((0.0, 0.0), 0.0, (0.5, 0.5)),),
        smooth=False,
    ),
    Op(
        "minimum", 2, lambda m, a, b: m.where(a != a, a, m.where(b != b, b, m.where(b < a, b, a))),
        (lambda m, out, a, b: _tie_local_min(m, a, b), lambda m, out, a, b: _tie_local_min(m, b, a)),
        "min", "min(a, b) (nan propagates); d/da = 1 where a < b, 1/2 at a tie (torch splits ties)", (_ANY, _ANY),
        kinks=(((0.0, 0.0), 0.0, (0.5, 0.5)),),
        smooth=False,
    ),
)


def _lerp_forward(m: Any, a: Any, b: Any, w: Any) -> Any:
    """a + w * (b - a), computed from the nearer end as torch does (so w = 1 gives b exactly)."""
    return m.where(m.abs(w) < 0.5, a + w * (b - a), b - (b - a) * (1.0 - w))


def _floor_divide(m: Any, a: Any, b: Any) -> Any:
    """floor(a / b) computed as torch does: (a - fmod(a, b)) / b, corrected by one toward the floor and
    rounded to the nearest integer, so an a / b that rounds up to an integer is not floored past it."""
    mod = m.fmod(a, b)
    div = m.div(a - mod, b)
    div = m.where(m.logical_and(mod != 0, (b < 0) != (mod < 0)), div - 1.0, div)
    low = m.floor(div)
    return m.where(b == 0, m.div(a, b), m.where(div - low > 0.5, low + 1.0, low))


_LN2 = math.log(2.0)
_LN10 = math.log(10.0)
_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)
_UNIT = (-0.9, 0.9)
_ABOVE_MINUS_ONE = (-0.9, 3.0)


def _atan2_local(m: Any, num: Any, a: Any, b: Any) -> Any:
    """``num / (a**2 + b**2)``, 0 where both inputs are 0 (torch's atan2 gradient at the origin)."""
    den = a * a + b * b
    return m.where(den == 0, 0.0, m.div(num, den))


_MATH: tuple[Op, ...] = (
    Op(
        "tan", 1, lambda m, x: m.tan(x),
        (lambda m, out, x: 1.0 + out * out,),
        "tan", "tan x; d/dx = 1 + tan(x)**2 = 1 + out**2", ((-1.2, 1.2),),
        kinks=(((0.0,), 0.0, (1.0,)), ((INF,), NAN, (NAN,))),
    ),
    Op(
        "log1p", 1, lambda m, x: m.log1p(x),
        (lambda m, out, x: m.div(1.0, x + 1.0),),
        "log1p", "ln(1 + x), accurate near 0; d/dx = 1 / (1 + x)", (_ABOVE_MINUS_ONE,),
        kinks=(((-1.0,), -INF, (INF,)), ((0.0,), 0.0, (1.0,)), ((INF,), INF, (0.0,))),
    ),
    Op(
        "expm1", 1, lambda m, x: m.expm1(x),
        (lambda m, out, x: out + 1.0,),
        "expm1", "e**x - 1, accurate near 0; d/dx = e**x = out + 1", (_ANY,),
        kinks=(((0.0,), 0.0, (1.0,)), ((INF,), INF, (INF,)), ((-INF,), -1.0, (0.0,))),
    ),
    Op(
        "log2", 1, lambda m, x: m.log2(x),
        (lambda m, out, x: m.div(1.0, x * _LN2),),
        "log2", "log base 2 of x; d/dx = 1 / (x ln 2)", (_POS,),
        kinks=(((0.0,), -INF, (INF,)), ((1.0,), 0.0, (1.0 / _LN2,))),
    ),
    Op(
        "log10", 1, lambda m, x: m.log10(x),
        (lambda m, out, x: m.div(1.0, x * _LN10),),
        "log10", "log base 10 of x; d/dx = 1 / (x ln 10)", (_POS,),
        kinks=(((0.0,), -INF, (INF,)), ((1.0,), 0.0, (1.0 / _LN10,))),
    ),
    Op(
        "floor", 1, lambda m, x: m.floor(x),
        (lambda m, out, x: 0.0,),
        "floor", "the largest integer <= x; d/dx = 0 (as torch)", (_ANY,),
        kinks=(((-0.5,), -1.0, (0.0,)), ((2.0,), 2.0, (0.0,))),
        smooth=False,
    ),
    Op(
        "ceil", 1, lambda m, x: m.ceil(x),
        (lambda m, out, x: 0.0,),
        "ceil", "the smallest integer >= x; d/dx = 0 (as torch)", (_ANY,),
        kinks=(((-0.5,), -0.0, (0.0,)), ((2.0,), 2.0, (0.0,))),
        smooth=False,
    ),
    Op(
        "trunc", 1, lambda m, x: m.trunc(x),
        (lambda m, out, x: 0.0,),
        "trunc", "x rounded toward 0; d/dx = 0 (as torch)", (_ANY,),
        kinks=(((-1.5,), -1.0, (0.0,)), ((2.0,), 2.0, (0.0,))),
        smooth=False,
    ),
    Op(
        "frac", 1, lambda m, x: x - m.trunc(x),
        (lambda m, out, x: 1.0,),
        "frac", "x - trunc(x) (keeps the sign of x); d/dx = 1 (as torch, also at the jumps)", (_ANY,),
        kinks=(((-1.5,), -0.5, (1.0,)), ((2.0,), 0.0, (1.0,)), ((INF,), NAN, (1.0,))),
        smooth=False,
    ),
    Op(
        "asin", 1, lambda m, x: m.asin(x),
        (lambda m, out, x: m.div(1.0, m.sqrt(1.0 - x * x)),),
        "asin", "arcsin x; d/dx = 1 / sqrt(1 - x**2) (inf at +-1)", (_UNIT,),
        kinks=(((1.0,), math.pi / 2, (INF,)), ((2.0,), NAN, (NAN,))),
    ),
    Op(
        "acos", 1, lambda m, x: m.acos(x),
        (lambda m, out, x: -m.div(1.0, m.sqrt(1.0 - x * x)),),
        "acos", "arccos x; d/dx = -1 / sqrt(1 - x**2) (-inf at +-1)", (_UNIT,),
        kinks=(((1.0,), 0.0, (-INF,)), ((2.0,), NAN, (NAN,))),
    ),
    Op(
        "atan", 1, lambda m, x: m.atan(x),
        (lambda m, out, x: m.div(1.0, x * x + 1.0),),
        "atan", "arctan x; d/dx = 1 / (1 + x**2)", (_ANY,),
        kinks=(((INF,), math.pi / 2, (0.0,)), ((0.0,), 0.0, (1.0,))),
    ),
    Op(
        "sinh", 1, lambda m, x: m.sinh(x),
        (lambda m, out, x: m.cosh(x),),
        "sinh", "(e**x - e**-x) / 2; d/dx = cosh x", (_ANY,),
        kinks=(((0.0,), 0.0, (1.0,)), ((INF,), INF, (INF,))),
    ),
    Op(
        "cosh", 1, lambda m, x: m.cosh(x),
        (lambda m, out, x: m.sinh(x),),
        "cosh", "(e**x + e**-x) / 2; d/dx = sinh x", (_ANY,),
        kinks=(((0.0,), 1.0, (0.0,)), ((INF,), INF, (INF,))),
    ),
    Op(
        "erf", 1, lambda m, x: m.erf(x),
        (lambda m, out, x: _TWO_OVER_SQRT_PI * m.exp(-(x * x)),),
        "erf", "the error function; d/dx = 2 / sqrt(pi) * e**(-x**2)", (_ANY,),
        kinks=(((0.0,), 0.0, (_TWO_OVER_SQRT_PI,)), ((INF,), 1.0, (0.0,))),
    ),
    Op(
        "remainder", 2, lambda m, a, b: m.remainder(a, b),
        (lambda m, out, a, b: 1.0, lambda m, out, a, b: -_floor_divide(m, a, b)),
        "%", "a - floor(a / b) * b (the sign of b); d/da = 1, d/db = -floor(a / b) (torch's floor division)",
        (_ANY, _POS),
        kinks=(((5.0, 3.0), 2.0, (1.0, -1.0)), ((-5.0, 3.0), 1.0, (1.0, 2.0)), ((1.0, 0.0), NAN, (1.0, -INF))),
        smooth=False,
    ),
    Op(
        "fmod", 2, lambda m, a, b: m.fmod(a, b),
        (lambda m, out, a, b: 1.0, lambda m, out, a, b: -m.trunc(m.div(a, b))),
        "fmod", "a - trunc(a / b) * b (the sign of a); d/da = 1, d/db = -trunc(a / b)", (_ANY, _POS),
        kinks=(((5.0, 3.0), 2.0, (1.0, -1.0)), ((-5.0, 3.0), -2.0, (1.0, 1.0)), ((1.0, 0.0), NAN, (1.0, -INF))),
        smooth=False,
    ),
    Op(
        "lerp", 3, _lerp_forward,
        (lambda m, out, a, b, w: 1.0 - w, lambda m, out, a, b, w: w, lambda m, out, a, b, w: b - a),
        "lerp", "a + w * (b - a); d/da = 1 - w, d/db = w, d/dw = b - a", (_ANY, _ANY, (0.0, 1.0)),
        kinks=(((1.0, 3.0, 0.5), 2.0, (0.5, 0.5, 2.0)), ((1.0, 3.0, 1.0), 3.0, (0.0, 1.0, 2.0))),
    ),
    Op(
        "atan2", 2, lambda m, a, b: m.atan2(a, b),
        (lambda m, out, a, b: _atan2_local(m, b, a, b), lambda m, out, a, b: _atan2_local(m, -a, a, b)),
        "atan2",
        "the angle of the point (b, a); d/da = b / (a**2 + b**2), d/db = -a / (a**2 + b**2) (0 at the origin)",
        (_ANY, _POS),
        kinks=(
            ((0.0, 0.0), 0.0, (0.0, 0.0)),
            ((1.0, 0.0), math.pi / 2, (0.0, -1.0)),
            ((0.0, -1.0), math.pi, (-1.0, 0.0)),
        ),
    ),
)

_ENTRIES = _ENTRIES + _EXTRA + _MATH

REGISTRY: dict[str, Op] = {op.name: op for op in _ENTRIES}
"""Every registry op, keyed by torch's name."""


def get(name: str) -> Op:
    """Return the registry entry for ``name``.

    Raises:
        NotImplementedError: when no op of that name is registered, naming the ones that are.
    """
    try:
        return REGISTRY[name]
    except KeyError:
        known = ", ".join(REGISTRY)
        raise NotImplementedError(f"op {name!r} is not in the registry; registered ops: {known}") from None


ADD = REGISTRY["add"]
SUB = REGISTRY["sub"]
MUL = REGISTRY["mul"]
DIV = REGISTRY["div"]
NEG = REGISTRY["neg"]
POW = REGISTRY["pow"]
EXP = REGISTRY["exp"]
LOG = REGISTRY["log"]
TANH = REGISTRY["tanh"]
SIGMOID = REGISTRY["sigmoid"]
RELU = REGISTRY["relu"]
SQRT = REGISTRY["sqrt"]
ABS = REGISTRY["abs"]
RECIPROCAL = REGISTRY["reciprocal"]
CLAMP = REGISTRY["clamp"]
SIGN = REGISTRY["sign"]
MAXIMUM = REGISTRY["maximum"]
MINIMUM = REGISTRY["minimum"]
ROUND = REGISTRY["round"]
SIN = REGISTRY["sin"]
COS = REGISTRY["cos"]
TAN = REGISTRY["tan"]
LOG1P = REGISTRY["log1p"]
EXPM1 = REGISTRY["expm1"]
LOG2 = REGISTRY["log2"]
LOG10 = REGISTRY["log10"]
FLOOR = REGISTRY["floor"]
CEIL = REGISTRY["ceil"]
TRUNC = REGISTRY["trunc"]
FRAC = REGISTRY["frac"]
ASIN = REGISTRY["asin"]
ACOS = REGISTRY["acos"]
ATAN = REGISTRY["atan"]
SINH = REGISTRY["sinh"]
COSH = REGISTRY["cosh"]
ERF = REGISTRY["erf"]
ATAN2 = REGISTRY["atan2"]
LERP = REGISTRY["lerp"]
REMAINDER = REGISTRY["remainder"]
FMOD = REGISTRY["fmod"]
