"""``python -m benchmarks [--quick] [--threads N] [--output FILE]``: run the workloads, print the report."""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes and few repeats (CI smoke run)")
    parser.add_argument("--threads", type=int, default=1, help="threads for torch and numpy's BLAS (default 1)")
    parser.add_argument("--output", help="also write the report to this markdown file")
    parser.add_argument("--only", nargs="+", choices=["W1", "W2", "W3", "W4"], help="run only these workloads")
    args = parser.parse_args(argv)
    if args.threads < 1:
        parser.error("--threads must be at least 1")
    if "numpy" not in sys.modules:  # BLAS reads these once, when numpy is first imported
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.threads)

    from benchmarks.run import Config, run

    command = "python -m benchmarks" + "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    cfg = Config.make(args.quick, args.threads)
    if args.only:
        cfg.only = tuple(args.only)
    report = f"Command: `{command}`\n\n" + run(cfg)
    print(report)
    if args.output:
        with open(args.output, "w") as f:
            f.write(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
