"""Run the micrograd lecture notebooks our users follow (text dumps in shared/seeds/) on this library.

Each dump is parsed into cells, each cell is classified, and the runnable cells are executed in notebook
order in one namespace per notebook. The rules are general (nothing here names a cell or a line):

Parsing
    A code cell starts at a line ``In [N]:`` or ``In [None]:`` and runs to the next such line, but a
    markdown cell may follow it with no marker in between. The region is split into blank-line separated
    paragraphs (a whitespace-only line counts as blank). The code is the longest run of leading
    paragraphs that parses as Python, cut before the first later paragraph that is a *formula*: a
    single line holding one assignment or one bare non-call expression, without a comment (``L = L``,
    ``do / dn``, ``x1w1 = x1 * w1`` are markdown in these lectures; every real one-line code paragraph
    after the first is a call or an import). The markdown runs from there to the next cell.
    IPython magics and shell lines (``%...``, ``!...``) are dropped first.

Import mapping (an AST rewrite; the cell's text is kept for reports)
    ``from value import ...`` / ``from src.<anything> import ...`` bind the library's ``Value``,
    ``draw_dot``, ``Neuron``, ``Layer``, ``MLP`` (a star import binds them all, plus ``f``:
    notebook 003 calls ``f`` right after its ``src`` imports without defining it, and every other lecture
    notebook defines it as the parabola ``3*x**2 - 4*x + 5``, so the mapping supplies that parabola).
    ``import torch`` binds ``minitorch_scalar`` (the torch-named engine). Matplotlib runs on Agg.

Cell kinds
    * *replacement*: the cell defines a class (the lecture's own ``Value`` under any name, e.g.
      ``Scalar``) or a function our library provides (``draw_dot``; a notebook's ``trace`` is only
      a helper of its own ``draw_dot``, so it is just one more name defined in the skipped cell). It is skipped, and our
      library's object is bound under the defined name (a class stands for our ``Value`` unless the
      library has a class of that very name, e.g. ``Neuron``). Every other name the cell binds (the
      ``a``, ``b``, ``L`` built after a class definition) is *defined only in a skipped cell*.
    * *dependent*: the cell reads a name defined only in a skipped cell, or calls a replaced function
      with arguments our version does not take (``draw_dot(o, show_backprop=False)`` was written for
      the notebook's own ``draw_dot``). Skipped with the reason; the names it binds become unavailable too.
    * *environment*: the cell imports a third-party module that is not installed (``seaborn``).
      Skipped; the names it binds become unavailable.
    * *pending*: the cell needs a library name that does not exist yet (``minitorch_scalar.draw_dot``
      before viz is exported, ``torch.Tensor`` before the Tensor engine lands). Skipped; the test is
      xfailed with the list, so the dependency stays visible and the test turns green by itself once
      the feature lands.
    * everything else *runs*; the last expression is displayed as Jupyter would (``repr``, and graphviz
      objects are rendered to SVG by ``dot``). Any exception is a failure of our library: the test
      fails with the cell's line, source and traceback.

Run ``python tests/test_seed_notebooks.py`` for the per-cell report.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import inspect
import io
import os
import re
import sys
import traceback
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import minitorch_scalar  # noqa: E402
from minitorch_scalar import nn as micro_nn  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("MINITORCH_SEEDS", REPO.parent / "shared" / "seeds"))
CELL_START = re.compile(r"^In \[(\d+|None)\]:\s*$")
MAPPED_MODULE = re.compile(r"^(value|src(\..*)?)$")
LIBRARY_NAMES = ("Value", "draw_dot", "Neuron", "Layer", "MLP")


def lecture_parabola(x: Any) -> Any:
    """The lecture's ``f(x) = 3x^2 - 4x + 5`` (supplied for ``from src... import *``)."""
    return 3 * x**2 - 4 * x + 5


