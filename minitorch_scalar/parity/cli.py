"""The ``run`` and ``parity`` commands: a PyTorch script on our engine, and compared with real torch.

``python -m minitorch_scalar run SCRIPT.py [args]`` runs the script unmodified with its ``torch``
imports mapped onto minitorch_scalar (see :mod:`minitorch_scalar.importmap`).

``python -m minitorch_scalar parity SCRIPT.py [args] [--rtol R] [--atol A] [--json FILE]`` runs the
script twice, each in its own process, side by side: with real torch, and with ``run``. It compares what the two
print to stdout line by line and number by number (the rules are in
:mod:`minitorch_scalar.parity.printed`), and the exception each run ended with, if any (its type and
message, from the last line of the traceback). It prints a readable diff and exits 0 when everything
agrees, 1 when something differs, 2 when it cannot run (no torch, no script).

The default tolerances are meant for float32 scripts: ``rtol=1e-5``, ``atol=1e-7``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import runpy
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from minitorch_scalar import ops
from minitorch_scalar.importmap import torch_as_minitorch
from minitorch_scalar.math_backends import FLOAT
from minitorch_scalar.ops import Op
from minitorch_scalar.parity.printed import OutputComparison, compare_outputs
from minitorch_scalar.parity.realtorch import INSTALL_HINT

SCRIPT_RTOL = 1e-5
SCRIPT_ATOL = 1e-7
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


def run_script(path: str, args: Sequence[str] = ()) -> int:
    """Run a PyTorch script as ``__main__`` with ``torch`` mapped onto minitorch_scalar.

    ``sys.argv`` and ``sys.path[0]`` are set as ``python SCRIPT.py args`` would set them, and restored.

    Args:
        path: the script.
        args: its command-line arguments.

    Returns:
        The exit status the script asked for with ``sys.exit`` (0 when it just ends).
        Exceptions the script raises propagate.
    """
    saved_argv, saved_path = sys.argv, list(sys.path)
    sys.argv = [path, *args]
    sys.path.insert(0, str(Path(path).resolve().parent))
    try:
        with torch_as_minitorch():
            runpy.run_path(path, run_name="__main__")
    except SystemExit as exc:
        return _exit_status(exc.code)
    finally:
        sys.argv = saved_argv
        sys.path[:] = saved_path
    return 0


def _exit_status(code: Any) -> int:
    """The process status for ``sys.exit(code)``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


@dataclass(frozen=True)
class RunResult:
    """One run of a script.

    Attributes:
        engine: ``'torch'`` or ``'ours'``.
        returncode: the process's exit status.
        stdout: what it printed.
        exception: the last traceback line (``Type: message``) when it raised, else None.
    """

    engine: str
    returncode: int
    stdout: str
    exception: str | None


def _last_exception(stderr: str) -> str | None:
    """The ``Type: message`` line that ends a Python traceback, or None when there is no traceback."""
    if "Traceback (most recent call last):" not in stderr:
        return None
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    return lines[-1] if lines else None


def start_engine(engine: str, script: str, args: Sequence[str]) -> subprocess.Popen[str]:
    """Start ``script`` in a fresh Python process with real torch (``'torch'``) or ours (``'ours'``)."""
    if engine == "torch":
        cmd = [sys.executable, script, *args]
    else:
        cmd = [sys.executable, "-m", "minitorch_scalar", "run", script, *args]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
    env.setdefault("PYTHONHASHSEED", "0")
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def finish_engine(engine: str, proc: subprocess.Popen[str]) -> RunResult:
    """Wait for a run started by :func:`start_engine` and collect what it printed and raised."""
    stdout, stderr = proc.communicate()
    return RunResult(engine, proc.returncode, stdout, _last_exception(stderr))


