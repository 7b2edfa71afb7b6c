"""Run every workload on every engine, interleaved, and print a markdown report.

Each sample is a block of consecutive steps of one engine (``gc.collect()`` first, untimed), and the
engines take turns sample by sample, so slow drifts of the machine hit every engine alike. Times
are per step; ratios compare medians. Nothing here asserts on timings.
"""

from __future__ import annotations

import gc
import math
import os
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

import minitorch_scalar as ms
from benchmarks import workloads as wl
from benchmarks.baselines.lecture import LectureValue
from minitorch_scalar import Value

Step = Callable[[], Any]


@dataclass
class Config:
    """How much to run: ``quick`` is the CI smoke size."""

    quick: bool
    threads: int
    repeats: int = 5
    w1_points: int = 100
    w2_length: int = 1_000_000
    w2_repeats: int = 3
    w3_repeats: int = 30
    w3_large: tuple[int, int] = (4096, 256)
    only: tuple[str, ...] = ("W1", "W2", "W3", "W4")
    notes: list[str] = field(default_factory=list)

    @classmethod
    def make(cls, quick: bool, threads: int) -> Config:
        if quick:
            return cls(quick, threads, repeats=2, w1_points=20, w2_length=20_000, w2_repeats=1, w3_repeats=3,
                       w3_large=(512, 64))
        return cls(quick, threads)


@dataclass
class Row:
    """One engine's samples (seconds per step) on one workload, or why it could not run."""

    engine: str
    samples: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    error: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else math.nan

    @property
    def cpu_median(self) -> float:
        """Median CPU time per step (``time.process_time``: what other processes on the machine cannot add)."""
        return statistics.median(self.cpu) if self.cpu else math.nan


def _torch() -> Any:
    """Real torch, or None when it is not installed (its baselines are then skipped)."""
    try:
        import torch
    except ImportError:
        return None
    return torch


def measure(engines: dict[str, tuple[Step, int]], repeats: int, steady: bool = True) -> list[Row]:
    """Time each engine's step, ``repeats`` samples each, interleaved. A step that raises is reported.

    ``engines[name] = (step, block)``: one sample times ``block`` consecutive steps, after an
    untimed ``gc.collect()`` (so no engine pays for another's garbage). With ``steady`` (training
    loops), each sample first runs one untimed step, so the timed steps find the previous step's
    garbage in place and pay for collecting it, as they do in a real training loop; without it
    (one long-running step, W2) the timed step starts from a clean heap.
    """
    rows = {name: Row(name) for name in engines}
    for _ in range(repeats):
        for name, (step, block) in engines.items():
            if rows[name].error:
                continue
            gc.collect()
            start = time.perf_counter()
            try:
                if steady:
                    step()
                    start = time.perf_counter()
                cpu_start = time.process_time()
                for _ in range(block):
                    step()
            except (RecursionError, MemoryError) as exc:
                rows[name].error = f"{type(exc).__name__} after {time.perf_counter() - start:.1f} s"
                continue
            rows[name].samples.append((time.perf_counter() - start) / block)
            rows[name].cpu.append((time.process_time() - cpu_start) / block)
    gc.collect()
    return list(rows.values())


# ---- W1: scalar MLP -----------------------------------------------------------------------------------
def w1_engines(cfg: Config) -> dict[str, tuple[Step, int]]:
    """One SGD step of the 2-16-16-1 MLP on two-moons, per engine."""
    X_np, y_np = wl.make_moons(cfg.w1_points)
    X, y = X_np.tolist(), y_np.tolist()
    weights = wl.init_weights()
    engines: dict[str, tuple[Step, int]] = {}

    lecture = wl.scalar_params(LectureValue, weights)
    lecture_flat = wl.flat(lecture)
    engines["lecture engine (baselines/lecture.py)"] = (lambda: wl.scalar_step(lecture, lecture_flat, X, y), 2)

    value = wl.scalar_params(Value, weights)
    value_flat = wl.flat(value)
    engines["minitorch_scalar Value"] = (lambda: wl.scalar_step(value, value_flat, X, y), 2)

    taped = wl.scalar_params(Value, weights)
    taped_flat = wl.flat(taped)
    tape = ms.tape.trace(lambda: wl.sse_loss(taped, X, y))

    def tape_step() -> float:
        for p in taped_flat:
            p.grad = 0.0
        loss = tape()
        loss.backward()
        for p in taped_flat:
            p.data -= wl.LR * p.grad
        return loss.data

    engines["minitorch_scalar trace() replay"] = (tape_step, 20)

    torch = _torch()
    if torch is not None:
        engines["torch, one 0-d float64 tensor per scalar"] = (_torch_scalar_w1(torch, weights, X, y), 1)
        engines["torch vectorised (float32)"] = (_torch_vector_w1(torch, weights, X_np, y_np), 50)
    return engines


