"""The harness's logic, torch-free: our engine against itself or a relabelled copy of it."""

from __future__ import annotations

import types
from typing import Any

import numpy as np
import pytest

import minitorch_scalar
from minitorch_scalar.parity.harness import as_float64, compare_engines, input_names, upstream_gradient

OURS = minitorch_scalar


def _copy() -> types.ModuleType:
    """Another namespace with the same engine, so a function can tell the two runs apart."""
    other = types.ModuleType("other")
    other.__dict__.update(vars(minitorch_scalar))
    return other


OTHER = _copy()


def test_input_names_come_from_the_function() -> None:
    assert input_names(lambda x, w: x, 2, []) == ["x", "w"]
    assert input_names(lambda torch, x: x, 1, ["b"]) == ["x", "b"]
    assert input_names(lambda *xs: xs, 2, []) == ["arg0", "arg1"]


def test_upstream_is_seeded_signed_and_never_all_ones() -> None:
    rng = np.random.default_rng(0)
    u = upstream_gradient((2, 3), "random", rng)
    assert u.shape == (2, 3) and np.all((np.abs(u) >= 0.5) & (np.abs(u) <= 1.5))
    assert not np.all(u == 1.0) and (u < 0).any()
    assert np.array_equal(u, upstream_gradient((2, 3), "random", np.random.default_rng(0)))
    assert np.array_equal(upstream_gradient((2,), "ones", rng), np.ones(2))
    assert isinstance(upstream_gradient((), "random", rng), np.ndarray)


def test_bad_inputs_are_type_errors() -> None:
    with pytest.raises(TypeError, match="input 'x' must be a number"):
        as_float64("abc", "x")
    with pytest.raises(ValueError, match="upstream must be one of"):
        compare_engines(lambda x: x, OURS, OTHER, [1.0], {}, upstream="zeros")


def test_same_engine_agrees_with_itself() -> None:
    report = compare_engines(lambda x, w: (x * w).tanh(), OURS, OTHER, [[1.0, -2.0], [0.5, 0.25]], {})
    assert report.ok, report.format()
    assert [e.where for e in report.entries] == [
        "output out[0]", "output out[1]", "grad x[0]", "grad x[1]", "grad w[0]", "grad w[1]",
    ]


def test_shape_and_value_differences_are_reported() -> None:
    def fn(torch: Any, x: Any) -> Any:
        return x.sum() if torch is OURS else x

    report = compare_engines(fn, OURS, OTHER, [[1.0, 2.0]], {})
    assert report.problems == ["out: shape [] in ours, [2] in torch"]

    def off(torch: Any, x: Any) -> Any:
        return (x * 3.0 if torch is OURS else x * 2.0).sum()

    report = compare_engines(off, OURS, OTHER, [[1.0, 2.0]], {})
    assert {e.where for e in report.mismatches} == {"output out", "grad x[0]", "grad x[1]"}
    assert report.diagnosis == ["the forward outputs differ: fix the forward first (gradients follow from it)"]


def test_a_missing_gradient_is_a_mismatch() -> None:
    def fn(torch: Any, x: Any, y: Any) -> Any:
        return (x * y.detach() if torch is OURS else x * y).sum()

    report = compare_engines(fn, OURS, OTHER, [[1.0, 2.0], [3.0, 4.0]], {})
    assert [e.where for e in report.mismatches] == ["grad y"]
    assert report.mismatches[0].ours is None


def test_nondeterminism_and_exceptions_are_problems() -> None:
    report = compare_engines(lambda torch, x: x * torch.rand(()), OURS, OTHER, [1.0], {})
    assert "ours: a second run of the same inputs gave different results (nondeterminism)" in report.problems

    def fails(torch: Any, x: Any) -> Any:
        if torch is OURS:
            raise ValueError("planted")
        return x

    report = compare_engines(fails, OURS, OTHER, [1.0], {})
    assert report.problems == ["fn raised: torch: nothing; ours: ValueError: planted"]
