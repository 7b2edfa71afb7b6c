"""08: run an unmodified PyTorch script on minitorch_scalar, and check it against real PyTorch.

``examples/torch_scripts/toy_regression.py`` is an ordinary torch script (nn.Sequential, MSELoss,
SGD). Two commands port it without editing a line:

    python -m minitorch_scalar run examples/torch_scripts/toy_regression.py
        runs it with its ``import torch`` lines mapped onto minitorch_scalar;
    python -m minitorch_scalar parity examples/torch_scripts/toy_regression.py
        runs it with real torch and with ours, compares every printed number, exits 0 when they agree.

This example runs both, then plots the two loss curves on top of each other.

Run: python examples/08_port_pytorch_script.py      (figure: examples/out/08_loss_ours_vs_torch.png)
Without PyTorch installed only the ``run`` half happens: pip install 'minitorch-scalar[parity]'
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
from _common import QUICK, out_path, save_figure

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "torch_scripts" / "toy_regression.py"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python *args`` with minitorch_scalar importable from this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(HERE.parent), env.get("PYTHONPATH", "")) if p)
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, check=False)


def losses(output: str) -> tuple[list[int], list[float]]:
    """The (epoch, loss) pairs the script printed, as two lists."""
    pairs = re.findall(r"epoch +(\d+) loss ([0-9.]+)", output)
    return [int(e) for e, _ in pairs], [float(v) for _, v in pairs]


def main() -> None:
    rel = SCRIPT.relative_to(HERE.parent)
    print(f"$ python -m minitorch_scalar run {rel}")
    ours = run("-m", "minitorch_scalar", "run", str(SCRIPT))
    print(ours.stdout + ours.stderr, end="")
    if ours.returncode != 0:
        raise SystemExit(f"the run command failed with exit status {ours.returncode}")

    if importlib.util.find_spec("torch") is None:
        print("PyTorch is not installed: skipping the parity check (pip install 'minitorch-scalar[parity]')")
        return
    report = out_path("08_parity.json")
    print(f"\n$ python -m minitorch_scalar parity {rel} --json {report}")
    parity = run("-m", "minitorch_scalar", "parity", str(SCRIPT), "--json", str(report))
    print(parity.stdout + parity.stderr, end="")
    print(f"exit status {parity.returncode} ({'same numbers' if parity.returncode == 0 else 'they differ'})")

    fig, ax = plt.subplots(figsize=(6, 3.5))
    if not QUICK:  # one more run of the script, with real torch, for its curve
        ax.plot(*losses(run(str(SCRIPT)).stdout), "o-", label="PyTorch", markersize=8)
    ax.plot(*losses(ours.stdout), "x--", label="minitorch_scalar", markersize=8)
    ax.set_xlabel("epoch")
    ax.set_ylabel("MSE loss")
    ax.set_title("the same script on both engines")
    ax.legend()
    ax.grid(True)
    save_figure(fig, "08_loss_ours_vs_torch.png")


if __name__ == "__main__":
    main()
