"""01: the derivative from first principles.

The slope of f at x is the limit of (f(x + h) - f(x)) / h as h shrinks. We check it against the
calculus answer f'(x) = 6x - 4, plot f with its tangent lines, and see why h cannot be too small:
floating point numbers have about 16 significant digits, so f(x + h) - f(x) loses them all.

Run: python examples/01_derivative.py
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from _common import save_figure

from minitorch_scalar import numerical_grad


def f(x: float) -> float:
    """The lecture's parabola."""
    return 3 * x**2 - 4 * x + 5


def slope(x: float, h: float) -> float:
    """The first-principles estimate: rise over run for a step h."""
    return (f(x + h) - f(x)) / h


def main() -> None:
    print("f(x) = 3x^2 - 4x + 5, so by the rules f'(x) = 6x - 4")
    print(f"{'x':>8} {'(f(x+h)-f(x))/h, h=1e-6':>26} {'6x - 4':>10}")
    for x in (3.0, 2.0, 0.0, -1.0, 2 / 3):
        print(f"{x:8.4f} {slope(x, 1e-6):26.6f} {6 * x - 4:10.4f}")
    print("at x = 2/3 the slope is 0: the bottom of the parabola")

    central = numerical_grad(f, 3.0)[0]
    print(f"central difference (f(x+h) - f(x-h)) / 2h at x=3: {central:.10f} (exact 14)")

    print("\nwhat too small an h does, at x = 3 (exact slope 14):")
    hs = [10.0**-k for k in range(1, 21)]
    errors = []
    for h in hs:
        est = slope(3.0, h)
        errors.append(abs(est - 14.0))
        note = "  <- 3 + h rounds to 3: the step vanished" if 3.0 + h == 3.0 else ""
        print(f"  h = {h:7.0e}: slope {est:22.12f}  error {abs(est - 14.0):9.2e}{note}")
    best = hs[int(np.argmin(errors))]
    print(f"the best h here is about {best:.0e}: smaller steps lose digits to rounding, larger ones to curvature")

    xs = np.arange(-5, 5, 0.25)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
    ax1.plot(xs, f(xs), label="f(x) = 3x² - 4x + 5")
    for x0 in (-2.0, 2 / 3, 3.0):
        s = slope(x0, 1e-6)
        ax1.plot(xs, f(x0) + s * (xs - x0), "--", linewidth=1, label=f"tangent at {x0:.2f}: slope {s:.2f}")
        ax1.plot([x0], [f(x0)], "o", color="black")
    ax1.set_ylim(-10, 110)
    ax1.set_title("f and its slope")
    ax1.legend(fontsize=8)
    ax1.grid(True)
    ax2.loglog(hs, [max(e, 1e-17) for e in errors], "o-")
    ax2.set_xlabel("step h")
    ax2.set_ylabel("|estimate - 14|")
    ax2.set_title("one-sided difference error at x = 3")
    ax2.grid(True, which="both")
    save_figure(fig, "01_derivative.png")


if __name__ == "__main__":
    main()
