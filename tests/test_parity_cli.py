"""The torch-import mapping, ``run``, the command dispatcher and the registry gradcheck (torch-free)."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

import pytest

import minitorch_scalar
from minitorch_scalar import ops
from minitorch_scalar.__main__ import main
from minitorch_scalar.importmap import target_name, torch_as_minitorch
from minitorch_scalar.parity.cli import check_op_locals, run_script


def test_target_names() -> None:
    assert target_name("torch") == "minitorch_scalar"
    assert target_name("torch.nn.functional") == "minitorch_scalar.nn.functional"
    assert target_name("torchvision") is None
    assert target_name("numpy") is None


def test_imports_are_mapped_and_undone() -> None:
    before = {k: v for k, v in sys.modules.items() if k == "torch" or k.startswith("torch.")}
    with torch_as_minitorch():
        import torch
        import torch.nn as nn

        assert torch is minitorch_scalar
        assert nn is minitorch_scalar.nn
        assert minitorch_scalar.__spec__ is not None and minitorch_scalar.__spec__.name == "minitorch_scalar"
    after = {k: v for k, v in sys.modules.items() if k == "torch" or k.startswith("torch.")}
    assert after == before


def test_a_submodule_without_counterpart_names_itself() -> None:
    with torch_as_minitorch(), pytest.raises(ModuleNotFoundError, match="torch.no_such_module"):
        import torch.no_such_module  # noqa: F401


def _script(tmp_path: Path, body: str) -> str:
    path = tmp_path / "script.py"
    path.write_text(body)
    return str(path)


def test_run_script_maps_torch_and_passes_argv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _script(tmp_path, "import sys, torch\nprint(torch.__name__, sys.argv[1:], __name__)\n")
    assert run_script(path, ["--lr", "0.1"]) == 0
    assert capsys.readouterr().out == "minitorch_scalar ['--lr', '0.1'] __main__\n"


def test_run_script_returns_the_exit_status(tmp_path: Path) -> None:
    assert run_script(_script(tmp_path, "import sys\nsys.exit(3)\n")) == 3
    assert run_script(_script(tmp_path, "raise SystemExit\n")) == 0


def test_run_script_lets_exceptions_through(tmp_path: Path) -> None:
    with pytest.raises(ZeroDivisionError):
        run_script(_script(tmp_path, "1 / 0\n"))


def test_main_dispatch_and_usage(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main([]) == 2
    assert main(["--help"]) == 0 and "run SCRIPT.py" in capsys.readouterr().out
    assert main(["nope"]) == 2 and "unknown command 'nope'" in capsys.readouterr().err
    path = _script(tmp_path, "import torch.nn\nprint(torch.nn.__name__)\n")
    assert main(["run", path]) == 0 and capsys.readouterr().out == "minitorch_scalar.nn\n"


def test_gradcheck_command_passes_on_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gradcheck", "--points", "5"]) == 0
    out = capsys.readouterr().out
    assert all(f"{name} " in out for name in ops.REGISTRY)
    assert main(["gradcheck", "--op", "nope"]) == 2


def test_registry_gradcheck_catches_a_broken_local() -> None:
    good = ops.REGISTRY["tanh"]

    def wrong(m: Any, out: Any, x: Any) -> Any:
        return 1.0 - out

    result = check_op_locals(dataclasses.replace(good, local=(wrong,)), points=5, seed=0)
    assert len(result.failures) == 5 and result.max_error > 0.1
    assert not check_op_locals(good, points=5, seed=0).failures


def test_demo_command_passes_its_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["demo", "--help"])
    assert info.value.code == 0 and "python -m minitorch_scalar demo" in capsys.readouterr().out