def library_objects() -> dict[str, Any]:
    """What the mapped imports can bind: library names that exist now, plus the lecture's ``f``."""
    found = {}
    for name in LIBRARY_NAMES:
        home = micro_nn if name in ("Neuron", "Layer", "MLP") else minitorch_scalar
        if name in vars(home):  # vars(): the package's __getattr__ raises for names it lacks
            found[name] = vars(home)[name]
    found["f"] = lecture_parabola
    return found


# ---- parsing ---------------------------------------------------------------------------------------

@dataclass
class Cell:
    """One code cell: where it starts in the dump, its label, and its code (magics removed)."""

    line: int
    label: str
    source: str


def _paragraphs(lines: list[str]) -> list[str]:
    paragraphs, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def _parses(source: str) -> bool:
    try:
        ast.parse(source)
    except SyntaxError:
        return False
    return True


def is_formula(paragraph: str) -> bool:
    """A one-line assignment or bare non-call expression without a comment: markdown in these dumps."""
    if "\n" in paragraph or "#" in paragraph or not _parses(paragraph):
        return False
    body = ast.parse(paragraph).body
    if len(body) != 1:
        return False
    stmt = body[0]
    if isinstance(stmt, ast.Assign):
        return True
    return isinstance(stmt, ast.Expr) and not isinstance(stmt.value, ast.Call)


def cell_code(region: list[str]) -> str:
    """The code at the start of a cell region (the rest is the markdown that follows the cell)."""
    lines = [line for line in region if not line.lstrip().startswith(("%", "!"))]
    paragraphs = _paragraphs(lines)
    if not paragraphs:
        return ""
    # the longest run of paragraphs that parses (a lone paragraph may not: a whitespace-only line
    # inside a function body also splits paragraphs), cut before the first formula
    count = next((k for k in range(len(paragraphs), 0, -1) if _parses("\n\n".join(paragraphs[:k]))), 1)
    formula = next((k for k in range(1, count) if is_formula(paragraphs[k])), count)
    return "\n\n".join(paragraphs[:formula])


