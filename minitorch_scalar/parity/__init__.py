"""Parity with PyTorch: check that our engines compute what torch computes, number by number.

* :func:`check_parity` / :func:`assert_parity`: a function written once against torch's API, run in
  minitorch_scalar's Tensor engine and in real torch (forward, gradients, a second run, optional
  central differences).
* :func:`check_graph` / :func:`assert_graph`: a lecture ``Value`` graph replayed node for node in torch.
* :func:`parity` / :func:`parity_graph`: decorators turning a three-line function into a pytest test
  (and the pytest plugin :mod:`.pytest_plugin` adds the fixtures ``parity_check`` and ``parity_graph_check``).
* :class:`ParityReport` / :class:`ParityError`: the element-by-element results.

The command line (``python -m minitorch_scalar run|parity ...``) lives in :mod:`.cli`. Real torch is
imported only when a check runs (``pip install 'minitorch-scalar[parity]'``).
"""

from minitorch_scalar.parity.harness import assert_parity, check_parity, compare_engines
from minitorch_scalar.parity.replay import assert_graph, check_graph
from minitorch_scalar.parity.report import DEFAULT_ATOL, DEFAULT_RTOL, Entry, ParityError, ParityReport
from minitorch_scalar.parity.testing import parity, parity_graph

__all__ = [
    "DEFAULT_ATOL",
    "DEFAULT_RTOL",
    "Entry",
    "ParityError",
    "ParityReport",
    "assert_graph",
    "assert_parity",
    "check_graph",
    "check_parity",
    "compare_engines",
    "parity",
    "parity_graph",
]
