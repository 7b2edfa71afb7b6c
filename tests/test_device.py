"""CPU-only answers to device questions: torch.device, torch.cuda, torch.accelerator, .to(device)."""

from __future__ import annotations

import pytest

import minitorch_scalar as torch


def test_device_objects() -> None:
    d = torch.device("cpu")
    assert repr(d) == "device(type='cpu')" and str(d) == "cpu" and d.type == "cpu" and d.index is None
    assert d == torch.device("cpu") and d != "cpu"
    assert repr(torch.device("cuda:0")) == "device(type='cuda', index=0)"
    assert str(torch.device("cuda", 1)) == "cuda:1"
    assert torch.device(d) == d and len({d, torch.device("cpu")}) == 1


def test_device_errors() -> None:
    with pytest.raises(RuntimeError, match="device type at start of device string: gpu"):
        torch.device("gpu")
    with pytest.raises(RuntimeError, match="Invalid device string"):
        torch.device("cuda:x")
    with pytest.raises(TypeError):
        torch.device(3.5)


def test_the_usual_device_selection_idioms_pick_the_cpu() -> None:
    assert str(torch.device("cuda" if torch.cuda.is_available() else "cpu")) == "cpu"
    picked = torch.accelerator.current_accelerator().type if torch.accelerator.is_available() else "cpu"
    assert picked == "cpu"
    assert torch.cuda.device_count() == 0 and torch.accelerator.device_count() == 0
    torch.cuda.manual_seed(0)
    torch.cuda.manual_seed_all(0)


def test_tensors_and_modules_move_to_the_cpu_only() -> None:
    x = torch.ones(2)
    assert x.to("cpu") is x and x.to(torch.device("cpu")) is x and str(x.device) == "cpu"
    assert torch.zeros(2, device="cpu").tolist() == [0.0, 0.0]
    with pytest.raises(AssertionError, match="Torch not compiled with CUDA enabled"):
        x.to("cuda")
    with pytest.raises(AssertionError, match="Torch not compiled with CUDA enabled"):
        torch.zeros(2, device="cuda")
    with pytest.raises(AssertionError, match="Torch not compiled with CUDA enabled"):
        torch.cuda.current_device()


def test_math_constants_are_torchs() -> None:
    import math

    assert (torch.pi, torch.e, torch.inf) == (math.pi, math.e, math.inf) and math.isnan(torch.nan)


def test_seed_everything_boilerplate_runs() -> None:
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False
    assert not torch.backends.cudnn.is_available() and not torch.backends.mps.is_available()
    assert not torch.backends.mps.is_built() and not torch.backends.cuda.is_built()
    assert torch.are_deterministic_algorithms_enabled() is False
    torch.use_deterministic_algorithms(True)
    try:
        assert torch.are_deterministic_algorithms_enabled() is True
    finally:
        torch.use_deterministic_algorithms(False)
    with pytest.raises(TypeError):
        torch.use_deterministic_algorithms("yes")  # type: ignore[arg-type]