def parse_dump(text: str) -> list[Cell]:
    """Every code cell of a notebook dump, in order."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if CELL_START.match(line)]
    cells = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        label = CELL_START.match(lines[start]).group(0).rstrip()  # type: ignore[union-attr]
        cells.append(Cell(start + 1, label, cell_code(lines[start + 1: end])))
    return cells


# ---- static analysis: what a cell reads and binds ----------------------------------------------------

def _stored(nodes: list[ast.stmt]) -> set[str]:
    """Names bound by these statements, not looking inside nested functions/classes."""
    names: set[str] = set()
    stack: list[ast.AST] = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            continue
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            continue  # their own scope
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names if a.name != "*")
        stack.extend(ast.iter_child_nodes(node))
    return names


def _params(args: ast.arguments) -> set[str]:
    every = args.posonlyargs + args.args + args.kwonlyargs + [a for a in (args.vararg, args.kwarg) if a]
    return {a.arg for a in every}


def _loaded(node: ast.AST) -> set[str]:
    """Global names a statement reads, including those read later by the functions it defines."""
    names: set[str] = set()
    stack: list[tuple[ast.AST, frozenset[str]]] = [(node, frozenset())]
    while stack:
        current, local = stack.pop()
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            body = current.body if isinstance(current.body, list) else [ast.Expr(current.body)]
            inner = local | _params(current.args) | _stored(body)
            defaults = current.args.defaults + [d for d in current.args.kw_defaults if d]
            decorators = getattr(current, "decorator_list", [])
            stack.extend((d, local) for d in defaults + decorators)
            stack.extend((b, frozenset(inner)) for b in body)
            continue
        if isinstance(current, ast.Name) and current.id not in local:
            if isinstance(current.ctx, ast.Load):
                names.add(current.id)
        if isinstance(current, ast.AugAssign) and isinstance(current.target, ast.Name):
            if current.target.id not in local:
                names.add(current.target.id)
        if isinstance(current, ast.comprehension):
            local = local | _stored([ast.Expr(current.target)])
        if isinstance(current, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            targets = [ast.Expr(g.target) for g in current.generators]
            local = local | _stored(targets)  # type: ignore[arg-type]
        stack.extend((child, local) for child in ast.iter_child_nodes(current))
    return names


def reads_and_binds(tree: ast.Module) -> tuple[set[str], set[str]]:
    """Names the cell reads before binding them itself, and every name it binds at top level."""
    reads: set[str] = set()
    bound: set[str] = set()
    for stmt in tree.body:
        reads |= _loaded(stmt) - bound
        bound |= _stored([stmt])
    return reads, bound


def _imported_modules(tree: ast.Module) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


# ---- the import mapping ----------------------------------------------------------------------------

class _MapImports(ast.NodeTransformer):
    """``from value/src... import X`` -> ``X = __library__['X']``; ``import torch`` -> minitorch_scalar."""

    def __init__(self, library: dict[str, Any]) -> None:
        self.library = library

    def visit_ImportFrom(self, node: ast.ImportFrom) -> Any:
        if not node.module or node.level or not MAPPED_MODULE.match(node.module):
            return node
        wanted = list(self.library) if any(a.name == "*" for a in node.names) else [a.name for a in node.names]
        wanted = [name for name in wanted if name in self.library]
        aliases = {a.name: a.asname or a.name for a in node.names}
        return [
            ast.copy_location(ast.parse(f"{aliases.get(name, name)} = __library__[{name!r}]").body[0], node)
            for name in wanted
        ]

    def visit_Import(self, node: ast.Import) -> Any:
        for alias in node.names:
            if alias.name == "torch":
                alias.name, alias.asname = "minitorch_scalar", alias.asname or "torch"
        return node


def mapped_names(tree: ast.Module, library: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(names the mapped imports bind, names they ask for that the library lacks)."""
    bound, missing = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and MAPPED_MODULE.match(node.module):
            for alias in node.names:
                if alias.name == "*":
                    bound.update(library)
                    missing.update(n for n in LIBRARY_NAMES if n not in library)
                elif alias.name in library:
                    bound.add(alias.asname or alias.name)
                else:
                    missing.add(alias.name)
    return bound, missing


def _missing_torch_attrs(tree: ast.Module) -> set[str]:
    torch_aliases = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.Import)
                     for a in n.names if a.name == "torch"}
    used = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
            and n.value.id in (torch_aliases or {"torch"})}
    return {name for name in used if name not in vars(minitorch_scalar)}


# ---- running -----------------------------------------------------------------------------------------

@dataclass
class CellResult:
    """What happened to one cell: ``ran``, ``skipped``, ``pending`` or ``failed``."""

    cell: Cell
    status: str
    reason: str = ""
    output: str = ""


