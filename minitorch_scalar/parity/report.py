"""Parity reports: element-by-element comparisons of our numbers with torch's.

A :class:`ParityReport` holds one :class:`Entry` per compared number (an output element, a gradient
element, a node's data or grad), the tolerances, structural problems (shape or type mismatches, an
exception in one engine only, a second run that differs) and a diagnosis (which op is to blame).

Two numbers ``ours`` and ``torch`` agree when

* both are None (no gradient in either engine), or
* both are nan, or both are the same infinity, or
* ``|ours - torch| <= atol + rtol * |torch|`` (``torch.allclose``'s rule, with torch as reference).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

DEFAULT_RTOL = 1e-10
"""Engine-versus-engine relative tolerance in float64: both engines evaluate the same formulas, so
they differ only by rounding in a different evaluation order (a few ulps, about 1e-16 relative)."""

DEFAULT_ATOL = 1e-12
"""Engine-versus-engine absolute tolerance in float64, for results that should be 0."""


@dataclass(frozen=True)
class Entry:
    """One compared number.

    Attributes:
        kind: what was compared: ``'output'``, ``'grad'`` or ``'data'``.
        name: the output's / input's / node's name.
        index: the element's index (``()`` for a scalar).
        ours: our value (None for a missing gradient).
        torch: torch's value (None for a missing gradient).
        abs_diff: ``|ours - torch|`` (0 when both agree on nan/inf/None, inf when they disagree on them).
        rel_diff: ``abs_diff / |torch|`` (inf when torch is 0 and the values differ).
        ok: whether the two agree within the tolerances.
        numeric: a central-difference estimate of the gradient, when one was asked for.
    """

    kind: str
    name: str
    index: tuple[int, ...]
    ours: float | None
    torch: float | None
    abs_diff: float
    rel_diff: float
    ok: bool
    numeric: float | None = None

    @property
    def where(self) -> str:
        """``kind name[index]``, e.g. ``grad x[1]``."""
        idx = "[" + ", ".join(str(i) for i in self.index) + "]" if self.index else ""
        return f"{self.kind} {self.name}{idx}"


def differences(ours: float | None, torch: float | None) -> tuple[float, float]:
    """``(abs_diff, rel_diff)`` of two numbers, with nan/inf/None handled as described above."""
    if ours is None or torch is None:
        return (0.0, 0.0) if ours is None and torch is None else (math.inf, math.inf)
    if math.isnan(ours) or math.isnan(torch):
        return (0.0, 0.0) if math.isnan(ours) and math.isnan(torch) else (math.inf, math.inf)
    if math.isinf(ours) or math.isinf(torch):
        return (0.0, 0.0) if ours == torch else (math.inf, math.inf)
    diff = abs(ours - torch)
    if diff == 0.0:
        return 0.0, 0.0
    return diff, (diff / abs(torch) if torch != 0.0 else math.inf)


def close(ours: float | None, torch: float | None, rtol: float, atol: float) -> bool:
    """Whether ``ours`` matches ``torch``: ``|ours - torch| <= atol + rtol * |torch|`` (nan/inf/None exact)."""
    diff, _ = differences(ours, torch)
    if diff == 0.0:
        return True
    if math.isinf(diff):
        return False
    return diff <= atol + rtol * abs(torch)  # type: ignore[arg-type]


def make_entry(
    kind: str,
    name: str,
    index: tuple[int, ...],
    ours: float | None,
    torch: float | None,
    rtol: float,
    atol: float,
    numeric: float | None = None,
) -> Entry:
    """Compare two numbers and record the result."""
    abs_diff, rel_diff = differences(ours, torch)
    return Entry(kind, name, index, ours, torch, abs_diff, rel_diff, close(ours, torch, rtol, atol), numeric)


def _fmt(x: float | None) -> str:
    return "None" if x is None else repr(x)


@dataclass
class ParityReport:
    """The result of a parity check.

    Attributes:
        entries: one per compared number, in the order they were compared.
        rtol: the relative tolerance used.
        atol: the absolute tolerance used.
        problems: structural mismatches found before or instead of element comparisons.
        diagnosis: hints naming the op most likely to be wrong.
        title: what was checked (shown in the first line of :meth:`format`).
    """

    entries: list[Entry] = field(default_factory=list)
    rtol: float = DEFAULT_RTOL
    atol: float = DEFAULT_ATOL
    problems: list[str] = field(default_factory=list)
    diagnosis: list[str] = field(default_factory=list)
    title: str = "parity"

    @property
    def ok(self) -> bool:
        """True when there are no problems and every entry agrees."""
        return not self.problems and all(e.ok for e in self.entries)

    @property
    def mismatches(self) -> list[Entry]:
        """The entries that disagree, worst first."""
        return [e for e in self.sorted_entries() if not e.ok]

    @property
    def max_abs_diff(self) -> float:
        """The largest ``abs_diff`` over all entries (0.0 when there are none)."""
        return max((e.abs_diff for e in self.entries), default=0.0)

    def sorted_entries(self) -> list[Entry]:
        """Entries worst first: mismatches before matches, then by decreasing abs and rel diff."""
        return sorted(self.entries, key=lambda e: (e.ok, -e.abs_diff, -e.rel_diff))

    def summary(self) -> str:
        """One line: verdict, counts, worst difference and tolerances."""
        verdict = "OK" if self.ok else "MISMATCH"
        bad = sum(not e.ok for e in self.entries)
        return (
            f"{self.title}: {verdict}: {len(self.entries)} numbers compared, {bad} mismatched, "
            f"{len(self.problems)} problems, max abs diff {self.max_abs_diff:.3g} "
            f"(rtol={self.rtol:g}, atol={self.atol:g})"
        )

    def format(self, limit: int | None = None) -> str:
        """The report as text: summary, problems, diagnosis, then one line per number, worst first.

        Mismatched lines start with ``!!``. ``limit`` caps the number of per-number lines.

        Args:
            limit: the most per-number lines to show (None: all).
        """
        lines = [self.summary()]
        lines += [f"  problem: {p}" for p in self.problems]
        lines += [f"  diagnosis: {d}" for d in self.diagnosis]
        rows = self.sorted_entries()
        shown = rows if limit is None else rows[:limit]
        width = max((len(e.where) for e in shown), default=0)
        for e in shown:
            mark = "  " if e.ok else "!!"
            line = (
                f"{mark} {e.where:<{width}}  ours={_fmt(e.ours)}  torch={_fmt(e.torch)}  "
                f"abs={e.abs_diff:.3g}  rel={e.rel_diff:.3g}"
            )
            if e.numeric is not None:
                line += f"  numeric={e.numeric!r} ({_numeric_verdict(e)})"
            lines.append(line)
        if len(shown) < len(rows):
            lines.append(f"   ... {len(rows) - len(shown)} more lines")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (non-finite floats are written as the strings ``'nan'``, ``'inf'``, ``'-inf'``)."""
        return _jsonable(
            {
                "title": self.title,
                "ok": self.ok,
                "rtol": self.rtol,
                "atol": self.atol,
                "max_abs_diff": self.max_abs_diff,
                "problems": list(self.problems),
                "diagnosis": list(self.diagnosis),
                "entries": [dict(asdict(e), index=list(e.index)) for e in self.sorted_entries()],
            }
        )


def _numeric_verdict(e: Entry) -> str:
    """Which engine agrees with the central difference (within rtol 1e-6, atol 1e-8)."""
    num = e.numeric
    ours_ok = close(e.ours, num, 1e-6, 1e-8)
    torch_ok = close(e.torch, num, 1e-6, 1e-8)
    if ours_ok and torch_ok:
        return "both agree with it"
    if ours_ok:
        return "torch disagrees with it"
    if torch_ok:
        return "ours disagrees with it"
    return "neither agrees with it"


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, float) and not math.isfinite(obj):
        return repr(obj)
    if isinstance(obj, dict):
        return {k: _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    return obj


class ParityError(AssertionError):
    """Raised by ``assert_parity`` / ``assert_graph``; the message is the full report.

    Attributes:
        report: the :class:`ParityReport`.
    """

    def __init__(self, report: ParityReport) -> None:
        super().__init__(report.format())
        self.report = report