def _torch_scalar_w1(torch: Any, weights: list[list[list[float]]], X: list[list[float]], y: list[float]) -> Step:
    layers = wl.scalar_params(lambda w: torch.tensor(w, dtype=torch.float64, requires_grad=True), weights)
    params = wl.flat(layers)

    def step() -> float:
        for p in params:
            p.grad = None
        loss = wl.sse_loss(layers, X, y)
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= wl.LR * p.grad
        return float(loss.item())

    return step


def _torch_vector_w1(torch: Any, weights: list[list[list[float]]], X_np: np.ndarray, y_np: np.ndarray) -> Step:
    mats = [np.asarray(layer, dtype=np.float32) for layer in weights]
    params = []
    for m in mats:
        params += [torch.tensor(m[:, :-1], requires_grad=True), torch.tensor(m[:, -1], requires_grad=True)]
    X = torch.tensor(X_np, dtype=torch.float32)
    y = torch.tensor(y_np, dtype=torch.float32).unsqueeze(1)
    opt = torch.optim.SGD(params, lr=wl.LR)

    def step() -> float:
        opt.zero_grad()
        h = X
        for i in range(0, len(params), 2):
            h = torch.tanh(h @ params[i].T + params[i + 1])
        loss = ((h - y) ** 2).sum()
        loss.backward()
        opt.step()
        return float(loss.item())

    return step


# ---- W2: deep chain -----------------------------------------------------------------------------------
def w2_engines(cfg: Config) -> dict[str, tuple[Step, int]]:
    """``x = x * 1.0001 + 0.0001`` ``w2_length`` times, then backward, per engine."""
    n = cfg.w2_length

    def scalar(make: Callable[[float], Any]) -> Step:
        def step() -> float:
            leaf = make(1.0)
            out = wl.chain(leaf, n)
            out.backward()
            return float(leaf.grad)

        return step

    engines: dict[str, tuple[Step, int]] = {
        "lecture engine (baselines/lecture.py)": (scalar(LectureValue), 1),
        "minitorch_scalar Value": (scalar(Value), 1),
    }
    torch = _torch()
    if torch is not None:
        engines["torch, 0-d float64 tensors"] = (
            scalar(lambda v: torch.tensor(v, dtype=torch.float64, requires_grad=True)),
            1,
        )
    return engines


# ---- W3: tensor MLP -----------------------------------------------------------------------------------
def w3_engines(cfg: Config, batch: int, hidden: int) -> dict[str, tuple[Step, int]]:
    """Linear/Tanh MLP 2-h-h-1 with MSELoss and SGD on a (batch, 2) batch: ours and torch's."""
    X_np, y_np = wl.make_moons(batch)
    X_np = X_np.astype(np.float32)
    y_np = y_np.astype(np.float32).reshape(-1, 1)
    sizes = (2, hidden, hidden, 1)
    mats = [np.asarray(layer, dtype=np.float32) for layer in wl.init_weights(sizes)]
    block = 50 if batch * hidden <= 100 * 16 else 3
    engines: dict[str, tuple[Step, int]] = {}
    ours = _tensor_mlp_step(ms, mats, X_np, y_np)
    if ours is not None:
        engines["minitorch_scalar Tensor"] = (ours, block)
    else:
        cfg.notes.append("W3: the Tensor engine (nn.Linear/Tanh/MSELoss, optim.SGD) is not available; skipped.")
    torch = _torch()
    if torch is not None:
        engines["torch (float32)"] = (_tensor_mlp_step(torch, mats, X_np, y_np), block)  # type: ignore[assignment]
    return engines