@dataclass
class NotebookRun:
    """The per-notebook state: namespace, stand-ins, and the names cells cannot use (and why)."""

    library: dict[str, Any]
    namespace: dict[str, Any] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)  # name -> why (defined only in a skipped cell)
    pending: dict[str, str] = field(default_factory=dict)  # name -> the library feature it waits for
    replaced: dict[str, Any] = field(default_factory=dict)  # notebook-defined name -> our stand-in

    def classify(self, cell: Cell, tree: ast.Module) -> tuple[str, str]:
        """``(kind, reason)`` for a cell that parses; kind ``run`` means execute it."""
        top_defs = [s for s in tree.body if isinstance(s, (ast.ClassDef, ast.FunctionDef))]
        classes = [s.name for s in top_defs if isinstance(s, ast.ClassDef)]
        functions = [s.name for s in top_defs if isinstance(s, ast.FunctionDef) and s.name in LIBRARY_NAMES]
        if classes or functions:
            return "replacement", f"defines its own {', '.join(classes + functions)}; our library's stands in"
        reads, _ = reads_and_binds(tree)
        blocked = sorted(reads & set(self.unavailable))
        if blocked:
            return "dependent", "; ".join(f"uses {name}, {self.unavailable[name]}" for name in blocked)
        bad_call = self._unsupported_call(tree)
        if bad_call:
            return "dependent", bad_call
        for module in _imported_modules(tree):
            top = module.split(".")[0]
            if top != "torch" and not MAPPED_MODULE.match(module) and importlib.util.find_spec(top) is None:
                return "environment", f"imports {module}, which is not installed"
        _, missing = mapped_names(tree, self.library)
        every_load = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        needs = {f"minitorch_scalar.{n}" for n in missing & every_load}
        needs |= {self.pending[n] for n in reads if n in self.pending}
        for name in missing:
            self.pending[name] = f"minitorch_scalar.{name}"
        if "torch" in reads or any(m == "torch" for m in _imported_modules(tree)):
            needs |= {f"torch.{n} (minitorch_scalar.{n})" for n in _missing_torch_attrs(tree)}
        if needs:
            return "pending", "needs " + ", ".join(sorted(needs)) + ", which does not exist yet"
        return "run", ""

    def _unsupported_call(self, tree: ast.Module) -> str:
        """A call to a replaced function with arguments that only the notebook's own version takes."""
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in self.replaced:
                ours = self.replaced[node.func.id]
                if ours is None:
                    continue
                try:
                    inspect.signature(ours).bind(*node.args, **{k.arg: None for k in node.keywords if k.arg})
                except TypeError:
                    shown = ", ".join(k.arg for k in node.keywords if k.arg) or f"{len(node.args)} positional"
                    return (f"calls {node.func.id}({shown}=...), arguments only the notebook's own "
                            f"{node.func.id} takes")
        return ""

    def skip(self, cell: Cell, tree: ast.Module, kind: str, reason: str) -> None:
        """Record a skipped cell's effect on names: stand-ins for replacements, the rest unusable."""
        _, bound = reads_and_binds(tree)
        if kind == "replacement":
            for stmt in tree.body:
                if isinstance(stmt, ast.ClassDef) or (isinstance(stmt, ast.FunctionDef) and stmt.name in LIBRARY_NAMES):
                    self._stand_in(stmt.name, isinstance(stmt, ast.ClassDef))
                    bound.discard(stmt.name)
        waits_for = reason.removeprefix("needs ").removesuffix(", which does not exist yet")
        for name in bound:
            if kind == "pending":
                self.pending[name] = waits_for
            else:
                self.unavailable[name] = f"defined only in the skipped cell at line {cell.line}"

    def _stand_in(self, name: str, is_class: bool) -> None:
        """Bind our library's object under a name the notebook defined itself."""
        ours = "Value" if is_class and name not in self.library else name
        self.replaced[name] = self.library.get(ours)
        self.unavailable.pop(name, None)
        if self.replaced[name] is None:
            self.pending[name] = f"minitorch_scalar.{ours}"
        else:
            self.namespace[name] = self.replaced[name]
            self.pending.pop(name, None)

    def execute(self, cell: Cell, tree: ast.Module) -> CellResult:
        """Run the cell; display its last expression like Jupyter; any exception is a failure."""
        tree = ast.fix_missing_locations(_MapImports(self.library).visit(tree))
        last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        body = ast.Module(body=tree.body[:-1] if last else tree.body, type_ignores=[])
        out = io.StringIO()
        self.namespace["__library__"] = self.library
        try:
            with contextlib.redirect_stdout(out):
                exec(compile(body, f"<cell line {cell.line}>", "exec"), self.namespace)
                if last is not None:
                    value = eval(compile(ast.Expression(last.value), f"<cell line {cell.line}>", "eval"),
                                 self.namespace)
                    out.write(_display(value))
        except Exception:
            return CellResult(cell, "failed", traceback.format_exc(), out.getvalue())
        finally:
            plt.close("all")
        _, bound = reads_and_binds(tree)
        for name in bound:
            self.unavailable.pop(name, None)
            self.pending.pop(name, None)
        return CellResult(cell, "ran", output=out.getvalue())


