"""What every example shares: where figures go, quick mode, and saving graphs and plots.

Figures are written under ``examples/out/`` (ignored by git; ``MINITORCH_EXAMPLES_OUT=DIR`` puts
them elsewhere). ``MINITORCH_QUICK=1`` makes the slow examples do less (the test suite sets both).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # figures go to files; no window needed

if importlib.util.find_spec("minitorch_scalar") is None:  # a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from minitorch_scalar.viz import DotNotFoundError, render  # noqa: E402

OUT = Path(os.environ.get("MINITORCH_EXAMPLES_OUT") or Path(__file__).resolve().parent / "out")
QUICK = os.environ.get("MINITORCH_QUICK", "") not in ("", "0")


def out_path(name: str) -> Path:
    """``examples/out/<name>``, creating the folder."""
    OUT.mkdir(parents=True, exist_ok=True)
    return OUT / name


def save_graph(graph: Any, name: str) -> Path:
    """Render a ``draw_dot`` graph to ``examples/out/<name>`` (.svg or .png) and say where.

    Without Graphviz's ``dot`` program the DOT source is saved instead (``<name>.dot``), with a note.
    """
    path = out_path(name)
    try:
        render(graph, path)
    except DotNotFoundError as exc:
        path = path.with_suffix(".dot")
        path.write_text(graph.source)
        print(f"  (no picture: {exc})")
    print(f"  graph written to {path}")
    return path


def save_figure(fig: Any, name: str) -> Path:
    """Save a matplotlib figure to ``examples/out/<name>`` and say where."""
    path = out_path(name)
    fig.savefig(path, dpi=110, bbox_inches="tight")
    print(f"  figure written to {path}")
    return path
