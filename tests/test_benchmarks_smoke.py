"""The benchmark suite runs (with and without torch), its baselines are faithful, and memory claims hold.

No timing is asserted anywhere: timings depend on the machine. Sizes here are tiny.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

import pytest

from benchmarks import __main__ as cli
from benchmarks import run, workloads
from benchmarks.baselines.lecture import LectureValue
from minitorch_scalar import Value


def test_moons_are_seeded_and_labelled() -> None:
    X, y = workloads.make_moons(10, seed=0)
    X2, _ = workloads.make_moons(10, seed=0)
    assert X.shape == (10, 2) and (X == X2).all()
    assert sorted(set(y.tolist())) == [-1.0, 1.0] and y.sum() == 0.0


def test_lecture_engine_and_value_take_the_same_sgd_step() -> None:
    X, y = workloads.make_moons(6)
    weights = workloads.init_weights((2, 3, 1))
    results = []
    for make in (LectureValue, Value):
        layers = workloads.scalar_params(make, weights)
        params = workloads.flat(layers)
        losses = [workloads.scalar_step(layers, params, X.tolist(), y.tolist()) for _ in range(2)]
        results.append((losses, [p.data for p in params]))
    (lecture_losses, lecture_params), (value_losses, value_params) = results
    assert value_losses == pytest.approx(lecture_losses, rel=1e-12)
    assert value_params == pytest.approx(lecture_params, rel=1e-12)
    assert value_params != [w for layer in weights for neuron in layer for w in neuron]  # the step moved them


def test_lecture_baseline_keeps_the_lectures_flaws() -> None:
    """Recursion in backward and a reference cycle per node: what the benchmarks measure against."""
    with pytest.raises(RecursionError):
        workloads.chain(LectureValue(1.0), 5000).backward()
    gc.collect()
    gc.disable()
    try:
        out = LectureValue(2.0) * LectureValue(3.0)
        ref = weakref.ref(out)
        del out
        assert ref() is not None  # kept alive by its own closure until the cyclic GC runs
    finally:
        gc.enable()
    gc.collect()
    assert ref() is None


def test_value_nodes_take_less_than_half_the_lectures_memory() -> None:
    value = run.bytes_per_node(Value, n=3000)
    lecture = run.bytes_per_node(LectureValue, n=3000)
    assert 0 < value <= lecture / 2


def test_measure_interleaves_and_reports_failures() -> None:
    calls: list[str] = []

    def ok() -> None:
        calls.append("ok")

    def deep() -> None:
        raise RecursionError

    rows = run.measure({"ok": (ok, 2), "deep": (deep, 1)}, repeats=3)
    by_name = {r.engine: r for r in rows}
    assert len(by_name["ok"].samples) == 3 and calls.count("ok") == 3 * (1 + 2)  # an untimed step per sample
    calls.clear()
    run.measure({"ok": (ok, 2)}, repeats=3, steady=False)
    assert calls.count("ok") == 3 * 2
    assert by_name["deep"].error.startswith("RecursionError") and not by_name["deep"].samples
    for refs in (["ok"], []):
        text = run.table("T", rows, refs)
        assert "| deep | RecursionError" in text
        widths = {line.count("|") for line in text.splitlines() if line.startswith("|")}
        assert len(widths) == 1  # every row has as many cells as the header
    assert "1.00" in run.table("T", rows, ["ok"])


def tiny(threads: int = 1) -> run.Config:
    return run.Config(False, threads, repeats=1, w1_points=4, w2_length=1500, w2_repeats=1, w3_large=(8, 4))


def test_report_without_torch_skips_torch_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run, "_torch", lambda: None)
    report = run.run(tiny())
    assert "torch is not installed" in report
    assert "torch, one" not in report and "torch (float32)" not in report
    for section in ("W1:", "W2:", "W4: memory", "minitorch_scalar trace() replay", "RecursionError"):
        assert section in report


def test_cli_writes_the_report(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: dict[str, Any] = {}

    def make(quick: bool, threads: int) -> run.Config:
        seen.update(quick=quick, threads=threads)
        return tiny(threads)

    monkeypatch.setattr(run, "_torch", lambda: None)
    monkeypatch.setattr(run.Config, "make", staticmethod(make))
    out = tmp_path / "report.md"
    assert cli.main(["--quick", "--output", str(out)]) == 0
    assert seen == {"quick": True, "threads": 1}
    assert out.read_text().startswith("Command: `python -m benchmarks --quick --output")
    with pytest.raises(SystemExit):
        cli.main(["--threads", "0"])