def _display(value: Any) -> str:
    """What Jupyter shows for a cell's last value; rich graphviz/matplotlib objects are rendered."""
    if value is None:
        return ""
    bundle = getattr(value, "_repr_mimebundle_", None)
    if callable(bundle) and not isinstance(value, type):
        shown = bundle()
        if not shown:
            raise AssertionError(f"{type(value).__name__} rendered nothing")
        return f"<{type(value).__name__}: {', '.join(shown)}>\n"
    return repr(value) + "\n"


def run_notebook(path: Path) -> list[CellResult]:
    """Classify and run every cell of one dump, in order, in one namespace."""
    run = NotebookRun(library_objects())
    run.namespace["__name__"] = "__notebook__"
    results = []
    with warnings.catch_warnings(), np.printoptions():
        warnings.simplefilter("ignore")
        for cell in parse_dump(path.read_text(encoding="utf-8")):
            if not cell.source.strip():
                results.append(CellResult(cell, "skipped", "only IPython magics"))
                continue
            try:
                tree = ast.parse(cell.source)
            except SyntaxError as err:
                results.append(CellResult(cell, "failed", f"cannot parse: {err}"))
                continue
            kind, reason = run.classify(cell, tree)
            if kind == "run":
                results.append(run.execute(cell, tree))
                continue
            run.skip(cell, tree, kind, reason)
            results.append(CellResult(cell, "pending" if kind == "pending" else "skipped", f"{kind}: {reason}"))
    return results


def notebooks() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def report(path: Path, results: list[CellResult]) -> str:
    lines = [f"== {path.name}: " + ", ".join(
        f"{sum(r.status == s for r in results)} {s}" for s in ("ran", "skipped", "pending", "failed"))]
    for r in results:
        first = r.cell.source.splitlines()[0][:60] if r.cell.source else ""
        lines.append(f"  line {r.cell.line:4d} {r.cell.label:12s} {r.status:8s} {first!r}")
        if r.status != "ran":
            lines.append("      " + r.reason.strip().replace("\n", "\n      "))
    return "\n".join(lines)


# ---- tests -------------------------------------------------------------------------------------------

@pytest.mark.skipif(not notebooks(), reason=f"the lecture dumps are not at {SEEDS} (set MINITORCH_SEEDS)")
@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_notebook_runs_on_our_library(path: Path) -> None:
    results = run_notebook(path)
    failed = [r for r in results if r.status == "failed"]
    assert not failed, "cells that fail on minitorch_scalar:\n" + "\n\n".join(
        f"line {r.cell.line} {r.cell.label}\n{r.cell.source}\n---\n{r.reason}" for r in failed)
    assert any(r.status == "ran" for r in results), report(path, results)
    pending = [r for r in results if r.status == "pending"]
    if pending:
        pytest.xfail(f"{len(pending)} cells wait for library features: "
                     + "; ".join(sorted({r.reason for r in pending})))


def test_parser_splits_code_from_following_markdown() -> None:
    dump = "\n".join([
        "# Title", "", "In [1]:", "%matplotlib inline", "import math", "", "x = 1", "y = 2", "", "## Heading",
        "", "Some prose here.", "", "In [None]:", "draw(x)", "", "L = L", "", "dL/dL = 1", "",
        "In [None]:", "def g(a):", "", "    return a", "", "print(g(2))", "", "do / dn", "",
        "In [3]:", "%load_ext autoreload",
    ])
    cells = parse_dump(dump)
    assert [c.label for c in cells] == ["In [1]:", "In [None]:", "In [None]:", "In [3]:"]
    assert cells[0].source == "import math\n\nx = 1\ny = 2\n\n## Heading"
    assert cells[1].source == "draw(x)"
    assert cells[2].source == "def g(a):\n\n    return a\n\nprint(g(2))"
    assert cells[3].source == ""


