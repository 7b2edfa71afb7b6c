"""Compare two programs' printed output number by number.

Each line is split into text and numbers (``1``, ``-0.5000``, ``1.2346e+08``, ``nan``, ``-inf``; digits
inside names such as ``float64`` or ``fc1`` are text). Two lines agree when their text is identical and
their numbers agree pairwise. Two printed numbers agree when

* they are within ``atol + rtol * |torch|`` of each other, or
* the one printed with more digits rounds to the other (``0.51493`` and ``0.5149``: torch prints
  tensors with 4 decimals), or
* both have the same printed precision with at least 4 significant digits and differ by one unit in
  the last place (``0.1234`` and ``0.1235``: two values a hair apart can round either side of a
  midpoint).

Integers printed without a point or exponent (``epoch 3``) are exact: they agree only within the
tolerances, and never with a number printed with a point or exponent (``3`` is not ``3.0``: an integer
result printed as a float is a dtype bug). The sign of a zero is not compared (``-0.`` and ``0.``:
whether a sum of products gives -0.0 depends on the BLAS kernel, in torch as in numpy). Object
addresses (``<SumBackward0 object at 0x7f...>``) differ from run to run and are not compared.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from minitorch_scalar.parity.report import close

ADDRESS = re.compile(r"\b0x[0-9a-fA-F]+\b")
"""An object address in a default repr; masked before comparing."""

NUMBER = re.compile(r"(?<![\w.])[-+]?(?:(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|nan|inf)(?![\w.])")
"""A number in printed text, not part of a name (``fc1``, ``float64``) or a dotted path."""


@dataclass(frozen=True)
class Printed:
    """A number as it was printed.

    Attributes:
        text: the characters printed.
        value: the number.
        unit: one unit in the last printed place (0.0 for integers, nan and inf: exact).
        digits: significant digits printed.
    """

    text: str
    value: float
    unit: float
    digits: int


def parse_number(text: str) -> Printed:
    """Read one printed number (as matched by :data:`NUMBER`)."""
    value = float(text)
    body = text.lstrip("+-").lower()
    if body in ("nan", "inf"):
        return Printed(text, value, 0.0, 0)
    mantissa, _, exponent = body.partition("e")
    if "." not in mantissa and not exponent:
        return Printed(text, value, 0.0, len(mantissa.lstrip("0")) or 1)
    whole, _, decimals = mantissa.partition(".")
    significant = (whole + decimals).lstrip("0")
    unit = 10.0 ** ((int(exponent) if exponent else 0) - len(decimals))
    return Printed(text, value, unit, len(significant) or 1)


def split_line(line: str) -> tuple[list[str], list[Printed]]:
    """The text between numbers (one more piece than numbers) and the numbers of one printed line."""
    texts: list[str] = []
    numbers: list[Printed] = []
    start = 0
    line = ADDRESS.sub("0x...", line)
    for m in NUMBER.finditer(line):
        texts.append(line[start : m.start()])
        numbers.append(parse_number(m.group()))
        start = m.end()
    texts.append(line[start:])
    return texts, numbers


def numbers_agree(ours: Printed, torch: Printed, rtol: float, atol: float) -> bool:
    """Whether two printed numbers agree (the rules in the module docstring)."""
    if _is_integer_text(ours) != _is_integer_text(torch):
        return False
    if close(ours.value, torch.value, rtol, atol):
        return True
    if not (math.isfinite(ours.value) and math.isfinite(torch.value)):
        return False
    coarse, fine = (ours, torch) if ours.unit >= torch.unit else (torch, ours)
    if coarse.unit == 0.0:
        return False
    diff = abs(ours.value - torch.value)
    slack = 1e-9 * coarse.unit
    if diff <= coarse.unit / 2 + slack:
        return True
    return ours.unit == torch.unit and coarse.digits >= 4 and diff <= coarse.unit + slack


def _is_integer_text(p: Printed) -> bool:
    """Printed as an integer: no point and no exponent (nan and inf are not integers)."""
    return p.unit == 0.0 and math.isfinite(p.value)


@dataclass(frozen=True)
class LineDiff:
    """A printed line that differs.

    Attributes:
        line: 1-based line number.
        ours: our line (None when our output has fewer lines).
        torch: torch's line (None when torch's output has fewer lines).
        reason: what differs.
    """

    line: int
    ours: str | None
    torch: str | None
    reason: str


@dataclass
class OutputComparison:
    """The result of comparing two outputs line by line.

    Attributes:
        lines: lines compared (the longer output's count).
        numbers: numbers compared.
        diffs: the lines that differ.
        max_abs_diff: the largest difference between paired finite numbers.
    """

    lines: int
    numbers: int
    diffs: list[LineDiff]
    max_abs_diff: float

    @property
    def ok(self) -> bool:
        """True when no line differs."""
        return not self.diffs


def compare_lines(ours: str, torch: str, rtol: float, atol: float) -> tuple[str | None, int, float]:
    """Compare one line pair: ``(reason or None, numbers compared, max abs diff)``."""
    our_texts, our_numbers = split_line(ours)
    torch_texts, torch_numbers = split_line(torch)
    if our_texts != torch_texts:
        return "the text differs", 0, 0.0
    worst = 0.0
    bad: list[str] = []
    for k, (a, b) in enumerate(zip(our_numbers, torch_numbers), start=1):
        if math.isfinite(a.value) and math.isfinite(b.value):
            worst = max(worst, abs(a.value - b.value))
        if not numbers_agree(a, b, rtol, atol):
            bad.append(f"number {k}: ours {a.text} vs torch {b.text} (diff {abs(a.value - b.value):.3g})")
    return ("; ".join(bad) or None), len(our_numbers), worst


def compare_outputs(ours: str, torch: str, rtol: float, atol: float) -> OutputComparison:
    """Compare two printed outputs line by line and number by number."""
    our_lines = ours.splitlines()
    torch_lines = torch.splitlines()
    diffs: list[LineDiff] = []
    numbers = 0
    worst = 0.0
    for i in range(max(len(our_lines), len(torch_lines))):
        a = our_lines[i] if i < len(our_lines) else None
        b = torch_lines[i] if i < len(torch_lines) else None
        if a is None or b is None:
            diffs.append(LineDiff(i + 1, a, b, "missing in " + ("our" if a is None else "torch's") + " output"))
            continue
        reason, count, line_worst = compare_lines(a, b, rtol, atol)
        numbers += count
        worst = max(worst, line_worst)
        if reason is not None:
            diffs.append(LineDiff(i + 1, a, b, reason))
    return OutputComparison(max(len(our_lines), len(torch_lines)), numbers, diffs, worst)