@dataclass
class ScriptParity:
    """The comparison of one script's two runs.

    Attributes:
        script: the script's path.
        ours: our run.
        torch: torch's run.
        output: the stdout comparison.
        problems: differences in how the runs ended (exception, exit status).
        rtol: relative tolerance used.
        atol: absolute tolerance used.
    """

    script: str
    ours: RunResult
    torch: RunResult
    output: OutputComparison
    problems: list[str]
    rtol: float
    atol: float

    @property
    def ok(self) -> bool:
        """True when the outputs and the way both runs ended agree."""
        return self.output.ok and not self.problems

    def format(self) -> str:
        """A readable report: a summary line, then each differing line (torch's above ours)."""
        verdict = "OK" if self.ok else "MISMATCH"
        out = [
            f"parity {self.script}: {verdict}: {self.output.lines} lines, {self.output.numbers} numbers compared, "
            f"{len(self.output.diffs)} lines differ, max abs diff {self.output.max_abs_diff:.3g} "
            f"(rtol={self.rtol:g}, atol={self.atol:g})"
        ]
        out += [f"  problem: {p}" for p in self.problems]
        for d in self.output.diffs:
            out.append(f"line {d.line}: {d.reason}")
            out.append(f"  torch: {d.torch if d.torch is not None else '<no line>'}")
            out.append(f"  ours : {d.ours if d.ours is not None else '<no line>'}")
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the comparison."""
        return {
            "script": self.script,
            "ok": self.ok,
            "rtol": self.rtol,
            "atol": self.atol,
            "lines": self.output.lines,
            "numbers": self.output.numbers,
            "max_abs_diff": self.output.max_abs_diff,
            "problems": list(self.problems),
            "diffs": [asdict(d) for d in self.output.diffs],
            "runs": {r.engine: {"returncode": r.returncode, "exception": r.exception} for r in (self.torch, self.ours)},
        }


def _ending_problems(ours: RunResult, torch: RunResult) -> list[str]:
    problems = []
    if ours.exception != torch.exception:
        problems.append(
            f"the runs ended differently: torch raised {torch.exception or 'nothing'}; "
            f"ours raised {ours.exception or 'nothing'}"
        )
    if ours.returncode != torch.returncode:
        problems.append(f"exit status: torch {torch.returncode}, ours {ours.returncode}")
    return problems


def compare_script(
    script: str, args: Sequence[str] = (), rtol: float = SCRIPT_RTOL, atol: float = SCRIPT_ATOL
) -> ScriptParity:
    """Run ``script`` with real torch and with ours, and compare the runs.

    Raises:
        FileNotFoundError: when the script does not exist.
        ImportError: when real torch is not installed.
    """
    if not Path(script).is_file():
        raise FileNotFoundError(f"parity: no such script: {script}")
    if importlib.util.find_spec("torch") is None:
        raise ImportError(f"parity runs the script with real PyTorch, which is not installed: {INSTALL_HINT}")
    procs = {engine: start_engine(engine, script, args) for engine in ("torch", "ours")}
    torch_run, our_run = (finish_engine(engine, proc) for engine, proc in procs.items())
    output = compare_outputs(our_run.stdout, torch_run.stdout, rtol, atol)
    return ScriptParity(script, our_run, torch_run, output, _ending_problems(our_run, torch_run), rtol, atol)


def parity_main(script: str, args: Sequence[str], rtol: float, atol: float, json_path: str | None) -> int:
    """The ``parity`` command: print the comparison, write JSON if asked; 0 agree, 1 differ, 2 cannot run."""
    try:
        result = compare_script(script, args, rtol, atol)
    except (FileNotFoundError, ImportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(result.format())
    if json_path is not None:
        Path(json_path).write_text(json.dumps(result.to_dict(), indent=2) + "\n")
    return 0 if result.ok else 1


@dataclass(frozen=True)
class OpCheck:
    """The registry gradcheck of one op.

    Attributes:
        op: the op's torch name.
        points: points checked.
        max_error: the largest ``|local - numeric|`` seen.
        failures: ``(point, input index, local, numeric)`` where they disagree.
    """

    op: str
    points: int
    max_error: float
    failures: list[tuple[tuple[float, ...], int, float, float]]


def _draw_point(op: Op, rng: random.Random, eps: float) -> tuple[float, ...]:
    """A point from the op's domain; for ops with a kink, at least 1000 * eps away from 0."""
    while True:
        point = tuple(rng.uniform(low, high) for low, high in op.domain)
        if op.smooth or all(abs(x) > 1000 * eps for x in point):
            return point


def check_op_locals(
    op: Op, points: int, seed: int, eps: float = 1e-6, atol: float = 1e-5, rtol: float = 1e-3
) -> OpCheck:
    """Compare ``op.local[i]`` with the central difference ``(f(x+eps) - f(x-eps)) / (2 eps)`` at random points.

    A point passes when ``|local - numeric| <= atol + rtol * |numeric|`` (gradcheck's rule and defaults).
    """
    rng = random.Random(f"{seed}:{op.name}")
    worst = 0.0
    failures = []
    for _ in range(points):
        point = _draw_point(op, rng, eps)
        out = op.forward(FLOAT, *point)
        for i in range(op.arity):
            up = list(point)
            down = list(point)
            up[i] += eps
            down[i] -= eps
            numeric = (op.forward(FLOAT, *up) - op.forward(FLOAT, *down)) / (2 * eps)
            local = float(op.local[i](FLOAT, out, *point))
            err = abs(local - numeric)
            worst = max(worst, err)
            if not err <= atol + rtol * abs(numeric):
                failures.append((point, i, local, numeric))
    return OpCheck(op.name, points, worst, failures)


def gradcheck_main(names: Sequence[str] | None, points: int, seed: int) -> int:
    """The ``gradcheck`` command: check registry ops, print a table; 0 when all pass, 1 otherwise."""
    try:
        chosen = [ops.get(n) for n in names] if names else list(ops.REGISTRY.values())
    except NotImplementedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    results = [check_op_locals(op, points, seed) for op in chosen]
    print(f"{'op':<10} {'points':>6} {'max |local - numeric|':>22}  result")
    for r in results:
        print(f"{r.op:<10} {r.points:>6} {r.max_error:>22.3g}  {'ok' if not r.failures else 'FAIL'}")
        for point, i, local, numeric in r.failures[:5]:
            print(f"    at {point}: d/d input {i}: local {local!r}, numeric {numeric!r}")
    return 0 if all(not r.failures for r in results) else 1
