"""ParityReport: comparisons, ordering, text and JSON (torch-free)."""

from __future__ import annotations

import json
import math

import pytest

from minitorch_scalar.parity.report import ParityError, ParityReport, close, differences, make_entry


@pytest.mark.parametrize(
    "ours, torch, expected",
    [
        (1.0, 1.0, True),
        (1.0 + 1e-12, 1.0, True),
        (1.0 + 1e-8, 1.0, False),
        (math.nan, math.nan, True),
        (math.nan, 1.0, False),
        (math.inf, math.inf, True),
        (math.inf, -math.inf, False),
        (None, None, True),
        (None, 0.0, False),
        (0.0, -0.0, True),
        (1e-13, 0.0, True),
    ],
)
def test_close(ours: float | None, torch: float | None, expected: bool) -> None:
    assert close(ours, torch, 1e-10, 1e-12) is expected


def test_differences() -> None:
    assert differences(3.0, 2.0) == (1.0, 0.5)
    assert differences(1.0, 0.0) == (1.0, math.inf)
    assert differences(None, 1.0) == (math.inf, math.inf)


def _report() -> ParityReport:
    r = ParityReport(rtol=1e-10, atol=1e-12, title="t")
    r.entries.append(make_entry("output", "out", (), 2.0, 2.0, r.rtol, r.atol))
    r.entries.append(make_entry("grad", "x", (1,), 0.5, 0.25, r.rtol, r.atol, numeric=0.25))
    r.entries.append(make_entry("grad", "x", (0,), None, 1.0, r.rtol, r.atol))
    return r


def test_report_orders_worst_first_and_marks_mismatches() -> None:
    r = _report()
    assert not r.ok
    assert [e.where for e in r.mismatches] == ["grad x[0]", "grad x[1]"]
    lines = r.format().splitlines()
    assert lines[0].startswith("t: MISMATCH: 3 numbers compared, 2 mismatched")
    assert lines[1].startswith("!! grad x[0]") and "ours=None" in lines[1]
    assert "numeric=0.25 (ours disagrees with it)" in lines[2]
    assert lines[3].startswith("   output out")


def test_report_limit_and_ok() -> None:
    r = _report()
    assert r.format(limit=1).splitlines()[-1] == "   ... 2 more lines"
    good = ParityReport()
    good.entries.append(make_entry("output", "out", (), 1.0, 1.0, 1e-10, 1e-12))
    assert good.ok and good.max_abs_diff == 0.0


def test_problems_make_a_report_fail() -> None:
    r = ParityReport(problems=["out: shape [2] in ours, [3] in torch"])
    assert not r.ok and "problem: out: shape" in r.format()


def test_to_dict_is_json_ready() -> None:
    d = json.loads(json.dumps(_report().to_dict()))
    assert d["ok"] is False and d["max_abs_diff"] == "inf"
    assert d["entries"][0]["index"] == [0] and d["entries"][0]["ours"] is None


def test_parity_error_is_an_assertion_error_carrying_the_report() -> None:
    r = _report()
    err = ParityError(r)
    assert isinstance(err, AssertionError) and err.report is r and str(err) == r.format()
