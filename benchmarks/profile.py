"""``python -m benchmarks.profile [engine]``: cProfile a few W1 steps of one engine, top functions by own time.

Engines: ``value`` (default), ``tape``, ``lecture``. The GC's share is printed too (cProfile cannot
see it: collections run inside whatever allocation triggers them).
"""

from __future__ import annotations

import cProfile
import pstats
import sys

from benchmarks import run
from benchmarks import workloads as wl

NAMES = {
    "value": "minitorch_scalar Value",
    "tape": "minitorch_scalar trace() replay",
    "lecture": "lecture engine (baselines/lecture.py)",
}


def main(argv: list[str]) -> int:
    engine = argv[0] if argv else "value"
    if engine not in NAMES:
        print(f"usage: python -m benchmarks.profile [{'|'.join(NAMES)}]", file=sys.stderr)
        return 2
    cfg = run.Config.make(quick=False, threads=1)
    step = {k: v for k, v in run.w1_engines(cfg).items() if not k.startswith("torch")}[NAMES[engine]][0]
    step()
    gc_time, total = run.gc_seconds(step, 3)
    print(f"{NAMES[engine]}: {total * 1e3:.1f} ms per step, {gc_time * 1e3:.1f} ms of it in the cyclic GC")
    steps = 3 if engine != "tape" else 50
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(steps):
        step()
    profiler.disable()
    print(f"cProfile over {steps} steps ({wl.SIZES} MLP, {cfg.w1_points} points):")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(12)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
