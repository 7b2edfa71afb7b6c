"""Every example runs (quick mode, Agg backend), prints what it teaches and writes its figures.

The examples run concurrently, once per test session, in subprocesses writing to a temporary folder.
Examples 05 and 08 compare with real torch when it is installed, and skip that part otherwise.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
HAS_DOT = shutil.which("dot") is not None
HAS_TORCH = importlib.util.find_spec("torch") is not None
GRAPH = ".svg" if HAS_DOT else ".dot"

# example -> (files it must write, text it must print)
EXPECTED: dict[str, tuple[list[str], list[str]]] = {
    "01_derivative.py": (
        ["01_derivative.png"],
        ["14.000003", "3 + h rounds to 3: the step vanished", "the best h here is about 1e-08"],
    ),
    "02_manual_backprop.py": (
        [f"02_stage_{i}{GRAPH}" for i in range(5)],
        ["a.grad=6  b.grad=-4  c.grad=-2  e.grad=-2  d.grad=-2  f.grad=4  L.grad=1",
         "backward() computes exactly the same gradients", "dL/da: numerical +6.000000, ours +6.000000",
         "L goes from -8.0 to -7.2865"],
    ),
    "03_tanh_neuron.py": (
        [f"03_neuron_forward{GRAPH}", f"03_neuron_manual{GRAPH}", f"03_neuron_backprop{GRAPH}"]
        + (["03_backward/index.html", "03_backward/step_010.svg"] if HAS_DOT else []),
        ["x1=-1.5000  w1=1.0000  x2=0.5000  w2=0.0000  b=0.5000",
         "x1.grad += x1w1.grad * dx1w1/dx1 = 0.5000 * -3.0000 = -1.5000"],
    ),
    "04_topological_order.py": (
        [f"04_topological_order{GRAPH}"],
        ["o -> n -> x1w1x2w2", "(all zero: wrong)", "a.grad = 2.0", "a.grad = -3.0, b.grad = -8.0",
         "a chain of 40000 ops backpropagates fine: x.grad = 1.0"],
    ),
    "05_pytorch_side_by_side.py": (
        [f"05_value_graph{GRAPH}", f"05_tensor_graph{GRAPH}"] + ([f"05_parity{GRAPH}"] if HAS_TORCH else []),
        ["x1.grad    -1.4999999999999993   -1.5000003851533106"]
        + (["vs our Tensor: 0\n"] if HAS_TORCH else ["skipping the torch column"]),
    ),
    "06_mlp.py": (
        ["06_loss.png", f"06_mlp_one_sample{GRAPH}"],
        ["41 parameters, 20 steps", "without zero_grad()", "one sample's forward graph has 126 Values"],
    ),
    "07_two_moons.py": (
        ["07_decision_boundary.png"],
        ["60 points, 337 parameters, 8 steps", "step 8/8", "final loss"],
    ),
    "08_port_pytorch_script.py": (
        ["08_parity.json", "08_loss_ours_vs_torch.png"] if HAS_TORCH else [],
        ["epoch 55 loss 0.020669", "prediction at x=0.5: tensor([[0.0940]], grad_fn=<AddmmBackward0>)"]
        + (["OK: 14 lines", "exit status 0 (same numbers)"] if HAS_TORCH else ["skipping the parity check"]),
    ),
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[subprocess.CompletedProcess[str], Path]]:
    """Run every example at once; map its name to (result, output folder)."""
    started = {}
    for name in EXPECTED:
        out = tmp_path_factory.mktemp(name.split("_")[0])
        env = dict(os.environ, MPLBACKEND="Agg", MINITORCH_QUICK="1", MINITORCH_EXAMPLES_OUT=str(out))
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
        proc = subprocess.Popen(
            [sys.executable, str(EXAMPLES / name)], cwd=tmp_path_factory.getbasetemp(), env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        started[name] = (proc, out)
    results = {}
    for name, (proc, out) in started.items():
        stdout, stderr = proc.communicate(timeout=300)
        results[name] = (subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr), out)
    return results


def test_every_example_is_listed() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("[0-9][0-9]_*.py")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_runs_prints_and_writes_figures(
    name: str, runs: dict[str, tuple[subprocess.CompletedProcess[str], Path]]
) -> None:
    result, out = runs[name]
    assert result.returncode == 0, result.stderr
    files, texts = EXPECTED[name]
    for text in texts:
        assert text in result.stdout, f"{name} did not print {text!r}"
    for file in files:
        path = out / file
        assert path.is_file() and path.stat().st_size > 100, f"{name} did not write {file}"
        assert str(path) in result.stdout or file.startswith("03_backward/"), f"{name} did not say where {file} is"