def _tensor_mlp_step(lib: Any, mats: list[np.ndarray], X_np: np.ndarray, y_np: np.ndarray) -> Step | None:
    """The W3 step written once against a torch-like namespace (``lib`` is torch or minitorch_scalar)."""
    try:
        nn = lib.nn
        layers: list[Any] = []
        for i, m in enumerate(mats):
            lin = nn.Linear(m.shape[1] - 1, m.shape[0])
            with lib.no_grad():
                lin.weight.copy_(lib.tensor(m[:, :-1]))
                lin.bias.copy_(lib.tensor(m[:, -1]))
            layers.append(lin)
            if i < len(mats) - 1:
                layers.append(nn.Tanh())
        model = nn.Sequential(*layers)
        loss_fn = nn.MSELoss()
        opt = lib.optim.SGD(model.parameters(), lr=wl.LR)
        X, y = lib.tensor(X_np), lib.tensor(y_np)
    except (AttributeError, NotImplementedError, ImportError) as exc:
        print(f"note: tensor engine setup failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return None

    def step() -> float:
        opt.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        opt.step()
        return float(loss.item())

    return step


# ---- W4: memory ---------------------------------------------------------------------------------------
def bytes_per_node(make: Callable[[float], Any], n: int = 20_000) -> float:
    """tracemalloc bytes per node of a chain ``x = x * b`` (b a leaf, so one new node per op)."""
    b = make(1.0)
    x = make(1.0)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for _ in range(n):
        x = x * b
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return (after - before) / n


def peak_bytes(step: Step) -> int:
    """tracemalloc peak of one step (Python allocations only)."""
    gc.collect()
    tracemalloc.start()
    step()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def gc_seconds(step: Step, steps: int = 3) -> tuple[float, float]:
    """(seconds per step inside the cyclic GC, seconds per step in total), with default GC settings."""
    spent = [0.0]
    started = [0.0]

    def hook(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            spent[0] += time.perf_counter() - started[0]

    gc.collect()
    gc.callbacks.append(hook)
    try:
        t = time.perf_counter()
        for _ in range(steps):
            step()
        total = time.perf_counter() - t
    finally:
        gc.callbacks.remove(hook)
    return spent[0] / steps, total / steps


# ---- report -------------------------------------------------------------------------------------------
def _fmt(seconds: float) -> str:
    if math.isnan(seconds):
        return "-"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} us"


def table(title: str, rows: list[Row], refs: list[str], cpu: bool = False) -> str:
    """A markdown table: median/min/max per step and speed-ups (reference median / engine median); with
    ``cpu``, also the median CPU time per step and the speed-ups in CPU time."""
    ref_rows = [r for r in rows if any(r.engine.startswith(p) for p in refs)]
    head = ["engine", "median", "min", "max"] + [f"x vs {r.engine}" for r in ref_rows]
    if cpu:
        head += ["CPU median"] + [f"x vs {r.engine}, CPU time" for r in ref_rows]
    lines = [f"### {title}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        if r.error:
            cells = [r.engine, r.error] + [""] * (len(head) - 2)
        else:
            cells = [r.engine, _fmt(r.median), _fmt(min(r.samples)), _fmt(max(r.samples))]
            cells += [f"{ref.median / r.median:.2f}" if ref.samples else "-" for ref in ref_rows]
            if cpu:
                cells += [_fmt(r.cpu_median)]
                cells += [f"{ref.cpu_median / r.cpu_median:.2f}" if ref.cpu else "-" for ref in ref_rows]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def machine(cfg: Config) -> str:
    torch = _torch()
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    parts = [
        f"- CPU: {cpu}, {os.cpu_count()} logical cores; {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), numpy {np.__version__}, "
        + (f"torch {torch.__version__}" if torch is not None else "torch not installed (torch baselines skipped)"),
        f"- threads: torch.set_num_threads({cfg.threads}); numpy BLAS via OPENBLAS/OMP/MKL_NUM_THREADS="
        f"{os.environ.get('OPENBLAS_NUM_THREADS', '(default)')}",
        f"- load average when the run started: {' / '.join(f'{x:.1f}' for x in os.getloadavg())} (1/5/15 min)",
        f"- GC: Python defaults, thresholds {gc.get_threshold()}, enabled={gc.isenabled()}",
        f"- samples per engine: {cfg.repeats} (W2: {cfg.w2_repeats}, W3 small: {cfg.w3_repeats}), interleaved; "
        "one sample = an untimed "
        "gc.collect(), an untimed step (so timed steps pay for collecting their predecessors' garbage, as in "
        "a training loop; not for W2), then a timed block of steps",
    ]
    return "\n".join(parts) + "\n"


def run(cfg: Config) -> str:
    """Run everything and return the markdown report."""
    torch = _torch()
    if torch is not None:
        torch.set_num_threads(cfg.threads)
    else:
        cfg.notes.append("torch is not installed: torch baselines skipped (pip install 'minitorch-scalar[parity]').")
    out = ["## Machine", "", machine(cfg)]
    started = time.perf_counter()

    w1 = w1_engines(cfg)
    if "W1" in cfg.only:
        rows = measure(w1, cfg.repeats)
        refs = ["lecture", "torch, one", "torch vectorised"]
        out.append(table(f"W1: scalar MLP 2-16-16-1, {cfg.w1_points} two-moons points, one SGD step", rows, refs))
        lecture_gc, lecture_total = gc_seconds(w1["lecture engine (baselines/lecture.py)"][0], 2)
        value_gc, value_total = gc_seconds(w1["minitorch_scalar Value"][0], 3)
        out.append(
            f"Time inside Python's cyclic GC (gc.callbacks), per W1 step: lecture engine {_fmt(lecture_gc)} of "
            f"{_fmt(lecture_total)} ({100 * lecture_gc / lecture_total:.0f}%); Value {_fmt(value_gc)} of "
            f"{_fmt(value_total)} ({100 * value_gc / value_total:.0f}%).\n"
        )

    if "W2" in cfg.only:
        rows = measure(w2_engines(cfg), cfg.w2_repeats, steady=False)
        title = f"W2: deep chain, x = x * 1.0001 + 0.0001 repeated {cfg.w2_length:,} times, then backward"
        out.append(table(title, rows, ["lecture", "torch"]))

    for batch, hidden in ((100, 16), cfg.w3_large) if "W3" in cfg.only else ():
        w3 = w3_engines(cfg, batch, hidden)
        if "minitorch_scalar Tensor" in w3:
            rows = measure(w3, cfg.w3_repeats if (batch, hidden) == (100, 16) else cfg.repeats)
            out.append(table(f"W3: tensor MLP 2-{hidden}-{hidden}-1, batch {batch}, MSELoss + SGD step", rows,
                             ["torch"], cpu=True))

    if "W4" in cfg.only:
        out.append(memory_table(w1))
    if cfg.notes:
        out.append("Notes:\n\n" + "\n".join(f"- {n}" for n in cfg.notes) + "\n")
    out.append(f"Total benchmark time: {time.perf_counter() - started:.0f} s.\n")
    return "\n".join(out)


def memory_table(w1: dict[str, tuple[Step, int]]) -> str:
    """W4: tracemalloc bytes per node and the peak of one W1 step."""
    mem = ["### W4: memory", "", "| engine | bytes per binary-op node (tracemalloc) | peak of one W1 step |",
           "|---|---|---|"]
    mem.append(f"| lecture engine | {bytes_per_node(LectureValue):.0f} | "
               f"{peak_bytes(w1['lecture engine (baselines/lecture.py)'][0]) / 2**20:.1f} MiB |")
    mem.append(f"| minitorch_scalar Value | {bytes_per_node(Value):.0f} | "
               f"{peak_bytes(w1['minitorch_scalar Value'][0]) / 2**20:.1f} MiB |")
    mem.append(f"| minitorch_scalar trace() replay | (no nodes) | "
               f"{peak_bytes(w1['minitorch_scalar trace() replay'][0]) / 2**20:.1f} MiB |")
    mem.append("")
    mem.append("torch's tensors live in C++ memory that tracemalloc does not see, so torch has no row here.")
    return "\n".join(mem) + "\n"
