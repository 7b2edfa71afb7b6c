"""The stored lists of torch.nn / torch.nn.functional names are real torch's, and every name of ours that
torch also has resolves (no MissingTorchFeature for a name we provide)."""

from __future__ import annotations

import inspect

import pytest

torch = pytest.importorskip("torch")

import minitorch_scalar as mt  # noqa: E402
from minitorch_scalar.nn._torch_names import TORCH_FUNCTIONAL_NAMES, TORCH_NN_NAMES  # noqa: E402


def test_nn_names_are_torchs() -> None:
    assert {n for n in dir(torch.nn) if not n.startswith("_")} == TORCH_NN_NAMES


def test_functional_names_are_torch_functions() -> None:
    for name in TORCH_FUNCTIONAL_NAMES:
        value = getattr(torch.nn.functional, name)
        assert callable(value) and not inspect.isclass(value), name


def test_missing_names_are_reported_as_missing_features() -> None:
    for name in sorted(TORCH_NN_NAMES):
        try:
            getattr(mt.nn, name)
        except mt.MissingTorchFeature as exc:
            assert f"torch.nn.{name} " in str(exc)
