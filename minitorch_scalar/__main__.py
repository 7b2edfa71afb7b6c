"""``python -m minitorch_scalar COMMAND ...``.

Commands:
    run SCRIPT.py [args]       run a PyTorch script unmodified, its ``torch`` imports mapped onto minitorch_scalar
    parity SCRIPT.py [options] [-- args]
                               run the script with real torch and with ours; compare what they print
    gradcheck [--op NAME ...]  check every registry op's local derivatives against central differences
    demo [args]                the lecture's demo (minitorch_scalar.demo)
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

USAGE = __doc__ or ""


def _parity(argv: list[str]) -> int:
    from minitorch_scalar.parity.cli import SCRIPT_ATOL, SCRIPT_RTOL, parity_main

    script_args: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, script_args = argv[:cut], argv[cut + 1 :]
    parser = argparse.ArgumentParser(
        prog="python -m minitorch_scalar parity",
        description="Run SCRIPT with real torch and with minitorch_scalar; compare everything it prints.",
    )
    parser.add_argument("script")
    parser.add_argument("--rtol", type=float, default=SCRIPT_RTOL, help=f"relative tolerance (default {SCRIPT_RTOL})")
    parser.add_argument("--atol", type=float, default=SCRIPT_ATOL, help=f"absolute tolerance (default {SCRIPT_ATOL})")
    parser.add_argument("--json", metavar="FILE", default=None, help="also write the comparison as JSON")
    ns = parser.parse_args(argv)
    return parity_main(ns.script, script_args, ns.rtol, ns.atol, ns.json)


def _run(argv: list[str]) -> int:
    from minitorch_scalar.parity.cli import run_script

    if not argv or argv[0] in ("-h", "--help"):
        print("usage: python -m minitorch_scalar run SCRIPT.py [args ...]")
        return 0 if argv else 2
    return run_script(argv[0], argv[1:])


def _gradcheck(argv: list[str]) -> int:
    from minitorch_scalar.parity.cli import gradcheck_main

    parser = argparse.ArgumentParser(
        prog="python -m minitorch_scalar gradcheck",
        description="Check each registry op's local derivatives against central differences (no torch needed).",
    )
    parser.add_argument("--op", action="append", default=None, help="check only this op (repeatable)")
    parser.add_argument("--points", type=int, default=20, help="random points per op (default 20)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ns = parser.parse_args(argv)
    return gradcheck_main(ns.op, ns.points, ns.seed)


def _demo(argv: list[str]) -> int:
    demo = importlib.import_module("minitorch_scalar.demo")
    result = demo.main(argv)
    return result if isinstance(result, int) else 0


COMMANDS = {"run": _run, "parity": _parity, "gradcheck": _gradcheck, "demo": _demo}


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to a command; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if args else 2
    command = COMMANDS.get(args[0])
    if command is None:
        print(f"unknown command {args[0]!r}; expected one of: {', '.join(COMMANDS)}\n\n{USAGE}", file=sys.stderr)
        return 2
    return command(args[1:])


if __name__ == "__main__":
    sys.exit(main())
