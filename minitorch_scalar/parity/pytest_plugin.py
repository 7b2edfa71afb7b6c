"""The pytest plugin (registered under the ``pytest11`` entry point ``minitorch_scalar``).

It adds:

* the ``parity_check`` fixture: :func:`~minitorch_scalar.parity.assert_parity` with the session's
  tolerances, for tests that check several functions::

      def test_activations(parity_check):
          parity_check(lambda x: x.tanh(), [0.5, -2.0])
          parity_check(lambda torch, x: torch.sigmoid(x), [0.5, -2.0])

* the ``parity_graph_check`` fixture: :func:`~minitorch_scalar.parity.assert_graph` likewise;
* the options ``--parity-rtol`` and ``--parity-atol`` (defaults 1e-10 and 1e-12) for both fixtures.

Tests that run real torch should start with ``pytest.importorskip("torch")`` where torch is optional.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from minitorch_scalar.parity.harness import assert_parity
from minitorch_scalar.parity.replay import assert_graph
from minitorch_scalar.parity.report import DEFAULT_ATOL, DEFAULT_RTOL, ParityReport
from minitorch_scalar.value import Value


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register ``--parity-rtol`` and ``--parity-atol``."""
    group = parser.getgroup("minitorch_scalar parity")
    group.addoption("--parity-rtol", type=float, default=DEFAULT_RTOL, help="relative tolerance of parity checks")
    group.addoption("--parity-atol", type=float, default=DEFAULT_ATOL, help="absolute tolerance of parity checks")


def _tolerances(request: pytest.FixtureRequest) -> dict[str, float]:
    return {"rtol": request.config.getoption("parity_rtol"), "atol": request.config.getoption("parity_atol")}


@pytest.fixture
def parity_check(request: pytest.FixtureRequest) -> Callable[..., ParityReport]:
    """``assert_parity`` with the session's tolerances (explicit ``rtol=``/``atol=`` still win)."""
    defaults = _tolerances(request)

    def check(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> ParityReport:
        return assert_parity(fn, *args, **{**defaults, **kwargs})

    return check


@pytest.fixture
def parity_graph_check(request: pytest.FixtureRequest) -> Callable[..., ParityReport]:
    """``assert_graph`` with the session's tolerances (explicit ``rtol=``/``atol=`` still win)."""
    defaults = _tolerances(request)

    def check(root: Value, **kwargs: Any) -> ParityReport:
        return assert_graph(root, **{**defaults, **kwargs})

    return check
