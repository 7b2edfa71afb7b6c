"""Decorators that turn a few lines into a parity test (for pytest or any runner).

::

    from minitorch_scalar.parity import parity, parity_graph

    @parity(x=[0.5, -1.0], w=[2.0, 3.0])
    def test_neuron(x, w):
        return (x * w).sum().tanh()

    @parity_graph(a=2.0, b=-3.0)
    def test_lecture(a, b):
        return a * b + a

``@parity(...)`` runs the function in minitorch_scalar and in real torch through
:func:`~minitorch_scalar.parity.assert_parity` (inputs become float64 tensors requiring grad; a first
parameter named ``torch`` receives the namespace). ``@parity_graph(...)`` builds labelled lecture
``Value`` leaves, calls the function, and replays the returned Value's graph in torch with
:func:`~minitorch_scalar.parity.assert_graph`. Either way the decorated function takes no arguments,
so pytest collects and calls it directly; it raises :class:`~minitorch_scalar.parity.ParityError`
(an AssertionError) whose message is the whole report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from minitorch_scalar.parity.harness import assert_parity
from minitorch_scalar.parity.replay import assert_graph
from minitorch_scalar.parity.report import DEFAULT_ATOL, DEFAULT_RTOL
from minitorch_scalar.value import Value

Test = Callable[[], None]


def _as_test(fn: Callable[..., Any], body: Callable[[], None]) -> Test:
    """``body`` dressed as ``fn`` (name, docstring, module) but taking no arguments, so no fixtures are looked up."""
    body.__name__ = fn.__name__
    body.__qualname__ = fn.__qualname__
    body.__module__ = fn.__module__
    body.__doc__ = fn.__doc__
    return body


def parity(
    *args: Any,
    rtol: float = DEFAULT_RTOL,
    atol: float = DEFAULT_ATOL,
    upstream: str = "random",
    seed: int = 0,
    numeric: bool = False,
    **named: Any,
) -> Callable[[Callable[..., Any]], Test]:
    """Decorate a torch-API function into a test that asserts its parity on the given inputs.

    Args:
        *args: positional inputs for the function.
        rtol: relative tolerance.
        atol: absolute tolerance.
        upstream: ``'random'`` or ``'ones'``.
        seed: seeds the upstream gradient.
        numeric: add central differences to the report.
        **named: keyword inputs.
    """

    def decorate(fn: Callable[..., Any]) -> Test:
        def test() -> None:
            assert_parity(fn, *args, rtol=rtol, atol=atol, upstream=upstream, seed=seed, numeric=numeric, **named)

        return _as_test(fn, test)

    return decorate


def parity_graph(
    *, rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL, **leaves: float
) -> Callable[[Callable[..., Value]], Test]:
    """Decorate a function of lecture Values into a test that replays its graph in torch.

    Args:
        rtol: relative tolerance.
        atol: absolute tolerance.
        **leaves: the leaf values, passed by keyword as ``Value(v, label=name)``.
    """

    def decorate(fn: Callable[..., Value]) -> Test:
        def test() -> None:
            root = fn(**{k: Value(v, label=k) for k, v in leaves.items()})
            if not isinstance(root, Value):
                raise TypeError(f"@parity_graph: {fn.__name__} must return a Value, got {type(root).__name__}")
            assert_graph(root, rtol=rtol, atol=atol, grads="fresh")

        return _as_test(fn, test)

    return decorate
