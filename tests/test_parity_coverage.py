"""docs/parity.md is generated from the registry and the suite, and the committed file is current."""

from __future__ import annotations

from pathlib import Path

import pytest

from minitorch_scalar import ops
from minitorch_scalar.parity import coverage, known

DOC = Path(__file__).resolve().parents[1] / "docs" / "parity.md"


def test_committed_docs_parity_md_is_up_to_date() -> None:
    assert DOC.read_text() == coverage.render(), (
        "docs/parity.md is stale: run `python -m minitorch_scalar.parity.coverage > docs/parity.md`"
    )


def test_every_registry_op_has_a_row() -> None:
    rows = coverage.op_rows()[2:]
    assert [r.split("|")[1].strip() for r in rows] == [f"`{name}`" for name in ops.REGISTRY]


def test_known_differences_are_listed_per_op(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(known.VALUE_SPECIAL, "div-input1=1e-300", "value reason")
    monkeypatch.setitem(known.TENSOR_SPECIAL, "div-input1", "tensor reason")
    monkeypatch.setitem(known.TENSOR_SPECIAL, "divx-input1", "another op")
    assert known.for_op("div") == ["div-input1=1e-300: value reason", "div-input1: tensor reason"]
    assert known.for_op("tanh") == []
    assert all(item.startswith("- `") for item in coverage.known_rows())