def test_reads_and_binds_follow_python_scopes() -> None:
    tree = ast.parse(
        "a = Value(2.0)\nprint(a)\ndef g(x):\n    y = x * h\n    return y + k\n"
        "zs = [w for w in range(n)]\nb += 1\n"
    )
    reads, binds = reads_and_binds(tree)
    assert reads == {"Value", "print", "h", "k", "range", "n", "b"}
    assert binds == {"a", "g", "zs", "b"}


def test_replacement_cells_and_their_dependents() -> None:
    library = {"Value": minitorch_scalar.Value, "f": lecture_parabola}
    run = NotebookRun(library)
    cells = [
        Cell(1, "In [1]:", "class Scalar:\n    pass\na = Scalar()"),
        Cell(2, "In [2]:", "print(a)"),
        Cell(3, "In [3]:", "b = Scalar(2.0, label='b')\nb"),
        Cell(4, "In [4]:", "def draw_dot(root, fancy=True):\n    pass"),
        Cell(5, "In [5]:", "draw_dot(b, fancy=False)"),
        Cell(6, "In [6]:", "from value import Value, draw_dot"),
        Cell(7, "In [7]:", "draw_dot(Value(1.0))"),
        Cell(8, "In [8]:", "import torch\ntorch.no_such_feature_xyz(1)"),
    ]
    outcomes = []
    for cell in cells:
        tree = ast.parse(cell.source)
        status, reason = run.classify(cell, tree)
        if status == "run":
            outcomes.append((run.execute(cell, tree).status, ""))
        else:
            run.skip(cell, tree, status, reason)
            outcomes.append((status, reason))
    assert [o[0] for o in outcomes] == ["replacement", "dependent", "ran", "replacement", "pending",
                                        "ran", "pending", "pending"]
    assert "defined only in the skipped cell at line 1" in outcomes[1][1]
    assert run.namespace["b"].data == 2.0 and isinstance(run.namespace["b"], minitorch_scalar.Value)
    assert "minitorch_scalar.draw_dot" in outcomes[4][1] and "minitorch_scalar.draw_dot" in outcomes[6][1]
    assert "torch.no_such_feature_xyz" in outcomes[7][1]


def test_a_call_our_version_cannot_take_is_a_dependent_cell() -> None:
    def draw_dot(root: Any) -> str:
        return "drawn"

    run = NotebookRun({"Value": minitorch_scalar.Value, "draw_dot": draw_dot})
    for source in ("def draw_dot(root, show_backprop=True):\n    pass", "x = 1"):
        cell = Cell(1, "In [1]:", source)
        tree = ast.parse(source)
        kind, reason = run.classify(cell, tree)
        if kind == "run":
            run.execute(cell, tree)
        else:
            run.skip(cell, tree, kind, reason)
    assert run.namespace["draw_dot"] is draw_dot
    ok, bad = ast.parse("draw_dot(x)"), ast.parse("draw_dot(x, show_backprop=False)")
    assert run.classify(Cell(2, "In [2]:", "draw_dot(x)"), ok) == ("run", "")
    kind, reason = run.classify(Cell(3, "In [3]:", "draw_dot(x, show_backprop=False)"), bad)
    assert kind == "dependent" and "show_backprop" in reason


def test_a_failing_cell_is_reported_not_hidden() -> None:
    run = NotebookRun(library_objects())
    cell = Cell(9, "In [9]:", "from value import Value\nValue(1.0) + 'text'")
    tree = ast.parse(cell.source)
    assert run.classify(cell, tree) == ("run", "")
    result = run.execute(cell, tree)
    assert result.status == "failed" and "TypeError" in result.reason


if __name__ == "__main__":
    for dump in notebooks():
        print(report(dump, run_notebook(dump)))
    sys.exit(0)
